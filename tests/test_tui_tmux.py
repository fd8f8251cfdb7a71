"""The real terminal: `workbench open` in tmux, typed into, saved with Ctrl+S, quit with Ctrl+Q."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, have
from tests.support.tmux import WORKBENCH, terminal, wait_for
from workbench.adapters.po import PoCatalog
from workbench.domain.states import ReviewState

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(not have("tmux"), reason="tmux is not installed"),
    pytest.mark.skipif(not have("msgfmt"), reason="GNU gettext (msgfmt) is not installed"),
]


def test_type_save_quit_in_a_real_terminal(tmp_path: Path) -> None:
    po = tmp_path / "sample.en.po"
    shutil.copy(REPO / "tests" / "data" / "tui_sample.po", po)
    env = {"WORKBENCH_REVIEWER": "tmux"}
    with terminal(f"{WORKBENCH} open {po}", tmp_path, env=env) as term:
        wait_for(
            lambda: "Segments" in term.screen() and "Target" in term.screen(), "the TUI to start"
        )
        wait_for(lambda: "reading full catalogue" not in term.screen(), "the catalogue to load")
        term.keys("C-n")  # confirm the MT draft, move to the first untranslated segment
        term.shows("4/24", "the next segment")
        term.keys("Guests from the USA visited.", literal=True)
        term.shows("Guests from the USA visited.", "the typed text")
        term.keys("C-n")
        term.shows("5/24", "confirm and next")
        term.keys("C-s")
        wait_for(lambda: "unsaved" not in term.screen(), "the save")
        term.keys("C-q")
        wait_for(lambda: not term.running(), "the app to quit")

    units = PoCatalog.load(po).units()
    assert units[2].state == ReviewState.TRANSLATED
    assert (units[3].target, units[3].state) == (
        "Guests from the USA visited.",
        ReviewState.TRANSLATED,
    )
    check = subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(po)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stderr
