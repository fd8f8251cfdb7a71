"""``workbench export``: the reviewed result as PO, markdown, a bilingual table or TMX."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.markup import escape

from workbench.cli.console import err_console
from workbench.domain.export import UNREVIEWED_POLICIES
from workbench.services.exporting import FORMATS, export_file


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        description="Export a catalogue. po: every entry with full fidelity (or only reviewed "
        "ones); md / txt: the translated document, rebuilt from its source with the source's "
        "own markup and line endings (the source is --source, the project's corpus for this "
        "PO, or the PO's #: references); bilingual-md: a table of id, source, target and "
        "state; tmx: TMX 1.4 of the reviewed segments for other CAT tools.",
    )
    p.add_argument("po", type=Path, help="the PO file to export")
    p.add_argument("--format", "-f", choices=FORMATS, default="md")
    p.add_argument("--reviewed-only", action="store_true", help="only reviewed segments")
    p.add_argument(
        "--unreviewed",
        choices=UNREVIEWED_POLICIES,
        default="mark",
        help="md/txt: leave unreviewed segments out, mark them with their state, show the "
        "source, or keep translated segments as they are and show the source for the rest "
        "(default: mark)",
    )
    p.add_argument(
        "--source",
        type=Path,
        help="md/txt: the source document the PO was segmented from "
        "(default: the project's corpus, else the PO's #: references)",
    )
    p.add_argument("-o", "--output", required=True, help="the file to write ('-' for stdout)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = export_file(
        args.po, args.format, args.output, args.reviewed_only, args.unreviewed, source=args.source
    )
    if args.output == "-" and not result.unplaced:
        return 0
    detail = f" ({result.note})" if result.note else ""
    err_console.print(
        f"wrote [bold]{escape(args.output)}[/]: "
        f"{result.written} of {result.total} segments{escape(detail)}"
    )
    return 1 if result.unplaced else 0  # translations left out of the document: not a success
