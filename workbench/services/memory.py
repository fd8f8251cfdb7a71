"""Translation memory over the open file: earlier translations of similar sources.

While a translator edits, every translated or reviewed segment becomes a suggestion for
the segments whose source resembles it (rapidfuzz ratio). The memory is kept apart from
the editing session because it is read by a worker thread while the UI thread edits:
this class owns the lock that makes that safe, and nothing else touches its index.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.domain.states import ReviewState
from workbench.domain.units import Unit

#: Least rapidfuzz ratio (0-100) a source must reach to be suggested.
TM_CUTOFF = 70.0
#: How many matches a segment gets at most.
TM_LIMIT = 3


@dataclass(frozen=True)
class TmMatch:
    """A translation-memory match: a translated segment whose source resembles this one."""

    score: float
    index: int
    source: str
    target: str


def _remembered(unit: Unit) -> bool:
    """Only confirmed work is suggested: translated or reviewed (never a draft)."""
    return unit.state >= ReviewState.TRANSLATED


class TranslationMemory:
    """The sources of the translated and reviewed units, by index; safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sources: dict[int, str] = {}

    def reset(self, units: Sequence[Unit]) -> None:
        """Index ``units`` (the whole file) afresh."""
        sources = {i: u.source for i, u in enumerate(units) if _remembered(u)}
        with self._lock:
            self._sources = sources

    def add(self, units: Iterable[Unit], start: int) -> None:
        """Index more units, the first of them at index ``start``."""
        sources = {i: u.source for i, u in enumerate(units, start=start) if _remembered(u)}
        with self._lock:
            self._sources.update(sources)

    def update(self, i: int, unit: Unit) -> None:
        """Unit ``i`` changed: remember it, or forget it if it is no longer confirmed."""
        with self._lock:
            if _remembered(unit):
                self._sources[i] = unit.source
            else:
                self._sources.pop(i, None)

    def matches(
        self, i: int, units: Sequence[Unit], limit: int = TM_LIMIT, cutoff: float = TM_CUTOFF
    ) -> list[TmMatch]:
        """Remembered units (other than ``i``) whose source resembles unit ``i``'s, best first."""
        from rapidfuzz import fuzz, process

        source = units[i].source
        with self._lock:
            choices = dict(self._sources)
        choices.pop(i, None)
        if not choices:
            return []
        found = process.extract(
            source, choices, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff
        )
        return [
            TmMatch(float(score), int(j), units[j].source, units[j].target) for _, score, j in found
        ]
