"""Filter and search the segment list: by state, by text, by QA finding."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from workbench.tui.screens.dialogs import TextEntry
from workbench.tui.styles import ComponentStyles
from workbench.tui.widgets.fields import TextInput

#: The help under the field; the words between backquotes are what one types (styled by
#: the ``filter--word`` component class).
HELP = (
    "Words search source and target. `draft`, `untranslated`, `translated`, `reviewed` or "
    "`todo` filter by state (or state:draft,untranslated); `qa` shows segments with QA "
    "findings, `qa:CHECK` one check. Empty shows all."
)


class FilterScreen(ComponentStyles, TextEntry[str | None]):
    """Ask for a filter; dismissed with the text typed, or ``None`` on Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"filter--word"}

    def __init__(self, current: str) -> None:
        super().__init__(classes="dialog-screen")
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Filter / search", classes="dialog-title")
            yield TextInput(
                self.current, placeholder="words to find, or todo, qa, reviewed…", id="filter-input"
            )
            word = self.style("filter--word")
            parts = HELP.split("`")
            help_text = Text.assemble(*((p, word) if n % 2 else p for n, p in enumerate(parts)))
            yield Static(help_text, classes="dialog-body")

    def entry_field(self) -> Input:
        return self.query_one("#filter-input", Input)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)
