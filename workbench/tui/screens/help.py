"""The key map, shown with F1 (the same bindings the footer and the command palette offer),
and the session's recent messages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from workbench.tui.styles import ComponentStyles


class HelpScreen(ComponentStyles, ModalScreen[None]):
    """A table of keys and what they do; any of Escape, F1 or q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss(None)", "Close"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"help--key"}

    def __init__(self, keymap: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        table = Table(title="workbench keys", expand=True, show_edge=False)
        table.add_column("key", style=self.style("help--key"), no_wrap=True)
        table.add_column("action")
        for key, description in self.keymap:
            table.add_row(key, description)
        with VerticalScroll(classes="dialog help"):
            yield Static(table)
            yield Static(
                "Esc closes. Ctrl+P opens the command palette with every action.",
                classes="dialog-body",
            )


class MessagesScreen(ModalScreen[None]):
    """The messages of this session, newest first: a toast that vanished can be read here."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close"),
    ]

    def __init__(self, messages: Sequence[tuple[str, str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.messages = messages

    def compose(self) -> ComposeResult:
        table = Table(title="Recent messages", expand=True, show_edge=False)
        table.add_column("", no_wrap=True)
        table.add_column("message")
        for severity, title, message in reversed(self.messages):
            mark = {"error": "✗", "warning": "!"}.get(severity, "·")
            table.add_row(mark, Text(f"{title}: {message}" if title else message))
        with VerticalScroll(classes="dialog help"):
            yield Static(table if self.messages else Text("No messages yet."))
            yield Static(Text("Esc closes."), classes="dialog-body")
