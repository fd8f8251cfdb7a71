"""The suggestions for the segment in the editor: MT draft, memory matches, reference.

A list the keyboard reaches (Tab from the editor): arrows move, Enter or a digit takes one,
as does a click, and typing goes on in the editor; from the editor, F3 takes the
highlighted one and Alt+N the N-th. What is listed comes from the session's suggestion
sources (:mod:`workbench.services.suggestions`); numbers are positions in this list, so
every way of taking "suggestion 2" agrees.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbench.domain.memory import DiffOp
from workbench.services.suggestions import Suggestion, SuggestionKind
from workbench.tui.commands import SUGGESTION_KEYS
from workbench.tui.keys import FOCUS_KEYS, run_own_key, typed_character
from workbench.tui.messages import SuggestionChosen, Typed
from workbench.tui.screens.dialogs import type_ahead
from workbench.tui.styles import DIFF_CLASSES, ComponentStyles
from workbench.tui.widgets.panels import diff_text


class SuggestionList(ComponentStyles, OptionList):
    """Numbered suggestions; Enter, a digit or a click takes one into the editor."""

    #: The list's keys, run in :meth:`on_key` in typing order (not as bindings, which run
    #: when the key has come back up to the app: a digit then took the suggestion after
    #: the letters typed behind it, and an arrow before it moved too late).
    KEYS: ClassVar[dict[str, str]] = {
        "up": "cursor_up",
        "down": "cursor_down",
        "pageup": "page_up",
        "pagedown": "page_down",
        "home": "first",
        "end": "last",
        "enter": "select",
        **{str(n): f"take({n - 1})" for n in range(1, SUGGESTION_KEYS + 1)},
        **FOCUS_KEYS,
    }
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "suggestion--number",
        "suggestion--mt",
        "suggestion--memory",
        "suggestion--reference",
        "suggestion--source",
        *DIFF_CLASSES.values(),
        "suggestion--detail",
        "suggestion--empty",
    }
    KIND_CLASSES: ClassVar[dict[SuggestionKind, str]] = {
        "MT": "suggestion--mt",
        "TM": "suggestion--memory",
        "Ref": "suggestion--reference",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.suggestions: list[Suggestion] = []
        self.pending = ""
        self.segment_source = ""
        self.notes: tuple[str, ...] = ()

    def show(
        self,
        suggestions: list[Suggestion],
        pending: str = "",
        source: str = "",
        notes: Sequence[str] = (),
    ) -> None:
        """List ``suggestions``; ``pending`` says what is still being looked up; ``source``
        is the segment's source, against which a memory match's source is diffed; ``notes``
        say why a kind of suggestion is missing (shown dim, after the suggestions)."""
        if (
            suggestions == self.suggestions
            and pending == self.pending
            and source == self.segment_source
            and tuple(notes) == self.notes
            and self.option_count
        ):
            return
        keep = self.highlighted if suggestions[:1] == self.suggestions[:1] else 0
        self.suggestions = list(suggestions)
        self.pending = pending
        self.segment_source = source
        self.notes = tuple(notes)
        self.clear_options()
        options = [Option(self._prompt(n, s)) for n, s in enumerate(self.suggestions)]
        if pending:
            options.append(Option(Text(pending, self.style("suggestion--empty")), disabled=True))
        if not options:
            empty = Text("no MT draft, memory match or reference", self.style("suggestion--empty"))
            options.append(Option(empty, disabled=True))
        options.extend(
            Option(Text(note, self.style("suggestion--empty")), disabled=True) for note in notes
        )
        self.add_options(options)
        if self.suggestions:
            self.highlighted = min(keep or 0, len(self.suggestions) - 1)

    def _prompt(self, n: int, suggestion: Suggestion) -> Text:
        kind = self.style(self.KIND_CLASSES[suggestion.kind])
        score = f" {suggestion.score:3.0f}%" if suggestion.score is not None else ""
        line = Text.assemble(
            (f"{n + 1} ", self.style("suggestion--number")),
            (f"{suggestion.kind}{score} ", kind),
            suggestion.text,
        )
        if suggestion.source:
            line.append("\n   ")
            line.append_text(self._diff(suggestion.source))
        if suggestion.detail and suggestion.kind == "TM":
            line.append(f"  {suggestion.detail}", style=self.style("suggestion--detail"))
        return line

    def _diff(self, match_source: str) -> Text:
        """The match's source against the segment's, word by word (as Poedit and OmegaT show
        a fuzzy match): its words this segment lacks struck through, this segment's own
        words underlined, the rest plain. An exact match's source is not repeated."""
        if match_source == self.segment_source:
            return Text("← same source", self.style("suggestion--source"))
        if not self.segment_source:
            return Text(f"← {match_source}", self.style("suggestion--source"))
        styles = self.diff_styles("suggestion--source")
        return Text("← ", styles[DiffOp.EQUAL]).append_text(
            diff_text(match_source, self.segment_source, styles)
        )

    def nth(self, n: int) -> str | None:
        """The text of suggestion ``n`` (0-based), if there is one."""
        return self.suggestions[n].text if 0 <= n < len(self.suggestions) else None

    def action_take(self, n: int) -> None:
        """Take suggestion ``n`` (0-based) into the editor."""
        if 0 <= n < len(self.suggestions):
            self.highlighted = n
            self.post_message(SuggestionChosen(n))

    async def on_key(self, event: events.Key) -> None:
        """The list's keys, here in its own queue; a character typed goes to the editor."""
        if type_ahead(event, self.app.screen, self) or await run_own_key(self, self.KEYS, event):
            return
        if typed := typed_character(event):
            event.stop()
            event.prevent_default()
            self.post_message(Typed(typed))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_take(event.option_index)
