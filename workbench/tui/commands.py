"""The key map in one place: every action's key, footer label and help line.

The main screen's bindings, the footer, the F1 help table and the command palette are all
built from :data:`COMMANDS`, so a key is named once and every place that shows it agrees.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """One action: its key, its name in the footer, and what the palette and help say."""

    action: str
    keys: str
    label: str
    help: str
    show: bool = True


#: The key map. Tests and users rely on ctrl+s/q/n/r; the footer, help and palette use this.
COMMANDS: tuple[Command, ...] = (
    Command("save", "ctrl+s", "Save", "Save the file (atomic; never clobbers outside changes)"),
    Command("quit", "ctrl+q", "Quit", "Quit (asks first if there are unsaved edits)"),
    Command(
        "confirm_next",
        "ctrl+n",
        "Confirm",
        "Confirm the segment (translated), go to next needing work",
    ),
    Command(
        "review_next", "ctrl+r", "Review", "Mark the segment reviewed, go to the next not reviewed"
    ),
    Command("copy_mt", "f2", "MT", "Copy the MT draft into the editor"),
    Command(
        "use_tm", "f3", "Use TM", "Use the first suggestion (MT, memory or reference)", show=False
    ),
    Command("insert_term", "ctrl+g", "Term", "Insert the highlighted glossary term's target"),
    Command("next_term", "ctrl+t", "Next term", "Highlight the next glossary term", show=False),
    Command("prev_segment", "f7,ctrl+up", "Prev", "Previous segment in the list"),
    Command("next_segment", "f8,ctrl+down", "Next", "Next segment in the list"),
    Command(
        "next_todo", "f4", "Next todo", "Next segment that needs work (no confirm)", show=False
    ),
    Command(
        "pick_side",
        "ctrl+o",
        "Conflict",
        "Merge conflict: both branches' texts side by side; pick one",
        show=False,
    ),
    Command("filter", "ctrl+f", "Filter", "Filter or search: state, text, QA finding"),
    Command("clear_filter", "ctrl+l", "All", "Show all segments (clear the filter)", show=False),
    Command("undo", "ctrl+z", "Undo", "Undo typing in the editor", show=False),
    Command("revert", "f9", "Revert", "Undo every unsaved change to this segment", show=False),
    Command("draft_segment", "f5", "Draft", "Draft this segment with MT (worker thread)"),
    Command(
        "draft_all",
        "shift+f5,f17",
        "Draft all",
        "Draft all untranslated segments with MT",
        show=False,
    ),
    Command("cancel_draft", "f6", "Stop MT", "Stop a running MT draft", show=False),
    Command(
        "focus_list",
        "f10",
        "List",
        "Focus the segment list (Enter goes back to the editor)",
        show=False,
    ),
    Command("help", "f1", "Help", "Show the key map"),
)


def keymap() -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen and the report."""
    rows = [(c.keys.replace(",", " / "), c.help) for c in COMMANDS]
    rows += [
        ("ctrl+p", "Command palette: every action by name"),
        ("tab / shift+tab", "Move focus between list, editor, terms and suggestions"),
        ("up/down, pgup/pgdn, enter", "In the list: move, and edit the segment"),
        ("ctrl+y", "Redo typing"),
        ("alt+1 … alt+4", "Use suggestion 1-4 (MT, memory matches, reference); or click it"),
    ]
    return rows
