"""A one-time index of the words a Hunspell dictionary accepts, so that known words never
open Hunspell.

Opening Hunspell's en_US and en_GB through Enchant costs a short command most of its
start-up and a long check a good part of its time (``python -m bench.startup``,
``python -m bench.glossary``). The words they
accept are their ``.dic`` stems with the ``.aff`` file's prefixes and suffixes: the first use
expands them once into an SQLite index in the cache folder (``$WORKBENCH_CACHE_DIR``, else
``$XDG_CACHE_HOME/workbench``), named by the dictionary files' paths, sizes and times, so an
updated dictionary gets a new index. After that a word is one indexed query or three.

The index decides only what it can decide exactly as Hunspell does:

* words of letters (ASCII and Latin-1, whose capitals Python and Hunspell write alike) with
  inner apostrophes; anything else (digits: ordinals come from ``COMPOUNDRULE``; hyphens:
  Hunspell's ``BREAK``; other scripts) is Hunspell's to judge;
* Hunspell's case rules: a lower-case word only as listed; a capitalised one as listed or
  lower-cased; an all-capital one as listed, lower-cased or capitalised, and the capitals
  of mixed-case forms (``IPOD``, not ``CD'S``) as Hunspell itself said when the index was
  built;
* only affix files whose every directive is understood here (no ``KEEPCASE``,
  ``NEEDAFFIX``, two-level affixes, compound flags on words of letters, other encodings),
  and only while Enchant's personal word lists for the dictionary are empty; otherwise
  every word goes to Hunspell.

tests/test_spelling_index.py holds the verdicts identical to Hunspell's on every form of
both dictionaries and on every word of real translations.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from workbench.adapters.cache_folder import cache_root
from workbench.adapters.sqlite_index import write_index
from workbench.domain.patterns import when_used
from workbench.errors import UserError

#: The index's layout and rules; a new one builds new indexes.
SCHEMA = 1
#: Enchant hands Hunspell no longer word (bytes).
MAX_WORD_BYTES = 100
_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00de\u00e0-\u00f6\u00f8-\u00fe"
_PART = f"[{_LETTER}](?:[{_LETTER}'.]*[{_LETTER}'])?|[0-9]+(?:[.,][0-9]+)*"
#: The words the index judges: parts of letters (inner dots and apostrophes) or of
#: digits, joined by single hyphens.
_SIMPLE = re.compile(f"(?:{_PART})(?:-(?:{_PART}))*")
#: What Hunspell accepts as a number before any dictionary: digits, single separators.
_NUMBER = re.compile(r"[0-9]+(?:[.,-][0-9]+)*")
#: Hunspell gives up breaking a word at this many hyphens.
_MAX_BREAKS = 10
#: Affix-file directives that change no verdict on a word of letters (suggestions,
#: tokenising, metadata), or that are read here.
_UNDERSTOOD = frozenset(
    {"SET", "TRY", "ICONV", "NOSUGGEST", "COMPOUNDMIN", "ONLYINCOMPOUND", "COMPOUNDRULE",
     "WORDCHARS", "REP", "MAP", "PHONE", "KEY", "PFX", "SFX", "NAME", "VERSION", "HOME",
     "MAXNGRAMSUGS", "NOSPLITSUGS", "MAXDIFF", "ONLYMAXDIFF", "MAXCPDSUGS", "SUGSWITHDOTS"}
)  # fmt: skip
_MORPHOLOGY = when_used(r"[ \t]\S\S:")


class DictionaryFiles(NamedTuple):
    """A Hunspell dictionary as Enchant's Hunspell provider finds it."""

    aff: Path
    dic: Path


def _config_dir() -> Path:
    """Enchant's own configuration folder (its personal word lists, user dictionaries)."""
    own = os.environ.get("ENCHANT_CONFIG_DIR")
    if own:
        return Path(own)
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "enchant"


def dictionary_files(tag: str) -> DictionaryFiles | None:
    """The ``.aff``/``.dic`` pair Enchant's Hunspell provider opens for ``tag`` (en_US),
    searched where it searches: its configuration folder, the XDG data folders, Enchant's
    and Hunspell's shared folders."""
    data = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    folders = [
        _config_dir() / "hunspell",
        *(Path(d) / "hunspell" for d in data.split(os.pathsep) if d),
        Path("/usr/share/enchant/hunspell"),
        Path("/usr/share/hunspell"),
    ]
    for folder in folders:
        dic, aff = folder / f"{tag}.dic", folder / f"{tag}.aff"
        if dic.is_file() and aff.is_file():
            return DictionaryFiles(aff, dic)
    return None


