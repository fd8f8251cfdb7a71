"""From inline blocks to sentence segments whose markup is numbered tags.

Sentence ends are found by :mod:`workbench.domain.sentences` on what a reader sees (tags
removed, inline code and URLs as their words), then mapped back onto the block's pieces:
closing markup and footnote marks stay with the sentence they follow, opening markup goes
with the sentence it starts. A sentence end inside a pair of markup (``*Gut. Sehr gut.*``)
is not used, so every segment holds whole pairs. Markup that wraps a whole segment or
stands at its edges without words (``[Installation](install.md)``, a trailing footnote
mark) is left out of the segment, as OmegaT leaves out edge tags: the translator sees
``Installation`` and the export keeps the link.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from workbench.domain.document.model import (
    CONTENT_TAGS,
    InlineBlock,
    Piece,
    PieceKind,
    Segment,
    SourceDocument,
    TagSpan,
)
from workbench.domain.sentences import sentence_spans
from workbench.domain.tags import INLINE_TAG

_LETTER = re.compile(r"[^\W\d_]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class UnsafeBlockError(ValueError):
    """A block whose markup cannot be turned into tags safely; it is kept verbatim."""


class LineIndex:
    """1-based line numbers of offsets in a text, whatever its line endings (LF, CRLF, CR)."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def line(self, offset: int) -> int:
        """The line that holds ``offset``."""
        return bisect.bisect_right(self.starts, offset)


class _Cut(NamedTuple):
    """A position inside a block: piece index and character offset within its text."""

    piece: int
    offset: int


def segment_id(sentence: str) -> str:
    """The content-derived id of a sentence: 10 hex digits of its SHA-1."""
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:10]


def build_document(
    text: str,
    blocks: Iterable[InlineBlock],
    markdown: bool,
    verbatim_lines: Sequence[int] = (),
    unread_lines: Sequence[int] = (),
) -> SourceDocument:
    """Segments of every block, numbered in document order, with stable ids.

    The id is a short hash of the segment's text, so it survives edits elsewhere in the
    document; a repeated text gets ``-2``, ``-3``... in document order. A block whose
    markup cannot be tagged safely is kept verbatim and its line listed.
    """
    lines = LineIndex(text)
    ordered = sorted((b for b in blocks if b.pieces), key=lambda b: b.pieces[0].start)
    segments: list[Segment] = []
    seen: dict[str, int] = {}
    skipped = list(verbatim_lines)
    number = 0
    for block in ordered:
        try:
            drafts = block_sentences(block)
        except UnsafeBlockError:
            skipped.append(block.line)
            continue
        if not drafts:
            continue
        number += 1
        for position, draft in enumerate(drafts, start=1):
            base = segment_id(draft.text)
            seen[base] = seen.get(base, 0) + 1
            sid = base if seen[base] == 1 else f"{base}-{seen[base]}"
            segments.append(
                Segment(
                    sid,
                    draft.text,
                    number,
                    block.kind,
                    block.marker,
                    position,
                    lines.line(draft.start),
                    draft.start,
                    draft.end,
                    draft.tags,
                    block.syntax,
                    draft.line_start,
                )
            )
    skipped_lines = tuple(sorted(set(skipped)))
    return SourceDocument(text, tuple(segments), skipped_lines, markdown, tuple(unread_lines))


class SentenceDraft(NamedTuple):
    """One sentence of a block before it gets its id and numbers."""

    text: str
    start: int
    end: int
    tags: tuple[TagSpan, ...]
    line_start: bool


def block_sentences(block: InlineBlock) -> list[SentenceDraft]:
    """The sentences of one block, as tagged texts with their document spans.

    Raises :class:`UnsafeBlockError` when the pieces' markup does not nest, or when the
    text itself contains something that reads as a tag.
    """
    pieces = block.pieces
    partner = _partners(pieces)
    lo, hi = 0, len(pieces) - 1
    while (
        lo < hi and pieces[lo].kind is PieceKind.OPEN and partner[lo] == hi and _movable(pieces[hi])
    ):
        lo, hi = lo + 1, hi - 1  # markup around the whole block (**…**) stays outside
    if lo:
        pieces = pieces[lo : hi + 1]
        partner = _partners(pieces)
    visible, starts = _projection(pieces)
    drafts: list[SentenceDraft] = []
    claimed = 0  # the first piece the next sentence may take
    whole = [
        (starts[i], starts[i + 1])
        for i, piece in enumerate(pieces)
        if piece.kind is PieceKind.ATOM and piece.tag in CONTENT_TAGS
    ]  # inline code and URLs: their punctuation and spaces end no sentence
    spans = sentence_spans(visible, whole)
    k = 0
    while k < len(spans):
        first, last = _cut_range(pieces, starts, spans[k], claimed)
        # a sentence end inside a pair of markup, or inside a piece that cannot be cut,
        # is not used: join the next sentence (segments never share a piece)
        while (
            not _closed(first.piece, last.piece, partner) or _cuts_inside(pieces, last)
        ) and k + 1 < len(spans):
            k += 1
            last = _cut_range(pieces, starts, spans[k], claimed)[1]
        first = _with_its_openings(first, last, partner, claimed)
        claimed = last.piece + 1
        k += 1
        trimmed = _trim(pieces, partner, first, last)
        if trimmed is None or not _has_words(pieces, *trimmed):
            continue
        drafts.append(_draft(pieces, partner, *trimmed))
    return drafts


