"""The current segment's panels: source with glossary terms and comments, term list, findings.

Each panel is redrawn from the session when the segment changes or the target is edited;
none keeps state of its own beyond what it shows, so they stay cheap on every keystroke.
Colours come from the stylesheet through component classes (:mod:`workbench.tui.styles`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbench.domain.checks.base import Severity
from workbench.domain.glossary import TermStatus
from workbench.domain.memory import DiffOp, word_diff
from workbench.domain.progress import Progress
from workbench.domain.states import ReviewState
from workbench.domain.tags import INLINE_TAG
from workbench.domain.units import Unit
from workbench.domain.whitespace import printable, visible_marks, with_glyphs
from workbench.services.live_qa import FindingView, TermHit
from workbench.tui.messages import TermChosen
from workbench.tui.styles import (
    DIFF_CLASSES,
    SEVERITY_CLASSES,
    STATE_CLASSES,
    ComponentStyles,
)


class TextPanel(ComponentStyles, Widget):
    """A panel of rich text; with a fixed height an update redraws it without a layout pass."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = Text()

    def update(self, text: Text) -> None:
        self._text = text
        height = self.styles.height
        self.refresh(layout=height is None or height.is_auto)  # auto height: re-measure

    def render(self) -> Text:
        return self._text


def tagged_text(
    text: str,
    styles: Iterable[tuple[int, int, Style]],
    *,
    tag_style: Style,
    space_style: Style,
) -> Text:
    """``text`` with the workbench's inline tags as compact chips (``⟨b0 … b0⟩``, ``⟨c1⟩``
    for ``<b0>…</b0>``, ``<c1/>``), tabs and edge spaces drawn as glyphs (``→``, ``·``, in
    ``space_style``) and ``styles`` laid over spans of the original text."""
    spans = list(styles)
    spans += [(m.offset, m.offset + 1, space_style) for m in visible_marks(text)]
    shown = with_glyphs(text)

    def plain(start: int, end: int) -> Text:
        piece = Text(shown[start:end])
        for s, e, style in spans:
            if s < end and start < e:
                piece.stylize(style, max(s, start) - start, min(e, end) - start)
        return piece

    out = Text()
    pos = 0
    for m in INLINE_TAG.finditer(text):
        out.append_text(plain(pos, m.start()))
        slash, letters, number, alone = m.groups()
        name = letters + number
        chip = f"{name}⟩" if slash else f"⟨{name}⟩" if alone else f"⟨{name}"
        out.append(chip, tag_style)
        pos = m.end()
    out.append_text(plain(pos, len(text)))
    return out


def diff_text(old: str, new: str, styles: Mapping[DiffOp, Style]) -> Text:
    """``old`` turned into ``new`` word by word (:func:`word_diff`, as Poedit, Lokalize
    and OmegaT mark a changed source): each piece in the style of its kind, tabs and
    control characters as their glyphs (``→``, ``␍``)."""
    text = Text()
    for piece in word_diff(old, new):
        text.append(printable(piece.text, lines=True), styles[piece.op])
    return text


class SourceView(TextPanel):
    """The source text with glossary terms highlighted, and the entry's comments under it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "source-view--heading",
        "source-view--id",
        "source-view--term",
        "source-view--dnt",
        "source-view--changed",
        "source-view--comment",
        "source-view--tag",
        "source-view--space",
        *DIFF_CLASSES.values(),
        *STATE_CLASSES.values(),
    }

    def show(self, unit: Unit, hits: list[TermHit], position: str, form: int = 0) -> None:
        """Show ``unit``'s source; for a plural entry its plural source (``msgid_plural``)
        too, marked ``▶`` where it is the source of ``form``, the plural form edited."""
        text = tagged_text(
            unit.source,
            (
                (h.start, h.end, self.style("source-view--dnt" if h.dnt else "source-view--term"))
                for h in hits
            ),
            tag_style=self.style("source-view--tag"),
            space_style=self.style("source-view--space"),
        )
        head = Text.assemble(
            ("Source ", self.style("source-view--heading")),
            (unit.id or "", self.style("source-view--id")),
            "  ",
            self.state_badge(unit.state),
        )
        head.append(f"  {position}", style=self.style("source-view--id"))
        if unit.previous_source:
            head.append("  (source changed)", style=self.style("source-view--changed"))
        self.border_title = head
        lines = [text]
        if unit.source_plural is not None:
            mark = self.style("source-view--heading")
            lines = [
                Text.assemble(("▶ " if form == 0 else "  ", mark), ("singular: ", mark), text),
                Text.assemble(
                    ("▶ " if form else "  ", mark),
                    ("plural:   ", mark),
                    tagged_text(
                        unit.source_plural,
                        (),
                        tag_style=self.style("source-view--tag"),
                        space_style=self.style("source-view--space"),
                    ),
                ),
            ]
        if unit.previous_source:
            lines.append(
                Text.assemble(
                    ("was: ", self.style("source-view--changed")),
                    diff_text(
                        unit.previous_source, unit.source, self.diff_styles("source-view--comment")
                    ),
                )
            )
        lines += [
            Text(line, style=self.style("source-view--comment")) for line in comment_lines(unit)
        ]
        self.update(Text("\n").join(lines))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The whole text's height (what :meth:`render` draws may be cut to the panel)."""
        return len(self._text.wrap(self.app.console, width)) if width > 0 else 0

    def render(self) -> Text:
        """The source; when it is longer than the panel (a long help text at 80×24), its
        last line says how much more there is, instead of stopping mid-sentence unmarked."""
        text = self._text
        width, height = self.content_region.width, self.content_region.height
        if width <= 0 or height <= 0:
            return text
        lines = text.wrap(self.app.console, width)
        if len(lines) <= height:
            return text
        more = len(lines) - height + 1
        marker = Text(
            f"… {more} more line{'s' if more != 1 else ''} (F12 shows the whole source)",
            style=self.style("source-view--changed"),
        )
        return Text("\n").join([*lines[: height - 1], marker])


