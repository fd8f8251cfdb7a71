"""The project file ``workbench.toml``: languages, corpora, glossaries and each part's settings.

Commands run without arguments take their files from here, which is what CI needs. The
file is found in the current folder or the nearest parent; paths in it are relative to it.

Every key the file may hold is one row of :data:`SETTINGS` (its table, name, kind, default
and what it is for), and the file is checked against that table before any command runs:
a wrong type (``po = ["a.po"]``, ``source = 5``), a value outside its choices, a misspelt
key or table is an error naming the file, the line and the key. To add a setting, add one
:class:`Setting` row; read it with :meth:`ProjectConfig.value` (or, for ``[[corpus]]``
keys, :meth:`Corpus.value`).
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import marshal
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.adapters.cache_folder import cache_root
from workbench.adapters.files import atomic_write_bytes, read_input
from workbench.domain.match_policy import MatchPolicy
from workbench.domain.states import ReviewState
from workbench.errors import UserError

CONFIG_NAME = "workbench.toml"
#: A project file larger than this is refused (it holds settings, not data).
MAX_CONFIG_BYTES = 1024 * 1024


class Kind(enum.Enum):
    """What a setting's value must be; each kind has a checker, run by :meth:`Setting.checked`."""

    STR = "a string"
    LANGUAGE = 'a language code such as "de" or "en-GB"'
    PATH = 'a path (a string such as "docs/a.po")'
    PATHS = 'a list of paths such as ["a.tsv", "b.tbx"]'
    STRS = 'a list of strings such as ["a", "b"]'
    INT = "a whole number"
    FLOAT = "a number"
    BOOL = "true or false"
    URL = 'a URL such as "http://localhost:5000"'


@dataclass(frozen=True, slots=True)
class Setting:
    """One key of ``workbench.toml``: where it lives, what it holds, its default, why.

    ``table`` ``"corpus"`` means each ``[[corpus]]`` entry; ``choices`` limits a string (or
    each string of a list); ``minimum`` limits a number.
    """

    table: str
    key: str
    kind: Kind
    default: Any = None
    help: str = ""
    choices: tuple[str, ...] = ()
    required: bool = False
    minimum: float | None = None

    def checked(self, value: Any, label: str, where: str, root: Path) -> Any:
        """``value`` checked against this row (paths made absolute against ``root``);
        :class:`UserError` naming ``label`` (the table) and ``where`` (the file) if wrong."""

        def wrong(detail: str = "") -> UserError:
            got = detail or f"not {_toml_type(value)} {_short(value)}"
            return UserError(
                f"{label}: {self.key!r} must be {self.kind.value}, {got}",
                where,
                f"{self.key}: {self.help}",
            )

        return _CHECKERS[self.kind](self, value, root, wrong)


#: Tables written ``[[name]]``: a list of entries, each checked against the rows of ``name``.
ARRAY_TABLES = frozenset({"corpus"})

_STATES = tuple(s.label for s in ReviewState)
_POLICY = MatchPolicy()

