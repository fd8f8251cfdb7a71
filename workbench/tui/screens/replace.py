"""Find and replace in the translations, with a preview of every change before it is made.

The preview is worked out as the translator types (what each changed segment will read,
the replacements highlighted); Enter replaces them all as one change that Ctrl+Z undoes.
Every form of a plural entry is searched and replaced (the preview names the form). Only
target texts change; sources, comments and states stay (a reviewed segment whose text
changes is no longer reviewed, see :meth:`EditSession.replace_targets`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Static

from workbench.domain.replace import Replaced, Search
from workbench.domain.units import Unit, form_name
from workbench.tui.screens.dialogs import TextEntry
from workbench.tui.styles import ComponentStyles
from workbench.tui.widgets.fields import OptionBox, TextInput

#: How many changed segments the preview lists (the count covers them all).
PREVIEW_ROWS = 200


class ReplaceAll(NamedTuple):
    """What the translator chose: the search, and every form (:attr:`Unit.forms`) of each
    changed unit."""

    search: Search
    texts: dict[int, tuple[str, ...]]


class ReplaceScreen(ComponentStyles, TextEntry[ReplaceAll | None]):
    """Find, replace with, options, and the live preview; Enter replaces all."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"replace--id", "replace--new"}

    def __init__(
        self, units: Sequence[Unit], listed: Sequence[int], filtered: bool, find: str = ""
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.units = units
        self.listed = list(listed)
        self.filtered = filtered
        self.initial = find
        #: The changed forms: (unit, form) → the new text (form 0 is the target).
        self.plan: dict[tuple[int, int], Replaced] = {}
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog replace"):
            yield Static(Content("Find and replace in the translations"), classes="dialog-title")
            yield TextInput(self.initial, placeholder="find", id="find", compact=True)
            yield TextInput(placeholder="replace with", id="replace", compact=True)
            with Horizontal(classes="replace-options"):
                yield OptionBox("Match case", id="match-case", compact=True)
                yield OptionBox("Whole words", id="whole-words", compact=True)
                yield OptionBox("Regular expression", id="regex", compact=True)
                if self.filtered:
                    yield OptionBox("Only listed segments", True, id="listed", compact=True)
            yield Static("", id="replace-summary")
            with VerticalScroll(id="replace-preview"):
                yield Static("", id="replace-rows")
            yield Static(
                Content("Enter replaces all (Ctrl+Z undoes it) · Esc cancels"),
                classes="dialog-hint",
            )

    def entry_field(self) -> Input:
        return self.query_one("#find", Input)

    def on_mount(self) -> None:
        self.refresh_preview()

    def search(self) -> Search:
        return Search(
            self.query_one("#find", Input).value,
            self.query_one("#replace", Input).value,
            match_case=self.query_one("#match-case", Checkbox).value,
            whole_words=self.query_one("#whole-words", Checkbox).value,
            regex=self.query_one("#regex", Checkbox).value,
        )

    def scope(self) -> list[int]:
        only_listed = self.filtered and self.query_one("#listed", Checkbox).value
        return self.listed if only_listed else list(range(len(self.units)))

    def on_input_changed(self) -> None:
        self._schedule()

    def on_checkbox_changed(self) -> None:
        self._schedule()

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.15, self.refresh_preview)

    def refresh_preview(self) -> None:
        """Work out every change now and show the first :data:`PREVIEW_ROWS`."""
        summary = self.query_one("#replace-summary", Static)
        rows = self.query_one("#replace-rows", Static)
        search = self.search()
        scope = self.scope()
        try:
            self.plan = search.plan(
                ((i, form), text) for i in scope for form, text in enumerate(self.units[i].forms)
            )
        except ValueError as exc:
            self.plan = {}
            summary.update(Content(str(exc)))
            rows.update("")
            return
        count = sum(len(r.spans) for r in self.plan.values())
        segments = len({i for i, _ in self.plan})
        summary.update(
            Content(
                f"{count} replacement{'s' if count != 1 else ''} in {segments} "
                f"segment{'s' if segments != 1 else ''} (of {len(scope)} searched)"
            )
        )
        lines = []
        id_style = self.style("replace--id")
        new_style = self.style("replace--new")
        for (i, form), replaced in list(self.plan.items())[:PREVIEW_ROWS]:
            unit = self.units[i]
            where = f"{unit.id or i + 1}"
            if unit.source_plural is not None:
                where += f" {form_name(form, len(unit.forms))}"
            line = Text(f"{where}  ", style=id_style)
            new = Text(replaced.text)
            for start, end in replaced.spans:
                new.stylize(new_style, start, end)
            lines.append(line + new)
        if len(self.plan) > PREVIEW_ROWS:
            lines.append(Text(f"… and {len(self.plan) - PREVIEW_ROWS} more", style=id_style))
        rows.update(Text("\n").join(lines))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self.refresh_preview()
        if self.plan:
            texts: dict[int, tuple[str, ...]] = {}
            for (i, form), replaced in self.plan.items():
                forms = list(texts.get(i, self.units[i].forms))
                forms[form] = replaced.text
                texts[i] = tuple(forms)
            self.dismiss(ReplaceAll(self.search(), texts))
