"""The reviewed translation in the forms people use downstream, built as text.

The document: the source rebuilt with each segment's translation in place
(:func:`render_document`, through :func:`workbench.domain.document.rebuild`), its markup
restored from the tags; without the source, a markdown approximation from each unit's
block placement (:func:`render_markdown`). Bilingual markdown: one table row per segment
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
from typing import Literal

from workbench.domain.document import (
    BlockKind,
    Placement,
    Segment,
    SourceDocument,
    iter_block_runs,
    rebuild,
)
from workbench.domain.states import ReviewState
from workbench.domain.tags import INLINE_TAG
from workbench.domain.units import Unit, block_placements, form_name

#: What an export does with segments that are not reviewed: leave them out, mark them
#: with their state, show the source, or keep translated ones as they are (the rest as
#: source).
UNREVIEWED_POLICIES = ("skip", "mark", "source", "keep")

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


#: What export does with one segment: shows its translation (``reviewed``, or
#: ``translated`` under ``keep``), leaves it out, shows the source, or marks it.
Outcome = Literal["reviewed", "translated", "left_out", "as_source", "marked"]


def segment_outcome(state: ReviewState, policy: str) -> Outcome:
    """What export does with a segment in ``state`` under an unreviewed ``policy``
    (:data:`UNREVIEWED_POLICIES`; see :func:`render_document`)."""
    if state is ReviewState.REVIEWED:
        return "reviewed"
    if policy == "keep" and state is ReviewState.TRANSLATED:
        return "translated"
    if policy == "skip":
        return "left_out"
    if policy in ("source", "keep"):
        return "as_source"
    return "marked"


def _segment_text(unit: Unit, outcome: Outcome) -> str | None:
    """How one segment appears in a document rebuilt from block comments, or ``None`` to
    leave it out."""
    target = INLINE_TAG.sub("", unit.target)
    if outcome in ("reviewed", "translated"):
        return escape_inline(target)
    if outcome == "left_out":
        return None
    if outcome == "as_source":
        return f"\\[source: {escape_inline(INLINE_TAG.sub('', unit.source))}\\]"
    if not unit.target:
        return "\\[untranslated\\]"
    return f"\\[{unit.state.label}\\] {escape_inline(target)}"


@dataclass(frozen=True)
class MarkdownDocument:
    """The rebuilt document and how many segments it shows as reviewed, marked or left out."""

    text: str
    reviewed: int
    marked: int
    left_out: int


def _check_policy(unreviewed: str) -> None:
    if unreviewed not in UNREVIEWED_POLICIES:
        raise ValueError(
            f"unknown policy {unreviewed!r}; choose one of {', '.join(UNREVIEWED_POLICIES)}"
        )


@dataclass(frozen=True)
class RenderedDocument:
    """The translated document rebuilt from its source, and what went into it.

    ``reviewed`` and ``translated`` segments show their translation; ``marked`` ones carry
    their state; ``as_source`` ones are the source as written; ``left_out`` ones are gone;
    ``missing`` counts source segments the PO does not have (run ``segment`` to add them);
    ``unplaced`` holds the source lines of segments whose translation could not be put in
    the document (segments that overlap): never silently dropped, the export reports them;
    ``unmatched`` counts translated entries of the PO that match no segment of the source
    (a changed source, or a PO segmented differently: run ``segment`` to update it).
    """

    text: str
    reviewed: int = 0
    translated: int = 0
    marked: int = 0
    as_source: int = 0
    left_out: int = 0
    missing: int = 0
    unplaced: tuple[int, ...] = ()
    unmatched: int = 0

    @property
    def shown(self) -> int:
        """Segments that show a translation (reviewed, translated or marked)."""
        return self.reviewed + self.translated + self.marked


def _spacing(text: str) -> str:
    return " ".join(text.split())


def render_document(
    source: SourceDocument, units: Iterable[Unit], unreviewed: str = "mark"
) -> RenderedDocument:
    """The source document with each segment's translation, as the policy says.

    Reviewed segments show their translation. The others are left out (``skip``), shown
    with their state (``mark``: ``[draft] …``, ``[untranslated]``), shown as the source
    (``source``), or, under ``keep``, shown as translated when a person confirmed them and
    as the source otherwise. A translation equal to its source keeps the source's bytes.
    """
    _check_policy(unreviewed)
    live = [u for u in units if not u.obsolete]
    placing = _Placing(live, unreviewed)
    text = rebuild(source, placing.choose)
    unplaced = tuple(
        seg.line
        for seg in source.segments
        if seg.id not in placing.placed and placing.written(seg, placing.unit_of(seg))[1]
    )
    unmatched = sum(1 for u in live if u.target and id(u) not in placing.used)
    return RenderedDocument(
        text, missing=placing.missing, unplaced=unplaced, unmatched=unmatched, **placing.counts
    )


class _Placing:
    """The segments of a document being rebuilt, each given its unit's text as the policy
    says: counted by outcome, with the units used and the segments placed or missing."""

    def __init__(self, live: list[Unit], policy: str) -> None:
        self.policy = policy
        self.by_id = {u.id: u for u in live}
        self.by_text: dict[str, Unit] = {}
        for u in live:
            self.by_text.setdefault(_spacing(u.source), u)
        self.counts = {"reviewed": 0, "translated": 0, "marked": 0, "as_source": 0, "left_out": 0}
        self.missing = 0
        self.placed: set[str] = set()
        self.used: set[int] = set()

    def unit_of(self, seg: Segment) -> Unit | None:
        """The segment's unit: by id while its source still matches, else by its text."""
        unit = self.by_id.get(seg.id)
        if unit is None or _spacing(unit.source) != _spacing(seg.text):
            unit = self.by_text.get(_spacing(seg.text))
        if unit is not None:
            self.used.add(id(unit))
        return unit

    def written(self, seg: Segment, unit: Unit | None) -> tuple[str, str | None]:
        """The outcome and the text to write (``None``: the source's own bytes)."""
        outcome, text = _choice(unit, seg, self.policy)
        if text is not None and _spacing(text) == _spacing(seg.text):
            return outcome, None  # the source's own bytes
        return outcome, text

    def choose(self, seg: Segment) -> str | None:
        """What the rebuild writes for ``seg`` (the callback of :func:`rebuild`)."""
        self.placed.add(seg.id)
        unit = self.unit_of(seg)
        if unit is None:
            self.missing += 1
        outcome, text = self.written(seg, unit)
        self.counts[outcome] += 1
        return text