#: Every key workbench.toml may hold. Add a row to add a setting.
SETTINGS: tuple[Setting, ...] = (
    Setting("project", "source_language", Kind.LANGUAGE, "de", "the documents' language"),
    Setting("project", "target_language", Kind.LANGUAGE, "en", "the translations' language"),
    Setting("corpus", "name", Kind.STR, None, "a short name (default: the PO's file stem)"),
    Setting("corpus", "source", Kind.PATH, None, "the source document", required=True),
    Setting("corpus", "po", Kind.PATH, None, "the PO file of its translation", required=True),
    Setting("corpus", "reference", Kind.PATH, None, "a reference translation for `score`"),
    Setting("glossary", "files", Kind.PATHS, (), "glossary files (.tsv, .csv, .tbx)"),
    Setting(
        "check",
        "fail_on",
        Kind.STR,
        "error",
        "lowest severity that fails `check`",
        choices=("error", "warning", "info"),
    ),
    Setting(
        "check",
        "states",
        Kind.STRS,
        ("translated", "reviewed"),
        "review states `check` looks at",
        choices=_STATES,
    ),
    Setting(
        "check",
        "variety",
        Kind.STR,
        None,
        "English spelling the spelling check expects: en-US, en-GB or en (either); "
        "default from [project] target_language",
        choices=("en", "en-US", "en-GB"),
    ),
    Setting(
        "check",
        "words",
        Kind.PATH,
        None,
        "the project's word list for the spelling check, one word a line "
        "(default glossaries/words.txt; `check --add-word` adds to it)",
    ),
    Setting(
        "check",
        "braces",
        Kind.BOOL,
        False,
        "{name} is a placeholder in every entry (default: only in entries flagged "
        "python-brace-format or another brace format)",
    ),
    Setting(
        "mt",
        "engine",
        Kind.STR,
        "argos",
        "the MT engine for drafts: the local Argos package, or a LibreTranslate server",
        choices=("argos", "libretranslate"),
    ),
    Setting("mt", "url", Kind.URL, None, "the LibreTranslate server (engine = libretranslate)"),
    Setting(
        "mt",
        "api_key",
        Kind.STR,
        "",
        "the LibreTranslate API key (WORKBENCH_MT_API_KEY overrides it: keep keys out of git)",
    ),
    Setting("mt", "batch_size", Kind.INT, 16, "texts per LibreTranslate request", minimum=1),
    Setting("mt", "timeout", Kind.FLOAT, 120.0, "seconds to wait for one request", minimum=1),
    Setting(
        "memory",
        "path",
        Kind.PATH,
        None,
        "the translation memory's SQLite file (default: translation-memory.sqlite here)",
    ),
    Setting("memory", "url", Kind.URL, None, "a team's memory on PostgreSQL: postgresql://…"),
    Setting(
        "memory",
        "min_score",
        Kind.FLOAT,
        _POLICY.cutoff,
        "least fuzzy score (0-100) shown and used",
        minimum=0,
    ),
    Setting(
        "memory",
        "draft_penalty",
        Kind.FLOAT,
        _POLICY.draft_penalty,
        "points a draft's match loses",
        minimum=0,
    ),
    Setting(
        "memory",
        "unreviewed_penalty",
        Kind.FLOAT,
        _POLICY.unreviewed_penalty,
        "points an unreviewed translation's match loses",
        minimum=0,
    ),
    Setting("memory", "feed", Kind.BOOL, True, "feed the memory from the PO files"),
    Setting(
        "memory",
        "propagate",
        Kind.STR,
        "offer",
        "TUI: what confirming a segment does to its identical repeats",
        choices=("offer", "draft", "translated", "off"),
    ),
)


@dataclass(frozen=True)
class Corpus:
    """One document under translation: its source, its PO and an optional reference."""

    name: str
    source: Path
    po: Path
    reference: Path | None = None
    values: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def value(self, key: str) -> Any:
        """A ``[[corpus]]`` setting of this entry, checked, with its default."""
        return _lookup(self.values, "corpus", key)


@dataclass(frozen=True)
class ProjectConfig:
    """What ``workbench.toml`` says, checked against :data:`SETTINGS`, with paths absolute."""

    root: Path
    source_language: str = "de"
    target_language: str = "en"
    corpora: tuple[Corpus, ...] = ()
    glossaries: tuple[Path, ...] = ()
    check_fail_on: str = "error"
    check_states: tuple[str, ...] = ("translated", "reviewed")
    #: Every table's checked values by (table, key), defaults filled in.
    values: Mapping[tuple[str, str], Any] = field(default_factory=dict, compare=False)

    @property
    def po_files(self) -> list[Path]:
        return [c.po for c in self.corpora]

    def corpus_for(self, po: Path) -> Corpus | None:
        """The corpus whose PO is ``po``, if the project names it."""
        resolved = Path(po).resolve()
        return next((c for c in self.corpora if c.po.resolve() == resolved), None)

    def value(self, table: str, key: str) -> Any:
        """The checked value of ``[table] key`` (its default when the file leaves it out)."""
        return _lookup({k: v for (t, k), v in self.values.items() if t == table}, table, key)


