"""Misspelt words are underlined in the target editor as the translator types (issue 17).

The spans come from live QA (Hunspell through Enchant, the real dictionaries); the editor
draws them only on the text they were found in. Pilot checks the editor's lines; tmux checks
what a real terminal shows (an underlined word, SGR 4, in ``capture-pane -e``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.text import Text
from textual.pilot import Pilot

from tests.conftest import REPO
from tests.support.tmux import Terminal, have_tmux, workbench_open, xterm_sequence
from tests.test_tui_panels import settle
from workbench.tui.app import make_app
from workbench.tui.screens.spelling import SpellingScreen
from workbench.tui.widgets.editor import Misspelt

SAMPLE = REPO / "tests" / "data" / "tui_sample.po"


@pytest.fixture
def po(tmp_path: Path) -> Path:
    target = tmp_path / "sample.en.po"
    shutil.copy(SAMPLE, target)
    return target


async def until(pilot: Pilot[None], check: Callable[[], bool], what: str) -> None:
    """Let the app work until ``check()`` holds (a loaded machine may need several turns)."""
    for _ in range(100):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def underlined_words(line: Text) -> list[str]:
    """The underlined stretches of an editor line as TextArea draws it."""
    out = []
    for span in line.spans:
        style = span.style
        if not isinstance(style, str) and style.underline:
            out.append(line.plain[span.start : span.end])
    return out


async def test_a_misspelt_word_is_underlined_while_typing_and_not_once_fixed(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=(120, 36)) as pilot:
        main = await settle(app, pilot)
        editor = main.editor
        editor.clear()
        await pilot.press(*"The conferense in Hangzhou")
        await until(pilot, lambda: editor.misspelt.text == editor.text, "the spans")
        assert editor.text == "The conferense in Hangzhou"
        assert editor.misspelt == Misspelt(editor.text, ((4, 14),))
        assert underlined_words(editor.get_line(0)) == ["conferense"]  # not Hangzhou: a name
        # Fixing the word removes the underline at once.
        await pilot.press(*["left"] * 13, "backspace", "c")
        await until(pilot, lambda: editor.misspelt.text == editor.text, "the spans")
        assert editor.text == "The conference in Hangzhou"
        assert editor.misspelt.spans == ()
        assert underlined_words(editor.get_line(0)) == []


async def test_spans_of_another_text_are_not_drawn_and_lines_are_offset(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=(120, 36)) as pilot:
        main = await settle(app, pilot)
        editor = main.editor
        editor.load_text("First line\nA secnod line")
        await until(pilot, lambda: editor.misspelt.text == editor.text, "the spans")
        assert editor.misspelt.spans == ((13, 19),)
        assert underlined_words(editor.get_line(0)) == []
        assert underlined_words(editor.get_line(1)) == ["secnod"]
        # Spans found for other text never land on the wrong letters.
        editor.misspelt = Misspelt("Something else entirely", ((0, 5),))
        assert underlined_words(editor.get_line(1)) == []


@pytest.mark.skipif(not have_tmux(), reason="tmux is not installed")
def test_a_real_terminal_shows_the_misspelt_word_underlined(po: Path) -> None:
    with workbench_open([str(po)], po.parent, (120, 36)) as term:
        term.type(" Teh delegates")  # after the segment's target, cursor at the end
        term.wait_for(lambda s: " Teh delegates" in s, "the typing to show")
        # SGR 4 (underline) set right before "Teh", another SGR right after it
        term.wait_for(lambda s: underlined("Teh\x1b\\[", term), "Teh to be underlined")
        assert not underlined("[^\x1b]*delegates", term)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project (workbench.toml, so it has a word list) with the sample PO."""
    (tmp_path / "workbench.toml").write_text(
        '[project]\ntarget_language = "en"\n[[corpus]]\nsource = "s.md"\npo = "sample.en.po"\n',
        encoding="utf-8",
    )
    target = tmp_path / "sample.en.po"
    shutil.copy(SAMPLE, target)
    return target


SHIFT_F7 = xterm_sequence("kf19")  # what xterm sends for Shift+F7: ESC [ 1 8 ; 2 ~


@pytest.mark.skipif(not have_tmux(), reason="tmux is not installed")
def test_shift_f7_replaces_a_misspelt_word_or_adds_it_to_the_word_list(project: Path) -> None:
    """In a real terminal: Shift+F7 on an underlined word offers the dictionary's
    suggestions (1 replaces it) and "add to the word list" (a): the word is written to
    glossaries/words.txt and neither underlined nor a QA finding any more."""
    words = project.parent / "glossaries" / "words.txt"
    with workbench_open([str(project)], project.parent, (120, 36)) as term:
        term.type(" recieved")  # after the segment's target, cursor at the end
        term.wait_for(lambda s: underlined("recieved", term), "recieved to be underlined")
        term.xterm(SHIFT_F7)
        term.shows("Spelling: “recieved”", "the spelling dialog")
        assert "received" in term.screen() and "Add “recieved” to the word list" in term.screen()
        term.type("1")
        term.wait_for(lambda s: "exchange. received" in pane(term, "Target"), "the replacement")
        assert "recieved" not in pane(term, "Target")

        term.type(" flurbished")
        term.wait_for(lambda s: "flurbished" in pane(term, "QA"), "the spelling finding")
        term.xterm(SHIFT_F7)
        term.shows("Spelling: “flurbished”", "the spelling dialog")
        term.type("a")
        term.wait_for(lambda s: "Added “flurbished”" in s, "the word list notice")
        assert "flurbished" in pane(term, "Target") and "flurbished" not in pane(term, "QA")
        assert words.read_text(encoding="utf-8") == "flurbished\n"
        assert not underlined("flurbished", term)


def pane(term: Terminal, title: str) -> str:
    """The text of the panel titled ``title``; empty while a dialog hides its title."""
    try:
        return term.pane(title)
    except StopIteration:
        return ""


def underlined(word: str, term: Terminal) -> bool:
    """Whether the terminal shows ``word`` (a regular expression) underlined: SGR 4 set
    right before it."""
    return re.search(rf"\x1b\[(?:[0-9;]*;)?4(?:;[0-9;]*)?m{word}", styled(term)) is not None


def styled(term: Terminal) -> str:
    """The screen with its colours and attributes (SGR sequences)."""
    return subprocess.run(
        [*term.tmux, "capture-pane", "-e", "-p", "-t", "wb"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout


async def test_the_word_on_a_later_line_is_replaced_where_it_is(project: Path) -> None:
    """The replacement lands on the misspelt word's own letters on the second line; with
    the cursor after two misspelt words, the nearer one (before the cursor) is taken."""
    app = make_app(project)
    async with app.run_test(size=(120, 36)) as pilot:
        main = await settle(app, pilot)
        editor = main.editor
        editor.load_text("A frist line\nA secnod line")
        await until(pilot, lambda: len(editor.misspelt.spans) == 2, "the spans")
        editor.move_cursor((1, 8))  # just after "secnod"
        await pilot.press("shift+f7")
        await until(pilot, lambda: isinstance(app.screen, SpellingScreen), "the dialog")
        assert isinstance(app.screen, SpellingScreen)
        assert app.screen.word == "secnod" and app.screen.suggestions[0] == "second"
        await pilot.press("1")
        await until(pilot, lambda: "second" in editor.text, "the replacement")
        assert editor.text == "A frist line\nA second line"
