"""Translation memory at scale: import, fuzzy lookup and pre-translation, against brute force.

The memory is synthetic and deterministic (``bench/tm_corpus.py``): German/English pairs of
realistic length and vocabulary. In one run:

1. **import**: the pairs are written as a TMX 1.4 file and imported with
   ``workbench tm import``'s code path (streaming defusedxml parse, SQLite store with its
   token index and its trigram concordance index). Anchor: parsing the same TMX and
   dropping each unit (what any import must at least do).
2. **lookup**: two kinds of new sentences — a memory sentence with 1-4 word edits (a
   75-99 % match exists) and freshly generated ones (no match) — looked up for the best
   five matches. Anchor: brute force, ``rapidfuzz.process.extract`` over every source in
   the memory with the same token-level score (each source's token shape precomputed in
   RAM, which favours the anchor). Its best match is the truth: we report how often ours
   has the same best score.
3. **pre-translation**: a PO of N segments (10 % exact repeats of memory sentences, 40 %
   edited ones, 50 % new) pre-translated from the memory (``workbench draft --tm-only``'s
   code path: load, look up, write the drafts, save). Anchor: the brute-force lookup's mean
   time per segment.

    python -m bench.tm                       # 1,000,000 units (about 10 minutes on 2 cores)
    python -m bench.tm --units 100000 --pretranslate 5000     # a quick run
    python -m bench.tm --keep /tmp/tm-bench  # keep the memory and TMX to re-run lookups
    python -m bench.tm --postgres --units 100000   # the team store: a throwaway PostgreSQL
"""

from __future__ import annotations

import argparse
import atexit
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import tm_corpus

REPO = Path(__file__).resolve().parent.parent


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def ratio(x: float) -> str:
    """A speed-up as printed: whole numbers from 10, two digits below (a slower store shows
    as 0.0061×, not 0×)."""
    return f"{x:,.0f}×" if x >= 10 else f"{x:.2g}×"


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    began = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - began


def build_tmx(path: Path, pairs: Sequence[tuple[str, str]]) -> None:
    from workbench.adapters.tmx import write_tmx
    from workbench.domain.memory import MemoryEntry

    write_tmx(
        path,
        (MemoryEntry(de, en, origin="bench", context=f"u{i}") for i, (de, en) in enumerate(pairs)),
        "de",
        "en",
        "bench",
    )


def parse_only(path: Path) -> int:
    """The anchor for import: the same streaming parse, every unit dropped."""
    from workbench.adapters.tmx import TmxReport, read_tmx

    report = TmxReport(path)
    count = 0
    for _ in read_tmx(path, "bench", report):
        count += 1
    return count


