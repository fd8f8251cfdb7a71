"""What is scored and how: pairing translations with references, and sacrebleu's metrics.

Reviewers ask two questions of a catalogue: how good is the translation (BLEU, chrF,
chrF++ and TER against a reference, with sacrebleu's defaults so the numbers equal
sacrebleu's own), and how much did the MT draft have to change (HTER: TER and chrF from
each segment's raw MT text to its final translation). This module decides which texts are
compared, and turns per-segment sufficient statistics into corpus and sentence scores.

Every score is computed from sacrebleu's per-segment statistics (the same lists its
``corpus_score`` sums), so the statistics can be extracted in parallel and cached per
segment by the adapters, and a corpus score still equals sacrebleu's to the last bit:
it is sacrebleu's own aggregation over the same lists in the same order. chrF is read off
the character part of the chrF++ statistics (they are the same counts), so the character
n-grams are extracted once. Nothing here reads or writes files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

import numpy as np
from sacrebleu.metrics.base import Metric
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER
from sacrebleu.significance import _bootstrap_resample, _compute_p_value, estimate_ci
from sacrebleu.version import __version__ as SACREBLEU_VERSION

from workbench.domain.alignment import (
    BlockAlignment,
    BlockText,
    align_blocks,
    join_paragraph,
    source_blocks,
)
from workbench.domain.document import Placement, iter_block_runs
from workbench.domain.document.placement import BlockKind
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit, block_placements

if TYPE_CHECKING:
    from workbench.domain.glossary.matching import SourceHit
    from workbench.domain.glossary.model import Concept

#: Statistic families: what is extracted per (hypothesis, reference) pair.
BLEU_STATS = "bleu"
CHRF_STATS = "chrf"
CHRF_PP_STATS = "chrf_pp"
TER_STATS = "ter"

#: The quality metrics reported against a reference, in report order.

#: States scored by default: everything that has a translation.
DEFAULT_STATES = frozenset({ReviewState.DRAFT, ReviewState.TRANSLATED, ReviewState.REVIEWED})

Stats = list[Any]  # one segment's sufficient statistics (ints; TER has a float length)


def _extractor(family: str) -> Metric:
    if family == BLEU_STATS:
        return BLEU()
    if family == CHRF_STATS:
        return CHRF()
    if family == CHRF_PP_STATS:
        return CHRF(word_order=2)
    if family == TER_STATS:
        return TER()
    raise ValueError(f"unknown statistics family {family!r}")


def extract_stats(family: str, hyps: Sequence[str], refs: Sequence[str]) -> list[Stats]:
    """sacrebleu's per-segment statistics of one family, exactly as ``corpus_score`` makes them."""
    if len(hyps) != len(refs):
        raise ValueError("hypotheses and references differ in number")
    if not hyps:
        return []
    stats: list[Stats] = _extractor(family)._extract_corpus_statistics(list(hyps), [list(refs)])
    return stats


def extraction_key(family: str) -> str:
    """What identifies a family's statistics across runs: family and sacrebleu version."""
    return f"{family}|sacrebleu {SACREBLEU_VERSION}"


class _Metrics:
    """sacrebleu metric objects configured as its defaults, for computing from statistics."""

    def __init__(self) -> None:
        self.bleu = BLEU()
        self.chrf = CHRF()
        self.chrf_pp = CHRF(word_order=2)
        self.ter = TER()
        self.sentence_bleu = BLEU(effective_order=True)  # sacrebleu.sentence_bleu's default
        for metric in (self.bleu, self.chrf, self.chrf_pp, self.ter, self.sentence_bleu):
            metric.num_refs = 1  # set by sacrebleu when it caches references itself
        self.char_stats = 3 * self.chrf.char_order

    def signatures(self) -> dict[str, str]:
        return {
            "bleu": str(self.bleu.get_signature()),
            "chrf": str(self.chrf.get_signature()),
            "chrf_pp": str(self.chrf_pp.get_signature()),
            "ter": str(self.ter.get_signature()),
        }


_METRICS: _Metrics | None = None


def metrics() -> _Metrics:
    """The shared metric objects (they hold no per-corpus state)."""
    global _METRICS  # noqa: PLW0603 - a lazily built constant
    if _METRICS is None:
        _METRICS = _Metrics()
    return _METRICS


# --- scores ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SegmentScores:
    """Sentence-level BLEU (effective order, as ``sentence_bleu``), chrF, chrF++ and TER."""

    bleu: float
    chrf: float
    chrf_pp: float
    ter: float


