"""The two kinds of dialog, and the questions the app must ask before it acts: quit with
unsaved edits, recover, resolve a conflict.

Keys typed right behind the key that brought a dialog up reach the app before the dialog is
on screen; what becomes of them depends on the kind of dialog, decided here and nowhere else
(:func:`type_ahead`; every dialog is one of the two):
- a :class:`Question` (the app asks; the translator has to read it first): keys typed before
  it was on screen answer nothing (below);
- a :class:`TextEntry` (the translator opened it with a key to type into: a note, a filter,
  find and replace, a new term): the keys typed right behind that key are its field's, in
  the order typed, and its own keys among them (Ctrl+S, Enter) act after the text before
  them (:class:`workbench.tui.keys.KeyOrder` keeps the order).

Each is a modal screen with one button per answer, stacked so that no label is cut off at
80 columns; each answer's key is shown beside it (as plain text: a label is never read as
markup, so "[s]" stays on screen) and picks it from the keyboard; Escape cancels. The
screen is dismissed with the answer's key, a plain string the app acts on.

A dialog's keys are priority bindings (:func:`answer_bindings`): the app runs them as each
key arrives, in its own queue, so the dialog is gone before the app routes the next key.
Handled by the focused button instead (its own queue, then the screen's), the answer came
late under load, and the keys typed right after it were handed to the closing dialog and
lost: a Ctrl+Q or Ctrl+S after "v", "o" or "t" did nothing. Once dismissed, a dialog is
no longer the app's screen, so its keys answer nothing more.

A dialog that comes up unasked (recovery on open, the repetitions after a confirm, a
conflict after a merge, the quit question after a stray Ctrl+Q) may meet a translator who is
typing. Two rules keep that typing from answering it:
- keys typed before the question was on screen answer nothing (:class:`Question`): they were
  meant for the editor, and nobody has read the question yet. Like curses' ``flushinp``
  before a prompt, they are dropped, and the app says how many;
- an answer that loses work (discarding the recovered edits or the unsaved ones, reloading
  over one's own) asks once more, with "No" focused, so a word typed into the dialog after
  it appeared never throws work away.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Static

from workbench.tui.keys import key_order


def answer_bindings(keys: dict[str, str], action: str = "answer") -> list[BindingType]:
    """Priority bindings answering a dialog: ``{key: value}`` runs ``action(value)`` (a
    letter in either case), plus Enter for the focused button and Up/Down between the
    buttons, all run by the app in typing order (see the module's docstring)."""
    bindings: list[BindingType] = [
        Binding("enter", "press_focused", show=False, priority=True),
        Binding("up", "app.focus_previous", show=False, priority=True),
        Binding("down", "app.focus_next", show=False, priority=True),
    ]
    for key, answer in keys.items():
        names = f"{key},{key.upper()}" if len(key) == 1 and key.isalpha() else key
        bindings.append(Binding(names, f"{action}({answer!r})", show=False, priority=True))
    return bindings


def key_label(label: str, key: str) -> Content:
    """A button label with its key, as plain text (``Save and quit  [s]``)."""
    return Content.assemble(label, "  ", (f"[{key}]", "bold"))


AnswerT = TypeVar("AnswerT")


class Question(ModalScreen[AnswerT]):
    """A dialog answered by single keys, which only keys typed after it was put up answer
    (see the module's docstring; :func:`type_ahead` asks :meth:`drop_type_ahead` of each
    key typed while it is up)."""

    #: When the question was put up (Textual's clock, that of ``events.Key.time``): keys
    #: typed from then on may answer it (it is drawn a few milliseconds later).
    shown_at: float | None = None
    #: Keys typed before it was put up, which it dropped.
    dropped = 0

    def on_mount(self) -> None:
        self.shown_at = events.Idle().time  # a message's time: the clock a key's time is on

    def drop_type_ahead(self, key: events.Key) -> bool:
        """Drop ``key`` (and say so) if it was typed before this question could be read."""
        if self.shown_at is not None and key.time >= self.shown_at:
            return False
        key.stop()
        key.prevent_default()
        self.dropped += 1
        return True

    def dismiss(self, result: AnswerT | None = None) -> AwaitComplete:
        if self.dropped:
            self.app.notify(
                f"{self.dropped} key(s) typed before the question appeared answered nothing "
                "and were not typed: type them again if they were meant for the text.",
                title="Keys not used",
                severity="warning",
            )
            self.dropped = 0
        return super().dismiss(result)

    def action_answer(self, answer: str) -> None:
        """Act on ``answer`` (a button's id without ``choice-``, or a key's answer)."""
        raise NotImplementedError

    def action_press_focused(self) -> None:
        """Enter: the focused button's answer."""
        focused = self.focused
        if isinstance(focused, Button):
            self.action_answer((focused.id or "choice-cancel").removeprefix("choice-"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_answer((event.button.id or "choice-cancel").removeprefix("choice-"))


class TextEntry(ModalScreen[AnswerT], Generic[AnswerT]):
    """A dialog the translator opened with a key, to type into: the keys typed behind that
    key are its field's (see the module's docstring). Until it is mounted and its field
    (:meth:`entry_field`) has the focus, the keys typed wait in the app.

    The field is focused here, at once (``Widget.focus()`` waits for the app's queue, and
    until then Textual's auto-focus had given the focus to the first focusable widget: the
    note dialog's comments, where the typed note was lost)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        key_order(self.app).hold(self)

    def entry_field(self) -> Widget:
        """The field the keys typed behind the opening key go to."""
        raise NotImplementedError

    def on_mount(self) -> None:
        self.set_focus(self.entry_field())
        self.call_later(key_order(self.app).release, self)

    def on_unmount(self) -> None:
        key_order(self.app).release(self)


def type_ahead(key: events.Key, top: Screen[object], under: Widget | None = None) -> bool:
    """What becomes of ``key``, typed while ``top`` is the app's screen (see the module's
    docstring): ``True`` if taken here. The app asks this of each key as it comes; every
    widget that takes keys in its own queue asks it first (``under``: that widget).

    A key reaches a widget's queue behind the keys typed before it, and one of those may
    have moved the focus (Tab, F10) or put a dialog up (F12, Ctrl+N's repetitions): a key
    queued to a widget that is no longer the focus goes on to the focus now, in typing
    order, unless the dialog now on top is a question: typed before it was up, it answers
    nothing."""
    if under is not None and under is not top.focused:
        if isinstance(top, Question) and top is not under.screen:
            return top.drop_type_ahead(key)
        key_order(under.app).hand_back(key)
        return True
    if under is None and isinstance(top, Question):
        return top.drop_type_ahead(key)
    return False


class ChoiceScreen(Question[str]):
    """A question with a few answers, each a button and a key."""

    BINDINGS: ClassVar[list[BindingType]] = answer_bindings({"escape": "cancel"})

    title_text = ""
    choices: ClassVar[list[tuple[str, str, str]]] = []  # (answer, key, label)
    #: Answers that lose work, and the question that confirms each.
    confirm: ClassVar[dict[str, str]] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        # each answer's key, bound before Textual merges the class's bindings; a dialog
        # whose answers depend on what it asks (answers()) may answer any digit or letter
        keys = [key for _, key, _ in cls.choices] or [*"123456789", *"abcdefghijklmnopqrstuvwxyz"]
        cls.BINDINGS = answer_bindings({key: key for key in keys}, action="key")
        super().__init_subclass__(**kwargs)  # type: ignore[arg-type]

    def __init__(self, body: str) -> None:
        super().__init__(classes="dialog-screen")
        self.body = body

    def answers(self) -> list[tuple[str, str, str]]:
        """The answers offered, (answer, key, label) each: :attr:`choices`, unless a dialog
        whose answers depend on what it asks about says otherwise."""
        return self.choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.body), classes="dialog-body")
            with Vertical(classes="dialog-buttons"):
                for n, (answer, key, label) in enumerate(self.answers()):
                    yield Button(
                        key_label(label, key),
                        id=f"choice-{answer}",
                        variant="primary" if n == 0 else "default",
                        compact=True,
                    )

    def on_mount(self) -> None:
        buttons = self.query(Button)
        if buttons:  # none once the dialog is dismissed before it was mounted
            self.set_focus(buttons.first())

    def action_key(self, key: str) -> None:
        """The answer whose key this is, if any."""
        for answer, answer_key, _ in self.answers():
            if answer_key == key:
                self.action_answer(answer)
                return

    def action_answer(self, answer: str) -> None:
        """Answer (asking once more first if the answer loses work)."""
        question = self.confirm.get(answer)
        if question is None:
            self.dismiss(answer)
            return

        def confirmed(sure: str | None) -> None:
            if sure == "yes" and self.is_current:
                self.dismiss(answer)

        self.app.push_screen(SureScreen(question), confirmed)


class SureScreen(ChoiceScreen):
    """An answer that loses work, asked once more; "No" is focused (Enter keeps the work)."""

    title_text = "Are you sure?"
    choices: ClassVar[list[tuple[str, str, str]]] = [
        ("no", "n", "No, go back"),
        ("yes", "y", "Yes"),
    ]


class ConfirmQuitScreen(ChoiceScreen):
    """Quitting with unsaved edits: save first, throw them away, or stay."""

    title_text = "Unsaved edits"
    choices: ClassVar[list[tuple[str, str, str]]] = [
        ("save", "s", "Save and quit"),
        ("discard", "d", "Quit without saving"),
        ("cancel", "c", "Cancel"),
    ]
    confirm: ClassVar[dict[str, str]] = {
        "discard": "Quit and throw the unsaved edits away for good? They cannot be brought back."
    }


class RecoveryScreen(ChoiceScreen):
    """A journal of unsaved edits was found: put them back, or throw them away."""

    title_text = "Recover unsaved edits?"
    choices: ClassVar[list[tuple[str, str, str]]] = [
        ("recover", "r", "Recover them"),
        ("discard", "d", "Discard them"),
    ]
    confirm: ClassVar[dict[str, str]] = {
        "discard": "Discard the unsaved edits for good? They cannot be brought back."
    }


class ConflictScreen(ChoiceScreen):
    """The PO file changed on disk since it was opened: how to save without clobbering it."""

    title_text = "The file changed on disk"
    choices: ClassVar[list[tuple[str, str, str]]] = [
        ("merge", "m", "Merge my edits into it and save"),
        ("reload", "r", "Reload it, drop my edits"),
        ("overwrite", "o", "Overwrite it with my version"),
        ("cancel", "c", "Cancel (decide later; nothing is lost)"),
    ]
    confirm: ClassVar[dict[str, str]] = {
        "reload": "Reload the file and drop your unsaved edits for good?"
    }