def personal_lists_empty(tag: str) -> bool:
    """Enchant adds its personal word list (``tag.dic``) and exclusions (``tag.exc``) to
    the dictionary's verdicts; the index knows neither."""
    for name in (f"{tag}.dic", f"{tag}.exc"):
        try:
            if (_config_dir() / name).stat().st_size:
                return False
        except OSError:
            continue
    return True


# --- expanding a dictionary ---------------------------------------------------------------


class _Affix(NamedTuple):
    strip: str
    add: str
    condition: re.Pattern[str]
    #: the letters the root must end (a suffix) or start (a prefix) with; empty: any
    edge: frozenset[str]


class _Rule(NamedTuple):
    prefix: bool
    cross: bool
    entries: list[_Affix]
    #: by the root's last (first) letter, the entries that may apply: most never do
    by_edge: dict[str, list[_Affix]]

    def candidates(self, root: str) -> list[_Affix]:
        edge = root[:1] if self.prefix else root[-1:]
        return self.by_edge.get(edge) or self.by_edge.get("", [])


class Unsupported(Exception):
    """The affix file uses something the index does not model: Hunspell judges alone."""


def _affix(kind: str, strip: str, add: str, condition: str) -> _Affix:
    """One affix line; Hunspell's condition (``[^aeiou]y``) as a pattern for the root's
    start (a prefix) or end (a suffix)."""
    parts = re.findall(r"\[\^?[^\]]*\]|.", condition)
    pattern = "".join(
        p if p == "." else (f"[{'^' if p[1] == '^' else ''}{re.escape(p.strip('[]^'))}]")
        if p.startswith("[") else re.escape(p)
        for p in parts
    )  # fmt: skip
    edge_part = parts[0] if kind == "PFX" else parts[-1]
    edge = (
        frozenset()
        if edge_part == "." or edge_part.startswith("[^")
        else frozenset(edge_part.strip("[]"))
    )
    return _Affix(
        "" if strip == "0" else strip,
        "" if add == "0" else add,
        re.compile(f"^{pattern}" if kind == "PFX" else f"{pattern}$"),
        edge,
    )


def _with_edges(rule: _Rule) -> _Rule:
    anywhere = [a for a in rule.entries if not a.edge]
    letters = {c for a in rule.entries for c in a.edge}
    by_edge = {c: anywhere + [a for a in rule.entries if c in a.edge] for c in letters}
    return rule._replace(by_edge={"": anywhere, **by_edge})


def parse_aff(text: str) -> tuple[dict[str, _Rule], frozenset[str], frozenset[str]]:
    """The affix rules by flag, the ``ONLYINCOMPOUND`` flags and the ``COMPOUNDRULE``
    flags; :class:`Unsupported` for anything else that could change a verdict."""
    rules: dict[str, _Rule] = {}
    only_compound: set[str] = set()
    compound: set[str] = set()
    for line in text.splitlines():
        fields = line.split()
        if not fields or fields[0].startswith("#"):
            continue
        key = fields[0]
        if key not in _UNDERSTOOD:
            raise Unsupported(key)
        if key == "SET" and fields[1:2] != ["UTF-8"]:
            raise Unsupported(line)
        if key == "ICONV" and len(fields) == 3 and fields[1:] != ["’", "'"]:
            raise Unsupported(line)
        if key == "ONLYINCOMPOUND":
            only_compound.update(fields[1])
        if key == "COMPOUNDRULE" and len(fields) == 2 and not fields[1].isdigit():
            compound.update(c for c in fields[1] if c not in "*?()")
        if key not in ("PFX", "SFX") or len(fields) < 4:
            continue
        flag = fields[1]
        if len(flag) != 1 or not flag.isascii():
            raise Unsupported(line)
        if flag not in rules:
            rules[flag] = _Rule(key == "PFX", fields[2] == "Y", [], {})
            continue
        if "/" in fields[3]:
            raise Unsupported(line)  # two-level affixes
        condition = fields[4] if len(fields) > 4 else "."
        rules[flag].entries.append(_affix(key, fields[2], fields[3], condition))
    rules = {flag: _with_edges(rule) for flag, rule in rules.items()}
    return rules, frozenset(only_compound), frozenset(compound)


