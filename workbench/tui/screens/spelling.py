"""Shift+F7: a misspelt word — replace it with a suggestion, or add it to the word list.

The dictionary's suggestions (best first) are the first answers, on keys 1-9; ``a`` adds
the word to the project's word list (``[check] words``), which the spelling check and the
editor's underlining accept at once; Escape leaves the word as it is. The screen is
dismissed with ``"1"`` … ``"9"``, ``"add"`` or ``"cancel"``.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.tui.screens.dialogs import ChoiceScreen

#: How many suggestions the quick pick offers (one key each).
SUGGESTION_KEYS = 9


class SpellingScreen(ChoiceScreen):
    """The misspelt word's suggestions and "add to the word list"."""

    def __init__(self, word: str, suggestions: Sequence[str]) -> None:
        shown = list(suggestions[:SUGGESTION_KEYS])
        body = (
            "Replace it with a suggestion, or add it to the project's word list."
            if shown
            else "The dictionary has no suggestion: add it to the project's word list?"
        )
        super().__init__(body)
        self.title_text = f"Spelling: “{word}”"
        self.suggestions = shown
        self.word = word

    def answers(self) -> list[tuple[str, str, str]]:
        return [
            *((str(n), str(n), text) for n, text in enumerate(self.suggestions, 1)),
            ("add", "a", f"Add “{self.word}” to the word list"),
            ("cancel", "c", "Leave it"),
        ]
