"""TMX 1.4 files: reading translation units as memory entries, writing a memory out.

Reading streams (``iterparse``, each ``<tu>`` dropped once read), so a TMX of millions of
units never sits in memory whole, and goes through defusedxml: a file that declares
entities (an XML bomb) or points at external resources is refused. Languages are compared
without their region (``de-DE``, ``de-AT``, ``de-CH`` are ``de``; ``en-GB`` and ``en-US`` are
``en``); variants in other languages are counted and skipped. A ``<seg>``'s inline codes
(``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``) carry the original markup as text, which is kept.
Writing, the workbench's own inline tags of document segments (``<b0>…</b0>``, ``<c1/>``)
become those inline codes, each holding the tag as its native code, so other CAT tools see
tags, not words, and reading them back gives the same text.

The review state comes from the workbench's own ``x-state`` property, or from the
confirmation level other tools write (``x-ConfirmationLevel``: ``ApprovedTranslation`` is
reviewed, ``Draft`` a draft); without either, a unit counts as translated.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import defusedxml.ElementTree as DET  # type: ignore[import-untyped]

from workbench.adapters.files import atomic_writer
from workbench.adapters.xml_input import xml_errors
from workbench.domain.export import fill_tmx_seg, xml_text
from workbench.domain.memory import MemoryEntry, base_language
from workbench.domain.states import ReviewState
from workbench.errors import UserError

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Confirmation levels written by SDL Trados and others, as review states.
_CONFIRMATION = {
    "approvedsignoff": ReviewState.REVIEWED,
    "approvedtranslation": ReviewState.REVIEWED,
    "translated": ReviewState.TRANSLATED,
    "draft": ReviewState.DRAFT,
    "unspecified": ReviewState.DRAFT,
    "rejectedtranslation": ReviewState.DRAFT,
    "rejectedsignoff": ReviewState.DRAFT,
}


@dataclass
class TmxReport:
    """What reading one TMX file found."""

    path: Path
    units: int = 0  # <tu> elements
    entries: int = 0  # entries yielded (a unit with two English variants yields two)
    incomplete: int = 0  # units without both languages (or with an empty segment)
    other_languages: Counter[str] = field(default_factory=Counter)  # variants skipped, by tag


def tmx_date(value: str) -> str:
    """TMX's ``20250131T120000Z`` as ISO 8601 (``2025-01-31T12:00:00Z``); "" if not one."""
    m = re.fullmatch(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z", value.strip())
    if not m:
        return ""
    y, mo, d, h, mi, s = m.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}Z"


def _to_tmx_date(value: str) -> str:
    m = re.fullmatch(
        r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:Z|[+-]00:?00)?", value
    )
    return "".join(m.groups()[:3]) + "T" + "".join(m.groups()[3:]) + "Z" if m else ""


def _state(props: dict[str, str]) -> ReviewState:
    own = props.get("x-state", "").strip()
    if own:
        try:
            return ReviewState.parse(own)
        except ValueError:
            pass
    level = props.get("x-confirmationlevel", "").strip().lower()
    return _CONFIRMATION.get(level, ReviewState.TRANSLATED)


