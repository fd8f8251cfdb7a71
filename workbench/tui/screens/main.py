"""The editing screen: segment list on the left, the segment's panels and editor on the right.

It shows one :class:`~workbench.services.session.EditSession` and turns keys into session
calls: moving, confirming, reviewing, filtering, using suggestions and terms, undo, MT
drafting. The app around it (loading in the background, saving, conflicts, quitting) is
:class:`workbench.tui.app.WorkbenchApp`; this screen reaches it only through
:class:`EditingApp`, so the two modules do not import each other. Others change what it
shows through its public methods (:meth:`MainScreen.reset_view`, :meth:`MainScreen.go_to`,
:meth:`MainScreen.apply_filter`…) and the messages in :mod:`workbench.tui.messages`.

Every change to a unit goes through the session, which records it for undo: Ctrl+Z undoes
the typing in the segment first (the editor's own history), then the session's changes in
order, wherever they were made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar, NamedTuple, Protocol, runtime_checkable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, TextArea

from workbench.domain.checks.base import Severity
from workbench.domain.checks.spelling import Misspelling
from workbench.domain.completion import Completion, follow, next_word
from workbench.domain.filters import SegmentFilter, parse_filter
from workbench.domain.states import ReviewState
from workbench.domain.tags import INLINE_TAG, next_missing_tag
from workbench.domain.units import Side, form_name
from workbench.errors import UserError
from workbench.services import glossaries
from workbench.services.dictionary import Dictionary
from workbench.services.session import EditSession, Suggestion, UndoResult
from workbench.services.session_memory import project_memory_of, propagate, repetitions
from workbench.tui.commands import APP_ACTIONS, COMMANDS, EDITING_ACTIONS, SUGGESTION_KEYS
from workbench.tui.messages import (
    CompletionReady,
    DraftingEnded,
    DraftReady,
    SegmentChosen,
    SuggestionChosen,
    TermChosen,
    Typed,
)
from workbench.tui.screens.add_term import AddTermScreen, NewTerm
from workbench.tui.screens.comments import CommentsScreen
from workbench.tui.screens.filter import FilterScreen
from workbench.tui.screens.memory import ConcordanceScreen, PropagateScreen
from workbench.tui.screens.merge_conflict import MergeConflictScreen
from workbench.tui.screens.replace import ReplaceAll, ReplaceScreen
from workbench.tui.screens.spelling import SpellingScreen
from workbench.tui.widgets.completion import MtCompleter
from workbench.tui.widgets.dictionary import DictionaryView
from workbench.tui.widgets.drafting import MtDrafter
from workbench.tui.widgets.editor import Misspelt, TargetEditor
from workbench.tui.widgets.panels import FindingsView, SourceView, StatusBar, TermList
from workbench.tui.widgets.segment_list import SegmentList
from workbench.tui.widgets.suggestions import SuggestionList


@runtime_checkable
class EditingApp(Protocol):
    """What the screen needs from its app: a status note to show, and saving."""

    status_note: str

    def save(self, force: bool = False, then_quit: bool = False) -> None: ...


class Taken(NamedTuple):
    """The suggestion F3 or Alt+N last put in the editor, so F3 again takes the next one."""

    at: int
    number: int
    text: str


class MainScreen(Screen[None]):
    """Segment list on the left; source, terms, editor, findings and suggestions on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                c.bound_keys,
                f"app.{c.action}" if c.action in APP_ACTIONS else c.action,
                c.label,
                show=c.show,
                priority=c.focus,
            )
            for c in COMMANDS
            if c.action != "quit"  # the app's binding: it works on every screen
        ),
        *(
            Binding(f"alt+{n}", f"use_suggestion({n - 1})", f"Suggestion {n}", show=False)
            for n in range(1, SUGGESTION_KEYS + 1)
        ),
    ]

    #: The filter in force, as typed ("" for none); set it with :meth:`apply_filter`.
    filter_text: var[str] = var("")
    #: The segment in the editor (an index into the session's units); move with :meth:`go_to`.
    current: var[int] = var(0, init=False)
    #: Which pane the bottom right shows: "suggestions" or "dictionary" (:meth:`show_info`).
    info: var[str] = var("suggestions", init=False)
    #: The plural form in the editor (0: the target, msgstr[0]); switch with :meth:`show_form`.
    form: var[int] = var(0, init=False)

    def __init__(self, session: EditSession) -> None:
        super().__init__()
        self.session = session
        self.set_reactive(MainScreen.current, session.first_needing_work())
        self._filter: SegmentFilter | None = None
        self._passing: set[int] = set()
        self._disk_warned = False
        self._journal_warned = False
        self._taken: Taken | None = None
        self.dictionary = Dictionary()
        self._completion: Completion | None = None

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="body"):
            yield SegmentList(self.session, id="segments")
            with Vertical(id="detail"):
                yield SourceView(id="source")
                yield TermList(id="terms")
                yield TargetEditor(id="target")
                yield FindingsView(id="findings")
                with ContentSwitcher(id="info", initial="suggestions"):
                    yield SuggestionList(id="suggestions")
                    yield DictionaryView(id="dictionary")
        yield MtDrafter(self.session, id="mt")
        yield MtCompleter(self.session, id="completer")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#terms", TermList).border_title = "Glossary"
        self.editor.border_title = "Target"
        self.query_one("#info", ContentSwitcher).border_title = "Suggestions · Ctrl+D: dictionary"
        self.segments.border_title = "Segments"
        self.segments.select_index(self.current)
        self.show_segment(self.current)
        self.editor.focus()
        self.editor.read_only = self.session.read_only
        self.refresh_status()
        app = self.app
        if isinstance(app, EditingApp):
            self.watch(app, "status_note", self.refresh_status, init=False)
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

    def checks_loaded(self) -> None:
        """The glossary and the QA checks are ready: show the terms, the findings and the
        list's QA marks."""
        self.refresh_panels(full=True)
        self.segments.refresh()

    def file_saved(self) -> None:
        """The file was written: a later change on disk is news again."""
        self._disk_warned = False
        self.segments.refresh()

    def reset_view(self) -> None:
        """The units were replaced (reload, merge, recovery): list them all and redraw."""
        self._disk_warned = False
        self._filter = None
        self.filter_text = ""
        self.segments.set_view(range(len(self.session.units)), keep=self.current)
        self.show_segment(self.current if self.current < len(self.session.units) else 0)
        self.refresh_status()

    @property
    def editor(self) -> TargetEditor:
        return self.query_one("#target", TargetEditor)

    @property
    def segments(self) -> SegmentList:
        return self.query_one("#segments", SegmentList)

    @property
    def suggestion_list(self) -> SuggestionList:
        return self.query_one("#suggestions", SuggestionList)

    @property
    def terms(self) -> TermList:
        return self.query_one("#terms", TermList)

    # --- showing ---------------------------------------------------------------------

    def show_segment(self, index: int) -> None:
        """Put unit ``index`` in the editor and refresh every panel for it."""
        session = self.session
        if not session.units:
            return
        if index != self.current:
            self.form = 0
        self.current = index
        self._load_editor()
        self.refresh_panels(full=True)

    def shown_text(self) -> str:
        """The current unit's text in the form the editor edits (its target, or a further
        plural form of a plural entry)."""
        forms = self.session.units[self.current].forms
        return forms[self.form] if self.form < len(forms) else forms[0]

    def show_form(self, form: int) -> None:
        """Edit plural form ``form`` of the current unit (what the editor holds is kept)."""
        self.sync_editor()
        self.form = form % len(self.session.units[self.current].forms)
        self._load_editor()
        self.refresh_panels(full=True)  # suggestions for this form's source

    def _load_editor(self) -> None:
        """The editor shows the current unit's target (or the plural form being edited),
        cursor at the end, no typing to undo."""
        editor = self.editor
        if self.form >= len(self.session.units[self.current].forms):
            self.form = 0
        self._show_completion(None)
        target = self.shown_text()
        if editor.text != target:
            editor.load_text(target)
        else:
            editor.history.clear()  # undo never reaches into the previous segment
        editor.move_cursor(editor.document.end)

    def refresh_panels(self, full: bool = False) -> None:
        """Redraw the source, terms and suggestions (``full``) and the findings (always)."""
        session = self.session
        index = self.current
        if not session.units:
            return
        unit = session.units[index]
        position = f"{index + 1}/{len(session.units)}"
        hits = session.term_hits(index)
        self.query_one("#source", SourceView).show(unit, hits, position, self.form)
        if full:
            self.terms.show(hits)
            form = self.form
            self.suggestion_list.show(
                session.suggestions(index, slow=False, form=form),
                "looking up…",
                unit.form_sources[form],
            )
            self.lookup_suggestions(index, form)
            if self.info == "dictionary":
                self.lookup_dictionary(index)
        note = "loading glossary and QA checks…" if session.support is None else ""
        self.query_one("#findings", FindingsView).show(session.findings(index), note)
        spans = tuple((m.start, m.end) for m in session.misspellings(index))
        self.editor.misspelt = Misspelt(unit.target, spans)

    @work(thread=True, exclusive=True, group="suggestions")
    def lookup_suggestions(self, index: int, form: int = 0) -> None:
        """Every suggestion, slow ones (memory) included, in a worker: moving never waits
        for a fuzzy search; the fast ones are on screen meanwhile. ``form``: the plural
        form edited (its source is looked up)."""
        found = self.session.suggestions(index, form=form)
        notes = self.session.suggestion_notes(index)
        notices = self.session.take_notices()
        self.app.call_from_thread(self._show_suggestions, index, form, found, notes, notices)

    def _show_suggestions(
        self, index: int, form: int, found: list[Suggestion], notes: list[str], notices: list[str]
    ) -> None:
        for notice in notices:
            self.notify(notice, timeout=12)
        if index == self.current and form == self.form:
            source = self.session.units[index].form_sources[form]
            self.suggestion_list.show(found, source=source, notes=notes)

    # --- the bottom right: suggestions or dictionary ----------------------------------

    def show_info(self, pane: str) -> None:
        """Show ``pane`` ("suggestions" or "dictionary") in the bottom right."""
        self.info = pane

    def watch_info(self, pane: str) -> None:
        switcher = self.query_one("#info", ContentSwitcher)
        switcher.current = pane
        other = "suggestions" if pane == "dictionary" else "dictionary"
        switcher.border_title = f"{pane.capitalize()} · Ctrl+D: {other}"
        if pane == "dictionary":
            self.lookup_dictionary(self.current)

    def action_toggle_dictionary(self) -> None:
        self.show_info("suggestions" if self.info == "dictionary" else "dictionary")

    @work(thread=True, exclusive=True, group="dictionary")
    def lookup_dictionary(self, index: int) -> None:
        """The source's words in the dictionary, in a worker (the index is built once)."""
        view = self.query_one("#dictionary", DictionaryView)
        call = self.app.call_from_thread
        dictionary = self.dictionary
        if not dictionary.installed:
            call(view.show_missing)
            return
        if not dictionary.ready:
            call(view.show_message, "Building the dictionary's index (once; a few seconds)…")
        else:
            call(view.show_message, "Looking up the segment's words…")
        try:
            lookups = dictionary.lookup_text(self.session.units[index].source)
        except UserError as exc:
            call(view.show_message, str(exc))
            return
        if index == self.current:
            call(view.show, lookups)

    def on_unmount(self) -> None:
        self.dictionary.close()

    def refresh_status(self) -> None:
        app = self.app
        extra = ["READ-ONLY (palette: open for editing anyway)"] if self.session.read_only else []
        if self.filter_text:
            extra.append(
                f"filter: {self.filter_text} ({len(self._passing)} of {len(self.segments.view)})"
            )
        if not self.session.complete:
            extra.append(f"reading the file… ({len(self.session.units):,} segments so far)")
        elif not self.session.catalog_loaded:
            extra.append("reading full catalogue…")
        if isinstance(app, EditingApp) and app.status_note:
            extra.append(app.status_note)
        self.query_one("#status", StatusBar).show(
            self.session.path.name, self.session.progress, len(self.session.dirty), "  ".join(extra)
        )

    def units_changed(self, indices: list[int]) -> None:
        """Units ``indices`` changed: redraw their rows, the filter count and the status."""
        flt = self._filter
        for i in indices:
            self.segments.refresh_index(i)
            if flt is not None:
                if self.session.passes(i, flt):
                    self._passing.add(i)
                else:
                    self._passing.discard(i)
        if not self.session.typing_in(self.current):
            # the typing here is one step of the session's history now, older than this
            # change: Ctrl+Z goes there first (the editor's own undo reached past it)
            self.editor.history.clear()
        self.refresh_status()

    # --- events ----------------------------------------------------------------------

    @on(TextArea.Changed, "#target")
    def target_changed(self, event: TextArea.Changed) -> None:
        units = self.session.units
        typed = bool(units) and self.editor.text != self.shown_text()
        self.sync_editor()
        self._follow_typing(ask=typed)

    # --- completion: the MT model continues what is typed ----------------------------

    def _cursor_at_end(self) -> bool:
        selection = self.editor.selection
        return selection.is_empty and selection.end == self.editor.document.end

    def _follow_typing(self, ask: bool) -> None:
        """Keep the completion if the typing agrees with it, else ask the model again."""
        editor = self.editor
        at_end = self._cursor_at_end()
        kept = follow(self._completion, editor.text) if self._completion is not None else None
        if kept is not None and at_end:
            self._show_completion(kept if kept.rest else None)  # all taken: nothing to ask
            return
        self._show_completion(None)
        if ask and at_end and self.form == 0:  # the model completes the singular source
            self.query_one("#completer", MtCompleter).request(self.current, editor.text)

    def _show_completion(self, completion: Completion | None) -> None:
        """Ghost text at the cursor, and the keys and alternatives in the editor's title."""
        self._completion = completion
        editor = self.editor
        editor.suggestion = completion.rest if completion is not None else ""
        title = self.target_title()
        if completion is not None and completion.rest:
            title += " · Ctrl+→ word · End all"
            if completion.alternatives:
                title += " · or: " + escape(", ".join(completion.alternatives))
        editor.border_title = title

    def target_title(self) -> str:
        """The editor's title: "Target", and for a plural entry the form it edits."""
        units = self.session.units
        unit = units[self.current] if units else None
        if unit is None or unit.source_plural is None:
            return "Target"
        count = len(unit.forms)
        return f"Target {form_name(self.form, count)} {self.form + 1}/{count} · Ctrl+J next form"

    @on(TextArea.SelectionChanged, "#target")
    def target_cursor_moved(self, event: TextArea.SelectionChanged) -> None:
        if self._completion is not None and not self._cursor_at_end():
            self._show_completion(None)

    @on(CompletionReady)
    def completion_ready(self, event: CompletionReady) -> None:
        """Show a completion if it still continues what the editor holds, cursor at the end.

        The model's answer comes in parts; one for text the translator has typed on from, in
        agreement with it (a word taken with Ctrl+→ while the rest was still coming), is
        followed to the editor's text like typing, so the rest is not cut short.
        """
        if event.index != self.current or not self._cursor_at_end():
            return
        completion = event.completion
        if completion.typed != self.editor.text:
            followed = follow(completion, self.editor.text)
            if followed is None or not followed.rest:
                return
            completion = followed
        self._show_completion(completion)

    def action_accept_word(self) -> None:
        editor = self.editor
        if editor.suggestion and self._cursor_at_end():
            editor.insert(next_word(editor.suggestion))
        else:
            editor.action_cursor_word_right()

    def action_accept_completion(self) -> None:
        editor = self.editor
        if editor.suggestion and self._cursor_at_end():
            editor.insert(editor.suggestion)
        else:
            editor.action_cursor_line_end()

    def sync_editor(self) -> None:
        """Put what the editor shows into the session (every command does this first, so
        keys typed just before a command are never lost or put in another segment)."""
        session = self.session
        if not session.units:
            return
        text = self.editor.text
        if text == self.shown_text():
            return
        if self.refused_read_only():  # a suggestion or term put in a read-only view
            self.editor.load_text(self.shown_text())
            return
        session.set_target(self.current, text, self.form)
        if session.journal_error and not self._journal_warned:
            self._journal_warned = True
            self.notify(
                f"{session.journal_error}. Unsaved edits are not crash-safe: save often.",
                severity="error",
                timeout=20,
            )
        self.units_changed([self.current])
        self.refresh_panels()

    @on(SegmentChosen)
    def segment_chosen(self, event: SegmentChosen) -> None:
        self.sync_editor()
        if event.index != self.current:
            self.show_segment(event.index)
        if event.focus_editor:
            self.set_focus(self.editor)
        if event.typed and not self.editor.read_only:
            self.editor.insert(event.typed)

    @on(SuggestionChosen)
    def suggestion_chosen(self, event: SuggestionChosen) -> None:
        self.action_use_suggestion(event.number)

    @on(Typed)
    def typed_in_list(self, event: Typed) -> None:
        self.set_focus(self.editor)
        if not self.editor.read_only:
            self.editor.insert(event.text)

    @on(TermChosen)
    def term_chosen(self, event: TermChosen) -> None:
        if not self.editor.read_only:
            self.editor.insert(event.text)
        self.set_focus(self.editor)

    @on(DraftReady)
    def draft_ready(self, event: DraftReady) -> None:
        """A finished MT draft goes in only if nobody touched the segment since it was asked
        for; a segment a person translated (or reviewed) keeps its text and gets the draft
        as its first suggestion (as OmegaT and Poedit do; the CLI's ``draft`` never touches
        translated entries either)."""
        if event.index == self.current:
            self.sync_editor()
        session = self.session
        unit = session.units[event.index]
        if unit.target != event.started_from:
            return  # typed or confirmed by hand meanwhile: never overwrite a person's work
        if unit.state >= ReviewState.TRANSLATED:
            session.offer_draft(event.index, event.target, event.origin)
            if event.index == self.current:
                self.refresh_panels(full=True)
                self.notify(
                    f"The segment is {unit.state.label}: the MT draft is suggestion 1 "
                    "(Alt+1 or F3 takes it).",
                    title="MT",
                    timeout=5,
                )
            return
        session.apply_draft(event.index, event.target, event.origin, event.forms[1:], event.batch)
        if event.index == self.current:
            self._load_editor()
            self.refresh_panels(full=True)
        self.units_changed([event.index])

    @on(DraftingEnded)
    def drafting_ended(self, event: DraftingEnded) -> None:
        if event.problem:
            self.notify(event.problem, title="MT drafting", severity="warning", timeout=8)
        elif event.cancelled:
            self.notify("MT stopped; finished drafts were kept.")
        else:
            self.notify("MT drafts are in.", timeout=3)

    # --- navigation ------------------------------------------------------------------

    def refused_read_only(self) -> bool:
        """In a read-only view: say why an edit is refused, and return True."""
        if self.session.read_only:
            self.notify(self.session.read_only_reason(), title="Read-only view", timeout=5)
            return True
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A read-only view shows the editing keys disabled (``None``) and refuses them."""
        if self.session.read_only and (action in EDITING_ACTIONS or action == "use_suggestion"):
            return None
        return True

    def editing_allowed(self) -> None:
        """The session may edit now (the translator opened the file anyway)."""
        self.editor.read_only = self.session.read_only
        self.refresh_bindings()
        self.refresh_status()

    def go_to(self, index: int | None) -> None:
        """Show unit ``index`` (if it is in the list's view) and put the cursor in the editor."""
        if index is None:
            return
        self.sync_editor()
        if not self.segments.select_index(index):
            return
        self.show_segment(index)
        self.set_focus(self.editor)

    def units_added(self, start: int) -> None:
        """The rest of a big file was read: show it (re-filtering if a filter is on)."""
        if self.filter_text:
            self.apply_filter(self.filter_text)
        else:
            self.segments.extend_view(range(start, len(self.session.units)))
        self.refresh_status()

    def _next_in_view(self, wanted: Callable[[int], bool]) -> int | None:
        view = self.segments.view
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
        self.sync_editor()
        found = self._next_in_view(self.session.needs_work)
        if found is None:
            self.notify("No segment in the list needs work.", title="All done")
        self.go_to(found)

    def _mark_current(self, mark: Callable[[int], object], done: str, if_empty: str) -> bool:
        """Confirm or review the segment in the editor; warn about QA errors it still has.

        A plural entry with a form still empty is not marked: the editor goes to that form.
        """
        self.sync_editor()
        index = self.current
        missing = self.session.units[index].missing_forms
        if missing:
            count = len(self.session.units[index].forms)
            self.show_form(missing[0])
            self.notify(
                f"Plural entry: fill {form_name(missing[0], count)} too "
                f"(Ctrl+J switches forms), then {done.lower()} it.",
                title="Plural forms",
                timeout=6,
            )
            return False
        mark(index)
        if not self.session.units[index].target:
            self.notify(if_empty, severity="warning")
            return False
        self.units_changed([index])
        self.refresh_panels()  # the source title shows the new state, also with no next one
        errors = [f for f in self.session.findings(index) if f.severity is Severity.ERROR]
        if errors:
            listed = "; ".join(f"{f.check}: {f.message}" for f in errors[:3])
            self.notify(
                f"{done} with {len(errors)} QA error(s): {listed}",
                title="QA",
                severity="warning",
                timeout=8,
            )
        return True

    def action_confirm_next(self) -> None:
        if self._mark_current(
            self.session.confirm, "Confirmed", "Type a translation before confirming."
        ):
            self.fill_repetitions(self.current, then=self.action_next_todo)

    def action_review_next(self) -> None:
        index = self.current
        if not self._mark_current(
            self.session.review, "Reviewed", "Nothing to review: the segment is untranslated."
        ):
            return

        def next_unreviewed() -> None:
            found = self._next_in_view(lambda i: self.session.units[i].state < ReviewState.REVIEWED)
            if found is None:
                self.notify("Every segment in the list is reviewed.", title="All done")
                self.show_segment(index)
            self.go_to(found)

        self.fill_repetitions(index, then=next_unreviewed)

    def fill_repetitions(self, index: int, then: Callable[[], object]) -> None:
        """Segment ``index`` was just confirmed: its identical repeats that still need work
        take its translation, as ``[memory] propagate`` says (``offer``: ask first, as
        drafts or translated; ``draft``/``translated``: at once; ``off``: never). One
        change, so Ctrl+Z undoes it. Then ``then()`` moves on."""
        memory = project_memory_of(self.session)
        how = memory.settings.propagate if memory is not None else "offer"
        repeats = repetitions(self.session.units, index)
        if how == "off" or not repeats:
            then()
            return

        def fill(answer: str | None) -> None:
            if answer in ("draft", "translated"):
                changed = propagate(self.session, index, answer)  # type: ignore[arg-type]
                self.units_changed(changed)
                state = "drafts" if answer == "draft" else "translated"
                self.notify(
                    f"Filled {len(changed)} repetition(s) as {state} (Ctrl+Z undoes it).",
                    title="Repetitions",
                )
            then()

        if how == "offer":
            body = (
                f"{len(repeats)} other segment(s) of this file have the same source and "
                f"still need work. Give them this translation?"
            )
            self.app.push_screen(PropagateScreen(body), fill)
        else:
            fill(how)

    def action_concordance(self) -> None:
        """Search the project memory for words; the entry picked goes into the editor."""
        self.sync_editor()
        memory = project_memory_of(self.session)
        if memory is None:
            self.notify("No project memory for this file.", severity="warning")
            return
        words = (self.editor.selected_text or self.get_selected_text() or "").strip()

        def chosen(text: str | None) -> None:
            self.editor.focus()
            if text:
                self.editor.insert(text)

        self.app.push_screen(ConcordanceScreen(memory.search, " ".join(words.split())), chosen)

    # --- editing helpers -------------------------------------------------------------

    def _write(self, text: str, label: str) -> None:
        """Put ``text`` in the segment as one undoable change (a suggestion, the MT draft)."""
        self.sync_editor()
        self.session.write_text(self.current, text, label, self.form)
        self._load_editor()
        self.set_focus(self.editor)
        self.units_changed([self.current])
        self.refresh_panels()

    def action_copy_mt(self) -> None:
        unit = self.session.units[self.current]
        if unit.origin is None or not unit.origin.mt:
            self.notify("This segment has no MT draft (F5 drafts it).", severity="warning")
            return
        self._write(unit.origin.mt, "MT draft copied")

    def action_use_suggestion_key(self) -> None:
        """F3: the highlighted suggestion; pressed again at once, the next one."""
        listed = self.suggestion_list
        count = len(listed.suggestions)
        taken = self._taken
        number = listed.highlighted or 0
        again = taken is not None and (taken.at, taken.text) == (self.current, self.editor.text)
        if taken is not None and again and count:
            number = (taken.number + 1) % count
        self.action_use_suggestion(number)

    def action_use_suggestion(self, n: int) -> None:
        listed = self.suggestion_list
        text = listed.nth(n)
        if text is None:
            self.notify(f"No suggestion {n + 1} for this segment.", severity="warning")
            return
        listed.highlighted = n
        kind = listed.suggestions[n].kind
        self._write(text, f"suggestion {n + 1} ({kind})")
        self._taken = Taken(self.current, n, text)

    def action_select_all(self) -> None:
        self.set_focus(self.editor)
        self.editor.select_all()

    def action_insert_term(self) -> None:
        text = self.terms.term_text()
        if text is None:
            self.notify("No glossary term in this segment.", severity="warning")
            return
        self.editor.insert(text)
        self.set_focus(self.editor)

    def action_insert_tag(self) -> None:
        """Type the next tag or placeholder of the source that the translation lacks."""
        unit = self.session.units[self.current]
        source = unit.source_plural if self.form and unit.source_plural else unit.source
        tag = next_missing_tag(source, self.editor.text)
        if tag is None:
            self.notify("Every tag of the source is in the translation.")
            return
        selected = self.editor.selected_text
        if selected and INLINE_TAG.fullmatch(tag) and not tag.endswith("/>"):
            self.editor.replace(tag + selected + "</" + tag[1:], *self.editor.selection)
        else:
            self.editor.insert(tag)
        self.set_focus(self.editor)

    def action_next_term(self) -> None:
        self.terms.next_term()

    def action_next_form(self) -> None:
        """A plural entry: edit its next plural form (after the last, the first again)."""
        unit = self.session.units[self.current] if self.session.units else None
        if unit is None or unit.source_plural is None:
            self.notify("This segment has no plural forms.", timeout=3)
            return
        self.show_form(self.form + 1)
        self.set_focus(self.editor)

    def action_pick_side(self) -> None:
        """A merge conflict: show both branches' texts and take the one the person picks."""
        self.sync_editor()
        index = self.current
        unit = self.session.units[index]
        if not unit.conflict:
            self.notify("This segment has no merge conflict.", severity="warning")
            return

        def picked(side: Side | None) -> None:
            if side is not None:
                self.session.resolve_conflict(index, side)
                self._load_editor()
                self.refresh_panels(full=True)
                self.units_changed([index])
                self.notify(f"Took {side}: the conflict is settled (save with Ctrl+S).")
            self.set_focus(self.editor)

        self.app.push_screen(MergeConflictScreen(unit), picked)

    def action_edit_note(self) -> None:
        """The segment's comments, and the translator's note to add or edit (undoable)."""
        self.sync_editor()
        index = self.current

        def keep(lines: list[str] | None) -> None:
            if (
                lines is not None
                and tuple(lines) != self.session.units[index].notes
                and not self.refused_read_only()
            ):
                self.session.set_notes(index, lines)
                self.units_changed([index])
                self.refresh_panels()
                self.notify("Note kept (saved with the file on Ctrl+S).", timeout=3)
            self.set_focus(self.editor)

        unit = self.session.units[index]
        where = unit.id or f"{index + 1} of {len(self.session.units)}"
        self.app.push_screen(CommentsScreen(unit, where), keep)

    def action_replace(self) -> None:
        """Find and replace in the targets, all or the listed ones; one undoable change."""
        self.sync_editor()
        selected = self.editor.selected_text
        find = selected if "\n" not in selected else ""

        def done(result: ReplaceAll | None) -> None:
            self.set_focus(self.editor)
            if result is None:
                return
            search = result.search
            label = f"replace {search.find!r} → {search.replace!r}"
            change = self.session.replace_targets(label, result.texts)
            indices = change.indices
            if self.current in indices:
                self._load_editor()
                self.refresh_panels()
            self.units_changed(indices)
            self.notify(
                f"Replaced in {len(indices)} segment(s). Ctrl+Z undoes it.", title="Replace"
            )

        screen = ReplaceScreen(
            self.session.units, self.segments.view, filtered=self._filter is not None, find=find
        )
        self.app.push_screen(screen, done)

    def action_add_term(self) -> None:
        """Add a term (the source and target text selected, or typed) to a project glossary;
        highlighting and QA use it as soon as it is written."""
        self.sync_editor()
        unit = self.session.units[self.current]
        selected = self.get_selected_text() or ""
        source = selected.strip() if selected.strip() in unit.source else ""
        target = self.editor.selected_text.strip()

        def add(new: NewTerm) -> None:
            glossaries.add_term(new.path, new.term)

        def added(new: NewTerm | None) -> None:
            self.set_focus(self.editor)
            if new is not None:
                self.notify(
                    f"Added {new.term.source} → {new.term.target} ({new.term.status.value}) "
                    f"to {new.path.name}.",
                    title="Glossary",
                )
                paths = self.session.glossary_paths
                self.reload_glossaries([*paths, new.path] if new.path not in paths else paths)

        screen = AddTermScreen(unit.source, source, target, self.default_glossary(), add)
        self.app.push_screen(screen, added)

    def action_spelling(self) -> None:
        """The misspelt word at the cursor (else the nearest before it): replace it with one
        of the dictionary's suggestions, or add it to the project's word list."""
        self.sync_editor()
        index, editor = self.current, self.editor
        unit = self.session.units[index]
        offset = editor.offset_of(editor.cursor_location)
        word = self.session.misspelling_near(index, offset) if editor.text == unit.target else None
        if word is None:
            self.notify("No misspelt word in this segment.", timeout=3)
            return
        self.spelling_suggestions(index, word)

    @work(thread=True, exclusive=True, group="spelling")
    def spelling_suggestions(self, index: int, word: Misspelling) -> None:
        """Ask the dictionary for suggestions off the UI thread (slow the first time)."""
        found = self.session.spelling_suggestions(word.word)
        self.app.call_from_thread(self._ask_spelling, index, word, found)

    def _ask_spelling(self, index: int, word: Misspelling, suggestions: tuple[str, ...]) -> None:
        if index != self.current:
            return
        screen = SpellingScreen(word.word, suggestions)

        def chosen(answer: str | None) -> None:
            self.set_focus(self.editor)
            if answer == "add":
                self._add_word(word.word)
            elif answer and answer.isdigit():
                self._replace_word(word, screen.suggestions[int(answer) - 1])

        self.app.push_screen(screen, chosen)

    def _replace_word(self, word: Misspelling, text: str) -> None:
        editor = self.editor
        if editor.text[word.start : word.end] != word.word:
            self.notify(f"“{word.word}” is no longer there.", severity="warning", timeout=3)
            return
        editor.replace(text, editor.location_of(word.start), editor.location_of(word.end))

    def _add_word(self, word: str) -> None:
        try:
            path = self.session.add_word(word)
        except UserError as exc:
            self.notify(str(exc), severity="error", title="Word list")
            return
        self.notify(f"Added “{word}” to {path}.", title="Word list")
        self.refresh_panels()

    def default_glossary(self) -> Path:
        """Where a new term goes: the first .tsv/.csv glossary in use, else one beside the PO."""
        for path in self.session.glossary_paths:
            if path.suffix.lower() in {".tsv", ".csv"}:
                return path
        return self.session.path.parent / "glossary.de-en.tsv"

    @work(thread=True, exclusive=True, group="glossary")
    def reload_glossaries(self, paths: list[Path]) -> None:
        """Read the glossaries again in a worker, then redraw terms, highlights and QA."""
        support = self.session.use_glossaries(paths)
        self.app.call_from_thread(self._glossaries_reloaded, support.problems)

    def _glossaries_reloaded(self, problems: list[str]) -> None:
        for problem in problems:
            self.notify(problem, severity="warning", timeout=10)
        self.refresh_panels(full=True)
        self.segments.refresh()

    def action_revert(self) -> None:
        self.sync_editor()
        index = self.current
        if index not in self.session.dirty:
            self.notify("Nothing to revert: the segment is as saved.", timeout=3)
            return
        self.session.revert(index)
        self._load_editor()
        self.units_changed([index])
        self.refresh_panels()
        self.notify("Reverted to the saved text. Ctrl+Z brings your edit back.", timeout=5)

    def action_undo(self) -> None:
        editor = self.editor
        if editor.can_undo_typing:
            editor.undo()
            self.sync_editor()
            return
        self._show_undo(self.session.undo(), "Undone", "Nothing to undo.")

    def action_redo(self) -> None:
        editor = self.editor
        if editor.can_redo_typing:
            editor.redo()
            self.sync_editor()
            return
        self._show_undo(self.session.redo(), "Redone", "Nothing to redo.")

    def _show_undo(self, result: UndoResult | None, done: str, nothing: str) -> None:
        if result is None:
            self.notify(nothing, timeout=3)
            return
        applied = result.applied
        if applied and self.current not in applied:
            self.go_to(applied[0])
        if self.current in applied:
            self._load_editor()
            self.refresh_panels(full=True)
        self.units_changed(applied)
        where = f"segment {applied[0] + 1}" if len(applied) == 1 else f"{len(applied)} segments"
        note = f"{done}: {result.change.label} ({where})." if applied else ""
        if result.skipped:
            note += f" {len(result.skipped)} segment(s) changed since and were left as they are."
        self.notify(note.strip(), timeout=4)

    def action_focus_list(self) -> None:
        self.set_focus(self.segments)

    # --- MT drafting -----------------------------------------------------------------

    @property
    def drafter(self) -> MtDrafter:
        return self.query_one("#mt", MtDrafter)

    def action_draft_segment(self) -> None:
        self.sync_editor()
        self._draft([self.current])

    def action_draft_all(self) -> None:
        self.sync_editor()
        units = self.session.units
        todo = [i for i, u in enumerate(units) if u.state == ReviewState.UNTRANSLATED]
        if not todo:
            self.notify("No untranslated segment to draft.")
            return
        self._draft(todo)

    def _draft(self, indices: list[int]) -> None:
        if not self.drafter.start(indices):
            self.notify("MT is already running (F6 stops it).", severity="warning")

    def action_cancel_draft(self) -> None:
        if self.drafter.cancel():
            self.notify("Stopping MT after the current batch…")
        else:
            self.notify("No MT drafting is running.", timeout=3)

    # --- filter ----------------------------------------------------------------------

    def action_filter(self) -> None:
        self.sync_editor()

        def apply(text: str | None) -> None:
            if text is not None:
                self.apply_filter(text)
            self.set_focus(self.editor)

        self.app.push_screen(FilterScreen(self.filter_text), apply)

    def action_clear_filter(self) -> None:
        self.apply_filter("")

    def apply_filter(self, text: str) -> None:
        """Show only the segments that pass ``text`` (see :func:`parse_filter`).

        A QA filter checks every segment, which takes a while on a big file: it runs in a
        worker and the list changes when it is done.
        """
        self.sync_editor()
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

    def _show_filter(self, flt: SegmentFilter, text: str, indices: Sequence[int]) -> None:
        if not indices:
            self.notify(f"No segment matches {flt.describe()}.", severity="warning")
            return
        self._filter = None if flt.empty else flt
        self._passing = set(indices) if self._filter is not None else set()
        self.segments.set_view(indices, keep=self.current)
        self.filter_text = text.strip()
        current = self.segments.current
        if current is not None and current != self.current:
            self.show_segment(current)
        self.refresh_status()

    def watch_filter_text(self) -> None:
        if self.is_mounted:
            self.refresh_status()

    # --- saving ----------------------------------------------------------------------

    def action_save(self) -> None:
        self.sync_editor()
        app = self.app
        if isinstance(app, EditingApp):
            app.save()
