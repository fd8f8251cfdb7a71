"""``workbench draft``: machine drafts for untranslated segments, glossary terms enforced.

Shows a progress bar (segments, target tokens/s, ETA). Ctrl+C keeps the drafts that were
finished: they are written atomically before the command exits with code 130.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from workbench.cli.arguments import int_at_least
from workbench.cli.console import console, err_console, show_path
from workbench.cli.tm_cmd import add_memory_option
from workbench.domain.match_policy import DEFAULT_CUTOFF
from workbench.domain.mt_constraints import TermMode
from workbench.domain.states import ReviewState
from workbench.errors import UserError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "draft",
        description="Fill untranslated entries from the translation memory first (exact "
        "matches, then fuzzy matches of --min-score or more; the file's own translated and "
        "reviewed entries are added to the memory before), then the rest with machine drafts "
        "(state draft, #, fuzzy). Translated and reviewed entries are never touched. Each "
        "memory draft records the match in `# wb:origin`; each machine draft records its origin "
        "(model, the draft as delivered and the model's own output, glossary enforcement) in a "
        "`# wb:origin` comment. Every preferred and do-not-translate term of the glossary is "
        "in the draft, in the English form the German asks for; forbidden renderings never are.",
    )
    p.add_argument(
        "po", nargs="*", type=Path, help="PO files (default: the corpora in workbench.toml)"
    )
    p.add_argument(
        "--glossary",
        "-g",
        action="append",
        type=Path,
        default=[],
        metavar="G",
        help="glossary file to enforce (repeatable; default: the project's)",
    )
    p.add_argument("--no-glossary", action="store_true", help="draft without any glossary")
    _add_mt_options(p)
    _add_memory_options(p)
    p.set_defaults(run=run)


def _add_mt_options(p: argparse.ArgumentParser) -> None:
    """How the machine drafts are made: the engine, its search, the glossary's way in."""
    p.add_argument(
        "--beam",
        type=int_at_least(1),
        default=4,
        metavar="N",
        help="beam size (default 4; 1 is fastest)",
    )
    p.add_argument(
        "--redraft",
        action="store_true",
        help="also re-draft existing drafts (fuzzy); translated/reviewed stay untouched",
    )
    p.add_argument(
        "--terms",
        choices=[mode.value for mode in TermMode],
        default=TermMode.PLACEHOLDER.value,
        help="how glossary terms reach the model: a placeholder replaced by the right English "
        "form after MT (default), the preferred English words in the German input, or the "
        "source as written; in every mode a term the model left out is inserted",
    )
    p.add_argument(
        "--hypotheses",
        type=int_at_least(1),
        default=4,
        metavar="N",
        help="n-best hypotheses to choose from: the one keeping the most terms (default 4, "
        "at most the beam)",
    )
    p.add_argument(
        "--engine",
        choices=("argos", "libretranslate"),
        help="the MT engine: the installed Argos package, or a LibreTranslate server "
        "(default: [mt] engine in workbench.toml, else argos)",
    )
    p.add_argument("--url", metavar="URL", help="the LibreTranslate server (default: [mt] url)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the MT cache")


def _add_memory_options(p: argparse.ArgumentParser) -> None:
    """Which memory fills entries before MT, and how its matches are taken."""
    add_memory_option(p)
    p.add_argument(
        "--no-memory",
        action="store_true",
        help="machine drafts only: the translation memory is neither used nor fed",
    )
    p.add_argument(
        "--tm-only",
        action="store_true",
        help="fill from the translation memory only, no MT (needs no model)",
    )
    p.add_argument(
        "--min-score",
        type=float,
        default=None,
        metavar="S",
        help=f"least fuzzy-match score used for a memory draft (default {DEFAULT_CUTOFF:g})",
    )
    p.add_argument(
        "--accept-exact",
        action="store_true",
        help="exact memory matches become translated, not drafts",
    )


