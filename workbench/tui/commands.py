"""The key map in one place: every action's key, footer label and help line.

The main screen's bindings, the editor's overrides of TextArea keys, the footer, the F1 help
table, the command palette and the README's key table all come from :data:`COMMANDS`, so a
key is named once and every place that shows it agrees. Keys follow the conventions in
:mod:`workbench.tui.keys`: each one is delivered by xterm and tmux as they come (Ctrl+letter,
F-keys, Shift+F-keys); Alt+digit is a second way where the terminal sends ESC+digit.

To add a command: add a :class:`Command` here and an ``action_<name>`` method on the
editing screen (:class:`workbench.tui.screens.main.MainScreen`), and a tmux test that sends
the real key (tests/test_tui_tmux.py).
"""

from __future__ import annotations

from dataclasses import dataclass

#: How many suggestions have a key of their own (Alt+1 … Alt+9).
SUGGESTION_KEYS = 9


@dataclass(frozen=True, slots=True)
class Command:
    """One action: its keys, its name in the footer, and what the palette and help say."""

    action: str
    keys: str
    label: str
    help: str
    show: bool = False
    #: Other sequences some terminals send for the same key (bound, not shown).
    aliases: str = ""
    #: Only moves the focus: handled as soon as it arrives (a priority binding), so keys
    #: typed right after it reach the newly focused widget. Every other command waits for
    #: the keys before it, so they reach the segment they were typed in.
    focus: bool = False
    #: Changes a segment or the file: a read-only view shows it disabled and refuses it.
    #: (Ctrl+S is not one: in a read-only view it says why nothing is saved; F12 is not:
    #: the comments are there to read, only keeping a note is refused.)
    edits: bool = False

    @property
    def first_key(self) -> str:
        return self.keys.split(",")[0]

    @property
    def bound_keys(self) -> str:
        """Every key to bind, aliases included."""
        return f"{self.keys},{self.aliases}" if self.aliases else self.keys


