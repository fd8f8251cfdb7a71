"""Two real editors on one PO file in tmux (issue 11, item 2): the second one is told the
file is open elsewhere; opened anyway, a segment both change is shown side by side when
the second saves; both killed with SIGKILL, the next editor recovers every edit of both.
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from tests.conftest import REPO, have
from tests.support.tmux import WORKBENCH, Terminal, terminal, wait_for
from workbench.adapters.journal import journal_files
from workbench.adapters.po import PoCatalog

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(not have("tmux"), reason="tmux is not installed"),
]
ENV = {"WORKBENCH_REVIEWER": "tmux"}


@pytest.fixture
def po(tmp_path: Path) -> Path:
    target = tmp_path / "sample.en.po"
    shutil.copy(REPO / "tests" / "data" / "tui_sample.po", target)
    return target


def ready(term: Terminal) -> None:
    wait_for(lambda: "Segments" in term.screen() and "Target" in term.screen(), "the TUI")
    wait_for(lambda: "reading full catalogue" not in term.screen(), "the catalogue to load")


def type_into_segment_4(term: Terminal, text: str) -> None:
    term.keys("C-n")  # confirm segment 3's MT draft, go to segment 4 (untranslated)
    term.shows("4/24", "segment 4")
    term.keys(text, literal=True)
    # in the editor and in the list's row: the row is drawn from the session, so the edit
    # is in the journal too (a kill right after the editor alone showed it could lose it)
    term.shows(text)
    term.wait_for(lambda s: s.count(text[:10]) >= 2, f"{text!r} in the editor and the list")


def test_second_editor_read_only_then_open_anyway_and_a_conflict_side_by_side(
    po: Path, tmp_path: Path
) -> None:
    with terminal(f"{WORKBENCH} open {po}", tmp_path, env=ENV) as a:
        ready(a)  # a holds the lock before b starts
        with terminal(f"{WORKBENCH} open {po}", tmp_path, env=ENV) as b:
            b.shows("open in another workbench", "the lock dialog")
            b.shows(f"workbench {a.pid()}", "the holder's pid")
            # read-only view: typing and saving change nothing. The keys go in right after
            # "v", with the dialog maybe still on screen: none of them may be lost.
            b.keys("v")
            b.keys("typed in a read-only view", literal=True)
            b.keys("C-s")
            b.wait_for(
                lambda s: "open in another workbench" not in s and "READ-ONLY" in s,
                "the read-only view",
            )
            # two toasts titled so: the view's own note, and Ctrl+S refused
            b.wait_for(lambda s: s.count("Read-only view") >= 2, "the refusal of Ctrl+S")
            assert "typed in a read-only view" not in b.screen()
            b.keys("C-q")  # once: the first key after a dialog is never lost
            wait_for(lambda: not b.running(), "the read-only view to quit")
        with terminal(f"{WORKBENCH} open {po}", tmp_path, env=ENV) as b:
            b.shows("open in another workbench", "the lock dialog")
            b.keys("e")  # open anyway
            b.shows("Editing.", "editing allowed")
            conflict_side_by_side(a, b, po)
    unit = PoCatalog.load(po).units()[3]
    assert unit.target == "Guests came from the USA." and not unit.conflict
    assert journal_files(po) == []


def test_read_only_view_refuses_a_note_and_replace_without_crashing(
    po: Path, tmp_path: Path
) -> None:
    before = po.read_bytes()
    with terminal(f"{WORKBENCH} open {po}", tmp_path, env=ENV) as a:
        ready(a)
        with terminal(f"{WORKBENCH} open {po}", tmp_path, env=ENV) as b:
            b.shows("open in another workbench", "the lock dialog")
            b.keys("v")
            b.wait_for(
                lambda s: "open in another workbench" not in s and "READ-ONLY" in s,
                "the read-only view",
            )
            # F12 still shows the comments; keeping a note is refused with the reason
            b.keys("F12")
            b.shows("Your note", "the comments dialog")
            b.keys("a note in a read-only view", literal=True)
            b.keys("C-s")
            b.wait_for(lambda s: "Your note" not in s, "the note dialog to close")
            b.wait_for(lambda s: s.count("Read-only view") >= 2, "the note refused")
            assert b.running(), "the read-only view crashed on keeping a note"
            # Ctrl+E (find and replace) is an edit: disabled, no dialog comes up
            b.keys("C-e")
            b.keys("F1")  # a key after it, so Ctrl+E has surely been handled
            b.shows("Show the key map", "the help screen")
            b.keys("Escape")
            b.wait_for(lambda s: "Show the key map" not in s, "the help screen to close")
            assert "Whole words" not in b.screen() and b.running()
            b.keys("C-q")
            wait_for(lambda: not b.running(), "the read-only view to quit")
        a.keys("C-q")
        wait_for(lambda: not a.running(), "the editor to quit")
    assert po.read_bytes() == before


def conflict_side_by_side(a: Terminal, b: Terminal, po: Path) -> None:
    type_into_segment_4(a, "Guests came from the USA.")
    type_into_segment_4(b, "Visitors arrived from America.")
    before = po.stat().st_mtime_ns
    a.keys("C-s")
    # the file, not the status line: a toast over the status line hides "unsaved" too
    wait_for(lambda: po.stat().st_mtime_ns != before, "a's save")
    b.keys("C-s")
    b.shows("changed on disk", "b's save meets a's")
    b.keys("m")
    b.shows("Guests came from the USA.", "their text side by side")
    screen = b.screen()
    assert "Visitors arrived from America." in screen and "this window" in screen
    b.keys("t")  # take a's text
    b.shows("Took theirs")
    # save and quit typed in a row (the merge's own save may still run: both wait for it)
    b.keys("C-s", "C-q")
    a.keys("C-q")
    wait_for(lambda: not a.running() and not b.running(), "both to save and quit")


def test_both_editors_killed_and_the_next_one_recovers_everything(po: Path, tmp_path: Path) -> None:
    before = po.read_bytes()
    with terminal(f"{WORKBENCH} open {po}", tmp_path, env=ENV) as a:
        ready(a)
        with terminal(f"{WORKBENCH} open {po}", tmp_path, env=ENV) as b:
            edit_both_then_kill(a, b, po)
    assert po.read_bytes() == before
    with terminal(f"{WORKBENCH} open {po}", tmp_path, env=ENV) as c:
        c.shows("Recover unsaved edits?", "the recovery dialog")
        c.shows("2 earlier editors", "the dialog naming both")  # waits: a loaded machine
        c.keys("r")  # may show a screen half drawn
        c.shows("Text from A.", "both texts side by side")
        c.shows("Text from B.", "both texts side by side")
        c.keys("o")  # keep the newer one (B's); Ctrl+S right after it must not be lost
        c.keys("C-s")
        wait_for(lambda: "unsaved" not in c.screen(), "the save")
        c.keys("C-q")
        wait_for(lambda: not c.running(), "quit")
    units = PoCatalog.load(po).units()
    assert units[2].target and units[3].target == "Text from B." and not units[3].conflict
    assert units[4].target == "Only A edits five."
    assert journal_files(po) == []


def edit_both_then_kill(a: Terminal, b: Terminal, po: Path) -> None:
    b.shows("open in another workbench", "the lock dialog")
    b.keys("e")
    b.shows("Editing.", "editing allowed")
    type_into_segment_4(a, "Text from A.")
    a.keys("C-n")
    a.shows("5/24")
    a.keys("Only A edits five.", literal=True)
    a.shows("Only A edits five.")
    type_into_segment_4(b, "Text from B.")
    wait_for(lambda: len(journal_files(po)) == 2, "two journals")
    for term in (a, b):
        os.killpg(os.getpgid(term.pid()), signal.SIGKILL)
    wait_for(lambda: not a.running() and not b.running(), "both to die")
