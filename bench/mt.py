"""MT drafting speed: ``workbench draft`` against raw CTranslate2 and against argostranslate.

Builds a random-weight Transformer-base Argos package (6+6 layers, d512, 8 heads, FFN 2048,
32k vocabulary, int8) with ``tests/support/argos_model.py``, and fixes the decoding length
(``min_decoding_length = max_decoding_length``) so every contender produces the same number of
target tokens. In one run it prints:

- raw: one ``Translator.translate_batch`` call over all segments (inter_threads=2,
  intra_threads=1, max_batch_size=32, beam 4) — the floor;
- draft: ``Drafter.draft_file`` on a PO with the same segments: load PO and model, prepare,
  translate, enforce the glossary, write the PO (goal: draft / raw ≤ 1.15);
- argos: argostranslate's ``translate()`` called per segment, with its default settings
  (goal: argos per segment / draft ≥ 10). Its default sentence splitter downloads a model on
  first use, so it gets a one-sentence splitter here (which only makes it faster);
- completion: the TUI's interactive completion per keystroke, typing the sample corpus's
  human translations character by character (``Completer.complete`` with the glossary, both
  cores on one request): the time until the first word is shown and until the whole rest
  of the sentence is there, p50 and p95 (goal p95 ≤ 300 ms on 2 cores), against raw
  CTranslate2 greedy ``translate_batch`` of the same source (the anchor). A keystroke that
  agrees with the suggestion needs no model call; the random model never agrees, so every
  keystroke here asks it (the worst case), and it always decodes to the length limit.

Usage: ``python bench/mt.py [--segments 320] [--argos-segments 24] [--length 32]``.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def corpus_segments(n: int) -> list[str]:
    """``n`` real segments: the sample PO's sources, cycled, each made unique by a number."""
    from workbench.adapters.po import PoCatalog

    po = REPO / "corpora" / "hangzhou-sister-cities" / "hangzhou-sister-cities.en.po"
    units = [u.source for u in PoCatalog.load(po).units()]
    return [f"{units[i % len(units)]} ({i})" for i in range(n)]


def make_po(path: Path, sources: list[str]) -> None:
    from workbench.adapters.po import PoCatalog
    from workbench.domain.units import Unit

    catalog = PoCatalog.new(path, "de", "en", "bench")
    for i, source in enumerate(sources):
        catalog.apply(Unit(id=f"s{i:05d}", source=source, target=""))
    catalog.save(path)


