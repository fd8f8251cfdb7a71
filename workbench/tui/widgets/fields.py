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

from collections.abc import Mapping
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Checkbox, Input, TextArea

from workbench.tui.keys import (
    FOCUS_KEYS,
    binding_keys,
    dropped_character,
    key_order,
    run_own_key,
)
from workbench.tui.screens.dialogs import type_ahead


async def own_key(widget: Widget, keys: Mapping[str, str], event: events.Key) -> str:
    """A key in a text widget's own queue: gone on to where it belongs if typed ahead
    (:func:`type_ahead`), else run if one of ``keys`` (:func:`run_own_key`); returns the
    character to insert that Textual would drop (a non-breaking space…: see
    :func:`dropped_character`), else ""."""
    if type_ahead(event, widget.app.screen, widget) or await run_own_key(widget, keys, event):
        return ""
    typed = dropped_character(event)
    if typed:
        event.stop()
        event.prevent_default()
    return typed


class TextInput(Input):
    """An :class:`Input` whose Ctrl+A selects all of it, as in the editor; its keys run in
    its own queue, in typing order (as bindings, Ctrl+A or Backspace ran after the letters
    typed behind them; Tab moved the focus on only after them: the English term typed
    behind it went into the German field).

    The app hands every key to the focus of the screen on top as the key comes; keys typed
    behind Enter or Tab in one burst are queued here before the key is done. Those behind
    Tab go on (through the app, in the order typed) to the field Tab moved to. Those behind
    Enter wait here until the dialog has answered the Enter, then go on the same way to
    wherever the focus is then: the editor if the dialog closed (they were typed into the
    closing field and lost), the dialog if it stayed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+a", "select_all", "Select all", show=False),
        Binding("home", "home", "Go to start", show=False),
    ]
    KEYS: ClassVar[dict[str, str]] = {**binding_keys(Input.BINDINGS, BINDINGS), **FOCUS_KEYS}
    #: Keys typed behind Enter, kept until the dialog has answered it (``None``: none kept).
    _held: list[events.Key] | None = None

    async def on_key(self, event: events.Key) -> None:
        if self._held is not None:  # behind Enter: until the dialog has answered it
            event.stop()
            event.prevent_default()
            self._held.append(event)
        elif typed := await own_key(self, self.KEYS, event):
            self.replace(typed, *self.selection)

    async def action_submit(self) -> None:
        """Enter: Submitted goes straight to the dialog. The keys typed behind Enter wait
        here (and the app keeps those it gets meanwhile) until the dialog has answered it
        (after Submitted in the dialog's queue) and the keys queued here are in; then
        they go on in order (:class:`~workbench.tui.keys.KeyOrder`)."""
        self._held = []
        key_order(self.app).hold(self)
        dialog = self.screen
        result = self.validate(self.value) if "submitted" in self.validate_on else None
        dialog.post_message(self.Submitted(self, self.value, result))
        dialog.call_later(self._answered)

    def _answered(self) -> None:
        if not self.call_later(self._hand_on):  # this field is going with its dialog
            self._hand_on()

    def _hand_on(self) -> None:
        held, self._held = self._held, None
        order = key_order(self.app)
        for key in held or ():
            order.hand_back(key)
        order.release(self)

    def on_unmount(self) -> None:
        if self._held is not None:
            self._hand_on()


class TextBox(TextArea):
    """A multi-line field (the translator's note) whose keys all run in its own queue, in
    typing order: its editing keys, and the dialog's keys given (key → the screen's action),
    so Ctrl+S keeps the text typed before it (as a priority binding it ran as the key came,
    before the field had taken the letters typed in front of it)."""

    def __init__(self, text: str, *, keys: dict[str, str], id: str | None = None) -> None:
        super().__init__(text, id=id, soft_wrap=True)
        self.own_keys = {
            **binding_keys(TextArea.BINDINGS),
            **FOCUS_KEYS,
            **{key: f"screen.{action}" for key, action in keys.items()},
        }

    async def on_key(self, event: events.Key) -> None:
        if typed := await own_key(self, self.own_keys, event):
            self.replace(typed, *self.selection, maintain_selection_offset=False)


class OptionBox(Checkbox):
    """A checkbox showing ``▐X▌`` when on and an empty ``▐ ▌`` when off."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Textual reads this name
        return "X" if self.value else " "
