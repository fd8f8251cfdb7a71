"""A PO file as read: its text, its entries and where each one stands, and writing it back.

:func:`read_document` decodes a file in the charset its header names (ISO-8859-1, KOI8-R,
BIG5, UTF-8, …: whatever gettext reads), parses it with :mod:`.syntax`, checks what
``msgfmt -c`` would refuse about the whole file (duplicate entries, plural forms that do
not match ``nplurals``) and works out the file's own line layout (filled at 79 columns
as gettext writes, or not filled at all as ``msgcat --no-wrap`` writes).

:meth:`PoDocument.rebuild` writes a list of entries back: an entry that did not change
is copied from the original text byte for byte, a changed one is written over its
original text (:func:`.layout.rerender_entry`: only its changed parts move), a new one
in gettext's layout, so a file comes back byte-identical when nothing changed and an
edit of one entry changes only that entry's lines.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, overload

from workbench.adapters.po.charsets import UNDECLARED, UTF8, Charset, charset_named, sniff_charset
from workbench.adapters.po.syntax import Parsed, PoSyntaxError, Reader
from workbench.domain.catalog import (
    Key,
    PoEntry,
    header_fields,
    plural_count,
    set_header_field,
)
from workbench.domain.patterns import when_used
from workbench.errors import UserError

if TYPE_CHECKING:  # .layout (with the line breaker's tables) is imported by what writes
    from workbench.adapters.po.layout import Layout

_CONVERT = "convert it with `msgconv -t UTF-8`"
_LATIN = frozenset({"ISO-8859-1", "ISO-8859-15", "CP1252"})
_CONTENT_TYPE_CHARSET = when_used(r"(charset=)([^ \t\n;]*)")


#: Files up to this size keep their bytes as read; bigger ones keep them compressed
#: (:class:`KeptBytes`).
PLAIN_UP_TO = 32 * 1024 * 1024


class KeptBytes:
    """A file's bytes as read, kept for writing it back: as they are, or for a big file
    compressed in blocks (zlib's fastest level; ``python -m bench.tui --memory`` measures
    the editor's memory on a big file).

    A save of a big file decompresses them once; one entry's text (:meth:`span`)
    decompresses only its blocks, and the last block is cached for reads in file order.
    Bytes are compressed by :meth:`pack` (a file of at most ``plain_up_to`` bytes stays as
    it is), so a file just written is written from its plain bytes and packed after.
    """

    __slots__ = ("_blocks", "_cached", "_plain", "block", "plain_up_to", "size")

    def __init__(
        self, data: bytes, plain_up_to: int = PLAIN_UP_TO, block: int = 1024 * 1024
    ) -> None:
        self.size = len(data)
        self.plain_up_to = plain_up_to
        self.block = block
        self._cached: tuple[int, bytes] = (-1, b"")
        self._plain: bytes | None = data
        self._blocks: list[bytes] = []

    def pack(self) -> KeptBytes:
        """Compress the bytes if there are more than ``plain_up_to``; returns itself."""
        data = self._plain
        if data is not None and len(data) > self.plain_up_to:
            view = memoryview(data)
            step = self.block
            self._blocks = [zlib.compress(view[i : i + step], 1) for i in range(0, len(data), step)]
            self._plain = None
        return self

    def like(self, data: bytes) -> KeptBytes:
        """Other bytes (a file as written) to be kept the same way (after :meth:`pack`)."""
        return KeptBytes(data, self.plain_up_to, self.block)

    @property
    def compressed(self) -> bool:
        return self._plain is None

    def whole(self) -> bytes:
        """All the bytes (decompressed for a big file: a copy, not kept)."""
        if self._plain is not None:
            return self._plain
        return b"".join(map(zlib.decompress, self._blocks))

    def span(self, start: int, end: int) -> bytes:
        """The bytes ``start:end``."""
        if self._plain is not None:
            return self._plain[start:end]
        end = min(end, self.size)
        if end <= start:
            return b""
        first, last = start // self.block, (end - 1) // self.block
        data = b"".join(self._block(k) for k in range(first, last + 1))
        base = first * self.block
        return data[start - base : end - base]

    def _block(self, k: int) -> bytes:
        cached_at, cached = self._cached
        if cached_at != k:
            cached = zlib.decompress(self._blocks[k])
            self._cached = (k, cached)
        return cached


class Entries(Sequence[PoEntry]):
    """A document's entries, each kept or (``None``) read again from its text when asked.

    An editor keeps units, which hold what it shows; keeping every entry besides (its
    comment lines, flags and the tuple) doubled a big file's memory. An entry read again
    from its span is the entry read in the file (``tests/test_po_gettext.py`` checks it on
    gettext's suite and real catalogues), so a forgotten entry costs one parse of its
    text when an edit or a save needs it.
    """

    __slots__ = ("document", "slots")

    def __init__(self, document: PoDocument, slots: list[PoEntry | None]) -> None:
        self.document = document
        self.slots = slots

    def __len__(self) -> int:
        return len(self.slots)

    @overload
    def __getitem__(self, i: int) -> PoEntry: ...

    @overload
    def __getitem__(self, i: slice) -> list[PoEntry]: ...

    def __getitem__(self, i: int | slice) -> PoEntry | list[PoEntry]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self.slots)))]
        entry = self.slots[i]
        return entry if entry is not None else self.document.read_again(i % len(self.slots))

    def __setitem__(self, i: int, entry: PoEntry) -> None:
        self.slots[i] = entry

    def copy(self) -> Entries:
        return Entries(self.document, list(self.slots))


@dataclass
class PoDocument:
    """A PO file's bytes and entries; ``entries[i]`` was read from ``data[starts[i]:ends[i]]``,
    which begins on line ``lines[i]``.

    The bytes are kept as they are (not the decoded text; a big file's compressed:
    :class:`KeptBytes`): a save copies the unchanged stretches as bytes and encodes only
    what it writes anew. The offsets are machine
    integers (``array('q')``, 8 bytes each, not 40 as a list of ints: a 200,000-entry file's
    three lists were 25 MB; ``python -m bench.tui --memory``).

    ``warnings`` are problems that do not stop the file being read (said with file:line).
    """

    path: str
    kept: KeptBytes
    charset: Charset
    entries: list[PoEntry] | Entries
    starts: array[int]
    ends: array[int]
    lines: array[int]
    newline: str = "\n"
    #: The file's line layout; ``None`` until a write needs it (:meth:`line_layout`).
    layout: Layout | None = None
    warnings: list[str] = field(default_factory=list)
    #: Values to write for entries whose text must change even if nobody edits them
    #: (the header of a UTF-8 file labelled Latin-1): position → value.
    corrections: dict[int, PoEntry] = field(default_factory=dict)

    @property
    def header(self) -> PoEntry | None:
        """The header entry (empty msgid, no msgctxt, not obsolete), if the file has one."""
        for entry in self.entries[:1]:
            if entry.is_header and not entry.obsolete:
                return entry
        return next((e for e in self.entries if e.is_header and not e.obsolete), None)

    def line_layout(self) -> Layout:
        """The file's own line layout, worked out when first needed: only writing a changed
        or new entry needs it, and working it out renders entries (reading alone never
        does; ``python -m bench.startup``)."""
        if self.layout is None:
            self.layout = detect_layout(self)
        return self.layout

    @property
    def codec(self) -> str:
        """Python's codec for the file's bytes."""
        return self.charset.codec or "utf-8"

    @property
    def data(self) -> bytes:
        """The file's bytes."""
        return self.kept.whole()

    @property
    def text(self) -> str:
        """The whole file decoded (a copy: for looking at it, not for the hot paths)."""
        return self.data.decode(self.codec)

    def raw(self, i: int) -> str:
        """The text entry ``i`` was read from."""
        return self.kept.span(self.starts[i], self.ends[i]).decode(self.codec)

    def read_again(self, i: int) -> PoEntry:
        """Entry ``i`` read again from its text (see :class:`Entries`)."""
        reader = Reader(self.raw(i), self.path, self.codec)
        return next(reader.entries()).entry

    def index(self) -> dict[tuple[str, Key], int]:
        """Entry positions by (domain, key), first occurrence (live entries before obsolete)."""
        out: dict[tuple[str, Key], int] = {}
        for i, entry in enumerate(self.entries):
            key = (entry.domain, entry.key)
            if key not in out or (self.entries[out[key]].obsolete and not entry.obsolete):
                out[key] = i
        return out

    # --- writing ---------------------------------------------------------------------------

    def _entry_bytes(self, data: memoryview, origin: int, entry: PoEntry) -> bytes | memoryview:
        """Entry ``origin``'s bytes (in ``data``, the file's) if ``entry`` is its value, else
        ``entry`` written over them."""
        start, end = self.starts[origin], self.ends[origin]
        old = self.entries[origin]
        if entry == old:
            return data[start:end]
        raw = bytes(data[start:end]).decode(self.codec)
        from workbench.adapters.po.layout import rerender_entry

        new = rerender_entry(old, entry, raw, self.line_layout(), self.newline)
        if not raw.endswith("\n"):
            new = new.removesuffix(self.newline)  # the file's last line had no line end
        return self.encode(new, self.lines[origin])

    def rebuild(self, entries: Sequence[PoEntry], origins: Sequence[int | None]) -> PoDocument:
        """The file holding ``entries`` in this order, as a document (bytes, spans, lines).

        ``origins[i]`` is the position in :attr:`entries` that ``entries[i]`` was read as
        (``None`` for a new entry): an unchanged entry is copied from its bytes with the
        blank lines and comments that stood before it, a changed one written over its text,
        a new one in gettext's layout after a blank line. What follows the last entry stays.
        """
        from workbench.adapters.po.layout import render_entry

        out: list[bytes | memoryview] = []
        starts = offsets()
        ends = offsets()
        lines = offsets()
        length = 0
        line = 1
        data = memoryview(self.data)
        newline = self.encode(self.newline, 0)
        for entry, origin in zip(entries, origins, strict=True):
            gap: bytes | memoryview
            if origin is None:
                gap = newline if length else b""
                body: bytes | memoryview = self.encode(
                    render_entry(entry, self.line_layout(), self.newline), 0
                )
            else:
                gap = data[self.ends[origin - 1] if origin > 0 else 0 : self.starts[origin]]
                body = self._entry_bytes(data, origin, entry)
            if gap:
                out.append(gap)
                length += len(gap)
                line += bytes(gap).count(b"\n")
            starts.append(length)
            ends.append(length + len(body))
            lines.append(line)
            out.append(body)
            length += len(body)
            line += bytes(body).count(b"\n")
        out.append(data[self.ends[-1] if self.ends else 0 :])
        return self._written(b"".join(out), list(entries), starts, ends, lines)

    def splice(self, changes: dict[int, PoEntry]) -> PoDocument:
        """The file with entries ``changes`` (position → new value) written anew, all else kept.

        The cheap way to save an edit: the bytes between changed entries are copied as
        they are, and only the changed entries are encoded.
        """
        changes = {i: e for i, e in changes.items() if e != self.entries[i]}
        if not changes:
            return self
        whole = self.data
        data = memoryview(whole)
        out: list[bytes | memoryview] = []
        starts, ends, lines = self.starts[:], self.ends[:], self.lines[:]
        entries = self.entries.copy()  # forgotten ones stay forgotten
        order = sorted(changes)
        pos = 0
        shift = 0
        line_shift = 0
        for k, i in enumerate(order):
            start, end = self.starts[i], self.ends[i]
            out.append(data[pos:start])
            body = self._entry_bytes(data, i, changes[i])
            out.append(body)
            entries[i] = changes[i]
            starts[i] = start + shift
            lines[i] += line_shift
            shift += len(body) - (end - start)
            line_shift += bytes(body).count(b"\n") - whole.count(b"\n", start, end)
            ends[i] = end + shift
            pos = end
            stop = order[k + 1] if k + 1 < len(order) else len(starts)
            if shift:
                starts[i + 1 : stop] = offsets(map(shift.__add__, self.starts[i + 1 : stop]))
                ends[i + 1 : stop] = offsets(map(shift.__add__, self.ends[i + 1 : stop]))
            if line_shift:
                lines[i + 1 : stop] = offsets(map(line_shift.__add__, self.lines[i + 1 : stop]))
        out.append(data[pos:])
        return self._written(b"".join(out), entries, starts, ends, lines)

    def _written(
        self,
        data: bytes,
        entries: list[PoEntry] | Entries,
        starts: array[int],
        ends: array[int],
        lines: array[int],
    ) -> PoDocument:
        written = PoDocument(
            self.path,
            self.kept.like(data),
            self.charset,
            entries,
            starts,
            ends,
            lines,
            self.newline,
            self.line_layout(),
        )
        if isinstance(entries, Entries):
            entries.document = written  # forgotten entries are read from the new bytes
        return written

    def encode(self, text: str, line: int = 1) -> bytes:
        """``text`` (starting on ``line``) in the file's charset; a character the charset
        cannot hold is a :class:`UserError` naming its line."""
        try:
            return text.encode(self.codec)
        except UnicodeEncodeError as exc:
            line = max(line, 1) + text.count("\n", 0, exc.start)
            raise UserError(
                f"{exc.object[exc.start]!r} cannot be written in this file's charset "
                f"{self.charset.declared or 'ASCII'}",
                f"{self.path}:{line}",
                f"{_CONVERT} first, then edit it",
            ) from None


# --- reading ------------------------------------------------------------------------------


def decode(raw: bytes, path: str) -> tuple[str, Charset, list[str]]:
    """The file's text in the charset its header names, and warnings about the charset."""
    declared = sniff_charset(raw)
    charset = charset_named(declared)
    if charset is None:
        raise UserError(f"unknown charset {declared!r} in the header", path, _CONVERT)
    warnings: list[str] = []
    if charset is UNDECLARED:
        if raw.isascii():
            return raw.decode("ascii"), charset, warnings
        try:
            return raw.decode("utf-8"), charset._replace(codec="utf-8"), warnings
        except UnicodeDecodeError:
            return raw.decode("latin-1"), charset._replace(codec="latin-1"), warnings
    if charset.canonical in _LATIN and not raw.isascii():
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            line = raw[: _first_non_ascii(raw)].count(b"\n") + 1
            warnings.append(
                f"{path}:{line}: the header says charset={declared} but the file is UTF-8: "
                "read as UTF-8, and a save labels it UTF-8"
            )
            return text, charset._replace(codec="utf-8"), warnings
    try:
        return raw.decode(charset.codec), charset, warnings
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise UserError(
            f"is not valid {declared}: byte 0x{raw[exc.start]:02x} cannot be decoded",
            f"{path}:{line}",
            "fix the bytes or the header's charset (`msgfmt -c` shows details); it was not changed",
        ) from None


def _first_non_ascii(raw: bytes) -> int:
    return next(i for i, b in enumerate(raw) if b > 0x7F)


def checked_entries(text: str, path: str, codec: str = "utf-8") -> Iterator[Parsed]:
    """The entries of a PO text one by one, checked as ``msgfmt -c`` checks a whole file.

    Besides the grammar (:mod:`.syntax`): no entry twice in a domain (obsolete ones
    included, as gettext counts them), and every plural entry with as many forms as the
    header's ``nplurals``. The checks of an entry happen when it is reached, so a caller
    that counts as it goes never needs to keep the entries.
    """
    # an entry's key by its hash, and where the entry stood: nothing of it is kept alive
    seen: dict[int, tuple[int, int, int, str]] = {}
    nplurals: int | None = None
    header_seen = False
    waiting: list[Parsed] = []  # plural entries read before the header
    reader = Reader(text, path, codec)
    for parsed in reader.entries():
        entry = parsed.entry
        key = (entry.domain, entry.key)
        digest = hash(key)
        earlier = seen.get(digest)
        if earlier is not None and _key_at(reader, earlier) == key:
            first = Parsed(entry, *earlier[:3])
            raise PoSyntaxError(
                "duplicate message definition (the first is at line "
                f"{_keyword_line(text, first, _MSGID())})",
                path,
                _keyword_line(text, parsed, _MSGID()),
            )
        seen.setdefault(digest, (parsed.start, parsed.end, parsed.line, entry.domain))
        if not header_seen and entry.is_header and not entry.obsolete:
            header_seen = True
            nplurals = plural_count(entry.msgstr)
            for early in waiting:
                _check_plurals(text, early, nplurals, path)
            waiting.clear()
        elif entry.msgid_plural is not None and not entry.obsolete:
            if header_seen:
                _check_plurals(text, parsed, nplurals, path)
            else:
                waiting.append(parsed)
        yield parsed


def _key_at(reader: Reader, where: tuple[int, int, int, str]) -> tuple[str, Key] | None:
    """The key of the entry read from ``where`` (start, end, line, domain), read again."""
    start, end, _line, domain = where
    found = next(Reader(reader.text[start:end], reader.path, reader.codec).entries(), None)
    return (domain, found.entry.key) if found is not None else None


_MSGID = when_used(r"^[ \t]*(?:#~[ \t]*)?msgid[ \t\"]", re.MULTILINE)
_MSGSTR = when_used(r"^[ \t]*(?:#~[ \t]*)?msgstr[ \t\[]", re.MULTILINE)


def _keyword_line(text: str, parsed: Parsed, keyword: re.Pattern[str]) -> int:
    """The line of an entry's msgid (or msgstr), where gettext places messages about it."""
    found = keyword.search(text, parsed.start, parsed.end)
    at = found.start() if found is not None else parsed.start
    return parsed.line + text.count("\n", parsed.start, at)


def _check_plurals(text: str, parsed: Parsed, nplurals: int | None, path: str) -> None:
    forms = len(parsed.entry.plurals) + 1
    if nplurals is not None and forms != nplurals:
        raise PoSyntaxError(
            f"the header says nplurals = {nplurals}, but this entry has {forms} plural form"
            + ("s" if forms != 1 else ""),
            path,
            _keyword_line(text, parsed, _MSGSTR()),
        )


def read_document(raw: bytes, path: str | Path, plain_up_to: int = PLAIN_UP_TO) -> PoDocument:
    """Read a PO file's bytes; a malformed file raises :class:`UserError` with file:line.

    A file bigger than ``plain_up_to`` bytes keeps its bytes compressed (:class:`KeptBytes`).
    """
    where = str(path)
    text, charset, warnings = decode(raw, where)
    entries: list[PoEntry] = []
    starts = offsets()
    ends = offsets()
    lines = offsets()
    for parsed in checked_entries(text, where, charset.codec or "utf-8"):
        entries.append(parsed.entry)
        starts.append(parsed.start)
        ends.append(parsed.end)
        lines.append(parsed.line)
    starts, ends = byte_offsets(text, raw, charset.codec or "utf-8", starts, ends)
    kept = KeptBytes(raw, plain_up_to).pack()
    document = PoDocument(where, kept, charset, entries, starts, ends, lines, warnings=warnings)
    finish_document(document)
    return document


def offsets(values: Iterable[int] = ()) -> array[int]:
    """Offsets or line numbers as machine integers (see :class:`PoDocument`)."""
    return array("q", values)


def byte_offsets(
    text: str, raw: bytes, codec: str, starts: array[int], ends: array[int]
) -> tuple[array[int], array[int]]:
    """Where the entries read from ``text`` (character offsets) stand in ``raw``, its bytes."""
    if len(raw) == len(text):
        return starts, ends  # one byte per character: the same offsets
    byte_starts = offsets()
    byte_ends = offsets()
    at = 0
    previous = 0
    for start, end in zip(starts, ends, strict=True):
        at += len(text[previous:start].encode(codec))
        byte_starts.append(at)
        at += len(text[start:end].encode(codec))
        byte_ends.append(at)
        previous = end
    return byte_starts, byte_ends


def finish_document(document: PoDocument) -> None:
    """Work out what the entries alone do not say: line ends, a wrong label (the line layout
    when a write needs it: :meth:`PoDocument.line_layout`)."""
    kept = document.kept
    head = kept.span(0, kept.block)
    if b"\n" not in head and kept.size > len(head):
        head = kept.whole()
    document.newline = "\r\n" if b"\r\n" in head[: head.find(b"\n") + 1] else "\n"
    if mislabelled(document.charset):
        relabel_utf8(document)


def mislabelled(charset: Charset) -> bool:
    """Was a file labelled Latin-1 read as UTF-8 (its bytes are UTF-8)?"""
    return charset.codec == "utf-8" and charset.canonical in _LATIN


def relabel_utf8(document: PoDocument) -> None:
    """A UTF-8 file labelled Latin-1: the header says UTF-8 from the next write on."""
    for i, entry in enumerate(document.entries):
        if entry.is_header and not entry.obsolete:
            content = header_fields(entry.msgstr).get("Content-Type", "text/plain; charset=UTF-8")
            fixed = _CONTENT_TYPE_CHARSET().sub(r"\1UTF-8", content)
            document.corrections[i] = entry._replace(
                msgstr=set_header_field(entry.msgstr, "Content-Type", fixed)
            )
            document.charset = UTF8
            return


def detect_layout(document: PoDocument, sample: int = 40) -> Layout:
    """The file's own line layout: gettext's 79-column filling, or none (``--no-wrap``).

    Entries with long or continued strings vote for the layout whose rendering gives
    back their text exactly; without a clear majority, gettext's default is kept.
    """
    from workbench.adapters.po.layout import Layout, render_entry

    wide = document.charset.wide_cjk
    filled, unfilled = Layout(79, wide), Layout(0, wide)
    votes = 0
    seen = 0
    for i, entry in enumerate(document.entries):
        raw = document.raw(i)
        if len(raw) < 70 or (max(map(len, raw.split("\n"))) < 70 and raw.count('\n"') == 0):
            continue
        as_filled = render_entry(entry, filled, document.newline) == raw
        as_unfilled = render_entry(entry, unfilled, document.newline) == raw
        votes += as_filled - as_unfilled
        seen += as_filled != as_unfilled
        if seen >= sample:
            break
    return unfilled if votes < 0 else filled
