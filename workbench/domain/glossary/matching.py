"""Finding glossary terms in German sources and checking English targets against them.

Exact word-boundary matching (what Weblate does) misses "des Landrats", "Landrätin" and
"County Executives", and lets "county executive" pass. Here every concept's German surface
forms (declension, gender, umlaut, hyphen/space variation) are generated once, when the
matcher is built, into one Aho-Corasick automaton; a scan is one pass over the lower-cased
text followed by boundary and capitalisation checks on the few places that matched. A term
inside a longer word (Landratsamt, Städtepartnerschaft-Konferenz) is reported as a
``compound`` hit for information and is not enforced.

English targets accept plural and possessive forms; letters the term capitalises must be
capitals in the text ("county executive" does not satisfy "County Executive"), and a
capital at a sentence start is always fine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from workbench.domain.glossary.forms import (
    SEPARATOR_CHARS,
    english_term_forms,
    german_term_forms,
    normalize,
    normalize_term,
)
from workbench.domain.glossary.model import Concept, Glossary

#: Kinds of source hit. Only ``exact`` and ``inflected`` hits are enforced.
EXACT, INFLECTED, COMPOUND = "exact", "inflected", "compound"
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013")
#: A closed compound needs this many letters of the term and of the rest of the word.
MIN_COMPOUND_TERM = 4
MIN_COMPOUND_REST = 3
_SEP_CLASS = "[" + re.escape(SEPARATOR_CHARS) + "]+"
_SEP_SPLIT = re.compile(_SEP_CLASS)
_SENTENCE_END = ".!?:…"
_OPENERS = " \t\n\"'“”„«»‚‘’(*_[#>"


@dataclass(frozen=True)
class SourceHit:
    """A concept found in a source text at ``text[start:end]``."""

    concept: Concept
    start: int
    end: int
    text: str
    kind: str  # "exact" | "inflected" | "compound"

    @property
    def enforced(self) -> bool:
        """Whether checks should require the concept's target for this hit."""
        return self.kind != COMPOUND