def _partners(pieces: Sequence[Piece]) -> dict[int, int]:
    """Index of the other half of every open/close piece."""
    partner: dict[int, int] = {}
    stack: list[int] = []
    for i, piece in enumerate(pieces):
        if piece.kind is PieceKind.OPEN:
            stack.append(i)
        elif piece.kind is PieceKind.CLOSE:
            if not stack or pieces[stack[-1]].tag != piece.tag:
                raise UnsafeBlockError("markup does not nest")
            j = stack.pop()
            partner[i], partner[j] = j, i
    if stack:
        raise UnsafeBlockError("markup is not closed")
    return partner


def _visible(piece: Piece) -> str:
    """What a piece contributes to the text the sentence splitter reads."""
    if piece.kind in (PieceKind.TEXT, PieceKind.CHAR):
        return piece.text
    if piece.kind is PieceKind.SPACE:
        return " "
    if piece.kind is PieceKind.ATOM:
        if piece.tag in CONTENT_TAGS:
            return piece.text or "x"
        return " " if piece.tag == "br" else ""
    return ""


def _projection(pieces: Sequence[Piece]) -> tuple[str, list[int]]:
    """The reader's text of a block and where each piece starts in it."""
    parts: list[str] = []
    starts: list[int] = []
    size = 0
    for piece in pieces:
        starts.append(size)
        part = _visible(piece)
        parts.append(part)
        size += len(part)
    starts.append(size)
    return "".join(parts), starts


def _cut_range(
    pieces: Sequence[Piece], starts: Sequence[int], span: tuple[int, int], claimed: int
) -> tuple[_Cut, _Cut]:
    """The first and last positions of a sentence given as a span of the projection."""
    begin, end = span
    i = bisect.bisect_right(starts, begin) - 1  # the piece that shows the first character
    first = _Cut(i, begin - starts[i])
    # opening markup and edge atoms right before the first word belong to this sentence
    while (
        i > claimed
        and first.offset == 0
        and starts[i - 1] == starts[i]
        and pieces[i - 1].kind is not PieceKind.CLOSE
    ):
        i -= 1
        first = _Cut(i, 0)
    j = bisect.bisect_left(starts, end) - 1  # the piece that shows the last character
    last = _Cut(j, end - starts[j])
    # closing markup and marks glued to the last word belong to it too
    while (
        j + 1 < len(pieces)
        and starts[j + 1] == starts[j + 2] == end
        and pieces[j + 1].kind is not PieceKind.OPEN
        and last.offset == starts[j + 1] - starts[j]
    ):
        j += 1
        last = _Cut(j, 0)
    return first, last


def _cuts_inside(pieces: Sequence[Piece], cut: _Cut) -> bool:
    """Whether a sentence's last cut falls inside a piece other than literal text."""
    piece = pieces[cut.piece]
    return piece.kind is not PieceKind.TEXT and 0 < cut.offset < len(_visible(piece))


def _with_its_openings(first: _Cut, last: _Cut, partner: dict[int, int], claimed: int) -> _Cut:
    """A sentence that closes markup opened before its first word (``<Tabs>  y</Tabs>``:
    spaces part them) starts at that opening; one an earlier sentence took makes the block
    unsafe (a tag's halves never go to two segments)."""
    closes = range(first.piece, last.piece + 1)
    opened = min((partner[i] for i in closes if partner.get(i, i) < i), default=first.piece)
    if opened >= first.piece:
        return first
    if opened < claimed:
        raise UnsafeBlockError("markup begun in one sentence ends in another")
    return _Cut(opened, 0)


def _closed(first: int, last: int, partner: dict[int, int]) -> bool:
    """Whether every pair of markup begun or ended in ``[first, last]`` lies inside it."""
    return all(first <= partner[i] <= last for i in range(first, last + 1) if i in partner)


def _whole(pieces: Sequence[Piece], cut: _Cut, at_end: bool) -> bool:
    """Whether a cut takes its piece whole (at its start, or at its end)."""
    size = len(_visible(pieces[cut.piece]))
    return cut.offset == (size if at_end else 0) or size == 0


