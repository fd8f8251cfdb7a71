"""The three versions of a PO file a git merge hands over, read as entries and written back.

A side is read with the PO reader (:func:`~workbench.adapters.po.read_document`: the
file's own charset, ``msgfmt -c``'s checks, file:line errors) and given to
:mod:`workbench.domain.threeway` as plain :class:`~workbench.domain.catalog.PoEntry`
values. The merged catalogue is written over *ours* with
:meth:`~workbench.adapters.po.PoDocument.rebuild`: an entry ours already had with the same
value keeps its bytes, a changed one is re-written in place, a new one in gettext's layout.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from workbench.adapters.files import atomic_write_bytes
from workbench.adapters.po import PoDocument, read_document, read_po_bytes
from workbench.adapters.po.charsets import UTF8, Charset, charset_named
from workbench.domain.catalog import PoEntry, header_fields, set_header_field
from workbench.domain.threeway import Catalog
from workbench.errors import UserError


class MergeSide:
    """One version of the file: its entries for the merge, and the document they came from."""

    def __init__(self, path: Path) -> None:
        _, raw = read_po_bytes(Path(path))
        self.document: PoDocument = read_document(raw, path)
        header: PoEntry | None = None
        entries: list[PoEntry] = []
        for entry in self.document.entries:
            if header is None and entry.is_header and not entry.obsolete:
                header = entry
            else:
                entries.append(entry)
        self.catalog = Catalog(header, tuple(entries))

    def write(self, path: Path, merged: Catalog) -> None:
        """Write ``merged`` to ``path`` over this side's text, atomically.

        The bytes are in the charset the merged header names (theirs may have converted
        the file, say to UTF-8); a text that charset cannot hold is written in UTF-8, and
        the header says so.
        """
        charset = _charset(merged.header) or self.document.charset
        try:
            data = self._bytes(merged, charset)
        except UserError:
            header = merged.header
            if header is None:
                raise
            fields = header_fields(header.msgstr)
            content = fields.get("Content-Type", "text/plain; charset=UTF-8")
            relabelled = f"{content.partition('charset=')[0]}charset=UTF-8"
            header = header._replace(
                msgstr=set_header_field(header.msgstr, "Content-Type", relabelled)
            )
            data = self._bytes(merged._replace(header=header), UTF8)
        atomic_write_bytes(path, data)

    def _bytes(self, merged: Catalog, charset: Charset) -> bytes:
        """The merged file's bytes in ``charset``, written over this side's text.

        In another charset than this side's, every byte changes anyway: the file is written
        anew, in this side's line layout.
        """
        document = self.document
        if charset.codec != document.codec:
            fresh = read_document(b"", document.path)
            document = dataclasses.replace(
                fresh, charset=charset, layout=document.line_layout(), newline=document.newline
            )
        positions = {
            (entry.domain, entry.msgctxt, entry.msgid, entry.obsolete): i
            for i, entry in reversed(list(enumerate(document.entries)))
        }
        entries: list[PoEntry] = []
        origins: list[int | None] = []
        for entry in ([merged.header] if merged.header is not None else []) + list(merged.entries):
            origin = positions.get((entry.domain, entry.msgctxt, entry.msgid, entry.obsolete))
            if origin is None:  # an entry that changed between live and obsolete moves
                origin = positions.get(
                    (entry.domain, entry.msgctxt, entry.msgid, not entry.obsolete)
                )
            entries.append(entry)
            origins.append(origin)
        return bytes(document.rebuild(entries, origins).data)


def _charset(header: PoEntry | None) -> Charset | None:
    """The charset a header's ``Content-Type`` names (None if none or unknown)."""
    if header is None:
        return None
    content = header_fields(header.msgstr).get("Content-Type", "")
    name = content.partition("charset=")[2].split(";")[0].strip()
    return charset_named(name) if name else None
