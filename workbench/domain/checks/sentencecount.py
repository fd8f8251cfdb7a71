"""Sentence count: German counted by our German segmenter, English by a small English splitter.

pofilter's ``sentencecount`` treats every full stop before a capital as a boundary, so
"vom 25. Oktober bis 27. Oktober" is three sentences and the check fires on correct
translations. The German side here uses :func:`workbench.domain.sentences.split_sentences`,
which knows ordinals and abbreviations; the English side uses :func:`english_sentences`,
which knows the English abbreviations and initials that pysbd's rules cover, at a fraction
of the cost (it runs on every keystroke in the editor).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workbench.domain.checks.base import Check, CheckContext, Issue, Severity
from workbench.domain.sentences import split_sentences
from workbench.domain.units import Unit

_CANDIDATE = re.compile(r"(?:[.!?]+|…)[\"'”’)\]]*(\s+)(?=[\"'“‘(\[]?[A-Z0-9À-Ý])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "mt",
        "ft",
        "gen",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "capt",
        "col",
        "lt",
        "sgt",
        "vs",
        "e.g",
        "i.e",
        "no",
        "nos",
        "vol",
        "pp",
        "fig",
        "approx",
        "dept",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "a.k.a",
    ]
)


def english_sentences(text: str) -> list[str]:
    """Split English prose into sentences (abbreviations, initials and numbers aware)."""
    sentences: list[str] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        end = m.start(1)
        before = text[start:end].rstrip("\"'”’)]")
        word = before.rsplit(None, 1)[-1] if before.split() else ""
        if word.endswith("."):
            core = re.split(r"[-/–]", word.rstrip(".").lstrip("\"'“‘([").lower())[-1]
            if (
                core in _ABBREVIATIONS
                or re.fullmatch(r"[a-z]", core)
                or re.fullmatch(r"(?:[a-z]\.)+[a-z]", core)
            ):
                continue  # "Dr. Smith", "J. Smith", "U.S. President"
        sentences.append(text[start:end])
        start = m.end()
    if text[start:].strip():
        sentences.append(text[start:])
    return [s.strip() for s in sentences if s.strip()]


class SentenceCount(Check):
    """Number of sentences differs

    The German source and the English translation have a different number of sentences.
    Ordinals and abbreviations ("vom 25. Oktober", "z. B.", "Dr.", "U.S.") are not counted
    as sentence ends. Splitting a long German sentence in two can be good style: this is
    for information.
    """

    id = "sentence-count"
    severity = Severity.INFO
    pofilter = ("sentencecount",)

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        source, target = unit.source, unit.target
        s, t = len(split_sentences(source)), len(english_sentences(target))
        if s != t:
            yield Issue(f"the source has {s} sentence(s), the translation {t}")
