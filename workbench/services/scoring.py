"""``score``: how good a translation is, and how much the MT drafts had to change.

Wires the PO and reference readers, the statistics engine (both cores, per-segment disk
cache) and the pure scoring rules. Callable in-process: :func:`score_files` for files,
:func:`score_units` for units already in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from workbench.adapters import references as reference_files
from workbench.adapters.glossary_files import load_glossaries
from workbench.adapters.po import PoCatalog
from workbench.adapters.references import load_reference
from workbench.adapters.sacrebleu_metrics import StatsCache, compute_stats, default_cache_path
from workbench.domain.alignment import BlockAlignment
from workbench.domain.glossary import GlossaryMatcher
from workbench.domain.scoring import (
    CHRF_PP_STATS,
    CHRF_STATS,
    DEFAULT_STATES,
    TER_STATS,
    Adherence,
    BootstrapResult,
    CorpusScores,
    LineReference,
    Pair,
    Pairing,
    PostEdit,
    PostEditScores,
    QualityStats,
    Reference,
    ReferenceMismatch,
    SegmentScores,
    Stats,
    TermMatcher,
    UnitKey,
    corpus_scores,
    glossary_adherence,
    pair_units,
    paired_bootstrap,
    post_edit_pairs,
    post_edit_sentences,
    post_edit_summary,
    quality_families,
    segment_label,
    sentence_scores,
    state_counts,
    unit_key,
)
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit
from workbench.errors import UserError

#: ``cache=DEFAULT_CACHE`` means the XDG cache file; ``None`` means no cache.
DEFAULT_CACHE = Path("<default>")

#: How a reference file may be read (for the faces, which do not import adapters).
REFERENCE_KINDS = reference_files.REFERENCE_KINDS


@dataclass
class FileScore:
    """Everything ``score`` reports for one catalogue."""

    name: str
    units: list[Unit]
    states: dict[str, int]
    pairing: Pairing | None = None
    corpus: CorpusScores | None = None
    sentences: list[SegmentScores] = field(default_factory=list)
    quality_stats: QualityStats | None = None
    post_edit: PostEdit | None = None
    post_edit_rows: dict[UnitKey, PostEditScores] = field(default_factory=dict)
    adherence: Adherence | None = None

    @property
    def pairs(self) -> list[Pair]:
        return self.pairing.pairs if self.pairing else []


@dataclass
class Comparison:
    """Paired bootstrap resampling of the files against the first (the baseline)."""

    names: list[str]
    results: dict[str, list[BootstrapResult]]
    segments: int
    n_samples: int
    seed: str


@dataclass
class ScoreReport:
    """The result of one ``score`` run."""

    files: list[FileScore]
    reference: str | None
    glossary_note: str = ""
    comparison: Comparison | None = None
    cache_note: str = ""


@dataclass(frozen=True)
class ScoreOptions:
    """How to score: which states, which cache, how many worker processes."""

    states: frozenset[ReviewState] = DEFAULT_STATES
    cache: Path | None = DEFAULT_CACHE
    workers: int | None = None
    bootstrap_samples: int = 1000


def _matcher(glossaries: Sequence[Path]) -> tuple[TermMatcher | None, str]:
    if not glossaries:
        return None, "no glossary given"
    return GlossaryMatcher(load_glossaries(list(glossaries))), ""


def _cache(option: Path | None) -> StatsCache | None:
    if option is None:
        return None
    return StatsCache(default_cache_path() if option == DEFAULT_CACHE else option)


def score_units(
    named_units: Sequence[tuple[str, Sequence[Unit]]],
    reference: Reference | None,
    matcher: TermMatcher | None = None,
    options: ScoreOptions | None = None,
    cache: StatsCache | None = None,
) -> tuple[list[FileScore], Comparison | None]:
    """Score catalogues already in memory: quality against ``reference``, HTER, glossary.

    With two or more catalogues and a reference, the later ones are compared with the
    first by paired bootstrap resampling on the segments all of them have.
    """
    options = options or ScoreOptions()
    jobs = _StatsJobs()
    planned = [
        _plan(name, list(given), reference, matcher, options, jobs=jobs)
        for name, given in named_units
    ]
    stats = compute_stats(
        {f: p for f, p in jobs.pairs.items() if p}, cache=cache, workers=options.workers
    )
    for plan in planned:
        plan.fill(stats)
    files = [plan.result for plan in planned]
    comparison = _compare(files, options) if reference is not None and len(files) > 1 else None
    return files, comparison


class _StatsJobs:
    """Every file's (hypothesis, reference) pairs, per family of sacrebleu statistics,
    computed in one go (one process pool, one cache); a file's share is a slice."""

    def __init__(self) -> None:
        self.pairs: dict[str, list[tuple[str, str]]] = {
            f: [] for f in (*quality_families(), CHRF_STATS)
        }

    def add(self, family: str, pairs: Iterable[Pair]) -> tuple[int, int]:
        """Queue ``pairs`` for ``family``; where their statistics will be."""
        start = len(self.pairs[family])
        self.pairs[family].extend((p.hyp, p.ref) for p in pairs)
        return start, len(self.pairs[family])


