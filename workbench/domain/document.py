"""A source document as blocks and sentence segments, with the exact source text kept.

Blocks are what a document is rebuilt from (headings, paragraphs, list items); segments
are what translators work on (one sentence each). Parsing here is pure: it takes the text
already read, and the adapters deal with files and encodings.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from workbench.domain.sentences import sentence_spans

T = TypeVar("T")


class BlockKind(StrEnum):
    """What a block is in the document, so the translation can be rebuilt with the same shape."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"


@dataclass(frozen=True)
class Block:
    """One heading, paragraph or list item of the source.

    ``marker`` is the markdown syntax in front of the text (``"## "``, ``"- "``, ``"1. "``),
    empty for paragraphs; ``line`` is the 1-based line the text starts on.
    """

    number: int
    kind: BlockKind
    marker: str
    text: str
    line: int


@dataclass(frozen=True)
class Segment:
    """One sentence to translate, with where it sits in the document."""

    id: str
    text: str
    block: int
    kind: BlockKind
    marker: str
    position: int
    line: int

    @property
    def placement(self) -> Placement:
        """The block coordinates that let the target document be rebuilt."""
        return Placement(self.block, self.position, self.kind, self.marker)


@dataclass(frozen=True)
class Placement:
    """Where a segment sits: block number, sentence position in the block, block shape."""

    block: int
    position: int
    kind: BlockKind
    marker: str


_HEADING = re.compile(r"^(#{1,6}[ \t]+)(.*?)(?:[ \t]+#+)?[ \t]*$")
_ITEM = re.compile(r"^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)(\S.*)$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def parse_blocks(text: str, markdown: bool) -> list[Block]:
    """Split a document into blocks.

    Paragraphs are separated by blank lines. In markdown, ATX headings and list items are
    blocks of their own and fenced code is skipped (it is not prose to translate). A plain
    text file without a single blank line is read as one paragraph per line, the common
    layout of corpora and of text copied from web pages.
    """
    lines = text.split("\n")
    one_per_line = not markdown and not any(not ln.strip() for ln in _content_lines(lines))
    blocks: list[Block] = []
    pending: list[tuple[int, str]] = []

    def flush() -> None:
        if pending:
            first_line, first = pending[0]
            body = "\n".join([first, *(ln for _, ln in pending[1:])])
            blocks.append(Block(len(blocks) + 1, BlockKind.PARAGRAPH, "", body, first_line))
            pending.clear()

    in_fence = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if markdown and _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not line.strip():
            flush()
            continue
        if markdown and (m := _HEADING.match(line)):
            flush()
            blocks.append(Block(len(blocks) + 1, BlockKind.HEADING, m.group(1), m.group(2), number))
            continue
        if markdown and (m := _ITEM.match(line)):
            flush()
            blocks.append(Block(len(blocks) + 1, BlockKind.ITEM, m.group(1), m.group(2), number))
            continue
        if one_per_line:
            flush()
        pending.append((number, line.strip() if not pending else line))
    flush()
    return [b for b in blocks if b.text.strip()]


def _content_lines(lines: list[str]) -> list[str]:
    """The lines between the first and last non-blank line."""
    idx = [i for i, ln in enumerate(lines) if ln.strip()]
    return lines[idx[0] : idx[-1] + 1] if idx else []


def segment_blocks(blocks: Iterable[Block]) -> list[Segment]:
    """Split blocks into sentence segments with stable ids.

    The id is a short hash of the sentence text, so it survives edits elsewhere in the
    document; a repeated sentence gets ``-2``, ``-3``... in document order.
    """
    segments: list[Segment] = []
    seen: dict[str, int] = {}
    for block in blocks:
        for position, (start, end) in enumerate(sentence_spans(block.text), start=1):
            sentence = block.text[start:end]
            line = block.line + block.text.count("\n", 0, start)
            base = segment_id(sentence)
            seen[base] = seen.get(base, 0) + 1
            sid = base if seen[base] == 1 else f"{base}-{seen[base]}"
            segments.append(
                Segment(sid, sentence, block.number, block.kind, block.marker, position, line)
            )
    return segments


def segment_id(sentence: str) -> str:
    """The content-derived id of a sentence: 10 hex digits of its SHA-1."""
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:10]


def segment_document(text: str, markdown: bool) -> list[Segment]:
    """Blocks, then sentences: the whole path from source text to segments."""
    return segment_blocks(parse_blocks(text, markdown))


def iter_block_runs(
    placements: Iterable[tuple[Placement, T]],
) -> Iterator[tuple[Placement, list[T]]]:
    """Group (placement, item) pairs by block, in block then sentence order.

    Yields the first placement of each block (its kind and marker) with the items of its
    sentences (texts, units), which is what a document rebuild or paragraph scoring needs.
    """
    ordered = sorted(placements, key=lambda pt: (pt[0].block, pt[0].position))
    current: Placement | None = None
    texts: list[T] = []
    for placement, text in ordered:
        if current is not None and placement.block != current.block:
            yield current, texts
            texts = []
        if not texts:
            current = placement
        texts.append(text)
    if current is not None:
        yield current, texts
