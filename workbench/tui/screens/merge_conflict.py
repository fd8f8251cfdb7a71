"""A merge conflict, side by side: what each branch made of one segment, and the pick.

When two branches changed the same translation differently, ``git merge`` with the
workbench's driver leaves the entry fuzzy with every side's text kept (``wb:conflict``). This
screen shows the source, the text before both changes, and the two candidates next to each
other with their states (who reviewed which), and dismisses with the side the translator
picked: ``o``/``1``/← for ours, ``t``/``2``/→ for theirs, ``e`` to close and edit the
text by hand (confirming it settles the conflict), Escape to leave it for later.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Static

from workbench.domain.units import Candidate, Side, Unit
from workbench.tui.widgets.panels import STATE_CLASSES, state_badge

#: What the translator reads for each side.
SIDE_TITLES: dict[Side, str] = {
    "base": "Before both changes",
    "ours": "Ours — the branch merged into",
    "theirs": "Theirs — the branch merged in",
}

#: The side each key takes; ``e`` (edit by hand) and Escape close without taking one.
KEYS: dict[str, Side | None] = {
    "o": "ours",
    "1": "ours",
    "left": "ours",
    "t": "theirs",
    "2": "theirs",
    "right": "theirs",
    "e": None,
    "escape": None,
}
BUTTONS: dict[str, Side | None] = {"choice-ours": "ours", "choice-theirs": "theirs"}


def candidate_text(screen: Widget, candidate: Candidate) -> Text:
    """A candidate's state (with its reviewer) and every plural form, one per line."""
    head = state_badge(screen, candidate.state)
    review = candidate.review
    if review is not None and candidate.state.label == "reviewed":
        head.append(f" by {review.by}", style="green")
    text = Text.assemble(head, "\n")
    forms = candidate.msgstr
    for n, form in enumerate(forms):
        if len(forms) > 1:
            text.append(f"[{n}] ", style="dim")
        text.append(form or "(empty)", style="" if form else "dim italic")
        text.append("\n")
    return text


class MergeConflictScreen(ModalScreen[Side | None]):
    """The candidates of one conflicted segment; dismissed with the side taken, or None."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(STATE_CLASSES.values())

    def __init__(self, unit: Unit) -> None:
        super().__init__(classes="dialog-screen")
        self.unit = unit

    def compose(self) -> ComposeResult:
        unit = self.unit
        with Vertical(classes="dialog merge-conflict"):
            yield Static(
                "Merge conflict: both sides changed this translation", classes="dialog-title"
            )
            yield Static(Text(unit.source, style="bold"), classes="conflict-source")
            base = unit.candidate("base")
            if base is not None:
                yield Static(
                    Text.assemble((f"{SIDE_TITLES['base']}: ", "dim"), base.target or "(empty)"),
                    classes="conflict-base",
                )
            with Horizontal(classes="conflict-sides"):
                for side in ("ours", "theirs"):
                    candidate = unit.candidate(side)
                    if candidate is None:
                        continue
                    panel = Static(
                        candidate_text(self, candidate), classes="conflict-side", id=side
                    )
                    # a label is file content (a branch, a commit subject "[WIP] …"): never markup
                    panel.border_title = Content(candidate.label or SIDE_TITLES[side])
                    yield panel
            with Horizontal(classes="dialog-buttons"):
                yield Button("Ours \\[o]", id="choice-ours", variant="primary")
                yield Button("Theirs \\[t]", id="choice-theirs")
                yield Button("Edit \\[e]", id="choice-edit")
                yield Button("Later \\[esc]", id="choice-cancel")

    def on_mount(self) -> None:
        self.query_one("#choice-ours", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(BUTTONS.get(event.button.id or ""))

    def on_key(self, event: events.Key) -> None:
        if event.key in KEYS:
            event.stop()
            self.dismiss(KEYS[event.key])
