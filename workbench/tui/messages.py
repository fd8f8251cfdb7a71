"""Messages the TUI's widgets send each other: small dataclasses, one line of why each.

Widgets tell their screen what happened with these (frogmouth's way); nobody reaches into
another widget's private state. The editing screen handles them in
:mod:`workbench.tui.screens.main`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from workbench.domain.completion import Completion
from workbench.domain.units import MtOrigin


@dataclass
class SegmentChosen(Message):
    """The person picked a segment in the list (keys or mouse): show it in the editor;
    ``typed``: characters typed in the list, which go on into the segment's target."""

    index: int
    focus_editor: bool = False
    typed: str = ""


@dataclass
class SuggestionChosen(Message):
    """The person picked suggestion ``number`` (0-based) in the list: put it in the editor."""

    number: int


@dataclass
class Typed(Message):
    """Characters typed while a list (the suggestions) had the focus: they go into the
    editor, which takes the focus (nothing typed is lost)."""

    text: str


@dataclass
class TermChosen(Message):
    """The person picked a glossary term: insert its target at the cursor."""

    text: str


@dataclass
class DraftReady(Message):
    """MT finished a draft for unit ``index``, asked for when its target was ``started_from``.

    The screen puts it in only if the target is still that text: a draft never overwrites
    what a person typed or confirmed meanwhile. ``forms``: every form of the draft (a plural
    entry's further forms drafted from ``msgid_plural``).
    """

    index: int
    target: str
    origin: MtOrigin
    started_from: str
    forms: tuple[str, ...] = ()
    #: The Shift+F5 run it belongs to (0: a single segment's F5): a run is one undo step.
    batch: int = 0


@dataclass
class DraftingEnded(Message):
    """MT drafting stopped: all done, cancelled, or failed with ``problem`` (said to the user)."""

    cancelled: bool = False
    problem: str = ""


@dataclass
class CompletionReady(Message):
    """The MT model continued unit ``index``'s typed target: ``completion`` (``final``: with
    its alternatives, nothing more will come for that keystroke)."""

    index: int
    completion: Completion
    final: bool = False
