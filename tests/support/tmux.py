"""The real app in a real terminal: ``workbench open`` in a private tmux server.

Keys go in through ``tmux send-keys`` (the byte sequences a terminal sends, which Textual's
Pilot never sees) and the screen comes back through ``capture-pane``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

WORKBENCH = Path(sys.executable).parent / "workbench"


def wait_for(check: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Terminal:
    """One tmux session running a command: type into it, read its screen."""

    def __init__(self, socket: str) -> None:
        self.tmux = ["tmux", "-L", socket]

    def screen(self) -> str:
        out = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", "wb"],
            capture_output=True,
            text=True,
            check=False,
        )
        return out.stdout

    def running(self) -> bool:
        done = subprocess.run(
            [*self.tmux, "has-session", "-t", "wb"], capture_output=True, check=False
        )
        return done.returncode == 0

    def keys(self, *names: str, literal: bool = False) -> None:
        subprocess.run(
            [*self.tmux, "send-keys", "-t", "wb", *(["-l"] if literal else []), *names],
            check=True,
        )

    def shows(self, text: str, what: str = "") -> None:
        """Wait until ``text`` is on the screen."""
        wait_for(lambda: text in self.screen(), what or repr(text))


@contextmanager
def terminal(
    command: str, cwd: Path, size: tuple[int, int] = (120, 36), env: dict[str, str] | None = None
) -> Iterator[Terminal]:
    """Run ``command`` in a fresh tmux server; the server is killed afterwards."""
    socket = f"wb-test-{os.getpid()}-{time.monotonic_ns()}"
    term = Terminal(socket)
    full_env = {**os.environ, "TERM": "xterm-256color", **(env or {})}
    try:
        width, height = size
        subprocess.run(
            [
                *term.tmux,
                "new-session",
                "-d",
                "-s",
                "wb",
                "-x",
                str(width),
                "-y",
                str(height),
                command,
            ],
            check=True,
            env=full_env,
            cwd=cwd,
        )
        yield term
    finally:
        subprocess.run([*term.tmux, "kill-server"], capture_output=True, check=False)
