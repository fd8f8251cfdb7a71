"""The segment's comments: what the programmer or the extraction left (``#.``), where it
comes from (``#:``), what MT and review recorded, and the translator's own note (``#``).

The note is stored as translator comment lines, which ``msgcat`` and ``msgmerge`` keep
(gettext drops nothing it does not understand there); lines beginning ``wb:`` are the
workbench's own metadata and cannot be typed as a note. Dismissed with the note's lines, or
``None`` when cancelled.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static, TextArea

from workbench.domain.units import META_PREFIX, Unit
from workbench.domain.whitespace import printable, with_glyphs
from workbench.tui.screens.dialogs import TextEntry, key_label
from workbench.tui.styles import DIFF_CLASSES, ComponentStyles
from workbench.tui.widgets.fields import TextBox
from workbench.tui.widgets.panels import diff_text


def comment_sections(unit: Unit) -> list[tuple[str, list[str]]]:
    """(heading, lines) for each kind of comment the entry has."""
    sections = [
        ("Extracted comments (#.)", list(unit.comments) if any(unit.comments) else []),
        ("References (#:)", list(unit.references)),
    ]
    recorded = []
    if unit.origin is not None:
        model = unit.origin.model or unit.origin.engine
        recorded.append(f"MT draft by {model}" + (f": {unit.origin.mt}" if unit.origin.mt else ""))
    if unit.review is not None:
        held = "" if unit.review.holds_for(*unit.forms) else " (the text changed since)"
        recorded.append(f"reviewed by {unit.review.by} at {unit.review.at}{held}")
    recorded += [f"waived {w.check}: {w.reason}" for w in unit.waivers]
    sections.append(("Recorded by the workbench", recorded))
    return [(heading, lines) for heading, lines in sections if lines]


class CommentsScreen(ComponentStyles, TextEntry[list[str] | None]):
    """The entry's comments, read-only, and the translator's note to edit. The previous
    source's change is marked in the Source panel's colours (the ``diff--…`` classes)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(DIFF_CLASSES.values())

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("ctrl+s", "keep", "Keep the note"),  # in the note: TextBox's keys
    ]

    def __init__(self, unit: Unit, where: str) -> None:
        """``where`` names the segment for the title (its id, or its position)."""
        super().__init__(classes="dialog-screen")
        self.unit = unit
        self.where = where

    def compose(self) -> ComposeResult:
        unit = self.unit
        with Vertical(classes="dialog comments"):
            yield Static(Content(f"Comments — segment {self.where}"), classes="dialog-title")
            with VerticalScroll(classes="comment-sections"):
                yield Static(Text(with_glyphs(unit.source)), classes="comment-source")
                if unit.previous_source:
                    yield Static(
                        Content("Previous source (#| msgid), the changes marked"),
                        classes="comment-heading",
                    )
                    yield Static(
                        diff_text(unit.previous_source, unit.source, self.diff_styles()),
                        classes="comment-lines",
                    )
                sections = comment_sections(unit)
                if not sections:
                    yield Static(Content("No comments in the file for this segment."))
                for heading, lines in sections:
                    yield Static(Content(heading), classes="comment-heading")
                    yield Static(
                        Text(printable("\n".join(lines), lines=True)), classes="comment-lines"
                    )
            yield Static(
                Content("Your note (a translator comment; gettext and other tools keep it)"),
                classes="comment-heading",
            )
            yield TextBox("\n".join(unit.notes), keys={"ctrl+s": "keep"}, id="note")
            yield Static("", id="note-problem", classes="dialog-problem")
            with Vertical(classes="dialog-buttons"):
                yield Button(key_label("Keep the note", "ctrl+s"), id="keep", compact=True)
                yield Button(key_label("Cancel", "esc"), id="cancel", compact=True)

    def entry_field(self) -> TextArea:
        return self.query_one("#note", TextArea)

    def on_mount(self) -> None:
        note = self.entry_field()
        note.move_cursor(note.document.end)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "keep":
            self.action_keep()
        else:
            self.dismiss(None)

    def action_keep(self) -> None:
        lines = self.query_one("#note", TextArea).text.rstrip("\n").split("\n")
        lines = [] if lines == [""] else lines
        bad = next((line for line in lines if line.strip().startswith(META_PREFIX)), None)
        if bad is not None:
            self.query_one("#note-problem", Static).update(
                Content(
                    f"A note line cannot begin with {META_PREFIX!r} (the workbench's own "
                    f"comments do): {bad.strip()[:40]!r}"
                )
            )
            return
        self.dismiss(lines)
