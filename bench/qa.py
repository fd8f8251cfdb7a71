"""Precision and recall of `workbench check` on professional German→English translations.

Every reference translation of WMT newstest2019 and newstest2020 de-en (2,785 segments,
news written by journalists and translated by professionals, every entry translated) is
checked as a translated PO entry would be, with the default checks. Two tables:

1. **Findings per 1,000 segments per check** (error, warning, info). On professional work
   most error and warning findings are false alarms, so this is the noise a CI gate makes.
2. **Recall per planted error kind**: one error of a kind (a number changed or dropped, the
   German left untranslated, the end punctuation changed, a word doubled, a quotation mark or
   bracket dropped, a typo, an acronym changed) is planted into each segment where that kind
   can be planted and the check in question is quiet on the clean segment; a planted error
   counts as found when that check reports it at warning or error.

The hand-judged sample lives in ``bench/qa_judgements.tsv`` (committed): one line per judged
finding, naming the segment by corpus, line number and a hash of its text (never the text),
the check, and the verdict (``false`` = a false alarm, ``true`` = a real problem in the
reference). The false-alarm rate printed is over the current findings that were judged.

The data is not in the repository. Put ``newstest2019.de``/``.en`` and ``newstest2020.de``/
``.en`` (one segment per line, line-aligned) into a folder and pass it with ``--data`` or
``WORKBENCH_QA_DATA`` (default ``~/.cache/workbench-bench/wmt-de-en``). They are the files
``testsets/de-en/newstest2019.de`` etc. of github.com/Helsinki-NLP/OPUS-MT-testsets; with
internet access ``sacrebleu -t wmt19 -l de-en --echo src > newstest2019.de`` (``ref`` for
``.en``; ``wmt20`` for 2020) gives the same segments.

    python -m bench.qa                         # both tables and the judged false-alarm rate
    python -m bench.qa --show numbers          # the findings of one check, text shown
    python -m bench.qa --sample 100            # a seeded sample of findings to judge, with keys
    python -m bench.qa --missed "number dropped"  # the planted errors a check missed
    python -m bench.qa --corpora newstest2018  # another held-out set in the same folder

Held-out sets judged in the same file: newstest2018 and newstestB2020 (the second 2020
reference) from the same repository, and WMT21's newstest2021 de-en with its two
references, ``newstest2021.de``/``.en`` (reference A) and ``newstest2021B.de``/``.en`` (the
same source, reference B): ``txt/sources/newstest2021.de-en.src.de`` and
``txt/references/newstest2021.de-en.ref.{A,B}.en`` of github.com/wmt-conference/
wmt21-news-systems (WMT's test data, released for research; never committed here).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.domain.checks import CHECKS, DEFAULT_CHECKS, CheckContext, CheckSuite, Finding
from workbench.domain.checks.base import Severity
from workbench.domain.checks.spelling import VARIETIES
from workbench.domain.units import Unit

REPO = Path(__file__).resolve().parent.parent
JUDGEMENTS = REPO / "bench" / "qa_judgements.tsv"
DEFAULT_DATA = Path("~/.cache/workbench-bench/wmt-de-en").expanduser()
CORPORA = ("newstest2019", "newstest2020")
SEED = 20261130


@dataclass(frozen=True)
class Pair:
    """One segment of a corpus: where it is, the German source and the English reference."""

    corpus: str
    line: int
    source: str
    target: str

    @property
    def key(self) -> str:
        """``corpus:line:hash``: names the segment without copying its text."""
        return f"{self.corpus}:{self.line}:{text_key(self.source, self.target)}"


def text_key(source: str, target: str) -> str:
    """A short hash of a segment's two texts (judgements stay valid only for the same text)."""
    return hashlib.sha1(f"{source}\t{target}".encode()).hexdigest()[:10]


