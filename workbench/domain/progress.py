"""Counting work done: segments and source words per review state."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from workbench.domain.states import ReviewState
from workbench.domain.units import Unit


def word_count(text: str) -> int:
    """Words as translators count them: runs of non-space characters."""
    return len(text.split())


@dataclass
class Progress:
    """Segments and source words per state for one catalogue."""

    segments: dict[ReviewState, int] = field(default_factory=lambda: dict.fromkeys(ReviewState, 0))
    words: dict[ReviewState, int] = field(default_factory=lambda: dict.fromkeys(ReviewState, 0))
    #: Entries a git merge left with an unresolved conflict (they count as drafts too).
    conflicts: int = 0

    @classmethod
    def of(cls, units: Iterable[Unit]) -> Progress:
        progress = cls()
        for unit in units:
            if unit.obsolete:
                continue
            state = unit.state
            progress.segments[state] += 1
            progress.words[state] += word_count(unit.source)
            if unit.conflict:
                progress.conflicts += 1
        return progress

    @property
    def needing_work(self) -> int:
        """Segments a person still has to write or confirm (see ``ReviewState.needs_work``)."""
        return sum(n for state, n in self.segments.items() if state.needs_work)

    @property
    def total(self) -> int:
        return sum(self.segments.values())

    @property
    def total_words(self) -> int:
        return sum(self.words.values())

    def share(self, state: ReviewState, by_words: bool = False) -> float:
        """Percentage of segments (or words) in ``state``; 0 for an empty catalogue."""
        counts = self.words if by_words else self.segments
        total = sum(counts.values())
        return 100.0 * counts[state] / total if total else 0.0

    def as_dict(self) -> dict[str, int]:
        """The JSON shape: one count per state, the total and the unresolved conflicts."""
        return {
            **{s.label: self.segments[s] for s in ReviewState},
            "total": self.total,
            "conflicts": self.conflicts,
        }
