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

import bisect
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

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
#: The longest ending a closed compound's tail may take (Jugendkultur|zentrum|s).
MAX_TAIL_ENDING = 5
_SEP_CLASS = "[" + re.escape(SEPARATOR_CHARS) + "]+"
_SEP_SPLIT = re.compile(_SEP_CLASS)
_SENTENCE_END = ".!?:…"
_OPENERS = " \t\n\"'“”„«»‚‘’(*_[#>"


class SourceHit(NamedTuple):
    """A concept found in a source text at ``text[start:end]``.

    A named tuple: a project check makes one per term occurrence, tens of thousands.
    """

    concept: Concept
    start: int
    end: int
    text: str
    kind: str  # "exact" | "inflected" | "compound"

    @property
    def enforced(self) -> bool:
        """Whether checks should require the concept's target for this hit."""
        return self.kind != COMPOUND


@dataclass(frozen=True, slots=True)
class TargetHit:
    """A target term found in a translation at ``text[start:end]``."""

    start: int
    end: int
    text: str


# The automaton holds one value per key (see _key_value) with the key's entries; an entry
# is (concept index, endings, tail, exact ending or None, capital, verbatim key or None).
_Entry = tuple[int, frozenset[str], str, str | None, bool, str | None]
# A hit before overlaps are resolved: (start - end, rank, start, end, kind, concept index).
# Tuple order is the order of preference: the longest, then rank 0 (enforced), then the
# earliest; the rest of the tuple only makes ties stable.
_Candidate = tuple[int, int, int, int, str, int]
_START = operator.itemgetter(2)
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
                        pattern.exact_ending,
                        capital,
                        _spaces(pattern.key) if case_sensitive else None,
                    )
                    entries = table.get(key)
                    if entries is None:
                        table[key] = [entry]
                    elif entry not in entries:
                        entries.append(entry)
        kinds: _SharedTables = {}
        for key, entries in table.items():
            if len(entries) > 1:  # a concept's own spelling first
                entries.sort(key=lambda e: e[3] is None)
            self._automaton.add_word(key, _key_value(key, entries, kinds))
        self._empty = not table
        if table:
            self._automaton.make_automaton()
        self._targets = _TargetIndex(
            t for c in glossary.concepts for t in (*c.preferred_targets, *c.forbidden_targets)
        )
        self._norm_cache: tuple[str, str] = ("", "")
        # per concept: (term id, term, case mode) of its usable and its forbidden targets
        self._concepts = glossary.concepts
        self._concept_index = {id(c): i for i, c in enumerate(glossary.concepts)}
        ids = self._targets.ids
        self._usable = [
            tuple(
                self._targets.probe(ids[t], t, self._usable_mode(c, t))
                for t in c.preferred_targets
                if t in ids
            )
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
        framed = f"\n{text}\n"
        return self._scan(framed, normalize(framed), (len(text) + 1,))[0]

    def source_hits_many(self, texts: Iterable[str]) -> list[list[SourceHit]]:
        """:meth:`source_hits` of each text, found in one pass over all of them.

        The texts are scanned as one, joined by line breaks (which no term contains and
        which bound words as a text's ends do), so a batch pays the automaton's start-up
        once instead of once per text; the hits are exactly those of each text alone.
        """
        texts = list(texts)
        if self._empty or not texts:
            return [[] for _ in texts]
        ends: list[int] = []
        position = 1
        for text in texts:
            position += len(text)
            ends.append(position)
            position += 1
        joined = "\n" + "\n".join(texts) + "\n"
        return self._scan(joined, normalize(joined), ends)

    def _scan(  # noqa: PLR0912, PLR0915 - the hot loop: one call for all automaton matches
        self, text: str, norm: str, ends: Sequence[int]
    ) -> list[list[SourceHit]]:
        """The hits of each text in ``text``, which holds the texts one line break apart
        and framed by one more at either end (so no look-around leaves the string); the
        texts end at ``ends``."""
        results: list[list[SourceHit]] = []
        found: list[_Candidate] = []
        rest_match = _WORD_REST.match
        hyphens = _HYPHENS
        reach = 0  # the furthest end found so far
        overlapping = False
        index, offset, bound = 0, 1, ends[0]  # the current text: number, start, end
        for last, value in self._automaton.iter(norm):
            while last >= bound:  # the hit is in a later text: close the texts before it
                results.append(self._select(text, found, overlapping, offset))
                found, reach, overlapping = [], 0, False
                index += 1
                offset, bound = bound + 1, ends[index]
            length, entries, inner, simple, concept, capital, joints = value
            start = last - length + 1
            stem_end = last + 1
            before = text[start - 1]
            inside = before.isalnum()  # in a longer word: only a closed compound's tail counts
            if inside:
                if not inner or not text[start - MIN_COMPOUND_REST : start].isalnum():
                    continue
            elif capital and not text[start].isupper():
                continue  # a capitalised term in small letters
            rest_end = (
                rest_match(text, stem_end).end()  # type: ignore[union-attr]
                if norm[stem_end].isalnum()
                else stem_end
            )
            rest = norm[stem_end:rest_end]
            if inside:
                if rest_end - stem_end > MAX_TAIL_ENDING:
                    continue
                if simple is None:
                    candidate = _compound_tail(text, norm, start, stem_end, rest_end, rest, entries)
                elif rest in simple:  # what _compound_tail decides for a one-spelling key
                    candidate = (start - rest_end, 1, start, rest_end, COMPOUND, concept)
                else:
                    continue
            else:
                kind = None if simple is None else simple.get(rest)
                if kind is not None and before not in hyphens and text[rest_end] not in hyphens:
                    # the common case: a whole word of a one-spelling term
                    candidate = (start - rest_end, 0, start, rest_end, kind, concept)
                elif simple is not None and kind is None:
                    candidate = _compound_head(joints, rest, start, stem_end, concept)
                else:
                    candidate = _first_placed(text, norm, start, stem_end, rest_end, rest, entries)
            if candidate is None:
                continue
            overlapping = overlapping or start < reach
            reach = max(reach, candidate[3])
            found.append(candidate)
        while index < len(ends):
            results.append(self._select(text, found, overlapping, offset))
            found, overlapping = [], False
            offset = ends[index] + 1
            index += 1
        return results

    def _select(
        self,
        text: str,
        found: list[_Candidate],
        overlapping: bool,
        offset: int,
    ) -> list[SourceHit]:
        """The hits kept of one text's candidates, in text order, with positions relative
        to the text (which starts ``offset`` characters into ``text``)."""
        if not found:
            return []
        concepts = self.glossary.concepts
        if not overlapping:
            # hits come in order of their ends; without overlaps that is also text order
            return [
                SourceHit(concepts[c], s - offset, e - offset, text[s:e], k)
                for _n, _r, s, e, k, c in found
            ]
        # overlaps: the longest wins, then the enforced kind, then the earlier (the order
        # of the candidate tuples); each one is kept if it overlaps none kept before it
        found.sort()
        taken = _disjoint(found) if len(found) > _FEW else _disjoint_few(found)
        return [
            SourceHit(concepts[c], s - offset, e - offset, text[s:e], k)
            for _n, _r, s, e, k, c in taken
        ]

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
            spans = _TargetIndex([target_term]).spans(0, text, _normalize_target(text))
        else:
            spans = self._targets.spans(term_id, text, self._normalized(text))
        return self._hits(target_term, spans, text, case_sensitive)

    def _normalized(self, text: str) -> str:
        """The target text normalised (the last one is kept: checks ask several times)."""
        cached = self._norm_cache
        if cached[0] == text:
            return cached[1]
        norm = _normalize_target(text)
        self._norm_cache = (text, norm)
        return norm

    def _hits(
        self, term: str, spans: Sequence[tuple[int, int]], text: str, mode: bool | None
    ) -> list[TargetHit]:
        if not spans:
            return []
        if mode is False:
            return [TargetHit(start, end, text[start:end]) for start, end in spans]
        profile = self._targets.case_profile(term)
        return [
            TargetHit(start, end, text[start:end])
            for start, end in spans
            if _case_ok(profile, text, start, mode)
        ]

    def satisfied(self, concept: Concept, target_text: str) -> bool:
        """Whether any preferred or admitted target (for dnt: the source) is in the text."""
        if not target_text:
            return False
        index = self._concept_index.get(id(concept))
        if index is None or self._concepts[index] is not concept:
            return any(
                self._find_usable(concept, t, target_text) for t in concept.preferred_targets
            )
        usable = self._usable[index]
        if not usable:
            return False
        cached = self._norm_cache  # _normalized, inlined
        norm = cached[1] if cached[0] == target_text else self._normalized(target_text)
        n = len(target_text)
        for key, endings, mode, uppers, lowers in usable:
            # TargetIndex.spans and _case_ok, inlined: this runs for every hit of every unit
            start = norm.find(key)
            while start >= 0:
                if start > 0 and (
                    target_text[start - 1].isalnum()
                    or (
                        target_text[start - 1] in _HYPHENS
                        and start > 1
                        and target_text[start - 2].isalnum()
                    )
                ):
                    start = norm.find(key, start + 1)
                    continue
                end = stem_end = start + len(key)
                if end < n and (norm[end].isalnum() or norm[end] == "'"):
                    end = _EN_REST.match(norm, stem_end).end()  # type: ignore[union-attr]
                rest = norm[stem_end:end]
                ok = rest in endings
                if not ok and rest.endswith("'") and rest[:-1] in endings:  # a closing quote
                    end -= 1
                    ok = True
                if (
                    ok
                    and not (
                        end < n
                        and (
                            target_text[end].isalnum()
                            or (
                                target_text[end] in _HYPHENS
                                and end + 1 < n
                                and target_text[end + 1].isalnum()
                            )
                        )
                    )
                    and (
                        mode is False
                        or (
                            (not uppers or all(target_text[start + i].isupper() for i in uppers))
                            and not (
                                mode
                                and any(
                                    target_text[start + i].isupper()
                                    and not (i == 0 and _sentence_start(target_text, start))
                                    for i in lowers
                                )
                            )
                        )
                    )
                ):
                    return True
                start = norm.find(key, start + 1)
        return False

    def forbidden_hits(self, concept: Concept, text: str) -> list[TargetHit]:
        """Forbidden renderings of ``concept`` in ``text`` (any capitalisation).

        A forbidden term inside an accepted one ("city partnership" inside "sister city
        partnership") is not reported.
        """
        if not text or not concept.forbidden_targets:
            return []
        index = self._concept_index.get(id(concept))
        hits: list[TargetHit] = []
        if index is None or self._concepts[index] is not concept:
            for target in concept.forbidden_targets:
                hits.extend(
                    self.find_target(target, text, bool(concept.target_case_sensitive(target)))
                )
        else:
            norm = self._normalized(text)
            for term_id, term, mode in self._forbidden[index]:
                hits.extend(self._hits(term, self._targets.spans(term_id, text, norm), text, mode))
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


#: Up to this many candidates, overlaps are resolved by comparing each with every kept one.
_FEW = 16


def _disjoint_few(ranked: list[_Candidate]) -> list[_Candidate]:
    """The candidates (best first) that overlap no better one, in text order."""
    taken: list[_Candidate] = []
    for candidate in ranked:
        start, end = candidate[2], candidate[3]
        for other in taken:
            if other[2] < end and start < other[3]:
                break
        else:
            taken.append(candidate)
    taken.sort(key=_START)
    return taken


def _disjoint(ranked: list[_Candidate]) -> list[_Candidate]:
    """:func:`_disjoint_few` for many candidates (a long text): kept spans stay sorted, so
    each candidate is compared with its two neighbours only."""
    starts: list[int] = []
    ends: list[int] = []
    taken: list[_Candidate] = []
    for candidate in ranked:
        start, end = candidate[2], candidate[3]
        i = bisect.bisect_right(starts, start)
        if (i and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        taken.append(candidate)
    taken.sort(key=_START)
    return taken


#: What the automaton gives back for a key; see :func:`_key_value`.
_KeyValue = tuple[int, tuple[_Entry, ...], bool, dict[str, str] | None, int, bool, tuple[str, ...]]


#: Per (endings, exact ending): the whole-word kinds and the joints, shared by keys.
_SharedTables = dict[tuple[frozenset[str], str | None], tuple[dict[str, str], tuple[str, ...]]]


def _key_value(key: str, entries: list[_Entry], kinds: _SharedTables) -> _KeyValue:
    """What the automaton gives back for a key: (length, entries, inner, simple, concept,
    capital, joints).

    ``inner``: whether the key may stand as the tail of a closed compound
    (Jugend|kulturmuseum). For a key of one entry without a tail or a verbatim spelling,
    ``simple`` maps each ending to the kind of hit a whole word with it is, ``concept``
    and ``capital`` are the entry's, and ``joints`` are the endings that may join the key
    to the rest of a closed compound, longest first (none if the key is too short to
    head one); otherwise ``simple`` is None and the scan decides with
    :func:`_first_placed`. Keys with the same endings share one ``simple`` table, kept
    in ``kinds``, with the joints.
    """
    inner = " " not in key and len(key) >= MIN_COMPOUND_TERM
    if len(entries) == 1:
        concept, endings, tail, exact, capital, verbatim = entries[0]
        if not tail and verbatim is None:
            shared = kinds.get((endings, exact))
            if shared is None:
                shared = kinds[endings, exact] = (
                    {e: EXACT if e == exact else INFLECTED for e in endings},
                    tuple(sorted(endings, key=len, reverse=True)),
                )
            simple, joints = shared
            if len(key) < MIN_COMPOUND_TERM:
                joints = ()
            return (len(key), tuple(entries), inner, simple, concept, capital, joints)
    return (len(key), tuple(entries), inner, None, -1, False, ())


def _compound_head(
    joints: tuple[str, ...], rest: str, start: int, stem_end: int, concept: int
) -> _Candidate | None:
    """What :func:`_place` decides for a one-spelling stem heading a closed compound
    (Landrats|amt): the longest ending that leaves a word of three letters or more."""
    room = len(rest) - MIN_COMPOUND_REST
    for joint in joints:
        if len(joint) <= room and rest.startswith(joint):
            end = stem_end + len(joint)
            return (start - end, 1, start, end, COMPOUND, concept)
    return None


def _first_placed(  # noqa: PLR0917 - the scan's state, passed on as it is
    text: str,
    norm: str,
    start: int,
    stem_end: int,
    rest_end: int,
    rest: str,
    entries: tuple[_Entry, ...],
) -> _Candidate | None:
    """The hit of the first entry that places a stem starting a word (see :func:`_place`)."""
    first_upper = text[start].isupper()
    for entry in entries:
        if entry[4] and not first_upper:
            continue  # a capitalised term in small letters
        hit = _place(text, norm, start, stem_end, rest_end, rest, False, entry)
        if hit is not None:
            return hit
    return None


def _compound_tail(  # noqa: PLR0917 - the scan's state, passed on as it is
    text: str,
    norm: str,
    start: int,
    stem_end: int,
    rest_end: int,
    rest: str,
    entries: tuple[_Entry, ...],
) -> _Candidate | None:
    """The first entry that makes a stem inside a word the tail of a closed compound.

    What :func:`_place` decides for such a stem, once the caller has checked the key (no
    space, long enough), the letters before it and the ending's length: an entry without
    a tail whose endings hold ``rest`` (and, if case-sensitive, whose spelling matches).
    """
    for entry in entries:
        if entry[2] or rest not in entry[1]:
            continue  # a tail, or not an ending of this stem
        if entry[5] is None:
            return (start - rest_end, 1, start, rest_end, COMPOUND, entry[0])
        hit = _place(text, norm, start, stem_end, rest_end, rest, True, entry)
        if hit is not None:
            return hit
    return None


def _place(  # noqa: PLR0911, PLR0912, PLR0917 - one decision per boundary case
    text: str,
    norm: str,
    start: int,
    stem_end: int,
    rest_end: int,
    rest: str,
    left_word: bool,
    entry: _Entry,
) -> _Candidate | None:
    """What one entry's stem at ``text[start:stem_end]`` is: (start, end, rank, kind, concept).

    ``rest`` is the rest of the word after the stem (lower case), ending at ``rest_end``.
    """
    concept, endings, tail, exact, _capital, verbatim = entry
    if verbatim is not None and _spaces(text[start:stem_end]) != verbatim:
        return None
    if rest in endings:
        end = rest_end
        n = len(text)
        if tail:
            if not norm.startswith(tail, end):
                return None
            end += len(tail)
            if end < n and text[end].isalnum():
                return None
        if left_word:
            # tail of a closed compound (Jugend|kulturmuseum)
            if tail or " " in norm[start:stem_end] or stem_end - start < MIN_COMPOUND_TERM:
                return None
            word_start = start
            while word_start > 0 and text[word_start - 1].isalnum():
                word_start -= 1
            if start - word_start < MIN_COMPOUND_REST:
                return None
            return (start - end, 1, start, end, COMPOUND, concept)
        if (start > 1 and text[start - 1] in _HYPHENS and text[start - 2].isalnum()) or (
            end + 1 < n and text[end] in _HYPHENS and text[end + 1].isalnum()
        ):
            return (start - end, 1, start, end, COMPOUND, concept)
        return (start - end, 0, start, end, EXACT if exact == rest else INFLECTED, concept)
    # head of a closed compound (Landrats|amt): an ending, then at least a short word
    if tail or left_word or stem_end - start < MIN_COMPOUND_TERM or len(rest) < MIN_COMPOUND_REST:
        return None
    joint = None  # the longest ending that leaves a word after it (the first if tied)
    longest = -1
    room = len(rest) - MIN_COMPOUND_REST
    for e in endings:
        if longest < len(e) <= room and rest.startswith(e):
            joint, longest = e, len(e)
    if joint is None:
        return None
    end = stem_end + len(joint)
    return (start - end, 1, start, end, COMPOUND, concept)


def _normalize_target(text: str) -> str:
    """Lower case, separators as spaces, curly apostrophes straight; same length as ``text``."""
    low = normalize(text)
    if not low.isascii() and ("\u2019" in low or "\u2018" in low):
        low = low.replace("\u2019", "'").replace("\u2018", "'")
    return low


class _TargetIndex:
    """Every target term's English stem and endings, found by substring search.

    The stem is the part all forms share ("county executive", "sister cit"); after a
    stem is found, the letters and apostrophe that follow must be one of its endings.
    Checks look for the few targets of the concepts a source holds, so a C-speed
    ``str.find`` per target beats scanning every target text for every term.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        self.ids: dict[str, int] = {}
        self._stems: list[tuple[str, frozenset[str]]] = []
        self._profiles: dict[str, _CaseProfile] = {}
        for term in terms:
            if term in self.ids or not term.strip():
                continue
            self.ids[term] = len(self._stems)
            spelled = " ".join(term.split())
            stem, endings = english_term_stem(spelled)
            self._stems.append((_normalize_target(stem), endings))
            self._profiles[term] = _case_profile(spelled, len(stem))

    def probe(
        self, term_id: int, term: str, mode: bool | None
    ) -> tuple[str, frozenset[str], bool | None, tuple[int, ...], Sequence[int]]:
        """What :meth:`GlossaryMatcher.satisfied` needs to look for one term: stem, endings,
        case mode and the case profile (capitals, small letters)."""
        key, endings = self._stems[term_id]
        uppers, lowers = self.case_profile(term)
        return key, endings, mode, uppers, lowers

    def case_profile(self, term: str) -> _CaseProfile:
        """Offsets of the capitals and of the small letters in the term's stem.

        Normalising keeps lengths, so offset ``i`` of the stem is ``start + i`` in the text.
        """
        profile = self._profiles.get(term)
        if profile is None:
            spelled = " ".join(term.split())
            profile = self._profiles[term] = _case_profile(
                spelled, len(english_term_stem(spelled)[0])
            )
        return profile

    def spans(self, term_id: int, text: str, norm: str) -> list[tuple[int, int]]:
        """Where the term stands in ``text`` (``norm`` is its normalised form), at word
        boundaries, with the ending it takes there."""
        key, endings = self._stems[term_id]
        start = norm.find(key)
        if start < 0:
            return []
        n = len(text)
        found: list[tuple[int, int]] = []
        while start >= 0:
            stem_end = start + len(key)
            if start > 0 and (
                text[start - 1].isalnum()
                or (text[start - 1] in _HYPHENS and start > 1 and text[start - 2].isalnum())
            ):
                start = norm.find(key, start + 1)
                continue
            m = _EN_REST.match(norm, stem_end)
            end = m.end() if m else stem_end
            rest = norm[stem_end:end]
            ok = rest in endings
            if not ok and rest.endswith("'") and rest[:-1] in endings:  # a closing quote
                end -= 1
                ok = True
            if ok and not (
                end < n
                and (
                    text[end].isalnum()
                    or (text[end] in _HYPHENS and end + 1 < n and text[end + 1].isalnum())
                )
            ):
                found.append((start, end))
            start = norm.find(key, start + 1)
        return found


#: Offsets of a term stem's capitals, and of its small letters (see :func:`_case_profile`).
_CaseProfile = tuple[tuple[int, ...], Sequence[int]]


def _case_profile(spelled: str, stem_length: int) -> _CaseProfile:
    stem = spelled[:stem_length]
    if stem.islower():
        # most English terms: no capitals, every cased letter small. Every offset will do
        # for the small letters: where the stem has no letter, the text matched it with
        # the same separator, digit or apostrophe, which is never a capital.
        return (), range(stem_length)
    return (
        tuple(i for i, c in enumerate(stem) if c.isupper()),
        tuple(i for i, c in enumerate(stem) if c.islower()),
    )


def _case_ok(profile: _CaseProfile, text: str, start: int, strict: bool | None) -> bool:
    """Capitals of the term are capitals in the text; if ``strict``, small letters are small
    too, except a first letter at a sentence start."""
    uppers, lowers = profile
    for i in uppers:
        if not text[start + i].isupper():
            return False
    if strict:
        for i in lowers:
            if text[start + i].isupper() and not (i == 0 and _sentence_start(text, start)):
                return False
    return True


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(_OPENERS)
    return not before or before[-1] in _SENTENCE_END
