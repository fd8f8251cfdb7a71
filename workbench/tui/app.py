"""The translator's workbench app: review drafts side by side, with glossary and QA live.

:func:`make_app` builds the app for a PO file (or for the project's file picker); the CLI
(``workbench open``) and the tests share it. The editing logic lives in
:class:`workbench.services.session.EditSession` and the editing screen in
:mod:`workbench.tui.screens.main`; this module owns what spans the whole app: opening a
file, reading the rest of it and the glossary and QA checks in the background, saving,
conflicts with outside changes, recovery and quitting. Slow work runs in thread workers,
so the UI never freezes.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from workbench.domain.progress import Progress
from workbench.domain.states import ReviewState
from workbench.errors import UserError
from workbench.services.project import project_reference
from workbench.services.session import ChangedOnDiskError, EditSession
from workbench.services.session_memory import attach_project_memory
from workbench.tui.commands import APP_ACTIONS, COMMANDS, EDITING_ACTIONS, keymap
from workbench.tui.keys import deliver_alt_digits, key_order
from workbench.tui.printable import PRINTABLE_ONLY
from workbench.tui.screens.dialogs import (
    ConfirmQuitScreen,
    ConflictScreen,
    RecoveryScreen,
    type_ahead,
)
from workbench.tui.screens.file_picker import FilePickerScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.locking import OpenElsewhereScreen
from workbench.tui.screens.main import MainScreen

log = logging.getLogger(__name__)

#: Re-exported: the tests and the CLI import these from here.
__all__ = ["COMMANDS", "HEAD", "MainScreen", "WorkbenchApp", "make_app"]

#: Units read before the first screen; a bigger file's rest is read right after it is drawn.
HEAD = 1000
#: How many messages the app keeps for the "recent messages" view.
MESSAGE_LOG = 200
#: What happens to unsaved edits whose segment is gone from the file (merge, recovery).
GONE = (
    "segment edit(s) are gone from the file: their translations are written as obsolete "
    "entries (#~) when you save."
)
#: How many of a file's warnings (unreadable wb: comments, charset) are shown on open.
WARNINGS_SHOWN = 3


class Notice(NamedTuple):
    """A message the app showed (a toast), kept so it can be read again after it vanished."""

    message: str
    title: str
    severity: SeverityLevel
    #: When it was shown (``time.monotonic()``) and for how many seconds.
    shown_at: float = 0.0
    timeout: float = 0.0

    def left(self, now: float) -> float:
        """Seconds it has still to be shown at ``now``."""
        return self.shown_at + self.timeout - now


@dataclass(slots=True)
class AfterSave:
    """What was asked while a save was running, done when it ends (one save at a time).

    Ctrl+S, an edit, Ctrl+S again: the second save runs after the first (it was dropped,
    the edit left unsaved). Ctrl+S, Ctrl+Q typed in a row: the quit waits for the save (it
    asked "quit without saving?" about the edits being saved, and its "save" did nothing).
    """

    save: bool = False
    force: bool = False
    then_quit: bool = False
    quit: bool = False


def guarded(what: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Wrap a dialog's answer handler so no answer can crash the app.

    A file that cannot be read or written (``UserError``, ``OSError``) is said as it is;
    anything else is logged with its traceback and said too. Unsaved edits stay in the
    session and the journal either way.
    """

    def wrap(handler: Callable[..., None]) -> Callable[..., None]:
        @wraps(handler)
        def run(*args: Any) -> None:
            app: WorkbenchApp = args[0]
            try:
                handler(*args)
            except (UserError, OSError) as exc:
                app.notify(f"{what} failed: {exc}", severity="error", timeout=20)
            except Exception as exc:  # the last line of defence of unsaved work
                log.exception("%s failed", what)
                app.notify(
                    f"{what} failed: {type(exc).__name__}: {exc}. Your edits are kept; "
                    "save with Ctrl+S.",
                    severity="error",
                    timeout=30,
                )

        return run

    return wrap


