"""The command line: ``workbench <command>``, with rich output and exit codes for CI.

Exit codes: 0 success, 1 findings (``check``), 2 a usage or input error with a message,
130 interrupted. Each command lives in its own module with ``register(subparsers)``, which
adds the command's parser (arguments, description); its name and help line are listed in
:data:`COMMANDS`, and the module is imported only when its command runs.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from workbench import __version__
from workbench.errors import UserError


class Command(NamedTuple):
    """One sub-command: its name, the module that defines its arguments and runs it (with
    ``register(subparsers)``), and the line ``workbench --help`` shows for it.

    The module is imported only when its command is chosen, so ``workbench --help`` and a
    command that needs little (``status``, the git merge driver) do not pay for the others'
    imports (sacrebleu, numpy, the PO writer, Textual).
    """

    name: str
    module: str
    help: str


#: Every command, in the order ``--help`` lists them (the workflow's order).
COMMANDS: tuple[Command, ...] = (
    Command(
        "segment",
        "workbench.cli.segment_cmd",
        "split a .txt/.md/.mdx source into sentence segments in a PO file (updates an existing PO)",
    ),
    Command("status", "workbench.cli.status_cmd", "segments and words per review state"),
    Command("glossary", "workbench.cli.glossary_cmd", "show, export and search glossaries"),
    Command(
        "draft",
        "workbench.cli.draft_cmd",
        "machine-translate untranslated segments into fuzzy drafts (Argos, offline)",
    ),
    Command(
        "tm",
        "workbench.cli.tm_cmd",
        "translation memory: import TMX/PO, export TMX, stats, lookup, concordance search",
    ),
    Command(
        "open", "workbench.cli.open_cmd", "edit, confirm and review translations in the terminal UI"
    ),
    Command(
        "check",
        "workbench.cli.check_cmd",
        "QA checks (glossary, numbers, punctuation, consistency) with CI exit codes",
    ),
    Command(
        "mt",
        "workbench.cli.mt_cmd",
        "list, install and remove machine-translation models (Argos Translate)",
    ),
    Command(
        "score",
        "workbench.cli.score_cmd",
        "BLEU/chrF/chrF++/TER against a reference, HTER of MT drafts, glossary adherence",
    ),
    Command(
        "export",
        "workbench.cli.export_cmd",
        "write the translation as PO, markdown, a bilingual table or TMX",
    ),
    Command(
        "git-setup",
        "workbench.cli.git_cmd",
        "let git merge PO files entry by entry (run once per clone)",
    ),
    Command(
        "merge-driver",
        "workbench.cli.git_cmd",
        "git's merge driver for PO files (git runs it: %%O %%A %%B %%P)",
    ),
)


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors go through the same channel as other input errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UserError(message, None, f"see `{self.prog} --help`")


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The sub-commands, each a placeholder with its help line until it is chosen: then its
    module is imported and its ``register`` puts the real parser in the placeholder's stead.

    A placeholder is a name among the choices and a line in ``--help``, not a parser: an
    unused parser per command would be built on every run.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._unloaded: dict[str, str] = {}  # command name -> module not imported yet

    def add_command(self, command: Command) -> None:
        """A placeholder for ``command``, listed in ``--help`` with its help line."""
        self._choices_actions.append(self._ChoicesPseudoAction(command.name, (), command.help))
        self._name_parser_map[command.name] = None  # a valid choice; its parser comes on load
        self._unloaded[command.name] = command.module

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        """The real parser of a command (what a module's ``register`` asks for)."""
        if name in self._unloaded:
            if "help" in kwargs:
                raise ValueError(f"the help line of {name!r} belongs in workbench.cli.COMMANDS")
            del self._unloaded[name]
            del self._name_parser_map[name]
        return super().add_parser(name, **kwargs)  # type: ignore[no-any-return]

    def load(self, name: str) -> None:
        """Import the module of command ``name`` (if not yet) and let it register."""
        module = self._unloaded.get(name)
        if module is not None:
            importlib.import_module(module).register(self)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        self.load(values[0])
        super().__call__(parser, namespace, values, option_string)


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser; a command's arguments are added when it is parsed."""
    parser = _Parser(
        prog="workbench",
        description="Terminal translation workbench: segment, draft, open, check, score, export.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub: _Commands = parser.add_subparsers(  # type: ignore[assignment]
        dest="command", metavar="COMMAND", parser_class=_Parser, action=_Commands
    )
    for command in COMMANDS:
        sub.add_command(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code (the console script exits with it)."""
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
        _print_error(exc)
        return 2
    except BrokenPipeError:
        return _reader_went_away()
    except KeyboardInterrupt:
        from workbench.cli.console import err_console

        err_console.print(
            "interrupted; files already written are complete, nothing was half-written"
        )
        return 130


def _reader_went_away() -> int:
    """The program reading our output stopped early (``| head``): that is no error of ours.

    Whatever is still buffered for stdout would raise again when Python flushes it at exit,
    so stdout is pointed at the null device first (the Python documentation's recipe for
    SIGPIPE). The exit code is the one a shell reports for a command ended by SIGPIPE.
    """
    import signal  # here: only a broken pipe needs its number

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 128 + signal.SIGPIPE


def _print_error(exc: UserError) -> None:
    """What went wrong, where, and what to do, on stderr (rich is imported only now:
    ``--help`` and commands that print no rich output do without it)."""
    from rich.markup import escape

    from workbench.cli.console import err_console

    where = f"{escape(exc.where)}: " if exc.where else ""
    err_console.print(f"[bold red]error:[/] {where}{escape(exc.message)}")
    if exc.hint:
        err_console.print(f"  [dim]hint:[/] {escape(exc.hint)}")


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
    """Entry point of the ``workbench`` console script and ``python -m workbench``: exits
    with :func:`main`'s code. The process ends right after, so the interpreter's last
    garbage collection (a pass over every object for memory the system takes back anyway,
    ``python -m bench.startup``) is skipped; atexit handlers run and open files are flushed
    and closed as always."""
    code = main()
    gc.disable()
    sys.exit(code)