def _choice(unit: Unit | None, seg: Segment, policy: str) -> tuple[Outcome, str | None]:
    """(what happened, the text to write or ``None`` for the source) for one segment."""
    state = unit.state if unit is not None else ReviewState.UNTRANSLATED
    target = unit.target if unit is not None else ""
    outcome = segment_outcome(state, policy)
    if outcome in ("reviewed", "translated"):
        return outcome, target
    if outcome == "left_out":
        return outcome, ""
    if outcome == "as_source":
        return outcome, None
    if not target:
        return outcome, "[untranslated] " + seg.text
    return outcome, f"[{state.label}] {target}"


def render_markdown(units: Iterable[Unit], unreviewed: str = "mark") -> MarkdownDocument:
    """Rebuild the target document from units and their block placements.

    Reviewed segments appear as they are; the others are left out (``skip``), shown with
    their state (``mark``: ``[draft] …``, ``[untranslated]``) or replaced by their source
    in a visible marker (``source``). A block with nothing left to show is left out.
    Consecutive list items stay one list; other blocks are separated by a blank line.
    """
    _check_policy(unreviewed)
    live = [u for u in units if not u.obsolete]
    rendered: list[tuple[Placement, str]] = []
    reviewed = marked = left_out = 0
    for placement, unit in block_placements(live):
        outcome = segment_outcome(unit.state, unreviewed)
        text = _segment_text(unit, outcome)
        if outcome in ("reviewed", "translated"):
            reviewed += 1
        elif outcome == "left_out":
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
    """TMX 1.4 with one ``<tu>`` per unit given (``tuid`` = msgctxt), XML-escaped, inline
    tags as TMX inline codes (:func:`fill_tmx_seg`).

    TMX has no plural entries: a plural entry gives one ``<tu>`` per form, each form with
    its source (``msgid`` for ``msgstr[0]``, ``msgid_plural`` for the others, as OmegaT
    splits them), marked ``<prop type="x-plural-form">msgstr[1] (other)</prop>`` and with
    ``[n]`` after a msgctxt ``tuid``; none is left out."""
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
    segs: list[tuple[ET.Element, str]] = []
    for u in units:
        forms = list(zip(u.form_sources, u.forms, strict=True))
        for n, (source, target) in enumerate(forms):
            tuid = u.id if n == 0 or not u.id else f"{u.id}[{n}]"
            tu = ET.SubElement(body, "tu", {"tuid": xml_text(tuid)} if tuid else {})
            if u.review is not None:
                ET.SubElement(tu, "prop", {"type": "x-reviewed-by"}).text = xml_text(u.review.by)
            ET.SubElement(tu, "prop", {"type": "x-state"}).text = u.state.label
            if len(forms) > 1:
                name = form_name(n, len(forms))
                ET.SubElement(tu, "prop", {"type": "x-plural-form"}).text = name
            for lang, text in ((header.srclang, source), (header.tgtlang, target)):
                tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
                segs.append((ET.SubElement(tuv, "seg"), xml_text(text)))
    ET.indent(root, space="  ")  # before the inline codes: indenting would add text to a seg
    for seg, text in segs:
        fill_tmx_seg(seg, text)
    xml = ET.tostring(root, encoding="unicode")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n' + xml + "\n"
    )


