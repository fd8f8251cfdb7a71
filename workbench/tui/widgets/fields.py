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
from textual.widgets import Checkbox, Input

from workbench.tui.keys import binding_keys, run_own_key


class TextInput(Input):
    """An :class:`Input` whose Ctrl+A selects all of it, as in the editor; its keys run in
    its own queue, in typing order (as bindings, Ctrl+A or Backspace ran after the letters
    typed behind them)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+a", "select_all", "Select all", show=False),
        Binding("home", "home", "Go to start", show=False),
    ]
    KEYS: ClassVar[dict[str, str]] = binding_keys(Input.BINDINGS, BINDINGS)

    async def on_key(self, event: events.Key) -> None:
        await run_own_key(self, self.KEYS, event)


class OptionBox(Checkbox):
    """A checkbox showing ``▐X▌`` when on and an empty ``▐ ▌`` when off."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual reads this name
        return "X" if self.value else " "