def comment_lines(unit: Unit, limit: int = 2) -> list[str]:
    """A short look at the entry's comments: extracted (#.), translator notes (#)."""
    lines = [f"#. {c}" for c in unit.comments if c.strip()]
    lines += [f"# {n}" for n in unit.notes if n.strip()]
    if len(lines) > limit:
        lines = [*lines[: limit - 1], f"… {len(lines) - limit + 1} more (F12)"]
    return lines


class TermList(ComponentStyles, OptionList):
    """The glossary terms found in the source, each target with its own status; pick one to
    insert it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "term-list--term",
        "term-list--target",
        "term-list--status",
        "term-list--dnt",
        "term-list--forbidden",
        "term-list--note",
        "term-list--empty",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[TermHit] = []

    def show(self, hits: list[TermHit]) -> None:
        unique = _unique_terms(hits)
        if unique == self.hits and self.option_count:
            return
        self.clear_options()
        self.hits = unique
        if not self.hits:
            empty = Text("no glossary terms in this segment", self.style("term-list--empty"))
            self.add_option(Option(empty, disabled=True))
            return
        self.add_options([Option(self._line(hit)) for hit in self.hits])
        self.highlighted = 0

    def _line(self, hit: TermHit) -> Text:
        line = Text.assemble((hit.text, self.style("term-list--term")), " → ")
        if hit.dnt:
            line.append("do not translate", style=self.style("term-list--dnt"))
        for n, rendering in enumerate(r for r in hit.renderings if r.status != TermStatus.DNT):
            line.append("; " if n or hit.dnt else "")
            line.append(rendering.text, style=self.style("term-list--target"))
            line.append(f" ({rendering.status.value})", style=self.style("term-list--status"))
        if hit.forbidden:
            forbidden = f"  not: {', '.join(hit.forbidden)}"
            line.append(forbidden, style=self.style("term-list--forbidden"))
        if hit.note:
            line.append(f"  {hit.note}", style=self.style("term-list--note"))
        return line

    def term_text(self, position: int | None = None) -> str | None:
        """The target text to insert for the highlighted (or given) term."""
        hits = self.hits
        position = self.highlighted if position is None else position
        if position is None or not 0 <= position < len(hits):
            return None
        hit = hits[position]
        return hit.text if hit.dnt or not hit.targets else hit.targets[0]

    def next_term(self) -> None:
        """Highlight the next term (wrapping)."""
        if self.hits:
            self.highlighted = ((self.highlighted or 0) + 1) % len(self.hits)

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


class FindingsView(TextPanel):
    """QA findings on the current target, updated as the translator types."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "findings--check",
        "findings--none",
        "findings--note",
        *SEVERITY_CLASSES.values(),
    }
    _shown: tuple[object, ...] = ()

    def show(self, findings: list[FindingView], note: str = "") -> None:
        key = (tuple(findings), note)
        if key == self._shown:
            return
        self._shown = key
        counts = [
            f"{n} {severity.label}{'s' if n > 1 and severity is not Severity.INFO else ''}"
            for severity in sorted(Severity, reverse=True)
            if (n := sum(1 for f in findings if f.severity is severity))
        ]
        self.border_title = f"QA: {', '.join(counts)}" if counts else "QA"
        if not findings:
            name = "findings--note" if note else "findings--none"
            self.update(Text(note or "✓ no QA findings", style=self.style(name)))
            return
        lines = [
            Text.assemble(
                (f"{f.severity.label:<8}", self.style(SEVERITY_CLASSES[f.severity])),
                (f"{f.check:<10} ", self.style("findings--check")),
                f.message,
            )
            for f in findings
        ]
        self.update(Text("\n").join(lines))


class StatusBar(TextPanel):
    """File name, unsaved marker, filter, and progress in segments and words per state."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status--name",
        "status--dirty",
        "status--done",
        "status--extra",
        *STATE_CLASSES.values(),
    }

    #: Narrower than this, the counts leave out the words.
    WORDS_FROM = 110
    _shown: tuple[str, Progress, int, str] | None = None

    def show(self, name: str, progress: Progress, dirty: int, extra: str = "") -> None:
        """What matters first comes first, so a narrow terminal cuts the least of it: the
        file, unsaved edits, the filter and notes, then progress."""
        self._shown = (name, progress, dirty, extra)
        text = Text.assemble((name, self.style("status--name")))
        if dirty:
            text.append(f"  ● {dirty} unsaved", style=self.style("status--dirty"))
        if extra:
            text.append(f"  {extra}", style=self.style("status--extra"))
        text.append("  ")
        words = self.size.width >= self.WORDS_FROM
        for state in reversed(ReviewState):
            text.append(f" {state.label[0].upper()} ", style=self.style(STATE_CLASSES[state]))
            count = f"{progress.segments[state]}"
            text.append(f"{count}/{progress.words[state]}w " if words else f"{count} ")
        total = progress.total
        done = progress.segments[ReviewState.TRANSLATED] + progress.segments[ReviewState.REVIEWED]
        text.append(f" {done}/{total} done", style=self.style("status--done"))
        self.update(text)

    def on_resize(self) -> None:
        if self._shown:
            self.show(*self._shown)
