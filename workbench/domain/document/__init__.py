"""Source documents: blocks of translatable text, sentence segments with inline tags, and
the rebuild of the translated document from the source.

The pure part of document handling: the Markdown parser lives in
:mod:`workbench.adapters.markdown` and hands over :class:`InlineBlock` objects; plain text
is split here (:func:`plain_blocks`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from workbench.domain.document.placement import BlockKind, Placement

if TYPE_CHECKING:
    from workbench.domain.document.model import (
        CONTENT_TAGS,
        InlineBlock,
        Piece,
        PieceKind,
        Segment,
        SourceDocument,
        TagSpan,
        TextSyntax,
    )
    from workbench.domain.document.plain import plain_blocks
    from workbench.domain.document.rebuild import Choice, rebuild, render_target
    from workbench.domain.document.segmenting import (
        LineIndex,
        UnsafeBlockError,
        block_sentences,
        build_document,
        segment_id,
    )

#: Names of the sibling modules, imported when first asked for: a placement is what most
#: of the workbench needs (every PO unit has one); the rest of the model, the sentence
#: splitter and the rebuild should not load with it.
_LAZY = {
    "CONTENT_TAGS": "model",
    "InlineBlock": "model",
    "Piece": "model",
    "PieceKind": "model",
    "Segment": "model",
    "SourceDocument": "model",
    "TagSpan": "model",
    "TextSyntax": "model",
    "plain_blocks": "plain",
    "Choice": "rebuild",
    "rebuild": "rebuild",
    "render_target": "rebuild",
    "LineIndex": "segmenting",
    "UnsafeBlockError": "segmenting",
    "block_sentences": "segmenting",
    "build_document": "segmenting",
    "segment_id": "segmenting",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "CONTENT_TAGS",
    "BlockKind",
    "Choice",
    "InlineBlock",
    "LineIndex",
    "Piece",
    "PieceKind",
    "Placement",
    "Segment",
    "SourceDocument",
    "TagSpan",
    "TextSyntax",
    "UnsafeBlockError",
    "block_sentences",
    "build_document",
    "iter_block_runs",
    "plain_blocks",
    "plain_document",
    "rebuild",
    "render_target",
    "segment_id",
]

T = TypeVar("T")


def plain_document(text: str) -> SourceDocument:
    """A plain text source as segments: paragraphs, then sentences."""
    from workbench.domain.document.plain import plain_blocks
    from workbench.domain.document.segmenting import build_document

    return build_document(text, plain_blocks(text), markdown=False)


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
