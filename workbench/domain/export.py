"""The reviewed translation in the forms people use downstream, built as text.

Markdown: the target document rebuilt with the source's headings, paragraphs and list
items, from each unit's block placement. Bilingual markdown: one table row per segment
for a reviewer's read-through. TMX 1.4: the reviewed pairs for other CAT tools.

Translations are data, never markup: every text is escaped so a msgstr cannot add a
heading, a link, an image, raw HTML or a table cell. Escaping is minimal (prose keeps its
look) but complete for CommonMark and GitHub tables. Nothing here touches files.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.domain.document import BlockKind, Placement, iter_block_runs
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit, block_placements

UNREVIEWED_POLICIES = ("skip", "mark", "source")

# Always special inline: escapes, code, emphasis, links/images, raw HTML and autolinks,
# GFM table cells and strikethrough.
_INLINE = re.compile(r"([\\`*_\[\]<|~])")
# "&" matters only where it would start a character reference.
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")
# What a line may not start with: ATX heading, block quote, list bullets, thematic breaks,
# ordered-list numbers ("1." / "1)"), setext underlines.
_LEADING = re.compile(r"^(#|>|[-+=])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_TRAILING_HASHES = re.compile(r"(\s)(#+)$")


def escape_inline(text: str) -> str:
    """A text that renders as itself inside a markdown line (line breaks become spaces)."""
    flat = " ".join(text.split())
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", flat))


def escape_line_start(text: str) -> str:
    """Escape what would turn the start of a block into markdown syntax."""
    text = _LEADING.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def escape_block(text: str, kind: BlockKind) -> str:
    """An already inline-escaped block text made safe at its start (and a heading's end)."""
    text = escape_line_start(text)
    if kind is BlockKind.HEADING:
        text = _TRAILING_HASHES.sub(lambda m: m.group(1) + "\\#" * len(m.group(2)), text)
    return text


def _segment_text(unit: Unit, policy: str) -> str | None:
    """How one segment appears in the document, or ``None`` to leave it out."""
    if unit.state is ReviewState.REVIEWED:
        return escape_inline(unit.target)
    if policy == "skip":
        return None
    if policy == "source":
        return f"\\[source: {escape_inline(unit.source)}\\]"
    if not unit.target:
        return "\\[untranslated\\]"
    return f"\\[{unit.state.label}\\] {escape_inline(unit.target)}"


@dataclass(frozen=True)
class MarkdownDocument:
    """The rebuilt document and how many segments it shows as reviewed, marked or left out."""

    text: str
    reviewed: int
    marked: int
    left_out: int


def render_markdown(units: Iterable[Unit], unreviewed: str = "mark") -> MarkdownDocument:
    """Rebuild the target document from units and their block placements.

    Reviewed segments appear as they are; the others are left out (``skip``), shown with
    their state (``mark``: ``[draft] …``, ``[untranslated]``) or replaced by their source
    in a visible marker (``source``). A block with nothing left to show is left out.
    Consecutive list items stay one list; other blocks are separated by a blank line.
    """
    if unreviewed not in UNREVIEWED_POLICIES:
        raise ValueError(
            f"unknown policy {unreviewed!r}; choose one of {', '.join(UNREVIEWED_POLICIES)}"
        )
    live = [u for u in units if not u.obsolete]
    rendered: list[tuple[Placement, str]] = []
    reviewed = marked = left_out = 0
    for placement, unit in block_placements(live):
        text = _segment_text(unit, unreviewed)
        if unit.state is ReviewState.REVIEWED:
            reviewed += 1
        elif text is None:
            left_out += 1
        else:
            marked += 1
        if text is not None:
            rendered.append((placement, text))
    lines: list[str] = []
    previous: Placement | None = None
    for placement, texts in iter_block_runs(rendered):
        body = escape_block(" ".join(texts), placement.kind)
        if lines and not (
            previous is not None
            and previous.kind is BlockKind.ITEM
            and placement.kind is BlockKind.ITEM
        ):
            lines.append("")
        lines.append(f"{placement.marker}{body}")
        previous = placement
    return MarkdownDocument("\n".join(lines) + ("\n" if lines else ""), reviewed, marked, left_out)


def escape_cell(text: str) -> str:
    """A table cell: inline-escaped, pipes escaped, line breaks as ``<br>``."""
    return "<br>".join(escape_inline(line) for line in text.split("\n"))


def bilingual_table(units: Iterable[Unit], reviewed_only: bool = False) -> str:
    """A GitHub markdown table: id | source | target | state."""
    rows = ["| id | source | target | state |", "|---|---|---|---|"]
    for u in units:
        if u.obsolete or (reviewed_only and u.state is not ReviewState.REVIEWED):
            continue
        cells = (escape_cell(u.id), escape_cell(u.source), escape_cell(u.target), u.state.label)
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


# --- TMX -------------------------------------------------------------------------------------

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def xml_text(text: str) -> str:
    """Text that XML 1.0 can carry: characters it forbids become U+FFFD."""
    return _XML_INVALID.sub("\ufffd", text)


@dataclass(frozen=True)
class TmxHeader:
    """The TMX 1.4 header attributes."""

    srclang: str = "de"
    tgtlang: str = "en"
    adminlang: str = "en"
    creationtool: str = "workbench"
    creationtoolversion: str = "0"
    datatype: str = "plaintext"
    o_tmf: str = "PO"
    creationdate: str = ""  # YYYYMMDDThhmmssZ, or empty to leave out


def render_tmx(units: Sequence[Unit], header: TmxHeader) -> str:
    """TMX 1.4 with one ``<tu>`` per unit given (``tuid`` = msgctxt), XML-escaped."""
    root = ET.Element("tmx", {"version": "1.4"})
    attrs = {
        "creationtool": header.creationtool,
        "creationtoolversion": header.creationtoolversion,
        "segtype": "sentence",
        "o-tmf": header.o_tmf,
        "adminlang": header.adminlang,
        "srclang": header.srclang,
        "datatype": header.datatype,
    }
    if header.creationdate:
        attrs["creationdate"] = header.creationdate
    ET.SubElement(root, "header", attrs)
    body = ET.SubElement(root, "body")
    for u in units:
        tu = ET.SubElement(body, "tu", {"tuid": xml_text(u.id)} if u.id else {})
        if u.review is not None:
            ET.SubElement(tu, "prop", {"type": "x-reviewed-by"}).text = xml_text(u.review.by)
        ET.SubElement(tu, "prop", {"type": "x-state"}).text = u.state.label
        for lang, text in ((header.srclang, u.source), (header.tgtlang, u.target)):
            tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = xml_text(text)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n' + xml + "\n"
    )
