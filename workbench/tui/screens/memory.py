"""Translation-memory dialogs: the concordance search, and what to do with repetitions.

Concordance (Shift+F4): the words to look for start as the text selected in the
editor or the source panel; the project memory's entries holding every word, in the source
or the target (also inside compounds), are listed as you type, the words highlighted.
Enter (or a click) on an entry puts its translation in the editor at the cursor.

Repetitions: after a segment is confirmed, its identical repeats in the file that still
need work can take its translation, as drafts or translated, in one change Ctrl+Z undoes
(``[memory] propagate`` in workbench.toml decides whether the workbench asks first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from workbench.domain.memory import MemoryEntry
from workbench.tui.screens.dialogs import ChoiceScreen, TextEntry
from workbench.tui.styles import ComponentStyles
from workbench.tui.widgets.fields import TextInput

#: Entries the concordance lists at most.
CONCORDANCE_ROWS = 50


class PropagateScreen(ChoiceScreen):
    """The confirmed segment has repetitions that need work: fill them, and how."""

    title_text = "Repetitions"
    choices: ClassVar[list[tuple[str, str, str]]] = [
        ("draft", "d", "Fill them as drafts"),
        ("translated", "t", "Fill them as translated"),
        ("no", "n", "Leave them"),
    ]


class ConcordanceScreen(ComponentStyles, TextEntry[str | None]):
    """Words in, the memory's entries that hold them out; Enter takes an entry's target."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        # run by the app as the key comes (a priority binding), not after a trip from the
        # field up to the screen: an Enter typed right behind ↓ went to the words field
        # (one more search) instead of taking the entry
        Binding("down", "down", show=False, priority=True),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "concordance--hit",
        "concordance--target",
        "concordance--origin",
    }

    def __init__(
        self, search: Callable[[Sequence[str], int], list[MemoryEntry]], words: str = ""
    ) -> None:
        """``search(words, limit)`` looks the words up (it may take a moment: a worker)."""
        super().__init__(classes="dialog-screen")
        self.search = search
        self.initial = words
        self.entries: list[MemoryEntry] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog concordance"):
            yield Static(Content("Concordance: the memory's segments with these words"),
                         classes="dialog-title")  # fmt: skip
            yield TextInput(self.initial, placeholder="words (source or target)", id="words",
                        compact=True)  # fmt: skip
            yield Static("", id="concordance-summary")
            yield OptionList(id="concordance-results")
            yield Static(
                Content("Enter on an entry puts its translation in the editor · ↓ to the list · "
                        "Esc closes"),
                classes="dialog-hint",
            )  # fmt: skip

    def entry_field(self) -> Input:
        return self.query_one("#words", Input)

    def on_mount(self) -> None:
        if self.initial.strip():
            self.look_up(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        self._timer = self.set_timer(0.2, lambda: self.look_up(value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.entries:
            self.action_focus_results()

    def action_down(self) -> None:
        """↓: from the words to the list of entries; in the list, the next entry."""
        results = self.query_one("#concordance-results", OptionList)
        if self.focused is results:
            results.action_cursor_down()
        else:
            self.action_focus_results()

    def action_focus_results(self) -> None:
        results = self.query_one("#concordance-results", OptionList)
        if results.option_count and self.entries:
            # at once, not after the queued keys (focus() waits): ↓ Enter typed together
            # must select the entry, not submit the input again
            self.set_focus(results)
            results.highlighted = results.highlighted or 0

    @work(thread=True, exclusive=True, group="concordance")
    def look_up(self, text: str) -> None:
        words = text.split()
        found = self.search(words, CONCORDANCE_ROWS) if words else []
        self.app.call_from_thread(self.show, words, found)

    def show(self, words: list[str], found: list[MemoryEntry]) -> None:
        """List ``found`` with ``words`` highlighted, unless the words have changed since
        (a lookup for an earlier state of the typing can finish after a later one)."""
        if words != self.query_one("#words", Input).value.split():
            return
        self.entries = found
        summary = self.query_one("#concordance-summary", Static)
        if not words:
            summary.update(Content("Type one or more words."))
        elif not found:
            summary.update(Content("No entry of the memory holds all of these words."))
        else:
            more = "+" if len(found) >= CONCORDANCE_ROWS else ""
            summary.update(Content(f"{len(found)}{more} entr{'y' if len(found) == 1 else 'ies'}"))
        results = self.query_one("#concordance-results", OptionList)
        # a lookup finishing late (typing went on) must not drop the entry the user is on
        keep = results.highlighted
        results.clear_options()
        results.add_options([Option(self._row(e, words)) for e in found])
        if keep is not None and found:
            results.highlighted = min(keep, len(found) - 1)

    def _row(self, entry: MemoryEntry, words: list[str]) -> Text:
        hit = self.style("concordance--hit")
        source = Text(entry.source)
        target = Text(entry.target, self.style("concordance--target"))
        for text in (source, target):
            text.highlight_words(words, hit, case_sensitive=False)
        origin = f"   {entry.state.label} · {entry.origin}" if entry.origin else ""
        return Text.assemble(source, "\n   → ", target, (origin, self.style("concordance--origin")))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.entries):
            self.dismiss(self.entries[event.option_index].target)
