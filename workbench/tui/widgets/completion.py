"""Interactive completion behind the editor: the MT model continues what the translator types.

:class:`MtCompleter` has nothing to show itself (the editor shows the completion as ghost
text at the cursor, and its title the keys and the alternatives); it runs the model in a
worker thread, one request per keystroke that the shown completion does not already cover,
a newer request cancelling an older one (which stops the decoder), and tells its screen with
:class:`~workbench.tui.messages.CompletionReady` as the completion grows, a word at a time.
The model (an installed Argos package) is loaded on the first request; without one,
completion stays off and :attr:`MtCompleter.unavailable` says why.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from textual import work
from textual.widget import Widget
from textual.worker import get_current_worker

from workbench.domain.completion import Completion
from workbench.errors import UserError
from workbench.services.session import EditSession
from workbench.tui.messages import CompletionReady

if TYPE_CHECKING:
    from workbench.services.completion import Completer

#: Keys typed this close together ask the model once, for the last of them.
DEBOUNCE_S = 0.04


class MtCompleter(Widget):
    """Asks the MT model for the rest of the segment in a worker; posts what it gets."""

    def __init__(self, session: EditSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.unavailable = ""
        self._completer: Completer | None = None
        self._lock = threading.Lock()

    def request(self, index: int, typed: str) -> None:
        """Complete ``typed``, the target of unit ``index`` (an older request is cancelled)."""
        if self.unavailable or not self.session.units:
            return
        self._ask(index, self.session.units[index].source, typed)

    @work(thread=True, exclusive=True, group="complete")
    def _ask(self, index: int, source: str, typed: str) -> None:
        worker = get_current_worker()
        time.sleep(DEBOUNCE_S)
        if worker.is_cancelled:
            return
        completer = self._get_completer()
        if completer is None:
            return

        def update(completion: Completion) -> None:
            if not worker.is_cancelled:
                self.post_message(CompletionReady(index, completion))

        result = completer.complete(
            source, typed, on_update=update, cancelled=lambda: worker.is_cancelled
        )
        if result is not None and not worker.is_cancelled:
            self.post_message(CompletionReady(index, result, final=True))

    def _get_completer(self) -> Completer | None:
        """The completer, made on first use (it loads the model); ``None`` if there is none."""
        with self._lock:
            if self._completer is None and not self.unavailable:
                try:
                    from workbench.services.completion import Completer

                    support = self.session.load_support()
                    self._completer = Completer(glossary=support.glossary)
                except (UserError, ImportError) as exc:
                    self.unavailable = f"completion is off: {exc}".splitlines()[0]
            return self._completer
