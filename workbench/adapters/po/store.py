"""One PO catalogue: read, seen as units, changed, written back as little as possible.

:class:`PoCatalog` is the one store every service uses to read and write PO files (as
Translate Toolkit's ``pypo`` is one store per format). It reads a file once
(:func:`.document.read_document`: gettext's grammar, the header's charset, strict about
what ``msgfmt -c`` refuses), gives its entries as :class:`~workbench.domain.units.Unit`
values, takes changed units back (:meth:`apply`, :meth:`replace_units`), and writes the
file from its original bytes with only the changed entries written anew. Saves are
atomic (the one write path in :mod:`workbench.adapters.files`), refuse to overwrite a file
that changed on disk since it was read, and stamp the header (``PO-Revision-Date``,
``Last-Translator``, ``X-Generator``) when entries changed.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from stat import S_ISREG

from workbench import __version__
from workbench.adapters.files import atomic_write_bytes, read_input
from workbench.adapters.po.document import (
    Entries,
    KeptBytes,
    PoDocument,
    byte_offsets,
    checked_entries,
    decode,
    finish_document,
    mislabelled,
    offsets,
    read_document,
)
from workbench.domain.catalog import (
    DEFAULT_DOMAIN,
    Key,
    PoEntry,
    header_fields,
    set_header_field,
)
from workbench.domain.units import MetaProblem, Unit, entry_with_unit, unit_from_entry
from workbench.errors import UserError

#: A PO file larger than this is refused (the largest real catalogues are tens of MB).
MAX_PO_BYTES = 1024 * 1024 * 1024
GENERATOR = f"workbench {__version__}"


class ChangedOnDiskError(UserError):
    """The PO file was changed by someone else after it was read."""


@dataclass(frozen=True)
class Fingerprint:
    """Size, mtime and content hash of a file as it was read."""

    size: int
    mtime_ns: int
    digest: str

    @classmethod
    def of(cls, path: Path) -> Fingerprint | None:
        """The file as it is now; ``None`` if it does not exist."""
        try:
            stat = path.stat()
            if not S_ISREG(stat.st_mode):
                return None  # '-', /dev/null, a FIFO: nothing to compare, and never read
            data = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return cls.of_bytes(stat, data)

    @classmethod
    def of_bytes(cls, stat: os.stat_result, data: bytes) -> Fingerprint:
        """The fingerprint of content already read, with the stat taken before reading."""
        return cls(stat.st_size, stat.st_mtime_ns, hashlib.sha1(data).hexdigest())

    @staticmethod
    def content_changed(before: Fingerprint | None, now: Fingerprint | None) -> bool:
        """Did the content change? A file that appeared counts; one that vanished does not."""
        if before is None:
            return now is not None
        return now is not None and now.digest != before.digest


def read_po_bytes(path: Path) -> tuple[os.stat_result, bytes]:
    """A PO file's bytes (with the stat taken before reading); a missing file says what to do."""
    if not path.exists() and not path.is_symlink():
        raise UserError(
            "no such PO file", path, "run `workbench segment SOURCE -o FILE.po` to create one"
        )
    try:
        stat = path.stat()
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", path) from None
    return stat, read_input(path, MAX_PO_BYTES, "PO file")


def verified_bytes(path: Path) -> tuple[bytes, int]:
    """A PO file's bytes, read through as strictly as :meth:`PoCatalog.load` reads it, and
    how many units it holds; nothing else is kept (an unchanged export of a big file).

    A UTF-8 file labelled Latin-1 comes back labelled UTF-8, as any write of it does.
    """
    stat, raw = read_po_bytes(path)
    text, charset, _ = decode(raw, str(path))
    fingerprint = Fingerprint.of_bytes(stat, raw)
    del raw  # not kept while the text is read through: read again below
    count = 0
    header_seen = False
    for parsed in checked_entries(text, str(path), charset.codec or "utf-8"):
        entry = parsed.entry
        if not header_seen and entry.is_header and not entry.obsolete:
            header_seen = True
            continue
        count += 1
    del text
    _, raw = read_po_bytes(path)
    if hashlib.sha1(raw).hexdigest() != fingerprint.digest:
        raise UserError("changed while it was read", path, "run the command again")
    if mislabelled(charset):
        return PoCatalog.load(path).render_bytes(), count
    return raw, count


