"""Messages the TUI's widgets send each other: small dataclasses, one line of why each."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SegmentChosen(Message):
    """The person picked a segment in the list (keys or mouse): show it in the editor."""

    index: int
    focus_editor: bool = False


@dataclass
class SuggestionChosen(Message):
    """The person picked a suggestion (MT draft, memory match, reference): put it in the editor."""

    text: str


@dataclass
class TermChosen(Message):
    """The person picked a glossary term: insert its target at the cursor."""

    text: str
