"""Questions the app must ask before it acts: quit with unsaved edits, recover, resolve a conflict.

Each is a modal screen with one button per answer, stacked so that no label is cut off at
80 columns; each answer's key is shown beside it (as plain text: a label is never read as
markup, so "[s]" stays on screen) and picks it from the keyboard; Escape cancels. The
screen is dismissed with the answer's key, a plain string the app acts on.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


def key_label(label: str, key: str) -> Content:
    """A button label with its key, as plain text (``Save and quit  [s]``)."""
    return Content.assemble(label, "  ", (f"[{key}]", "bold"))


class ChoiceScreen(ModalScreen[str]):
    """A question with a few answers, each a button and a key."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss('cancel')", "Cancel"),
        Binding("up", "app.focus_previous", show=False),
        Binding("down", "app.focus_next", show=False),
    ]

    title_text = ""
    choices: ClassVar[list[tuple[str, str, str]]] = []  # (answer, key, label)

    def __init__(self, body: str) -> None:
        super().__init__(classes="dialog-screen")
        self.body = body

    def answers(self) -> list[tuple[str, str, str]]:
        """The answers offered, (answer, key, label) each: :attr:`choices`, unless a dialog
        whose answers depend on what it asks about says otherwise."""
        return self.choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.body), classes="dialog-body")
            with Vertical(classes="dialog-buttons"):
                for n, (answer, key, label) in enumerate(self.answers()):
                    yield Button(
                        key_label(label, key),
                        id=f"choice-{answer}",
                        variant="primary" if n == 0 else "default",
                        compact=True,
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "choice-cancel").removeprefix("choice-"))

    def on_key(self, event: events.Key) -> None:
        for answer, key, _ in self.answers():
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
        ("overwrite", "o", "Overwrite it with my version"),
        ("cancel", "c", "Cancel (decide later; nothing is lost)"),
    ]
