"""Hunspell dictionaries for the spelling check, through Enchant (pyenchant).

Debian's ``hunspell-en-us`` and ``hunspell-en-gb`` give en_US and en_GB; Enchant's
Hunspell provider is asked for them by name, so another provider that happens to be
installed (Aspell) is never used instead. Why this and not a Python spell checker:
``python -m bench.spelling`` compares them on WMT news translations (speed, false flags,
typos found, suggestions right) — the pure-Python ones know no en-US/en-GB difference, and
Hunspell's suggestions are the best.

Looking a word up through Enchant takes time, and its suggestions far more
(``python -m bench.spelling``), so both are remembered per word: a project repeats its
words, and the editor asks again on every keystroke; suggestions are also remembered
between runs (:class:`SuggestionMemory`). Opening a dictionary is the slow part of a short
command (``python -m bench.startup``): a word the one-time index of the dictionary's word
forms can judge (``workbench.adapters.hunspell_index``: the same verdicts) never opens
Hunspell; Hunspell is opened once per process when a word first needs it (digits,
hyphens, other scripts, suggestions not remembered yet), and left to the operating system
at exit rather than freed word by word.
"""

from __future__ import annotations

import atexit
import re
import sqlite3
import threading
from collections.abc import Iterable
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from workbench.adapters.files import atomic_write_text, make_folder, read_input
from workbench.adapters.hunspell_index import WordIndex, dictionary_files, open_index
from workbench.domain.checks.spelling import VARIETIES
from workbench.errors import UserError

#: Debian's package for each variety, named in the message when it is missing.
PACKAGES = {"en-US": "hunspell-en-us", "en-GB": "hunspell-en-gb"}
#: A project word list larger than this is refused (it is a list of words).
MAX_WORDS_BYTES = 4 * 1024 * 1024
_CACHE_LIMIT = 200_000


class HunspellSpeller:
    """Hunspell's dictionary of a variety plus the project's words (a :class:`Speller`).

    Variety ``en`` accepts the spellings of both en-US and en-GB (a project that has not
    chosen); ``en-US`` and ``en-GB`` accept one and say so when a word is the other's.
    """

    def __init__(self, variety: str = "en", words: Iterable[str] = ()) -> None:
        if variety not in VARIETIES:
            raise UserError(
                f"unknown English variety {variety!r}",
                None,
                f"choose one of: {', '.join(VARIETIES)} ([check] variety in workbench.toml)",
            )
        self._variety = variety
        #: the dictionaries whose spellings the project accepts, asked in this order
        self._mine = tuple(v for v in PACKAGES if variety in ("en", v))
        for other in PACKAGES:  # opened when a word first needs it; missing is an error now
            _require_dictionary(other)
        self._words = {w.strip() for w in words if w.strip()}
        self._lower = {w.casefold() for w in self._words}
        self._known: dict[str, bool] = {}
        self._good: set[str] = set()  # the words known so far, for whole segments at once
        self._suggestions: dict[str, tuple[str, ...]] = {}

    @property
    def variety(self) -> str:
        return self._variety

    def known(self, word: str) -> bool:
        """In the dictionary (as written, or lower-cased at a sentence start) or the list."""
        cached = self._known.get(word)
        if cached is None:
            if len(self._known) > _CACHE_LIMIT:
                self._known.clear()
                self._good.clear()
            cached = self._known[word] = (
                word in self._words
                or word.casefold() in self._lower
                or any(_check(v, word) for v in self._mine)
            )
            if cached:
                self._good.add(word)
        return cached

    def unknown(self, words: Iterable[str]) -> set[str]:
        """The words not known (a set difference with the words known so far first)."""
        return {w for w in set(words) - self._good if not self.known(w)}

    def other_variety(self, word: str) -> str | None:
        """The variety whose spelling an unknown word is (``colour`` in an en-US project)."""
        if self._variety == "en":
            return None
        for variety in PACKAGES:
            if variety != self._variety and _check(variety, word):
                return variety
        return None

    def suggestions(self, word: str) -> tuple[str, ...]:
        """Hunspell's suggestions, best first (remembered per word, and between runs)."""
        cached = self._suggestions.get(word)
        if cached is None:
            if len(self._suggestions) > _CACHE_LIMIT // 10:
                self._suggestions.clear()
            memory = _memory(self._mine[0])
            cached = memory.recall(word) if memory is not None else None
            if cached is None:
                found = _open_dictionary(self._mine[0]).suggest(word.replace("’", "'"))
                cached = tuple(s for s in found if s != word)[:5]
                if memory is not None:
                    memory.keep(word, cached)
            self._suggestions[word] = cached
        return cached


def _check(variety: str, word: str) -> bool:
    """Hunspell's verdict on a word as written, or lower-cased when only its first letter is
    a capital (a sentence start)."""
    plain = word.replace("’", "'")
    return _accepts(variety, plain) or (
        plain[:1].isupper() and plain[1:].islower() and _accepts(variety, plain.lower())
    )


def _accepts(variety: str, word: str) -> bool:
    """Hunspell's verdict: from the dictionary's index when it can judge the word."""
    index = _index(variety)
    verdict = None if index is None else index.accepts(word)
    if verdict is None:
        return bool(_open_dictionary(variety).check(word))
    return verdict


@cache
def _index(variety: str) -> WordIndex | None:
    """The index of a variety's dictionary (built on its first use), or ``None``."""
    return open_index(variety.replace("-", "_"), lambda: _open_dictionary(variety).check)


