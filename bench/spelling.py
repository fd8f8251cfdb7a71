"""Which spell checker for the `spelling` check: Hunspell (through Enchant) against the
Python spell checkers, on professional German→English news translations.

Every checker runs behind the same :class:`~workbench.domain.checks.spelling.Speller`
interface through the same :func:`~workbench.domain.checks.spelling.misspellings` (so names
in the source, placeholders, abbreviations and capitalised names are left alone alike), on
the WMT references of ``bench.qa`` (``--data``, the same files). Per checker:

* **flags /1k**: words reported per 1,000 clean professional segments (nearly all false
  alarms: lower is better);
* **typos found**: one typo planted per segment (two neighbouring letters swapped in a
  word of six letters or more, ``bench.qa``'s ``typo`` kind) in up to ``--planted``
  segments the checker is quiet on; found when that word is reported;
* **right 1st / top 5**: of the typos found, how often the planted word's original is the
  first suggestion or among the first five;
* **check ×** and **suggest ×**: time to check every segment (a fresh checker, nothing
  remembered) and to ask suggestions for the found typos, as ratios to Hunspell's times
  measured in the same run (the anchor).

    python -m bench.spelling                      # newstest2019 + newstest2020
    python -m bench.spelling --corpora newstest2018

The Python checkers are optional (``pip install pyspellchecker symspellpy``); a missing one
is named and left out.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bench.qa import SEED, Pair, corpus_arguments, corpus_pairs, plant_typo
from workbench.domain.checks.spelling import Speller, misspellings


class PySpellChecker:
    """pyspellchecker (Norvig's method on a word-frequency list) as a Speller."""

    name = "pyspellchecker"

    def __init__(self) -> None:
        from spellchecker import SpellChecker

        self._spell = SpellChecker(language="en")

    @property
    def variety(self) -> str:
        return "en"

    def known(self, word: str) -> bool:
        plain = word.replace("’", "'")
        return plain.lower() in self._spell

    def suggestions(self, word: str) -> tuple[str, ...]:
        found = self._spell.candidates(word.lower()) or set()
        ranked = sorted(found, key=lambda w: -self._spell.word_usage_frequency(w))
        return tuple(w for w in ranked if w != word.lower())[:5]

    def other_variety(self, word: str) -> str | None:
        return None

    def unknown(self, words: Iterable[str]) -> set[str]:
        return {w for w in words if not self.known(w)}


class SymSpell:
    """symspellpy (symmetric-delete lookups on its English frequency list) as a Speller."""

    name = "symspellpy"

    def __init__(self) -> None:
        from importlib.resources import files

        from symspellpy import SymSpell as Engine

        self._engine = Engine(max_dictionary_edit_distance=2)
        path = files("symspellpy") / "frequency_dictionary_en_82_765.txt"
        self._engine.load_dictionary(str(path), term_index=0, count_index=1)
        self._words = self._engine.words

    @property
    def variety(self) -> str:
        return "en"

    def known(self, word: str) -> bool:
        plain = word.replace("’", "'").lower()
        return plain in self._words or plain.removesuffix("'s") in self._words

    def suggestions(self, word: str) -> tuple[str, ...]:
        from symspellpy import Verbosity

        found = self._engine.lookup(word.lower(), Verbosity.CLOSEST, max_edit_distance=2)
        return tuple(s.term for s in found if s.term != word.lower())[:5]

    def other_variety(self, word: str) -> str | None:
        return None

    def unknown(self, words: Iterable[str]) -> set[str]:
        return {w for w in words if not self.known(w)}


def hunspell() -> Speller:
    from workbench.adapters.spelling import HunspellSpeller

    return HunspellSpeller("en")


def _python_checker(cls: type) -> Callable[[], Speller]:
    def make() -> Speller:
        return cls()  # type: ignore[no-any-return]

    return make


CHECKERS: dict[str, Callable[[], Speller]] = {
    "Hunspell en_US+en_GB (Enchant)": hunspell,
    "pyspellchecker": _python_checker(PySpellChecker),
    "symspellpy": _python_checker(SymSpell),
}


@dataclass
class Result:
    flags: int
    check_seconds: float
    planted: int
    found: int
    first: int
    top5: int
    suggest_seconds: float


def _planted(pairs: Sequence[Pair], quiet: set[int], limit: int) -> list[tuple[Pair, str, str]]:
    """(pair with a typo, the typo, the original word) for up to ``limit`` quiet segments."""
    rng = random.Random(f"{SEED}:typo")
    out: list[tuple[Pair, str, str]] = []
    for i in rng.sample(range(len(pairs)), len(pairs)):
        if i not in quiet:
            continue
        pair = pairs[i]
        target = plant_typo(pair, rng)
        if target is None:
            continue
        old, new = pair.target.split(), target.split()
        changed = [(a, b) for a, b in zip(old, new, strict=False) if a != b]
        if len(changed) != 1:
            continue
        original, typo = (re.sub(r"\W", "", w) for w in changed[0])
        out.append((Pair(pair.corpus, pair.line, pair.source, target), typo, original))
        if len(out) >= limit:
            break
    return out


def measure(make: Callable[[], Speller], pairs: Sequence[Pair], limit: int) -> Result:
    speller = make()
    start = time.perf_counter()
    reported = [misspellings(p.target, p.source, speller) for p in pairs]
    check_seconds = time.perf_counter() - start
    flags = sum(len(r) for r in reported)
    quiet = {i for i, r in enumerate(reported) if not r}
    planted = _planted(pairs, quiet, limit)
    found = first = top5 = 0
    suggest_seconds = 0.0
    for pair, typo, original in planted:
        words = {m.word for m in misspellings(pair.target, pair.source, speller)}
        if typo not in words:
            continue
        found += 1
        start = time.perf_counter()
        suggestions = speller.suggestions(typo)
        suggest_seconds += time.perf_counter() - start
        lowered = [s.lower() for s in suggestions]
        first += bool(lowered) and lowered[0] == original.lower()
        top5 += original.lower() in lowered
    return Result(flags, check_seconds, len(planted), found, first, top5, suggest_seconds)


def table(results: dict[str, Result], segments: int) -> str:
    anchor = next(iter(results.values()))
    lines = [
        "| checker | flags /1k | typos found | right 1st | top 5 | check × | suggest × |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        recall = f"{r.found}/{r.planted} ({100 * r.found / r.planted:.1f} %)" if r.planted else "–"
        first = f"{100 * r.first / r.found:.0f} %" if r.found else "–"
        top5 = f"{100 * r.top5 / r.found:.0f} %" if r.found else "–"
        check = r.check_seconds / anchor.check_seconds
        suggest = (
            (r.suggest_seconds / r.found) / (anchor.suggest_seconds / anchor.found)
            if r.found and anchor.found and anchor.suggest_seconds
            else float("nan")
        )
        lines.append(
            f"| {name} | {1000 * r.flags / segments:.1f} | {recall} | {first} | {top5} | "
            f"{check:.3g} | {suggest:.3g} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.spelling", description=(__doc__ or "").splitlines()[0]
    )
    corpus_arguments(parser)
    parser.add_argument("--planted", type=int, default=500, help="typos to plant (max)")
    args = parser.parse_args(argv)
    pairs = corpus_pairs(args)
    results: dict[str, Result] = {}
    missing: list[str] = []
    for name, make in CHECKERS.items():
        try:
            results[name] = measure(make, pairs, args.planted)
        except ImportError as exc:
            missing.append(f"{name} (no module {exc.name}: pip install {name})")
    anchor = next(iter(results.values()))
    print(f"## {args.corpora}: {len(pairs)} segments, English variety en (either spelling)\n")
    print(table(results, len(pairs)))
    print(
        f"\nanchor (Hunspell): {1000 * anchor.check_seconds / len(pairs):.2f} ms to check a "
        f"segment, {1000 * anchor.suggest_seconds / max(anchor.found, 1):.1f} ms for a typo's "
        "suggestions (a fresh checker: nothing remembered)"
    )
    if missing:
        print("not measured: " + "; ".join(missing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
