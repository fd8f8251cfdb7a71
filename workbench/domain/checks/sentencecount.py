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


#: A colon before a capital: English translators often make it a sentence end, or the
#: other way round.
_COLON_BREAK = re.compile(r":\s+[\"'„“‘(]?[A-ZÄÖÜ]")
#: A short number with a full stop before a capital: a German ordinal ("Autobahn 8. Immer…",
#: "die 3. Liga") or a list item ("1. Renaissance"), or a sentence that ends in a number.
_NUMBER_BREAK = re.compile(r"(?<![\d.,])\d{1,3}\.\s+[\"'„“‘(]?[A-ZÄÖÜ]")


def sentence_range(text: str, english: bool) -> tuple[int, int]:
    """The fewest and most sentences a text can be read as.

    The splitter's count, widened by the places that may or may not end a sentence: a colon
    before a capital, and a short number with a full stop before a capital (German's
    splitter reads that as an ordinal, English's as a sentence end).
    """
    count = len(english_sentences(text) if english else split_sentences(text))
    colons = len(_COLON_BREAK.findall(text))
    numbers = len(_NUMBER_BREAK.findall(text))
    if english:
        return max(count - numbers, 1 if text.strip() else 0), count + colons
    return count, count + colons + numbers


class SentenceCount(Check):
    """Number of sentences differs

    The German source and the English translation have a different number of sentences.
    Ordinals and abbreviations ("vom 25. Oktober", "z. B.", "Dr.", "U.S.") are not counted
    as sentence ends; a colon before a capital and a number with a full stop before a
    capital ("Autobahn 8. Immer…") may be counted either way, so a translator who ends a
    sentence at a colon is not reported. Splitting a long German sentence in two can be
    good style: this is for information.
    """

    id = "sentence-count"
    severity = Severity.INFO
    pofilter = ("sentencecount",)

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        s_min, s_max = sentence_range(unit.source, english=False)
        t_min, t_max = sentence_range(unit.target, english=True)
        if t_max < s_min or s_max < t_min:
            s = len(split_sentences(unit.source))
            t = len(english_sentences(unit.target))
            yield Issue(f"the source has {s} sentence(s), the translation {t}")