class UnitScan:
    """The units of a PO file one by one, without keeping the file's entries.

    For whole-file counts in one pass (status, check): iterating reads the file; malformed
    input raises :class:`UserError` as :meth:`PoCatalog.load` does. :attr:`warnings` fills
    as it goes: the charset's first (a file labelled Latin-1 that is UTF-8), then each
    unreadable ``wb:`` comment (``file:line: …``).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.warnings: list[str] = []
        #: The header's fields, once the iteration has passed the header (else empty).
        self.header: dict[str, str] = {}

    def __iter__(self) -> Iterator[Unit]:
        _, raw = read_po_bytes(self.path)
        text, charset, warnings = decode(raw, str(self.path))
        del raw
        self.warnings.extend(warnings)
        header_seen = False
        for parsed in checked_entries(text, str(self.path), charset.codec or "utf-8"):
            entry = parsed.entry
            if not header_seen and entry.is_header and not entry.obsolete:
                header_seen = True
                self.header = header_fields(entry.msgstr)
                continue
            unit, problems = unit_from_entry(entry, parsed.line)
            for problem in problems:
                raw_entry = text[parsed.start : parsed.end]
                self.warnings.append(problem_warning(self.path, raw_entry, parsed.line, problem))
            yield unit


def problem_warning(path: Path | str, raw: str, line: int, problem: MetaProblem) -> str:
    """``file:line: what`` for an unreadable ``wb:`` comment in an entry read from ``raw``."""
    at = raw.find(problem.line)
    if at >= 0:
        line += raw.count("\n", 0, at)
    return f"{path}:{line}: {problem.message}; the entry keeps its other metadata and the line"


class StagedRead:
    """A PO file read in two steps, for an editor's first screen: the head now, the rest later.

    One parse serves both: :meth:`head` reads the first units, iterating the object reads
    the others (any thread), and :meth:`catalog` finishes the parse and gives the
    :class:`PoCatalog` for saving, without reading the file again. The catalogue's units
    are the very objects read here (no second set of 200,000 units for a big file);
    obsolete entries are kept for saving but not read as units to edit.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        stat, raw = read_po_bytes(self.path)
        self.fingerprint = Fingerprint.of_bytes(stat, raw)
        self._raw = raw
        self._text, self._charset, self._warnings = decode(raw, str(path))
        self._parsed = checked_entries(self._text, str(path), self._charset.codec or "utf-8")
        # where each entry stands, and the entry itself only where its unit does not say
        # all (the header, another domain): the others are read again when changed
        self._starts, self._ends, self._lines = offsets(), offsets(), offsets()
        self._slots: list[PoEntry | None] = []
        self._index: dict[Key, int] = {}
        self._dead: set[int] = set()
        self._header: int | None = None
        #: Every unit made so far (obsolete ones too), and the metadata problems met.
        self._units: list[Unit] = []
        self._problems: list[tuple[int | None, int, MetaProblem]] = []
        self._lock = threading.Lock()
        self._catalog: PoCatalog | None = None

    def _next_unit(self) -> Unit | None:
        """The next unit to edit (``None`` at the file's end); every entry's place is kept
        for the catalogue, and its unit (obsolete ones too) for the catalogue's units."""
        with self._lock:
            for parsed in self._parsed:
                entry = parsed.entry
                origin = len(self._slots)
                self._starts.append(parsed.start)
                self._ends.append(parsed.end)
                self._lines.append(parsed.line)
                if self._header is None and entry.is_header and not entry.obsolete:
                    self._header = origin
                    self._slots.append(entry)
                    continue
                self._slots.append(entry if entry.domain != DEFAULT_DOMAIN else None)
                add_to_index(self._index, self._dead, entry.key, origin, entry.obsolete)
                unit, problems = unit_from_entry(entry, parsed.line)
                self._units.append(unit)
                self._problems.extend((origin, parsed.line, problem) for problem in problems)
                if not unit.obsolete:
                    return unit
            return None

    def head(self, count: int) -> list[Unit]:
        """The first ``count`` units, and on to the first that needs work."""
        units: list[Unit] = []
        seen_work = False
        while len(units) < count or not seen_work:
            unit = self._next_unit()
            if unit is None:
                break
            units.append(unit)
            seen_work = seen_work or unit.state.needs_work
        return units

    def __iter__(self) -> Iterator[Unit]:
        while (unit := self._next_unit()) is not None:
            yield unit

    def catalog(self) -> PoCatalog:
        """The whole file as a catalogue (reads what is left first)."""
        while self._next_unit() is not None:
            pass
        with self._lock:
            if self._catalog is None:
                starts, ends = byte_offsets(
                    self._text, self._raw, self._charset.codec or "utf-8", self._starts, self._ends
                )
                document = PoDocument(
                    str(self.path),
                    KeptBytes(self._raw).pack(),
                    self._charset,
                    [],
                    starts,
                    ends,
                    self._lines,
                    warnings=self._warnings,
                )
                document.entries = Entries(document, self._slots)
                finish_document(document)
                catalog = PoCatalog(
                    document, self.path, self.fingerprint, (self._header, self._index)
                )
                catalog.take_units(self._units, self._problems)
                self._catalog = catalog
                # the catalogue holds what is needed now: not the text and bytes read
                self._text, self._raw = "", b""
            return self._catalog