class CorpusMetric(NamedTuple):
    """One corpus metric as reports show it: its label, score and sacrebleu's signature."""

    label: str
    score: float
    signature: str


@dataclass(frozen=True)
class CorpusScores:
    """Corpus scores with sacrebleu's signatures and its formatted score lines."""

    bleu: float
    chrf: float
    chrf_pp: float
    ter: float
    segments: int
    signatures: dict[str, str]
    lines: dict[str, str]

    def metrics(self) -> tuple[CorpusMetric, ...]:
        """BLEU, chrF, chrF++ and TER, in the order the reports list them."""
        return (
            CorpusMetric("BLEU", self.bleu, self.signatures["bleu"]),
            CorpusMetric("chrF", self.chrf, self.signatures["chrf"]),
            CorpusMetric("chrF++", self.chrf_pp, self.signatures["chrf_pp"]),
            CorpusMetric("TER", self.ter, self.signatures["ter"]),
        )


@dataclass(frozen=True)
class QualityStats:
    """The statistics of one system against its references, in segment order."""

    bleu: list[Stats]
    chrf_pp: list[Stats]
    ter: list[Stats]

    def chrf(self) -> list[Stats]:
        cut = metrics().char_stats
        return [row[:cut] for row in self.chrf_pp]

    def subset(self, rows: Sequence[int]) -> QualityStats:
        """The statistics of the segments at ``rows``, in that order."""
        return QualityStats(
            bleu=[self.bleu[i] for i in rows],
            chrf_pp=[self.chrf_pp[i] for i in rows],
            ter=[self.ter[i] for i in rows],
        )

    def by_metric(self) -> dict[str, list[Stats]]:
        return {"bleu": self.bleu, "chrf": self.chrf(), "chrf_pp": self.chrf_pp, "ter": self.ter}


def quality_families() -> tuple[str, ...]:
    """The families a quality score needs (chrF comes out of chrF++)."""
    return (BLEU_STATS, CHRF_PP_STATS, TER_STATS)


def corpus_scores(stats: QualityStats) -> CorpusScores:
    """Corpus BLEU, chrF, chrF++ and TER: sacrebleu's aggregation of the same statistics."""
    m = metrics()
    results = {
        "bleu": m.bleu._aggregate_and_compute(stats.bleu),
        "chrf": m.chrf._aggregate_and_compute(stats.chrf()),
        "chrf_pp": m.chrf_pp._aggregate_and_compute(stats.chrf_pp),
        "ter": m.ter._aggregate_and_compute(stats.ter),
    }
    return CorpusScores(
        bleu=float(results["bleu"].score),
        chrf=float(results["chrf"].score),
        chrf_pp=float(results["chrf_pp"].score),
        ter=float(results["ter"].score),
        segments=len(stats.bleu),
        signatures=m.signatures(),
        lines={name: str(r.format()) for name, r in results.items()},
    )


def sentence_scores(stats: QualityStats) -> list[SegmentScores]:
    """Each segment's scores, equal to sacrebleu's ``sentence_bleu``/``_chrf``/``_ter``."""
    m = metrics()
    cut = m.char_stats
    return [
        SegmentScores(
            bleu=float(m.sentence_bleu._compute_score_from_stats(b).score),
            chrf=float(m.chrf._compute_score_from_stats(c[:cut]).score),
            chrf_pp=float(m.chrf_pp._compute_score_from_stats(c).score),
            ter=float(m.ter._compute_score_from_stats(t).score),
        )
        for b, c, t in zip(stats.bleu, stats.chrf_pp, stats.ter, strict=True)
    ]


# --- significance -------------------------------------------------------------------------


@dataclass(frozen=True)
class BootstrapResult:
    """One system's score under paired bootstrap resampling against the baseline."""

    score: float
    mean: float
    ci: float
    p_value: float | None  # None for the baseline itself