def _trim(
    pieces: Sequence[Piece], partner: dict[int, int], first: _Cut, last: _Cut
) -> tuple[_Cut, _Cut] | None:
    """Leave out markup at the edges that has no words of its own, and pairs wrapping all."""

    def wordless(i: int) -> bool:
        p = pieces[i]
        return p.kind is PieceKind.ATOM and p.tag not in CONTENT_TAGS

    while first.piece <= last.piece:
        lead = first.offset == 0
        tail = _whole(pieces, last, at_end=True)
        if lead and wordless(first.piece) and first.piece < last.piece:
            first = _skip_space(pieces, first.piece + 1)
        elif tail and wordless(last.piece) and first.piece < last.piece:
            last = _back_space(pieces, last.piece - 1)
        elif (
            lead
            and tail
            and pieces[first.piece].kind is PieceKind.OPEN
            and partner.get(first.piece) == last.piece
            and _movable(pieces[last.piece])
            and last.piece - first.piece > 1
        ):
            first = _skip_space(pieces, first.piece + 1)
            last = _back_space(pieces, last.piece - 1)
        else:
            return first, last
    return None


def _movable(closing: Piece) -> bool:
    """Whether a pair may stay outside the segment it wraps: not a shortcut reference link,
    whose text is its label (a translated ``[Text]`` needs ``][Text]`` written after it)."""
    return not closing.text


def _skip_space(pieces: Sequence[Piece], i: int) -> _Cut:
    """The first non-blank position at or after piece ``i``."""
    while i < len(pieces):
        text = _visible(pieces[i])
        if pieces[i].kind is PieceKind.TEXT and text.strip():
            return _Cut(i, len(text) - len(text.lstrip()))
        if pieces[i].kind is not PieceKind.SPACE and (text.strip() or not text):
            return _Cut(i, 0)
        i += 1
    return _Cut(i, 0)


def _back_space(pieces: Sequence[Piece], j: int) -> _Cut:
    """The last non-blank position at or before piece ``j`` (as an end cut)."""
    while j >= 0:
        text = _visible(pieces[j])
        if pieces[j].kind is PieceKind.TEXT and text.strip():
            return _Cut(j, len(text.rstrip()))
        if pieces[j].kind is not PieceKind.SPACE and (text.strip() or not text):
            return _Cut(j, len(text))
        j -= 1
    return _Cut(-1, 0)


def _slice(piece: Piece, begin: int, end: int | None) -> tuple[str, int, int]:
    """The visible text of part of a piece and its document span."""
    if piece.kind is PieceKind.TEXT:
        stop = len(piece.text) if end is None else end
        return piece.text[begin:stop], piece.start + begin, piece.start + stop
    return _visible(piece), piece.start, piece.end


def _has_words(pieces: Sequence[Piece], first: _Cut, last: _Cut) -> bool:
    for i in range(first.piece, last.piece + 1):
        piece = pieces[i]
        if piece.kind in (PieceKind.TEXT, PieceKind.CHAR):
            begin = first.offset if i == first.piece else 0
            end = last.offset if i == last.piece else None
            if _LETTER.search(_slice(piece, begin, end)[0]):
                return True
    return False


def _draft(
    pieces: Sequence[Piece], partner: dict[int, int], first: _Cut, last: _Cut
) -> SentenceDraft:
    parts: list[str] = []
    tags: list[TagSpan] = []
    names: dict[int, str] = {}
    start = end = -1
    for i in range(first.piece, last.piece + 1):
        piece = pieces[i]
        begin = first.offset if i == first.piece else 0
        stop = last.offset if i == last.piece else None
        if piece.kind in (PieceKind.TEXT, PieceKind.CHAR):
            text, a, b = _slice(piece, begin, stop)
            if INLINE_TAG.search(text):
                raise UnsafeBlockError("the text holds something that reads as a tag")
        elif piece.kind is PieceKind.SPACE:
            text, a, b = " ", piece.start, piece.end
        else:
            if piece.kind is PieceKind.CLOSE:
                text = f"</{names[partner[i]]}>"
            else:
                name = f"{piece.tag}{len(names)}"
                names[i] = name
                text = f"<{name}/>" if piece.kind is PieceKind.ATOM else f"<{name}>"
            a, b = piece.start, piece.end
            tags.append(TagSpan(text, a, b, piece.text if piece.kind is PieceKind.CLOSE else ""))
        if start < 0:
            start = a
        end = b
        parts.append(text)
    before = pieces[first.piece - 1] if first.piece else None
    line_start = first.offset == 0 and (
        before is None or before.kind is PieceKind.SPACE or before.tag == "br"
    )
    return SentenceDraft("".join(parts), start, end, tuple(tags), line_start)
