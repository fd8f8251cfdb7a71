"""TBX glossaries: read (TBX v2 ``martif`` and v3 ``tbx``) and written (TBX-Basic, DCA).

Its own module so that XML parsing is loaded only when a TBX file is met: ``workbench
check`` with a TSV glossary, the common case, does not pay for it at start-up. XML is
parsed with defusedxml (entity expansion and external references refused), keeping the
line each element starts on for messages. See :mod:`workbench.adapters.glossary_files` for
the rows' meaning.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import defusedxml.ElementTree as DET  # type: ignore[import-untyped]

from workbench.adapters.glossary_files import TRUE
from workbench.adapters.xml_input import xml_errors
from workbench.domain.glossary.model import Glossary, Term, TermStatus
from workbench.errors import UserError

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DNT_MARK = "doNotTranslate"

_STATUS_TO_TBX = {
    TermStatus.PREFERRED: "preferredTerm-admn-sts",
    TermStatus.ADMITTED: "admittedTerm-admn-sts",
    TermStatus.FORBIDDEN: "deprecatedTerm-admn-sts",
    TermStatus.DNT: "preferredTerm-admn-sts",
}
_TBX_TO_STATUS = {
    "preferredterm-admn-sts": TermStatus.PREFERRED,
    "preferredterm": TermStatus.PREFERRED,
    "admittedterm-admn-sts": TermStatus.ADMITTED,
    "admittedterm": TermStatus.ADMITTED,
    "deprecatedterm-admn-sts": TermStatus.FORBIDDEN,
    "deprecatedterm": TermStatus.FORBIDDEN,
    "supersededterm-admn-sts": TermStatus.FORBIDDEN,
    "supersededterm": TermStatus.FORBIDDEN,
    "legalterm-admn-sts": TermStatus.PREFERRED,
    "regulatedterm-admn-sts": TermStatus.PREFERRED,
    "standardizedterm-admn-sts": TermStatus.PREFERRED,
}

# -- reading -------------------------------------------------------------------------------


class _LineTreeBuilder(ET.TreeBuilder):
    """A TreeBuilder that remembers the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, int] = {}
        self.parser: Any = None

    def start(self, tag: Any, attrs: Any) -> ET.Element:
        element = super().start(tag, attrs)
        if self.parser is not None:
            self.lines[id(element)] = int(self.parser.parser.CurrentLineNumber)
        return element


def _parse_xml(data: bytes, path: Path) -> tuple[ET.Element, dict[int, int]]:
    builder = _LineTreeBuilder()
    parser = DET.DefusedXMLParser(
        target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    builder.parser = parser
    fix = "fix the XML at that line (an XML validator shows the exact spot)"
    with xml_errors(path, "TBX", fix):
        parser.feed(data)
        root: ET.Element = parser.close()
    return root, builder.lines


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, *names: str) -> list[ET.Element]:
    return [c for c in element if isinstance(c.tag, str) and _local(c.tag) in names]


def _descendants(element: ET.Element, *names: str) -> Iterator[ET.Element]:
    """``element`` and everything below it whose local name is one of ``names``, in order."""
    return (e for e in element.iter() if isinstance(e.tag, str) and _local(e.tag) in names)


def _lang_matches(lang: str, wanted: str) -> bool:
    return lang.lower().replace("_", "-").split("-")[0] == wanted.lower()


