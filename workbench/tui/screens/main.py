"""The editing screen: segment list on the left, the segment's panels and editor on the right.

It shows one :class:`~workbench.services.session.EditSession` and turns keys into session
calls: moving, confirming, reviewing, filtering, using suggestions and terms, MT drafting.
The app around it (loading in the background, saving, conflicts, quitting) is
:class:`workbench.tui.app.WorkbenchApp`; this screen reaches it only through
:class:`EditingApp`, so the two modules do not import each other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Protocol, runtime_checkable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, ProgressBar, TextArea

from workbench.domain.filters import SegmentFilter, parse_filter
from workbench.domain.states import ReviewState
from workbench.domain.units import Side, Unit
from workbench.services.memory import TmMatch
from workbench.services.session import EditSession
from workbench.tui.commands import COMMANDS
from workbench.tui.messages import SegmentChosen, SuggestionChosen, TermChosen
from workbench.tui.screens.drafting import DraftingScreen
from workbench.tui.screens.filter import FilterScreen
from workbench.tui.screens.merge_conflict import MergeConflictScreen
from workbench.tui.widgets.panels import (
    FindingsView,
    SourceView,
    StatusBar,
    SuggestionList,
    TermList,
)
from workbench.tui.widgets.segment_list import SegmentList


@runtime_checkable
class EditingApp(Protocol):
    """What the screen needs from its app: a status note to show, and saving."""

    status_note: str

    def save(self, force: bool = False, then_quit: bool = False) -> None: ...


#: What Ctrl+R moves on to: segments with a translation nobody has reviewed yet.
AWAITING_REVIEW = frozenset({ReviewState.DRAFT, ReviewState.TRANSLATED})


class TargetEditor(TextArea):
    """The target text: a soft-wrapping TextArea with undo, for the segment's translation."""


