"""``workbench tm``: the translation memory — import, export, stats, lookup, search.

Every subcommand takes ``--memory PATH|URL``; without it the project's memory (workbench.toml
``[memory]``, else ``translation-memory.sqlite`` beside it) or, outside a project, the user's.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from workbench.cli.console import console, err_console, show_path
from workbench.domain.memory import DEFAULT_CUTOFF, DiffOp, MemoryEntry, MemoryMatch, word_diff
from workbench.errors import UserError

STATE_STYLES = {"draft": "yellow", "translated": "cyan", "reviewed": "green"}


def add_memory_option(p: argparse.ArgumentParser) -> None:
    """The ``--memory`` option every memory-using command shares."""
    p.add_argument(
        "--memory",
        metavar="PATH|URL",
        help="the memory: a SQLite file or a postgresql:// URL "
        "(default: workbench.toml [memory], else translation-memory.sqlite beside it)",
    )


def register(sub: Any) -> None:
    p = sub.add_parser(
        "tm",
        description="The translation memory every PO file of the project feeds (on save, "
        "segment and draft). Import TMX 1.4 or PO files, export TMX, look up fuzzy matches "
        "and search the concordance.",
    )
    tm = p.add_subparsers(dest="tm_command", metavar="SUBCOMMAND", parser_class=type(p))
    p.set_defaults(run=lambda args: _usage(p))
    _register_import(tm)

    exp = tm.add_parser("export", help="write the memory as TMX 1.4")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.tmx")
    exp.add_argument("--reviewed-only", action="store_true", help="only reviewed entries")
    add_memory_option(exp)
    exp.set_defaults(run=run_export)

    st = tm.add_parser("stats", help="what the memory holds")
    st.add_argument("--format", choices=("text", "json"), default="text")
    add_memory_option(st)
    st.set_defaults(run=run_stats)

    _register_lookup(tm)
    _register_search(tm)


def _register_import(tm: Any) -> None:
    imp = tm.add_parser(
        "import",
        help="add TMX or PO files to the memory",
        description="Add the units of TMX 1.4 files (German and English variants of any "
        "region; other languages are skipped and counted) and the translated and reviewed "
        "entries of PO files. With no files, the project's PO files are synced.",
    )
    imp.add_argument("files", nargs="*", type=Path, metavar="FILE.tmx|FILE.po")
    imp.add_argument(
        "--with-drafts",
        action="store_true",
        help="also import PO drafts (fuzzy entries); matches from them are penalised",
    )
    add_memory_option(imp)
    imp.set_defaults(run=run_import)


def _register_lookup(tm: Any) -> None:
    lk = tm.add_parser(
        "lookup",
        help="fuzzy matches for a sentence, best first",
        description="Matches score like OmegaT (token edit distance, 0-100); unreviewed "
        "entries lose a point, drafts 30. Numbers and placeholders that differ are "
        "substituted in the target where that is safe.",
    )
    lk.add_argument("sentence", help="the German sentence")
    lk.add_argument("--format", choices=("text", "json"), default="text")
    lk.add_argument("--limit", type=int, default=5, metavar="N")
    lk.add_argument(
        "--min-score",
        type=float,
        default=None,
        metavar="S",
        help=f"cut-off (default {DEFAULT_CUTOFF:g})",
    )
    add_memory_option(lk)
    lk.set_defaults(run=run_lookup)


def _register_search(tm: Any) -> None:
    se = tm.add_parser(
        "search",
        help="concordance: entries whose source or target contains the words",
        description="Every word must occur in the source or the target (case-insensitive, "
        "also inside compounds: 'stadt' finds 'Partnerstadt').",
    )
    se.add_argument("words", nargs="+")
    se.add_argument("--format", choices=("text", "json"), default="text")
    se.add_argument("--limit", type=int, default=20, metavar="N")
    add_memory_option(se)
    se.set_defaults(run=run_search)


def _usage(p: argparse.ArgumentParser) -> int:
    p.print_help()
    return 2


def _settings(args: argparse.Namespace) -> Any:
    from workbench.services.project_memory import memory_settings

    return memory_settings(args.memory)


def run_import(args: argparse.Namespace) -> int:
    from workbench.services.memory_exchange import import_files
    from workbench.services.project import resolve_po_files
    from workbench.services.project_memory import open_memory

    settings = _settings(args)
    files = list(args.files) or resolve_po_files([])
    with open_memory(settings) as store:
        for report in import_files(store, files, settings, args.with_drafts):
            w = report.written
            parts = [f"{report.units:,} {'units' if report.kind == 'tmx' else 'entries'} read"]
            if report.kind == "tmx" and report.entries != report.units - report.incomplete:
                parts.append(f"{report.entries:,} entries (some units have several English)")
            parts += [f"{w.added:,} new", f"{w.updated:,} updated", f"{w.unchanged:,} unchanged"]
            if w.merged:
                parts.append(f"{w.merged:,} duplicates merged")
            if w.removed:
                parts.append(f"{w.removed:,} no longer translated, removed")
            if report.incomplete:
                parts.append(f"{report.incomplete:,} without both German and English, skipped")
            if report.other_languages:
                langs = ", ".join(f"{k} {v:,}" for k, v in report.other_languages.most_common())
                parts.append(f"other languages ignored: {langs}")
            if report.turned:
                parts.append("English → German catalogue, turned round")
            console.print(f"[bold]{escape(show_path(report.path))}[/]: " + "; ".join(parts))
    err_console.print(f"memory: {escape(_where(settings.location))}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from workbench.services.memory_exchange import export_tmx
    from workbench.services.project_memory import open_memory

    settings = _settings(args)
    with open_memory(settings, create=False) as store:
        count = export_tmx(store, args.output, settings, args.reviewed_only)
    to_stdout = str(args.output) in ("-", "/dev/stdout")  # keep the TMX on stdout clean
    (err_console if to_stdout else console).print(
        f"wrote {count:,} entries to [bold]{escape(show_path(args.output))}[/]"
    )
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from workbench.services.project_memory import open_memory

    settings = _settings(args)
    with open_memory(settings, create=False) as store:
        stats = store.stats()
    if args.format == "json":
        payload = {
            "memory": _where(stats.location),
            "units": stats.units,
            "pairs": stats.pairs,
            "states": stats.states,
            "origins": stats.origins,
            "size_bytes": stats.size_bytes,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    console.print(f"[bold]{escape(_where(stats.location))}[/]: {stats.units:,} entries")
    if stats.size_bytes is not None:
        console.print(f"  size: {stats.size_bytes / 1e6:,.1f} MB")
    for title, counts in (
        ("languages", stats.pairs),
        ("states", stats.states),
        ("origins", stats.origins),
    ):
        if counts:
            listed = ", ".join(f"{escape(k)} {v:,}" for k, v in counts.items())
            console.print(f"  {title}: {listed}")
    return 0


def run_lookup(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from workbench.services.project_memory import open_memory

    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    settings = _settings(args)
    policy = settings.policy
    if args.min_score is not None:
        if not 0 <= args.min_score <= 100:
            raise UserError("--min-score must be from 0 to 100")
        policy = replace(policy, cutoff=args.min_score)
    with open_memory(settings, create=False) as store:
        matches = store.lookup(
            args.sentence, settings.source_lang, settings.target_lang, args.limit, policy
        )
    if args.format == "json":
        payload = {"matches": [m.as_dict() for m in matches]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not matches:
        console.print(f"no match of {policy.cutoff:g} or more")
        return 0
    table = Table(show_lines=True)
    table.add_column("score", justify="right")
    table.add_column("memory source (what differs)")
    table.add_column("target")
    table.add_column("origin")
    color = console.color_system is not None and not console.no_color
    for match in matches:
        table.add_row(
            _score(match),
            diff_text(match.source, args.sentence, color),
            _target(match),
            _origin(match.entry),
        )
    console.print(table)
    return 0


def run_search(args: argparse.Namespace) -> int:
    from workbench.services.project_memory import open_memory

    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    settings = _settings(args)
    with open_memory(settings, create=False) as store:
        found = store.search(args.words, settings.source_lang, settings.target_lang, args.limit)
        total = len(found)
        if total >= args.limit:  # there may be more than were asked for
            total = store.search_count(args.words, settings.source_lang, settings.target_lang)
    if args.format == "json":
        payload = {"results": [_entry_dict(e) for e in found], "total": total}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not found:
        console.print("nothing found")
        return 0
    table = Table(show_lines=True)
    table.add_column("source")
    table.add_column("target")
    table.add_column("origin")
    for entry in found:
        table.add_row(
            _highlight(entry.source, args.words),
            _highlight(entry.target, args.words),
            _origin(entry),
        )
    console.print(table)
    if total > len(found):
        console.print(f"{len(found):,} of {total:,} shown (--limit N for more)")
    return 0


# --- rendering ---------------------------------------------------------------------------


def diff_text(match_source: str, source: str, color: bool = True) -> Text:
    """The match's source turned into this sentence: gone words red and struck through,
    new words green and underlined (as Poedit and OmegaT show fuzzy matches); without
    colours, wdiff's ``[-gone-]{+new+}``."""
    styles = {DiffOp.EQUAL: "", DiffOp.DELETE: "red strike", DiffOp.INSERT: "green underline"}
    marks = {DiffOp.EQUAL: ("", ""), DiffOp.DELETE: ("[-", "-]"), DiffOp.INSERT: ("{+", "+}")}
    text = Text()
    for piece in word_diff(match_source, source):
        if color:
            text.append(piece.text, styles[piece.op])
        else:
            core = piece.text.strip()
            if piece.op is DiffOp.EQUAL or not core:
                text.append(piece.text)
                continue
            lead = piece.text[: len(piece.text) - len(piece.text.lstrip())]
            trail = piece.text[len(piece.text.rstrip()) :]
            text.append(f"{lead}{marks[piece.op][0]}{core}{marks[piece.op][1]}{trail}")
    return text


