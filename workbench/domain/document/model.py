"""What a source document is made of, as the translator and the export see it.

A document is its exact text plus *inline blocks*: the runs of translatable text (a
paragraph, a heading, a table cell, a link title, a front-matter value). Each block is a
sequence of :class:`Piece` objects that tile its text in the document: literal text,
escaped characters, line breaks, and markup (emphasis, links, code, HTML...), each with
its offsets in the document. Everything outside the blocks (code, HTML blocks, tables'
pipes, list markers, front matter) is kept byte for byte.

Segments are sentences of a block. In a segment's text, markup appears as numbered tags
(``<b0>…</b0>``, ``<c1/>``), as OmegaT shows it, so translators move markup without
retyping it; :class:`TagSpan` remembers which source bytes each tag stands for.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from workbench.domain.document.placement import BlockKind, Placement


class TextSyntax(StrEnum):
    """How a changed text is written back into its place in the document."""

    PLAIN = "plain"  # a text file: as it is
    MARKDOWN = "markdown"  # a paragraph's inline text: markup characters escaped
    HEADING = "heading"  # an ATX heading: also no closing ``#`` sequence
    CELL = "cell"  # a table cell: also no ``|``
    TITLE_DOUBLE = "title-double"  # a link title in "…"
    TITLE_SINGLE = "title-single"  # a link title in '…'
    TITLE_PAREN = "title-paren"  # a link title in (…)
    HTML_DOUBLE = "html-double"  # an HTML attribute value in "…" (``alt``, ``title``)
    HTML_SINGLE = "html-single"  # an HTML attribute value in '…'
    YAML_PLAIN = "yaml-plain"  # a front-matter value without quotes
    YAML_DOUBLE = "yaml-double"  # a front-matter value in "…"
    YAML_SINGLE = "yaml-single"  # a front-matter value in '…'
    YAML_BLOCK = "yaml-block"  # a front-matter block scalar's lines (``description: |``)


class PieceKind(StrEnum):
    """What one piece of a block is."""

    TEXT = "text"  # literal text: the document holds exactly ``text``
    CHAR = "char"  # an escape or entity: ``text`` is what it means (never split)
    SPACE = "space"  # a soft line break (with the next line's indentation): a space
    OPEN = "open"  # the opening markup of a pair (``**``, ``[``, ``<span>``)
    CLOSE = "close"  # its closing markup (``**``, ``](url)``, ``</span>``)
    ATOM = "atom"  # markup standing alone (inline code, a URL, a footnote mark, <br>)


#: Atoms that carry words a reader sees: they stay inside a segment even at its edges.
CONTENT_TAGS = frozenset({"c", "u"})


class Piece(NamedTuple):
    """One piece of a block, at ``[start, end)`` in the document.

    ``text`` is what a reader sees (for an atom: its visible words, used only to find
    sentence ends; for a closing piece: the markup a translation needs instead, if any);
    ``tag`` names the markup of open/close/atom pieces: ``b`` strong,
    ``i`` emphasis, ``s`` strikethrough, ``a`` link, ``m`` image (its alt text between),
    ``c`` inline code, ``u`` URL, ``h`` inline HTML, ``f`` footnote mark, ``br`` hard
    line break, ``t`` task-list box.
    """

    kind: PieceKind
    start: int
    end: int
    text: str = ""
    tag: str = ""


class InlineBlock(NamedTuple):
    """One run of translatable text: its kind, where it starts and its pieces.

    ``marker`` is the markdown in front of it when the document has to be rebuilt
    without its source (``"## "``, ``"- "``, ``"> "``); ``line`` is 1-based.
    """

    kind: BlockKind
    marker: str
    line: int
    pieces: tuple[Piece, ...]
    syntax: TextSyntax = TextSyntax.MARKDOWN


class TagSpan(NamedTuple):
    """A tag as it appears in a segment (``<a0>``) and the source bytes it stands for.

    ``translated`` is the markup to write instead when the segment is translated, where the
    source's own would change meaning: a shortcut reference link ``[Text]`` closes with
    ``][Text]``, so its translated text still finds its definition.
    """

    tag: str
    start: int
    end: int
    translated: str = ""


@dataclass(frozen=True)
class Segment:
    """One sentence to translate, with where it sits in the document.

    ``start``/``end`` are its offsets in the document, ``tags`` the markup its text
    stands for, ``line_start`` whether it begins a line (where block syntax could start).
    """

    id: str
    text: str
    block: int
    kind: BlockKind
    marker: str
    position: int
    line: int
    start: int = 0
    end: int = 0
    tags: tuple[TagSpan, ...] = ()
    syntax: TextSyntax = TextSyntax.PLAIN
    line_start: bool = False

    @property
    def placement(self) -> Placement:
        """The block coordinates that let the target document be rebuilt."""
        return Placement(self.block, self.position, self.kind, self.marker)


@dataclass(frozen=True)
class SourceDocument:
    """A parsed source: its exact text, its segments in document order, the blocks that
    were kept verbatim because their markup could not be placed safely, and the HTML
    blocks whose text a reader sees but no segment holds (first line numbers; both stay
    as written in exports).
    """

    text: str
    segments: tuple[Segment, ...]
    verbatim_lines: tuple[int, ...] = ()
    markdown: bool = False
    unread_lines: tuple[int, ...] = ()
