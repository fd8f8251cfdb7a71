"""The segment list: a virtual list that renders only the rows on screen.

Textual's DataTable measures every cell when rows are added and freezes for seconds at
50,000 rows; this list keeps no widget or renderable per row. It holds a *view* (the unit
indices that pass the current filter) and draws each visible line with the Line API, from
the session's units, so moving, filtering and editing cost the same at 50 or 50,000 rows.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.domain.states import ReviewState
from workbench.services.session import EditSession
from workbench.tui.messages import SegmentChosen

BADGES: dict[ReviewState, tuple[str, Style]] = {
    ReviewState.UNTRANSLATED: (" U ", Style(color="white", bgcolor="red", bold=True)),
    ReviewState.DRAFT: (" D ", Style(color="black", bgcolor="yellow", bold=True)),
    ReviewState.TRANSLATED: (" T ", Style(color="black", bgcolor="cyan", bold=True)),
    ReviewState.REVIEWED: (" R ", Style(color="black", bgcolor="green", bold=True)),
}
ID_STYLE = Style(color="bright_black")
SOURCE_STYLE = Style()
TARGET_STYLE = Style(color="bright_cyan")
EMPTY_STYLE = Style(color="bright_black", italic=True)
DIRTY_STYLE = Style(color="magenta", bold=True)
QA_STYLES = {
    "error": Style(color="red", bold=True),
    "warning": Style(color="yellow", bold=True),
    "info": Style(color="blue"),
}
QA_MARKS = {"error": "!", "warning": "•", "info": "·"}
CURSOR_STYLE = Style(bgcolor="grey30")
CURSOR_FOCUSED_STYLE = Style(bgcolor="blue")
ID_WIDTH = 10


def _snippet(text: str, width: int) -> str:
    """One line of at most ``width`` cells from ``text`` (line breaks shown as ⏎)."""
    if width <= 0:
        return ""
    flat = text.replace("\n", "⏎")
    if len(flat) <= width:
        return flat.ljust(width)
    return flat[: max(width - 1, 0)] + "…"


class SegmentList(ScrollView, can_focus=True):
    """Every segment of the file (or of the filter), one line each, only visible ones drawn."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "open", "Edit", show=False),
    ]

    DEFAULT_CSS = """
    SegmentList { scrollbar-size-horizontal: 0; }
    """

    def __init__(self, session: EditSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.view: list[int] = list(range(len(session.units)))
        self._position: dict[int, int] | None = None
        self._style: Style | None = None
        self.cursor = 0

    # --- the view --------------------------------------------------------------------

    def set_view(self, indices: list[int], keep: int | None = None) -> None:
        """Show these unit indices; keep the cursor on unit ``keep`` if it is among them."""
        self.view = indices
        self._position = None
        self.virtual_size = Size(self.size.width, len(indices))
        position = self.position_of(keep) if keep is not None else None
        self.cursor = position if position is not None else 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self._keep_visible()
        self.refresh()

    def extend_view(self, indices: list[int]) -> None:
        """Append rows (the rest of a big file), keeping the cursor and the scroll position."""
        self.view.extend(indices)
        self._position = None
        self.virtual_size = Size(self.size.width, len(self.view))
        self.refresh()

    def position_of(self, index: int) -> int | None:
        """Where unit ``index`` is in the view, or ``None``."""
        if len(self.view) == len(self.session.units):
            return index if 0 <= index < len(self.view) else None
        if self._position is None:
            self._position = {i: p for p, i in enumerate(self.view)}
        return self._position.get(index)

    @property
    def current(self) -> int | None:
        """The unit index under the cursor."""
        return self.view[self.cursor] if 0 <= self.cursor < len(self.view) else None

    def select_index(self, index: int) -> bool:
        """Put the cursor on unit ``index`` (no message); ``False`` if it is not in the view."""
        position = self.position_of(index)
        if position is None:
            return False
        if position != self.cursor:
            old = self.cursor
            self.cursor = position
            self._redraw_cursor(old)
        return True

    def refresh_index(self, index: int) -> None:
        """Redraw the row of unit ``index`` (after an edit)."""
        position = self.position_of(index)
        if position is None:
            return
        y = position - int(self.scroll_offset.y)
        if 0 <= y < self.size.height:
            self.refresh_line(y)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.view))
        self._keep_visible()

    def _keep_visible(self) -> None:
        height = self.scrollable_content_region.height or self.size.height
        top = int(self.scroll_offset.y)
        if height <= 0:
            return
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    # --- moving ----------------------------------------------------------------------

    def _move_to(self, position: int) -> None:
        if not self.view:
            return
        position = max(0, min(position, len(self.view) - 1))
        if position == self.cursor:
            return
        old = self.cursor
        self.cursor = position
        self._redraw_cursor(old)
        self.post_message(SegmentChosen(self.view[position]))

    def _redraw_cursor(self, old: int) -> None:
        """Redraw only the two rows the cursor left and entered, unless the list scrolls."""
        top = int(self.scroll_offset.y)
        self._keep_visible()
        if int(self.scroll_offset.y) != top:
            self.refresh()
            return
        for position in (old, self.cursor):
            y = position - top
            if 0 <= y < self.size.height:
                self.refresh_line(y)

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(self.size.height - 1, 1))

    def action_jump(self, where: int) -> None:
        self._move_to(where if where >= 0 else len(self.view) - 1)

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(SegmentChosen(self.current, focus_editor=True))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = offset.y + int(self.scroll_offset.y)
        if 0 <= position < len(self.view):
            self._move_to(position)
            if event.chain >= 2 and self.current is not None:
                self.post_message(SegmentChosen(self.current, focus_editor=True))

    # --- drawing ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        position = int(self.scroll_offset.y) + y
        base = self._base_style()
        if position >= len(self.view) or width <= 0:
            return Strip.blank(width, base)
        index = self.view[position]
        session = self.session
        unit = session.units[index]
        badge, badge_style = BADGES[unit.state]
        findings = session.findings(index)
        qa_mark, qa_style = " ", SOURCE_STYLE
        if findings:
            worst = max(f.severity for f in findings).label
            qa_mark, qa_style = QA_MARKS[worst], QA_STYLES[worst]
        dirty = "*" if index in session.dirty else " "
        rest = max(width - ID_WIDTH - 1 - 3 - 1 - 1 - 1, 0)
        source_width = (rest + 1) // 2
        target_width = rest - source_width - 1
        target = unit.target
        segments = [
            Segment(_snippet(unit.id or str(index + 1), ID_WIDTH) + " ", ID_STYLE),
            Segment(badge, badge_style),
            Segment(dirty, DIRTY_STYLE),
            Segment(qa_mark, qa_style),
            Segment(" "),
            Segment(_snippet(unit.source, source_width), SOURCE_STYLE),
            Segment(" "),
            Segment(
                _snippet(target or "—", target_width),
                TARGET_STYLE if target else EMPTY_STYLE,
            ),
        ]
        strip = Strip(segments).adjust_cell_length(width)
        if position == self.cursor:
            cursor_style = CURSOR_FOCUSED_STYLE if self.has_focus else CURSOR_STYLE
            strip = strip.apply_style(cursor_style)
        return strip.apply_style(base)

    def _base_style(self) -> Style:
        """The widget's CSS style, computed once per focus change (it is costly per line)."""
        if self._style is None:
            self._style = self.rich_style
        return self._style

    def on_focus(self) -> None:
        self._style = None
        self.refresh()

    def on_blur(self) -> None:
        self._style = None
        self.refresh()
