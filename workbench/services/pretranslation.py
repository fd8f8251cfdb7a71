"""Pre-translation: fill untranslated entries from the translation memory before MT.

For each entry that drafting may fill (untranslated; with ``redraft`` also drafts; never a
translated or reviewed one) the best memory match decides:

- an **exact** match (the same text but for edge whitespace, which the translation takes
  from the new source) gives the memory's translation, as a draft, or as a translation with
  ``accept_exact`` — never one whose leading/trailing newlines disagree with the source
  (``msgfmt -c`` would refuse the file): that stays a draft;
- a **fuzzy** match scoring ``min_score`` or more gives a draft;
- anything else is left for MT (``workbench draft`` runs it next, unless ``--tm-only``).

Every draft records where it came from in ``wb:origin``: engine ``memory``, the memory, the
score, the matched source, its origin and state, and whether numbers or placeholders were
substituted. Identical sources are looked up once.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.adapters.memory import MemoryStore
from workbench.adapters.po import PoCatalog
from workbench.domain.memory import DEFAULT_CUTOFF, MemoryMatch, newlines_agree
from workbench.domain.states import ReviewState
from workbench.domain.units import MEMORY_ENGINE, MtOrigin, Unit, needs_draft
from workbench.services.project_memory import MemorySettings, recorded_location


@dataclass(frozen=True)
class PretranslateOptions:
    """How to pre-translate: the least fuzzy score, exact matches confirmed or not."""

    min_score: float = DEFAULT_CUTOFF
    accept_exact: bool = False
    redraft: bool = False


@dataclass
class PretranslateReport:
    """What pre-translation did to one file (or one list of units)."""

    path: Path | None = None
    selected: int = 0  # entries that could be filled
    exact: int = 0
    unconfirmed: int = 0  # of exact with accept_exact: left drafts, as msgfmt -c would refuse
    fuzzy: int = 0
    adjusted: int = 0  # of exact and fuzzy: numbers/placeholders/edge spacing adapted
    left: int = 0  # no match good enough: left for MT
    kept: int = 0  # translated or reviewed: never touched
    seconds: float = 0.0

    @property
    def filled(self) -> int:
        return self.exact + self.fuzzy


def memory_origin(match: MemoryMatch, memory: str, root: Path | None) -> MtOrigin:
    """The ``wb:origin`` record of a draft taken from ``memory`` (as
    :func:`recorded_location` gives it; the match's file too, ``root`` the project's)."""
    entry = match.entry
    extra: dict[str, object] = {
        "score": round(match.score, 1),
        "match": "exact" if match.exact else "fuzzy",
        "source": entry.source,
        "origin": recorded_location(entry.origin, root) if entry.origin else "",
        "state": entry.state.label,
    }
    if entry.context:
        extra["context"] = entry.context
    if match.adjusted:
        extra["adjusted"] = True
    return MtOrigin(MEMORY_ENGINE, memory, match.target, "", extra)


def pretranslate_units(
    units: Sequence[Unit],
    store: MemoryStore,
    settings: MemorySettings,
    options: PretranslateOptions = PretranslateOptions(),
) -> tuple[list[Unit], PretranslateReport]:
    """The units filled from the memory (new values), and the counts."""
    report = PretranslateReport()
    report.kept = sum(1 for u in units if not u.obsolete and u.state >= ReviewState.TRANSLATED)
    policy = replace(settings.policy, cutoff=options.min_score)
    memory = recorded_location(store.location, settings.root)
    best: dict[str, MemoryMatch | None] = {}
    filled: list[Unit] = []

    def lookup(source: str) -> MemoryMatch | None:
        if source not in best:
            found = store.lookup(source, settings.source_lang, settings.target_lang, 1, policy)
            best[source] = found[0] if found else None
        return best[source]

    for unit in units:
        if not needs_draft(unit, options.redraft):
            continue
        report.selected += 1
        # a plural entry: msgid for msgstr[0], msgid_plural for the others; filled only
        # when the memory has every one (half a plural entry would be left for a person)
        matches = [lookup(source) for source in dict.fromkeys(unit.form_sources)]
        found = [m for m in matches if m is not None]
        if len(found) < len(matches):
            report.left += 1
            continue
        origin = memory_origin(found[0], memory, settings.root)
        filled.append(_from_memory(unit, found, origin, options.accept_exact, report))
    return filled, report


def _from_memory(
    unit: Unit,
    matches: list[MemoryMatch],
    origin: MtOrigin,
    accept_exact: bool,
    report: PretranslateReport,
) -> Unit:
    """``unit`` drafted from the memory's best match for each of its sources (``origin``:
    the first match's, as recorded); with ``accept_exact``, all exact matches make it translated
    where the line breaks agree with the source. Counted in ``report``."""
    new = unit.drafted_per_source([m.target for m in matches], origin)
    if all(m.exact for m in matches):
        report.exact += 1
        if accept_exact and newlines_agree(unit.source, matches[0].target):
            new = new.confirmed()
        elif accept_exact:
            report.unconfirmed += 1
    else:
        report.fuzzy += 1
    report.adjusted += int(any(m.adjusted for m in matches))
    return new


def pretranslate_file(
    path: Path,
    store: MemoryStore,
    settings: MemorySettings,
    options: PretranslateOptions = PretranslateOptions(),
) -> PretranslateReport:
    """Pre-translate one PO file in place (saved atomically, only if anything was filled)."""
    started = time.perf_counter()
    catalog = PoCatalog.load(Path(path))
    filled, report = pretranslate_units(catalog.units(), store, settings, options)
    for unit in filled:
        catalog.apply(unit)
    if filled:
        catalog.save()
    report.path = Path(path)
    report.seconds = time.perf_counter() - started
    return report