def paired_bootstrap(
    systems: Sequence[QualityStats], n_samples: int = 1000, seed: int | None = 12345
) -> dict[str, list[BootstrapResult]]:
    """Paired bootstrap resampling, the first system being the baseline.

    This is sacrebleu's ``PairedTest(test_type="bs")`` (Koehn 2004, as Moses'
    ``bootstrap-hypothesis-difference-significance.pl``) run on statistics already
    extracted, so it gives sacrebleu's numbers without extracting them again. The seed
    is sacrebleu's default; ``None`` draws from the OS (sacrebleu's ``SACREBLEU_SEED=none``).
    The baseline's confidence interval comes from sacrebleu's own resampler, which reads
    ``SACREBLEU_SEED`` itself.
    """
    m = metrics()
    objects: dict[str, Metric] = {
        "bleu": m.bleu,
        "chrf": m.chrf,
        "chrf_pp": m.chrf_pp,
        "ter": m.ter,
    }
    per_system = [s.by_metric() for s in systems]
    out: dict[str, list[BootstrapResult]] = {name: [] for name in objects}
    baseline = per_system[0]
    for name, metric in objects.items():
        bl_stats = baseline[name]
        _, bl_scores = _bootstrap_resample(bl_stats, metric, n_samples)
        bl_mean, bl_ci = estimate_ci(np.array([x.score for x in bl_scores]))
        bl_score = metric._aggregate_and_compute(bl_stats).score
        out[name].append(BootstrapResult(float(bl_score), float(bl_mean), float(bl_ci), None))
    n = len(baseline["bleu"])
    for system in per_system[1:]:
        rng = np.random.default_rng(seed)
        idxs = rng.choice(n, size=(n_samples, n), replace=True)
        for name, metric in objects.items():
            sys_score = metric._aggregate_and_compute(system[name]).score
            bl_np = np.array(baseline[name], dtype="float32")
            sys_np = np.array(system[name], dtype="float32")
            diff = abs(out[name][0].score - sys_score)
            scores_bl = np.array(
                [metric._compute_score_from_stats(s.sum(0)).score for s in bl_np[idxs]]
            )
            scores_sys = np.array(
                [metric._compute_score_from_stats(s.sum(0)).score for s in sys_np[idxs]]
            )
            sys_mean, sys_ci = estimate_ci(scores_sys)
            sample_diffs = np.abs(scores_sys - scores_bl)
            p = _compute_p_value(sample_diffs - sample_diffs.mean(), diff)
            out[name].append(
                BootstrapResult(float(sys_score), float(sys_mean), float(sys_ci), float(p))
            )
    return out


# --- pairing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyedReference:
    """Reference translations keyed by (msgctxt, msgid), as read from a reference PO."""

    by_key: Mapping[tuple[str, str], str]
    where: str = ""


@dataclass(frozen=True)
class LineReference:
    """One reference segment per line, in the order of the PO's (non-obsolete) entries."""

    lines: tuple[str, ...]
    where: str = ""


@dataclass(frozen=True)
class ParagraphReference:
    """A translated document: its blocks' texts and kinds (heading, item…), aligned with the
    source's blocks by structure and length (:func:`workbench.domain.alignment.align_blocks`)."""

    paragraphs: tuple[str, ...]
    where: str = ""
    kinds: tuple[BlockKind, ...] = ()

    def blocks(self) -> list[BlockText]:
        kinds = self.kinds or (BlockKind.PARAGRAPH,) * len(self.paragraphs)
        return [BlockText(k, t) for k, t in zip(kinds, self.paragraphs, strict=True)]


Reference = KeyedReference | LineReference | ParagraphReference


class ReferenceMismatch(ValueError):
    """The reference does not line up with the catalogue (counts differ)."""


class UnitKey(NamedTuple):
    """A PO entry's identity. Catalogues without msgctxt have "" ids."""

    msgctxt: str
    msgid: str


_NO_KEY = UnitKey("", "")


@dataclass(frozen=True)
class Pair:
    """One scored item: a segment, or a paragraph of joined segments.

    ``key`` tells segments apart where ids are empty (no msgctxt); ``label`` is what a
    person reads for it (:func:`segment_label`, or "block N")."""

    id: str
    hyp: str
    ref: str
    units: tuple[str, ...]  # the unit ids it covers
    key: UnitKey = _NO_KEY
    label: str = ""


def unit_key(unit: Unit) -> UnitKey:
    """The unit's (msgctxt, msgid): what tells entries apart in every catalogue."""
    return UnitKey(unit.id, unit.source)


#: How much of a msgid a label quotes.
LABEL_CHARS = 40


def segment_label(unit: Unit) -> str:
    """What names a segment in a report: its msgctxt, or its PO line and a msgid snippet
    (ordinary gettext catalogues have no msgctxt)."""
    if unit.id:
        return unit.id
    text = " ".join(unit.source.split())
    if len(text) > LABEL_CHARS:
        text = text[: LABEL_CHARS - 1].rstrip() + "…"
    return f"line {unit.line}: {text}" if unit.line else text


