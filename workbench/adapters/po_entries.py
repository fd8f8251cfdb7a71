"""PO files as the plain entry values the three-way merge works on, and back.

A bridge between the PO store (:mod:`workbench.adapters.po`) and
:mod:`workbench.domain.threeway`: every field gettext keeps is carried over, so a merge
loses nothing the file held.
"""

from __future__ import annotations

from pathlib import Path

import polib

from workbench.adapters.po import PoCatalog
from workbench.domain.threeway import Catalog, Entry, Previous, header_fields


def read_catalog(path: Path) -> Catalog:
    """A PO file as a :class:`Catalog`; an empty file is an empty catalogue.

    A malformed file raises :class:`~workbench.errors.UserError` naming file and line.
    """
    if path.stat().st_size == 0:
        return Catalog(None, ())
    pofile = PoCatalog.load(path).pofile
    header: Entry | None = None
    if pofile.metadata or pofile.header:
        text = "".join(f"{name}: {value}\n" for name, value in pofile.metadata.items())
        header = Entry(
            msgid="",
            msgstr=(text,),
            flags=tuple(pofile.metadata_is_fuzzy or ()),
            comments=tuple(pofile.header.split("\n")) if pofile.header else (),
        )
    return Catalog(header, tuple(_entry(e) for e in pofile))


def _entry(e: polib.POEntry) -> Entry:
    if e.msgid_plural:
        forms = tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural)) or ("",)
    else:
        forms = (e.msgstr,)
    previous = None
    if e.previous_msgid is not None:
        previous = Previous(e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural)
    return Entry(
        msgid=e.msgid,
        msgstr=forms,
        msgctxt=e.msgctxt,
        msgid_plural=e.msgid_plural or None,
        flags=tuple(e.flags),
        comments=tuple(e.tcomment.split("\n")) if e.tcomment else (),
        extracted=tuple(e.comment.split("\n")) if e.comment else (),
        references=tuple(f"{f}:{line}" if line else f for f, line in e.occurrences),
        previous=previous,
        obsolete=bool(e.obsolete),
    )


def render_catalog(catalog: Catalog) -> str:
    """The PO text of a merged catalogue."""
    pofile = polib.POFile(encoding="utf-8")
    if catalog.header is not None:
        header = catalog.header
        pofile.header = "\n".join(header.comments)
        pofile.metadata = {f.name: (f.rest or "").strip() for f in header_fields(header.msgstr[0])}
        pofile.metadata_is_fuzzy = list(header.flags) if header.flags else 0
    for entry in catalog.entries:
        pofile.append(_po_entry(entry))
    return PoCatalog(pofile, None, None).render()


def _po_entry(entry: Entry) -> polib.POEntry:
    po = polib.POEntry(
        msgid=entry.msgid,
        msgctxt=entry.msgctxt,
        flags=list(entry.flags),
        tcomment="\n".join(entry.comments),
        comment="\n".join(entry.extracted),
        occurrences=[_reference(r) for r in entry.references],
        obsolete=entry.obsolete,
    )
    if entry.msgid_plural is not None:
        po.msgid_plural = entry.msgid_plural
        po.msgstr_plural = dict(enumerate(entry.msgstr))
    else:
        po.msgstr = entry.msgstr[0]
    if entry.previous is not None:
        po.previous_msgctxt = entry.previous.msgctxt
        po.previous_msgid = entry.previous.msgid
        po.previous_msgid_plural = entry.previous.msgid_plural
    return po


def _reference(ref: str) -> tuple[str, str]:
    name, sep, line = ref.rpartition(":")
    return (name, line) if sep and line.isdigit() else (ref, "")
