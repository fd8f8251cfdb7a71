"""Speed of glossary matching at scale, and the accuracy table of the matcher.

The data is synthetic and deterministic (fixed seed): 5,000 German-like terms (compound
nouns, adjective + noun phrases, brand names, plus the real civic glossary) with English
targets, some admitted and forbidden renderings, and a PO of 50,000 translated entries
(German segments of about 22 words holding 0-3 terms, inflected or inside compounds, and
English targets that mostly follow the glossary), mixed with the sample article's sentences.

Measured in one run, each from a cold start of its own objects:

(a) anchor: polib load + an Aho-Corasick automaton of the raw term strings + a scan of
    every msgid (what any fast glossary scan must at least do);
(b) ours: polib load + glossary file load + matcher build (all surface forms) + source hits
    of every msgid + target checks (``satisfied`` and ``forbidden_hits`` per hit);
(c) ``workbench check`` glossary checks end to end, in process
    (``workbench.services.checking.check_files`` with the glossary checks only);
(d) the same with the spelling check on (Hunspell en_US + en_GB through Enchant; the
    dictionaries' word index and the suggestions for misspelt words are on disk from an
    earlier run, as on a machine that has run ``check`` before: the table shows apart
    what a first run pays for the suggestions).

(b) and (c) start with the matcher's memoised German stems forgotten, as a fresh
``workbench check`` process does.

    python -m bench.glossary             # timings and ratios vs the anchor (5 rounds, medians)
    python -m bench.glossary --rounds 1  # one round, quicker
    python -m bench.glossary --terms 42  # the same with only the real civic glossary
    python -m bench.glossary --table     # the accuracy table (ours vs exact matching)
"""

from __future__ import annotations

import argparse
import gc
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workbench.domain.glossary.forms import clear_caches

REPO = Path(__file__).resolve().parent.parent
CIVIC = REPO / "glossaries" / "civic.de-en.tsv"
CORPUS = REPO / "corpora" / "hangzhou-sister-cities"
SEED = 20251027
TERMS = 5_000
SEGMENTS = 50_000

ROOTS = {
    "Kultur": "culture", "Stadt": "city", "Partner": "partner", "Wasser": "water",
    "Verkehr": "traffic", "Bildung": "education", "Handel": "trade", "Wirtschaft": "economy",
    "Land": "land", "Bürger": "citizen", "Hafen": "port", "Schule": "school", "Markt": "market",
    "Forschung": "research", "Technik": "engineering", "Energie": "energy", "Umwelt": "environment",
    "Gesundheit": "health", "Sport": "sports", "Kunst": "art", "Jugend": "youth",
    "Verwaltung": "administration", "Finanz": "finance", "Bau": "building", "Kreis": "district",
    "Rat": "council", "Amt": "office", "Verband": "association", "Zentrum": "center",
    "Haus": "house", "Netz": "network", "Werk": "works", "Plan": "plan", "Dienst": "service",
    "Bahn": "railway", "Brücke": "bridge", "Straße": "road", "Garten": "garden",
    "Museum": "museum", "Programm": "program", "Hilfe": "aid", "Gericht": "court",
    "Polizei": "police", "Feuer": "fire", "Wehr": "brigade", "Wald": "forest", "Fluss": "river",
    "Stiftung": "foundation", "Messe": "fair", "Archiv": "archive", "Gemeinde": "municipality",
    "Vertrag": "treaty", "Konferenz": "conference", "Austausch": "exchange", "Reise": "travel",
}  # fmt: skip
ADJECTIVES = {
    "regional": "regional", "städtisch": "municipal", "international": "international",
    "kulturell": "cultural", "öffentlich": "public", "digital": "digital",
    "nachhaltig": "sustainable", "kommunal": "local", "wissenschaftlich": "scientific",
    "chinesisch": "Chinese", "amerikanisch": "American", "sozial": "social",
}  # fmt: skip
_FILLER_DE = (
    "der die das und mit von zu im in den dem des ein eine einer wurde werden hat haben "
    "ist sind nicht auch sowie zwischen beiden Ländern Jahr Jahren neue neuen großen "
    "wichtige Rolle bei Förderung Besuch Gäste sagte gestern heute mehr über unter für"
)
_FILLER_EN = (
    "the and with of to in a an was were has have is are not also as well as between both "
    "countries year years new large important role in promoting visit guests said yesterday "
    "today more about under for"
)
FILLER_DE = _FILLER_DE.split()
FILLER_EN = _FILLER_EN.split()
ENDINGS = ("", "", "", "s", "en", "e", "n")


def _compound(rng: random.Random, roots: list[str]) -> tuple[str, str]:
    parts = rng.sample(roots, rng.choice((2, 2, 3)))
    de = parts[0] + "".join(p.lower() for p in parts[1:])
    en = " ".join(ROOTS[p] for p in parts)
    return de, en