def _segment_pair(unit: Unit, hyp: str, ref: str) -> Pair:
    return Pair(unit.id, hyp, ref, (unit.id,), unit_key(unit), segment_label(unit))


@dataclass(frozen=True)
class Pairing:
    """What was paired, and what was left out and why (counts)."""

    pairs: list[Pair]
    level: Literal["segment", "paragraph"]
    not_selected: int = 0  # units outside the scored states
    no_reference: int = 0  # units (or paragraphs) the reference has nothing for
    alignment: BlockAlignment | None = None  # a document reference: blocks aligned/skipped


def pair_units(
    units: Sequence[Unit], reference: Reference, states: frozenset[ReviewState] = DEFAULT_STATES
) -> Pairing:
    """Pair the units in ``states`` with their reference texts.

    A keyed reference matches on (msgctxt, msgid), falling back to msgctxt alone; a line
    reference on position among the non-obsolete entries; a paragraph reference on the
    block number order of the units' placements, scoring only blocks whose segments are
    all in ``states`` (a half-translated paragraph against a whole one says nothing).
    """
    live = [u for u in units if not u.obsolete]
    chosen = [u for u in live if u.state in states]
    not_selected = len(live) - len(chosen)
    if isinstance(reference, KeyedReference):
        return _pair_keyed(chosen, reference, not_selected)
    if isinstance(reference, LineReference):
        return _pair_lines(live, chosen, reference, not_selected)
    return _pair_paragraphs(live, reference, states, not_selected)


def _pair_keyed(chosen: list[Unit], reference: KeyedReference, not_selected: int) -> Pairing:
    """Each unit with the reference entry of its (msgctxt, msgid), else of its msgctxt."""
    by_id: dict[str, str] = {}
    for (ctxt, _msgid), text in reference.by_key.items():
        by_id.setdefault(ctxt, text)
    pairs: list[Pair] = []
    missing = 0
    for u in chosen:
        ref = reference.by_key.get((u.id, u.source))
        if ref is None and u.id:
            ref = by_id.get(u.id)
        if not ref:
            missing += 1
            continue
        pairs.append(_segment_pair(u, u.target, ref))
    return Pairing(pairs, "segment", not_selected, missing)


def _pair_lines(
    live: list[Unit], chosen: list[Unit], reference: LineReference, not_selected: int
) -> Pairing:
    """Each unit with the reference line at its position among the live entries (the
    counts must agree)."""
    if len(reference.lines) != len(live):
        raise ReferenceMismatch(
            f"the reference has {_count(len(reference.lines), 'line')} "
            f"but the catalogue has {_count(len(live), 'segment')}"
        )
    wanted = {id(u) for u in chosen}
    pairs: list[Pair] = []
    missing = 0
    for u, line in zip(live, reference.lines, strict=True):
        if id(u) not in wanted:
            continue
        if not line.strip():
            missing += 1
            continue
        pairs.append(_segment_pair(u, u.target, line))
    return Pairing(pairs, "segment", not_selected, missing)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def group_blocks(units: Sequence[Unit]) -> list[tuple[Placement, list[Unit]]]:
    """Units grouped by block, in block and sentence order (first placement of each block)."""
    return list(iter_block_runs(block_placements(units)))


def _pair_paragraphs(
    live: Sequence[Unit],
    reference: ParagraphReference,
    states: frozenset[ReviewState],
    not_selected: int,
) -> Pairing:
    """Score the blocks the alignment pairs with reference blocks; a block without a
    counterpart (a note the translation added, a section the original gained) is skipped."""
    groups = group_blocks(live)
    if not any(p.strip() for p in reference.paragraphs):
        raise ReferenceMismatch("the reference has no paragraphs")
    alignment = align_blocks(source_blocks(groups), reference.blocks())
    pairs: list[Pair] = []
    skipped = 0
    for bead in alignment.beads:
        if not bead.source or not bead.target:
            continue
        members = [u for i in bead.source for u in groups[i][1]]
        ref = join_paragraph(reference.paragraphs[j] for j in bead.target)
        if not all(u.state in states for u in members) or not ref:
            skipped += 1
            continue
        numbers = [groups[i][0].block for i in bead.source]
        name = f"block {numbers[0]}" if len(numbers) == 1 else f"blocks {numbers[0]}-{numbers[-1]}"
        hyp = join_paragraph(u.target for u in members)
        pairs.append(Pair(name, hyp, ref, tuple(u.id for u in members), UnitKey(name, ""), name))
    return Pairing(pairs, "paragraph", not_selected, skipped, alignment)


