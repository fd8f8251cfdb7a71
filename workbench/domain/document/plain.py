"""Plain text documents as inline blocks: paragraphs split by blank lines.

A paragraph's line breaks are spaces between its words, not part of any sentence: a
sentence is stored on one line, so re-flowing a paragraph in the source changes no
segment. A text with no blank line at all is read as one paragraph per line, the common
layout of corpora and of text copied from web pages, unless its lines break inside
sentences (hard-wrapped prose). Line endings may be LF, CRLF or CR.
"""

from __future__ import annotations

import re

from workbench.domain.document.model import InlineBlock, Piece, PieceKind, TextSyntax
from workbench.domain.document.placement import BlockKind

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end of content) of every line, without its line ending."""
    out: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and out:
            break
        content = m.group().rstrip("\r\n")
        out.append((m.start(), m.start() + len(content)))
    return out


def plain_blocks(text: str) -> list[InlineBlock]:
    """The paragraphs of a text file, each a block of text pieces joined by line breaks."""
    lines = _lines(text)
    filled = [bool(text[s:e].strip()) for s, e in lines]
    one_per_line = all(filled[i] for i in range(len(filled)) if _between(filled, i))
    if one_per_line:
        one_per_line = not _hard_wrapped(
            [text[s:e].rstrip() for s, e in lines if text[s:e].strip()]
        )
    blocks: list[InlineBlock] = []
    group: list[tuple[int, int]] = []
    for number, ((start, end), full) in enumerate(zip(lines, filled, strict=True), start=1):
        if not full:
            _flush(text, group, blocks)
            continue
        if one_per_line:
            _flush(text, group, blocks)
        if not group:
            group.append((number, 0))  # the block's first line number
        group.append((start, end))
    _flush(text, group, blocks)
    return blocks


_MID_SENTENCE = re.compile(r"[\w,;:\-–]\Z")


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether lines break inside sentences (prose wrapped at a width), not after them:
    most lines but the last end in a word, a comma or a hyphen."""
    inner = lines[:-1]
    if not inner:
        return False
    broken = sum(1 for line in inner if _MID_SENTENCE.search(line) and line[-1:].islower())
    return broken * 2 > len(inner)


def _between(filled: list[bool], i: int) -> bool:
    """Whether line ``i`` lies between the first and the last non-blank line."""
    return any(filled[:i]) and any(filled[i + 1 :])


def _flush(text: str, group: list[tuple[int, int]], blocks: list[InlineBlock]) -> None:
    if not group:
        return
    line = group[0][0]
    pieces: list[Piece] = []
    previous_end = -1
    for start, end in group[1:]:
        body = text[start:end]
        first = start + len(body) - len(body.lstrip())
        last = start + len(body.rstrip())
        if previous_end >= 0:
            pieces.append(Piece(PieceKind.SPACE, previous_end, first, " "))
        pieces.append(Piece(PieceKind.TEXT, first, last, text[first:last]))
        previous_end = last
    blocks.append(InlineBlock(BlockKind.PARAGRAPH, "", line, tuple(pieces), TextSyntax.PLAIN))
    group.clear()