def build_terms(n: int = TERMS, seed: int = SEED) -> list[tuple[str, str, str]]:
    """``n`` (source, target, status) rows: the civic glossary's, then synthetic ones."""
    rng = random.Random(seed)
    rows: list[tuple[str, str, str]] = []
    for line in CIVIC.read_text(encoding="utf-8").splitlines()[3:]:
        cells = [*line.split("\t"), "", "", ""]
        rows.append((cells[0], cells[1], cells[2]))
    sources = {r[0] for r in rows}
    used_targets = {r[1] for r in rows}
    roots = list(ROOTS)
    concepts = len(sources)
    while concepts < n:
        kind = rng.random()
        if kind < 0.75:
            de, en = _compound(rng, roots)
        elif kind < 0.93:
            adj = rng.choice(list(ADJECTIVES))
            noun, en_noun = _compound(rng, roots)
            de = f"{adj}{rng.choice(('er', 'e', 'es'))} {noun}"
            en = f"{ADJECTIVES[adj]} {en_noun}"
        else:
            name = "".join(rng.choice("BCDFGKLMNPRSTVZ") + rng.choice("aeiou") for _ in range(3))
            de = en = name + rng.choice((" AG", "Tec", " Labs", " GmbH"))
        if de in sources:
            continue
        sources.add(de)
        concepts += 1
        if de == en:
            rows.append((de, "", "dnt"))
            continue
        en = en if en not in used_targets else en + " unit"
        used_targets.add(en)
        rows.append((de, en, "preferred"))
        if rng.random() < 0.1:
            bad = en.replace(" ", "-") + "s-bureau"
            if bad not in used_targets:
                used_targets.add(bad)
                rows.append((de, bad, "forbidden"))
    return rows


