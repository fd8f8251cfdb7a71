"""The real app in a real terminal: ``workbench open`` in a private tmux server.

Textual's Pilot hands the app key names; a terminal sends bytes, and the app's parser turns
them into keys. Keys go in here two ways: by tmux's key names (``tmux send-keys``: tmux sends
what its terminal type says, as it would for a person at the keyboard), and as the raw bytes
xterm sends (:meth:`Terminal.xterm`), taken from the terminfo database (``tput -T xterm
kf3``) or written out where terminfo has no entry (Alt+digit is ESC and the digit when
xterm's ``metaSendsEscape`` is on, as in tmux and most terminals). The screen comes back
through ``capture-pane``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

WORKBENCH = Path(sys.executable).parent / "workbench"


def have_tmux() -> bool:
    return shutil.which("tmux") is not None


def wait_for(check: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def xterm_sequence(capability: str) -> bytes:
    """What xterm sends for a key, from terminfo (``kf3`` is F3, ``kf17`` Shift+F5…)."""
    out = subprocess.run(["tput", "-T", "xterm", capability], capture_output=True, check=True)
    assert out.stdout, f"terminfo has no {capability} for xterm"
    return out.stdout


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
        """Press keys by tmux's names (``C-n``, ``F3``, ``M-2``, ``Tab``, ``Enter``)."""
        subprocess.run(
            [*self.tmux, "send-keys", "-t", "wb", *(["-l"] if literal else []), *names],
            check=True,
        )

    def type(self, text: str) -> None:
        """Type ``text`` literally."""
        self.keys(text, literal=True)

    def xterm(self, *sequences: bytes) -> None:
        """Send raw bytes, as xterm would, past tmux's key handling."""
        hexed = [f"{b:02x}" for seq in sequences for b in seq]
        subprocess.run([*self.tmux, "send-keys", "-t", "wb", "-H", *hexed], check=True)

    def pid(self) -> int:
        """The process id of the command running in the pane (its process group leader)."""
        out = subprocess.run(
            [*self.tmux, "list-panes", "-t", "wb", "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        )
        return int(out.stdout.split()[0])

    def shows(self, text: str, what: str = "") -> None:
        """Wait until ``text`` is on the screen."""
        self.wait_for(lambda screen: text in screen, what or repr(text))

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float = 30.0) -> None:
        """Wait until ``check(screen)`` holds; on a timeout, say what the screen showed."""
        last = [""]

        def probe() -> bool:
            last[0] = self.screen()
            return check(last[0])

        try:
            wait_for(probe, what, timeout)
        except AssertionError:
            raise AssertionError(f"timed out waiting for {what}; the screen:\n{last[0]}") from None

    def save_and_quit(self, path: Path) -> None:
        """Ctrl+S, wait until ``path`` is written and the screen says so, then Ctrl+Q and
        wait until the app has quit."""
        before = path.stat().st_mtime_ns
        self.keys("C-s")
        wait_for(lambda: path.stat().st_mtime_ns != before, "the save")
        self.wait_for(lambda s: "unsaved" not in s, "the screen to show the save")
        self.keys("C-q")
        wait_for(lambda: not self.running(), "the app to quit")

    def pane(self, title: str) -> str:
        """The text inside the panel titled ``title`` (in its top border), joined into one
        line: what a person reads there, e.g. the editor's text under "Target"."""
        lines = self.screen().splitlines()
        top = next(n for n, line in enumerate(lines) if title in line and _is_border(line))
        left = lines[top].index(title)
        edges = [i for c in "╭─━" if (i := lines[top].rfind(c, 0, left)) >= 0]
        left = max(edges, default=left)
        words = []
        for line in lines[top + 1 :]:
            cell = line[left:]
            if _is_border(cell):
                break
            words.append(cell.strip("│┃ ").strip())
        return " ".join(w for w in words if w)


def _is_border(line: str) -> bool:
    """A panel's top or bottom border line (its title sits in it)."""
    return any(mark in line for mark in ("─", "━", "╭", "╰"))


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


@contextmanager
def workbench_open(
    args: list[str], cwd: Path, size: tuple[int, int], env: dict[str, str] | None = None
) -> Iterator[Terminal]:
    """``workbench open ARGS`` in a terminal of ``size``, once its file is read."""
    command = " ".join([str(WORKBENCH), "open", *args])
    with terminal(command, cwd, size, env={"WORKBENCH_REVIEWER": "tmux", **(env or {})}) as term:
        term.wait_for(lambda s: "Target" in s, "the TUI to start")
        term.wait_for(lambda s: "reading" not in s, "the file to be read")
        yield term