def _stems(text: str) -> Iterator[tuple[str, str]]:
    """Each ``.dic`` line's word and flags (the count line and morphology skipped)."""
    lines = iter(text.splitlines())
    next(lines, None)
    for raw in lines:
        entry = raw.split("\t", 1)[0]
        morphology = _MORPHOLOGY().search(entry)
        line = (entry[: morphology.start()] if morphology else entry).strip()
        if not line:
            continue
        cut = line.find("/", 1)
        while cut > 0 and line[cut - 1] == "\\":
            cut = line.find("/", cut + 1)
        if cut < 0:
            yield line.replace("\\/", "/"), ""
        else:
            yield line[:cut].replace("\\/", "/"), line[cut + 1 :]


def _suffixed(word: str, rule: _Rule) -> Iterator[str]:
    for a in rule.candidates(word):
        if len(word) > len(a.strip) and word.endswith(a.strip) and a.condition.search(word):
            yield word[: len(word) - len(a.strip)] + a.add


def _prefixed(word: str, rule: _Rule) -> Iterator[str]:
    for a in rule.candidates(word):
        if len(word) > len(a.strip) and word.startswith(a.strip) and a.condition.search(word):
            yield a.add + word[len(a.strip) :]


def expand(root: str, flags: str, rules: dict[str, _Rule]) -> set[str]:
    """Every form Hunspell derives from a root: itself, each suffix and prefix whose
    condition holds, and a prefix on a suffixed form where both allow the cross product
    (the prefix's condition then holds for the suffixed form)."""
    forms = {root}
    suffixes = [rules[f] for f in flags if f in rules and not rules[f].prefix]
    prefixes = [rules[f] for f in flags if f in rules and rules[f].prefix]
    crossing: list[str] = []
    for rule in suffixes:
        for form in _suffixed(root, rule):
            forms.add(form)
            if rule.cross:
                crossing.append(form)
    for rule in prefixes:
        forms.update(_prefixed(root, rule))
        if rule.cross:
            for form in crossing:
                forms.update(_prefixed(form, rule))
    return forms


def is_simple(word: str) -> bool:
    """A word the index judges (letters and inner apostrophes, short enough)."""
    return _SIMPLE.fullmatch(word) is not None and len(word.encode()) <= MAX_WORD_BYTES


def _captype(word: str) -> str:
    """Hunspell's capitalisation type of a simple word (digits, dots, apostrophes and
    hyphens have no case)."""
    capitals = sum(1 for c in word if c.isupper())
    if capitals == 0:
        return "no"
    if capitals == 1 and word[0].isupper():
        return "init"
    if capitals + sum(1 for c in word if not c.isalpha()) == len(word):
        return "all"
    return "mixed"


def _initcap(word: str) -> str:
    return word[:1].upper() + word[1:]


def index_words(aff_text: str, dic_text: str, hunspell: Callable[[str], bool]) -> set[str]:
    """The words the index holds: every simple form of the dictionary, and the all-capital
    spellings of its mixed-case forms that ``hunspell`` accepts (Hunspell's own rules for
    those: ``IPOD`` yes, ``CD'S`` no)."""
    rules, only_compound, compound = parse_aff(aff_text)
    words: set[str] = set()
    ask: set[str] = set()
    for stem, flags in _stems(dic_text):
        if only_compound.intersection(flags):
            continue
        if compound.intersection(flags) and not any(c.isdigit() for c in stem):
            raise Unsupported(f"compound flags on {stem}")  # only 1st, 22nd… are modelled
        for form in expand(stem, flags, rules):
            if is_simple(form):
                words.add(form)
                if not form.islower() and _captype(form) == "mixed":  # iPod, DECs
                    ask.add(form.upper())
        if flags and _captype(stem) in ("all", "mixed"):  # Hunspell's hidden root (Ipod)
            ask.update(f.upper() for f in expand(_initcap(stem.lower()), flags, rules))
    for word in ask - words:
        if is_simple(word) and hunspell(word):
            words.add(word)
    return words


# --- the index ----------------------------------------------------------------------------


