"""The German–English dictionary: Debian's ``trans-de-en`` (the Ding dictionary), indexed once.

Ding (https://dict.tu-chemnitz.de, GPL-2.0-or-later) is a text file of about 200,000 lines,
``German :: English``; each side holds the same number of ``|``-separated sub-entries (a
headword, then its plural or verb forms, then phrases), each a ``;``-separated list of
alternatives annotated with ``{f}`` (gender, part of speech), ``[Br.]`` (region, domain),
``(…)`` (explanations) and ``<…>`` (other spellings). Debian installs it as
``/usr/share/trans/de-en`` (``apt install trans-de-en``); ``$WORKBENCH_DICTIONARY`` names
another copy.

Reading 25 MB on every lookup is too slow for a lookup per segment, so the first use builds
an SQLite index of every one-word German form (headwords, plurals, verb forms, spellings in
``<…>``) in the cache folder (``$WORKBENCH_CACHE_DIR``, else ``$XDG_CACHE_HOME/workbench``);
its name holds the dictionary file's size and time, so an updated dictionary gets a new
index. After that a lookup is one indexed query.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from workbench.adapters.cache_folder import cache_root
from workbench.adapters.files import decode_text, read_input
from workbench.adapters.sqlite_index import write_index
from workbench.errors import UserError

#: Where Debian's ``trans-de-en`` package puts the dictionary.
DEBIAN_DING = Path("/usr/share/trans/de-en")
#: How to get it, for the message shown when it is missing.
INSTALL_HINT = (
    "install Debian's German–English dictionary: sudo apt install trans-de-en "
    "(or set WORKBENCH_DICTIONARY to a Ding file from https://dict.tu-chemnitz.de)"
)
#: The index's layout; a new one builds a new index.
SCHEMA = 1
MAX_DICTIONARY_BYTES = 256 * 1024 * 1024

_ANNOTATION = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>")
_SPELLING = re.compile(r"<([^>]*)>")
_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?")


class Sense(NamedTuple):
    """One dictionary sub-entry: its German side and its English side, as written."""

    german: str
    english: str


class Entry(NamedTuple):
    """What the dictionary says for a form: the sub-entry where the form was found, and the
    entry's headword sub-entry (the same one when the form is a headword)."""

    found: Sense
    head: Sense

    @property
    def is_head(self) -> bool:
        return self.found == self.head


def dictionary_path() -> Path:
    """The Ding file to use: ``$WORKBENCH_DICTIONARY``, else Debian's."""
    named = os.environ.get("WORKBENCH_DICTIONARY")
    return Path(named).expanduser() if named else DEBIAN_DING


def clean(alternative: str) -> str:
    """An alternative without its annotations: ``Stadt {f} [adm.]`` → ``Stadt``."""
    return " ".join(_ANNOTATION.sub(" ", alternative).split())


def german_forms(german_sub: str) -> Iterator[str]:
    """The one-word German forms a sub-entry can be looked up by."""
    for alternative in german_sub.split(";"):
        word = clean(alternative)
        if word and _WORD.fullmatch(word):
            yield word
        for spelling in _SPELLING.findall(alternative):
            for other in (s.strip() for s in spelling.split(";")):
                if other and _WORD.fullmatch(other):
                    yield other


def parse_line(line: str) -> list[Sense] | None:
    """A dictionary line's senses (German and English sub-entries paired), or ``None`` for
    a comment or a line that is not ``German :: English``."""
    if not line or line.startswith("#") or " :: " not in line:
        return None
    german, _, english = line.partition(" :: ")
    de = german.split(" | ")
    en = english.split(" | ")
    if len(de) != len(en):
        en = (en + [""] * len(de))[: len(de)]
    return [Sense(d.strip(), e.strip()) for d, e in zip(de, en, strict=True)]


