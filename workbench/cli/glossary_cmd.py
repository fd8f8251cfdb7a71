"""``workbench glossary``: show a glossary, export it as TBX or TSV, find its terms in a text.

``find`` is for translators: paste a German sentence and see which terms it holds, in
which form, and what the glossary requires for them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich.markup import escape
from rich.table import Table

from workbench.cli.console import console, err_console
from workbench.domain.glossary.matching import GlossaryMatcher
from workbench.domain.glossary.model import Glossary, TermStatus
from workbench.services import glossaries
from workbench.services.project import check_output, resolve_glossaries

STATUS_STYLES = {
    TermStatus.PREFERRED: "green",
    TermStatus.ADMITTED: "cyan",
    TermStatus.FORBIDDEN: "red strike",
    TermStatus.DNT: "magenta",
}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "glossary",
        description="Show a glossary, export it as TBX or TSV, or find its terms in a German text.",
    )
    gsub = p.add_subparsers(dest="glossary_command", metavar="ACTION")
    show = gsub.add_parser("show", help="list concepts and their targets")
    show.add_argument("glossary", nargs="*", help="glossary files (default: workbench.toml's)")
    show.set_defaults(run=run_show)

    export = gsub.add_parser("export", help="write a glossary as TBX or TSV")
    export.add_argument("glossary", nargs="+", help="glossary files (merged when several)")
    export.add_argument("--format", choices=("tbx", "tsv"), default="tbx")
    export.add_argument("-o", "--output", required=True, help="file to write (atomically)")
    export.set_defaults(run=run_export)

    find = gsub.add_parser("find", help="show the glossary terms in a German text")
    find.add_argument("text", help="the text to search ('-' reads standard input)")
    find.add_argument(
        "-g", "--glossary", action="append", default=[], help="glossary file (repeatable)"
    )
    find.set_defaults(run=run_find)

    def _usage(_args: argparse.Namespace) -> int:
        p.print_help(sys.stderr)
        return 2

    p.set_defaults(run=_usage)


def _load(named: list[str]) -> Glossary:
    return glossaries.load(resolve_glossaries(named))


def run_show(args: argparse.Namespace) -> int:
    glossary = _load(args.glossary)
    table = Table(
        title=escape(f"{glossary.name} ({len(glossary)} concepts, version {glossary.version})")
    )
    table.add_column("source")
    table.add_column("targets")
    table.add_column("note", overflow="fold")
    for concept in glossary.concepts:
        targets = ", ".join(
            f"[{STATUS_STYLES[t.status]}]{escape(t.target)}[/] [dim]{t.status.value}[/]"
            for t in concept.terms
        )
        source = escape(concept.source)
        if concept.variants:
            source += f" [dim]({escape(', '.join(concept.variants))})[/]"
        table.add_row(source, targets, escape(concept.note))
    console.print(table)
    return 0


def run_export(args: argparse.Namespace) -> int:
    check_output(args.output, args.glossary)
    glossary = glossaries.load([Path(p) for p in args.glossary])
    glossaries.export(glossary, args.output, args.format, inputs=args.glossary)
    err_console.print(
        f"wrote {len(glossary)} concepts to {escape(str(args.output))} ({args.format})"
    )
    return 0


def run_find(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    matcher = GlossaryMatcher(_load(args.glossary))
    hits = matcher.source_hits(text)
    if not hits:
        console.print("[dim]no glossary terms in this text[/]")
        return 0
    table = Table()
    table.add_column("found")
    table.add_column("kind")
    table.add_column("term")
    table.add_column("use")
    table.add_column("avoid")
    for hit in hits:
        style = "" if hit.enforced else "dim"
        table.add_row(
            f"[{style}]{escape(hit.text)}[/]" if style else escape(hit.text),
            hit.kind + ("" if hit.enforced else " (not enforced)"),
            escape(hit.concept.source),
            escape(" | ".join(hit.concept.preferred_targets))
            + (" [magenta](keep)[/]" if hit.concept.is_dnt else ""),
            f"[red]{escape(' | '.join(hit.concept.forbidden_targets))}[/]",
        )
    console.print(table)
    return 0