# --- post-editing effort ------------------------------------------------------------------


@dataclass(frozen=True)
class PostEdit:
    """HTER and chrF from raw MT to the final translation, over the post-edited segments."""

    hter: float
    chrf: float
    segments: int
    unchanged: int
    signature: str


def post_edit_pairs(units: Iterable[Unit]) -> list[Pair]:
    """(MT, final) for every confirmed unit that has a recorded MT draft.

    Drafts still marked fuzzy are left out: nobody has post-edited them yet, and their
    target is usually the MT text itself, which would count as zero effort.
    """
    return [
        _segment_pair(u, u.origin.mt, u.target)
        for u in units
        if not u.obsolete
        and u.origin is not None
        and u.origin.mt
        and u.target
        and u.state >= ReviewState.TRANSLATED
    ]


def post_edit_summary(
    pairs: Sequence[Pair], ter_stats: list[Stats], chrf_stats: list[Stats]
) -> PostEdit | None:
    """Corpus HTER (TER of MT against the final text) and chrF, or ``None`` with no pairs."""
    if not pairs:
        return None
    m = metrics()
    return PostEdit(
        hter=float(m.ter._aggregate_and_compute(ter_stats).score),
        chrf=float(m.chrf._aggregate_and_compute(chrf_stats).score),
        segments=len(pairs),
        unchanged=sum(1 for p in pairs if p.hyp == p.ref),
        signature=str(m.ter.get_signature()),
    )


class PostEditScores(NamedTuple):
    """One segment's post-editing distance: HTER and chrF between the MT and the final text."""

    hter: float
    chrf: float


def post_edit_sentences(ter_stats: list[Stats], chrf_stats: list[Stats]) -> list[PostEditScores]:
    """Per segment, HTER and chrF between MT and final text."""
    m = metrics()
    return [
        PostEditScores(
            float(m.ter._compute_score_from_stats(t).score),
            float(m.chrf._compute_score_from_stats(c).score),
        )
        for t, c in zip(ter_stats, chrf_stats, strict=True)
    ]


# --- glossary adherence -------------------------------------------------------------------


class TermMatcher(Protocol):
    """What adherence needs from the glossary engine (``GlossaryMatcher`` fits)."""

    def source_hits(self, text: str) -> Sequence[SourceHit]: ...

    def satisfied(self, concept: Concept, target_text: str) -> bool: ...


@dataclass(frozen=True)
class TermTally:
    """Glossary terms found in one segment's source, and those its target renders."""

    occurrences: int = 0
    adhered: int = 0
    missed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Adherence:
    """The share of glossary term occurrences rendered as the glossary says."""

    occurrences: int
    adhered: int
    per_unit: dict[UnitKey, TermTally] = field(default_factory=dict)

    @property
    def share(self) -> float | None:
        """Percentage 0–100, or ``None`` when no term occurs."""
        return 100.0 * self.adhered / self.occurrences if self.occurrences else None


def glossary_adherence(units: Iterable[Unit], matcher: TermMatcher) -> Adherence:
    """Count exact and inflected source hits of concepts that have a preferred target.

    Each hit is one occurrence; it is adhered to when the target contains a preferred or
    admitted rendering of the concept. Compound hits (the term inside a longer word) are
    not counted: a compound may legitimately be translated as one word. Concepts with only
    forbidden renderings give nothing to adhere to and are not counted either.
    """
    per_unit: dict[UnitKey, TermTally] = {}
    total = adhered = 0
    for u in units:
        if u.obsolete or not u.target:
            continue
        occ = ok = 0
        missed: list[str] = []
        verdicts: dict[int, bool] = {}
        for hit in matcher.source_hits(u.source):
            concept = hit.concept
            if not (hit.enforced and concept.preferred_targets):
                continue
            key = id(concept)
            if key not in verdicts:
                verdicts[key] = matcher.satisfied(concept, u.target)
            occ += 1
            if verdicts[key]:
                ok += 1
            else:
                missed.append(str(hit.text))
        if occ:
            per_unit[unit_key(u)] = TermTally(occ, ok, tuple(missed))
            total += occ
            adhered += ok
    return Adherence(total, adhered, per_unit)


def state_counts(units: Iterable[Unit]) -> dict[str, int]:
    """Segments per review state (obsolete entries not counted)."""
    counts = dict.fromkeys((s.label for s in ReviewState), 0)
    for u in units:
        if not u.obsolete:
            counts[u.state.label] += 1
    return counts
