"""Speed of our German sentence splitter against pysbd, on about 1 MB of German prose.

The prose is the sample article's paragraphs plus the paragraphs of the segmentation case table,
shuffled and glued into paragraphs of one to six pieces with a fixed seed, so every run times the
same text. Both splitters see the same paragraphs one at a time, as the segmenter calls them.

    python -m bench.segment            # chars/s for ours and pysbd, and the ratio
    python -m bench.segment --table    # accuracy on the case table: ours, pysbd, SoMaJo
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from workbench.domain.sentences import sentence_spans

REPO = Path(__file__).resolve().parent.parent
SAMPLES = (
    REPO / "corpora" / "hangzhou-sister-cities" / "source.de.md",
    REPO.parent / "shared" / "seeds" / "hangzhou-sister-cities.de.txt",
)
SEED = 20251025
TARGET_CHARS = 1_000_000


def _sample_paragraphs() -> list[str]:
    """Prose paragraphs of the first sample article found (headings and date lines dropped)."""
    for path in SAMPLES:
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            return [line for line in lines if len(line) > 80 and not line.startswith("#")]
    return []


def build_corpus(target_chars: int = TARGET_CHARS, seed: int = SEED) -> list[str]:
    """About `target_chars` of German paragraphs, the same for the same seed."""
    from tests.test_sentences import CASES

    pool = _sample_paragraphs() + [case.text for case in CASES]
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < target_chars:
        paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
        paragraphs.append(paragraph)
        size += len(paragraph)
    return paragraphs


def best_rate(split: Callable[[str], object], paragraphs: Sequence[str], repeats: int) -> float:
    """Characters per second of the fastest of `repeats` passes over `paragraphs`."""
    chars = sum(len(p) for p in paragraphs)
    best = float("inf")
    for _ in range(repeats):
        began = time.perf_counter()
        for paragraph in paragraphs:
            split(paragraph)
        best = min(best, time.perf_counter() - began)
    return chars / best


def run_speed(repeats: int) -> None:
    """Print chars/s for ours and pysbd on the same corpus, and the ratio ours/pysbd."""
    import pysbd

    paragraphs = build_corpus()
    segmenter = pysbd.Segmenter(language="de", clean=False, char_span=True)
    chars = sum(len(p) for p in paragraphs)
    print(f"corpus: {len(paragraphs)} paragraphs, {chars:,} chars; best of {repeats}")
    ours = best_rate(sentence_spans, paragraphs, repeats)
    theirs = best_rate(segmenter.segment, paragraphs, repeats)
    print(f"workbench: {ours:>12,.0f} chars/s")
    print(f"pysbd de : {theirs:>12,.0f} chars/s")
    print(f"ratio workbench/pysbd: {ours / theirs:.1f}")


def run_table() -> None:
    """Print the accuracy of ours, pysbd and SoMaJo on the case table, with the failing cases."""
    from tests.test_sentences import accuracy_scores, format_scores

    print(format_scores(accuracy_scores()))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.segment", description=__doc__)
    parser.add_argument("--table", action="store_true", help="print the accuracy table instead")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes; the best counts")
    args = parser.parse_args(argv)
    if args.table:
        run_table()
    else:
        run_speed(args.repeats)


if __name__ == "__main__":
    main()
