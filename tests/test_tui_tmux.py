"""The real terminal: `workbench open` in tmux, typed into, saved with Ctrl+S, quit with Ctrl+Q."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, have
from workbench.adapters.po import PoCatalog
from workbench.domain.states import ReviewState

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(not have("tmux"), reason="tmux is not installed"),
    pytest.mark.skipif(not have("msgfmt"), reason="GNU gettext (msgfmt) is not installed"),
]
WORKBENCH = Path(sys.executable).parent / "workbench"


def wait_for(check: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_type_save_quit_in_a_real_terminal(tmp_path: Path) -> None:
    po = tmp_path / "sample.en.po"
    shutil.copy(REPO / "tests" / "data" / "tui_sample.po", po)
    socket = f"wb-test-{os.getpid()}"
    tmux = ["tmux", "-L", socket]
    env = {**os.environ, "TERM": "xterm-256color", "WORKBENCH_REVIEWER": "tmux"}

    def screen() -> str:
        out = subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", "wb"], capture_output=True, text=True, check=False
        )
        return out.stdout

    def running() -> bool:
        return (
            subprocess.run(
                [*tmux, "has-session", "-t", "wb"], capture_output=True, check=False
            ).returncode
            == 0
        )

    def keys(*names: str, literal: bool = False) -> None:
        subprocess.run(
            [*tmux, "send-keys", "-t", "wb", *(["-l"] if literal else []), *names], check=True
        )

    try:
        subprocess.run(
            [
                *tmux,
                "new-session",
                "-d",
                "-s",
                "wb",
                "-x",
                "120",
                "-y",
                "36",
                f"{WORKBENCH} open {po}",
            ],
            check=True,
            env=env,
            cwd=tmp_path,
        )
        wait_for(lambda: "Segments" in screen() and "Target" in screen(), "the TUI to start")
        wait_for(lambda: "reading full catalogue" not in screen(), "the catalogue to load")
        keys("C-n")  # confirm the MT draft, move to the first untranslated segment
        wait_for(lambda: "4/24" in screen(), "the next segment")
        keys("Guests from the USA visited.", literal=True)
        wait_for(lambda: "Guests from the USA visited." in screen(), "the typed text")
        keys("C-n")
        wait_for(lambda: "5/24" in screen(), "confirm and next")
        keys("C-s")
        wait_for(lambda: "unsaved" not in screen(), "the save")
        keys("C-q")
        wait_for(lambda: not running(), "the app to quit")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, check=False)

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
