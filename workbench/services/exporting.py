"""``export``: a catalogue as PO (all or reviewed entries), the translated document
(markdown or text), a bilingual table or TMX.

PO export keeps full fidelity: the catalogue comes out byte for byte as it was read
(header, plurals, msgctxt, flags, every comment, obsolete entries, its charset), or only
its reviewed entries, each as it was written. The document is rebuilt from its source
(found with ``--source``, the project's ``[[corpus]]`` for this PO, or the PO's ``#:``
references), with the source's markup and line endings; without the source, markdown is
approximated from the PO's block comments. The other formats are built by the pure
:mod:`workbench.domain.export`. Everything is written atomically. Callable in-process:
:func:`export_text`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from workbench import __version__
from workbench.adapters.config import find_config, load_config
from workbench.adapters.documents import dialect_of, is_markdown, load_document, source_newline
from workbench.adapters.files import atomic_write_bytes, atomic_write_text, plan_write
from workbench.adapters.markdown import changed_markup
from workbench.adapters.po import PoCatalog, verified_bytes
from workbench.domain.export import (
    RenderedDocument,
    TmxHeader,
    bilingual_table,
    render_document,
    render_markdown,
    render_tmx,
)
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit
from workbench.errors import UserError

FORMATS = ("po", "md", "txt", "bilingual-md", "tmx")
_REFERENCE_LINE = re.compile(r":\d+$")


@dataclass(frozen=True)
class Exported:
    """What an export produced: the content, and how many segments went in out of how many.

    ``text`` is ``bytes`` for a PO export (the catalogue's bytes in its own charset), a
    ``str`` for the other formats.
    """

    text: str | bytes
    written: int
    total: int
    note: str = ""
    unplaced: tuple[int, ...] = ()  # source lines of translations the document could not take


def export_text(
    catalog: PoCatalog,
    fmt: str,
    reviewed_only: bool = False,
    unreviewed: str = "mark",
    *,
    source: Path | None = None,
) -> Exported:
    """Render a loaded catalogue in ``fmt``; nothing is written.

    ``source`` is the source document for ``md``/``txt`` (found from the project or the
    PO's references when ``None``).
    """
    if fmt == "po":
        return _po_text(catalog, reviewed_only)
    units = catalog.units(include_obsolete=True)
    live = [u for u in units if not u.obsolete]
    if fmt in ("md", "txt"):
        return _document_text(catalog, live, fmt, "skip" if reviewed_only else unreviewed, source)
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


def find_source(catalog: PoCatalog, units: list[Unit]) -> Path | None:
    """The source document of a PO: the project's corpus for it, else its ``#:`` references."""
    if catalog.path is None:
        return None
    if find_config() is not None:
        corpus = load_config().corpus_for(catalog.path)
        if corpus is not None:
            return corpus.source
    files = Counter(_REFERENCE_LINE.sub("", ref) for u in units for ref in u.references[:1] if ref)
    if not files:
        return None
    name = files.most_common(1)[0][0]
    path = (catalog.path.parent / name).resolve()
    return path if path.is_file() else None


def _document_text(
    catalog: PoCatalog, live: list[Unit], fmt: str, policy: str, source: Path | None
) -> Exported:
    """The translated document, rebuilt from its source (or approximated without one)."""
    path = source if source is not None else find_source(catalog, live)
    if path is None:
        if fmt == "txt":
            raise UserError(
                "cannot find the source document of this PO",
                catalog.path,
                "name it with --source FILE",
            )
        doc = render_markdown(live, policy)
        note = (
            f"{doc.reviewed} reviewed, {doc.marked} marked, {doc.left_out} left out; "
            "source document not found, so the shape comes from the PO's block comments "
            "(pass --source FILE for the source's own markup)"
        )
        return Exported(doc.text, doc.reviewed + doc.marked, len(live), note)
    if is_markdown(path) != (fmt == "md"):
        other = "md" if is_markdown(path) else "txt"
        raise UserError(
            f"the source document is {'Markdown' if other == 'md' else 'plain text'}",
            path,
            f"export it with --format {other}",
        )
    document = load_document(path)
    rendered = render_document(document, live, policy)
    newline = source_newline(path)
    text = rendered.text if newline == "\n" else rendered.text.replace("\n", newline)
    changed = (
        changed_markup(document.text, rendered.text, dialect_of(path))
        if document.markdown
        else None
    )
    note = _rebuilt_note(rendered, path.name, changed)
    return Exported(text, rendered.shown, len(live), note, rendered.unplaced)


def _rebuilt_note(rendered: RenderedDocument, name: str, changed_line: int | None) -> str:
    """What export says of a document rebuilt from its source ``name``: the segments' fates,
    then what did not fit (the Markdown source's markup changed near ``changed_line``,
    source segments the PO lacks, PO entries no segment matches, segments that could not
    be placed)."""
    parts = [
        f"{n} {label}"
        for n, label in (
            (rendered.reviewed, "reviewed"),
            (rendered.translated, "translated"),
            (rendered.marked, "marked"),
            (rendered.as_source, "as source"),
            (rendered.left_out, "left out"),
        )
        if n
    ]
    note = ", ".join(parts) + f"; rebuilt from {name}"
    if changed_line:
        note += (
            f"; WARNING: the markup near source line {changed_line} came out different "
            "(run `workbench check` for the tags of the segments there)"
        )
    if rendered.missing:
        note += (
            f"; {rendered.missing} source segment(s) are not in the PO "
            "(run `workbench segment` to add them)"
        )
    if rendered.unmatched:
        note += (
            f"; {rendered.unmatched} translated PO entr{'y' if rendered.unmatched == 1 else 'ies'} "
            "match no segment of the source (run `workbench segment SOURCE -o PO` to update the PO)"
        )
    if rendered.unplaced:
        lines = ", ".join(str(n) for n in rendered.unplaced)
        note += (
            f"; WARNING: {len(rendered.unplaced)} segment(s) could not be placed in the document "
            f"and their translations are missing from it (source line {lines}; "
            "`workbench check` shows a tag a sentence's translation dropped)"
        )
    return note


def _po_text(catalog: PoCatalog, reviewed_only: bool) -> Exported:
    """The catalogue (or its reviewed entries, with the header) as it was written."""
    if not reviewed_only:
        total = catalog.unit_count
        return Exported(catalog.render_bytes(), total, total)
    units = catalog.units(include_obsolete=True)
    keep = [(u.id or None, u.source) for u in units if u.state is ReviewState.REVIEWED]
    return Exported(catalog.render_subset(keep), len(keep), len(units))


def export_file(
    po: Path,
    fmt: str,
    out: Path | str | None,
    reviewed_only: bool = False,
    unreviewed: str = "mark",
    *,
    source: Path | None = None,
) -> Exported:
    """Load ``po``, render it, and write ``out`` atomically (``None``: only return the text)."""
    inputs = [po] if source is None else [po, source]
    if out is not None:
        plan_write(out, inputs=inputs)  # refuse a bad output before reading anything
    if fmt == "po" and not reviewed_only:
        # the whole catalogue unchanged: read through strictly, nothing kept but the bytes
        data, total = verified_bytes(Path(po))
        result = Exported(data, total, total)
    else:
        catalog = PoCatalog.load(Path(po))
        result = export_text(catalog, fmt, reviewed_only, unreviewed, source=source)
    if out is not None:
        if isinstance(result.text, bytes):
            atomic_write_bytes(out, result.text, inputs=inputs)
        else:
            atomic_write_text(out, result.text, inputs=inputs)
    return result
