"""``workbench git-setup`` and ``workbench merge-driver``: PO files that merge in git by entry.

``git-setup`` is run once per clone; git itself runs ``merge-driver`` for every ``*.po``
that both sides of a merge changed. The driver prints a short account on stderr (git shows
it) and exits 1 when a conflict is left, which makes git stop the merge as usual. The
account is plain lines: rich is loaded only to colour a conflict count, as git runs the
driver once per PO file (``python -m bench.startup``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workbench.domain.catalog import Key
from workbench.domain.units import SETTLE_CONFLICT
from workbench.services.git_merge import DriverResult, merge_driver, setup

#: How many conflicted entries the driver names before it only counts the rest.
SHOWN = 10


def register(sub: Any) -> None:
    p = sub.add_parser(
        "git-setup",
        description="Register workbench's merge driver for *.po in the git work tree you are "
        "in: a `*.po merge=workbench` line in .gitattributes (commit it) and "
        "merge.workbench.* in the repository's git config (each clone runs this once). "
        "Running it again changes nothing.",
    )
    p.set_defaults(run=run_setup)
    d = sub.add_parser(
        "merge-driver",
        description="Merge THEIRS into OURS with BASE as the common ancestor, by entry "
        "(msgctxt + msgid), and write the result over OURS. Exit 0 when clean, 1 when "
        "entries conflict: they stay fuzzy with every side's text kept as a `wb:conflict` "
        "comment; pick one in `workbench open` (ctrl+o) and commit.",
    )
    d.add_argument("base", type=Path, help="the common ancestor's version (%%O)")
    d.add_argument("ours", type=Path, help="our version; the result is written here (%%A)")
    d.add_argument("theirs", type=Path, help="their version (%%B)")
    d.add_argument("path", nargs="?", default="", help="the file's path in the repository (%%P)")
    d.set_defaults(run=run_driver)


def run_setup(args: argparse.Namespace) -> int:
    from rich.markup import escape

    from workbench.cli.console import console

    result = setup(Path.cwd())
    console.print(f"git work tree: {escape(str(result.repo))}")
    for step in result.steps:
        console.print(f"  {step.action:9} {escape(step.what)} = {escape(step.value)}")
    console.print(f"  git check-attr merge *.po → {escape(result.check)}")
    console.print(
        "Commit .gitattributes so the team shares it; git config is not shared, so every "
        "clone runs `workbench git-setup` once."
    )
    return 0


def _name(key: Key) -> str:
    ctxt, msgid = key
    text = msgid if len(msgid) <= 60 else msgid[:57] + "..."
    return f"msgctxt {ctxt!r} msgid {text!r}" if ctxt is not None else f"msgid {text!r}"


def run_driver(args: argparse.Namespace) -> int:
    name = args.path or str(args.ours)
    result = merge_driver(args.base, args.ours, args.theirs, name)
    _report(result)
    return result.exit_code


def _say(line: str) -> None:
    print(line, file=sys.stderr)


def _alert(marked: str, rest: str) -> None:
    """A line whose start is in bold red where stderr shows colours."""
    from rich.markup import escape

    from workbench.cli.console import err_console

    err_console.print(f"[bold red]{escape(marked)}[/]{escape(rest)}")


def _report(result: DriverResult) -> None:
    where = result.path
    if result.report is None:
        _say(f"workbench merge-driver: {where}: not merged by entry: {result.fallback}")
        _say(
            f"  used git's line merge instead ({result.fallback_conflicts} conflict(s) marked "
            "with <<<<<<< in the file)"
        )
        return
    r = result.report
    named = result.sides
    if named is not None and named.operation:
        where += f" ({named.operation}: ours {named.ours}, theirs {named.theirs})"
    _say(
        f"workbench merge-driver: {where}: merged by entry: {r.unchanged} unchanged, "
        f"{r.ours} from ours, {r.theirs} from theirs, {r.combined} combined"
    )
    for old, new in r.carried[:SHOWN]:
        _say(f"  moved a translation of {_name(old)} to its new {_name(new)} as fuzzy: confirm it")
    for key in r.kept_obsolete[:SHOWN]:
        _say(f"  kept {_name(key)} as obsolete (#~): changed here, removed there")
    if r.stale_reviews:
        _say(f"  {len(r.stale_reviews)} review mark(s) dropped: the text changed on the other side")
    if r.header_fields:
        _say(f"  header: {', '.join(r.header_fields)} taken from the newer revision")
    if r.duplicates:
        _say(f"  {len(r.duplicates)} duplicate entries: only the first of each was merged")
    if r.conflicts:
        _alert(f"  {len(r.conflicts)} conflict(s)", ": both sides changed the translation")
        for key in r.conflicts[:SHOWN]:
            _say(f"    {_name(key)}")
        if len(r.conflicts) > SHOWN:
            _say(f"    ... and {len(r.conflicts) - SHOWN} more")
        _say(
            f"  they are fuzzy, with both texts kept: {SETTLE_CONFLICT} or edit it, then "
            "`git add` the file"
        )
