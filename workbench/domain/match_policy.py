"""How translation-memory matches are scored and cut off: a small value of its own, so that
reading workbench.toml (which shows these defaults) does not load the matching code."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain.states import ReviewState

#: Least score (0-100) a match must reach to be shown or used.
DEFAULT_CUTOFF = 75.0


@dataclass(frozen=True, slots=True)
class MatchPolicy:
    """How matches are scored and cut off (``[memory]`` in workbench.toml can change it)."""

    cutoff: float = DEFAULT_CUTOFF
    #: Points a draft (a fuzzy PO entry, an unconfirmed suggestion) loses (OmegaT: 40).
    draft_penalty: float = 30.0
    #: Points a translation nobody reviewed loses: reviewed work ranks first.
    unreviewed_penalty: float = 1.0

    def penalty(self, state: ReviewState) -> float:
        if state is ReviewState.REVIEWED:
            return 0.0
        if state is ReviewState.TRANSLATED:
            return self.unreviewed_penalty
        return self.draft_penalty
