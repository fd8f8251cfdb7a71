"""``workbench score``: quality against a reference, post-editing effort, glossary adherence.

Text (rich tables), JSON for pipelines, or a markdown report for a review ticket. Two or
more PO files with one reference are compared by paired bootstrap resampling.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, NamedTuple

from rich.markup import escape
from rich.table import Table

from workbench.cli.arguments import int_at_least
from workbench.cli.console import console
from workbench.domain.scoring import DEFAULT_STATES, segment_label, unit_key
from workbench.domain.states import ReviewState
from workbench.errors import UserError
from workbench.services.project import project_config, resolve_glossaries
from workbench.services.scoring import (
    DEFAULT_CACHE,
    REFERENCE_KINDS,
    Comparison,
    FileScore,
    ScoreOptions,
    ScoreReport,
    alignment_text,
    file_json,
    report_json,
    score_files,
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "score",
        description="Score translations with sacrebleu's defaults (numbers equal sacrebleu's), "
        "measure post-editing effort from the recorded MT drafts, and count glossary adherence. "
        "Two or more "
        "PO files with one --reference are compared by paired bootstrap resampling. With no files, "
        "scores the project's corpora against their references.",
    )
    p.add_argument(
        "po", nargs="*", type=Path, help="PO files (default: the corpora in workbench.toml)"
    )
    _add_reference_options(p)
    p.add_argument("--format", choices=("text", "json", "md"), default="text")
    p.add_argument(
        "--segments",
        type=int_at_least(-1, "-1 lists all"),
        default=10,
        help="worst segments to list in text/md (-1: all, 0: none)",
    )
    _add_computing_options(p)
    p.set_defaults(run=run)


def _add_reference_options(p: argparse.ArgumentParser) -> None:
    """What the translations are scored against: the reference, the glossary, the states."""
    p.add_argument(
        "--reference",
        "-r",
        type=Path,
        help="reference: a PO, a text file (one line per segment) or markdown (per paragraph)",
    )
    p.add_argument(
        "--reference-kind",
        choices=REFERENCE_KINDS,
        default="auto",
        help="how to read the reference (default: by file name)",
    )
    p.add_argument(
        "--glossary",
        "-g",
        type=Path,
        action="append",
        default=[],
        help="glossary file (default: the project's)",
    )
    p.add_argument("--no-glossary", action="store_true", help="skip glossary adherence")
    p.add_argument(
        "--states",
        default=",".join(s.label for s in sorted(DEFAULT_STATES)),
        help="review states to score against the reference (default: draft,translated,reviewed)",
    )


def _add_computing_options(p: argparse.ArgumentParser) -> None:
    """How the statistics are computed: the cache, the processes, the bootstrap samples."""
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the per-segment statistics cache",
    )
    p.add_argument(
        "--workers",
        type=int_at_least(1),
        default=None,
        help="processes for extraction (default: all cores)",
    )
    p.add_argument(
        "--samples",
        type=int_at_least(1),
        default=1000,
        help="bootstrap resamples when comparing (default: 1000)",
    )


def _states(text: str) -> frozenset[ReviewState]:
    try:
        return frozenset(ReviewState.parse(s) for s in text.split(",") if s.strip())
    except ValueError as exc:
        raise UserError(str(exc), None, "for example --states translated,reviewed") from None


def run(args: argparse.Namespace) -> int:
    options = ScoreOptions(
        states=_states(args.states),
        cache=None if args.no_cache else DEFAULT_CACHE,
        workers=args.workers,
        bootstrap_samples=args.samples,
    )
    glossaries = [] if args.no_glossary else resolve_glossaries(args.glossary)
    reports = [
        score_files(paths, ref, args.reference_kind, glossaries, options)
        for paths, ref in _jobs(args.po, args.reference)
    ]
    if args.format == "json":
        if len(reports) == 1:
            payload: dict[str, object] = report_json(reports[0])
        else:
            payload = {"files": [file_json(f) for r in reports for f in r.files]}
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    for report in reports:
        if args.format == "md":
            print(markdown_report(report, args.segments))
        else:
            _print_text(report, args.segments)
    return 0


def _jobs(po: list[Path], reference: Path | None) -> list[tuple[list[Path], Path | None]]:
    """Which PO files are scored together, against which reference: the files named (a
    single file's reference from its corpus in workbench.toml when none is given), else
    each corpus of the project on its own."""
    if po:
        if reference is None and len(po) == 1:
            config = project_config(required=False)
            corpus = config.corpus_for(Path(po[0])) if config else None
            reference = corpus.reference if corpus else None
        return [(list(po), reference)]
    config = project_config()
    assert config is not None
    if not config.corpora:
        raise UserError("workbench.toml names no [[corpus]]", config.root / "workbench.toml")
    return [([c.po], reference or c.reference) for c in config.corpora]


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _print_text(report: ScoreReport, limit: int) -> None:
    for f in report.files:
        title = escape(f.name) + (f"  vs  {escape(report.reference)}" if report.reference else "")
        table = Table(title=title, title_justify="left")
        table.add_column("measure")
        table.add_column("score", justify="right")
        table.add_column("sacrebleu signature / detail", overflow="fold")
        if f.corpus is not None:
            for metric in f.corpus.metrics():
                table.add_row(metric.label, _fmt(metric.score), escape(metric.signature))
        elif report.reference:
            table.add_row("quality", "–", "nothing to score against the reference")
        pe = f.post_edit
        if pe is not None:
            table.add_row(
                "HTER (MT→final)",
                _fmt(pe.hter),
                f"{pe.segments} post-edited segments, {pe.unchanged} unchanged",
            )
            table.add_row("chrF (MT→final)", _fmt(pe.chrf), "")
        else:
            table.add_row("HTER (MT→final)", "–", "no confirmed segment has a recorded MT draft")
        a = f.adherence
        if a is not None:
            table.add_row(
                "glossary adherence %",
                _fmt(a.share, 1),
                f"{a.adhered} of {a.occurrences} term occurrences",
            )
        else:
            table.add_row("glossary adherence %", "–", escape(report.glossary_note))
        table.add_row("states", "", ", ".join(f"{k} {v}" for k, v in f.states.items()))
        if f.pairing is not None:
            p = f.pairing
            table.caption = (
                f"{len(p.pairs)} {p.level}s scored; {p.not_selected} segments in other states, "
                f"{p.no_reference} without reference"
            )
            if p.alignment is not None:
                table.caption += f"\nreference: {alignment_text(p.alignment)}"
        console.print(table)
        _print_worst(f, limit)
    if report.comparison is not None:
        _print_comparison(report.comparison)
    if report.cache_note:
        console.print(f"[dim]{escape(report.cache_note)}[/]")


def _print_comparison(comp: Comparison) -> None:
    table = Table(
        title=f"paired bootstrap ({comp.n_samples} samples, seed {comp.seed}, "
        f"{comp.segments} segments); baseline first",
        title_justify="left",
    )
    table.add_column("system")
    for metric in comp.results:
        table.add_column(metric, justify="right")
    for i, name in enumerate(comp.names):
        cells = []
        for rows in comp.results.values():
            r = rows[i]
            p_text = (
                "" if r.p_value is None else f" p={r.p_value:.4f}{' *' if r.p_value < 0.05 else ''}"
            )
            cells.append(f"{r.score:.2f} ({r.mean:.2f}±{r.ci:.2f}){p_text}")
        table.add_row(escape(name), *cells)
    table.caption = "* significantly different from the baseline (p < 0.05)"
    console.print(table)


class _Row(NamedTuple):
    """A segment in a "worst segments" table, with the table's two measures."""

    segment: str
    first: float
    second: float


def _worst(f: FileScore, limit: int) -> tuple[list[_Row], list[_Row]]:
    """The segments with the lowest chrF (and their TER), the most post-edited ones (HTER,
    and chrF MT→final); ``limit`` of each (-1: all)."""
    pairs = zip(f.pairs, f.sentences, strict=True)
    quality = [_Row(p.label or p.id, s.chrf, s.ter) for p, s in pairs]
    quality.sort(key=lambda r: r.first)
    labels = {unit_key(u): segment_label(u) for u in f.units}
    edits = [
        _Row(labels.get(key, key.msgctxt), pe.hter, pe.chrf) for key, pe in f.post_edit_rows.items()
    ]
    edits.sort(key=lambda r: -r.first)
    if limit >= 0:
        quality, edits = quality[:limit], edits[:limit]
    return quality, edits


def _print_worst(f: FileScore, limit: int) -> None:
    if limit == 0:
        return
    quality, edits = _worst(f, limit)
    _print_rows("lowest chrF against the reference", ("chrF", "TER"), quality)
    _print_rows("most post-edited (HTER, MT→final)", ("HTER", "chrF"), edits)


def _print_rows(title: str, measures: tuple[str, str], rows: list[_Row]) -> None:
    """A small table of segments with two scores each (nothing when there are no rows)."""
    if not rows:
        return
    table = Table(title=title, title_justify="left")
    table.add_column("segment")
    for measure in measures:
        table.add_column(measure, justify="right")
    for uid, first, second in rows:
        table.add_row(escape(uid), _fmt(first), _fmt(second))
    console.print(table)


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_report(report: ScoreReport, limit: int = 10) -> str:
    """The report as markdown tables, for a review ticket or a CI summary."""
    out: list[str] = []
    for f in report.files:
        out += _markdown_file(f, report.reference, limit)
    if report.comparison is not None:
        out += _markdown_comparison(report.comparison)
    return "\n".join(out)


def _markdown_file(f: FileScore, reference: str | None, limit: int) -> list[str]:
    """One catalogue's scores: what it was scored against, the measures, the worst segments."""
    out = [f"## Scores: `{_md_cell(f.name)}`\n"]
    if reference:
        level, scored = (f.pairing.level, len(f.pairing.pairs)) if f.pairing else (None, 0)
        out.append(f"Reference: `{_md_cell(reference)}` ({level} level, {scored} scored)\n")
        if f.pairing is not None and f.pairing.alignment is not None:
            out.append(f"Alignment: {alignment_text(f.pairing.alignment)}\n")
    out.append("| measure | score | detail |\n|---|---:|---|")
    if f.corpus is not None:
        for metric in f.corpus.metrics():
            signature = _md_cell(metric.signature)
            out.append(f"| {metric.label} | {metric.score:.2f} | `{signature}` |")
    if f.post_edit is not None:
        pe = f.post_edit
        out.append(
            f"| HTER (MT→final) | {pe.hter:.2f} | "
            f"{pe.segments} post-edited, {pe.unchanged} unchanged |"
        )
        out.append(f"| chrF (MT→final) | {pe.chrf:.2f} | |")
    if f.adherence is not None:
        a = f.adherence
        out.append(
            f"| glossary adherence % | {_fmt(a.share, 1)} | "
            f"{a.adhered} of {a.occurrences} occurrences |"
        )
    out.append("| states | | " + ", ".join(f"{k} {v}" for k, v in f.states.items()) + " |\n")
    quality, edits = _worst(f, limit) if limit else ([], [])
    if quality:
        out.append("Lowest chrF:\n\n| segment | chrF | TER |\n|---|---:|---:|")
        out.extend(f"| `{_md_cell(uid)}` | {c:.2f} | {t:.2f} |" for uid, c, t in quality)
        out.append("")
    if edits:
        out.append("Most post-edited:\n\n| segment | HTER | chrF |\n|---|---:|---:|")
        out.extend(f"| `{_md_cell(uid)}` | {h:.2f} | {c:.2f} |" for uid, h, c in edits)
        out.append("")
    return out


def _markdown_comparison(comp: Comparison) -> list[str]:
    """The paired bootstrap table: each system's score (and p-value against the baseline)."""
    out = [f"## Paired bootstrap ({comp.n_samples} samples, {comp.segments} segments)\n"]
    out.append("| system | " + " | ".join(comp.results) + " |")
    out.append("|---|" + "---:|" * len(comp.results))
    for i, name in enumerate(comp.names):
        cells = []
        for rows in comp.results.values():
            r = rows[i]
            cells.append(f"{r.score:.2f}" + ("" if r.p_value is None else f" (p={r.p_value:.4f})"))
        out.append(f"| `{_md_cell(name)}` | " + " | ".join(cells) + " |")
    return out
