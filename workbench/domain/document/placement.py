"""Where a segment sits in its document: the part of the model every PO unit carries (in
its ``wb:block`` comment), kept apart from the rest of :mod:`.model` so that reading a PO
file does not load the document model.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class BlockKind(StrEnum):
    """What a block is in the document (stored in ``wb:block`` comments; old files use the
    first three)."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    CELL = "cell"
    QUOTE = "quote"
    FOOTNOTE = "footnote"
    TITLE = "title"
    META = "meta"


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a segment sits: block number, sentence position in the block, block shape."""

    block: int
    position: int
    kind: BlockKind
    marker: str