class WorkbenchApp(App[None]):
    """The workbench TUI for one PO file (or a picker over the project's files)."""

    CSS_PATH = "workbench.tcss"
    TITLE = "workbench"
    #: Short terminals (classic 80x24) get compact panels so the editor keeps its room.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012 - App declares it unannotated-ClassVar
    #: Narrow terminals get a narrow segment list; wide ones a wider one.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-normal"), (180, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit"),  # in the editor, after the keys typed before it
        Binding("f1", "help", "Help", show=False),
        # Tab where no widget runs it in its own queue (keys.FOCUS_KEYS: after the keys
        # typed before it; the keys typed behind it follow the focus: keys.KeyOrder)
        Binding("tab", "focus_next", "Next pane", show=False),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False),
    ]

    #: A short note for the status line ("saving…"); the editing screen watches it.
    status_note: reactive[str] = reactive("")

    def __init__(
        self,
        session: EditSession | None = None,
        choices: Sequence[Path] = (),
        glossaries: Sequence[Path] = (),
        reference: Path | None = None,
    ) -> None:
        deliver_alt_digits()
        super().__init__()
        self.session = session
        self.choices = list(choices)
        self.glossaries = list(glossaries)
        self.reference = reference
        self.saving = False
        self.after_save = AfterSave()
        self.first_paint = 0.0  # perf_counter() when the editing screen was first drawn
        #: Every message shown, newest last (toasts vanish; this does not).
        self.messages: deque[Notice] = deque(maxlen=MESSAGE_LOG)
        self._waiting: list[Notice] = []  # toasts taken away while a dialog is open

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a toast (plain text unless ``markup``) and keep it in :attr:`messages`."""
        seconds = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        self.messages.append(Notice(message, title, severity, time.monotonic(), seconds))
        super().notify(message, title=title, severity=severity, timeout=seconds, markup=markup)

    def _screen_changed(self, screen: Screen[Any]) -> None:
        """Toasts wait behind a dialog: a dialog is read whole, and the screen under it is
        not redrawn (its toasts stayed over the dialog until it closed). They are taken
        away when a dialog opens and shown again, for the time they had left, when the
        editing screen is back."""
        if isinstance(screen, ModalScreen):
            if not self._waiting:
                now = time.monotonic()
                self._waiting = [n for n in self.messages if n.left(now) > 0]
                self.clear_notifications()
        elif self._waiting:
            now = time.monotonic()
            for notice in self._waiting:
                if (left := notice.left(now)) > 0:
                    super().notify(
                        notice.message, title=notice.title, severity=notice.severity, timeout=left
                    )
            self._waiting = []

    @property
    def main(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, and the guard that no control character reaches the terminal."""
        return [*super().get_line_filters(), PRINTABLE_ONLY]

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self._screen_changed)
        if self.session is not None:
            self._start(self.session)
        else:
            self.push_screen(FilePickerScreen(_file_progress(self.choices)), self._picked)

    def on_unmount(self) -> None:
        """Close the journal (kept on disk while there are unsaved edits)."""
        if self.session is not None:
            self.session.close()

    def _picked(self, path: Path | None) -> None:
        if path is None:
            self.exit()
            return
        try:
            reference = self.reference or project_reference(path)
            session = EditSession.open(path, self.glossaries, reference, head=HEAD, lock=True)
        except UserError as exc:
            self.notify(str(exc), severity="error")
            self.push_screen(FilePickerScreen(_file_progress(self.choices)), self._picked)
            return
        self.session = session
        self._start(session)

    def _start(self, session: EditSession) -> None:
        self.sub_title = str(session.path)
        try:
            attach_project_memory(session)
        except UserError as exc:
            self.notify(f"No project memory: {exc}", severity="warning", timeout=10)
        self.push_screen(MainScreen(session))
        # The background work and the opening dialogs, after the editing screen's first
        # frame, from one callback queued while the editing screen is the app's screen. A
        # callback queued with a dialog on top runs when *that dialog* is next idle, and is
        # dropped with it: a lock or recovery dialog answered at once (a loaded machine)
        # took the start of the background work with it, and the file was never read in
        # full (status "reading the file…" for good; Ctrl+S waited in vain).
        self.call_after_refresh(self._first_frame, session)

    def _first_frame(self, session: EditSession) -> None:
        """The editing screen is drawn: start the background work, then ask what must be
        asked before editing (open elsewhere, recovery)."""
        self._start_background()
        if session.open_elsewhere:
            self.push_screen(OpenElsewhereScreen(session.read_only_reason()), self._elsewhere)
        elif session.read_only:
            self.notify(
                f"{session.read_only_reason()}. Showing it read-only.",
                title="Read-only view",
                severity="warning",
                timeout=15,
            )
        if session.recovery is not None:
            self.push_screen(RecoveryScreen(session.recovery_summary()), self._recovery_answer)

    def _elsewhere(self, answer: str | None) -> None:
        """The translator's answer to "the file is open in another workbench"."""
        if answer == "quit":
            self.exit()
            return
        if answer == "edit":
            self.action_open_anyway()
        else:
            self.notify("Read-only view: nothing here changes the file.", timeout=5)
        main = self.main
        if main is not None:  # the dialog came up before the editor had taken the focus
            main.set_focus(main.editor)

    def action_open_anyway(self) -> None:
        """Edit a file another workbench has open (this window journals its own edits)."""
        session = self.session
        if session is None or not session.read_only:
            return
        try:
            session.open_anyway()
        except UserError as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        main = self.main
        if main is not None:
            main.editing_allowed()
        self.notify(
            "Editing. The other window may save too: a segment both change is kept with "
            "both texts, side by side.",
            timeout=10,
        )

    def _start_background(self) -> None:
        """After the first screen is drawn: read the full catalogue, then glossary and QA."""
        self.first_paint = time.perf_counter()
        self.load_catalog()
        self.load_support()

    @guarded("Recovery")
    def _recovery_answer(self, answer: str | None) -> None:
        session = self.session
        if session is None:
            return
        if answer == "recover":
            result = session.recover()
            note = f"Recovered {result.applied} segment edit(s)."
            if result.missing:
                note += f" {len(result.missing)} {GONE}"
            if result.kept:
                note += f" {len(result.kept)} journal(s) with a third version were kept."
            self.notify(note + " Save with Ctrl+S to keep them.", timeout=10)
            self._redraw()
            main = self.main
            if result.conflict_at:
                self._show_conflicts(result.conflict_at)
            elif session.dirty and main is not None:
                main.go_to(min(session.dirty))  # the first recovered segment, in the editor
            return
        if answer == "discard":
            session.discard_recovery()
        else:  # Escape: decide later; the journals stay where they are, offered next time
            self.notify(
                "Recovery postponed; nothing was discarded: the earlier edits stay in their "
                "journals and are offered again when the file is next opened.",
                timeout=10,
            )
        self._redraw()

    def _show_conflicts(self, indices: list[int]) -> None:
        """Segments changed differently in two places: show the first one's texts side by side."""
        main = self.main
        if not indices or main is None:
            return
        n = len(indices)
        self.notify(
            f"{n} segment{'s were' if n != 1 else ' was'} changed differently in two places: "
            "both texts are kept. Pick one with Ctrl+O (filter: qa:conflict).",
            title="Conflicts",
            severity="warning",
            timeout=20,
        )
        main.go_to(indices[0])
        main.action_pick_side()

    def _redraw(self) -> None:
        main = self.main
        if main is not None and self.session is not None:
            main.reset_view()

    # --- background loading ----------------------------------------------------------

    @work(thread=True, group="load")
    def load_catalog(self) -> None:
        """Read the full catalogue (needed to save) without blocking the first screen."""
        session = self.session
        if session is None:
            return
        if not session.complete:
            self.call_from_thread(self._extended, session.read_rest())
        try:
            session.load_catalog()
        except UserError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", timeout=30)
            return
        self.call_from_thread(self._catalog_loaded)

    def _extended(self, more: list[Any] | None) -> None:
        session = self.session
        main = self.main
        if session is None:
            return
        start = len(session.units)
        session.extend(more)
        if main is not None:
            main.units_added(start)

    def _catalog_loaded(self) -> None:
        session = self.session
        if session is not None and session.adopt_catalog():
            self._redraw()
        main = self.main
        if main is not None:
            main.refresh_status()
        warnings = session.catalog.warnings if session is not None and session.catalog else []
        for warning in warnings[:WARNINGS_SHOWN]:
            self.notify(warning, title="In the file", severity="warning", timeout=10)
        if len(warnings) > WARNINGS_SHOWN:
            more = len(warnings) - WARNINGS_SHOWN
            self.notify(
                f"{more} more warning(s) about the file: `workbench check` lists them all.",
                severity="warning",
                timeout=10,
            )

    @work(thread=True, group="load")
    def load_support(self) -> None:
        """Load the glossary and QA checks in the background, then show terms and findings."""
        if self.session is None:
            return
        support = self.session.load_support()
        self.call_from_thread(self._support_loaded, support.problems)

    def _support_loaded(self, problems: list[str]) -> None:
        for problem in problems:
            self.notify(problem, severity="warning", timeout=10)
        main = self.main
        if main is not None:
            main.checks_loaded()

    # --- save, conflicts, quit --------------------------------------------------------

    def save(self, force: bool = False, then_quit: bool = False) -> None:
        """Save in a worker thread; a conflict asks what to do; ``then_quit`` exits after."""
        if self.session is None:
            return
        if self.session.read_only:
            self.notify(self.session.read_only_reason(), title="Read-only view", timeout=5)
            return
        if self.saving:  # once more when the running save ends (it may not have this edit)
            asked = self.after_save
            asked.save, asked.force = True, asked.force or force
            asked.then_quit = asked.then_quit or then_quit
            return
        self.saving = True
        self._set_note("saving…")
        self.save_worker(force, then_quit)

    @work(thread=True, exclusive=True, group="save")
    def save_worker(self, force: bool, then_quit: bool) -> None:
        session = self.session
        assert session is not None
        try:
            session.load_catalog()
            if not session.units_complete.wait(timeout=120):
                self.call_from_thread(session.ensure_complete)
            snapshot = self.call_from_thread(session.begin_save)
            path = session.write(force=force)
        except ChangedOnDiskError:
            self.call_from_thread(self._conflict, then_quit)
            return
        except (UserError, OSError) as exc:
            self.call_from_thread(self._save_failed, str(exc))
            return
        self.call_from_thread(self._saved, snapshot, path, then_quit)

    def _saved(self, snapshot: dict[int, Any], path: Path, then_quit: bool) -> None:
        assert self.session is not None
        self.session.end_save(snapshot)
        asked = self._save_ended()
        self.notify(f"Saved {path.name}.", timeout=2)
        main = self.main
        if main is not None:
            main.file_saved()
        if then_quit:
            self.exit()
        else:
            self._run_asked(asked)

    def _save_failed(self, message: str) -> None:
        asked = self._save_ended()
        self.notify(f"Not saved: {message}", severity="error", timeout=20)
        self._run_asked(asked)

    def _save_ended(self) -> AfterSave:
        """The running save ended: what was asked while it ran (taken, to be done now)."""
        self.saving = False
        self._set_note("")
        asked, self.after_save = self.after_save, AfterSave()
        return asked

    def _run_asked(self, asked: AfterSave) -> None:
        """Do what was asked while a save ran: save again, then quit (a quit waits for it)."""
        if asked.save and self.session is not None and self.session.is_dirty:
            self.save(force=asked.force, then_quit=asked.then_quit)
            self.after_save.quit = asked.quit
        elif asked.quit or asked.then_quit:  # nothing left to save: quit runs as typed
            self.call_later(self.action_quit)

    def _conflict(self, then_quit: bool) -> None:
        # the answer saves (or reloads); a quit asked meanwhile follows that save
        asked = self._save_ended()
        then_quit = then_quit or asked.then_quit or asked.quit
        assert self.session is not None
        body = (
            f"{self.session.path} was changed by another program since you opened it. "
            f"You have {len(self.session.dirty)} unsaved segment edit(s). Nothing was overwritten."
        )

        self.push_screen(
            ConflictScreen(body), lambda choice: self._conflict_answer(choice, then_quit)
        )

    @guarded("Resolving the conflict")
    def _conflict_answer(self, choice: str | None, then_quit: bool) -> None:
        session = self.session
        assert session is not None
        if choice == "merge":
            result = session.merge_from_disk()
            note = f"Merged: {result.applied} edit(s) put on the new file."
            if result.missing:
                note += f" {len(result.missing)} {GONE}"
            self.notify(note, timeout=15)
            self._redraw()
            # with conflicts, stay: the translator sees both texts side by side first
            self.save(then_quit=then_quit and not result.conflicts)
            self._show_conflicts(result.conflict_at)
        elif choice == "reload":
            session.reload()
            self.notify("Reloaded from disk; your unsaved edits were dropped.")
            self._redraw()
        elif choice == "overwrite":
            self.save(force=True, then_quit=then_quit)

    def _set_note(self, note: str) -> None:
        self.status_note = note

    async def on_event(self, event: events.Event) -> None:
        """Keys go on in the order typed (:class:`~workbench.tui.keys.KeyOrder`); where a
        dialog is up, as its kind says (:func:`~workbench.tui.screens.dialogs.type_ahead`);
        everything else as Textual routes it."""
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and (key_order(self).take(event) or type_ahead(event, self.screen))
        ):
            return
        await super().on_event(event)

    async def action_quit(self) -> None:
        main = self.main
        if main is not None:
            main.sync_editor()
        if self.saving:  # Ctrl+S, Ctrl+Q typed in a row: quit once the save has ended
            self.after_save.quit = True
            self._set_note("saving…, then quitting")
            return
        session = self.session
        if session is None or not session.is_dirty:
            if session is not None:
                session.close()
            self.exit()
            return

        if not isinstance(self.screen, ConfirmQuitScreen):
            n = len(session.dirty) + len(session.orphans)
            body = f"{n} segment{'s' if n != 1 else ''} changed since the last save."
            self.push_screen(ConfirmQuitScreen(body), self._quit_answer)

    @guarded("Quitting")
    def _quit_answer(self, choice: str | None) -> None:
        session = self.session
        assert session is not None
        if choice == "save":
            self.save(then_quit=True)
        elif choice == "discard":
            session.discard_edits()
            self.exit()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(keymap()))

    # --- command palette -------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main
        if main is None:
            return
        if self.session is not None and self.session.open_elsewhere:
            yield SystemCommand(
                "Open for editing anyway",
                "This file is open in another workbench: edit it here too (own journal)",
                self.action_open_anyway,
            )
        for command in COMMANDS:
            if command.action in APP_ACTIONS:
                continue
            if (
                self.session is not None
                and self.session.read_only
                and command.action in EDITING_ACTIONS
            ):
                continue
            method = getattr(main, f"action_{command.action}")
            yield SystemCommand(f"{command.label}  ({command.first_key})", command.help, method)
        yield SystemCommand("Show key map  (f1)", "Every key and what it does", self.action_help)
        for n, suggestion in enumerate(main.suggestion_list.suggestions):

            def use(n: int = n) -> None:
                assert main is not None
                main.action_use_suggestion(n)

            key = f"alt+{n + 1}" if n < 9 else "click"
            yield SystemCommand(
                f"Use suggestion {n + 1}  ({key})",
                f"{suggestion.kind}: {suggestion.text[:80]}",
                use,
            )
        for state in ReviewState:
            label = state.label

            def show_state(label: str = label) -> None:
                assert main is not None
                main.apply_filter(label)

            yield SystemCommand(f"Show {label} segments", f"Filter the list to {label}", show_state)
        yield SystemCommand(
            "Show segments with QA findings", "Filter: qa", lambda: main.apply_filter("qa")
        )
        yield SystemCommand(
            "Show recent messages", "The messages shown at the bottom, again", self.action_messages
        )

    def action_messages(self) -> None:
        """Show the messages of this session again (toasts vanish after a few seconds)."""
        from workbench.tui.screens.help import MessagesScreen

        if not isinstance(self.screen, MessagesScreen):
            rows = [(n.severity, n.title, n.message) for n in self.messages]
            self.push_screen(MessagesScreen(rows))


def _file_progress(paths: Sequence[Path]) -> list[tuple[Path, Progress | None]]:
    """The picker's rows: each file's progress (``None`` if unreadable), files with work first."""
    from workbench.services.status import quick_progress

    out = quick_progress(paths)
    out.sort(key=lambda pp: pp[1] is None or not pp[1].needing_work)
    return out


def make_app(
    path: Path | None = None,
    glossaries: Sequence[Path] = (),
    reference: Path | None = None,
    choices: Sequence[Path] = (),
    journal: bool = True,
) -> WorkbenchApp:
    """The app for ``path`` (opened now, so a bad file fails before the screen starts), or
    a file picker over ``choices`` when no path is given.
    """
    if path is not None:
        session = EditSession.open(
            Path(path), glossaries, reference, journal=journal, head=HEAD, lock=True
        )
        return WorkbenchApp(session, glossaries=glossaries, reference=reference)
    return WorkbenchApp(None, choices=choices, glossaries=glossaries, reference=reference)
