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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from workbench.domain.glossary.forms import (
    SEPARATOR_CHARS,
    english_term_stem,
    german_term_patterns,
    normalize,
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


# One automaton value per key: (key length, entries); an entry is
# (concept index, endings, tail, exact, base, capital, verbatim key or None).
_Entry = tuple[int, frozenset[str], str, bool, bool, bool, str | None]
_WORD_REST = re.compile(r"[^\W_]*")
_EN_REST = re.compile(r"[^\W_]*(?:'s?)?")


class GlossaryMatcher:
    """Matches one glossary against many texts; build once, scan often."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[_Entry]] = {}
        for index, concept in enumerate(glossary.concepts):
            inflect = not concept.is_dnt
            case_sensitive = concept.case_sensitive
            for base in (concept.source, *concept.variants):
                capital = base[:1].isupper()
                for pattern in german_term_patterns(base, inflect=inflect):
                    key = normalize(pattern.key)
                    entry: _Entry = (
                        index,
                        pattern.endings,
                        normalize(pattern.tail),
                        pattern.exact,
                        pattern.base,
                        capital,
                        _spaces(pattern.key) if case_sensitive else None,
                    )
                    entries = table.get(key)
                    if entries is None:
                        table[key] = [entry]
                    elif entry not in entries:
                        entries.append(entry)
        for key, entries in table.items():
            if len(entries) > 1:  # a concept's own spelling first
                entries.sort(key=lambda e: not e[3])
            self._automaton.add_word(key, (len(key), tuple(entries)))
        self._empty = not table
        if table:
            self._automaton.make_automaton()
        self._targets = _TargetIndex(
            t for c in glossary.concepts for t in (*c.preferred_targets, *c.forbidden_targets)
        )
        self._target_cache: tuple[str, dict[int, list[tuple[int, int]]]] | None = None
        # per concept: (term id, term, case mode) of its usable and its forbidden targets
        self._concept_index = {id(c): i for i, c in enumerate(glossary.concepts)}
        ids = self._targets.ids
        self._usable = [
            tuple((ids[t], t, self._usable_mode(c, t)) for t in c.preferred_targets if t in ids)
            for c in glossary.concepts
        ]
        self._forbidden = [
            tuple(
                (ids[t], t, bool(c.target_case_sensitive(t)))
                for t in c.forbidden_targets
                if t in ids
            )
            for c in glossary.concepts
        ]

    # -- source side -----------------------------------------------------------------

    def source_hits(self, text: str) -> list[SourceHit]:
        """Concepts in ``text``: non-overlapping, longest match first, in text order."""
        if self._empty or not text:
            return []
        norm = normalize(text)
        found: list[tuple[int, int, int, str, int]] = []  # (start, end, rank, kind, concept)
        for last, (length, entries) in self._automaton.iter(norm):
            start = last - length + 1
            hit = _place(text, norm, start, last + 1, entries)
            if hit is not None:
                found.append(hit)
        if not found:
            return []
        if len(found) == 1:
            start, end, _rank, kind, index = found[0]
            return [SourceHit(self.glossary.concepts[index], start, end, text[start:end], kind)]
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
        term_id = self._targets.ids.get(target_term)
        if term_id is None:
            spans = _TargetIndex([target_term]).scan(text).get(0, [])
        else:
            spans = self._target_spans(text).get(term_id, [])
        return self._hits(target_term, spans, text, case_sensitive)

    def _target_spans(self, text: str) -> dict[int, list[tuple[int, int]]]:
        """All target-term spans in ``text``, by term id (the last text's are kept)."""
        cached = self._target_cache
        if cached is None or cached[0] != text:
            cached = (text, self._targets.scan(text))
            self._target_cache = cached
        return cached[1]

    def _hits(
        self, term: str, spans: Sequence[tuple[int, int]], text: str, mode: bool | None
    ) -> list[TargetHit]:
        if not spans:
            return []
        words = self._targets.words(term)
        return [
            TargetHit(start, end, text[start:end])
            for start, end in spans
            if mode is False or _case_ok(words, text[start:end], text, start, strict=bool(mode))
        ]

    def satisfied(self, concept: Concept, target_text: str) -> bool:
        """Whether any preferred or admitted target (for dnt: the source) is in the text."""
        if not target_text:
            return False
        index = self._concept_index.get(id(concept))
        if index is None or self.glossary.concepts[index] is not concept:
            return any(
                self._find_usable(concept, t, target_text) for t in concept.preferred_targets
            )
        spans = self._target_spans(target_text)
        return any(
            self._hits(term, spans[term_id], target_text, mode)
            for term_id, term, mode in self._usable[index]
            if term_id in spans
        )

    def forbidden_hits(self, concept: Concept, text: str) -> list[TargetHit]:
        """Forbidden renderings of ``concept`` in ``text`` (any capitalisation).

        A forbidden term inside an accepted one ("city partnership" inside "sister city
        partnership") is not reported.
        """
        if not text or not concept.forbidden_targets:
            return []
        index = self._concept_index.get(id(concept))
        hits: list[TargetHit] = []
        if index is None or self.glossary.concepts[index] is not concept:
            for target in concept.forbidden_targets:
                hits.extend(
                    self.find_target(target, text, bool(concept.target_case_sensitive(target)))
                )
        else:
            spans = self._target_spans(text)
            for term_id, term, mode in self._forbidden[index]:
                if term_id in spans:
                    hits.extend(self._hits(term, spans[term_id], text, mode))
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

    @staticmethod
    def _usable_mode(concept: Concept, target: str) -> bool | None:
        if concept.is_dnt and target == concept.source:
            return True
        return True if concept.target_case_sensitive(target) else None

    def _find_usable(self, concept: Concept, target: str, text: str) -> list[TargetHit]:
        return self.find_target(target, text, self._usable_mode(concept, target))


def _spaces(text: str) -> str:
    """``text`` with every separator run as one space (case kept)."""
    return " ".join(_SEP_SPLIT.split(text.strip()))


def _place(  # noqa: PLR0912 - one decision per boundary case, on the hot path
    text: str, norm: str, start: int, stem_end: int, entries: tuple[_Entry, ...]
) -> tuple[int, int, int, str, int] | None:
    """What a stem found at ``text[start:stem_end]`` is: (start, end, rank, kind, concept)."""
    n = len(text)
    word = _WORD_REST.match(text, stem_end)
    rest_end = word.end() if word else stem_end
    rest = norm[stem_end:rest_end]
    left_word = start > 0 and text[start - 1].isalnum()
    for concept, endings, tail, exact, base, capital, verbatim in entries:
        if verbatim is not None and _spaces(text[start:stem_end]) != verbatim:
            continue
        if capital and not left_word and not text[start].isupper():
            continue
        if rest in endings:
            end = rest_end
            if tail:
                if not norm.startswith(tail, end):
                    continue
                end += len(tail)
                if end < n and text[end].isalnum():
                    continue
            right_hyphen = end + 1 < n and text[end] in _HYPHENS and text[end + 1].isalnum()
            if left_word:
                # tail of a closed compound (Jugend|kulturmuseum)
                if tail or " " in norm[start:stem_end] or stem_end - start < MIN_COMPOUND_TERM:
                    continue
                word_start = start
                while word_start > 0 and text[word_start - 1].isalnum():
                    word_start -= 1
                if start - word_start < MIN_COMPOUND_REST:
                    continue
                return (start, end, 1, COMPOUND, concept)
            hyphen_left = start > 1 and text[start - 1] in _HYPHENS and text[start - 2].isalnum()
            if hyphen_left or right_hyphen:
                return (start, end, 1, COMPOUND, concept)
            kind = EXACT if exact and not rest else INFLECTED
            return (start, end, 0, kind, concept)
        # head of a closed compound (Landrats|amt): an ending, then at least a short word
        if (
            tail
            or left_word
            or stem_end - start < MIN_COMPOUND_TERM
            or len(rest) < MIN_COMPOUND_REST
        ):
            continue
        joint = max(
            (
                e
                for e in endings
                if rest.startswith(e) and len(rest) - len(e) >= MIN_COMPOUND_REST and (e or base)
            ),
            key=len,
            default=None,
        )
        if joint is None:
            continue
        return (start, stem_end + len(joint), 1, COMPOUND, concept)
    return None


_TARGET_SEPARATORS = tuple(c for c in SEPARATOR_CHARS if c not in " -")


def _normalize_target(text: str) -> str:
    """Lower case, separators as spaces, curly apostrophes straight; same length as ``text``."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if "-" in low:
        low = low.replace("-", " ")
    if not low.isascii():
        for sep in _TARGET_SEPARATORS:
            if sep in low:
                low = low.replace(sep, " ")
        if "\u2019" in low or "\u2018" in low:
            low = low.replace("\u2019", "'").replace("\u2018", "'")
    return low


class _TargetIndex:
    """Every target term's English stem in one automaton; one scan per text.

    The stem is the part all forms share ("county executive", "sister cit"); after a
    stem is found, the letters and apostrophe that follow must be one of its endings.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        self.ids: dict[str, int] = {}
        self._words: dict[str, list[str]] = {}
        table: dict[str, list[tuple[int, frozenset[str]]]] = {}
        for term in terms:
            if term in self.ids or not term.strip():
                continue
            term_id = self.ids[term] = len(self.ids)
            stem, endings = english_term_stem(" ".join(term.split()))
            table.setdefault(_normalize_target(stem), []).append((term_id, endings))
        self._automaton = ahocorasick.Automaton()
        for key, entries in table.items():
            self._automaton.add_word(key, (len(key), tuple(entries)))
        self._empty = not table
        if table:
            self._automaton.make_automaton()

    def words(self, term: str) -> list[str]:
        words = self._words.get(term)
        if words is None:
            words = self._words[term] = _SEP_SPLIT.split(term.strip())
        return words

    def scan(self, text: str) -> dict[int, list[tuple[int, int]]]:
        """Spans of each term id in ``text``, at word boundaries."""
        if self._empty:
            return {}
        n = len(text)
        norm = _normalize_target(text)
        found: dict[int, list[tuple[int, int]]] = {}
        for last, (length, entries) in self._automaton.iter(norm):
            start = last - length + 1
            if start > 0:
                left = text[start - 1]
                if left.isalnum() or (left in _HYPHENS and start > 1 and text[start - 2].isalnum()):
                    continue
            stem_end = last + 1
            m = _EN_REST.match(norm, stem_end)
            rest_end = m.end() if m else stem_end
            for term_id, endings in entries:
                end = rest_end
                rest = norm[stem_end:end]
                if rest not in endings:
                    if rest.endswith("'") and rest[:-1] in endings:  # a closing quote
                        end -= 1
                    else:
                        continue
                if end < n and (
                    text[end].isalnum()
                    or (text[end] in _HYPHENS and end + 1 < n and text[end + 1].isalnum())
                ):
                    continue
                found.setdefault(term_id, []).append((start, end))
        return found


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