def _sample_pairs() -> list[tuple[str, str]]:
    src, ref = CORPUS / "source.de.md", CORPUS / "reference.en.md"
    if not (src.is_file() and ref.is_file()):
        return []
    de = [p for p in src.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    en = [p for p in ref.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return list(zip(de, en, strict=False)) if len(de) == len(en) else []


def build_segments(
    rows: list[tuple[str, str, str]], n: int = SEGMENTS, seed: int = SEED
) -> list[tuple[str, str]]:
    """``n`` (German, English) segment pairs; the same for the same seed."""
    rng = random.Random(seed + 1)
    preferred = [(s, t or s) for s, t, st in rows if st in ("preferred", "dnt")]
    forbidden = {s: t for s, t, st in rows if st == "forbidden"}
    samples = _sample_pairs()
    out: list[tuple[str, str]] = []
    for i in range(n):
        if samples and i % 100 == 0:
            out.append(samples[(i // 100) % len(samples)])
            continue
        de = rng.choices(FILLER_DE, k=rng.randint(14, 24))
        en = rng.choices(FILLER_EN, k=rng.randint(14, 24))
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            source, target = rng.choice(preferred)
            form = source
            roll = rng.random()
            if roll < 0.1 and " " not in source:
                form = source + rng.choice(("amt", "s-Konferenz", "verband"))
            elif " " not in source and source[:1].isupper():
                form = source + rng.choice(ENDINGS)
            de.insert(rng.randrange(len(de) + 1), form)
            roll = rng.random()
            if roll < 0.8:
                rendered = target
            elif roll < 0.9:
                rendered = forbidden.get(source, target.lower())
            else:
                rendered = ""
            if rendered:
                plural = "s" if rng.random() < 0.2 else ""
                en.insert(rng.randrange(len(en) + 1), rendered + plural)
        out.append((_sentence(de), _sentence(en)))
    return out


def _sentence(words: list[str]) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def _po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def write_fixture(folder: Path, terms: int = TERMS, segments: int = SEGMENTS) -> tuple[Path, Path]:
    """Write the glossary TSV and the PO into ``folder``; return their paths."""
    rows = build_terms(terms)
    glossary = folder / "bench.de-en.tsv"
    body = "".join(f"{s}\t{t}\t{st}\n" for s, t, st in rows)
    glossary.write_text("source\ttarget\tstatus\n" + body, encoding="utf-8")
    po = folder / "bench.en.po"
    parts = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n']
    for i, (de, en) in enumerate(build_segments(rows, segments)):
        context = _po_quote(f"s{i:05d}")
        parts.append(f"msgctxt {context}\nmsgid {_po_quote(de)}\nmsgstr {_po_quote(en)}\n\n")
    po.write_text("".join(parts), encoding="utf-8")
    return glossary, po


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of ``fn`` (steadier than wall time on a shared 2-core machine), result.

    Every run starts on a clean heap, as a fresh process does: the garbage an earlier run
    left in reference cycles (a polib load leaves a great deal) is collected first, outside
    the timing, so that no run pays for another's (the matcher's build and ``check_files``
    pause the collector, which would move that collection into whatever run comes next).
    """
    gc.collect()
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def run_anchor(po_path: Path, glossary_path: Path) -> tuple[float, int]:
    """(a) polib load + raw-term automaton + scan of every msgid: (seconds, raw hits)."""
    import ahocorasick
    import polib

    def work() -> int:
        entries = polib.pofile(str(po_path))
        automaton = ahocorasick.Automaton()
        for line in glossary_path.read_text(encoding="utf-8").splitlines()[1:]:
            source = line.split("\t", 1)[0]
            automaton.add_word(source.lower(), source)
        automaton.make_automaton()
        hits = 0
        for entry in entries:
            for _ in automaton.iter(entry.msgid.lower()):
                hits += 1
        return hits

    return _timed(work)


def run_ours(po_path: Path, glossary_path: Path) -> tuple[float, dict[str, float | int]]:
    """(b) polib load + glossary load + matcher build + source hits + target checks."""
    import polib

    from workbench.adapters.glossary_files import load_glossary
    from workbench.domain.glossary.matching import GlossaryMatcher

    stats: dict[str, float | int] = {}

    def work() -> None:
        t0 = time.process_time()
        entries = polib.pofile(str(po_path))
        t1 = time.process_time()
        matcher = GlossaryMatcher(load_glossary(glossary_path))
        t2 = time.process_time()
        hits = missing = forbidden = 0
        for entry in entries:
            for hit in matcher.source_hits(entry.msgid):
                hits += 1
                if not hit.enforced:
                    continue
                if not matcher.satisfied(hit.concept, entry.msgstr):
                    missing += 1
                forbidden += len(matcher.forbidden_hits(hit.concept, entry.msgstr))
        t3 = time.process_time()
        stats.update(polib_load=t1 - t0, build=t2 - t1, scan=t3 - t2)
        stats.update(hits=hits, missing=missing, forbidden=forbidden)

    clear_caches()
    seconds, _ = _timed(work)
    return seconds, stats


def run_check(
    po_path: Path, glossary_path: Path, spelling: bool = False
) -> tuple[float, dict[str, int]] | None:
    """(c) the glossary checks of ``workbench check``, in process (``spelling``: (d), with
    the spelling check too); None if not there yet."""
    try:
        from workbench.services import checking
    except ImportError:
        return None
    ids = ["glossary", "forbidden", "dnt", "glossary-compound"] + ["spelling"] * spelling
    setup = checking.SpellingSetup("en") if spelling else None

    def work() -> dict[str, int]:
        report = checking.check_files([po_path], [glossary_path], checks=ids, spelling=setup)
        return report.summary()["by_check"]

    clear_caches()
    return _timed(work)


def _median(runs: list[tuple[float, Any]]) -> tuple[float, Any]:
    """The run with the median time (the later one of the middle two)."""
    return sorted(runs, key=lambda r: r[0])[len(runs) // 2]


def check_parts(po_path: Path, glossary_path: Path) -> dict[str, float]:
    """Where (c)'s time goes, each part timed on its own (CPU seconds)."""
    from workbench.services import checking

    suite = checking.suite(["glossary", "forbidden", "dnt", "glossary-compound"])
    clear_caches()
    with checking.gc_paused():  # as check_files runs them
        load, units = _timed(lambda: checking.load_units(po_path))
        build, context = _timed(lambda: checking.build_context([glossary_path]))
        located = [("po", u) for u in units]
        run, _ = _timed(lambda: suite.check_units(located, context))
    return {
        "PO read (strict scan)": load,
        "glossary load + matcher build": build,
        "checks (source scan + target checks)": run,
    }


def spelling_part(po_path: Path, glossary_path: Path) -> tuple[float, float, int]:
    """Where (d)'s extra time goes: the spelling check alone over the same units (the
    glossary's targets are words), with a fresh dictionary (nothing remembered in the
    process, as in a new ``workbench check``),
    and what Hunspell's suggestions for its misspelt words cost where they are not
    remembered on disk yet (a machine's first run): (seconds, suggestion seconds, words)."""
    import enchant

    from workbench.services import checking

    units = checking.load_units(po_path)
    located = [("po", u) for u in units if u.target.strip()]
    with checking.gc_paused():
        context = checking.build_context([glossary_path], spelling=checking.SpellingSetup("en"))
        check = checking.suite(["spelling"])
        seconds, found = _timed(lambda: check.check_units(located, context))
    words = sorted({f.term for f in found})
    hunspell = enchant.Broker()
    hunspell.set_ordering("en_US", "hunspell")
    dictionary = hunspell.request_dict("en_US")
    suggesting, _ = _timed(lambda: [dictionary.suggest(w) for w in words])
    return seconds, suggesting, len(words)


def bench(terms: int = TERMS, segments: int = SEGMENTS, rounds: int = 5) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        glossary_path, po_path = write_fixture(Path(tmp), terms, segments)
        from workbench.adapters.glossary_files import load_glossary
        from workbench.domain.glossary.forms import german_term_patterns

        glossary = load_glossary(glossary_path)
        patterns = [
            p for c in glossary.concepts for p in german_term_patterns(c.source, not c.is_dnt)
        ]
        forms = sum(len(p.endings) for p in patterns)
        anchors, oursies, checks, spelled = [], [], [], []
        # interleaved, the check right after the anchor: a busy spell on this shared machine
        # then hits both sides of a round's ratio alike
        for _round in range(rounds):
            anchors.append(run_anchor(po_path, glossary_path))
            checks.append(run_check(po_path, glossary_path))
            spelled.append(run_check(po_path, glossary_path, spelling=True))
            oursies.append(run_ours(po_path, glossary_path))
        anchor, raw_hits = _median(anchors)
        ours, stats = _median(oursies)
        check = None if checks[0] is None else _median(checks)  # type: ignore[arg-type]
        parts = check_parts(po_path, glossary_path) if check is not None else {}
        spelling = spelling_part(po_path, glossary_path) if check is not None else (0.0, 0.0, 0)
        rows = [
            ("(a) anchor: polib load + raw pyahocorasick scan", anchor, f"{raw_hits} raw hits"),
            ("(b) ours: polib + glossary load + build + source hits + target checks", ours, ""),
            ("    of which polib load", stats["polib_load"], ""),
            ("    of which glossary load + matcher build", stats["build"], ""),
            (
                "    of which scan",
                stats["scan"],
                f"{stats['hits']} hits, {stats['missing']} missing targets, "
                f"{stats['forbidden']} forbidden",
            ),
        ]
        if check is None:
            rows.append(("(c) workbench check glossary checks: not available", 0.0, ""))
        else:
            seconds, by_check = check
            found = ", ".join(f"{k} {v}" for k, v in by_check.items())
            rows.append(("(c) `workbench check` glossary checks, in process", seconds, found))
            rows += [(f"    of which {name}", t, "separate run") for name, t in parts.items()]
            seconds, by_check = _median(spelled)  # type: ignore[arg-type]
            rows.append(
                (
                    "(d) the same with the spelling check on",
                    seconds,
                    f"spelling {by_check.get('spelling', 0)}",
                )
            )
            rows.append(("    of which the spelling check", spelling[0], "separate run"))
            rows.append(
                (
                    "    Hunspell's suggestions where not remembered yet",
                    spelling[1],
                    f"misspelt words: {spelling[2]}; a machine's first run (not in (d))",
                )
            )
        times = {
            "a": [t for t, _ in anchors],
            "b": [t for t, _ in oursies],
            "c": [r[0] for r in checks if r is not None],
            "d": [r[0] for r in spelled if r is not None],
        }
        spread = ", ".join(f"{k} {min(v):.2f}-{max(v):.2f}" for k, v in times.items() if v)
        # each round's own ratio against its own anchor; the table shows their median
        per_round = {
            key: sorted(t / a for t, a in zip(times[key], times["a"], strict=False))
            for key in ("b", "c", "d")
        }
        ratios = {key: v[len(v) // 2] if v else 0.0 for key, v in per_round.items()}
        lines = [
            f"glossary: {len(glossary)} concepts, {len(glossary.terms)} rows, "
            f"{len(patterns)} stem patterns standing for {forms} German forms",
            f"PO: {segments} translated entries",
            f"{rounds} interleaved round(s), median times shown; ranges (s): {spread}",
            "× anchor: the median of the rounds' own ratios; (c)/(a) by round: "
            + ", ".join(f"{r:.2f}" for r in per_round["c"]),
            "",
            "| run | CPU seconds | × anchor | notes |",
            "|---|---|---|---|",
        ]
        for label, seconds, note in rows:
            key = label[1:2] if label.startswith("(") else ""
            ratio = "1.00" if key == "a" else f"{ratios[key]:.2f}" if key in ratios else ""
            lines.append(f"| {label} | {seconds:.2f} | {ratio} | {note} |")
        return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.glossary", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--table", action="store_true", help="print the accuracy table instead")
    parser.add_argument("--terms", type=int, default=TERMS)
    parser.add_argument("--segments", type=int, default=SEGMENTS)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds; medians shown")
    args = parser.parse_args(argv)
    if args.table:
        from tests.test_glossary_matching import evaluate, format_table

        print(format_table(evaluate()))
        return 0
    print(bench(args.terms, args.segments, max(1, args.rounds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
