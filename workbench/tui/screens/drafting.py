"""MT drafting from the editing screen: F5 one segment, Shift+F5 all untranslated, F6 stops.

Drafting runs in a worker thread and puts each draft in on the UI thread as it finishes;
a draft never overwrites what a person typed or confirmed meanwhile. The MT engine takes
seconds to import, so it is imported here, lazily, only when a draft is asked for. Kept
apart from :mod:`workbench.tui.screens.main` so the editing screen reads as editing.
"""

from __future__ import annotations

from threading import Event
from typing import Any

from textual import work
from textual.screen import Screen
from textual.widgets import ProgressBar

from workbench.domain.states import ReviewState
from workbench.domain.units import MtOrigin
from workbench.errors import UserError
from workbench.services.session import EditSession
from workbench.tui.widgets.segment_list import SegmentList


class DraftingScreen(Screen[None]):
    """A screen over an :class:`EditSession` that MT-drafts its segments.

    It needs a ``ProgressBar`` with id ``mt-progress``; the editing screen composes one and
    supplies the hooks below.
    """

    session: EditSession
    #: The index of the segment in the editor.
    current: int

    def __init__(self) -> None:
        super().__init__()
        self.draft_cancel: Event | None = None
        self._draft_from: dict[int, str] = {}

    # --- hooks the editing screen supplies --------------------------------------------

    @property
    def segments(self) -> SegmentList:
        raise NotImplementedError

    def show_segment(self, index: int) -> None:
        raise NotImplementedError

    def refresh_status(self) -> None:
        raise NotImplementedError

    # --- drafting ---------------------------------------------------------------------

    def action_draft_segment(self) -> None:
        self._draft([self.current])

    def action_draft_all(self) -> None:
        todo = [i for i, u in enumerate(self.session.units) if u.state == ReviewState.UNTRANSLATED]
        if not todo:
            self.notify("No untranslated segment to draft.")
            return
        self._draft(todo)

    def action_cancel_draft(self) -> None:
        if self.draft_cancel is not None:
            self.draft_cancel.set()
            self.notify("Stopping MT after the current batch…")

    def _draft(self, indices: list[int]) -> None:
        if self.draft_cancel is not None:
            self.notify("MT is already running (F6 stops it).", severity="warning")
            return
        self.draft_cancel = Event()
        self._draft_from = {i: self.session.units[i].target for i in indices}
        bar = self.query_one("#mt-progress", ProgressBar)
        bar.update(total=len(indices), progress=0)
        bar.display = True
        self.run_draft(indices, self.draft_cancel)

    @work(thread=True, exclusive=True, group="mt")
    def run_draft(self, indices: list[int], cancel: Event) -> None:
        """Draft in a worker thread; each finished draft is put in on the UI thread."""
        app = self.app
        try:
            from workbench.services import drafting
        except ImportError as exc:
            app.call_from_thread(self._draft_failed, f"MT drafting is not available ({exc.name}).")
            return
        session = self.session
        support = session.load_support()
        sources = [session.units[i].source for i in indices]
        try:
            drafter = drafting.configured_drafter(support.glossary)

            def done(k: int, draft: Any) -> None:
                app.call_from_thread(
                    self._draft_done, indices[k], draft.target, drafter.origin(draft)
                )

            def progress(state: Any) -> None:
                app.call_from_thread(self._draft_progress, state.done, state.total)

            drafter.draft_texts(sources, on_done=done, progress=progress, cancel=cancel)
        except UserError as exc:
            app.call_from_thread(self._draft_failed, str(exc))
            return
        app.call_from_thread(self._draft_finished, cancel.is_set())

    def _draft_done(self, index: int, target: str, origin: MtOrigin) -> None:
        session = self.session
        if session.units[index].target != self._draft_from.get(index):
            return  # typed or confirmed by hand meanwhile: never overwrite a person's work
        session.apply_draft(index, target, origin)
        self.segments.refresh_index(index)
        if index == self.current:
            self.show_segment(index)
        self.refresh_status()

    def _draft_progress(self, done: int, total: int) -> None:
        self.query_one("#mt-progress", ProgressBar).update(total=total, progress=done)

    def _draft_finished(self, cancelled: bool) -> None:
        self.draft_cancel = None
        self.query_one("#mt-progress", ProgressBar).display = False
        self.notify("MT stopped; finished drafts were kept." if cancelled else "MT drafts are in.")

    def _draft_failed(self, message: str) -> None:
        self.draft_cancel = None
        self.query_one("#mt-progress", ProgressBar).display = False
        self.notify(message, title="MT drafting", severity="warning", timeout=15)