def _lookup(values: Mapping[str, Any], table: str, key: str) -> Any:
    row = _ROWS.get((table, key))
    if row is None:
        raise KeyError(f"no setting [{table}] {key} in workbench.adapters.config.SETTINGS")
    return values.get(key, row.default)


_ROWS = {(s.table, s.key): s for s in SETTINGS}


def tables() -> tuple[str, ...]:
    """The tables workbench.toml may hold, in the order :data:`SETTINGS` names them."""
    return tuple(dict.fromkeys(s.table for s in SETTINGS))


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``workbench.toml`` from ``start`` (default: the current folder) upwards."""
    try:
        here = (start or Path.cwd()).resolve()
    except (FileNotFoundError, OSError):
        raise UserError(
            "the current folder no longer exists (it was deleted or moved)",
            None,
            "cd into an existing folder and run the command again",
        ) from None
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None = None) -> ProjectConfig:
    """Read and check ``workbench.toml``; a missing or malformed one raises :class:`UserError`."""
    found = path or find_config()
    if found is None:
        raise UserError(
            f"no {CONFIG_NAME} here or in any parent folder",
            None,
            f"name the files on the command line, or create {CONFIG_NAME} (see README.md)",
        )
    raw = read_input(found, MAX_CONFIG_BYTES, "project file")
    key = found.absolute()
    known = _LOADED.get(key)
    if known is not None and known[0] == raw:
        return known[1]  # a command asks several times; the same bytes say the same
    config = _parse(raw, found)
    _LOADED[key] = (raw, config)
    return config


#: The last configuration read from each file, with the bytes it was read from.
_LOADED: dict[Path, tuple[bytes, ProjectConfig]] = {}


def _parse(raw: bytes, found: Path) -> ProjectConfig:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise UserError("is not valid UTF-8", f"{found}:{line}", "save it as UTF-8") from None
    return _build(_toml(raw, text, found), found, _Lines(text))


#: The layout of a kept project file: (this number, the SHA-256 of the bytes read, the TOML
#: data); a new layout takes a new number, and files of another are read anew.
_KEPT_FORMAT = 1
#: What reading or writing a kept project file may raise: it is then passed by (a cache
#: never stops a command; ``RuntimeError``: no home folder to find the cache folder in).
_KEPT_FAILURES = (OSError, EOFError, ValueError, TypeError, RuntimeError, UserError)


def _toml(raw: bytes, text: str, found: Path) -> dict[str, Any]:
    """The file's TOML as :mod:`tomllib` reads it.

    What tomllib read is kept in the cache folder, one file per project file (named by the
    SHA-256 of its path, in a folder only the user can read: the file may hold a server's
    password), with the SHA-256 of the bytes it was read from; a command in a project whose
    file has not changed takes it from there and does not import tomllib, which compiles its
    grammar's patterns on import. A file holding dates or times (which :mod:`marshal`
    cannot write) is read anew every time; a kept file that cannot be read or written is
    passed by."""
    digest = hashlib.sha256(raw).hexdigest()
    kept: Path | None = None
    with contextlib.suppress(*_KEPT_FAILURES):
        kept = _kept_path(found)
        stored = marshal.loads(kept.read_bytes())
        if (
            isinstance(stored, tuple)
            and len(stored) == 3
            and stored[:2] == (_KEPT_FORMAT, digest)
            and isinstance(stored[2], dict)
        ):
            return stored[2]
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        at = re.search(r"at line (\d+)", str(exc))
        where = f"{found}:{at.group(1)}" if at else found
        raise UserError(f"malformed TOML: {exc}", where, "see README.md for the format") from None
    if kept is not None:
        with contextlib.suppress(*_KEPT_FAILURES):
            written = marshal.dumps((_KEPT_FORMAT, digest, data))
            kept.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            kept.parent.chmod(0o700)
            atomic_write_bytes(kept, written)
    return data


def _kept_path(found: Path) -> Path:
    """Where what tomllib read from the project file ``found`` is kept."""
    name = hashlib.sha256(str(found.resolve()).encode("utf-8")).hexdigest()
    return cache_root() / "config" / f"{name}.v{marshal.version}"


def _build(data: dict[str, Any], found: Path, lines: _Lines) -> ProjectConfig:
    root = found.parent
    known = tables()
    values: dict[tuple[str, str], Any] = {}
    corpora: list[Corpus] = []
    for name, content in data.items():
        if name not in known and not isinstance(content, dict | list):
            raise UserError(
                f"unknown setting {name!r} outside any table",
                f"{found}:{lines.key('', name)}",
                f"settings belong in one of the tables {', '.join(known)}",
            )
        if name not in known:
            raise UserError(
                f"unknown table [{name}]{_did_you_mean(name, known)}",
                f"{found}:{lines.table(name)}",
                f"workbench.toml has the tables {', '.join(known)}",
            )
        if name in ARRAY_TABLES:
            if not isinstance(content, list):
                raise UserError(
                    f"[{name}] must be written [[{name}]] (one per entry)",
                    f"{found}:{lines.table(name)}",
                )
            for number, entry in enumerate(content, start=1):
                checked = _check_table(name, entry, found, lines, root=root, number=number)
                corpora.append(_corpus(checked))
            continue
        if not isinstance(content, dict):
            raise UserError(
                f"{name} must be a table, [{name}], not a value",
                f"{found}:{lines.key('', name)}",
            )
        for key, value in _check_table(name, content, found, lines, root=root).items():
            values[(name, key)] = value

    def get(table: str, key: str) -> Any:
        return values.get((table, key), _ROWS[(table, key)].default)

    return ProjectConfig(
        root=root,
        source_language=get("project", "source_language"),
        target_language=get("project", "target_language"),
        corpora=tuple(corpora),
        glossaries=tuple(get("glossary", "files")),
        check_fail_on=get("check", "fail_on"),
        check_states=tuple(get("check", "states")),
        values=values,
    )


def _corpus(values: dict[str, Any]) -> Corpus:
    po: Path = values["po"]
    return Corpus(
        name=values.get("name") or po.stem,
        source=values["source"],
        po=po,
        reference=values.get("reference"),
        values=values,
    )


def _check_table(
    table: str, content: Any, found: Path, lines: _Lines, *, root: Path, number: int = 0
) -> dict[str, Any]:
    label = f"[[{table}]] number {number}" if number else f"[{table}]"
    if not isinstance(content, dict):
        raise UserError(f"{label} must be a table", f"{found}:{lines.table(table, number)}")
    rows = {s.key: s for s in SETTINGS if s.table == table}
    out: dict[str, Any] = {}
    for key, value in content.items():
        where = f"{found}:{lines.key(table, key, number)}"
        row = rows.get(key)
        if row is None:
            raise UserError(
                f"{label} has no setting {key!r}{_did_you_mean(key, rows)}",
                where,
                f"{label} knows: {', '.join(rows)}",
            )
        out[key] = row.checked(value, label, where, root)
    for key, row in rows.items():
        if row.required and key not in out:
            raise UserError(
                f"{label} needs {key!r} ({row.help})",
                f"{found}:{lines.table(table, number)}",
                f'add {key} = "…" to it',
            )
    return out


_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_URL = re.compile(r"[a-z][a-z0-9+.-]*://\S+")


def _check_list(row: Setting, value: Any, root: Path, wrong: Any) -> tuple[Any, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise wrong()
    if row.kind is Kind.PATHS:
        return tuple(dict.fromkeys(_path(v, root, wrong) for v in value))  # once each
    bad = [v for v in value if row.choices and v not in row.choices]
    if bad:
        raise wrong(f"but {bad[0]!r} is not one of {', '.join(row.choices)}")
    return tuple(value)


def _check_bool(row: Setting, value: Any, root: Path, wrong: Any) -> bool:
    if not isinstance(value, bool):
        raise wrong()
    return value


def _check_number(row: Setting, value: Any, root: Path, wrong: Any) -> float:
    ok = isinstance(value, int) if row.kind is Kind.INT else isinstance(value, int | float)
    if not ok or isinstance(value, bool):
        raise wrong()
    if row.minimum is not None and value < row.minimum:
        raise wrong(f"at least {row.minimum:g}, not {value}")
    return float(value) if row.kind is Kind.FLOAT else int(value)


def _check_string(row: Setting, value: Any, root: Path, wrong: Any) -> Any:
    if not isinstance(value, str):
        raise wrong()
    if row.kind is Kind.PATH:
        return _path(value, root, wrong)
    pattern = {Kind.LANGUAGE: _LANGUAGE, Kind.URL: _URL}.get(row.kind)
    if pattern is not None and not pattern.fullmatch(value):
        raise wrong(f"not {value!r}")
    if row.choices and value not in row.choices:
        raise wrong(f"one of {', '.join(row.choices)}, not {value!r}")
    return value


#: How each kind is checked and converted.
_CHECKERS = {
    Kind.STR: _check_string,
    Kind.LANGUAGE: _check_string,
    Kind.PATH: _check_string,
    Kind.URL: _check_string,
    Kind.PATHS: _check_list,
    Kind.STRS: _check_list,
    Kind.INT: _check_number,
    Kind.FLOAT: _check_number,
    Kind.BOOL: _check_bool,
}


def _path(value: str, root: Path, wrong: Any) -> Path:
    if not value.strip() or "\x00" in value:
        raise wrong(f"not {value!r}")
    return root / Path(value).expanduser()


def _toml_type(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return names.get(type(value), "a date or time")


def _short(value: Any) -> str:
    text = repr(value)
    return f"({text[:40]}…)" if len(text) > 40 else f"({text})"


def _did_you_mean(name: str, known: Any) -> str:
    import difflib  # here: only a misspelt key needs it

    close = difflib.get_close_matches(name.replace("-", "_"), list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Lines:
    """Where a table or key is written in the file, for messages (tomllib gives no lines).

    The file is read once, whatever the number of keys asked about (every key's place is
    worked out, as a value's message may need it)."""

    _HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
    _ASSIGNED = re.compile(r'\s*"?(.*?)"?\s*=')

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        #: The key each line assigns ("" for none), by 0-based line.
        self.assigned = [m.group(1) if (m := self._ASSIGNED.match(ln)) else "" for ln in self.lines]
        self.sections = self._sections()

    def _sections(self) -> list[tuple[str, int, int]]:
        """(table, its number among [[table]] entries, header line) for every header."""
        out = [("", 0, 0)]
        counts: dict[str, int] = {}
        for i, line in enumerate(self.lines, start=1):
            match = self._HEADER.match(line)
            if match:
                name = match.group(2).strip().strip('"')
                counts[name] = counts.get(name, 0) + 1
                out.append((name, counts[name] if match.group(1) == "[[" else 0, i))
        return out

    def table(self, name: str, number: int = 0) -> int:
        for table, n, line in self.sections:
            if table == name and n == number:
                return line
        return 1

    def key(self, table: str, key: str, number: int = 0) -> int:
        sections = self.sections
        bounds = [*(line for _, _, line in sections[1:]), len(self.lines) + 1]
        for (name, n, start), end in zip(sections, bounds, strict=True):
            if name == table and n == number:
                for i in range(start, end - 1):
                    if self.assigned[i] == key:
                        return i + 1
        inline = table or key
        return next((i + 1 for i, name in enumerate(self.assigned) if name == inline), 1)