def write_po(path: Path, sources: Sequence[str]) -> None:
    from workbench.adapters.po import PoCatalog
    from workbench.domain.units import Unit

    catalog = PoCatalog.new(path, "de", "en", "bench")
    for i, source in enumerate(sources):
        catalog.apply(Unit(id=f"s{i:06d}", source=source, target=""))
    catalog.save(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300, help="per kind, for ours")
    parser.add_argument("--anchor-queries", type=int, default=100, help="per kind, brute force")
    parser.add_argument("--pretranslate", type=int, default=50_000, metavar="SEGMENTS")
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the memory in")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help="measure the PostgreSQL store (pg_trgm) on a throwaway server "
        "(Debian's postgresql package, as the tests start it)",
    )
    args = parser.parse_args(argv)

    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    from workbench.adapters.memory import open_store
    from workbench.domain.memory import shape, tokens
    from workbench.services.memory_exchange import import_file
    from workbench.services.pretranslation import PretranslateOptions, pretranslate_file
    from workbench.services.project_memory import MemorySettings

    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-tm-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"memory-{args.units}.sqlite"
    tmx = folder / f"memory-{args.units}.tmx"
    server = None
    location = str(db)
    if args.postgres:
        from tests.support import postgres

        why = postgres.unavailable()
        if why:
            raise SystemExit(why)
        server = postgres.start()
        atexit.register(server.stop)  # also when the bench fails half-way
        location = server.create_database("bench")
        db = folder / "postgres"  # never exists: the memory is imported every run
    settings = MemorySettings(location=location)
    print(f"store: {'PostgreSQL (pg_trgm)' if server else 'SQLite'}")
    results: dict[str, Any] = {"units": args.units}

    vocab = tm_corpus.Vocabulary()
    pairs, seconds = timed(lambda: list(tm_corpus.pairs(args.units, vocabulary=vocab)))
    sources = [de for de, _ in pairs]
    words = statistics.mean(s.count(" ") + 1 for s in sources[:10_000])
    print(f"memory: {args.units:,} synthetic pairs, {words:.1f} words per German sentence "
          f"(made in {seconds:.0f} s)")  # fmt: skip

    # 1. import ---------------------------------------------------------------------------
    if not db.exists():
        _, seconds = timed(lambda: build_tmx(tmx, pairs))
        print(f"TMX written: {tmx.stat().st_size / 1e6:,.0f} MB in {seconds:.0f} s")
        count, parse_s = timed(lambda: parse_only(tmx))
        store = open_store(location)
        report, import_s = timed(lambda: import_file(store, tmx, settings))
        store.close()
        assert report.written.added == args.units == count, (report, count)
        with open_store(location) as imported:
            size = imported.stats().size_bytes or 0
        results["import"] = {
            "parse_only_units_per_s": count / parse_s,
            "import_units_per_s": args.units / import_s,
            "import_s": import_s,
            "db_mb": size / 1e6,
        }
        print(
            f"import: {args.units / import_s:,.0f} units/s ({import_s:.0f} s, "
            f"{size / 1e6:,.0f} MB); anchor parse only: "
            f"{count / parse_s:,.0f} units/s; import/parse time: {import_s / parse_s:.1f}×"
        )
    else:
        print(f"import: reusing {db}")

    # 2. lookups --------------------------------------------------------------------------
    store = open_store(location)
    rng = random.Random(tm_corpus.SEED)
    fuzzy = tm_corpus.fuzzy_queries(sources, args.queries, vocabulary=vocab)
    fresh = tm_corpus.fresh_queries(args.queries, vocabulary=vocab)
    rng.shuffle(fresh)
    kinds = {"75-99 % match": fuzzy, "no match": fresh}
    ours: dict[str, list[float]] = {}
    best_ours: dict[str, list[float | None]] = {}
    for kind, queries in kinds.items():
        times, best = [], []
        for q in queries:
            found, seconds = timed(lambda q=q: store.lookup(q))
            times.append(seconds)
            best.append(found[0].similarity if found else None)
        ours[kind], best_ours[kind] = times, best
    print("anchor: building the token shapes of every source (not timed)")
    shapes = [shape(tokens(s)) for s in sources]
    anchor: dict[str, list[float]] = {}
    agree: dict[str, tuple[int, int]] = {}
    for kind, queries in kinds.items():
        times, same = [], 0
        n = min(args.anchor_queries, len(queries))
        for i, q in enumerate(queries[:n]):
            found, seconds = timed(
                lambda q=q: process.extract(
                    shape(tokens(q)), shapes, scorer=Levenshtein.normalized_similarity,
                    limit=5, score_cutoff=0.75 - 1e-9,
                )
            )  # fmt: skip
            times.append(seconds)
            truth = 100 * found[0][1] if found else None
            mine = best_ours[kind][i]
            same += (truth is None and mine is None) or (
                truth is not None and mine is not None and abs(truth - mine) < 1e-6
            )
        anchor[kind], agree[kind] = times, (same, n)
    print()
    print(f"{'lookup (best 5)':<18} {'ours p50':>9} {'ours p95':>9} {'anchor p50':>11} "
          f"{'anchor p95':>11} {'p95 ratio':>10} {'same best':>10}")  # fmt: skip
    results["lookup"] = {}
    for kind in kinds:
        o50, o95 = percentile(ours[kind], 0.5) * 1e3, percentile(ours[kind], 0.95) * 1e3
        a50, a95 = percentile(anchor[kind], 0.5) * 1e3, percentile(anchor[kind], 0.95) * 1e3
        same, n = agree[kind]
        print(f"{kind:<18} {o50:>7.1f}ms {o95:>7.1f}ms {a50:>9.0f}ms {a95:>9.0f}ms "
              f"{ratio(a95 / o95):>10} {same:>4}/{n:<4}")  # fmt: skip
        results["lookup"][kind] = {
            "ours_p50_ms": o50, "ours_p95_ms": o95, "anchor_p50_ms": a50, "anchor_p95_ms": a95,
            "p95_ratio": a95 / o95, "same_best": same, "compared": n,
        }  # fmt: skip
    anchor_mean = statistics.mean(t for kind in kinds for t in anchor[kind])

    # 3. pre-translation --------------------------------------------------------------------
    if args.pretranslate:
        n = args.pretranslate
        exact = rng.sample(sources, n // 10)
        edited = tm_corpus.fuzzy_queries(sources, n * 4 // 10, seed=7, vocabulary=vocab)
        new = tm_corpus.fresh_queries(n - len(exact) - len(edited), seed=8, vocabulary=vocab)
        segments = exact + edited + new
        rng.shuffle(segments)
        po = folder / "pretranslate.po"
        write_po(po, segments)
        report, seconds = timed(
            lambda: pretranslate_file(po, store, settings, PretranslateOptions())
        )
        rate = n / seconds
        print()
        print(
            f"pre-translation of {n:,} segments: {rate:,.0f} segments/s ({seconds:.0f} s): "
            f"{report.exact:,} exact, {report.fuzzy:,} fuzzy ({report.adjusted:,} with numbers "
            f"substituted), {report.left:,} left for MT; anchor (brute-force lookup per "
            f"segment): {1 / anchor_mean:,.1f} segments/s; ratio {ratio(rate * anchor_mean)}"
        )
        results["pretranslate"] = {
            "segments": n, "segments_per_s": rate, "exact": report.exact, "fuzzy": report.fuzzy,
            "adjusted": report.adjusted, "left": report.left,
            "anchor_segments_per_s": 1 / anchor_mean, "ratio": rate * anchor_mean,
        }  # fmt: skip
    store.close()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
