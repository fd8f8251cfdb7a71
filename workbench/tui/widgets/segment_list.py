"""The segment list: a virtual list that renders only the rows on screen.

Textual's DataTable measures every cell when rows are added and freezes for seconds at
50,000 rows; this list keeps no widget or renderable per row. It holds a *view* (the unit
indices that pass the current filter) and draws each visible line with the Line API, from
the session's units, so moving, filtering and editing cost the same at 50 or 50,000 rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.domain.checks.base import Severity
from workbench.domain.states import ReviewState
from workbench.domain.whitespace import with_glyphs
from workbench.services.session import EditSession
from workbench.tui.keys import FOCUS_KEYS, run_own_key, typed_character
from workbench.tui.messages import SegmentChosen
from workbench.tui.screens.dialogs import type_ahead
from workbench.tui.styles import SEVERITY_CLASSES, STATE_CLASSES, ComponentStyles

#: Each state's one-letter badge; its colours come from the ``state--…`` component class.
BADGES: dict[ReviewState, str] = {
    ReviewState.UNTRANSLATED: " U ",
    ReviewState.DRAFT: " D ",
    ReviewState.TRANSLATED: " T ",
    ReviewState.REVIEWED: " R ",
}
#: The mark for a unit's worst QA finding; its colours come from the ``severity--…``
#: component class, as in the QA panel.
QA_MARKS: dict[Severity, str] = {Severity.ERROR: "!", Severity.WARNING: "•", Severity.INFO: "i"}
ID_WIDTH = 10
#: Narrower than this, a row leaves out the id and the target snippet.
NARROW = 44


def _snippet(text: str, width: int) -> str:
    """One line of at most ``width`` cells from ``text`` (line breaks shown as ⏎, tabs and
    edge spaces as their glyphs: a raw tab would run the row over its border)."""
    if width <= 0:
        return ""
    flat = with_glyphs(text).replace("\n", "⏎")
    if len(flat) <= width:
        return flat.ljust(width)
    return flat[: max(width - 1, 0)] + "…"


class SegmentList(ComponentStyles, ScrollView, can_focus=True):
    """Every segment of the file (or of the filter), one line each, only visible ones drawn."""

    #: The list's own keys, run in :meth:`on_key` (not as bindings: see there).
    KEYS: ClassVar[dict[str, str]] = {
        "up": "cursor(-1)",
        "down": "cursor(1)",
        "pageup": "page(-1)",
        "pagedown": "page(1)",
        "home": "jump(0)",
        "end": "jump(-1)",
        "enter": "open",
        **FOCUS_KEYS,
    }

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "segment-list--id",
        "segment-list--source",
        "segment-list--target",
        "segment-list--empty",
        "segment-list--dirty",
        "segment-list--cursor",
        "segment-list--cursor-focused",
        *STATE_CLASSES.values(),
        *SEVERITY_CLASSES.values(),
    }

    def __init__(self, session: EditSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        #: The unit indices listed, in order (a ``range`` while nothing is filtered out).
        self.view: Sequence[int] = range(len(session.units))
        self._position: dict[int, int] | None = None
        self.cursor = 0

    # --- the view --------------------------------------------------------------------

    def set_view(self, indices: Sequence[int], keep: int | None = None) -> None:
        """Show these unit indices; keep the cursor on unit ``keep`` if it is among them."""
        self.view = indices
        self._position = None
        self.virtual_size = Size(self.size.width, len(indices))
        position = self.position_of(keep) if keep is not None else None
        self.cursor = position if position is not None else 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self._keep_visible()
        self.refresh()

    def extend_view(self, indices: Sequence[int]) -> None:
        """Append rows (the rest of a big file), keeping the cursor and the scroll position."""
        view = self.view
        if isinstance(view, range) and isinstance(indices, range) and indices.start == view.stop:
            self.view = range(view.start, indices.stop)
        else:
            self.view = [*view, *indices]
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
        # again once the new virtual size is laid out: scrolling clamps to the old one, so
        # on open the list stayed at the top unless a second resize came (as at 80x24)
        self.call_after_refresh(self._keep_visible)

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

    async def on_key(self, event: events.Key) -> None:
        """The list's keys run here, in its own queue and so in typing order, not as bindings:
        the app runs a binding only after the key came back up to it, by when an Enter
        before it may have moved the focus to the editor (a Down typed before Enter then
        went to the editor), and keys typed right after Enter fell on the list. Typing a
        character edits the highlighted segment: it goes into its target."""
        if type_ahead(event, self.app.screen, self) or await run_own_key(self, self.KEYS, event):
            return
        if (typed := typed_character(event)) and self.current is not None:
            event.stop()
            event.prevent_default()
            self.post_message(SegmentChosen(self.current, focus_editor=True, typed=typed))

    def action_open(self) -> None:
        """Edit the highlighted segment (Enter)."""
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
        base = self.style()
        if position >= len(self.view) or width <= 0:
            return Strip.blank(width, base)
        index = self.view[position]
        session = self.session
        unit = session.units[index]
        qa_mark, qa_style = " ", self.style("segment-list--source")
        findings = session.findings(index)
        if findings:
            worst = max(f.severity for f in findings)
            qa_mark, qa_style = QA_MARKS[worst], self.style(SEVERITY_CLASSES[worst])
        dirty = "*" if index in session.dirty else " "
        target = unit.target
        segments = [
            Segment(BADGES[unit.state], self.style(STATE_CLASSES[unit.state])),
            Segment(dirty, self.style("segment-list--dirty")),
            Segment(qa_mark, qa_style),
            Segment(" "),
        ]
        rest = max(width - 3 - 1 - 1 - 1, 0)
        if width >= NARROW:
            label = unit.id or str(index + 1)
            label = _snippet(label, ID_WIDTH) + " "
            segments.insert(0, Segment(label, self.style("segment-list--id")))
            rest = max(rest - ID_WIDTH - 1, 0)
            source_width = (rest + 1) // 2
            target_width = rest - source_width - 1
            segments += [
                Segment(_snippet(unit.source, source_width), self.style("segment-list--source")),
                Segment(" "),
                Segment(
                    _snippet(target or "—", target_width),
                    self.style("segment-list--target" if target else "segment-list--empty"),
                ),
            ]
        else:
            segments.append(
                Segment(_snippet(unit.source, rest), self.style("segment-list--source"))
            )
        strip = Strip(segments).adjust_cell_length(width)
        if position == self.cursor:
            name = "segment-list--cursor-focused" if self.has_focus else "segment-list--cursor"
            strip = strip.apply_style(self.style(name))
        return strip.apply_style(base)

    def on_focus(self) -> None:
        self.forget_styles()  # the cursor's colour shows whether the list has the focus
        self.refresh()

    def on_blur(self) -> None:
        self.forget_styles()
        self.refresh()
