"""``workbench segment``: a German document into PO segments, or an update of an existing PO."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.markup import escape

from workbench.cli.console import console, err_console, show_path
from workbench.services.project import project_config, segment_jobs
from workbench.services.segmenting import FRONT_MATTER_KEYS, segment_file


def register(sub: Any) -> None:
    p = sub.add_parser(
        "segment",
        description="Split a source document into one PO entry per sentence. Run it again on a "
        "changed source to update the PO the way msgmerge does. With no arguments, segments "
        "every corpus in workbench.toml.",
    )
    p.add_argument("source", nargs="?", type=Path, help="the source document (.txt, .md or .mdx)")
    p.add_argument("-o", "--output", type=Path, help="the PO file to create or update")
    p.add_argument("--encoding", default="utf-8", help="the source's encoding (default: utf-8)")
    p.add_argument(
        "--front-matter-keys",
        default=",".join(FRONT_MATTER_KEYS),
        help="Markdown: the YAML front-matter keys whose values are translated, comma-separated "
        f"('' for none; default: {','.join(FRONT_MATTER_KEYS)})",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    config = project_config(required=args.source is None)
    jobs = segment_jobs(args.source, args.output, config)
    src_lang = config.source_language if config else "de"
    tgt_lang = config.target_language if config else "en"
    written: list[Path] = []
    for source, out in jobs:
        keys = tuple(k.strip() for k in args.front_matter_keys.split(",") if k.strip())
        result = segment_file(
            source, out, args.encoding, src_lang, tgt_lang, front_matter_keys=keys
        )
        r = result.report
        name = f"[bold]{escape(show_path(result.path))}[/]"
        written.append(result.path)
        if not result.written:
            console.print(f"{name} is up to date: {result.segments} segments, source unchanged")
            continue
        console.print(
            f"{'created' if result.created else 'updated'} {name}: {result.segments} segments "
            f"({r.kept} kept, {r.fuzzy} fuzzy, {r.new} new, {r.obsoleted} obsolete)"
        )
        if result.verbatim_lines:
            lines = ", ".join(str(n) for n in result.verbatim_lines[:10])
            console.print(
                f"  {len(result.verbatim_lines)} block(s) kept verbatim, their markup could "
                f"not be placed exactly (source lines {lines})"
            )
        if result.unread_lines:
            lines = ", ".join(str(n) for n in result.unread_lines[:10])
            console.print(
                f"  {len(result.unread_lines)} HTML block(s) hold text that is not segmented "
                f"and stays as written (source lines {lines}); write the text as Markdown "
                "between the tags, with blank lines around it, to translate it"
            )
    _feed_memory(written)
    return 0


def _feed_memory(paths: list[Path]) -> None:
    """The translated and reviewed entries go into the project's translation memory."""
    from workbench.services.project_memory import feed_files

    for path, report in feed_files(paths).items():
        if report.added or report.updated or report.removed:
            err_console.print(
                f"[dim]memory: {escape(show_path(path))}: {report.added} new, "
                f"{report.updated} updated, {report.removed} removed[/]"
            )