@dataclass
class _Planned:
    """One file being scored: its result so far, its post-edit pairs, and where its
    statistics are among all files' (``pe_`` + family for the post-edit ones)."""

    result: FileScore
    post_edits: list[Pair]
    spans: dict[str, tuple[int, int]]

    def cut(
        self, stats: Mapping[str, list[Stats]], family: str, post_edit: bool = False
    ) -> list[Stats]:
        """This file's statistics of ``family`` (of its post-edits with ``post_edit``)."""
        lo, hi = self.spans["pe_" + family if post_edit else family]
        return stats.get(family, [])[lo:hi]

    def fill(self, stats: Mapping[str, list[Stats]]) -> None:
        """The scores from the computed statistics."""
        result = self.result
        if result.pairing is not None and result.pairing.pairs:
            q = QualityStats(
                bleu=self.cut(stats, "bleu"),
                chrf_pp=self.cut(stats, CHRF_PP_STATS),
                ter=self.cut(stats, TER_STATS),
            )
            result.quality_stats = q
            result.corpus = corpus_scores(q)
            result.sentences = sentence_scores(q)
        ter_rows = self.cut(stats, TER_STATS, post_edit=True)
        chrf_rows = self.cut(stats, CHRF_STATS, post_edit=True)
        pairs = self.post_edits
        result.post_edit = post_edit_summary(pairs, ter_rows, chrf_rows)
        result.post_edit_rows = {
            p.key: row
            for p, row in zip(pairs, post_edit_sentences(ter_rows, chrf_rows), strict=True)
        }


def _plan(
    name: str,
    units: list[Unit],
    reference: Reference | None,
    matcher: TermMatcher | None,
    options: ScoreOptions,
    *,
    jobs: _StatsJobs,
) -> _Planned:
    """A file's pairs queued in ``jobs`` (quality against the reference, post-edits) and
    its glossary adherence, which needs no statistics."""
    result = FileScore(name=name, units=units, states=state_counts(units))
    spans: dict[str, tuple[int, int]] = {}
    if reference is not None:
        try:
            result.pairing = pair_units(units, reference, options.states)
        except ReferenceMismatch as exc:
            raise UserError(str(exc), reference.where or None, _mismatch_hint(reference)) from None
        for family in quality_families():
            spans[family] = jobs.add(family, result.pairing.pairs)
    post_edits = post_edit_pairs(units)
    for family in (TER_STATS, CHRF_STATS):
        spans["pe_" + family] = jobs.add(family, post_edits)
    if matcher is not None:
        result.adherence = glossary_adherence(units, matcher)
    return _Planned(result, post_edits, spans)


