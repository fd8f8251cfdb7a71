"""The last guard between a file's text and the terminal.

Every view draws control characters from a file as glyphs itself
(:mod:`workbench.domain.whitespace`), so widths are measured on what is shown. Should a
view, a notification or a future widget still hand one on, :class:`PrintableOnly` (a line
filter the app applies to every line Textual draws) turns it into its glyph there: a CR or
an ESC from someone else's PO never reaches the terminal, where it would move the cursor,
recolour the screen or set the window title (OSC 0) or the clipboard (OSC 52).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from workbench.domain.whitespace import printable


class PrintableOnly(LineFilter):
    """Control characters in a line's text segments as glyphs (Textual's own control
    segments, cursor moves and the like, pass as they are)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment
            if segment.control or (text := printable(segment.text)) is segment.text
            else Segment(text, segment.style)
            for segment in segments
        ]


PRINTABLE_ONLY = PrintableOnly()
