"""Whitespace a translator must see: tabs anywhere and spaces at either end of a text.

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


class Mark(NamedTuple):
    """A character drawn as ``glyph`` at ``offset`` of the text."""

    offset: int
    glyph: str


def visible_marks(text: str) -> list[Mark]:
    """The characters of ``text`` to draw as glyphs, in order: every tab, and every space
    (or tab) of the leading and trailing whitespace run of the whole text."""
    end = len(text.rstrip(" \t"))
    start = min(len(text) - len(text.lstrip(" \t")), end)
    marks = []
    for offset, char in enumerate(text):
        if char == "\t":
            marks.append(Mark(offset, TAB_GLYPH))
        elif char == " " and (offset < start or offset >= end):
            marks.append(Mark(offset, SPACE_GLYPH))
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
