"""Which sentences of a translated paragraph render which sentences of its source.

A reference translation is aligned with the source by paragraph, but a translator works one
sentence at a time: offering the whole paragraph for a one-sentence segment brings QA errors
with it. This is Gale and Church's length-based alignment (Computational Linguistics 19(1),
1993): sentences of a translation are about as long as their source, times the paragraph's
own length ratio, so a dynamic program over 1-1, 1-2, 2-1, 2-2, 1-0 and 0-1 pairings finds the
most likely beads. Equal counts are paired one to one without that.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple


class Bead(NamedTuple):
    """Source sentences ``source`` (indices) are rendered by translation sentences ``target``."""

    source: tuple[int, ...]
    target: tuple[int, ...]


#: Gale and Church's prior probabilities of each pairing (source count, target count).
_PRIORS = {
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
}
#: Variance per character of the length difference (Gale and Church's s² = 6.8).
_VARIANCE = 6.8


def _norm_sf(z: float) -> float:
    """Two-sided tail probability of the standard normal."""
    return math.erfc(abs(z) / math.sqrt(2))


def _cost(source_len: int, target_len: int, ratio: float, pairing: tuple[int, int]) -> float:
    prior = -math.log(_PRIORS[pairing])
    if source_len == 0 and target_len == 0:
        return prior
    mean = (source_len + target_len / ratio) / 2
    z = (ratio * source_len - target_len) / math.sqrt(max(mean, 1.0) * _VARIANCE)
    return prior - math.log(max(_norm_sf(z), 1e-300))


def align(source: Sequence[str], target: Sequence[str]) -> list[Bead]:
    """The beads that pair ``source`` sentences with ``target`` sentences, in order."""
    n, m = len(source), len(target)
    if n == m:
        return [Bead((i,), (i,)) for i in range(n)]
    src = [len(s) for s in source]
    tgt = [len(t) for t in target]
    ratio = (sum(tgt) / sum(src)) if sum(src) and sum(tgt) else 1.0
    inf = math.inf
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i][j]
            if here == inf:
                continue
            for di, dj in _PRIORS:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                cost = here + _cost(sum(src[i:ni]), sum(tgt[j:nj]), ratio, (di, dj))
                if cost < best[ni][nj]:
                    best[ni][nj] = cost
                    back[ni][nj] = (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def rendering_of(position: int, source: Sequence[str], target: Sequence[str]) -> list[int]:
    """The target sentences that render source sentence ``position`` (may be empty)."""
    for bead in align(source, target):
        if position in bead.source:
            return list(bead.target)
    return []
