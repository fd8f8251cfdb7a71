"""Add a term to a project glossary from the editor: source and target, status, note.

The source field starts with the text selected (with the mouse) in the source panel and
suggests the source's words as you type (→ accepts); the target field starts with the text
selected in the editor. The row is appended to a ``.tsv``/``.csv`` glossary by
:func:`workbench.services.glossaries.add_term`, which refuses a term the file cannot hold
(a conflict with its rows) before writing anything; then highlighting and QA use it at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static

from workbench.domain.glossary import Term, TermStatus
from workbench.errors import UserError
from workbench.tui.screens.dialogs import TextEntry
from workbench.tui.widgets.fields import TextInput

_WORD = re.compile(r"[^\W\d_][\w-]*")


class NewTerm(NamedTuple):
    """The term to add, and the glossary file it goes into."""

    path: Path
    term: Term


class AddTermScreen(TextEntry[NewTerm | None]):
    """Source term, target term, status, note and file; Enter adds it, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(
        self,
        source_text: str,
        source: str,
        target: str,
        path: Path,
        add: Callable[[NewTerm], None],
    ) -> None:
        """``add`` writes the term (raising :class:`UserError` if the file cannot take it:
        the dialog then says why and stays open)."""
        super().__init__(classes="dialog-screen")
        self.add = add
        self.source_text = source_text
        self.initial_source = source
        self.initial_target = target
        self.path = path

    def compose(self) -> ComposeResult:
        words = list(dict.fromkeys(_WORD.findall(self.source_text)))
        with Vertical(classes="dialog add-term"):
            yield Static(Content("Add a term to the glossary"), classes="dialog-title")
            with Horizontal(classes="field"):
                yield Label("German", classes="field-label")
                yield TextInput(
                    self.initial_source,
                    placeholder="source term (→ completes from the segment)",
                    id="term-source",
                    suggester=SuggestFromList(words, case_sensitive=False),
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("English", classes="field-label")
                yield TextInput(
                    self.initial_target, placeholder="target term", id="term-target", compact=True
                )
            with Horizontal(classes="field"):
                yield Label("Status", classes="field-label")
                yield Select(
                    [(s.value, s) for s in TermStatus],
                    value=TermStatus.PREFERRED,
                    allow_blank=False,
                    id="term-status",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("Note", classes="field-label")
                yield TextInput(placeholder="optional", id="term-note", compact=True)
            with Horizontal(classes="field"):
                yield Label("File", classes="field-label")
                yield TextInput(str(self.path), id="term-file", compact=True)
            yield Static("", id="term-problem", classes="dialog-problem")
            yield Static(
                Content("Enter adds it (highlighting and QA use it at once) · Esc cancels"),
                classes="dialog-hint",
            )

    def entry_field(self) -> Input:
        return self.query_one("#term-target" if self.initial_source else "#term-source", Input)

    def problem(self, text: str) -> None:
        """Say why the term cannot be added (the dialog stays open)."""
        self.query_one("#term-problem", Static).update(Content(text))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        source = self.query_one("#term-source", Input).value.strip()
        target = self.query_one("#term-target", Input).value.strip()
        status = self.query_one("#term-status", Select).value
        note = self.query_one("#term-note", Input).value.strip()
        path = self.query_one("#term-file", Input).value.strip()
        assert isinstance(status, TermStatus)
        if not source:
            self.problem("Type the German term.")
            return
        if not target and status is not TermStatus.DNT:
            self.problem("Type the English term (or choose status dnt: do not translate).")
            return
        if not path:
            self.problem("Name the glossary file (.tsv or .csv).")
            return
        new = NewTerm(Path(path).expanduser(), Term(source, target or source, status, note))
        try:
            self.add(new)
        except UserError as exc:
            self.problem(str(exc))
            return
        self.dismiss(new)
