"""Characters a translator must see: tabs anywhere, spaces and line breaks at either end,
and control characters anywhere.

``"Connecting to %s:%d... "`` and ``"Name:\\tvalue"`` look like ``"Connecting to %s:%d..."``
and ``"Name:   value"`` on a screen, yet a translation that drops the space or turns the tab
into spaces breaks the program's output. A control character (``"…botched\\r\\n"`` in bash's
catalogue, an ESC from someone else's file) is worse: sent to the terminal as it is, a CR
moves the cursor to the row's start and an ESC starts a sequence the terminal acts on
(colours, the window title, on some terminals the clipboard). Every view of a source or
target (the segment list, the Source panel, the editor, the dialogs) shows these characters
through :func:`visible_marks`: one glyph per character (``␍``, ``␛``… as Unicode's control
pictures draw them), so a position in the shown text is the same position in the real text
(highlight spans stay valid); :func:`printable` is the last guard for any text on screen.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: Drawn for a tab character (as Poedit, Lokalize and most editors show one).
TAB_GLYPH = "→"
#: Drawn for a space at the start or end of the text.
SPACE_GLYPH = "·"
#: Drawn for a line break at the start or end of the text (as the segment list draws all).
NEWLINE_GLYPH = "⏎"
#: Drawn for a C1 control character (U+0080–U+009F), which has no control picture.
C1_GLYPH = "\ufffd"
#: Drawn for NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (line breaks to some programs).
LINE_SEPARATOR_GLYPH = "␤"

#: The whitespace of a text's edges (a CR of a final CRLF among it).
EDGE = " \t\n\r"
#: Control characters (other than tab and line feed) and the Unicode line separators, as
#: the inside of a character class.
_CONTROL_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029"
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
#: The same, and tab (a view of several lines keeps its line feeds).
_CONTROL_OR_TAB = re.compile(f"[\t{_CONTROL_CHARS}]")
#: The same, and tab and line feed: nothing of this may reach a terminal as it is.
_UNPRINTABLE = re.compile(f"[\t\n{_CONTROL_CHARS}]")


class Mark(NamedTuple):
    """A character drawn as ``glyph`` at ``offset`` of the text."""

    offset: int
    glyph: str


def control_glyph(char: str) -> str:
    """The glyph drawn for the control character ``char`` (``␍`` for CR, ``␛`` for ESC)."""
    code = ord(char)
    if code < 0x20:
        return {0x09: TAB_GLYPH, 0x0A: NEWLINE_GLYPH}.get(code, chr(0x2400 + code))
    if code == 0x7F:
        return "␡"
    if code == 0x85 or char in "\u2028\u2029":
        return LINE_SEPARATOR_GLYPH
    return C1_GLYPH


def visible_marks(text: str) -> list[Mark]:
    """The characters of ``text`` to draw as glyphs, in order: every tab and control
    character, and every space and line break of the leading and trailing whitespace runs
    of the whole text (a final ``\\n`` that ``msgfmt -c`` wants on both sides or neither)."""
    end = len(text.rstrip(EDGE))
    start = min(len(text) - len(text.lstrip(EDGE)), end)
    marks = []
    if start or end < len(text) or "\t" in text:
        for offset, char in enumerate(text):
            if char == "\t":
                marks.append(Mark(offset, TAB_GLYPH))
            elif offset < start or offset >= end:
                if char == " ":
                    marks.append(Mark(offset, SPACE_GLYPH))
                elif char == "\n":
                    marks.append(Mark(offset, NEWLINE_GLYPH))
    if _CONTROL.search(text):
        marks += [Mark(m.start(), control_glyph(m.group())) for m in _CONTROL.finditer(text)]
        marks.sort()
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


def printable(text: str, lines: bool = False) -> str:
    """``text`` with every control character and tab drawn as its glyph, and every line
    feed unless ``lines`` (a view of several lines): what may go to a terminal as it is
    (one character for one, so widths stay as measured)."""
    found = (_CONTROL if lines else _UNPRINTABLE).search(text)
    if found is None and (not lines or "\t" not in text):
        return text
    unprintable = _CONTROL_OR_TAB if lines else _UNPRINTABLE
    return unprintable.sub(lambda m: control_glyph(m.group()), text)
