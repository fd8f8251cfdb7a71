"""The rich consoles the commands print to: results on stdout, messages on stderr."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.markup import escape

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def warn(messages: Iterable[str]) -> None:
    """Print warnings (problems that did not stop the command) on stderr."""
    for message in messages:
        err_console.print(f"[yellow]warning:[/] {escape(message)}")


def show_path(path: Path) -> str:
    """A path as users want to read it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