class SuggestionMemory:
    """Hunspell's suggestions remembered on disk, beside the index of the dictionary that
    made them (a new dictionary version gets a new file).

    Suggestions are the slowest thing the spelling check asks of Hunspell
    (``python -m bench.spelling``), and a project's misspelt or waived words come back on
    every run. Each word is written in a transaction of its own (runs at the same time wait
    briefly or go without); a file that is not a database is removed and made again by the
    next run; anything else that goes wrong leaves the words to Hunspell for the rest of
    this run. The editor asks from a worker thread: one question at a time.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._failed = False
        self._lock = threading.Lock()

    def recall(self, word: str) -> tuple[str, ...] | None:
        """The suggestions kept for ``word``, or ``None``."""
        row = self._ask("SELECT guesses FROM suggestions WHERE word = ?", (word,))
        if row is None:
            return None
        return tuple(row[0].split("\n")) if row[0] else ()

    def keep(self, word: str, guesses: tuple[str, ...]) -> None:
        """Remember Hunspell's suggestions for ``word``."""
        self._ask("INSERT OR REPLACE INTO suggestions VALUES (?, ?)", (word, "\n".join(guesses)))

    def _ask(self, sql: str, values: tuple[str, ...]) -> Any:
        """The first row of one statement (``None``: no row, or the memory is off)."""
        with self._lock:
            if self._failed:
                return None
            try:
                if self._db is None:
                    self._db = sqlite3.connect(
                        self.path, timeout=0.5, isolation_level=None, check_same_thread=False
                    )
                    self._db.execute(
                        "CREATE TABLE IF NOT EXISTS suggestions"
                        " (word TEXT PRIMARY KEY, guesses TEXT NOT NULL) WITHOUT ROWID"
                    )
                return self._db.execute(sql, values).fetchone()
            except (sqlite3.Error, OSError) as exc:
                self._failed = True
                if self._db is not None:
                    self._db.close()
                    self._db = None
                if type(exc) is sqlite3.DatabaseError:  # "file is not a database"
                    self.path.unlink(missing_ok=True)
                return None


@cache
def _memory(variety: str) -> SuggestionMemory | None:
    """Where a variety's suggestions are remembered: beside its index (none without one)."""
    index = _index(variety)
    if index is None:
        return None
    return SuggestionMemory(
        index.path.with_name("suggestions" + index.path.name[len("hunspell") :])
    )


@cache
def _broker() -> Any:  # pyenchant has no types
    """The one Enchant broker of the process (a missing Enchant is a :class:`UserError`)."""
    try:
        import enchant
    except ImportError as exc:
        raise UserError(
            f"the spelling check needs Enchant: {exc}",
            None,
            "apt-get install libenchant-2-2 (or brew install enchant); pip install pyenchant",
        ) from None
    broker = enchant.Broker()
    for variety in PACKAGES:
        broker.set_ordering(variety.replace("-", "_"), "hunspell")
    atexit.register(_leave_to_the_system, broker)
    return broker


def _leave_to_the_system(broker: Any) -> None:
    """At exit, the dictionaries' memory goes back with the process's: freeing Hunspell's
    word tables one by one would only cost time. (pyenchant frees nothing of a broker whose
    handle is gone, its dictionaries included.)"""
    broker._this = None


def _missing(variety: str) -> UserError:
    tag = variety.replace("-", "_")
    return UserError(
        f"no Hunspell {tag} dictionary is installed",
        None,
        f"apt-get install {PACKAGES[variety]} (or leave the spelling check out: --checks)",
    )


def _require_dictionary(variety: str) -> None:
    """Fail now, not in the middle of a check, when a variety's dictionary is not there
    (found where Enchant finds it, else asked of Enchant) or Enchant is missing."""
    tag = variety.replace("-", "_")
    if dictionary_files(tag) is not None and find_spec("enchant") is not None:
        return
    if not _broker().dict_exists(tag):
        raise _missing(variety)


@cache
def _open_dictionary(variety: str) -> Any:
    """Hunspell's dictionary of ``en-US`` or ``en-GB``, opened once per process."""
    broker = _broker()
    import enchant

    try:
        dictionary = broker.request_dict(variety.replace("-", "_"))
    except enchant.errors.DictNotFoundError:
        dictionary = None
    if dictionary is None or dictionary.provider.name != "hunspell":
        raise _missing(variety)
    return dictionary


# --- the project's word list ------------------------------------------------------------

_COMMENT = re.compile(r"\s*#")


def read_words(path: Path) -> list[str]:
    """The words of a project word list: one per line, ``#`` comments and blanks skipped.
    A missing file is an empty list (``--add-word`` creates it)."""
    if not path.exists():
        return []
    raw = read_input(path, MAX_WORDS_BYTES, "word list")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise UserError("is not valid UTF-8", f"{path}:{line}", "save it as UTF-8") from None
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not _COMMENT.match(ln)]


def add_words(path: Path, words: Iterable[str]) -> list[str]:
    """Add words to a project word list (created, with its folder, if missing), keeping its
    lines and order;
    returns the words that were new. Writes atomically."""
    new = []
    for raw in words:
        word = raw.strip()
        if not word or any(c.isspace() for c in word):
            raise UserError(
                f"{raw!r} is not one word", None, "add words one at a time, without spaces"
            )
        if _COMMENT.match(word):
            raise UserError(
                f"{raw!r} starts with #: the word list would read it as a comment", None
            )
        new.append(word)
    existing = read_words(path)
    have = set(existing)
    added = [w for w in dict.fromkeys(new) if w not in have]
    if added:
        text = read_input(path, MAX_WORDS_BYTES, "word list").decode() if path.exists() else ""
        if text and not text.endswith("\n"):
            text += "\n"
        make_folder(path.parent, "word list's folder")
        atomic_write_text(path, text + "".join(f"{w}\n" for w in added))
    return added
