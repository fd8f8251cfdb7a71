"""What real terminals send for the workbench's keys, and one fix to Textual's key table.

Textual's xterm parser maps ESC followed by a digit (what tmux, GNU screen, gnome-terminal,
kitty, iTerm2 with "Esc+" and xterm with ``metaSendsEscape`` send for Alt+1…Alt+9) to the
characters macOS's Option key types on a US layout (``¡™£¢∞§¶•ªº``), to suit one terminal
(WezTerm on macOS). In every other terminal Alt+digit then typed junk into the editor
instead of taking a suggestion. :func:`deliver_alt_digits` removes those ten entries, so
ESC+digit arrives as ``alt+1`` … ``alt+0`` like ESC+letter arrives as ``alt+a``.

Key conventions for the whole TUI (see README's key table and :mod:`workbench.tui.commands`):
every command has a key that xterm and tmux deliver without special configuration —
Ctrl+letter (not Ctrl+B, tmux's prefix; not Ctrl+H/I/M/[, which are Backspace, Tab, Enter
and Escape), F1-F10 and Shift+F-keys — and Alt+key only as a second way where the terminal
sends ESC+key (xterm's default ``eightBitInput`` sends 8-bit characters instead).
Ctrl+digit, Ctrl+Shift+letter and Ctrl+punctuation are not delivered by most terminals and
are not used.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any
from weakref import WeakKeyDictionary

from textual import _ansi_sequences, events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.widget import Widget

#: ESC + digit: Alt+digit in every terminal that sends Alt as an ESC prefix.
ALT_DIGIT_SEQUENCES = tuple(f"\x1b{d}" for d in "1234567890")


def deliver_alt_digits() -> None:
    """Let ESC+digit reach the app as ``alt+<digit>`` (idempotent; see the module docstring)."""
    table = _ansi_sequences.ANSI_SEQUENCES_KEYS
    for sequence in ALT_DIGIT_SEQUENCES:
        table.pop(sequence, None)  # type: ignore[attr-defined]


#: Tab and Shift+Tab, run in the focused widget's own queue like its other keys (after the
#: keys typed before them; the keys typed behind them go on to the widget they focused).
FOCUS_KEYS: dict[str, str] = {"tab": "app.focus_next", "shift+tab": "app.focus_previous"}


def typed_character(event: events.Key) -> str:
    """The character a key types, or "" (Alt+key comes with its character but is a command).

    Any character but a control character: Textual's ``is_printable`` (``str.isprintable``)
    is False for a non-breaking space (U+00A0, U+202F), a soft hyphen, a zero-width joiner,
    a word joiner or a direction mark, which keyboards type and real catalogues hold."""
    char = event.character
    if char and "+" not in event.key and not any(unicodedata.category(c) == "Cc" for c in char):
        return char
    return ""


class KeyOrder:
    """Keys reach the widgets in the order typed, also when one of them moved the focus or
    put a dialog up.

    The app hands each key to the focus of the screen on top as the key comes; a burst is
    so queued to one widget before that widget has run the first key. When that key moves
    the focus (Tab, F10) or puts a dialog up (F12, Ctrl+F), the keys behind it are queued to
    the wrong widget, and the keys the app gets meanwhile would go to the new focus before
    them. So, from then (:meth:`hold`) the app keeps the keys it gets; the widget hands the
    keys queued to it back (:meth:`hand_back`, through :func:`workbench.tui.screens.dialogs.
    type_ahead`, which also decides what a dialog does with them); once its queue is done
    (and a dialog's field has the focus) both go on through the app, those handed back
    first, each the same way as a key just typed (:meth:`take`).
    """

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        #: What the keys wait for: widgets whose queues still hold keys, dialogs not up yet.
        self._holds: set[DOMNode] = set()
        #: Keys handed back (typed before :attr:`_later`), and keys the app got meanwhile.
        self._back: list[events.Key] = []
        self._later: list[events.Key] = []
        #: Keys sent on through the app and not yet come through, in order.
        self._sent: deque[events.Key] = deque()

    def hold(self, node: DOMNode) -> None:
        """Keep the keys the app gets until :meth:`release` of ``node``."""
        self._holds.add(node)

    def release(self, node: DOMNode) -> None:
        self._holds.discard(node)
        self._send_on()

    def drain(self, widget: Widget) -> None:
        """Hold the keys until those queued to ``widget`` now are handed back."""
        if widget not in self._holds:
            self.hold(widget)
            if not widget.call_later(self.release, widget):  # its queue is closed
                self.release(widget)

    def hand_back(self, key: events.Key) -> None:
        """``key``, queued to a widget that is no longer the focus, goes on in its turn."""
        key.stop()
        key.prevent_default()
        self._back.append(_copy(key))
        self._send_on()

    def take(self, key: events.Key) -> bool:
        """The app asks this of each key it gets: ``True`` if kept to go on later."""
        if self._sent and key is self._sent[0]:
            self._sent.popleft()
            self._send_on()
            return False
        if self._holds or self._sent or self._back or self._later:
            self._later.append(_copy(key))
            return True
        return False

    def _send_on(self) -> None:
        if self._holds or self._sent:
            return
        keys = [*self._back, *self._later]
        self._back.clear()
        self._later.clear()
        self._sent.extend(keys)
        for key in keys:
            self.app.post_message(key)


def _copy(key: events.Key) -> events.Key:
    """A fresh ``key`` (the original was handled) that keeps the time it was typed."""
    copy = events.Key(key.key, key.character)
    copy.time = key.time
    return copy


_ORDERS: WeakKeyDictionary[App[Any], KeyOrder] = WeakKeyDictionary()


def key_order(app: App[Any]) -> KeyOrder:
    """The app's :class:`KeyOrder`."""
    order = _ORDERS.get(app)
    if order is None:
        order = _ORDERS[app] = KeyOrder(app)
    return order


def dropped_character(event: events.Key) -> str:
    """The character a key types that Textual's TextArea and Input would not insert (they
    insert only what ``str.isprintable`` accepts: see :func:`typed_character`), or ""."""
    return "" if event.is_printable else typed_character(event)


async def run_own_key(widget: Widget, keys: Mapping[str, str], event: events.Key) -> bool:
    """Run ``event``'s action from ``keys`` (key → action) on ``widget``, here in the
    widget's own queue, so in typing order; ``False`` if it is not one of its keys.

    A binding would run only once the key had come back up to the app, by when keys typed
    after it may already have been handled (the segment list, the suggestions, the editor
    all take their keys this way). If the action moved the focus or put a dialog up, the
    keys queued behind it here go on to the new focus, in order (:class:`KeyOrder`)."""
    action = keys.get(event.key)
    if action is None:
        return False
    event.stop()
    event.prevent_default()
    await widget.run_action(action)
    if widget.app.focused is not widget:
        key_order(widget.app).drain(widget)
    return True


def binding_keys(*bindings: Iterable[BindingType]) -> dict[str, str]:
    """Key → action of Textual bindings (a later list wins), for :func:`run_own_key`: a
    widget's own editing keys (Backspace, arrows, Home…) run in its queue too, so a
    character typed after Backspace is never inserted before the Backspace is done."""
    keys: dict[str, str] = {}
    for listed in bindings:
        for binding in listed:
            if isinstance(binding, Binding):
                for key in binding.key.split(","):
                    keys[key.strip()] = binding.action
    return keys