def load_pairs(folder: Path, corpora: Sequence[str]) -> list[Pair]:
    """The line-aligned pairs of each corpus; a missing file is a clear error."""
    pairs: list[Pair] = []
    for name in corpora:
        src, ref = folder / f"{name}.de", folder / f"{name}.en"
        if not (src.is_file() and ref.is_file()):
            raise SystemExit(
                f"bench.qa: {src} or {ref} is missing; see `python -m bench.qa --help` "
                "for where the WMT files come from"
            )
        de = src.read_text(encoding="utf-8").splitlines()
        en = ref.read_text(encoding="utf-8").splitlines()
        if len(de) != len(en):
            raise SystemExit(f"bench.qa: {src} has {len(de)} lines, {ref} {len(en)}")
        pairs.extend(
            Pair(name, i, s, t) for i, (s, t) in enumerate(zip(de, en, strict=True), 1) if s and t
        )
    return pairs


def variety_of(pairs: Sequence[Pair]) -> str:
    """The English variety a corpus is written in: the dictionary that knows more of it."""
    from workbench.adapters.spelling import HunspellSpeller
    from workbench.domain.checks.spelling import misspellings

    unknown = {}
    for variety in VARIETIES[1:]:
        speller = HunspellSpeller(variety)
        unknown[variety] = sum(len(misspellings(p.target, p.source, speller)) for p in pairs)
    return min(unknown, key=lambda v: unknown[v])


class Contexts:
    """One check context per corpus, as one project each: no glossary (news has none),
    the spelling dictionary of ``variety`` (``en``: either spelling, as a project whose
    target language is plain "en"; ``auto``: the variety the corpus is mostly written in)."""

    def __init__(self, pairs: Sequence[Pair], variety: str = "en") -> None:
        from workbench.adapters.spelling import HunspellSpeller

        self.variety = variety
        self.varieties: dict[str, str] = {}
        self.contexts: dict[str, CheckContext] = {}
        for corpus in dict.fromkeys(p.corpus for p in pairs):
            variety = (
                self.variety
                if self.variety != "auto"
                else variety_of([p for p in pairs if p.corpus == corpus])
            )
            self.varieties[corpus] = variety
            self.contexts[corpus] = CheckContext(speller=HunspellSpeller(variety))


def run_checks(
    pairs: Sequence[Pair], suite: CheckSuite, contexts: Contexts
) -> dict[str, list[Finding]]:
    """Findings of the suite over all pairs (project checks too, per corpus), by segment key."""
    found: dict[str, list[Finding]] = {}
    for corpus, context in contexts.contexts.items():
        units = [
            (p.corpus, Unit.plain(p.key, p.source, p.target, p.line))
            for p in pairs
            if p.corpus == corpus
        ]
        for f in suite.check_units(units, context):
            found.setdefault(f.unit_id, []).append(f)
    return found


# --- table 1: findings per 1,000 -----------------------------------------------------------