def add_to_index(index: dict[Key, int], dead: set[int], key: Key, i: int, obsolete: bool) -> None:
    """Entry ``i`` into an index by key: the first entry with a key, a live one before
    obsolete ones (``dead``: the obsolete entries' positions so far)."""
    if obsolete:
        dead.add(i)
    if key not in index or (index[key] in dead and not obsolete):
        index[key] = i


class PoCatalog:
    """One PO file: its entries as read, their current values, and where it came from."""

    def __init__(
        self,
        document: PoDocument,
        path: Path | None,
        fingerprint: Fingerprint | None,
        known: tuple[int | None, dict[Key, int]] | None = None,
    ) -> None:
        """``known``: the header's position and the index by key, when the reader made
        them (else they are worked out from the entries)."""
        self._adopt(document, path, fingerprint, known=known)

    def _adopt(
        self,
        document: PoDocument,
        path: Path | None,
        fingerprint: Fingerprint | None,
        same_order: bool = False,
        known: tuple[int | None, dict[Key, int]] | None = None,
    ) -> None:
        """Take ``document`` as the file read (at load, and after every save).

        ``same_order``: the entries stand where they stood (a save that only changed
        values), so the index by key still holds.
        """
        self.document = document
        document.kept.pack()  # a big file's bytes compressed, once written (a save) or read
        self.path = path
        self.fingerprint = fingerprint
        self._units: list[Unit] | None = None
        self._entries: list[PoEntry] | Entries = document.entries.copy()
        #: Where each entry was read (``None``: new); a ``range`` until entries move.
        self._origins: Sequence[int | None] = range(len(document.entries))
        for i, corrected in document.corrections.items():
            self._entries[i] = corrected
        self._changed: set[int] = set(document.corrections)
        self._reordered = False
        if same_order:
            return
        self.warnings: list[str] = list(document.warnings)
        if known is not None:
            self._header, self._index = known
            return
        self._header = self._find_header()
        self._reindex()

    # --- reading ---------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> PoCatalog:
        """Read a PO file; a malformed one raises :class:`UserError` with file and line."""
        path = Path(path)
        stat, raw = read_po_bytes(path)
        return cls(read_document(raw, path), path, Fingerprint.of_bytes(stat, raw))

    @classmethod
    def new(
        cls, path: Path | None, source_language: str, target_language: str, source_name: str
    ) -> PoCatalog:
        """An empty catalogue with a complete header that ``msgfmt -c`` accepts."""
        now = _now()
        fields = {
            "Project-Id-Version": source_name,
            "Report-Msgid-Bugs-To": "",
            "POT-Creation-Date": now,
            "PO-Revision-Date": now,
            "Last-Translator": "workbench",
            "Language-Team": target_language,
            "Language": target_language,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": "nplurals=2; plural=(n != 1);",
            "X-Source-Language": source_language,
            "X-Generator": GENERATOR,
        }
        header = PoEntry("", "".join(f"{k}: {v}\n" for k, v in fields.items()))
        from workbench.adapters.po.layout import render_entry  # writing only: see .document

        text = render_entry(header)
        return cls(read_document(text.encode("utf-8"), str(path or "<new>")), path, None)

    def _find_header(self) -> int | None:
        return next(
            (i for i, e in enumerate(self._entries) if e.is_header and not e.obsolete), None
        )

    def _reindex(self) -> None:
        index: dict[Key, int] = {}
        dead: set[int] = set()
        for i, entry in enumerate(self._entries):
            if i != self._header:
                add_to_index(index, dead, entry.key, i, entry.obsolete)
        self._index = index

    @property
    def header(self) -> dict[str, str]:
        """The header's fields in file order (empty when the file has no header)."""
        if self._header is None:
            return {}
        return header_fields(self._entries[self._header].msgstr)

    @property
    def source_language(self) -> str:
        return self.header.get("X-Source-Language", "")

    @property
    def target_language(self) -> str:
        return self.header.get("Language", "")

    @property
    def charset(self) -> str:
        """The charset the file is read and written in, as its header names it."""
        return self.document.charset.declared or "UTF-8"

    @property
    def unit_count(self) -> int:
        """How many units the catalogue holds (every entry but the header)."""
        return len(self._entries) - (self._header is not None)

    def entries(self) -> list[PoEntry]:
        """Every entry, the header and obsolete ones included, in file order."""
        return list(self._entries)

    def units(self, include_obsolete: bool = False) -> list[Unit]:
        """The entries (header left out) as domain units, in file order.

        Built once and reused until the catalogue is changed. An unreadable ``wb:``
        comment costs only that piece of metadata; :attr:`warnings` names its line.
        """
        if self._units is None:
            self._units = self._make_units()
        return [u for u in self._units if include_obsolete or not u.obsolete]

    def _make_units(self) -> list[Unit]:
        units = []
        lines = self.document.lines
        problems: list[tuple[int | None, int, MetaProblem]] = []
        for i, (entry, origin) in enumerate(zip(self._entries, self._origins, strict=True)):
            if i == self._header:
                continue
            line = lines[origin] if origin is not None else 0
            unit, found = unit_from_entry(entry, line)
            problems.extend((origin, line, problem) for problem in found)
            units.append(unit)
        self._warn(problems)
        return units

    def take_units(
        self, units: list[Unit], problems: list[tuple[int | None, int, MetaProblem]]
    ) -> None:
        """The units of the entries as read (header left out), made while reading them, with
        the metadata problems met: :meth:`units` gives these very objects."""
        self._units = units
        self._warn(problems)

    def _warn(self, problems: Iterable[tuple[int | None, int, MetaProblem]]) -> None:
        seen = set(self.warnings)
        for origin, line, problem in problems:
            warning = self._problem_warning(origin, line, problem)
            if warning not in seen:
                seen.add(warning)
                self.warnings.append(warning)

    def _problem_warning(self, origin: int | None, line: int, problem: MetaProblem) -> str:
        raw = self.document.raw(origin) if origin is not None else ""
        return problem_warning(self.path or self.document.path, raw, line, problem)

    def get(self, unit_id: str | None, source: str) -> PoEntry | None:
        """The entry with this msgctxt (``None`` or ``""`` for none) and msgid."""
        i = self._index.get((unit_id or None, source))
        return self._entries[i] if i is not None else None

    # --- changing ----------------------------------------------------------------------

    def apply(self, unit: Unit) -> None:
        """Write a unit's target, state and metadata into its entry (created if new)."""
        key: Key = (unit.id or None, unit.source)
        i = self._index.get(key)
        if i is None:
            self._entries = [
                *self._entries,
                entry_with_unit(PoEntry(unit.source, msgctxt=key[0]), unit),
            ]
            self._origins = [*self._origins, None]
            self._index[key] = len(self._entries) - 1
            self._reordered = True
            self._units = None
            return
        old = self._entries[i]
        new = entry_with_unit(old, unit)
        if new is not old:
            self._entries[i] = new
            self._changed.add(i)
            self._units = None

    def replace_units(self, units: Sequence[Unit]) -> None:
        """Make the catalogue hold exactly ``units`` in this order, keeping the header."""
        entries: list[PoEntry] = []
        origins: list[int | None] = []
        if self._header is not None:
            entries.append(self._entries[self._header])
            origins.append(self._origins[self._header])
        used: set[Key] = set()
        for unit in units:
            key: Key = (unit.id or None, unit.source)
            if key in used:
                continue
            used.add(key)
            i = self._index.get(key)
            if i is None:
                entries.append(entry_with_unit(PoEntry(unit.source, msgctxt=key[0]), unit))
                origins.append(None)
            else:
                entries.append(entry_with_unit(self._entries[i], unit))
                origins.append(self._origins[i])
        self._entries = entries
        self._origins = origins
        self._reordered = True
        self._changed = set()
        self._header = 0 if self._header is not None else None
        self._units = None
        self._reindex()

    def set_header_field(self, name: str, value: str) -> None:
        """Set one header field (kept in place, or added at the end)."""
        if self._header is None:
            self._entries = [PoEntry("", f"{name}: {value}\n"), *self._entries]
            self._origins = [None, *self._origins]
            self._header = 0
            self._reordered = True
            self._reindex()
            return
        entry = self._entries[self._header]
        msgstr = set_header_field(entry.msgstr, name, value)
        if msgstr != entry.msgstr:
            self._entries[self._header] = entry._replace(msgstr=msgstr)
            self._changed.add(self._header)

    def setdefault_header_field(self, name: str, value: str) -> None:
        """Set a header field only if the header lacks it."""
        if name not in self.header:
            self.set_header_field(name, value)

    @property
    def modified(self) -> bool:
        """Does the catalogue differ from the file it was read from?"""
        document = self.document
        if self._reordered:
            return list(self._origins) != list(range(len(document.entries))) or any(
                e != document.entries[i] for i, e in enumerate(self._entries)
            )
        return any(self._entries[i] != document.entries[i] for i in self._changed)

    def stamp(self, translator: str | None = None) -> None:
        """Mark the header as a save after edits does: revision date, translator, generator.

        A file without a header gets none: that would change more than the edit.
        """
        if self._header is None:
            return
        self.set_header_field("PO-Revision-Date", _now())
        if translator:
            self.set_header_field("Last-Translator", translator)
        self.set_header_field("X-Generator", GENERATOR)

    # --- writing ---------------------------------------------------------------------

    def _written(self) -> PoDocument:
        """The document as it would be written: the one read when nothing changed."""
        document = self.document
        if self._reordered:
            if list(self._origins) == list(range(len(document.entries))) and all(
                e == document.entries[i] for i, e in enumerate(self._entries)
            ):
                return document
            return document.rebuild(self._entries, self._origins)
        changes = {i: self._entries[i] for i in self._changed}
        return document.splice(changes)

    def render(self) -> str:
        """The PO text as it would be saved."""
        return self._written().text

    def render_bytes(self) -> bytes:
        """:meth:`render` in the file's charset (what :meth:`save` writes)."""
        return self._written().data

    @property
    def codec(self) -> str:
        """Python's name for the charset the file is written in."""
        return self.document.charset.codec or "utf-8"

    def render_subset(self, keep: Sequence[Key]) -> bytes:
        """The file with the header and only the live entries of ``keep`` (by key), as written."""
        wanted = set(keep)
        entries = []
        origins = []
        for i, (entry, origin) in enumerate(zip(self._entries, self._origins, strict=True)):
            if i == self._header or (entry.key in wanted and not entry.obsolete):
                entries.append(entry)
                origins.append(origin)
        return self.document.rebuild(entries, origins).data

    def save(
        self,
        path: Path | None = None,
        force: bool = False,
        translator: str | None = None,
        *,
        stamp: bool = True,
    ) -> Path:
        """Write atomically, the header stamped if entries changed; refuse a file changed on disk.

        ``force`` overwrites anyway (after the user chose to); ``translator`` goes into
        ``Last-Translator``; ``stamp=False`` leaves the revision date as it is (an update
        from the source, as msgmerge does). Nothing is written when nothing changed and the
        file is the one read. Returns the path written.
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            raise UserError("this catalogue has no file name", None, "give an output path")
        same = self.path is not None and target == self.path
        if not force and same and self.changed_on_disk():
            raise ChangedOnDiskError(
                "was changed on disk by another program since it was opened; not overwritten",
                target,
                "reload it, or save under another name",
            )
        if self.modified:
            if stamp:
                self.stamp(translator)
        elif same and self.fingerprint is not None:
            return target
        written = self._written()
        data = written.data
        atomic_write_bytes(target, data)
        try:
            stat = target.stat()
        except OSError:
            fingerprint = None
        else:
            fingerprint = Fingerprint.of_bytes(stat, data) if S_ISREG(stat.st_mode) else None
        written.path = str(target)
        self._adopt(written, target, fingerprint, same_order=not self._reordered)
        return target

    def changed_on_disk(self) -> bool:
        """True if the file on disk is not the one this catalogue was read from or saved to."""
        if self.path is None:
            return False
        fingerprint = self.fingerprint
        if fingerprint is not None:
            try:
                stat = self.path.stat()
            except OSError:
                return False
            if (stat.st_size, stat.st_mtime_ns) == (fingerprint.size, fingerprint.mtime_ns):
                return False  # the same size and time to the nanosecond: not read again
        return Fingerprint.content_changed(fingerprint, Fingerprint.of(self.path))


def _now() -> str:
    """Now, as gettext writes header dates: local time with its UTC offset."""
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M%z")
