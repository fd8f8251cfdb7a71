"""The dictionary pane: the source's words in the German–English dictionary (Ding).

One entry per content word of the segment: what the dictionary lists for it (the form
found, with gender and usage labels, and its headword when the form is a plural or verb
form), or, for a compound it does not list, its parts and theirs. Shown in place of the
suggestions with Ctrl+D; without the dictionary installed it says how to get it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbench.services.dictionary import INSTALL_HINT, Entry, WordLookup
from workbench.tui.styles import ComponentStyles

#: Entries shown per word (the main ones come first).
ENTRIES_PER_WORD = 3
#: How much of a form's headword entry is shown beside it.
HEAD_CHARS = 70


class DictionaryView(ComponentStyles, OptionList):
    """The dictionary's entries for each word of the source."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "dictionary--word",
        "dictionary--german",
        "dictionary--english",
        "dictionary--head",
        "dictionary--note",
    }

    def show_message(self, message: str) -> None:
        """A line in place of entries (not installed, building the index…)."""
        self.clear_options()
        self.add_option(Option(Text(message, self.style("dictionary--note")), disabled=True))

    def show_missing(self) -> None:
        self.show_message(
            f"The German–English dictionary is not installed. To get it, {INSTALL_HINT}."
        )

    def show(self, lookups: list[WordLookup]) -> None:
        self.clear_options()
        if not lookups:
            self.show_message("No content words in this segment.")
            return
        self.add_options([Option(self._prompt(lookup)) for lookup in lookups])

    def _prompt(self, lookup: WordLookup) -> Text:
        text = Text(lookup.word, self.style("dictionary--word"))
        if lookup.entries:
            for entry in lookup.entries[:ENTRIES_PER_WORD]:
                text.append("\n  ")
                text.append_text(self._entry(entry))
        elif lookup.parts:
            parts = " + ".join(p.text + (f" ({p.link})" if p.link else "") for p, _ in lookup.parts)
            text.append(f" = {parts}", self.style("dictionary--note"))
            for part, entries in lookup.parts:
                text.append("\n  ")
                if entries:
                    text.append_text(self._entry(entries[0]))
                else:
                    text.append(f"{part.text}: not listed", self.style("dictionary--note"))
        else:
            text.append("  not in the dictionary", self.style("dictionary--note"))
        return text

    def _entry(self, entry: Entry) -> Text:
        line = Text.assemble(
            (entry.found.german, self.style("dictionary--german")),
            " — ",
            (entry.found.english, self.style("dictionary--english")),
        )
        if not entry.is_head:
            head = f"{entry.head.german}: {entry.head.english}"
            head = head if len(head) <= HEAD_CHARS else head[: HEAD_CHARS - 1] + "…"
            line.append(f"  ({head})", self.style("dictionary--head"))
        return line
