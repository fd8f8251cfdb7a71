"""Questions the app must ask before it acts: quit with unsaved edits, recover, resolve a conflict.

Each is a modal screen with one button per answer, stacked so that no label is cut off at
80 columns; each answer's key is shown beside it (as plain text: a label is never read as
markup, so "[s]" stays on screen) and picks it from the keyboard; Escape cancels. The
screen is dismissed with the answer's key, a plain string the app acts on.

A dialog's keys are priority bindings (:func:`answer_bindings`): the app runs them as each
key arrives, in its own queue, so the dialog is gone before the app routes the next key.
Handled by the focused button instead (its own queue, then the screen's), the answer came
late under load, and the keys typed right after it were handed to the closing dialog and
lost: a Ctrl+Q or Ctrl+S after "v", "o" or "t" did nothing. Once dismissed, a dialog is
no longer the app's screen, so its keys answer nothing more.

A dialog that comes up unasked (recovery on open) may meet a translator who is typing: an
answer that loses work (discarding the recovered edits, reloading over one's own) asks once
more, with "No" focused, so a word typed into the dialog never throws work away.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


def answer_bindings(keys: dict[str, str], action: str = "answer") -> list[BindingType]:
    """Priority bindings answering a dialog: ``{key: value}`` runs ``action(value)`` (a
    letter in either case), plus Enter for the focused button and Up/Down between the
    buttons, all run by the app in typing order (see the module's docstring)."""
    bindings: list[BindingType] = [
        Binding("enter", "press_focused", show=False, priority=True),
        Binding("up", "app.focus_previous", show=False, priority=True),
        Binding("down", "app.focus_next", show=False, priority=True),
    ]
    for key, answer in keys.items():
        names = f"{key},{key.upper()}" if len(key) == 1 and key.isalpha() else key
        bindings.append(Binding(names, f"{action}({answer!r})", show=False, priority=True))
    return bindings


def key_label(label: str, key: str) -> Content:
    """A button label with its key, as plain text (``Save and quit  [s]``)."""
    return Content.assemble(label, "  ", (f"[{key}]", "bold"))


class ChoiceScreen(ModalScreen[str]):
    """A question with a few answers, each a button and a key."""

    BINDINGS: ClassVar[list[BindingType]] = answer_bindings({"escape": "cancel"})

    title_text = ""
    choices: ClassVar[list[tuple[str, str, str]]] = []  # (answer, key, label)
    #: Answers that lose work, and the question that confirms each.
    confirm: ClassVar[dict[str, str]] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        # each answer's key, bound before Textual merges the class's bindings; a dialog
        # whose answers depend on what it asks (answers()) may answer any digit or letter
        keys = [key for _, key, _ in cls.choices] or [*"123456789", *"abcdefghijklmnopqrstuvwxyz"]
        cls.BINDINGS = answer_bindings({key: key for key in keys}, action="key")
        super().__init_subclass__(**kwargs)  # type: ignore[arg-type]

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
        self.set_focus(self.query(Button).first())

    def action_key(self, key: str) -> None:
        """The answer whose key this is, if any."""
        for answer, answer_key, _ in self.answers():
            if answer_key == key:
                self.action_answer(answer)
                return

    def action_answer(self, answer: str) -> None:
        """Answer (asking once more first if the answer loses work)."""
        question = self.confirm.get(answer)
        if question is None:
            self.dismiss(answer)
            return

        def confirmed(sure: str | None) -> None:
            if sure == "yes" and self.is_current:
                self.dismiss(answer)

        self.app.push_screen(SureScreen(question), confirmed)

    def action_press_focused(self) -> None:
        """Enter: the focused button's answer."""
        focused = self.focused
        if isinstance(focused, Button):
            self.action_answer((focused.id or "choice-cancel").removeprefix("choice-"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_answer((event.button.id or "choice-cancel").removeprefix("choice-"))


class SureScreen(ChoiceScreen):
    """An answer that loses work, asked once more; "No" is focused (Enter keeps the work)."""

    title_text = "Are you sure?"
    choices: ClassVar[list[tuple[str, str, str]]] = [
        ("no", "n", "No, go back"),
        ("yes", "y", "Yes"),
    ]


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
    confirm: ClassVar[dict[str, str]] = {
        "discard": "Discard the unsaved edits for good? They cannot be brought back."
    }


class ConflictScreen(ChoiceScreen):
    """The PO file changed on disk since it was opened: how to save without clobbering it."""

    title_text = "The file changed on disk"
    choices: ClassVar[list[tuple[str, str, str]]] = [
        ("merge", "m", "Merge my edits into it and save"),
        ("reload", "r", "Reload it, drop my edits"),
        ("overwrite", "o", "Overwrite it with my version"),
        ("cancel", "c", "Cancel (decide later; nothing is lost)"),
    ]
    confirm: ClassVar[dict[str, str]] = {
        "reload": "Reload the file and drop your unsaved edits for good?"
    }
