"""The command line: ``workbench <command>``, with rich output and exit codes for CI.

Exit codes: 0 success, 1 findings (``check``), 2 a usage or input error with a message,
130 interrupted. Each command lives in its own module with ``register(subparsers)``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from workbench import __version__
from workbench.errors import UserError

#: Command modules, in the order ``--help`` lists them (the workflow's order).
COMMAND_MODULES: tuple[str, ...] = (
    "workbench.cli.segment_cmd",
    "workbench.cli.status_cmd",
    "workbench.cli.glossary_cmd",
    "workbench.cli.draft_cmd",
    "workbench.cli.tm_cmd",
    "workbench.cli.open_cmd",
    "workbench.cli.check_cmd",
    "workbench.cli.mt_cmd",
    "workbench.cli.score_cmd",
    "workbench.cli.export_cmd",
    "workbench.cli.git_cmd",
)


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors go through the same channel as other input errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UserError(message, None, f"see `{self.prog} --help`")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="workbench",
        description="Terminal translation workbench: segment, draft, open, check, score, export.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code (the console script exits with it)."""
    from rich.markup import escape

    from workbench.cli.console import err_console

    try:
        _require_working_folder()
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "command", None):
            parser.print_help()
            return 2
        code: int = args.run(args)
        return code
    except UserError as exc:
        where = f"{escape(exc.where)}: " if exc.where else ""
        err_console.print(f"[bold red]error:[/] {where}{escape(exc.message)}")
        if exc.hint:
            err_console.print(f"  [dim]hint:[/] {escape(exc.hint)}")
        return 2
    except KeyboardInterrupt:
        err_console.print(
            "interrupted; files already written are complete, nothing was half-written"
        )
        return 130


def _require_working_folder() -> None:
    """Relative paths need a current folder; a deleted one is a message, not a traceback."""
    try:
        Path.cwd()
    except FileNotFoundError:
        raise UserError(
            "the current folder no longer exists (it was deleted or moved)",
            None,
            "cd into an existing folder and run the command again",
        ) from None


def run() -> None:
    """Entry point for ``python -m workbench``."""
    sys.exit(main())
