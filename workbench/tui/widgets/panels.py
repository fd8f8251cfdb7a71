"""The current segment's panels: source with glossary terms, term list, suggestions, findings.

Each panel is redrawn from the session when the segment changes or the target is edited;
none keeps state of its own beyond what it shows, so they stay cheap on every keystroke.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbench.domain.progress import Progress
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit
from workbench.services.live_qa import FindingView, TermHit
from workbench.services.memory import TmMatch
from workbench.tui.messages import SuggestionChosen, TermChosen

STATE_COLOURS = {
    ReviewState.UNTRANSLATED: "red",
    ReviewState.DRAFT: "yellow",
    ReviewState.TRANSLATED: "cyan",
    ReviewState.REVIEWED: "green",
}
SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def state_badge(state: ReviewState) -> Text:
    """A coloured ``[draft]``-style label."""
    return Text(f" {state.label} ", style=f"bold black on {STATE_COLOURS[state]}")


class TextPanel(Widget):
    """A panel of rich text; with a fixed height an update redraws it without a layout pass."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def update(self, text: Text) -> None:
        self._text = text
        height = self.styles.height
        self.refresh(layout=height is not None and height.is_auto)  # auto height: re-measure

    def render(self) -> Text:
        return self._text


class SourceView(TextPanel):
    """The source text, with the glossary's terms highlighted (forbidden/DNT in their colours)."""

    def show(self, unit: Unit, hits: list[TermHit], position: str) -> None:
        text = Text(unit.source)
        for hit in hits:
            style = "bold magenta" if hit.dnt else "bold underline yellow"
            text.stylize(style, hit.start, hit.end)
        head = Text.assemble(
            ("Source ", "bold"), (unit.id or "", "dim"), "  ", state_badge(unit.state)
        )
        head.append(f"  {position}", style="dim")
        if unit.previous_source:
            head.append("  (source changed)", style="italic yellow")
        self.update(Text("\n").join([head, text]))


class TermList(OptionList):
    """The glossary terms found in the source: target, status and note; pick one to insert."""

    hits: list[TermHit] = []  # noqa: RUF012 - replaced per instance in show()

    def show(self, hits: list[TermHit]) -> None:
        unique = _unique_terms(hits)
        if unique == self.hits and self.option_count:
            return
        self.clear_options()
        self.hits = unique
        if not self.hits:
            self.add_option(
                Option(Text("no glossary terms in this segment", style="dim"), disabled=True)
            )
            return
        options = []
        for hit in self.hits:
            line = Text.assemble((hit.text, "bold yellow"), " → ")
            if hit.dnt:
                line.append("do not translate", style="magenta")
            else:
                line.append(", ".join(hit.targets) or "?", style="bold green")
            if hit.forbidden:
                line.append(f"   not: {', '.join(hit.forbidden)}", style="red")
            if hit.status:
                line.append(f"  [{hit.status}]", style="dim")
            if hit.note:
                line.append(f"  {hit.note}", style="italic dim")
            options.append(Option(line))
        self.add_options(options)
        self.highlighted = 0

    def term_text(self, position: int | None = None) -> str | None:
        """The target text to insert for the highlighted (or given) term."""
        hits = self.hits
        position = self.highlighted if position is None else position
        if position is None or not 0 <= position < len(hits):
            return None
        hit = hits[position]
        return hit.text if hit.dnt or not hit.targets else hit.targets[0]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        text = self.term_text(event.option_index)
        if text:
            self.post_message(TermChosen(text))


def _unique_terms(hits: list[TermHit]) -> list[TermHit]:
    seen: set[str] = set()
    out = []
    for hit in hits:
        if hit.source_term not in seen:
            seen.add(hit.source_term)
            out.append(hit)
    return out


class SuggestionList(TextPanel):
    """The MT draft, translation-memory matches and the reference: click one to use it.

    Drawn as one block of text (no per-option widgets, no layout pass when it changes);
    F3 uses the first, Alt+1..4 the n-th, a click the one under the mouse.
    """

    texts: list[str] = []  # noqa: RUF012 - replaced per instance in show()
    _shown: tuple[object, ...] = ()
    _entries: list[Text] = []  # noqa: RUF012 - replaced per instance in show()

    def show(self, unit: Unit, matches: list[TmMatch], reference: str) -> None:
        key = (unit.origin.mt if unit.origin else "", tuple(matches), reference)
        if key == self._shown and self._entries:
            return
        self._shown = key
        texts: list[str] = []
        entries: list[Text] = []
        if unit.origin is not None and unit.origin.mt:
            entries.append(Text.assemble(("1 MT   ", "bold blue"), unit.origin.mt))
            texts.append(unit.origin.mt)
        for match in matches:
            number = len(entries) + 1
            line = Text.assemble((f"{number} {match.score:3.0f}% ", "bold green"), match.target)
            line.append(f"\n        {match.source}", style="dim")
            entries.append(line)
            texts.append(match.target)
        if reference:
            entries.append(Text.assemble((f"{len(entries) + 1} Ref  ", "bold magenta"), reference))
            texts.append(reference)
        self.texts = texts
        self._entries = entries
        if not entries:
            self.update(Text("no MT draft or memory match", style="dim"))
            return
        self.update(Text("\n").join(entries))

    def nth(self, n: int) -> str | None:
        """The text of suggestion ``n`` (0-based), if there is one."""
        return self.texts[n] if 0 <= n < len(self.texts) else None

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._entries:
            return
        width = max(self.content_region.width, 1)
        top = 0
        for n, entry in enumerate(self._entries):
            height = len(entry.wrap(self.app.console, width))
            if top <= offset.y < top + height:
                self.post_message(SuggestionChosen(self.texts[n]))
                return
            top += height


class FindingsView(TextPanel):
    """QA findings on the current target, updated as the translator types."""

    _shown: tuple[object, ...] = ()

    def show(self, findings: list[FindingView], note: str = "") -> None:
        key = (tuple(findings), note)
        if key == self._shown:
            return
        self._shown = key
        if not findings:
            self.update(Text(note or "✓ no QA findings", style="dim" if note else "green"))
            return
        lines = []
        for f in findings:
            colour = SEVERITY_COLOURS.get(f.severity.label, "white")
            line = Text.assemble(
                (f"{f.severity.label:<8}", f"bold {colour}"),
                (f"{f.check:<10} ", "bold"),
                f.message,
            )
            lines.append(line)
        self.update(Text("\n").join(lines))


class StatusBar(TextPanel):
    """File name, unsaved marker, filter, and progress in segments and words per state."""

    def show(self, name: str, progress: Progress, dirty: int, extra: str = "") -> None:
        text = Text.assemble(("workbench ", "bold"), (name, "bold cyan"))
        if dirty:
            text.append(f"  ● {dirty} unsaved", style="bold magenta")
        text.append("   ")
        for state in reversed(ReviewState):
            colour = STATE_COLOURS[state]
            text.append(f"{state.label} ", style=colour)
            text.append(f"{progress.segments[state]}", style=f"bold {colour}")
            text.append(f"/{progress.words[state]}w  ", style=colour)
        total = progress.total
        done = progress.segments[ReviewState.TRANSLATED] + progress.segments[ReviewState.REVIEWED]
        text.append(f"{done}/{total} done", style="bold")
        if extra:
            text.append(f"   {extra}", style="italic")
        self.update(text)
