"""``export``: a catalogue as PO (all or reviewed entries), markdown, a bilingual table or TMX.

PO export keeps full fidelity: it writes the catalogue polib read (header, plurals,
msgctxt, flags, every comment, obsolete entries), filtered to reviewed entries on
request. The other formats are built by the pure :mod:`workbench.domain.export`.
Everything is written atomically. Callable in-process: :func:`export_text`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from workbench import __version__
from workbench.adapters.files import atomic_write_text, plan_write
from workbench.adapters.po import PoCatalog
from workbench.domain.export import TmxHeader, bilingual_table, render_markdown, render_tmx
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit
from workbench.errors import UserError

FORMATS = ("po", "md", "bilingual-md", "tmx")


@dataclass(frozen=True)
class Exported:
    """What an export produced: the text, and how many segments went in out of how many."""

    text: str
    written: int
    total: int
    note: str = ""


def export_text(
    catalog: PoCatalog, fmt: str, reviewed_only: bool = False, unreviewed: str = "mark"
) -> Exported:
    """Render a loaded catalogue in ``fmt``; nothing is written."""
    units = catalog.units(include_obsolete=True)
    live = [u for u in units if not u.obsolete]
    if fmt == "po":
        return _po_text(catalog, units, reviewed_only)
    if fmt == "md":
        doc = render_markdown(live, "skip" if reviewed_only else unreviewed)
        note = f"{doc.reviewed} reviewed, {doc.marked} marked, {doc.left_out} left out"
        return Exported(doc.text, doc.reviewed + doc.marked, len(live), note)
    if fmt == "bilingual-md":
        table = bilingual_table(live, reviewed_only)
        written = (
            len(live)
            if not reviewed_only
            else sum(1 for u in live if u.state is ReviewState.REVIEWED)
        )
        return Exported(table, written, len(live))
    if fmt == "tmx":
        # TMX is for reuse in other tools: only reviewed translations, always
        reviewed = [u for u in live if u.state is ReviewState.REVIEWED]
        header = TmxHeader(
            srclang=catalog.source_language or "de",
            tgtlang=catalog.target_language or "en",
            adminlang="en",
            creationtoolversion=__version__,
            creationdate=datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"),
        )
        return Exported(render_tmx(reviewed, header), len(reviewed), len(live))
    raise UserError(f"unknown export format {fmt!r}", None, f"choose one of {', '.join(FORMATS)}")


def _po_text(catalog: PoCatalog, units: list[Unit], reviewed_only: bool) -> Exported:
    """The catalogue (or its reviewed entries) as the PO adapter writes it (header order kept)."""
    subset = copy.copy(catalog.pofile)
    if reviewed_only:
        subset[:] = [
            e for e, u in zip(catalog.pofile, units, strict=True) if u.state is ReviewState.REVIEWED
        ]
    return Exported(PoCatalog(subset, None, None).render(), len(subset), len(units))


def export_file(
    po: Path,
    fmt: str,
    out: Path | str | None,
    reviewed_only: bool = False,
    unreviewed: str = "mark",
) -> Exported:
    """Load ``po``, render it, and write ``out`` atomically (``None``: only return the text)."""
    if out is not None:
        plan_write(out, inputs=[po])  # refuse a bad output before reading anything
    catalog = PoCatalog.load(Path(po))
    result = export_text(catalog, fmt, reviewed_only, unreviewed)
    if out is not None:
        atomic_write_text(out, result.text, inputs=[po])
    return result
