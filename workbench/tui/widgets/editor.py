"""The target editor: a soft-wrapping TextArea whose command keys belong to the workbench.

Keys reach a focused widget through its own message queue, one after another; a binding,
though, runs when the key has bubbled up to the app, and by then the editor may have
inserted the characters typed after it (or, for a priority binding, not yet the ones typed
before it). So the editor runs the workbench's commands itself, in its queue, in the order
they were typed: keys typed in a burst before Ctrl+N stay in their segment, and keys typed
after it go to the next one. The command keys come from
:data:`workbench.tui.commands.COMMANDS`; TextArea's own uses of them (F6, F7, Ctrl+A,
Ctrl+Z…) give way.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from workbench.tui.commands import APP_ACTIONS, COMMANDS, SUGGESTION_KEYS


def _command_keys() -> dict[str, str]:
    """Key → the action it runs, for every command the editing screen handles."""
    keys = {
        key: f"app.{c.action}" if c.action in APP_ACTIONS else f"screen.{c.action}"
        for c in COMMANDS
        if not c.focus
        for key in c.bound_keys.split(",")
    }
    for n in range(1, SUGGESTION_KEYS + 1):
        keys[f"alt+{n}"] = f"screen.use_suggestion({n - 1})"
    return keys


class TargetEditor(TextArea):
    """The segment's translation, with undo; Tab moves focus on (to the suggestions)."""

    COMMAND_KEYS = _command_keys()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")

    async def on_key(self, event: events.Key) -> None:
        """Run a command key here, in typing order; never insert Alt+key as text."""
        action = self.COMMAND_KEYS.get(event.key)
        if action is not None:
            event.prevent_default()
            event.stop()
            await self.run_action(action)
        elif event.key.startswith("alt+"):
            event.prevent_default()

    @property
    def can_undo_typing(self) -> bool:
        """True while there is typing in this segment for the editor's own undo."""
        return bool(self.history.undo_stack)

    @property
    def can_redo_typing(self) -> bool:
        return bool(self.history.redo_stack)
