"""Whitespace a translator must see: tabs anywhere, spaces and line breaks at either end.

``"Connecting to %s:%d... "`` and ``"Name:\\tvalue"`` look like ``"Connecting to %s:%d..."``
and ``"Name:   value"`` on a screen, yet a translation that drops the space or turns the tab
into spaces breaks the program's output. Every view of a source or target (the segment
list, the Source panel, the editor, the comments view) shows these characters through
:func:`visible_marks`: one glyph per character, so a position in the shown text is the
same position in the real text (highlight spans stay valid).
"""

from __future__ import annotations

from typing import NamedTuple

#: Drawn for a tab character (as Poedit, Lokalize and most editors show one).
TAB_GLYPH = "→"
#: Drawn for a space at the start or end of the text.
SPACE_GLYPH = "·"
#: Drawn for a line break at the start or end of the text (as the segment list draws all).
NEWLINE_GLYPH = "⏎"


class Mark(NamedTuple):
    """A character drawn as ``glyph`` at ``offset`` of the text."""

    offset: int
    glyph: str


def visible_marks(text: str) -> list[Mark]:
    """The characters of ``text`` to draw as glyphs, in order: every tab, and every space
    and line break of the leading and trailing whitespace runs of the whole text (a final
    ``\\n`` that ``msgfmt -c`` wants on both sides or neither)."""
    end = len(text.rstrip(" \t\n"))
    start = min(len(text) - len(text.lstrip(" \t\n")), end)
    marks = []
    for offset, char in enumerate(text):
        if char == "\t":
            marks.append(Mark(offset, TAB_GLYPH))
        elif offset < start or offset >= end:
            if char == " ":
                marks.append(Mark(offset, SPACE_GLYPH))
            elif char == "\n":
                marks.append(Mark(offset, NEWLINE_GLYPH))
    return marks


def with_glyphs(text: str) -> str:
    """``text`` with :func:`visible_marks` drawn in: same length, same offsets."""
    marks = visible_marks(text)
    if not marks:
        return text
    chars = list(text)
    for mark in marks:
        chars[mark.offset] = mark.glyph
    return "".join(chars)
