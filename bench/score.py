"""Speed of ``workbench score`` against sacrebleu's own corpus metrics, in the same run.

Synthetic, deterministic data (fixed seed): N reference segments of 15–35 words drawn from
the sample article's English vocabulary, a "final translation" that is a damaged copy of
each reference, and an "MT draft" that is a damaged copy of the final translation (so HTER
has something to measure). Nothing here is real MT output.

Measured, each from cold objects in one process:

(s) sacrebleu: ``corpus_bleu`` + ``corpus_chrf`` + ``corpus_ter`` on (final, reference);
(w) workbench, in process, no cache: corpus BLEU/chrF/chrF++/TER equal to (s), plus
    sentence-level scores of every segment, plus HTER and chrF of (MT, final) for every
    segment, corpus and per segment (``services.scoring.score_units``);
(q) the same without HTER (what (s) computes, plus chrF++ and sentence scores);
(f) ``score_files`` end to end from a PO file (polib load included), cold disk cache;
(c) the same again with the cache warm (a re-run after review);
(l) with --like-for-like: sacrebleu computing the same corpus scores as (w) (chrF++, and
    TER/chrF of MT against final), without any sentence-level scores.

    python -m bench.score              # 50,000 segments
    python -m bench.score -n 5000
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import sacrebleu
from sacrebleu.metrics.chrf import CHRF

from workbench.adapters.cores import available_cores
from workbench.adapters.documents import text_blocks
from workbench.adapters.po import PoCatalog
from workbench.adapters.sacrebleu_metrics import PARALLEL_THRESHOLD
from workbench.domain.scoring import LineReference
from workbench.domain.units import MtOrigin, Unit
from workbench.services.scoring import ScoreOptions, score_files, score_units

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "corpora" / "hangzhou-sister-cities" / "reference.en.md"


def damage(words: list[str], rng: random.Random, rate: float) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        r = rng.random()
        if r < rate / 3 and len(words) > 3:
            i += 1
            continue
        if r < 2 * rate / 3 and i + 1 < len(words):
            out += [words[i + 1], words[i]]
            i += 2
            continue
        out.append(words[i].lower() if r < rate else words[i])
        i += 1
    return out


def make_data(n: int, seed: int = 20250101) -> tuple[list[str], list[str], list[str]]:
    rng = random.Random(seed)
    text = " ".join(
        b.text for b in text_blocks(REFERENCE.read_text(encoding="utf-8"), markdown=True)
    )
    vocab = text.split()
    refs, finals, mts = [], [], []
    for _ in range(n):
        ref = [rng.choice(vocab) for _ in range(rng.randint(15, 35))]
        final = damage(ref, rng, 0.25)
        mt = damage(final, rng, 0.3)
        refs.append(" ".join(ref))
        finals.append(" ".join(final))
        mts.append(" ".join(mt))
    return refs, finals, mts


def timed(label: str, fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    elapsed = time.perf_counter() - start
    print(f"  {label:<58} {elapsed:8.2f} s", flush=True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=50_000, help="segment pairs (default 50,000)")
    parser.add_argument(
        "--like-for-like",
        action="store_true",
        help="also time sacrebleu doing the same corpus work (chrF++ and HTER's TER/chrF too)",
    )
    args = parser.parse_args()
    refs, finals, mts = make_data(args.n)
    words = sum(len(r.split()) for r in refs) / len(refs)
    print(f"{args.n} segment pairs, {words:.1f} reference words on average")
    units = [
        Unit(f"s{i}", f"Quelle {i}", "")
        .drafted(mt, MtOrigin("bench", "damaged copy", mt))
        .with_target(final)
        .confirmed()
        for i, (mt, final) in enumerate(zip(mts, finals, strict=True))
    ]
    no_mt = [Unit(u.id, u.source, u.target) for u in units]
    reference = LineReference(tuple(refs))
    nocache = ScoreOptions(cache=None)
    results: dict[str, object] = {}

    def sacre() -> None:
        results["bleu"] = sacrebleu.corpus_bleu(finals, [refs]).score
        results["chrf"] = sacrebleu.corpus_chrf(finals, [refs]).score
        results["ter"] = sacrebleu.corpus_ter(finals, [refs]).score

    def ours() -> None:
        files, _ = score_units([("bench", units)], reference, None, nocache)
        results["ours"] = files[0]

    def quality_only() -> None:
        score_units([("bench", no_mt)], reference, None, nocache)

    s = timed("(s) sacrebleu corpus BLEU + chrF + TER", sacre)
    w = timed("(w) workbench: corpus + sentence + chrF++ + HTER, no cache", ours)
    q = timed("(q) workbench: corpus + sentence + chrF++, no cache", quality_only)
    got = results["ours"]
    corpus = got.corpus  # type: ignore[attr-defined]
    assert (corpus.bleu, corpus.chrf, corpus.ter) == (
        results["bleu"],
        results["chrf"],
        results["ter"],
    )
    print(
        f"  parity: BLEU {corpus.bleu:.4f}  chrF {corpus.chrf:.4f}  TER {corpus.ter:.4f}"
        "  (identical to sacrebleu)"
    )
    pe = got.post_edit  # type: ignore[attr-defined]
    print(f"  HTER {pe.hter:.2f}, chrF(MT, final) {pe.chrf:.2f} over {pe.segments} segments")

    with tempfile.TemporaryDirectory() as tmp:
        po = Path(tmp) / "bench.po"
        ref_file = Path(tmp) / "ref.txt"
        ref_file.write_text("\n".join(refs) + "\n", encoding="utf-8")
        catalog = PoCatalog.new(po, "de", "en", "bench")
        for u in units:
            catalog.apply(u)
        catalog.save()
        cache = ScoreOptions(cache=Path(tmp) / "stats.sqlite3")
        f = timed(
            "(f) score_files from PO, cold disk cache",
            lambda: score_files([po], ref_file, options=cache),
        )
        c = timed(
            "(c) score_files from PO, warm disk cache",
            lambda: score_files([po], ref_file, options=cache),
        )

    if args.like_for_like:

        def sacre_same() -> None:
            sacrebleu.corpus_bleu(finals, [refs])
            sacrebleu.corpus_chrf(finals, [refs])
            CHRF(word_order=2).corpus_score(finals, [refs])
            sacrebleu.corpus_ter(finals, [refs])
            sacrebleu.corpus_ter(mts, [finals])
            sacrebleu.corpus_chrf(mts, [finals])

        same = timed("(l) sacrebleu, same corpus work as (w), no sentence scores", sacre_same)
        print(f"ratio (w)/(l) = {w / same:.2f}   like for like")
    print()
    print(
        f"wall-clock ratios; workbench uses "
        f"{available_cores() if args.n >= PARALLEL_THRESHOLD else 1} worker process(es), "
        "sacrebleu's corpus metrics one"
    )
    print(f"ratio (w)/(s) = {w / s:.2f}   everything, incl. sentence scores and HTER (goal <= 1.1)")
    print(f"ratio (q)/(s) = {q / s:.2f}   quality scores only")
    print(f"ratio (f)/(s) = {f / s:.2f}   from the PO file, cold cache")
    print(f"ratio (c)/(s) = {c / s:.2f}   from the PO file, warm cache")


if __name__ == "__main__":
    main()