def _score(match: MemoryMatch) -> Text:
    style = "bold green" if match.exact else "bold"
    text = Text(f"{match.score:.0f}", style)
    text.append(f"\n{match.entry.state.label}", STATE_STYLES.get(match.entry.state.label, ""))
    return text


def _target(match: MemoryMatch) -> Text:
    text = Text(match.target)
    if match.adjusted:
        text.append("\n(numbers/placeholders taken from the sentence)", "dim")
    return text


def _origin(entry: MemoryEntry) -> Text:
    text = Text(entry.origin or "?")
    if entry.context:
        text.append(f"\n{entry.context}", "dim")
    if entry.author or entry.changed:
        text.append(f"\n{entry.author} {entry.changed[:10]}".rstrip(), "dim")
    return text


def _highlight(text: str, words: list[str]) -> Text:
    out = Text(text)
    for word in words:
        if word.strip():
            out.highlight_words([word], "bold reverse", case_sensitive=False)
    return out


def _entry_dict(entry: MemoryEntry) -> dict[str, object]:
    return {
        "source": entry.source,
        "target": entry.target,
        "origin": entry.origin,
        "context": entry.context,
        "state": entry.state.label,
        "author": entry.author,
        "changed": entry.changed,
    }


def _where(location: str) -> str:
    """A location to show: a server URL without its password, a file path as usual."""
    from workbench.services.project_memory import display_location

    return display_location(location)