def run(args: argparse.Namespace) -> int:
    from workbench.services import glossaries
    from workbench.services.drafting import (
        Drafter,
        DraftOptions,
        configured_engine,
        require_model,
    )
    from workbench.services.project import resolve_glossaries, resolve_po_files

    if args.tm_only and args.no_memory:
        raise UserError("--tm-only needs the memory; leave out --no-memory")
    if args.min_score is not None and not 0 <= args.min_score <= 100:
        raise UserError("--min-score must be from 0 to 100")
    paths = resolve_po_files(args.po)
    drafter = None
    if not args.tm_only:
        engine = configured_engine(args.engine, args.url)
        package = require_model("de", "en") if engine is None else None
        glossary = None
        if not args.no_glossary:
            glossary = glossaries.load_optional(resolve_glossaries(args.glossary))
        options = DraftOptions(
            beam_size=args.beam,
            redraft=args.redraft,
            use_cache=not args.no_cache,
            terms=TermMode(args.terms),
            num_hypotheses=args.hypotheses,
        )
        drafter = Drafter(package, glossary, options, engine=engine)
        err_console.print(
            f"model {escape(drafter.model_id)}; glossary: "
            + (f"{len(glossary)} concepts" if glossary is not None else "none")
        )
    memory = None if args.no_memory else _open_memory(args)
    try:
        for path in paths:
            if memory is not None:
                _pretranslate(path, memory, args)
            if drafter is not None:
                _machine_drafts(path, drafter)
    finally:
        if memory is not None:
            memory[0].close()
    return 0


def _open_memory(args: argparse.Namespace) -> tuple[Any, Any]:
    from workbench.services.project_memory import memory_settings, open_memory

    settings = memory_settings(args.memory)
    store = open_memory(settings, create=not args.memory)
    return store, settings


def _pretranslate(path: Path, memory: tuple[Any, Any], args: argparse.Namespace) -> None:
    from workbench.services.pretranslation import PretranslateOptions, pretranslate_file
    from workbench.services.project_memory import feed_file

    store, settings = memory
    if settings.feed:
        feed_file(store, settings, path)
    options = PretranslateOptions(
        min_score=args.min_score if args.min_score is not None else settings.policy.cutoff,
        accept_exact=args.accept_exact,
        redraft=args.redraft,
    )
    r = pretranslate_file(path, store, settings, options)
    exact_as = "translated" if args.accept_exact else "drafts"
    if r.unconfirmed:
        exact_as += (
            f"; {r.unconfirmed} kept as drafts: their edge newlines disagree with the source"
        )
    adjusted = (
        f", {r.adjusted} adapted to the new source (numbers, placeholders, edge spacing)"
        if r.adjusted
        else ""
    )
    rest = "without a match" if args.tm_only else "left for MT"
    console.print(
        f"[bold]{escape(show_path(path))}[/]: memory: {r.exact} exact ({exact_as}), "
        f"{r.fuzzy} fuzzy ≥ {options.min_score:g} (drafts), {r.left} {rest}{adjusted}; "
        f"{r.kept} translated/reviewed untouched"
    )


def _machine_drafts(path: Path, drafter: Any) -> None:
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("segments"),
        TextColumn("{task.fields[tps]:>7.0f} tok/s"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task(escape(show_path(path)), total=None, tps=0.0)

        def show(state: Any, task: Any = task, bar: Progress = bar) -> None:
            bar.update(task, total=state.total, completed=state.done, tps=state.tokens_per_second)

        try:
            report = drafter.draft_file(path, progress=show)
        except KeyboardInterrupt:
            _interrupted(path)
    enforcement = ", ".join(f"{n} {s}" for s, n in sorted(report.enforcement.items())) or "no terms"
    speed = (
        f", {report.target_tokens / report.seconds:.0f} tok/s"
        if report.seconds and report.target_tokens
        else ""
    )
    console.print(
        f"[bold]{escape(show_path(path))}[/]: {report.drafted} drafted "
        f"({report.cached} from cache), "
        f"{report.kept} translated/reviewed untouched"
        + (
            f", {report.skipped_drafts} existing drafts kept (--redraft to redo)"
            if report.skipped_drafts
            else ""
        )
        + f"; glossary: {enforcement}; {report.seconds:.1f} s{speed}"
        + (f"; {report.split} long segments split" if report.split else "")
    )


def _interrupted(path: Path) -> NoReturn:
    """Ctrl+C: the finished drafts are already saved; leave without waiting for the model.

    CTranslate2 cannot abort a batch it is decoding and its destructor waits for it, which
    can take many seconds on a big model; the file and the MT cache are complete, so the
    process ends at once with the usual exit code 130.
    """
    from workbench.services.status import file_status

    drafted = file_status([path])[0].progress.segments[ReviewState.DRAFT]
    err_console.print(
        f"interrupted: finished drafts were saved; {escape(show_path(path))} now has "
        f"{drafted} drafts (run `workbench draft` again to continue)"
    )
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(130)