def _mismatch_hint(reference: Reference) -> str:
    """What a reference of this kind must hold to line up with the catalogue."""
    if isinstance(reference, LineReference):
        return (
            "a plain-text reference needs one line per segment, in PO order "
            "(a PO reference is matched by msgctxt/msgid instead)"
        )
    return (
        "a Markdown reference is aligned with the source's blocks (headings, paragraphs, "
        "list items); give the translated document (a PO reference is matched by "
        "msgctxt/msgid instead)"
    )


def _bootstrap_seed() -> tuple[str, int | None]:
    """The bootstrap's seed as sacrebleu reads it: ``SACREBLEU_SEED`` (default 12345;
    ``none``: a random one), as written and as a number."""
    import os

    seed = os.environ.get("SACREBLEU_SEED", "12345").lower()
    try:
        return seed, None if seed == "none" else int(seed)
    except ValueError:
        raise UserError(
            f"SACREBLEU_SEED={seed!r} is not a number", None, "unset it or give an integer"
        ) from None


def _compare(files: list[FileScore], options: ScoreOptions) -> Comparison | None:
    """Bootstrap on the pairs every file has, with the same reference text."""
    keyed = [{(p.id, p.key, p.ref): i for i, p in enumerate(f.pairs)} for f in files]
    common = [
        (p.id, p.key, p.ref)
        for p in files[0].pairs
        if all((p.id, p.key, p.ref) in m for m in keyed[1:])
    ]
    if not common or any(f.quality_stats is None for f in files):
        return None
    systems = []
    for f, index in zip(files, keyed, strict=True):
        assert f.quality_stats is not None
        systems.append(f.quality_stats.subset([index[k] for k in common]))
    seed, seed_value = _bootstrap_seed()
    results = paired_bootstrap(systems, n_samples=options.bootstrap_samples, seed=seed_value)
    return Comparison(
        [f.name for f in files], results, len(common), options.bootstrap_samples, seed
    )


def score_files(
    paths: Sequence[Path],
    reference: Path | None = None,
    reference_kind: str = "auto",
    glossaries: Sequence[Path] = (),
    options: ScoreOptions | None = None,
) -> ScoreReport:
    """Score PO files: read them, the reference and the glossaries, then :func:`score_units`."""
    options = options or ScoreOptions()
    catalogs = [(str(p), PoCatalog.load(Path(p)).units(include_obsolete=True)) for p in paths]
    ref = load_reference(reference, reference_kind) if reference is not None else None
    matcher, note = _matcher(glossaries)
    cache = _cache(options.cache)
    try:
        files, comparison = score_units(catalogs, ref, matcher, options, cache)
    finally:
        if cache is not None:
            cache.close()
    cache_note = ""
    if cache is not None:
        cache_note = (
            f"cache {cache.path}: {cache.hits} segment statistics reused, {cache.misses} computed"
        )
        if cache.error:
            cache_note = f"cache {cache.path} not used ({cache.error})"
    return ScoreReport(files, str(reference) if reference else None, note, comparison, cache_note)


# --- report shapes -------------------------------------------------------------------------


def file_json(result: FileScore) -> dict[str, object]:
    """One catalogue's report as JSON-ready data (the ``score --format json`` shape)."""
    corpus, pairing, pe_sum, adherence = (
        result.corpus,
        result.pairing,
        result.post_edit,
        result.adherence,
    )
    by_segment: dict[UnitKey, SegmentScores] = {}
    paragraphs: list[dict[str, object]] = []
    for pair, scores in zip(result.pairs, result.sentences, strict=True):
        if pairing is not None and pairing.level == "segment":
            by_segment[pair.key] = scores
        else:
            paragraphs.append({"id": pair.id, "units": list(pair.units), **_metrics(scores)})
    return {
        "file": result.name,
        **_metrics(corpus),
        "hter": pe_sum.hter if pe_sum else None,
        "glossary_adherence": adherence.share if adherence else None,
        "signature": corpus.signatures if corpus else None,
        "score_lines": corpus.lines if corpus else None,
        **_pairing_json(pairing),
        "post_edit": asdict(pe_sum) if pe_sum else None,  # its fields, in order
        "glossary": {"occurrences": adherence.occurrences, "adhered": adherence.adhered}
        if adherence
        else None,
        "states": result.states,
        "segments": [
            _segment_json(result, u, by_segment.get(unit_key(u)))
            for u in result.units
            if not u.obsolete
        ],
        **({"paragraphs": paragraphs} if paragraphs else {}),
    }