@dataclass(frozen=True)
class TargetHit:
    """A target term found in a translation at ``text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Entry:
    concept: int
    exact: bool
    capital: bool
    verbatim: str | None


class GlossaryMatcher:
    """Matches one glossary against many texts; build once, scan often."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[_Entry]] = {}
        for index, concept in enumerate(glossary.concepts):
            inflect = not concept.is_dnt
            for base in (concept.source, *concept.variants):
                if not base.strip():
                    continue
                exact_norm = normalize_term(base)
                verbatim = base if concept.case_sensitive else None
                for form in german_term_forms(base, inflect=inflect):
                    key = normalize_term(form)
                    entries = table.setdefault(key, [])
                    entry = _Entry(
                        index,
                        key == exact_norm,
                        base[:1].isupper(),
                        form if verbatim is not None else None,
                    )
                    if entry not in entries:
                        entries.append(entry)
        for key, entries in table.items():
            # exact entries first, so that a form that is one concept's base wins
            entries.sort(key=lambda e: not e.exact)
            self._automaton.add_word(key, (len(key), tuple(entries)))
        self._empty = not table
        if table:
            self._automaton.make_automaton()
        self._target_patterns: dict[str, re.Pattern[str]] = {}

    # -- source side -----------------------------------------------------------------

    def source_hits(self, text: str) -> list[SourceHit]:  # noqa: PLR0912 - one hot loop, inlined for speed
        """Concepts in ``text``: non-overlapping, longest match first, in text order."""
        if self._empty or not text:
            return []
        norm = normalize(text)
        n = len(text)
        found: list[tuple[int, int, int, str, int]] = []  # (start, end, rank, kind, concept)
        for last, (length, entries) in self._automaton.iter(norm):
            start = last - length + 1
            end = last + 1
            left = text[start - 1] if start > 0 else " "
            right = text[end] if end < n else " "
            compound = False
            if left.isalnum():
                # tail of a closed compound (Kreis|landrat): the term keeps no capital
                if right.isalnum() or length < MIN_COMPOUND_TERM:
                    continue
                word_start = start
                while word_start > 0 and text[word_start - 1].isalnum():
                    word_start -= 1
                if start - word_start < MIN_COMPOUND_REST:
                    continue
                compound = True
            elif right.isalnum():
                # head of a closed compound (Landrats|amt)
                if length < MIN_COMPOUND_TERM:
                    continue
                word_end = end
                while word_end < n and text[word_end].isalnum():
                    word_end += 1
                if word_end - end < MIN_COMPOUND_REST:
                    continue
                compound = True
            elif (left in _HYPHENS and start > 1 and text[start - 2].isalnum()) or (
                right in _HYPHENS and end + 1 < n and text[end + 1].isalnum()
            ):
                compound = True
            for entry in entries:
                if entry.verbatim is not None:
                    if _SEP_SPLIT.sub(" ", text[start:end]) != _SEP_SPLIT.sub(" ", entry.verbatim):
                        continue
                elif (
                    entry.capital
                    and not text[start].isupper()
                    and not (compound and left.isalnum())
                ):
                    continue
                kind = COMPOUND if compound else (EXACT if entry.exact else INFLECTED)
                found.append((start, end, 0 if kind != COMPOUND else 1, kind, entry.concept))
                break
        if not found:
            return []
        return self._select(text, found)

    def _select(self, text: str, found: list[tuple[int, int, int, str, int]]) -> list[SourceHit]:
        found.sort(key=lambda f: (f[0] - f[1], f[2], f[0]))
        taken: list[tuple[int, int]] = []
        chosen: list[tuple[int, int, str, int]] = []
        for start, end, _rank, kind, concept in found:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            chosen.append((start, end, kind, concept))
        chosen.sort()
        concepts = self.glossary.concepts
        return [SourceHit(concepts[c], s, e, text[s:e], k) for s, e, k, c in chosen]

    def concepts_in(self, text: str) -> list[Concept]:
        """Concepts an accurate translation of ``text`` must follow (compounds excluded)."""
        seen: dict[int, Concept] = {}
        for hit in self.source_hits(text):
            if hit.kind != COMPOUND:
                seen.setdefault(id(hit.concept), hit.concept)
        return list(seen.values())

    # -- target side -----------------------------------------------------------------

    def find_target(
        self, target_term: str, text: str, case_sensitive: bool | None = None
    ) -> list[TargetHit]:
        """Occurrences of an English term in ``text``, plural and possessive included.

        ``case_sensitive=None`` (the default): letters the term capitalises must be capitals,
        others may be either. ``True``: the exact capitalisation, except that the first
        letter may be a capital at a sentence start. ``False``: any capitalisation.
        """
        if not target_term.strip() or not text:
            return []
        pattern = self._target_patterns.get(target_term)
        if pattern is None:
            pattern = self._target_patterns[target_term] = _target_pattern(target_term)
        hits: list[TargetHit] = []
        term_words = _SEP_SPLIT.split(target_term.strip())
        for m in pattern.finditer(text):
            if case_sensitive is not False and not _case_ok(
                term_words, m.group(), text, m.start(), strict=bool(case_sensitive)
            ):
                continue
            hits.append(TargetHit(m.start(), m.end(), m.group()))
        return hits

    def satisfied(self, concept: Concept, target_text: str) -> bool:
        """Whether any preferred or admitted target (for dnt: the source) is in the text."""
        return any(self._find_usable(concept, t, target_text) for t in concept.preferred_targets)

    def forbidden_hits(self, concept: Concept, text: str) -> list[TargetHit]:
        """Forbidden renderings of ``concept`` in ``text`` (any capitalisation).

        A forbidden term inside an accepted one ("city partnership" inside "sister city
        partnership") is not reported.
        """
        hits: list[TargetHit] = []
        for target in concept.forbidden_targets:
            case = bool(concept.target_case_sensitive(target))
            hits.extend(self.find_target(target, text, case))
        if not hits:
            return []
        allowed = [
            h for t in concept.preferred_targets for h in self._find_usable(concept, t, text)
        ]
        kept = {
            (h.start, h.end): h
            for h in hits
            if not any(
                a.start <= h.start and h.end <= a.end and (a.end - a.start) > (h.end - h.start)
                for a in allowed
            )
        }
        return sorted(kept.values(), key=lambda h: (h.start, h.end))

    def _find_usable(self, concept: Concept, target: str, text: str) -> list[TargetHit]:
        if concept.is_dnt and target == concept.source:
            return self.find_target(target, text, True)
        return self.find_target(
            target, text, True if concept.target_case_sensitive(target) else None
        )


def _target_pattern(term: str) -> re.Pattern[str]:
    alternatives = sorted(english_term_forms(term), key=len, reverse=True)
    body = "|".join(_SEP_CLASS.join(_escape(w) for w in _SEP_SPLIT.split(a)) for a in alternatives)
    return re.compile(
        rf"(?<![\w])(?<![\w][-\u2010\u2011])(?:{body})(?![\w])(?![-\u2010\u2011]\w)", re.IGNORECASE
    )


def _escape(word: str) -> str:
    """``re.escape``, with straight and curly apostrophes interchangeable."""
    return re.escape(word.replace("\u2019", "'")).replace("'", "['\u2019]")


def _case_ok(term_words: Sequence[str], matched: str, text: str, start: int, strict: bool) -> bool:
    words = _SEP_SPLIT.split(matched)
    for i, (tw, mw) in enumerate(zip(term_words, words, strict=False)):
        for j, (tc, mc) in enumerate(zip(tw, mw, strict=False)):
            if tc.isupper():
                if not mc.isupper():
                    return False
            elif (
                strict
                and tc.islower()
                and mc.isupper()
                and not (i == 0 and j == 0 and _sentence_start(text, start))
            ):
                return False
    return True


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(_OPENERS)
    return not before or before[-1] in _SENTENCE_END