def findings_table(findings: dict[str, list[Finding]], segments: int) -> str:
    """Per check: error, warning and info findings per 1,000 segments."""
    counts: Counter[tuple[str, Severity]] = Counter()
    for found in findings.values():
        for f in found:
            counts[f.check, f.severity] += 1
    per = 1000 / segments
    lines = [
        "| check | error /1k | warning /1k | info /1k |",
        "|---|---:|---:|---:|",
    ]
    total = Counter[Severity]()
    for check in CHECKS:
        row = [counts[check, s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
        if not any(row):
            continue
        for s, n in zip((Severity.ERROR, Severity.WARNING, Severity.INFO), row, strict=True):
            total[s] += n
        lines.append(f"| {check} | " + " | ".join(f"{n * per:.1f}" for n in row) + " |")
    e, w, i = total[Severity.ERROR], total[Severity.WARNING], total[Severity.INFO]
    lines.append(f"| **all** | {e * per:.1f} | {w * per:.1f} | {i * per:.1f} |")
    lines.append(
        f"\nerror+warning: **{(e + w) * per:.1f} per 1,000 segments** "
        f"({e + w} findings on {segments} segments)"
    )
    return "\n".join(lines)


# --- table 2: planted errors ---------------------------------------------------------------

Planter = Callable[[Pair, random.Random], str | None]

_NUMBER = re.compile(r"(?<![\w.,:/])\d+(?:[.,]\d+)*(?![\w.,:/]?\d)")
_WORD = re.compile(r"\b[a-z]{3,}\b")
_FINAL = re.compile(r"([.!?])([\"'”’)]*)\s*$")
_ACRONYM = re.compile(r"\b[A-ZÄÖÜ]{2,6}\b")


def _numbers_in_both(pair: Pair) -> list[re.Match[str]]:
    source_digits = set(re.findall(r"\d+", pair.source))
    return [m for m in _NUMBER.finditer(pair.target) if m.group().strip(".,") in source_digits]


def plant_number_changed(pair: Pair, rng: random.Random) -> str | None:
    """A number the source also has, with one digit changed (1,500 → 1,600)."""
    found = _numbers_in_both(pair)
    if not found:
        return None
    m = rng.choice(found)
    digits = [i for i, ch in enumerate(m.group()) if ch.isdigit()]
    i = rng.choice(digits)
    old = m.group()[i]
    new = str((int(old) + rng.randint(1, 8)) % 10)
    if i == 0 and new == "0":
        new = "9" if old != "9" else "8"
    text = m.group()[:i] + new + m.group()[i + 1 :]
    return pair.target[: m.start()] + text + pair.target[m.end() :]


def plant_number_dropped(pair: Pair, rng: random.Random) -> str | None:
    """A number the source also has, left out of the translation."""
    found = _numbers_in_both(pair)
    if not found:
        return None
    m = rng.choice(found)
    return (pair.target[: m.start()].rstrip() + " " + pair.target[m.end() :].lstrip()).strip()


def plant_untranslated(pair: Pair, rng: random.Random) -> str | None:
    """The German source left as the translation."""
    return pair.source if len(pair.source.split()) >= 4 else None


def plant_end_punctuation(pair: Pair, rng: random.Random) -> str | None:
    """The final ``.``/``?``/``!`` dropped or swapped for another."""
    m = _FINAL.search(pair.target)
    if not m or not _FINAL.search(pair.source):
        return None
    choices = [c for c in ("", ".", "?", "!") if c != m.group(1)]
    mark = rng.choice(choices)
    return pair.target[: m.start()] + mark + m.group(2)


def plant_double_word(pair: Pair, rng: random.Random) -> str | None:
    """One word written twice ("the the")."""
    words = list(_WORD.finditer(pair.target))
    if not words:
        return None
    m = rng.choice(words)
    return pair.target[: m.end()] + " " + m.group() + pair.target[m.end() :]


def plant_quote(pair: Pair, rng: random.Random) -> str | None:
    """One quotation mark of a quotation dropped."""
    marks = [i for i, ch in enumerate(pair.target) if ch in '"“”']
    if len(marks) < 2:
        return None
    i = rng.choice(marks)
    return pair.target[:i] + pair.target[i + 1 :]


def plant_bracket(pair: Pair, rng: random.Random) -> str | None:
    """One bracket of a pair dropped."""
    marks = [i for i, ch in enumerate(pair.target) if ch in "()[]"]
    if len(marks) < 2:
        return None
    i = rng.choice(marks)
    return pair.target[:i] + pair.target[i + 1 :]


def plant_typo(pair: Pair, rng: random.Random) -> str | None:
    """Two neighbouring letters swapped in a longer word the source does not have."""
    words = [m for m in re.finditer(r"\b[a-z]{6,}\b", pair.target) if m.group() not in pair.source]
    if not words:
        return None
    m = rng.choice(words)
    w = m.group()
    i = rng.randrange(1, len(w) - 2)
    if w[i] == w[i + 1]:
        return None
    typo = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    return pair.target[: m.start()] + typo + pair.target[m.end() :]


def plant_acronym(pair: Pair, rng: random.Random) -> str | None:
    """An all-caps abbreviation both texts have, with one letter changed (AFC → AGC)."""
    shared = [m for m in _ACRONYM.finditer(pair.target) if m.group() in pair.source]
    if not shared:
        return None
    m = rng.choice(shared)
    w = m.group()
    i = rng.randrange(len(w))
    letter = rng.choice([c for c in "ABCDEFGHIKLMNOPRSTU" if c != w[i]])
    return pair.target[: m.start()] + w[:i] + letter + w[i + 1 :] + pair.target[m.end() :]


#: kind → (how to plant it, the check that must find it)
PLANTED: dict[str, tuple[Planter, str]] = {
    "number changed": (plant_number_changed, "numbers"),
    "number dropped": (plant_number_dropped, "numbers"),
    "untranslated": (plant_untranslated, "unchanged"),
    "end punctuation": (plant_end_punctuation, "end-punctuation"),
    "doubled word": (plant_double_word, "double-words"),
    "quotation mark": (plant_quote, "quotes"),
    "bracket": (plant_bracket, "brackets"),
    "typo": (plant_typo, "spelling"),
    "acronym": (plant_acronym, "acronyms"),
}


def _reported(found: Iterable[Finding], check: str) -> bool:
    return any(f.check == check and f.severity >= Severity.WARNING for f in found)


def plant_errors(
    pairs: Sequence[Pair],
    clean: dict[str, list[Finding]],
    context: Contexts,
    kind: str,
    limit: int,
    *,
    seed: int = SEED,
) -> tuple[list[Pair], list[Pair]]:
    """Plant one error of a kind into up to ``limit`` segments where its check is quiet;
    return the planted segments and those the check missed."""
    plant, check = PLANTED[kind]
    rng = random.Random(f"{seed}:{kind}")
    planted: list[Pair] = []
    for pair in rng.sample(list(pairs), len(pairs)):
        if _reported(clean.get(pair.key, ()), check):
            continue
        target = plant(pair, rng)
        if target is None or target == pair.target:
            continue
        planted.append(Pair(pair.corpus, pair.line, pair.source, target))
        if len(planted) >= limit:
            break
    found = run_checks(planted, CheckSuite([check]), context)
    missed = [p for p in planted if not _reported(found.get(p.key, ()), check)]
    return planted, missed


def recall_table(
    pairs: Sequence[Pair], clean: dict[str, list[Finding]], context: Contexts, limit: int
) -> str:
    """Per planted kind: how many were planted, how many the check found."""
    lines = ["| planted error | check | planted | found | recall |", "|---|---|---:|---:|---:|"]
    for kind, (_plant, check) in PLANTED.items():
        if check not in CHECKS:
            lines.append(f"| {kind} | {check} | – | – | (no such check) |")
            continue
        planted, missed = plant_errors(pairs, clean, context, kind, limit)
        hits = len(planted) - len(missed)
        recall = f"{100 * hits / len(planted):.1f} %" if planted else "–"
        lines.append(f"| {kind} | {check} | {len(planted)} | {hits} | {recall} |")
    return "\n".join(lines)


# --- hand-judged sample --------------------------------------------------------------------


def read_judgements(path: Path = JUDGEMENTS) -> dict[tuple[str, str], str]:
    """``(segment key, check) → verdict`` from the judgement file (``#`` lines are comments)."""
    verdicts: dict[tuple[str, str], str] = {}
    if not path.is_file():
        return verdicts
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        corpus, line, digest, check, verdict, *_note = raw.split("\t")
        verdicts[f"{corpus}:{line}:{digest}", check] = verdict
    return verdicts


def judged_rate(findings: dict[str, list[Finding]]) -> str:
    """The false-alarm rate over the current error+warning findings that were hand-judged."""
    verdicts = read_judgements()
    flagged = {
        (key, f.check)
        for key, found in findings.items()
        for f in found
        if f.severity >= Severity.WARNING
    }
    judged = [verdicts[k] for k in flagged if k in verdicts]
    if not judged:
        return f"hand-judged: none of the {len(flagged)} (segment, check) findings yet"
    false = judged.count("false")
    return (
        f"hand-judged: {len(judged)} of {len(flagged)} (segment, check) error+warning findings; "
        f"{false} false alarms = **{100 * false / len(judged):.0f} %** false"
    )


def show(
    pairs: Sequence[Pair],
    findings: dict[str, list[Finding]],
    check: str | None,
    sample: int,
    seed: int = SEED,
) -> None:
    """Print findings with their texts, for a person to judge (keys ready for the TSV)."""
    by_key = {p.key: p for p in pairs}
    rows = [
        (by_key[key], f)
        for key, found in findings.items()
        for f in found
        if f.severity >= Severity.WARNING and (check is None or f.check == check)
    ]
    if sample:
        rows = random.Random(seed).sample(rows, min(sample, len(rows)))
    verdicts = read_judgements()
    for pair, f in rows:
        corpus, line, digest = pair.key.split(":")
        mark = verdicts.get((pair.key, f.check), "?")
        print(f"{corpus}\t{line}\t{digest}\t{f.check}\t[{mark}] {f.severity.label}: {f.message}")
        print(f"    DE: {pair.source}")
        print(f"    EN: {pair.target}")


def corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """``--data`` and ``--corpora``, as every bench on the WMT references takes them."""
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(os.environ.get("WORKBENCH_QA_DATA", DEFAULT_DATA)),
        help="folder with newstest2019.de/.en etc. (default: $WORKBENCH_QA_DATA or "
        f"{DEFAULT_DATA})",
    )
    parser.add_argument("--corpora", default=",".join(CORPORA), help="comma-separated names")


def corpus_pairs(args: argparse.Namespace) -> list[Pair]:
    """The pairs of the corpora ``corpus_arguments`` asked for."""
    return load_pairs(args.data, [c.strip() for c in args.corpora.split(",") if c.strip()])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.qa", description=(__doc__ or "").splitlines()[0]
    )
    corpus_arguments(parser)
    parser.add_argument(
        "--variety",
        default="en",
        choices=("en", "en-US", "en-GB", "auto"),
        help="spelling dictionary (auto: the variety each corpus is mostly written in)",
    )
    parser.add_argument("--planted", type=int, default=300, help="planted errors per kind (max)")
    parser.add_argument("--show", metavar="CHECK", help="print this check's findings with text")
    parser.add_argument("--sample", type=int, default=0, help="print a sample of N findings")
    parser.add_argument("--missed", metavar="KIND", help="print the planted errors of KIND missed")
    args = parser.parse_args(argv)
    pairs = corpus_pairs(args)
    context = Contexts(pairs, args.variety)
    suite = CheckSuite(DEFAULT_CHECKS)
    findings = run_checks(pairs, suite, context)
    if args.show or args.sample:
        show(pairs, findings, args.show, args.sample)
        return 0
    if args.missed:
        _planted, missed = plant_errors(pairs, findings, context, args.missed, args.planted)
        originals = {p.key.rsplit(":", 1)[0]: p for p in pairs}
        for p in missed:
            print(f"{p.corpus}\t{p.line}\n    DE: {p.source}\n    EN: {p.target}")
            print(f"  was: {originals[f'{p.corpus}:{p.line}'].target}")
        return 0
    varieties = ", ".join(f"{c} {v}" for c, v in context.varieties.items())
    print(f"## {args.corpora}: {len(pairs)} segments, default checks; spelling: {varieties}\n")
    print(findings_table(findings, len(pairs)))
    print()
    print(judged_rate(findings))
    print()
    print(recall_table(pairs, findings, context, args.planted))
    return 0


if __name__ == "__main__":
    sys.exit(main())
