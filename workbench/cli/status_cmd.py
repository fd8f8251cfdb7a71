"""``workbench status``: counts per review state for each PO file, as a table or JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.markup import escape
from rich.table import Table

from workbench.cli.console import console, show_path, warn
from workbench.domain.states import ReviewState
from workbench.domain.units import SETTLE_CONFLICT
from workbench.services.project import resolve_po_files
from workbench.services.status import file_status

STATE_STYLES = {
    ReviewState.UNTRANSLATED: "red",
    ReviewState.DRAFT: "yellow",
    ReviewState.TRANSLATED: "cyan",
    ReviewState.REVIEWED: "green",
}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "status",
        description="Show how many segments are untranslated, draft, translated and reviewed.",
    )
    p.add_argument("po", nargs="*", help="PO files (default: the corpora in workbench.toml)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    statuses = file_status(resolve_po_files(args.po))
    for status in statuses:
        warn(status.warnings)
    if args.format == "json":
        payload = {"files": {str(s.path): s.progress.as_dict() for s in statuses}}
        print(json.dumps(payload, indent=2))
        return 0
    for status in statuses:
        p = status.progress
        table = Table(title=escape(show_path(status.path)), title_justify="left")
        table.add_column("state")
        table.add_column("segments", justify="right")
        table.add_column("source words", justify="right")
        table.add_column("% words", justify="right")
        for state in ReviewState:
            table.add_row(
                f"[{STATE_STYLES[state]}]{state.label}[/]",
                str(p.segments[state]),
                str(p.words[state]),
                f"{p.share(state, by_words=True):.1f}",
            )
        table.add_row(
            "[bold]total[/]", str(p.total), str(p.total_words), "100.0" if p.total else "0.0"
        )
        table.caption = f"{p.share(ReviewState.REVIEWED):.1f}% of segments reviewed"
        if p.conflicts:
            table.caption += (
                f"; [bold red]{p.conflicts} merge conflict(s)[/] to settle: {SETTLE_CONFLICT}"
            )
        console.print(table)
    return 0
