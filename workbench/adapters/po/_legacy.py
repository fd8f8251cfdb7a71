"""Gettext PO catalogues: reading entries as domain units and writing units back.

Built on polib. Entries are indexed by (msgctxt, msgid) in a dict, because polib's own
``find()`` is a linear scan. Everything polib reads (plurals, flags, comments, obsolete
entries, the header) is kept when a catalogue is saved again; the workbench only changes
the fields a unit owns. Saves are atomic and refuse to overwrite a file that changed on
disk since it was read.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from stat import S_ISREG

import polib

from workbench.adapters.files import atomic_write_text, decode_text
from workbench.domain.units import (
    CommentMeta,
    Unit,
    placement_line,
    read_comments,
    translator_lines,
)
from workbench.errors import UserError

Key = tuple[str | None, str]
WRAP_WIDTH = 78


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


def _entry_key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


class PoCatalog:
    """One PO file: its polib object, an index by key, and where it came from."""

    def __init__(
        self, pofile: polib.POFile, path: Path | None, fingerprint: Fingerprint | None
    ) -> None:
        self.pofile = pofile
        # polib re-sorts header fields into its own order when writing; keep the file's order
        # so a save changes only what the workbench changed (found on Debian's coreutils PO).
        pofile.ordered_metadata = lambda: list(pofile.metadata.items())
        self.path = path
        self.fingerprint = fingerprint
        self._index: dict[Key, polib.POEntry] = {}
        self._units: list[Unit] | None = None
        self._reindex()

    # --- reading ---------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> PoCatalog:
        """Read a PO file; a malformed one raises :class:`UserError` with file and line."""
        path = Path(path)
        if not path.exists():
            raise UserError(
                "no such PO file", path, "run `workbench segment SOURCE -o FILE.po` to create one"
            )
        try:
            stat = path.stat()
            raw = path.read_bytes()
        except OSError as exc:
            raise UserError(f"cannot read: {exc.strerror}", path) from None
        text = decode_text(raw, path, "convert it with `msgconv -t UTF-8`", name="UTF-8")
        fingerprint = Fingerprint.of_bytes(stat, raw)
        _check_string_lines(text, path)
        try:
            pofile = polib.pofile(text, wrapwidth=WRAP_WIDTH, encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise _syntax_error(path, str(exc)) from None
        catalog = cls(pofile, path, fingerprint)
        catalog.units()  # validates workbench comments now, with a line number
        return catalog

    @classmethod
    def new(
        cls, path: Path | None, source_language: str, target_language: str, source_name: str
    ) -> PoCatalog:
        """An empty catalogue with a complete header that ``msgfmt -c`` accepts."""
        pofile = polib.POFile(wrapwidth=WRAP_WIDTH, encoding="utf-8")
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
        pofile.metadata = {
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
            "X-Generator": "workbench",
        }
        return cls(pofile, path, None)

    def _reindex(self) -> None:
        self._index = {}
        for entry in sorted(self.pofile, key=lambda e: bool(e.obsolete)):
            self._index.setdefault(_entry_key(entry), entry)

    @property
    def source_language(self) -> str:
        return str(self.pofile.metadata.get("X-Source-Language", ""))

    @property
    def target_language(self) -> str:
        return str(self.pofile.metadata.get("Language", ""))

    def entries(self) -> list[polib.POEntry]:
        """All entries, obsolete ones included, as polib objects in file order."""
        return list(self.pofile)

    def units(self, include_obsolete: bool = False) -> list[Unit]:
        """The entries as domain units, in file order.

        Built once after loading (which validates them) and reused until the catalogue is
        changed through :meth:`apply` or :meth:`replace_units`.
        """
        if self._units is None:
            self._units = [self._unit(e) for e in self.pofile]
        return [u for u in self._units if include_obsolete or not u.obsolete]

    def _unit(self, entry: polib.POEntry) -> Unit:
        try:
            meta = read_comments(_lines(entry.tcomment), _lines(entry.comment))
        except ValueError as exc:
            raise UserError(
                str(exc), f"{self.path}:{entry.linenum}", "fix or delete that comment line"
            ) from None
        target = entry.msgstr if not entry.msgid_plural else entry.msgstr_plural.get(0, "")
        return _to_unit(entry, meta, target)

    def get(self, unit_id: str | None, source: str) -> polib.POEntry | None:
        """The entry with this msgctxt (``None`` or ``""`` for none) and msgid."""
        return self._index.get((unit_id or None, source))

    # --- writing ---------------------------------------------------------------------

    def apply(self, unit: Unit) -> None:
        """Write a unit's target, state and metadata into its entry (created if new)."""
        self._units = None
        key: Key = (unit.id or None, unit.source)
        entry = self._index.get(key)
        if entry is None:
            entry = polib.POEntry(msgctxt=unit.id or None, msgid=unit.source)
            self.pofile.append(entry)
            self._index[key] = entry
        _write_unit(entry, unit)

    def replace_units(self, units: Sequence[Unit]) -> None:
        """Make the catalogue hold exactly ``units`` in this order, keeping the header."""
        self._units = None
        old = dict(self._index)
        self.pofile[:] = []
        self._index = {}
        for unit in units:
            key: Key = (unit.id or None, unit.source)
            entry = old.get(key) or polib.POEntry(msgctxt=unit.id or None, msgid=unit.source)
            if key in self._index:
                continue
            _write_unit(entry, unit)
            self.pofile.append(entry)
            self._index[key] = entry

    def render(self) -> str:
        """The PO text as it would be saved.

        Like polib's own output, except that comments are never re-wrapped: polib wraps
        long comment lines at spaces, which would split a translator's note, or a
        ``wb:`` metadata line, into several lines. GNU gettext does not wrap them either.
        """
        pofile = self.pofile
        head = (
            "".join(
                "#\n" if not h else f"#{h}\n" if h[0] in ",:" else f"# {h}\n"
                for h in pofile.header.split("\n")
            )
            if pofile.header
            else ""
        )
        parts = [pofile.metadata_as_entry().__unicode__(pofile.wrapwidth)]
        parts += [_render_entry(e, pofile.wrapwidth) for e in pofile if not e.obsolete]
        parts += [_render_entry(e, pofile.wrapwidth) for e in pofile if e.obsolete]
        return head + "\n".join(parts)

    def save(self, path: Path | None = None, force: bool = False) -> Path:
        """Write atomically. Refuse if the file changed on disk since it was read.

        ``force`` overwrites anyway (after the user chose to). Returns the path written.
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            raise UserError("this catalogue has no file name", None, "give an output path")
        if not force and target == self.path and self.changed_on_disk():
            raise ChangedOnDiskError(
                "was changed on disk by another program since it was opened; not overwritten",
                target,
                "reload it, or save under another name",
            )
        atomic_write_text(target, self.render())
        self.path = target
        self.fingerprint = Fingerprint.of(target)
        return target

    def changed_on_disk(self) -> bool:
        """True if the file on disk is not the one this catalogue was read from or saved to."""
        if self.path is None:
            return False
        return Fingerprint.content_changed(self.fingerprint, Fingerprint.of(self.path))


def _render_entry(entry: polib.POEntry, wrapwidth: int) -> str:
    """One entry as polib writes it, with its comment lines kept exactly as they are."""
    tcomment, comment = entry.tcomment, entry.comment
    lines = [f"# {c}" if c else "#" for c in tcomment.split("\n")] if tcomment else []
    if comment and not entry.obsolete:
        lines += [f"#. {c}" if c else "#." for c in comment.split("\n")]
    entry.tcomment = entry.comment = ""
    try:
        body: str = entry.__unicode__(wrapwidth)
    finally:
        entry.tcomment, entry.comment = tcomment, comment
    return "\n".join([*lines, body])


def _lines(comment: str | None) -> list[str]:
    return comment.split("\n") if comment else []


def _to_unit(entry: polib.POEntry, meta: CommentMeta, target: str) -> Unit:
    references = tuple(f"{f}:{ln}" if ln else f for f, ln in entry.occurrences)
    return Unit(
        id=entry.msgctxt or "",
        source=entry.msgid,
        target=target,
        fuzzy="fuzzy" in entry.flags,
        review=meta.review,
        origin=meta.origin,
        waivers=meta.waivers,
        placement=meta.placement,
        previous_source=entry.previous_msgid,
        references=references,
        notes=meta.notes,
        line=entry.linenum or 0,
        conflict=meta.conflict,
        obsolete=bool(entry.obsolete),
        comments=meta.extracted_notes,
    )


def _write_unit(entry: polib.POEntry, unit: Unit) -> None:
    if entry.msgid_plural:
        entry.msgstr_plural[0] = unit.target
    else:
        entry.msgstr = unit.target
    flags = [f for f in entry.flags if f != "fuzzy"]
    if unit.fuzzy and unit.target:
        flags.insert(0, "fuzzy")
    entry.flags = flags
    entry.previous_msgid = unit.previous_source if unit.fuzzy else None
    if not unit.fuzzy:
        entry.previous_msgctxt = None
        entry.previous_msgid_plural = None
    entry.tcomment = "\n".join(translator_lines(unit))
    extracted = read_comments([], _lines(entry.comment)).extracted_notes
    lines = list(extracted)
    if unit.placement is not None:
        lines.append(placement_line(unit.placement))
    entry.comment = "\n".join(lines)
    entry.occurrences = [_split_reference(r) for r in unit.references]
    entry.obsolete = unit.obsolete


def _split_reference(ref: str) -> tuple[str, str]:
    name, sep, line = ref.rpartition(":")
    if sep and line.isdigit():
        return name, line
    return ref, ""


_LINE = re.compile(r"\(line (\d+)\)")
#: A line that starts a PO string but does not hold exactly one closed string.
_BAD_STRING_LINE = re.compile(
    r"^[ \t]*(?:#~[ \t]*)?(?:#\|[ \t]*)?"
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+|(?="))'
    r'(?!"(?:[^"\\\n]|\\.)*"[ \t]*\r?$).*$',
    re.MULTILINE,
)


def _check_string_lines(text: str, path: Path) -> None:
    """Reject string lines polib would accept although gettext does not.

    polib reads ``msgstr "b`` (no closing quote) as if it were complete; saving such a
    file would silently change it, so it is reported like any other syntax error.
    """
    bad = _BAD_STRING_LINE.search(text)
    if bad is not None:
        number = text.count("\n", 0, bad.start()) + 1
        raise UserError(
            "malformed PO file: a string is not closed or has stray characters",
            f"{path}:{number}",
            "fix the file (`msgfmt -c` shows details); it was not changed",
        )


def _syntax_error(path: Path, message: str) -> UserError:
    match = _LINE.search(message)
    where = f"{path}:{match.group(1)}" if match else str(path)
    detail = message.split(":", 1)[1].strip() if ":" in message and match else message
    detail = detail or "syntax error"
    return UserError(
        f"malformed PO file: {detail}",
        where,
        "fix the file (`msgfmt -c` shows details); it was not changed",
    )


def load_catalogs(paths: Iterable[Path]) -> list[PoCatalog]:
    """Load several PO files, failing on the first malformed one."""
    return [PoCatalog.load(Path(p)) for p in paths]
