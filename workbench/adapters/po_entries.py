"""PO files as the plain entry values the three-way merge works on, and back.

A bridge between the PO reader/writer (:mod:`workbench.adapters.po`) and
:mod:`workbench.domain.threeway`: every field gettext keeps is carried over, so a merge
loses nothing the file held, and the merged file is written in gettext's layout.
"""

from __future__ import annotations

from pathlib import Path

from workbench.adapters.po import read_document, read_po_bytes, render_entry
from workbench.domain.catalog import PoEntry
from workbench.domain.threeway import Catalog, Entry, Previous


def read_catalog(path: Path) -> Catalog:
    """A PO file as a :class:`Catalog`; an empty file is an empty catalogue.

    A malformed file raises :class:`~workbench.errors.UserError` naming file and line.
    """
    _, raw = read_po_bytes(Path(path))
    if not raw:
        return Catalog(None, ())
    document = read_document(raw, path)
    header: Entry | None = None
    entries = []
    for entry in document.entries:
        if header is None and entry.is_header and not entry.obsolete:
            header = _entry(entry)
        else:
            entries.append(_entry(entry))
    return Catalog(header, tuple(entries))


def _entry(e: PoEntry) -> Entry:
    previous = None
    if e.previous_msgid is not None:
        previous = Previous(e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural)
    return Entry(
        msgid=e.msgid,
        msgstr=e.msgstrs,
        msgctxt=e.msgctxt,
        msgid_plural=e.msgid_plural,
        flags=e.flags,
        comments=e.comments,
        extracted=e.extracted,
        references=e.references,
        previous=previous,
        obsolete=e.obsolete,
    )


def render_catalog(catalog: Catalog) -> str:
    """The PO text of a merged catalogue, every entry in gettext's layout."""
    entries = [catalog.header] if catalog.header is not None else []
    entries += catalog.entries
    return "\n".join(render_entry(_po_entry(entry)) for entry in entries)


def _po_entry(entry: Entry) -> PoEntry:
    previous = entry.previous
    return PoEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr[0] if entry.msgstr else "",
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        plurals=tuple(entry.msgstr[1:]) if entry.msgid_plural is not None else (),
        comments=(*entry.comments, *entry.other),
        extracted=entry.extracted,
        references=entry.references,
        flags=entry.flags,
        previous_msgctxt=previous.msgctxt if previous is not None else None,
        previous_msgid=previous.msgid if previous is not None else None,
        previous_msgid_plural=previous.msgid_plural if previous is not None else None,
        obsolete=entry.obsolete,
    )
