"""The dialogs' fields: a one-line text field with the editor's Ctrl+A, and a checkbox
whose state reads without colour.

Textual's :class:`~textual.widgets.Input` takes Ctrl+A to the line start (Emacs); in the
target editor Ctrl+A selects the whole text, so typing replaces it. A translator's hands do
not switch conventions between the editor and a dialog: here Ctrl+A selects all too (Home
still goes to the start).

Textual's :class:`~textual.widgets.Checkbox` draws ``▐X▌`` on and off alike and tells them
apart only by colour, which a monochrome terminal, a screenshot in grey or a colour-blind
translator does not see: :class:`OptionBox` draws the X only when it is on.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Checkbox, Input

from workbench.tui.keys import binding_keys, run_own_key


class TextInput(Input):
    """An :class:`Input` whose Ctrl+A selects all of it, as in the editor; its keys run in
    its own queue, in typing order (as bindings, Ctrl+A or Backspace ran after the letters
    typed behind them).

    Keys typed behind Enter in one burst reach the field before its dialog has answered
    the Enter (the app hands every key to the focused widget of the screen on top, and the
    dialog closes only once the field's Submitted has come up to it): they wait here until
    the dialog has answered, then go back through the app, in the order typed, to wherever
    the focus is now: the editor if the dialog closed (they were typed into the closing
    field and lost), the dialog if it stayed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+a", "select_all", "Select all", show=False),
        Binding("home", "home", "Go to start", show=False),
    ]
    KEYS: ClassVar[dict[str, str]] = binding_keys(Input.BINDINGS, BINDINGS)
    #: Keys typed behind Enter, kept until the dialog has answered it (``None``: none kept).
    _held: list[events.Key] | None = None
    #: The dialog when Enter was pressed: once it is no longer on top, keys go on through.
    _dialog: Screen[object] | None = None

    async def on_key(self, event: events.Key) -> None:
        if self._held is not None or (
            self._dialog is not None and self._dialog is not self.app.screen
        ):
            event.stop()
            event.prevent_default()
            key = events.Key(event.key, event.character)
            if self._held is not None:
                self._held.append(key)
            else:
                self.app.post_message(key)
            return
        await run_own_key(self, self.KEYS, event)

    async def action_submit(self) -> None:
        """Enter: Submitted goes straight to the dialog, and after it (in the dialog's
        queue, so once the dialog has answered) the keys typed behind Enter go on."""
        self._held = []
        self._dialog = dialog = self.screen
        result = self.validate(self.value) if "submitted" in self.validate_on else None
        dialog.post_message(self.Submitted(self, self.value, result))
        dialog.call_later(self._hand_on)

    def _hand_on(self) -> None:
        held, self._held = self._held or [], None
        for key in held:
            self.app.post_message(key)


class OptionBox(Checkbox):
    """A checkbox showing ``▐X▌`` when on and an empty ``▐ ▌`` when off."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual reads this name
        return "X" if self.value else " "