class FixedLength:
    """Wraps a Translator so argostranslate's calls decode exactly ``length`` tokens."""

    def __init__(self, translator: Any, length: int) -> None:
        self.translator = translator
        self.length = length

    def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["min_decoding_length"] = kwargs["max_decoding_length"] = self.length
        return self.translator.translate_batch(*args, **kwargs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=256)
    parser.add_argument("--argos-segments", type=int, default=24)
    parser.add_argument("--length", type=int, default=32, help="target tokens per segment")
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3, help="raw and draft alternate; best kept")
    parser.add_argument("--complete-segments", type=int, default=4, help="segments typed")
    parser.add_argument("--complete-chars", type=int, default=40, help="characters per segment")
    parser.add_argument("--only-completion", action="store_true", help="skip the drafting rows")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="wb-bench-mt-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)  # the model is ~100s of MB
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    os.environ["WORKBENCH_CACHE_DIR"] = str(work / "cache")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    from tests.support.argos_model import BASE, build_package
    from workbench.adapters.argos_packages import install_archive
    from workbench.adapters.ct2_engine import ThreadLayout

    t0 = time.perf_counter()
    package = install_archive(build_package(work / "build", BASE, version="1.0"))
    took = time.perf_counter() - t0
    print(f"built and installed {package.name} (6+6, d512, 32k vocab, int8) in {took:.1f} s")
    layout = ThreadLayout.for_machine()
    print(
        f"cores: {os.cpu_count()}, inter_threads={layout.inter_threads} "
        f"intra_threads={layout.intra_threads} max_batch_size={layout.max_batch_size}, "
        f"beam {args.beam}, {args.length} target tokens per segment"
    )
    completion_rows(package, args.complete_segments, args.complete_chars)
    if args.only_completion:
        return
    sources = corpus_segments(args.segments)
    L = args.length
    tokens = len(sources) * L

    # raw CTranslate2: one translate_batch call
    import ctranslate2
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(package.path / "sentencepiece.model"))
    batch = [sp.encode(s, out_type=str) for s in sources]
    translator = ctranslate2.Translator(
        str(package.path / "model"),
        device="cpu",
        compute_type="int8",
        inter_threads=layout.inter_threads,
        intra_threads=layout.intra_threads,
    )
    translator.translate_batch(batch[:4], beam_size=args.beam, max_decoding_length=4)  # warm up

    from workbench.adapters.glossary_files import load_glossaries
    from workbench.adapters.po import PoCatalog
    from workbench.services.drafting import Drafter, DraftOptions

    glossary = load_glossaries([REPO / "glossaries" / "civic.de-en.tsv"])
    options = DraftOptions(
        beam_size=args.beam, use_cache=False, min_decoding_length=L, max_decoding_length=L
    )
    raw = draft = raw_cpu = draft_cpu = float("inf")
    for round_no in range(args.rounds):
        # raw CTranslate2: one translate_batch call over all segments
        t0, c0 = time.perf_counter(), time.process_time()
        results = translator.translate_batch(
            batch,
            max_batch_size=layout.max_batch_size,
            beam_size=args.beam,
            length_penalty=0.2,
            min_decoding_length=L,
            max_decoding_length=L,
        )
        raw = min(raw, time.perf_counter() - t0)
        raw_cpu = min(raw_cpu, time.process_time() - c0)
        assert sum(len(r.hypotheses[0]) for r in results) == tokens
        # workbench draft: PO in, PO out, model loaded inside the timing
        po = work / f"bench{round_no}.en.po"
        make_po(po, sources)
        t0, c0 = time.perf_counter(), time.process_time()
        drafter = Drafter(package, glossary, options)
        report = drafter.draft_file(po)
        draft = min(draft, time.perf_counter() - t0)
        draft_cpu = min(draft_cpu, time.process_time() - c0)
        assert report.drafted == len(sources) and report.target_tokens == tokens
        assert sum(1 for u in PoCatalog.load(po).units() if u.origin) == len(sources)
        del drafter
    del translator

    # argostranslate translate(), one call per segment, its own defaults
    t0 = time.perf_counter()
    from argostranslate import translate as argos_translate

    translation = argos_translate.get_translation_from_codes("de", "en")
    inner = getattr(translation, "underlying", translation)

    class OneSentence:
        def split_sentences(self, text: str) -> list[str]:
            return [text]

    inner.sentencizer = OneSentence()
    inner.hypotheses("Hallo", 1)  # creates its Translator
    inner.translator = FixedLength(inner.translator, L)
    argos_setup = time.perf_counter() - t0
    subset = sources[: args.argos_segments]
    t0, c0 = time.perf_counter(), time.process_time()
    for s in subset:
        translation.translate(s)
    argos = time.perf_counter() - t0
    argos_cpu = time.process_time() - c0

    per_seg_draft = draft / len(sources)
    per_seg_argos = argos / len(subset)
    rows = [
        ("raw ct2 translate_batch (1 call)", len(sources), raw, raw_cpu),
        ("workbench draft (PO in → PO out, model load, glossary)", len(sources), draft, draft_cpu),
        ("argostranslate translate() per segment", len(subset), argos, argos_cpu),
    ]
    print()
    print("| contender | segments | target tokens | wall s | target tok/s | ms/segment | CPU s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, n, secs, cpu in rows:
        print(
            f"| {name} | {n} | {n * L} | {secs:.2f} | {n * L / secs:,.0f} | "
            f"{1000 * secs / n:.1f} | {cpu:.2f} |"
        )
    print(f"(argostranslate import and setup, not counted: {argos_setup:.1f} s)")
    print()
    load = os.getloadavg()[0]
    print(
        f"load average at the end: {load:.2f} ({os.cpu_count()} cores; "
        "other work on the machine skews every row)"
    )
    print(f"workbench draft / raw ct2        = {draft / raw:.3f}   (goal <= 1.15)")
    print(f"argos translate() / workbench    = {per_seg_argos / per_seg_draft:.1f}x  (goal >= 10)")
    cpu_ratio = (argos_cpu / len(subset)) / (draft_cpu / len(sources))
    print(f"by CPU time: draft / raw = {draft_cpu / raw_cpu:.3f}, argos / draft = {cpu_ratio:.1f}x")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def completion_rows(package: Any, segments: int, chars: int) -> None:
    """Completion latency per keystroke against raw greedy CTranslate2 (see the docstring)."""
    import statistics

    from workbench.adapters.glossary_files import load_glossaries
    from workbench.adapters.po import PoCatalog
    from workbench.domain.completion import follow
    from workbench.services.completion import Completer

    po = REPO / "corpora" / "hangzhou-sister-cities" / "hangzhou-sister-cities.en.po"
    pairs = [(u.source, u.target) for u in PoCatalog.load(po).units() if u.target][1:]
    pairs = pairs[:segments]
    glossary = load_glossaries([REPO / "glossaries" / "civic.de-en.tsv"])
    completer = Completer(package, glossary)
    engine = completer.engine
    completer.complete(pairs[0][0], "The")  # load and warm up
    first: list[float] = []
    total: list[float] = []
    anchor: list[float] = []
    followed = 0
    for source, target in pairs:
        prepared = completer.prepared(source)
        src = engine.tokenize(prepared.mt_input)
        t0 = time.perf_counter()
        engine.translator.translate_batch([src], beam_size=1, max_decoding_length=len(src))
        anchor.append(time.perf_counter() - t0)
        current = None
        for n in range(1, min(chars, len(target)) + 1):
            typed = target[:n]
            kept = follow(current, typed) if current is not None else None
            if kept is not None and kept.rest:
                current = kept
                followed += 1
                continue
            shown: list[float] = []
            t0 = time.perf_counter()
            current = completer.complete(
                source, typed, on_update=lambda _c, seen=shown: seen.append(time.perf_counter())
            )
            total.append(time.perf_counter() - t0)
            first.append((shown[0] if shown else time.perf_counter()) - t0)
    keystrokes = len(first) + followed
    ms = 1000.0
    print()
    print(
        f"completion: {keystrokes} keystrokes over {len(pairs)} segments, {followed} kept the "
        f"suggestion (no model call); {completer.layout.intra_threads} threads on one request"
    )
    print("| completion per keystroke | p50 ms | p95 ms | p50 / anchor p50 |")
    print("|---|---:|---:|---:|")
    base = statistics.median(anchor)
    print(
        f"| anchor: raw greedy translate_batch of the source | {ms * base:.0f} | "
        f"{ms * _percentile(anchor, 0.95):.0f} | 1.00 |"
    )
    for name, values in (("first word shown", first), ("whole rest of the sentence", total)):
        p95 = _percentile(values, 0.95)
        print(
            f"| {name} | {ms * statistics.median(values):.0f} | {ms * p95:.0f} | "
            f"{statistics.median(values) / base:.2f} |"
        )
    print(f"goal: first word shown p95 <= 300 ms; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
