"""Questions the app must ask before it acts: quit with unsaved edits, recover, resolve a conflict.

Each is a modal screen with one button per answer; the first letter of each answer (shown
underlined in the hint) picks it from the keyboard, Escape cancels. The screen is dismissed
with the answer's key, a plain string the app acts on.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ChoiceScreen(ModalScreen[str]):
    """A question with a few answers, each a button and a key."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss('cancel')", "Cancel")]

    title_text = ""
    choices: ClassVar[list[tuple[str, str, str]]] = []  # (answer, key, label)

    def __init__(self, body: str) -> None:
        super().__init__(classes="dialog-screen")
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.body, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                for n, (answer, key, label) in enumerate(self.choices):
                    yield Button(
                        f"{label} [{key}]",
                        id=f"choice-{answer}",
                        variant="primary" if n == 0 else "default",
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "choice-cancel").removeprefix("choice-"))

    def on_key(self, event: events.Key) -> None:
        for answer, key, _ in self.choices:
            if event.character is not None and event.character.lower() == key:
                event.stop()
                self.dismiss(answer)
                return


class ConfirmQuitScreen(ChoiceScreen):
    """Quitting with unsaved edits: save first, throw them away, or stay."""

    title_text = "Unsaved edits"
    choices: ClassVar[list[tuple[str, str, str]]] = [
        ("save", "s", "Save and quit"),
        ("discard", "d", "Quit without saving"),
        ("cancel", "c", "Cancel"),
    ]


class RecoveryScreen(ChoiceScreen):
    """A journal of unsaved edits was found: put them back, or throw them away."""

    title_text = "Recover unsaved edits?"
    choices: ClassVar[list[tuple[str, str, str]]] = [
        ("recover", "r", "Recover them"),
        ("discard", "d", "Discard them"),
    ]


class ConflictScreen(ChoiceScreen):
    """The PO file changed on disk since it was opened: how to save without clobbering it."""

    title_text = "The file changed on disk"
    choices: ClassVar[list[tuple[str, str, str]]] = [
        ("merge", "m", "Merge my edits into it and save"),
        ("reload", "r", "Reload it, drop my edits"),
        ("overwrite", "o", "Overwrite it"),
        ("cancel", "c", "Cancel"),
    ]
