"""The three versions of a PO file a git merge hands over, read as entries and written back.

A side is read with the PO reader (:func:`~workbench.adapters.po.read_document`: the
file's own charset, ``msgfmt -c``'s checks, file:line errors) and given to
:mod:`workbench.domain.threeway` as plain :class:`~workbench.domain.catalog.PoEntry`
values. The merged catalogue is written over *ours* with
:meth:`~workbench.adapters.po.PoDocument.rebuild`: an entry ours already had with the same
value keeps its bytes, a changed one is re-written in place, a new one in gettext's layout.
"""

from __future__ import annotations

from pathlib import Path

from workbench.adapters.files import atomic_write_bytes
from workbench.adapters.po import PoDocument, read_document, read_po_bytes
from workbench.domain.catalog import PoEntry
from workbench.domain.threeway import Catalog


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
        """Write ``merged`` to ``path`` over this side's text, atomically, in its charset."""
        document = self.document
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
        written = document.rebuild(entries, origins)
        atomic_write_bytes(path, written.encode(written.text))