def fill_tmx_seg(seg: ET.Element, text: str) -> None:
    """``text`` into ``seg`` with each inline tag as a TMX inline code (see ``_code``)."""
    tags = list(INLINE_TAG.finditer(text))
    pair_of = _pairs(tags)
    if not tags:
        seg.text = text
        return
    seg.text = text[: tags[0].start()]
    for m, after in zip(tags, [*tags[1:], None], strict=True):
        code = _code(seg, m, pair_of.get(m.start()))
        code.tail = text[m.end() : after.start() if after else len(text)]


def _pairs(tags: list[re.Match[str]]) -> dict[int, int]:
    """Each paired tag's start -> its pair's ``i`` (1, 2, … in the order the pairs close)."""
    pair_of: dict[int, int] = {}
    open_tags: list[re.Match[str]] = []
    for m in tags:
        if m.group(4):
            continue
        if not m.group(1):
            open_tags.append(m)
            continue
        opening = next((o for o in reversed(open_tags) if o.group(2, 3) == m.group(2, 3)), None)
        if opening is not None:
            open_tags.remove(opening)
            pair_of[opening.start()] = pair_of[m.start()] = len(pair_of) // 2 + 1
    return pair_of


def _code(seg: ET.Element, tag: re.Match[str], i: int | None) -> ET.Element:
    """One inline tag as a TMX inline code holding the tag as its native code: a pair as
    ``<bpt>`` and ``<ept>`` sharing ``i``, a tag standing alone as ``<ph>``, an opening or
    closing tag whose partner is in another segment as ``<it>``. ``x`` is the tag's number,
    the same in both languages, so a tool can match the source's code with the target's."""
    closing, self_closing = bool(tag.group(1)), bool(tag.group(4))
    x = str(int(tag.group(3)) + 1)
    if self_closing:
        code = ET.SubElement(seg, "ph", {"x": x})
    elif i is None:
        code = ET.SubElement(seg, "it", {"pos": "end" if closing else "begin", "x": x})
    elif closing:
        code = ET.SubElement(seg, "ept", {"i": str(i)})
    else:
        code = ET.SubElement(seg, "bpt", {"i": str(i), "x": x})
    code.text = tag.group()
    return code