#: The key map, in the order the help screen lists it. ``show``: in the footer.
COMMANDS: tuple[Command, ...] = (
    Command("help", "f1", "Help", "Show the key map", show=True),
    Command(
        "confirm_next",
        "ctrl+n",
        "Confirm",
        "Confirm the segment (translated), go to the next needing work",
        show=True,
        edits=True,
    ),
    Command(
        "review_next",
        "ctrl+r",
        "Review",
        "Mark the segment reviewed, go to the next not yet reviewed",
        show=True,
        edits=True,
    ),
    Command(
        "use_suggestion_key",
        "f3",
        "Use",
        "Use the highlighted suggestion (1 at first); F3 again takes the next one",
        show=True,
        edits=True,
    ),
    Command("copy_mt", "f2", "MT", "Copy the MT draft into the editor", edits=True),
    Command(
        "undo", "ctrl+z", "Undo", "Undo: typing here, then revert, suggestion, confirm…", edits=True
    ),
    Command("redo", "ctrl+y", "Redo", "Redo what Ctrl+Z undid", edits=True),
    Command(
        "revert",
        "f9",
        "Revert",
        "Revert the segment to its saved value (Ctrl+Z undoes it)",
        edits=True,
    ),
    Command("select_all", "ctrl+a", "Select all", "Select the whole target: typing replaces it"),
    Command(
        "insert_term", "ctrl+g", "Term", "Insert the highlighted glossary term's target", edits=True
    ),
    Command("next_term", "ctrl+t", "Next term", "Highlight the next glossary term"),
    Command(
        "insert_tag",
        "ctrl+k,alt+t",
        "Tag",
        "Insert the next tag or placeholder of the source the translation lacks "
        "(a selection is wrapped in the pair)",
        edits=True,
    ),
    Command(
        "next_form",
        "ctrl+j",
        "Form",
        "Plural entry: edit the next plural form (msgstr[0] one, msgstr[1] other…); "
        "Ctrl+N goes to an empty form before it confirms",
    ),
    Command("prev_segment", "f7,ctrl+up", "Prev", "Previous segment in the list"),
    Command("next_segment", "f8,ctrl+down", "Next", "Next segment in the list"),
    Command("next_todo", "f4", "Next todo", "Next segment that needs work (no confirm)"),
    Command(
        "pick_side",
        "ctrl+o",
        "Conflict",
        "Merge conflict: both branches' texts side by side; pick one",
        edits=True,
    ),
    Command(
        "edit_note",
        "f12",
        "Comments",
        "Comments (#. and #:), what MT and review recorded, and your note on the segment",
    ),
    Command("add_term", "ctrl+u", "Add term", "Add a term to the project glossary (TSV)"),
    Command(
        "spelling",
        "shift+f7",
        "Spelling",
        "The misspelt (underlined) word at the cursor: replace it with a suggestion (1-9), "
        "or add it to the project word list (a)",
        aliases="f19",  # what xterm and tmux report for Shift+F7
        edits=True,
    ),
    Command(
        "concordance",
        "shift+f4",
        "Concordance",
        "Search the project memory for words (selected text to start); Enter inserts a translation",
        aliases="f16",  # what some terminals report for Shift+F4 (terminfo kf16)
    ),
    Command(
        "toggle_dictionary",
        "ctrl+d",
        "Dictionary",
        "The source's words in the German–English dictionary (again: back to suggestions)",
    ),
    Command("filter", "ctrl+f", "Filter", "Filter or search: state, text, QA finding", show=True),
    Command(
        "replace",
        "ctrl+e",
        "Replace",
        "Find and replace in the translations (preview; undo)",
        edits=True,
    ),
    Command("clear_filter", "ctrl+l", "All", "Show all segments (clear the filter)"),
    Command(
        "draft_segment",
        "f5",
        "Draft",
        "Draft this segment with MT (a translated one keeps its text: the draft is suggestion 1)",
        edits=True,
    ),
    Command(
        "draft_all",
        "shift+f5",
        "Draft all",
        "Draft all untranslated segments with MT (one Ctrl+Z undoes the whole run)",
        aliases="f17",  # what the Linux console and rxvt send for Shift+F5
        edits=True,
    ),
    Command("cancel_draft", "f6", "Stop MT", "Stop a running MT draft"),
    Command(
        "accept_word",
        "ctrl+right",
        "Word",
        "Completion: take its next word (else: a word right)",
    ),
    Command(
        "accept_completion",
        "end",
        "Complete",
        "Completion: take all of it, as Right does (else: line end)",
    ),
    Command(
        "focus_list",
        "f10",
        "List",
        "Focus the segment list (Enter goes back to the editor)",
        focus=True,
    ),
    Command(
        "save", "ctrl+s", "Save", "Save the file (atomic; never clobbers outside changes)", True
    ),
    Command("quit", "ctrl+q", "Quit", "Quit (asks first if there are unsaved edits)", show=True),
)

#: Commands the app handles itself (they work on every screen).
APP_ACTIONS = frozenset({"help", "quit"})

#: The actions of the commands that change a segment or the file (:attr:`Command.edits`).
EDITING_ACTIONS = frozenset(c.action for c in COMMANDS if c.edits)


def command(action: str) -> Command:
    """The command for ``action``."""
    return next(c for c in COMMANDS if c.action == action)


def keymap() -> list[tuple[str, str]]:
    """(keys, what they do) for the help screen and the README."""
    rows = [(c.keys.replace(",", " / "), c.help) for c in COMMANDS]
    rows.insert(
        [r[0] for r in rows].index("f3") + 1,
        (
            f"alt+1 … alt+{SUGGESTION_KEYS}",
            "Use suggestion N, where the terminal sends Alt as ESC (tmux, most terminals); "
            "or Tab to the suggestions and press 1-9 or Enter; or click it",
        ),
    )
    rows += [
        ("ctrl+p", "Command palette: every action by name, and Use suggestion N"),
        ("tab / shift+tab", "Move focus: list, glossary terms, editor, suggestions"),
        ("up/down, pgup/pgdn, enter", "In the list: move, and edit the segment"),
    ]
    return rows