def _fill_index(db: sqlite3.Connection, text: str) -> None:
    """Write the index of the Ding ``text`` into the empty database ``db``."""
    db.executescript(
        "CREATE TABLE lines (id INTEGER PRIMARY KEY, line TEXT NOT NULL);"
        "CREATE TABLE forms (key TEXT NOT NULL, form TEXT NOT NULL,"
        " line INTEGER NOT NULL, sense INTEGER NOT NULL);"
    )
    lines: list[tuple[int, str]] = []
    forms: list[tuple[str, str, int, int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        senses = parse_line(line)
        if senses is None:
            continue
        lines.append((number, line))
        for k, sense in enumerate(senses):
            for form in dict.fromkeys(german_forms(sense.german)):
                forms.append((form.casefold(), form, number, k))
    db.executemany("INSERT INTO lines VALUES (?, ?)", lines)
    db.executemany("INSERT INTO forms VALUES (?, ?, ?, ?)", forms)
    db.execute("CREATE INDEX forms_key ON forms (key)")
    db.commit()


class DingDictionary:
    """Lookups in a Ding file through its SQLite index (built by :meth:`build` once)."""

    def __init__(self, path: Path | None = None, cache: Path | None = None) -> None:
        self.path = Path(path) if path is not None else dictionary_path()
        self.cache = cache
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    @property
    def installed(self) -> bool:
        return self.path.is_file()

    def index_path(self) -> Path:
        """The index file for this dictionary file as it is now."""
        stat = self.path.stat()
        folder = self.cache or cache_root() / "dictionary"
        name = f"ding-{SCHEMA}-{stat.st_size}-{stat.st_mtime_ns}.sqlite"
        return folder / name

    @property
    def ready(self) -> bool:
        """True once the index exists (lookups are instant)."""
        return self.installed and self.index_path().is_file()

    def build(self) -> Path:
        """Build the index if it is missing (seconds, once); :class:`UserError` if the
        dictionary is not installed or cannot be read, or the index cannot be written.

        The index is written to a temporary file beside it and renamed into place, so a
        killed build leaves no half index (its temporary file goes with the next build)."""
        if not self.installed:
            raise UserError(
                "the German–English dictionary is not installed", self.path, INSTALL_HINT
            )
        target = self.index_path()
        if target.is_file():
            return target
        data = read_input(self.path, MAX_DICTIONARY_BYTES, "dictionary")
        text = decode_text(data, self.path, "it should be UTF-8 (Ding's own format)", "utf-8")
        try:
            write_index(target, lambda db: _fill_index(db, text), "dictionary's cache folder")
        except (OSError, sqlite3.Error) as exc:
            raise UserError(
                f"cannot write the dictionary's index: {exc}",
                target,
                "check that the cache folder is writable and has space ($WORKBENCH_CACHE_DIR)",
            ) from None
        return target

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            path = self.build()
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        return self._db

    def _rows(self, sql: str, params: tuple[str, ...]) -> list[Any]:
        """The rows of one query; a damaged index (a cache file someone cut or overwrote)
        is removed and built again once."""
        with self._lock:
            for attempt in (1, 2):
                try:
                    return self._connection().execute(sql, params).fetchall()
                except sqlite3.Error as exc:
                    index = self.index_path()
                    self.close()
                    index.unlink(missing_ok=True)
                    if attempt == 2:
                        raise UserError(
                            f"the dictionary's index cannot be read: {exc}", index
                        ) from None
        raise AssertionError("unreachable")

    def count(self, form: str) -> int:
        """How many sub-entries list ``form`` (any case): 0 if none; common words have many."""
        rows = self._rows("SELECT COUNT(*) FROM forms WHERE key = ?", (form.casefold(),))
        return int(rows[0][0])

    def lookup(self, form: str, limit: int = 6) -> list[Entry]:
        """The entries listing ``form``: headwords first, exact case before other cases,
        short entries (the plain word) before long ones (phrases, idioms)."""
        rows = self._rows(
            "SELECT forms.form, forms.sense, lines.line FROM forms"
            " JOIN lines ON lines.id = forms.line WHERE forms.key = ?",
            (form.casefold(),),
        )
        found: list[tuple[tuple[int, ...], Entry]] = []
        for written, sense, line in rows:
            senses = parse_line(line)
            if senses is None or sense >= len(senses):
                continue
            first = clean(senses[sense].german.split(";")[0])
            main = (sense != 0, first.casefold() != written.casefold(), written != form)
            # among entries for the same word, the main one lists the most phrases
            found.append(((*main, -len(senses)), Entry(senses[sense], senses[0])))
        out: list[Entry] = []
        for _, entry in sorted(found, key=lambda f: f[0]):
            if entry not in out:
                out.append(entry)
            if len(out) >= limit:
                break
        return out

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
