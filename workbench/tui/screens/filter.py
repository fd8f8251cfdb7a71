"""Filter and search the segment list: by state, by text, by QA finding."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from workbench.tui.widgets.fields import TextInput

HELP = (
    "Words search source and target. [b]draft[/], [b]untranslated[/], [b]translated[/], "
    "[b]reviewed[/] or [b]todo[/] filter by state (or state:draft,untranslated); "
    "[b]qa[/] shows segments with QA findings, [b]qa:CHECK[/] one check. Empty shows all."
)


class FilterScreen(ModalScreen[str | None]):
    """Ask for a filter; dismissed with the text typed, or ``None`` on Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, current: str) -> None:
        super().__init__(classes="dialog-screen")
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Filter / search", classes="dialog-title")
            yield TextInput(
                self.current, placeholder="words to find, or todo, qa, reviewed…", id="filter-input"
            )
            yield Static(HELP, classes="dialog-body")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)