def read_tmx(
    path: Path, origin: str, report: TmxReport, source_lang: str = "de", target_lang: str = "en"
) -> Iterator[MemoryEntry]:
    """The entries of a TMX file for one language pair, in file order.

    Malformed XML raises :class:`UserError` with file and line (after the entries before it
    were yielded: the caller's transaction decides whether they stay).
    """
    path = Path(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", path) from None
    with (
        stream,
        xml_errors(
            path,
            "TMX",
            "fix the XML (xmllint --noout shows details); nothing from this file was imported",
        ),
    ):
        yield from _read(stream, origin, report, source_lang, target_lang)


def _read(
    stream: IO[bytes], origin: str, report: TmxReport, source_lang: str, target_lang: str
) -> Iterator[MemoryEntry]:
    parents: list[ET.Element] = []
    for event, elem in DET.iterparse(stream, events=("start", "end")):
        if event == "start":
            parents.append(elem)
            continue
        parents.pop()
        if elem.tag != "tu":
            continue
        report.units += 1
        yield from _unit(elem, origin, report, source_lang, target_lang)
        elem.clear()
        if parents:
            parents[-1].remove(elem)


def _unit(
    tu: ET.Element, origin: str, report: TmxReport, source_lang: str, target_lang: str
) -> Iterator[MemoryEntry]:
    props = {(p.get("type") or "").strip().lower(): (p.text or "") for p in tu.iter("prop")}
    sources, targets = _variants(tu, report, source_lang, target_lang)
    source = next((s for s in sources if s.strip()), "")
    wanted = list(dict.fromkeys(t for t in targets if t.strip()))
    if not source or not wanted:
        report.incomplete += 1
        return
    origin = props.get("x-origin", "").strip() or origin  # where a workbench export had it
    changed = tmx_date(tu.get("changedate") or tu.get("creationdate") or "")
    author = tu.get("changeid") or tu.get("creationid") or ""
    context = props.get("x-context", "") or tu.get("tuid") or ""
    state = _state(props)
    for target in wanted:
        report.entries += 1
        yield MemoryEntry(
            source, target, source_lang, target_lang, state, origin, context, author, changed
        )


def _variants(
    tu: ET.Element, report: TmxReport, source_lang: str, target_lang: str
) -> tuple[list[str], list[str]]:
    """The texts of a unit's source-language and target-language variants (any region);
    the variants in other languages are counted in ``report``."""
    sources: list[str] = []
    targets: list[str] = []
    for tuv in tu.iter("tuv"):
        tag = tuv.get(_XML_LANG) or tuv.get("lang") or ""
        lang = base_language(tag)
        seg = tuv.find("seg")
        text = "".join(seg.itertext()) if seg is not None else ""
        if lang == source_lang:
            sources.append(text)
        elif lang == target_lang:
            targets.append(text)
        else:
            report.other_languages[tag or "(none)"] += 1
    return sources, targets


def write_tmx(
    path: Path,
    entries: Iterable[MemoryEntry],
    source_lang: str,
    target_lang: str,
    version: str,
    *,
    inputs: Iterable[Path] = (),
) -> int:
    """Write ``entries`` as TMX 1.4, atomically, one ``<tu>`` at a time; returns how many.
    ``path`` may not be one of ``inputs`` (the memory file the entries come from)."""
    header = ET.Element(
        "header",
        {
            "creationtool": "workbench",
            "creationtoolversion": version,
            "segtype": "sentence",
            "o-tmf": "workbench",
            "adminlang": "en",
            "srclang": source_lang,
            "datatype": "plaintext",
        },
    )
    count = 0
    with atomic_writer(Path(path), inputs=inputs) as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
        out.write(
            '<tmx version="1.4">\n  ' + ET.tostring(header, encoding="unicode") + "\n  <body>\n"
        )
        for entry in entries:
            out.write("    " + tmx_unit(entry) + "\n")
            count += 1
        out.write("  </body>\n</tmx>\n")
    return count


def tmx_unit(entry: MemoryEntry) -> str:
    """One ``<tu>`` element's XML: author and date as attributes, state, origin and
    context as properties, then the two variants."""
    attrs = {}
    if entry.author:
        attrs["creationid"] = attrs["changeid"] = xml_text(entry.author)
    date = _to_tmx_date(entry.changed)
    if date:
        attrs["changedate"] = date
    tu = ET.Element("tu", attrs)
    for kind, value in (
        ("x-state", entry.state.label),
        ("x-origin", entry.origin),
        ("x-context", entry.context),
    ):
        if value:
            ET.SubElement(tu, "prop", {"type": kind}).text = xml_text(value)
    for lang, text in ((entry.source_lang, entry.source), (entry.target_lang, entry.target)):
        tuv = ET.SubElement(tu, "tuv", {_XML_LANG: lang})
        fill_tmx_seg(ET.SubElement(tuv, "seg"), xml_text(text))
    return ET.tostring(tu, encoding="unicode")
