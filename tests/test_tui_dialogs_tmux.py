"""Dialogs in a real terminal meet a translator who is typing (acceptance-3 TOP 1).

The recovery dialog comes up unasked when the file is opened: a word typed into it must
not answer it by its letters ("Widerruf" holds the "d" of Discard), a dismissed dialog must
answer nothing more, and the edits it offers are only thrown away on a deliberate "yes".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, have
from tests.support.tmux import WORKBENCH, terminal, wait_for
from workbench.adapters.journal import journal_files
from workbench.adapters.po import PoCatalog
from workbench.services.session import EditSession

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(not have("tmux"), reason="tmux is not installed"),
]
ENV = {"WORKBENCH_REVIEWER": "tmux"}
KEPT = "Typed before the crash."


@pytest.fixture
def crashed(tmp_path: Path) -> Path:
    """A PO file with the journal a killed editor left: segment 6 edited, not saved."""
    po = tmp_path / "sample.en.po"
    shutil.copy(REPO / "tests" / "data" / "tui_sample.po", po)
    session = EditSession.open(po)
    session.set_target(5, KEPT)
    session.close()  # the journal stays: nothing was saved
    assert journal_files(po)
    return po


def test_typing_into_the_recovery_dialog_throws_nothing_away(crashed: Path) -> None:
    with terminal(f"{WORKBENCH} open {crashed}", crashed.parent, (100, 30), ENV) as term:
        term.shows("Recover unsaved edits?", "the recovery dialog")
        term.type("Widerruf")  # its "d" asks once more; "r", "u", "f" answer nothing there
        term.shows("Are you sure?", "the question a destructive answer asks")
        term.keys("Enter")  # "No, go back" is focused
        term.wait_for(
            lambda s: "Are you sure?" not in s and "Recover unsaved edits?" in s,
            "the recovery dialog again",
        )
        assert journal_files(crashed), "the journal was discarded"
        term.keys("r")
        term.keys("C-s")  # right after the answer: reaches the editor
        term.shows("6/24", "the editor on the recovered segment")
        term.shows(KEPT, "the recovered text")
        term.shows("Saved", "the save")
        term.keys("C-q")
        wait_for(lambda: not term.running(), "the app to quit")
    assert PoCatalog.load(crashed).units()[5].target == KEPT
    assert journal_files(crashed) == []


def test_discarding_takes_a_deliberate_yes(crashed: Path) -> None:
    with terminal(f"{WORKBENCH} open {crashed}", crashed.parent, (80, 24), ENV) as term:
        term.shows("Recover unsaved edits?", "the recovery dialog")
        term.keys("d")
        term.shows("Are you sure?", "the question")
        term.keys("y")
        term.keys("q", "r")  # a dismissed dialog answers nothing more: they are typed
        term.wait_for(lambda s: "qr" in s and "Target" in s, "the typing in the editor")
        term.keys("C-q")
        term.shows("Unsaved edits", "the quit dialog")
        term.keys("d")  # quit without saving loses work too: asked once more
        term.shows("Are you sure?", "the question")
        term.keys("y")
        wait_for(lambda: not term.running(), "the app to quit")
    assert journal_files(crashed) == []
    assert PoCatalog.load(crashed).units()[5].target != KEPT


def test_a_stray_ctrl_q_while_typing_loses_nothing(crashed: Path) -> None:
    """acceptance-4 TOP 15: Ctrl+Q hit by mistake, and the typing goes on (" and more" holds
    the "d" of "Quit without saving"). Keys typed before the question was on screen answer
    nothing; a "d" typed after it asks once more."""
    with terminal(f"{WORKBENCH} open {crashed}", crashed.parent, (100, 30), ENV) as term:
        term.shows("Recover unsaved edits?", "the recovery dialog")
        term.keys("r")
        term.shows(KEPT, "the recovered text")
        # one write, as a typist's burst reaches the terminal
        term.keys("C-q", *["Space", "a", "n", "d", "Space", "m", "o", "r", "e"])
        term.shows("Unsaved edits", "the quit question")
        term.keys("c")  # cancel: back to work, nothing lost
        term.shows("Keys not used", "the word that the question did not take")
        assert term.running() and journal_files(crashed)
        term.keys("C-q")
        term.shows("Unsaved edits", "the quit question")
        term.keys("d")  # typed after it was on screen: asked once more
        term.shows("Are you sure?", "the second question")
        term.keys("Enter")  # "No, go back" is focused
        term.wait_for(lambda s: "Are you sure?" not in s, "the second question to go")
        assert term.running() and journal_files(crashed)
        term.keys("Escape")
        term.wait_for(lambda s: "Unsaved edits" not in s, "the quit question to go")
        term.keys("C-s")
        term.shows("Saved", "the save")
        term.keys("C-q")
        wait_for(lambda: not term.running(), "the app to quit")
    assert PoCatalog.load(crashed).units()[5].target == KEPT