class WordIndex:
    """The index of one dictionary: :meth:`accepts` is Hunspell's verdict or ``None``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # immutable: the file never changes once in place (a new dictionary gets a new
        # file), so SQLite takes no lock per query
        uri = f"{path.absolute().as_uri()}?mode=ro&immutable=1"
        self._db: sqlite3.Connection | None = sqlite3.connect(
            uri, uri=True, check_same_thread=False
        )

    def _has(self, word: str) -> bool:
        if self._db is None:
            raise sqlite3.DatabaseError("closed")
        row = self._db.execute("SELECT 1 FROM words WHERE word = ?", (word,)).fetchone()
        return row is not None

    def accepts(self, word: str) -> bool | None:
        """Hunspell's verdict on ``word`` (apostrophes written ``'``), or ``None`` when
        only Hunspell can judge it (also from now on when the index file is damaged: it
        is removed, and the next run builds it again)."""
        if self._db is None or not is_simple(word):
            return None
        try:
            return self._spell(word)
        except sqlite3.Error:
            self._db.close()
            self._db = None
            self.path.unlink(missing_ok=True)
            return None

    def _spell(self, word: str) -> bool | None:
        """Hunspell's ``spell``: a number; the word as listed, with its case rules; else
        both sides of a hyphen (the second one first, then the first), each spelt so. An
        all-capital word is broken as Hunspell leaves it: capitalised (``CPU-ID`` fails
        as ``Cpu-id``)."""
        if _NUMBER.fullmatch(word) or self._listed(word):
            return True
        if _captype(word) == "all":
            word = _initcap(word.lower())
        first = word.find("-")
        if first < 0 or word.count("-") >= _MAX_BREAKS:
            return False
        second = word.find("-", first + 1)
        for found in dict.fromkeys((second if second > 0 else first, first)):
            right = self._part(word[found + 1 :])
            if right is None:
                return None
            if right:
                left = self._part(word[:found])
                if left is None or left:
                    return left
        return False

    def _part(self, part: str) -> bool | None:
        return self._spell(part) if _SIMPLE.fullmatch(part) else None

    def _listed(self, word: str) -> bool:
        """In the dictionary as written, or in a form Hunspell's case rules allow."""
        if self._has(word):
            return True
        kind = _captype(word)
        if kind == "init":
            return self._has(word.lower())
        if kind == "all":
            lower = word.lower()
            return self._has(lower) or self._has(_initcap(lower))
        return False


def index_path(files: DictionaryFiles, tag: str, cache: Path | None = None) -> Path:
    """The index file for these dictionary files as they are now."""
    key = hashlib.sha256()
    for path in files:
        stat = path.stat()
        key.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    folder = cache or cache_root() / "spelling"
    return folder / f"hunspell-{SCHEMA}-{tag}-{key.hexdigest()[:16]}.sqlite"


def build(files: DictionaryFiles, target: Path, hunspell: Callable[[str], bool]) -> None:
    """Write the index (atomically: a killed build leaves no half index); raises
    :class:`Unsupported`, ``OSError`` or ``sqlite3.Error``."""
    aff = files.aff.read_text(encoding="utf-8-sig")
    dic = files.dic.read_text(encoding="utf-8-sig")
    words = index_words(aff, dic, hunspell)

    def fill(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE words (word TEXT PRIMARY KEY) WITHOUT ROWID")
        db.executemany("INSERT INTO words VALUES (?)", ((w,) for w in sorted(words)))

    write_index(target, fill, "spelling index's folder")


def open_index(
    tag: str, hunspell: Callable[[], Callable[[str], bool]], cache: Path | None = None
) -> WordIndex | None:
    """The index of Enchant's ``tag`` dictionary, built on first use (``hunspell()`` gives
    Hunspell's check for the few words only it can settle); ``None`` when the index cannot
    stand for Hunspell here (no files found, personal word lists, an affix file it does not
    model, a cache folder it cannot write)."""
    files = dictionary_files(tag)
    if files is None or not personal_lists_empty(tag):
        return None
    try:
        target = index_path(files, tag, cache)
        if not target.is_file():
            build(files, target, hunspell())
        return WordIndex(target)
    except (Unsupported, OSError, sqlite3.Error, UnicodeDecodeError, UserError):
        return None


def all_forms(files: DictionaryFiles) -> Iterable[str]:
    """Every simple form of a dictionary with its case variants (for tests and benches)."""
    rules, only_compound, _ = parse_aff(files.aff.read_text(encoding="utf-8-sig"))
    for stem, flags in _stems(files.dic.read_text(encoding="utf-8-sig")):
        if only_compound.intersection(flags):
            continue
        for form in expand(stem, flags, rules):
            if is_simple(form):
                yield from {form, _initcap(form), form.upper(), form.lower()}