class MainScreen(DraftingScreen):
    """Segment list on the left; source, terms, editor, findings and suggestions on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(c.keys, c.action, c.label, show=c.show, priority=True)
            for c in COMMANDS
            if c.action not in {"quit", "help", "undo"}
        ),
        Binding("f1", "app.help", "Help", priority=True),
        *(
            Binding(f"alt+{n}", f"use_suggestion({n - 1})", f"Suggestion {n}", show=False)
            for n in range(1, 5)
        ),
    ]

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.session = session
        self.current = session.first_needing_work()
        self.filter_text = ""
        self._disk_warned = False
        self._journal_warned = False

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="body"):
            yield SegmentList(self.session, id="segments")
            with Vertical(id="detail"):
                yield SourceView(id="source")
                yield TermList(id="terms")
                yield TargetEditor(
                    "", id="target", soft_wrap=True, show_line_numbers=False, tab_behavior="focus"
                )
                yield FindingsView(id="findings")
                yield SuggestionList(id="suggestions")
        yield ProgressBar(id="mt-progress", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#terms", TermList).border_title = "Glossary"
        self.query_one("#target", TargetEditor).border_title = "Target"
        self.query_one("#findings", FindingsView).border_title = "QA"
        self.query_one("#suggestions", SuggestionList).border_title = "Suggestions"
        self.query_one("#segments", SegmentList).border_title = "Segments"
        self.query_one("#mt-progress", ProgressBar).display = False
        segments = self.query_one("#segments", SegmentList)
        segments.select_index(self.current)
        self.show_segment(self.current)
        self.query_one("#target", TargetEditor).focus()
        self.refresh_status()
        self.set_interval(2.0, self.check_disk)
        # edits reach the journal file at once; fsync (power-cut safety) at most once a second
        self.set_interval(1.0, self.session.sync_journal)

    def check_disk(self) -> None:
        """Tell the translator at once when another program changed the file."""
        session = self.session
        if not session.disk_stat_changed() or self._disk_warned:
            return
        if session.changed_on_disk():
            self._disk_warned = True
            self.notify(
                f"{session.path.name} was changed by another program. Your edits are safe: "
                "Ctrl+S will offer to merge them into it or to reload.",
                title="Changed on disk",
                severity="warning",
                timeout=15,
            )

    @property
    def editor(self) -> TargetEditor:
        return self.query_one("#target", TargetEditor)

    @property
    def segments(self) -> SegmentList:
        return self.query_one("#segments", SegmentList)

    # --- showing ---------------------------------------------------------------------

    def show_segment(self, index: int) -> None:
        """Put unit ``index`` in the editor and refresh every panel for it."""
        session = self.session
        if not session.units:
            return
        self.current = index
        unit = session.units[index]
        editor = self.editor
        if editor.text != unit.target:
            editor.load_text(unit.target)
        else:
            editor.history.clear()  # undo never reaches into the previous segment
        editor.move_cursor(editor.document.end)
        self.refresh_panels(full=True)

    def refresh_panels(self, full: bool = False) -> None:
        """Redraw the source, terms and suggestions (``full``) and the findings (always)."""
        session = self.session
        index = self.current
        if not session.units:
            return
        unit = session.units[index]
        position = f"{index + 1}/{len(session.units)}"
        if full:
            hits = session.term_hits(index)
            self.query_one("#source", SourceView).show(unit, hits, position)
            self.query_one("#terms", TermList).show(hits)
            self.query_one("#suggestions", SuggestionList).show(
                unit, [], session.reference_for(index)
            )
            self.lookup_memory(index)
        else:
            self.query_one("#source", SourceView).show(unit, session.term_hits(index), position)
        note = ""
        if session.support is None:
            note = "loading glossary and QA checks…"
        self.query_one("#findings", FindingsView).show(session.findings(index), note)

    @work(thread=True, exclusive=True, group="tm")
    def lookup_memory(self, index: int) -> None:
        """Translation-memory matches in a worker: moving never waits for the fuzzy search."""
        matches = self.session.tm_matches(index)
        if matches:
            self.app.call_from_thread(self._show_memory, index, matches)

    def _show_memory(self, index: int, matches: list[TmMatch]) -> None:
        if index != self.current:
            return
        unit = self.session.units[index]
        self.query_one("#suggestions", SuggestionList).show(
            unit, matches, self.session.reference_for(index)
        )

    def refresh_status(self) -> None:
        app = self.app
        extra = []
        if self.filter_text:
            extra.append(f"filter: {self.filter_text} ({len(self.segments.view)})")
        if not self.session.complete:
            extra.append(f"reading the file… ({len(self.session.units):,} segments so far)")
        elif not self.session.catalog_loaded:
            extra.append("reading full catalogue…")
        if isinstance(app, EditingApp) and app.status_note:
            extra.append(app.status_note)
        self.query_one("#status", StatusBar).show(
            self.session.path.name, self.session.progress, len(self.session.dirty), "  ".join(extra)
        )

    # --- events ----------------------------------------------------------------------

    @on(TextArea.Changed, "#target")
    def target_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        if not self.session.units or text == self.session.units[self.current].target:
            return
        self.session.set_target(self.current, text)
        if self.session.journal_error and not self._journal_warned:
            self._journal_warned = True
            self.notify(
                f"{self.session.journal_error}. Unsaved edits are not crash-safe: save often.",
                severity="error",
                timeout=20,
            )
        self.segments.refresh_index(self.current)
        self.refresh_panels()
        self.refresh_status()

    @on(SegmentChosen)
    def segment_chosen(self, event: SegmentChosen) -> None:
        self.show_segment(event.index)
        if event.focus_editor:
            self.editor.focus()

    @on(SuggestionChosen)
    def suggestion_chosen(self, event: SuggestionChosen) -> None:
        self._replace_target(event.text)

    @on(TermChosen)
    def term_chosen(self, event: TermChosen) -> None:
        self.editor.insert(event.text)
        self.editor.focus()

    def _replace_target(self, text: str) -> None:
        editor = self.editor
        editor.replace(text, editor.document.start, editor.document.end)
        editor.focus()

    # --- navigation ------------------------------------------------------------------

    def go_to(self, index: int | None) -> None:
        """Show unit ``index`` (if it is in the list's view) and put the cursor in the editor."""
        if index is None:
            return
        if not self.segments.select_index(index):
            return
        self.show_segment(index)
        self.editor.focus()

    def units_added(self, start: int) -> None:
        """The rest of a big file was read: show it (re-filtering if a filter is on)."""
        if self.filter_text:
            self.apply_filter(self.filter_text)
        else:
            self.segments.extend_view(list(range(start, len(self.session.units))))
        self.refresh_status()

    def _next_in_view(self, wanted: Callable[[int], bool]) -> int | None:
        view: list[int] = self.segments.view
        start = self.segments.position_of(self.current)
        start = -1 if start is None else start
        for position in (*range(start + 1, len(view)), *range(0, max(start, 0))):
            index = int(view[position])
            if wanted(index):
                return index
        return None

    def _step(self, delta: int) -> None:
        view = self.segments.view
        position = self.segments.position_of(self.current)
        target = (position if position is not None else -1) + delta
        if 0 <= target < len(view):
            self.go_to(view[target])

    def action_next_segment(self) -> None:
        self._step(1)

    def action_prev_segment(self) -> None:
        self._step(-1)

    def action_next_todo(self) -> None:
        found = self._next_in_view(self.session.needs_work)
        if found is None:
            self.notify("No segment in the list needs work.", title="All done")
        self.go_to(found)

    def _mark_current(self, mark: Callable[[int], Unit], if_empty: str) -> bool:
        """Confirm or review the segment in the editor; an empty one gets ``if_empty`` said."""
        index = self.current
        if not mark(index).target:
            self.notify(if_empty, severity="warning")
            return False
        self.segments.refresh_index(index)
        self.refresh_status()
        return True

    def action_confirm_next(self) -> None:
        if self._mark_current(self.session.confirm, "Type a translation before confirming."):
            self.action_next_todo()

    def action_review_next(self) -> None:
        index = self.current
        if not self._mark_current(
            self.session.review, "Nothing to review: the segment is untranslated."
        ):
            return
        found = self._next_in_view(lambda i: self.session.units[i].state in AWAITING_REVIEW)
        if found is None:
            self.notify("No translated segment in the list awaits review.", title="All done")
            self.show_segment(index)
        self.go_to(found)

    # --- editing helpers -------------------------------------------------------------

    def action_copy_mt(self) -> None:
        unit = self.session.units[self.current]
        if unit.origin is None or not unit.origin.mt:
            self.notify("This segment has no MT draft (F5 drafts it).", severity="warning")
            return
        self._replace_target(unit.origin.mt)

    def action_use_tm(self) -> None:
        self.action_use_suggestion(0)

    def action_use_suggestion(self, n: int) -> None:
        text = self.query_one("#suggestions", SuggestionList).nth(n)
        if text is None:
            self.notify(f"No suggestion {n + 1} for this segment.", severity="warning")
            return
        self._replace_target(text)

    def action_insert_term(self) -> None:
        text = self.query_one("#terms", TermList).term_text()
        if text is None:
            self.notify("No glossary term in this segment.", severity="warning")
            return
        self.editor.insert(text)
        self.editor.focus()

    def action_next_term(self) -> None:
        terms = self.query_one("#terms", TermList)
        count = len(terms.hits)
        if count:
            terms.highlighted = ((terms.highlighted or 0) + 1) % count

    def action_pick_side(self) -> None:
        """A merge conflict: show both branches' texts and take the one the person picks."""
        index = self.current
        unit = self.session.units[index]
        if not unit.conflict:
            self.notify("This segment has no merge conflict.", severity="warning")
            return

        def picked(side: Side | None) -> None:
            if side is not None:
                self.session.resolve_conflict(index, side)
                self.show_segment(index)
                self.segments.refresh_index(index)
                self.refresh_status()
                self.notify(f"Took {side}: the conflict is settled (save with Ctrl+S).")
            self.editor.focus()

        self.app.push_screen(MergeConflictScreen(unit), picked)

    def action_revert(self) -> None:
        self.session.revert(self.current)
        self.show_segment(self.current)
        self.segments.refresh_index(self.current)
        self.refresh_status()

    def action_undo(self) -> None:
        self.editor.action_undo()

    def action_focus_list(self) -> None:
        self.segments.focus()

    # --- filter ----------------------------------------------------------------------

    def action_filter(self) -> None:
        def apply(text: str | None) -> None:
            if text is not None:
                self.apply_filter(text)

        self.app.push_screen(FilterScreen(self.filter_text), apply)

    def action_clear_filter(self) -> None:
        self.apply_filter("")

    def apply_filter(self, text: str) -> None:
        """Show only the segments that pass ``text`` (see :func:`parse_filter`).

        A QA filter checks every segment, which takes a while on a big file: it runs in a
        worker and the list changes when it is done.
        """
        try:
            flt = parse_filter(text)
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            return
        if flt.qa is not None:
            self.notify(f"Checking {len(self.session.units):,} segments…", timeout=3)
            self.filter_worker(flt, text)
            return
        self._show_filter(flt, text, self.session.filter_indices(flt))

    @work(thread=True, exclusive=True, group="filter")
    def filter_worker(self, flt: SegmentFilter, text: str) -> None:
        self.session.load_support()
        indices = self.session.filter_indices(flt)
        self.app.call_from_thread(self._show_filter, flt, text, indices)

    def _show_filter(self, flt: SegmentFilter, text: str, indices: list[int]) -> None:
        if not indices:
            self.notify(f"No segment matches {flt.describe()}.", severity="warning")
            return
        self.filter_text = text.strip()
        self.segments.set_view(indices, keep=self.current)
        current = self.segments.current
        if current is not None and current != self.current:
            self.show_segment(current)
        self.refresh_status()

    # --- saving ----------------------------------------------------------------------

    def action_save(self) -> None:
        app = self.app
        if isinstance(app, EditingApp):
            app.save()
