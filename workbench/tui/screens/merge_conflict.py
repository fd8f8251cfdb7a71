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
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from workbench.domain.states import ReviewState
from workbench.domain.units import Candidate, Side, Unit
from workbench.tui.screens.dialogs import Question, answer_bindings
from workbench.tui.styles import STATE_CLASSES, ComponentStyles

#: What the translator reads for each side.
SIDE_TITLES: dict[Side, str] = {
    "base": "Before both changes",
    "ours": "Ours — the branch merged into",
    "theirs": "Theirs — the branch merged in",
}

#: The answer each key gives: a side, or ``edit`` (close and edit by hand) and ``cancel``
#: (Escape: later), which take none.
KEYS: dict[str, str] = {
    "o": "ours",
    "1": "ours",
    "left": "ours",
    "t": "theirs",
    "2": "theirs",
    "right": "theirs",
    "e": "edit",
    "escape": "cancel",
}
SIDES: dict[str, Side] = {"ours": "ours", "theirs": "theirs"}


def candidate_text(screen: ComponentStyles, candidate: Candidate, forms_here: int = 0) -> Text:
    """A candidate's state (with its reviewer) and every plural form, one per line; when it
    has another number of forms than the entry's ``forms_here`` (the entry became plural or
    singular on the other side), what picking it does. Styled by ``screen``'s
    ``conflict--…`` component classes."""
    text = Text.assemble(screen.state_badge(candidate.state))  # its colours on it alone
    review = candidate.review
    if review is not None and candidate.state is ReviewState.REVIEWED:
        text.append(f" by {review.by}", style=screen.style("conflict--reviewer"))
    text.append("\n")
    forms = candidate.msgstr
    for n, form in enumerate(forms):
        if len(forms) > 1:
            text.append(f"[{n}] ", style=screen.style("conflict--form-number"))
        if form:
            text.append(form)
        else:
            text.append("(empty)", style=screen.style("conflict--empty"))
        text.append("\n")
    if forms_here and len(forms) != forms_here:
        text.append(reshape_hint(len(forms), forms_here), style=screen.style("conflict--hint"))
    return text


def reshape_hint(forms: int, forms_here: int) -> str:
    """What picking a side of another shape does (see :meth:`Unit.resolved`)."""
    shape = "singular" if forms == 1 else f"{forms} plural forms"
    if forms < forms_here:
        return f"({shape} on this side: picking it fills all {forms_here} forms, as a draft)"
    kept = "the first form" if forms_here == 1 else f"the first {forms_here} forms"
    return f"({shape} on this side: picking it keeps {kept}, as a draft)"


class MergeConflictScreen(ComponentStyles, Question[Side | None]):
    """The candidates of one conflicted segment; dismissed with the side taken, or None.

    Its keys are priority bindings, run by the app as they arrive, so the keys typed right
    after the pick reach the editor; keys typed before it was on screen pick nothing (see
    :mod:`workbench.tui.screens.dialogs`)."""

    BINDINGS: ClassVar[list[BindingType]] = answer_bindings(KEYS)
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "conflict--base-title",
        "conflict--reviewer",
        "conflict--form-number",
        "conflict--empty",
        "conflict--hint",
        *STATE_CLASSES.values(),
    }

    def __init__(self, unit: Unit) -> None:
        super().__init__(classes="dialog-screen")
        self.unit = unit

    def compose(self) -> ComposeResult:
        unit = self.unit
        with Vertical(classes="dialog merge-conflict"):
            yield Static(
                "Merge conflict: both sides changed this translation", classes="dialog-title"
            )
            yield Static(Text(unit.source), classes="conflict-source")
            base = unit.candidate("base")
            if base is not None:
                yield Static(
                    Text.assemble(
                        (f"{SIDE_TITLES['base']}: ", self.style("conflict--base-title")),
                        base.target or "(empty)",
                    ),
                    classes="conflict-base",
                )
            with Horizontal(classes="conflict-sides"):
                for side in ("ours", "theirs"):
                    candidate = unit.candidate(side)
                    if candidate is None:
                        continue
                    panel = Static(
                        candidate_text(self, candidate, len(unit.forms)),
                        classes="conflict-side",
                        id=side,
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
        self.set_focus(self.query_one("#choice-ours", Button))

    def action_answer(self, answer: str) -> None:
        self.dismiss(SIDES.get(answer))
