"""Which sentences of a translated paragraph render which sentences of its source.

A reference translation is aligned with the source by paragraph, but a translator works one
sentence at a time: offering the whole paragraph for a one-sentence segment brings QA errors
with it. This is Gale and Church's length-based alignment (Computational Linguistics 19(1),
1993): sentences of a translation are about as long as their source, times the paragraph's
own length ratio, so a dynamic program over 1-1, 1-2, 2-1, 2-2, 1-0 and 0-1 pairings finds the
most likely beads. Equal counts are paired one to one without that.

The same dynamic program aligns a translated *document* with its source block by block
(:func:`align_blocks`): published translations drift by a few paragraphs (a note added, a
section the original gained later), so blocks are paired by length and by kind (a heading
with a heading, a list item with a list item), a block without a counterpart is skipped,
and what was aligned and skipped is counted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import NamedTuple

from workbench.domain.document import Placement
from workbench.domain.document.placement import BlockKind
from workbench.domain.tags import INLINE_TAG
from workbench.domain.units import Unit


class Bead(NamedTuple):
    """Source sentences ``source`` (indices) are rendered by translation sentences ``target``."""

    source: tuple[int, ...]
    target: tuple[int, ...]


Priors = dict[tuple[int, int], float]

#: Gale and Church's prior probabilities of each pairing (source count, target count).
SENTENCE_PRIORS: Priors = {
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
    (2, 2): 0.011,
}
#: Blocks of a published translation: added or dropped paragraphs are far more common than
#: added or dropped sentences inside a paragraph (measured on opensource.guide's German
#: articles against their English originals; see bench note docsref.md).
BLOCK_PRIORS: Priors = {
    (1, 1): 0.80,
    (1, 0): 0.07,
    (0, 1): 0.07,
    (2, 1): 0.025,
    (1, 2): 0.025,
    (2, 2): 0.01,
}
#: Extra cost (nats) of leaving a block of this kind without a counterpart: a translation
#: keeps the original's sections, so headings are the document's anchors.
BLOCK_ANCHORS: dict[Hashable, float] = {"heading": 2.0, "title": 2.0}
#: Probability that a bead pairs blocks of different kinds (a heading with a paragraph).
_KIND_MISMATCH = 0.0001
#: Weight (in nats) of the words both sides share, for blocks: names, numbers, product
#: words and quotations left in the original language tie a block to its translation.
BLOCK_SHARED_WORDS = 8.0
#: Words that tie blocks across languages: long words (case-folded), acronyms and
#: CamelCase names as written (MIT, GPLv3, GitHub), and numbers.
_LONG_WORD = re.compile(r"[^\W\d_]{5,}")
_NAME = re.compile(r"\b(?:[A-Z][A-Z0-9]+|\w*[a-z][A-Z]\w*|\d+)\b")


def _anchor_words(text: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in _LONG_WORD.findall(text)) | frozenset(
        _NAME.findall(text)
    )


#: Variance per character of the length difference (Gale and Church's s² = 6.8).
_VARIANCE = 6.8
#: Cells either side of the diagonal the dynamic program looks at, beyond the count
#: difference (a long document stays linear in its length).
_BAND = 60


def _norm_sf(z: float) -> float:
    """Two-sided tail probability of the standard normal."""
    return math.erfc(abs(z) / math.sqrt(2))


def _cost(source_len: int, target_len: int, ratio: float, prior: float) -> float:
    if source_len == 0 and target_len == 0:
        return prior
    mean = (source_len + target_len / ratio) / 2
    z = (ratio * source_len - target_len) / math.sqrt(max(mean, 1.0) * _VARIANCE)
    return prior - math.log(max(_norm_sf(z), 1e-300))


def align(
    source: Sequence[str],
    target: Sequence[str],
    *,
    kinds: tuple[Sequence[Hashable], Sequence[Hashable]] | None = None,
    priors: Priors = SENTENCE_PRIORS,
    shared_words: float = 0.0,
    skip_by_prior: bool = False,
    anchors: Mapping[Hashable, float] | None = None,
) -> list[Bead]:
    """The beads that pair ``source`` texts with ``target`` texts, in order.

    ``kinds`` (one per source text, one per target text) make a bead joining different
    kinds unlikely; ``priors`` weigh the pairings (sentences or blocks); ``shared_words``
    rewards a bead by the share of words (4+ letters, or numbers) both sides have;
    ``skip_by_prior`` costs a text left without a counterpart its prior alone (a paragraph
    missing from a translation is no less likely for being long, unlike a sentence);
    ``anchors`` adds a cost (nats) for leaving a text of that kind without a counterpart.
    """
    n, m = len(source), len(target)
    if n == m and kinds is None:
        return [Bead((i,), (i,)) for i in range(n)]
    costs = _BeadCosts(source, target, kinds, shared_words, anchors or {})
    prior_costs = {pairing: -math.log(p) for pairing, p in priors.items()}
    back = _cheapest_path(n, m, prior_costs, costs, skip_by_prior)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[(i, j)]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


class _BeadCosts:
    """What a bead joining ``source[i:ni]`` with ``target[j:nj]`` costs besides its prior
    (in nats): the lengths (Gale and Church), the kinds it joins or leaves alone, the words
    both sides share (see :func:`align` for the parameters)."""

    def __init__(
        self,
        source: Sequence[str],
        target: Sequence[str],
        kinds: tuple[Sequence[Hashable], Sequence[Hashable]] | None,
        shared_words: float,
        anchors: Mapping[Hashable, float],
    ) -> None:
        self.src = [len(s) for s in source]
        self.tgt = [len(t) for t in target]
        self.ratio = (sum(self.tgt) / sum(self.src)) if sum(self.src) and sum(self.tgt) else 1.0
        self.kinds = kinds
        self.source_kinds, self.target_kinds = kinds if kinds is not None else ((), ())
        self.anchors = anchors
        self.mismatch = -math.log(_KIND_MISMATCH)
        self.shared_words = shared_words
        self.src_words = [_anchor_words(t) for t in source] if shared_words else []
        self.tgt_words = [_anchor_words(t) for t in target] if shared_words else []

    def length(self, i: int, ni: int, j: int, nj: int, prior: float) -> float:
        return _cost(sum(self.src[i:ni]), sum(self.tgt[j:nj]), self.ratio, prior)

    def kind(self, i: int, ni: int, j: int, nj: int) -> float:
        if self.kinds is None:
            return 0.0
        if ni == i or nj == j:
            left = [*self.source_kinds[i:ni], *self.target_kinds[j:nj]]
            return sum(self.anchors.get(k, 0.0) for k in left)
        seen = {*self.source_kinds[i:ni], *self.target_kinds[j:nj]}
        return self.mismatch if len(seen) > 1 else 0.0

    def words(self, i: int, ni: int, j: int, nj: int) -> float:
        if not self.shared_words or ni == i or nj == j:
            return 0.0
        a = frozenset().union(*self.src_words[i:ni])
        b = frozenset().union(*self.tgt_words[j:nj])
        if not a or not b:
            return 0.0
        return -self.shared_words * 2 * len(a & b) / (len(a) + len(b))


def _cheapest_path(
    n: int,
    m: int,
    prior_costs: Mapping[tuple[int, int], float],
    costs: _BeadCosts,
    skip_by_prior: bool,
) -> dict[tuple[int, int], tuple[int, int]]:
    """For every cell (texts used on each side) the cheapest path reaches, the bead
    ``(di, dj)`` it arrived by: dynamic programming in a band around the diagonal."""
    band = abs(n - m) + _BAND
    inf = math.inf
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        centre = i * m // n if n else 0
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            here = best.get((i, j), inf)
            if here == inf:
                continue
            for (di, dj), prior in prior_costs.items():
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                skip = skip_by_prior and (di == 0 or dj == 0)
                cost = (
                    here
                    + (prior if skip else costs.length(i, ni, j, nj, prior))
                    + costs.kind(i, ni, j, nj)
                    + costs.words(i, ni, j, nj)
                )
                if cost < best.get((ni, nj), inf):
                    best[(ni, nj)] = cost
                    back[(ni, nj)] = (di, dj)
    return back


def rendering_of(position: int, source: Sequence[str], target: Sequence[str]) -> list[int]:
    """The target sentences that render source sentence ``position`` (may be empty)."""
    for bead in align(source, target):
        if position in bead.source:
            return list(bead.target)
    return []


class BlockText(NamedTuple):
    """A block of a document for alignment: its kind (heading, item…) and its plain text."""

    kind: BlockKind
    text: str


class BlockAlignment(NamedTuple):
    """Which reference blocks render which source blocks, and how many found none."""

    beads: tuple[Bead, ...]
    source_blocks: int
    reference_blocks: int

    @property
    def aligned(self) -> int:
        """Source blocks that have a counterpart in the reference."""
        return sum(len(b.source) for b in self.beads if b.target)

    @property
    def skipped(self) -> int:
        """Source blocks without a counterpart (not scored, no reference offered)."""
        return self.source_blocks - self.aligned

    @property
    def unused(self) -> int:
        """Reference blocks without a counterpart in the source."""
        return sum(len(b.target) for b in self.beads if not b.source)

    def bead_of(self, source_block: int) -> Bead | None:
        """The bead holding source block ``source_block`` (an index)."""
        for bead in self.beads:
            if source_block in bead.source:
                return bead
        return None


def align_blocks(source: Sequence[BlockText], reference: Sequence[BlockText]) -> BlockAlignment:
    """Pair a document's blocks with a translation's, by length and kind (Gale-Church)."""
    beads = align(
        [b.text for b in source],
        [b.text for b in reference],
        kinds=([b.kind for b in source], [b.kind for b in reference]),
        priors=BLOCK_PRIORS,
        shared_words=BLOCK_SHARED_WORDS,
        skip_by_prior=True,
        anchors=BLOCK_ANCHORS,
    )
    return BlockAlignment(tuple(beads), len(source), len(reference))


def join_paragraph(texts: Iterable[str]) -> str:
    """Sentences of one block as one paragraph: single spaces, no line breaks."""
    return " ".join(" ".join(t.split()) for t in texts if t.strip())


def source_blocks(groups: Sequence[tuple[Placement, list[Unit]]]) -> list[BlockText]:
    """A catalogue's blocks (units grouped by block) as the source reads, tags removed."""
    return [
        BlockText(placement.kind, join_paragraph(INLINE_TAG.sub("", u.source) for u in members))
        for placement, members in groups
    ]
