"""MT drafting from the editor: F5 one segment, Shift+F5 all untranslated, F6 stops.

:class:`MtDrafter` is the progress bar and the worker thread behind it. It drafts and tells
its screen about each finished draft with a :class:`~workbench.tui.messages.DraftReady`
message and about the end with :class:`~workbench.tui.messages.DraftingEnded`; the screen
decides whether a draft goes in (never over what a person typed meanwhile). The MT engine
takes seconds to import, so it is imported here, lazily, only when a draft is asked for.
"""

from __future__ import annotations

from threading import Event
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import ProgressBar

from workbench.errors import UserError
from workbench.services.session import EditSession
from workbench.tui.messages import DraftingEnded, DraftReady


class MtDrafter(Widget):
    """A progress bar, shown while MT drafts a list of segments in a worker thread (the
    stylesheet shows it while it has the ``-running`` class)."""

    def __init__(self, session: EditSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self._cancel: Event | None = None
        self._runs = 0  # Shift+F5 runs so far: each run's drafts are one undo step

    def compose(self) -> ComposeResult:
        yield ProgressBar(show_eta=False)

    @property
    def running(self) -> bool:
        return self._cancel is not None

    def start(self, indices: list[int]) -> bool:
        """Draft units ``indices``; ``False`` if a run is already going on."""
        if self._cancel is not None:
            return False
        self._cancel = Event()
        started_from = {i: self.session.units[i].target for i in indices}
        self.query_one(ProgressBar).update(total=len(indices), progress=0)
        self.add_class("-running")
        batch = 0
        if len(indices) > 1:
            self._runs += 1
            batch = self._runs
        self._run(indices, started_from, self._cancel, batch)
        return True

    def cancel(self) -> bool:
        """Ask the run to stop after the current batch; ``False`` if none is running."""
        if self._cancel is None:
            return False
        self._cancel.set()
        return True

    def on_drafting_ended(self, event: DraftingEnded) -> None:
        self._cancel = None
        self.remove_class("-running")

    @work(thread=True, exclusive=True, group="mt")
    def _run(
        self, indices: list[int], started_from: dict[int, str], cancel: Event, batch: int
    ) -> None:
        """Draft in a worker thread; every finished draft is posted to the screen."""
        try:
            from workbench.services import drafting
        except ImportError as exc:
            self._end(problem=f"MT drafting is not available ({exc.name}).")
            return
        session = self.session
        support = session.load_support()
        units = [session.units[i] for i in indices]
        try:
            # the engine workbench.toml names; without one, a UserError says how to get one
            # (a model to install, online or from a downloaded file; a server URL)
            drafter = drafting.configured_drafter(support.glossary)

            def done(k: int, drafts: Any) -> None:
                index = indices[k]
                unit = drafter.drafted(units[k], drafts)  # every form of a plural entry
                assert unit.origin is not None
                ready = DraftReady(
                    index, unit.target, unit.origin, started_from[index], unit.forms, batch
                )
                self.post_message(ready)

            def progress(state: Any) -> None:
                bar = self.query_one(ProgressBar)
                self.app.call_from_thread(bar.update, total=state.total, progress=state.done)

            drafter.draft_forms(units, on_done=done, progress=progress, cancel=cancel)
        except UserError as exc:
            self._end(problem=str(exc))
            return
        self._end(cancelled=cancel.is_set())

    def _end(self, cancelled: bool = False, problem: str = "") -> None:
        message = DraftingEnded(cancelled, problem)
        self.post_message(message)