def _pairing_json(pairing: Pairing | None) -> dict[str, object]:
    """What was scored against the reference, and what was not and why."""
    if pairing is None:
        return {"level": None, "scored": 0, "not_scored": None}
    out: dict[str, object] = {
        "level": pairing.level,
        "scored": len(pairing.pairs),
        "not_scored": {"state": pairing.not_selected, "no_reference": pairing.no_reference},
    }
    if pairing.alignment:
        out["alignment"] = alignment_json(pairing.alignment)
    return out


def _metrics(scores: SegmentScores | CorpusScores | None) -> dict[str, float | None]:
    """The four metrics as the JSON names them (``None`` each where nothing was scored)."""
    return {
        "bleu": scores.bleu if scores else None,
        "chrf": scores.chrf if scores else None,
        "chrf_pp": scores.chrf_pp if scores else None,
        "ter": scores.ter if scores else None,
    }


def _segment_json(result: FileScore, unit: Unit, scores: SegmentScores | None) -> dict[str, object]:
    """One segment of the file's report: its text and state, and its scores where it has any."""
    key = unit_key(unit)
    pe = result.post_edit_rows.get(key)
    tally = result.adherence.per_unit.get(key) if result.adherence else None
    return {
        "id": unit.id,
        "line": unit.line,
        "label": segment_label(unit),
        "state": unit.state.label,
        "source": unit.source,
        "target": unit.target,
        **_metrics(scores),
        "hter": pe.hter if pe else None,
        "hter_chrf": pe.chrf if pe else None,
        "terms": {
            "occurrences": tally.occurrences,
            "adhered": tally.adhered,
            "missed": list(tally.missed),
        }
        if tally
        else None,
    }


def alignment_json(alignment: BlockAlignment) -> dict[str, int]:
    """How a document reference lined up with the catalogue's blocks."""
    return {
        "blocks": alignment.source_blocks,
        "reference_blocks": alignment.reference_blocks,
        "aligned": alignment.aligned,
        "skipped": alignment.skipped,
        "reference_unused": alignment.unused,
    }


def alignment_text(alignment: BlockAlignment) -> str:
    """The same in words, for the text and markdown reports and the TUI."""
    return (
        f"{alignment.aligned} of {alignment.source_blocks} blocks aligned with the reference's "
        f"{alignment.reference_blocks}; {alignment.skipped} without a counterpart skipped, "
        f"{alignment.unused} reference blocks unused"
    )


def comparison_json(comparison: Comparison) -> dict[str, object]:
    """Paired bootstrap results: per metric, one row per system (baseline first)."""
    return {
        "test": "paired bootstrap resampling",
        "baseline": comparison.names[0],
        "segments": comparison.segments,
        "samples": comparison.n_samples,
        "seed": comparison.seed,
        "metrics": {
            metric: [
                {
                    "system": name,
                    "score": r.score,
                    "mean": r.mean,
                    "ci95": r.ci,
                    "p_value": r.p_value,
                }
                for name, r in zip(comparison.names, rows, strict=True)
            ]
            for metric, rows in comparison.results.items()
        },
    }


def report_json(report: ScoreReport) -> dict[str, object]:
    """The whole report: one file's keys at the top level, several files under ``files``."""
    extra: dict[str, object] = {"reference": report.reference}
    if report.glossary_note:
        extra["glossary_note"] = report.glossary_note
    if len(report.files) == 1:
        return {**file_json(report.files[0]), **extra}
    out: dict[str, object] = {"files": [file_json(f) for f in report.files], **extra}
    if report.comparison is not None:
        out["significance"] = comparison_json(report.comparison)
    return out