def _text(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def read_tbx(data: bytes, path: Path, source_lang: str, target_lang: str) -> list[Term]:
    """The rows of a TBX document (v2 ``martif`` or v3 ``tbx``), in file order."""
    root, lines = _parse_xml(data, path)
    doc = _Parsed(path, lines)
    if _local(root.tag) not in ("tbx", "martif"):
        raise UserError(
            f"not a TBX file: the root element is <{_local(root.tag)}>",
            doc.where(root, 1),
            "export TBX (root <tbx> or <martif>), or use a .tsv glossary",
        )
    terms: list[Term] = []
    for entry in _descendants(root, "conceptEntry", "termEntry"):
        terms += _entry_rows(entry, doc, source_lang, target_lang)
    return terms


class _Parsed(NamedTuple):
    """A parsed TBX file: its path and the line each element starts on, for messages."""

    path: Path
    lines: dict[int, int]

    def line(self, element: ET.Element, default: int = 0) -> int:
        return self.lines.get(id(element), default)

    def where(self, element: ET.Element, default: int = 0) -> str:
        return f"{self.path}:{self.line(element, default)}"


def _entry_rows(entry: ET.Element, doc: _Parsed, source_lang: str, target_lang: str) -> list[Term]:
    """The rows of one concept entry: one per target term (the first carries the further
    source terms as variants), or one dnt row for a concept marked do-not-translate that
    has no target; none without a source term."""
    line = doc.line(entry)
    sources, targets = _terms_by_side(entry, doc, source_lang, target_lang)
    if not sources:
        return []
    source = sources[0][0]
    concept_dnt = any(_is_dnt_mark(_text(n)) for n in _descendants(entry, "note"))
    rows = [
        _tbx_row(source, text, sec, concept_dnt, line=doc.line(sec, line), path=doc.path)
        for text, sec in targets
    ]
    if not rows and concept_dnt:
        rows.append(Term(source, source, TermStatus.DNT, "", False, (), line, str(doc.path)))
    if rows:
        variants = tuple(dict.fromkeys(t for t, _ in sources[1:] if t != source))
        rows[0] = replace(rows[0], variants=variants)
    return rows


def _terms_by_side(
    entry: ET.Element, doc: _Parsed, source_lang: str, target_lang: str
) -> tuple[list[tuple[str, ET.Element]], list[tuple[str, ET.Element]]]:
    """The entry's source-language and target-language terms, each with its termSec;
    other languages are passed over. An empty ``<term>`` is a :class:`UserError`."""
    sources: list[tuple[str, ET.Element]] = []
    targets: list[tuple[str, ET.Element]] = []
    for lang_sec in _children(entry, "langSec", "langSet"):
        lang = lang_sec.get(XML_LANG) or lang_sec.get("lang") or ""
        if _lang_matches(lang, source_lang):
            side = sources
        elif _lang_matches(lang, target_lang):
            side = targets
        else:
            continue
        for term_sec in _children(lang_sec, "termSec", "tig", "ntig"):
            text = _text(next(_descendants(term_sec, "term"), None))
            if not text:
                raise UserError(
                    "empty <term>",
                    doc.where(term_sec, doc.line(entry)),
                    "give the term a text or delete its termSec",
                )
            side.append((text, term_sec))
    return sources, targets


def _tbx_row(
    source: str, text: str, sec: ET.Element, concept_dnt: bool, *, line: int, path: Path
) -> Term:
    """One target termSec (starting on ``line`` of ``path``) as a glossary row."""
    where = f"{path}:{line}"
    notes = _notes(sec)
    dnt = (concept_dnt and text == source) or any(
        _is_dnt_mark(v) for v in [*_term_notes(sec, "transferType"), *notes]
    )
    status_text = next(iter(_term_notes(sec, "administrativeStatus")), "")
    if dnt:
        if text != source:
            raise UserError(
                f"do-not-translate term {text!r} differs from its source {source!r}",
                where,
                "a dnt target must repeat the source term",
            )
        status = TermStatus.DNT
    elif not status_text:
        status = TermStatus.PREFERRED
    else:
        found = _TBX_TO_STATUS.get(status_text.strip().lower())
        if found is None:
            raise UserError(
                f"unknown administrativeStatus {status_text!r}",
                where,
                "use preferredTerm-admn-sts, admittedTerm-admn-sts, "
                "deprecatedTerm-admn-sts or supersededTerm-admn-sts",
            )
        status = found
    case = any(v.strip().lower() in TRUE for v in _term_notes(sec, "x-caseSensitive"))
    note = "; ".join(n for n in notes if not _is_dnt_mark(n))
    return Term(source, text, status, note, case, (), line, str(path))


def _term_notes(sec: ET.Element, kind: str) -> list[str]:
    return [
        _text(n) for n in _descendants(sec, "termNote", "descrip", "admin") if n.get("type") == kind
    ]


def _notes(sec: ET.Element) -> list[str]:
    return [_text(n) for n in _descendants(sec, "note") if _text(n)]


def _is_dnt_mark(text: str) -> bool:
    return text.replace(" ", "").replace("-", "").lower() in (
        "donottranslate",
        "dnt",
        "notranslate",
    )


# -- writing ------------------------------------------------------------------------


def tbx_text(glossary: Glossary, source_lang: str = "de", target_lang: str = "en") -> str:
    """The glossary as a TBX v3 (TBX-Basic, DCA) document; deterministic for one glossary."""
    ET.register_namespace("", TBX_NS)
    q = f"{{{TBX_NS}}}"
    root = ET.Element(f"{q}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: source_lang})
    header = ET.SubElement(root, f"{q}tbxHeader")
    file_desc = ET.SubElement(header, f"{q}fileDesc")
    title_stmt = ET.SubElement(file_desc, f"{q}titleStmt")
    ET.SubElement(title_stmt, f"{q}title").text = glossary.name or "glossary"
    source_desc = ET.SubElement(file_desc, f"{q}sourceDesc")
    ET.SubElement(source_desc, f"{q}p").text = (
        f"Exported by workbench; glossary version {glossary.version}. "
        f"Do-not-translate terms: termNote type=transferType {DNT_MARK}."
    )
    body = ET.SubElement(ET.SubElement(root, f"{q}text"), f"{q}body")
    for number, concept in enumerate(glossary.concepts, start=1):
        entry = ET.SubElement(body, f"{q}conceptEntry", {"id": f"c{number}"})
        src = ET.SubElement(entry, f"{q}langSec", {XML_LANG: source_lang})
        ET.SubElement(ET.SubElement(src, f"{q}termSec"), f"{q}term").text = concept.source
        for variant in concept.variants:
            sec = ET.SubElement(src, f"{q}termSec")
            ET.SubElement(sec, f"{q}term").text = variant
            ET.SubElement(sec, f"{q}termNote", {"type": "termType"}).text = "variant"
        tgt = ET.SubElement(entry, f"{q}langSec", {XML_LANG: target_lang})
        for term in concept.terms:
            sec = ET.SubElement(tgt, f"{q}termSec")
            ET.SubElement(sec, f"{q}term").text = term.target
            ET.SubElement(
                sec, f"{q}termNote", {"type": "administrativeStatus"}
            ).text = _STATUS_TO_TBX[term.status]
            if term.status is TermStatus.DNT:
                ET.SubElement(sec, f"{q}termNote", {"type": "transferType"}).text = DNT_MARK
            if term.case_sensitive:
                ET.SubElement(sec, f"{q}termNote", {"type": "x-caseSensitive"}).text = "yes"
            if term.note:
                ET.SubElement(sec, f"{q}note").text = term.note
    ET.indent(root, space="  ")
    out = io.StringIO()
    ET.ElementTree(root).write(out, encoding="unicode", xml_declaration=False)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + out.getvalue() + "\n"
