"""``workbench check``: QA checks as a CI gate, with exit codes and machine-readable reports.

Exit 0 when clean, 1 when an unwaived finding reaches ``--fail-on``, 2 for usage or input
errors. With no files it checks the project's corpora with its glossaries and
``[check]`` settings from workbench.toml. ``--waive`` writes a waiver into the PO instead.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any

from workbench import __version__
from workbench.cli.reports import (
    github_annotations,
    json_report,
    junit_report,
    sarif_report,
    text_report,
)
from workbench.cli.terminal import is_terminal
from workbench.domain.checks import CHECKS, DEFAULT_CHECKS, Severity
from workbench.errors import UserError
from workbench.services.checking import (
    ENTRY_FORMS,
    CheckReport,
    add_project_words,
    add_waiver,
    check_files,
    file_label,
    parse_states,
)
from workbench.services.project import (
    check_output,
    project_config,
    resolve_glossaries,
    resolve_po_files,
    write_output,
)

FORMATS = ("text", "json", "github", "sarif", "junit")
SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        description=(
            "Check translated entries: glossary terms, forbidden and do-not-translate terms, "
            "German→English numbers and dates, punctuation, quotes, whitespace, length, and "
            "consistency across files. Exit 0 clean, 1 findings at or above --fail-on, 2 bad input."
        ),
    )
    p.add_argument("po", nargs="*", help="PO files (default: the corpora in workbench.toml)")
    p.add_argument(
        "--glossary",
        "-g",
        action="append",
        default=[],
        metavar="G",
        help="glossary file (.tsv/.csv/.tbx; repeatable; default: the project's)",
    )
    p.add_argument(
        "--format", "-f", choices=FORMATS, default="text", help="report format (default: text)"
    )
    p.add_argument(
        "--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout"
    )
    p.add_argument(
        "--states",
        action="append",
        default=[],
        metavar="STATES",
        help="review states to check, comma-separated (default: translated,reviewed)",
    )
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="lowest severity that fails (default: workbench.toml, else error)",
    )
    p.add_argument(
        "--checks",
        action="append",
        default=[],
        metavar="IDS",
        help="check ids to run, comma-separated (pofilter/Weblate names accepted; default: all)",
    )
    p.add_argument("--list-checks", action="store_true", help="list the checks and exit")
    p.add_argument(
        "--add-word",
        action="append",
        default=[],
        metavar="WORD",
        help="add WORD to the project's word list for the spelling check and exit (repeatable)",
    )
    _add_waiver_options(p)
    p.set_defaults(run=run)


def _add_waiver_options(p: argparse.ArgumentParser) -> None:
    """``check --waive CHECK --entry ENTRY --reason TEXT``: silence one finding for good."""
    w = p.add_argument_group("waivers")
    w.add_argument(
        "--waive", metavar="CHECK", help="silence CHECK on one entry (needs --entry and --reason)"
    )
    w.add_argument(
        "--entry",
        metavar="ENTRY",
        help="the entry to waive: its msgctxt, its line as check prints it (FILE.po:LINE "
        "or LINE), or its msgid",
    )
    w.add_argument("--reason", metavar="TEXT", help="why the finding is fine (required)")
    w.add_argument(
        "--term", default="", help="waive only the finding about this glossary term/number"
    )


def run(args: argparse.Namespace) -> int:
    if args.list_checks:
        return _list_checks(args.format)
    if args.add_word:
        return _add_words(args.add_word)
    if args.waive is not None or args.entry is not None:
        return _waive(args)
    config = project_config(required=not args.po)
    states_arg = args.states or (list(config.check_states) if config else [])
    states = parse_states(states_arg)
    fail_on_name = args.fail_on or (config.check_fail_on if config else "error")
    try:
        fail_on = Severity.parse(fail_on_name)
    except ValueError as exc:
        raise UserError(str(exc), "workbench.toml [check] fail_on") from None
    checks = [c for raw in args.checks for c in raw.split(",") if c.strip()] or None
    po_files = resolve_po_files(args.po)
    glossary_files = resolve_glossaries(args.glossary)
    inputs = [*po_files, *glossary_files]
    if args.output is not None:
        check_output(args.output, inputs)  # before the work: never a report over an input
    report = check_files(po_files, glossary_files, states=states, checks=checks)
    if report.warnings:
        from workbench.cli.console import warn

        warn(report.warnings)
    _emit(report, args.format, fail_on, args.output, inputs)
    return report.exit_code(fail_on)


def _add_words(words: list[str]) -> int:
    from rich.markup import escape

    from workbench.cli.console import console

    path, added = add_project_words(words)
    label = file_label(path)
    for word in words:
        state = "added to" if word.strip() in added else "already in"
        console.print(f"{escape(word.strip())}: {state} {escape(label)}")
    return 0


def _emit(
    report: CheckReport,
    fmt: str,
    fail_on: Severity,
    output: str | None,
    inputs: list[Path],
) -> None:
    if fmt == "text" and output is None:
        _print_text(report, fail_on)
        return
    if fmt == "json":
        summary = {
            **report.summary(),
            "fail_on": fail_on.label,
            "failing": len(report.failing(fail_on)),
        }
        text = json_report(report.findings, summary) + "\n"
    elif fmt == "github":
        text = github_annotations(report.findings)
    elif fmt == "sarif":
        text = sarif_report(report.findings, report.checks, __version__) + "\n"
    elif fmt == "junit":
        text = junit_report(report.findings, report.units_per_file, fail_on)
    else:
        text = text_report(report.findings) + _summary(report, fail_on) + "\n"
    if output is None:
        print(text, end="")
    else:
        write_output(output, text, inputs)


def _terminal_colors() -> dict[str, tuple[str, str]] | None:
    """The codes that colour each severity on this terminal (``None``: not a colour terminal)."""
    from rich.console import Console

    from workbench.cli.console import console

    system = console.color_system
    if not console.is_terminal or system is None:
        return None
    styles = {sev.label: SEVERITY_STYLES[sev] for sev in Severity} | {"waived": "dim"}
    probe = Console(file=io.StringIO(), force_terminal=True, color_system=system)  # type: ignore[arg-type]
    out = {}
    for key, style in styles.items():
        with probe.capture() as captured:
            probe.print("\0", style=style, end="")
        start, _, end = captured.get().partition("\0")
        out[key] = (start, end)
    return out


def _print_text(report: CheckReport, fail_on: Severity) -> None:
    """Findings as ``file:line:`` lines (coloured on a terminal), then the verdict.

    Written straight to stdout: laying out a rich table of 150,000 rows took minutes. Not
    on a terminal (CI, a pipe) the same plain text is printed without loading rich.
    """
    if not is_terminal(sys.stdout):
        sys.stdout.write(text_report(report.findings) + _summary(report, fail_on) + "\n")
        return
    from workbench.cli.console import console

    sys.stdout.write(text_report(report.findings, _terminal_colors()))
    sys.stdout.flush()
    console.print(_summary(report, fail_on, markup=True))


def _summary(report: CheckReport, fail_on: Severity, markup: bool = False) -> str:
    s = report.summary()
    counts = s["by_severity"]
    parts = [f"{counts[sev.label]} {sev.label}" for sev in sorted(Severity, reverse=True)]
    waived = f", {s['waived']} waived" if s["waived"] else ""
    verdict = "FAIL" if report.failing(fail_on) else "OK"
    if markup:
        verdict = f"[bold red]{verdict}[/]" if verdict == "FAIL" else f"[bold green]{verdict}[/]"
    return (
        f"{verdict} {', '.join(parts)}{waived} — {report.units_checked} entries "
        f"({', '.join(st.label for st in report.states)}) in {len(report.files)} file(s); "
        f"fail on {fail_on.label}"
    )


def _list_checks(fmt: str) -> int:
    if fmt == "json":
        rows = [
            {
                "id": cls.id,
                "severity": cls.severity.label,
                "title": cls.title(),
                "description": cls.description(),
                "pofilter": list(cls.pofilter),
                "weblate": list(cls.weblate),
                "default": cls.id in DEFAULT_CHECKS,
            }
            for cls in CHECKS.values()
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    from rich.markup import escape
    from rich.table import Table

    from workbench.cli.console import console

    table = Table(title="workbench checks", title_justify="left", show_lines=True)
    table.add_column("id", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("description", ratio=1, min_width=36)
    table.add_column("pofilter", no_wrap=True)
    table.add_column("Weblate", no_wrap=True)
    for cls in CHECKS.values():
        body = cls.description().split("\n\n", 1)
        desc = f"[bold]{escape(body[0])}[/]" + (f"\n{escape(body[1])}" if len(body) > 1 else "")
        table.add_row(
            cls.id,
            f"[{SEVERITY_STYLES[cls.severity]}]{cls.severity.label}[/]",
            desc,
            escape("\n".join(cls.pofilter) or "—"),
            escape("\n".join(cls.weblate) or "—"),
        )
    console.print(table)
    return 0


def _waive(args: argparse.Namespace) -> int:
    usage = (
        'workbench check --waive CHECK --entry ENTRY --reason "…" FILE.po, where ENTRY is '
        + ENTRY_FORMS
    )
    if not (args.waive and args.entry):
        raise UserError("--waive needs a check id and --entry ENTRY", None, usage)
    if len(args.po) != 1:
        raise UserError("--waive writes into one PO file; name exactly one", None, usage)
    unit = add_waiver(Path(args.po[0]), args.entry, args.waive, args.reason or "", args.term)
    from rich.markup import escape

    from workbench.cli.console import console

    waiver = unit.waivers[-1]
    term = f" (term {waiver.term!r})" if waiver.term else ""
    context = f" (msgctxt {unit.id!r})" if unit.id else ""
    console.print(
        f"waived {waiver.check}{term} on {escape(args.po[0])}:{unit.line}{escape(context)} "
        f"{escape(_snippet(unit.source))}: {escape(waiver.reason)}"
    )
    return 0


def _snippet(text: str, width: int = 50) -> str:
    """A msgid in one short line, quoted, for a confirmation."""
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 1] + "…")
