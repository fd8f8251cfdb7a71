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

from collections.abc import Iterable, Mapping

from textual import _ansi_sequences, events
from textual.binding import Binding, BindingType
from textual.widget import Widget

#: ESC + digit: Alt+digit in every terminal that sends Alt as an ESC prefix.
ALT_DIGIT_SEQUENCES = tuple(f"\x1b{d}" for d in "1234567890")


def deliver_alt_digits() -> None:
    """Let ESC+digit reach the app as ``alt+<digit>`` (idempotent; see the module docstring)."""
    table = _ansi_sequences.ANSI_SEQUENCES_KEYS
    for sequence in ALT_DIGIT_SEQUENCES:
        table.pop(sequence, None)  # type: ignore[attr-defined]


def typed_character(event: events.Key) -> str:
    """The character a key types, or "" (Alt+key comes with its character but is a command)."""
    if event.character and event.is_printable and "+" not in event.key:
        return event.character
    return ""


async def run_own_key(widget: Widget, keys: Mapping[str, str], event: events.Key) -> bool:
    """Run ``event``'s action from ``keys`` (key → action) on ``widget``, here in the
    widget's own queue, so in typing order; ``False`` if it is not one of its keys.

    A binding would run only once the key had come back up to the app, by when keys typed
    after it may already have been handled (the segment list, the suggestions, the editor
    all take their keys this way)."""
    action = keys.get(event.key)
    if action is None:
        return False
    event.stop()
    event.prevent_default()
    await widget.run_action(action)
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
