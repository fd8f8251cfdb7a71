"""The target editor: a soft-wrapping TextArea whose command keys belong to the workbench.

Keys reach a focused widget through its own message queue, one after another; a binding,
though, runs when the key has bubbled up to the app, and by then the editor may have
inserted the characters typed after it (or, for a priority binding, not yet the ones typed
before it). So the editor runs the workbench's commands itself, in its queue, in the order
they were typed: keys typed in a burst before Ctrl+N stay in their segment, and keys typed
after it go to the next one. The command keys come from
:data:`workbench.tui.commands.COMMANDS`; TextArea's own uses of them (F6, F7, Ctrl+A,
Ctrl+Z…) give way.

Tabs, and the spaces and line breaks at either end of the text, are drawn as ``→``, ``·``
and ``⏎``, control characters as their control pictures (``␍``, ``␛``, ``␋``:
:mod:`workbench.domain.whitespace`); the text itself keeps the real characters. TextArea
takes CR, VT, FF, the separators 0x1C–0x1E, NEL and U+2028/U+2029 for line breaks too (as
``str.splitlines`` does) and gives its text back with ``\n`` in their place: glibc's argp
help texts (``"…catalog.\vIf INPUT-FILE…"``) changed as soon as the segment was left. The
editor keeps them as characters of their line (stand-ins in the document, the real
characters in :attr:`TargetEditor.text`), so a text comes back as it went in.

A typed character is inserted although Python's ``str.isprintable`` says no (TextArea
inserts only those it says yes to): a non-breaking space (AltGr+Shift+Space on a German
keyboard), U+202F, a soft hyphen, a zero-width joiner…

Misspelt words are underlined as the translator types: the screen sets :attr:`misspelt`
(from live QA) for the text it was computed on, and the editor draws the spans only while
its text is still that text (a stale span never lands on the wrong letters).
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.reactive import var
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult, Location

from workbench.domain.whitespace import EDGE, TAB_GLYPH, Mark, visible_marks
from workbench.tui.commands import APP_ACTIONS, COMMANDS, SUGGESTION_KEYS
from workbench.tui.keys import FOCUS_KEYS, binding_keys
from workbench.tui.styles import ComponentStyles
from workbench.tui.widgets.fields import own_key


def _command_keys() -> dict[str, str]:
    """Key → the action it runs, for every command the editing screen handles."""
    keys = {
        key: f"app.{c.action}" if c.action in APP_ACTIONS else f"screen.{c.action}"
        for c in COMMANDS
        if not c.focus
        for key in c.bound_keys.split(",")
    }
    for n in range(1, SUGGESTION_KEYS + 1):
        keys[f"alt+{n}"] = f"screen.use_suggestion({n - 1})"
    return keys


#: The characters TextArea would take for line breaks besides ``\n`` (``str.splitlines``).
_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: Where their stand-ins start: Supplementary Private Use Area-A (not in real catalogues).
_STAND_IN = 0xF0000
_TO_STAND_INS = str.maketrans({c: chr(_STAND_IN + ord(c)) for c in _LINE_BREAKS})
_FROM_STAND_INS = str.maketrans({chr(_STAND_IN + ord(c)): c for c in _LINE_BREAKS})


class Misspelt(NamedTuple):
    """Character spans ``(start, end)`` of misspelt words in ``text``."""

    text: str
    spans: tuple[tuple[int, int], ...]


class TargetEditor(ComponentStyles, TextArea):
    """The segment's translation, with undo; Tab moves focus on (to the suggestions)."""

    #: Every key the editor runs in its own queue: the workbench's commands, and TextArea's
    #: own editing keys (Backspace, arrows… would otherwise run as bindings, after the
    #: characters typed behind them).
    COMMAND_KEYS: ClassVar[dict[str, str]] = {
        **binding_keys(TextArea.BINDINGS),
        **_command_keys(),
        **FOCUS_KEYS,
    }
    COMPONENT_CLASSES = TextArea.COMPONENT_CLASSES | {
        "target-editor--misspelt",
        "target-editor--space",
    }

    #: The misspelt words to underline, and the text they were found in.
    misspelt: var[Misspelt] = var(Misspelt("", ()))

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        self.indent_width = 1  # a tab is drawn as one → (see get_line)
        self._marked: tuple[str, list[Mark]] = ("", [])
        #: Whether the document ever held a stand-in (see the module's docstring).
        self._stand_ins = False

    async def on_key(self, event: events.Key) -> None:
        """Run a command key here, in typing order; never insert Alt+key as text; insert a
        typed character TextArea would drop (see the module's docstring)."""
        typed = await own_key(self, self.COMMAND_KEYS, event)
        if typed and not self.read_only:
            self.replace(typed, *self.selection, maintain_selection_offset=False)
        elif event.key.startswith("alt+"):
            event.prevent_default()

    # --- the text as it is, whatever TextArea takes for a line break ------------------

    @property
    def text(self) -> str:
        """The text, with the characters TextArea would take for line breaks as they are."""
        text = self.document.text
        return text.translate(_FROM_STAND_INS) if self._stand_ins else text

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    def load_text(self, text: str) -> None:
        shown = text.translate(_TO_STAND_INS)
        self._stand_ins = self._stand_ins or shown != text
        super().load_text(shown)

    def edit(self, edit: Edit) -> EditResult:
        shown = edit.text.translate(_TO_STAND_INS)
        if shown != edit.text:
            self._stand_ins = True
            edit.text = shown
        return super().edit(edit)

    def get_text_range(self, start: Location, end: Location) -> str:
        text = super().get_text_range(start, end)
        return text.translate(_FROM_STAND_INS) if self._stand_ins else text

    def watch_misspelt(self, old: Misspelt, new: Misspelt) -> None:
        if old.spans or new.spans:
            self.notify_style_update()  # drops the editor's cache of rendered lines
            self.refresh()

    def get_line(self, line_index: int) -> Text:
        """The line as TextArea draws it: tabs and the text's edge spaces as glyphs (``→``,
        ``·``; one cell each, as a tab is with ``indent_width`` 1, so the cursor and the
        wrapping stay where TextArea puts them), a line break at either end of the text as
        ``⏎`` after its line, misspelt words underlined."""
        line = super().get_line(line_index)
        text = self.text
        document = self.document
        start = line_index * len(document.newline)
        start += sum(len(document.get_line(row)) for row in range(line_index))
        raw = document.get_line(line_index)  # Rich's Text drops BEL, BS, CR… from the line
        end = start + len(raw)
        marks = [m for m in self._marks_of(text) if start <= m.offset <= end]
        if self.suggestion:  # a completion is offered after the text: its end is no end
            last = len(text.rstrip(EDGE))
            marks = [m for m in marks if m.offset < last or m.glyph == TAB_GLYPH]
        if marks:
            style = self.style("target-editor--space")
            chars = list(raw)
            for mark in marks:
                if mark.offset < end:
                    chars[mark.offset - start] = mark.glyph
            line.plain = "".join(chars)
            for mark in marks:
                if mark.offset < end:
                    line.stylize(style, mark.offset - start, mark.offset - start + 1)
                else:  # this line's own line break, at the start or end of the text
                    line.append(mark.glyph, style)
        misspelt = self.misspelt
        if not misspelt.spans or misspelt.text != text:
            return line
        style = self.style("target-editor--misspelt")
        for span_start, span_end in misspelt.spans:
            if span_start < end and span_end > start:
                line.stylize(style, max(span_start - start, 0), min(span_end, end) - start)
        return line

    def _marks_of(self, text: str) -> list[Mark]:
        """:func:`visible_marks` of ``text``, kept for the text last drawn."""
        if self._marked[0] != text:
            self._marked = (text, visible_marks(text))
        return self._marked[1]

    @property
    def can_undo_typing(self) -> bool:
        """True while there is typing in this segment for the editor's own undo."""
        return bool(self.history.undo_stack)

    @property
    def can_redo_typing(self) -> bool:
        return bool(self.history.redo_stack)

    def offset_of(self, location: tuple[int, int]) -> int:
        """The character offset in :attr:`text` of a (row, column) location."""
        document = self.document
        row, column = location
        before = sum(len(document.get_line(r)) for r in range(row))
        return before + row * len(document.newline) + column

    def location_of(self, offset: int) -> tuple[int, int]:
        """The (row, column) location of a character offset in :attr:`text`."""
        document = self.document
        for row in range(document.line_count):
            length = len(document.get_line(row))
            if offset <= length:
                return (row, offset)
            offset -= length + len(document.newline)
        return document.end
