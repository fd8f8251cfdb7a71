"""Finding glossary terms in German sources and checking English targets against them.

Exact word-boundary matching (what Weblate does) misses "des Landrats", "Landrätin" and
"County Executives", and lets "county executive" pass. Here every concept's German surface
forms (declension, gender, umlaut, hyphen/space variation) are generated once, when the
matcher is built, into one Aho-Corasick automaton; a scan is one pass over the lower-cased
text followed by one decision per place that matched (:meth:`_Spelling.place`: word
boundaries, endings, capitalisation). A term inside a longer word (Landratsamt,
Städtepartnerschaft-Konferenz) is reported as a ``compound`` hit for information and is not
enforced.

English targets accept plural and possessive forms; letters the term capitalises must be
capitals in the text ("county executive" does not satisfy "County Executive"), and a
capital at a sentence start is always fine.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

import ahocorasick

from workbench.domain.collector import gc_paused
from workbench.domain.glossary.forms import (
    SEPARATOR_CHARS,
    StemPattern,
    english_term_stem,
    german_term_patterns,
    normalize,
)
from workbench.domain.glossary.model import Concept, Glossary
from workbench.domain.patterns import when_used


class HitKind(StrEnum):
    """What a source hit is. Only exact and inflected hits are enforced."""

    #: The term as written ("Landrat").
    EXACT = "exact"
    #: Another form of it ("des Landrats", "Landrätin").
    INFLECTED = "inflected"
    #: Inside a longer word ("Landratsamt", "Jugendkulturmuseum"): information only.
    COMPOUND = "compound"


#: The kinds as plain names (the scan decides one per match, tens of thousands).
_EXACT, _INFLECTED, _COMPOUND = HitKind.EXACT, HitKind.INFLECTED, HitKind.COMPOUND
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013")
#: A closed compound needs this many letters of the term and of the rest of the word.
MIN_COMPOUND_TERM = 4
MIN_COMPOUND_REST = 3
#: The longest ending a closed compound's tail may take (Jugendkultur|zentrum|s).
MAX_TAIL_ENDING = 5
_SEP_SPLIT = re.compile("[" + re.escape(SEPARATOR_CHARS) + "]+")
_SENTENCE_END = ".!?:…"
_OPENERS = " \t\n\"'“”„«»‚‘’(*_[#>"
_WORD_REST = re.compile(r"[^\W_]*")
_EN_REST = re.compile(r"[^\W_]*(?:'s?)?")


class SourceHit(NamedTuple):
    """A concept found in a source text at ``text[start:end]``.

    A named tuple: a project check makes one per term occurrence, tens of thousands.
    """

    concept: Concept
    start: int
    end: int
    text: str
    kind: HitKind

    @property
    def enforced(self) -> bool:
        """Whether checks should require the concept's target for this hit."""
        return self.kind is not _COMPOUND


class TargetHit(NamedTuple):
    """A target term found in a translation at ``text[start:end]``."""

    start: int
    end: int
    text: str


# -- source side ----------------------------------------------------------------------
#
# The matcher's own values (spellings, keys, target forms) are slots dataclasses, made
# once when the matcher is built and never changed after: the scan and the target checks
# read their fields at every match, and Python reads a slot faster than a named tuple's
# field. What the matcher hands out (SourceHit, TargetHit) stays a named tuple.


@dataclass(slots=True)
class _Spelling:
    """One way a concept's term is spelt, as the scan looks for it.

    The automaton finds the stem (its key, lower case); then one of ``endings`` must end
    the word, and ``tail`` follow verbatim (" des Stadtrats"). ``exact`` is the ending that
    spells the term as written (None: the stem is already another form). ``capital``: the
    term starts with a capital, so a small letter there is no hit; ``verbatim`` (case-
    sensitive terms): the stem as written, separators as single spaces. ``joints`` gives
    the pattern that finds the ending joining the stem to the rest of a closed compound it
    heads (Landrat|s|amt), compiled at its first use; None when the stem is too short or
    has a tail.
    """

    concept: Concept
    endings: frozenset[str]
    tail: str
    exact: str | None
    capital: bool
    verbatim: str | None
    joints: Callable[[], re.Pattern[str]] | None

    @classmethod
    def of(
        cls, concept: Concept, pattern: StemPattern, key: str, capital: bool, case_sensitive: bool
    ) -> _Spelling:
        tail = normalize(pattern.tail)
        heads = not tail and len(key) >= MIN_COMPOUND_TERM
        return cls(
            concept,
            pattern.endings,
            tail,
            pattern.exact_ending,
            capital,
            _spaces(pattern.key) if case_sensitive else None,
            _joint_pattern(pattern.endings) if heads else None,
        )

    def place(  # noqa: PLR0911, PLR0917 - one return per rule; the scan's position as it is
        self,
        text: str,
        norm: str,
        start: int,
        stem_end: int,
        rest_end: int,
        inside: bool,
    ) -> tuple[int, HitKind] | None:
        """Where the hit that this spelling's stem at ``text[start:stem_end]`` makes ends,
        and its kind (exact, inflected or compound); None if it makes none. ``norm`` is the
        text normalised; the word's letters after the stem end at ``rest_end``; ``inside``:
        a letter comes before the stem.

        The caller has checked what holds for every spelling of the key: a stem inside a
        word stands as the tail of a closed compound only if the key may (no space, long
        enough), at least three letters come before it and its ending is short.
        """
        if self.capital and not inside and not text[start].isupper():
            return None  # a capitalised term in small letters
        if self.verbatim is not None and _spaces(text[start:stem_end]) != self.verbatim:
            return None
        rest = norm[stem_end:rest_end]
        if rest not in self.endings:
            return None if inside else self._compound_head(norm, stem_end, rest_end)
        if inside:  # the tail of a closed compound (Jugend|kulturmuseum)
            return None if self.tail else (rest_end, _COMPOUND)
        end = rest_end if not self.tail else self._tail_end(text, norm, rest_end)
        if end is None:
            return None
        if _joined_before(text, start) or _joined_after(text, end):
            return end, _COMPOUND  # one part of a hyphenated compound (Landrats-Wahlkampf)
        return end, (_EXACT if rest == self.exact else _INFLECTED)

    def _compound_head(self, norm: str, stem_end: int, rest_end: int) -> tuple[int, HitKind] | None:
        """The hit of a stem that heads a closed compound (Landrat|s|amt): it ends with the
        ending that joins the stem to the rest of the word; None if no ending does."""
        if self.joints is None:
            return None
        joint = self.joints().match(norm, stem_end, rest_end)
        return None if joint is None else (joint.end(), _COMPOUND)

    def _tail_end(self, text: str, norm: str, head_end: int) -> int | None:
        """Where the words that must follow the head word unchanged (" des Stadtrats")
        end, if they follow it there and end a word."""
        if not norm.startswith(self.tail, head_end):
            return None
        end = head_end + len(self.tail)
        return None if text[end].isalnum() else end


@functools.cache
def _joint_pattern(endings: frozenset[str]) -> Callable[[], re.Pattern[str]]:
    """The endings that may join a stem to the rest of a closed compound it heads: the
    longest that leaves a word of three letters or more after it (Landrat|s|amt). One
    pattern per set of endings, compiled when a text first has a compound it may head."""
    longest_first = sorted(endings, key=len, reverse=True)
    alternatives = "|".join(re.escape(ending) for ending in longest_first)
    return when_used(f"(?:{alternatives})(?=[^\\W_]{{{MIN_COMPOUND_REST}}})")


@dataclass(slots=True)
class _Key:
    """What the automaton gives back for a stem: its length, its spellings (a concept's own
    spelling first), and whether it may stand as the tail of a closed compound."""

    length: int
    spellings: tuple[_Spelling, ...]
    inner: bool


# -- target side ----------------------------------------------------------------------


@dataclass(slots=True)
class _CaseProfile:
    """Offsets of a term stem's capitals and of its small letters.

    Normalising keeps lengths, so offset ``i`` of the stem is ``start + i`` in the text.
    """

    capitals: tuple[int, ...]
    small: Sequence[int]

    @classmethod
    def of(cls, stem: str) -> _CaseProfile:
        if stem.islower():
            # most English terms: no capitals, every cased letter small. Every offset will
            # do for the small letters: where the stem has no letter, the text matched it
            # with the same separator, digit or apostrophe, which is never a capital.
            return cls((), range(len(stem)))
        return cls(
            tuple(i for i, c in enumerate(stem) if c.isupper()),
            tuple(i for i, c in enumerate(stem) if c.islower()),
        )

    def holds(self, text: str, start: int, strict: bool | None) -> bool:
        """Capitals of the term are capitals in the text; if ``strict``, small letters are
        small too, except a first letter at a sentence start."""
        for i in self.capitals:
            if not text[start + i].isupper():
                return False
        if strict:
            for i in self.small:
                if text[start + i].isupper() and not (i == 0 and _sentence_start(text, start)):
                    return False
        return True


@dataclass(slots=True)
class _TargetForm:
    """An English term as it is looked for: the stem all its forms share, lower case
    ("county executive", "sister cit"), the endings that may follow it (plural,
    possessive) and the case of the stem's letters."""

    stem: str
    endings: frozenset[str]
    case: _CaseProfile

    @classmethod
    def of(cls, term: str) -> _TargetForm:
        spelled = " ".join(term.split())
        stem, endings = english_term_stem(spelled)
        return cls(_normalize_target(stem), endings, _CaseProfile.of(spelled[: len(stem)]))

    def next_span(
        self, text: str, norm: str, case_sensitive: bool | None, after: int = 0
    ) -> tuple[int, int] | None:
        """Where the term first stands in ``text`` from ``after`` on (``norm`` is the text
        normalised), as (start, end): at word boundaries, with the ending it takes there,
        its letters' case passing ``case_sensitive`` (see :meth:`GlossaryMatcher.find_target`);
        None if nowhere.

        A C-speed ``str.find`` per term: checks look for the few targets of the concepts
        a source holds, so this beats scanning every target for every term.
        """
        stem = self.stem
        n = len(text)
        start = norm.find(stem, after)
        while start >= 0:
            if not _joined_before(text, start):
                stem_end = start + len(stem)
                end = _EN_REST.match(norm, stem_end).end()  # type: ignore[union-attr]
                rest = norm[stem_end:end]
                if rest not in self.endings and rest.endswith("'") and rest[:-1] in self.endings:
                    rest, end = rest[:-1], end - 1  # a closing quote, not a possessive
                if (
                    rest in self.endings
                    and not (end < n and _joined_after(text, end))
                    and (case_sensitive is False or self.case.holds(text, start, case_sensitive))
                ):
                    return start, end
            start = norm.find(stem, start + 1)
        return None

    def spans(self, text: str, norm: str, case_sensitive: bool | None) -> list[tuple[int, int]]:
        """Every place the term stands in ``text``, in text order (see :meth:`next_span`)."""
        found: list[tuple[int, int]] = []
        span = self.next_span(text, norm, case_sensitive)
        while span is not None:
            found.append(span)
            start, _end = span
            span = self.next_span(text, norm, case_sensitive, after=start + 1)
        return found


@dataclass(slots=True)
class _Wanted:
    """A target term of a concept as it is looked for, and how its case is checked (see
    :meth:`GlossaryMatcher.find_target`)."""

    form: _TargetForm
    case_sensitive: bool | None


@dataclass(slots=True)
class _Targets:
    """A concept's usable targets (preferred, admitted; for dnt the source) and forbidden
    ones, each with its case rule."""

    concept: Concept
    usable: tuple[_Wanted, ...]
    forbidden: tuple[_Wanted, ...]

    @classmethod
    def of(cls, concept: Concept, forms: Mapping[str, _TargetForm]) -> _Targets:
        """The concept's targets, their forms taken from ``forms`` where it has them."""

        def form(term: str) -> _TargetForm:
            found = forms.get(term)
            return _TargetForm.of(term) if found is None else found

        usable = tuple(
            _Wanted(form(t), _usable_case(concept, t))
            for t in concept.preferred_targets
            if t.strip()
        )
        forbidden = tuple(
            _Wanted(form(t), concept.target_case_sensitive(t))
            for t in concept.forbidden_targets
            if t.strip()
        )
        return cls(concept, usable, forbidden)


def _usable_case(concept: Concept, target: str) -> bool | None:
    """A dnt term's source is kept exactly; a case-sensitive row too; else capitals count."""
    if concept.is_dnt and target == concept.source:
        return True
    return True if concept.target_case_sensitive(target) else None


# -- the matcher ----------------------------------------------------------------------


class GlossaryMatcher:
    """Matches one glossary against many texts; build once, scan often."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        with gc_paused():  # tens of thousands of small acyclic values, built in one go
            self._build(glossary)

    def _build(self, glossary: Glossary) -> None:
        """The automaton of every surface form and the target forms of every concept."""
        self._automaton = ahocorasick.Automaton()
        spellings: dict[str, list[_Spelling]] = {}
        for concept in glossary.concepts:
            for base in (concept.source, *concept.variants):
                capital = base[:1].isupper()
                for pattern in german_term_patterns(base, inflect=not concept.is_dnt):
                    key = normalize(pattern.key)
                    spelling = _Spelling.of(concept, pattern, key, capital, concept.case_sensitive)
                    same = spellings.setdefault(key, [])
                    if spelling not in same:
                        same.append(spelling)
        for key, same in spellings.items():
            same.sort(key=lambda s: s.exact is None)  # a concept's own spelling first
            inner = " " not in key and len(key) >= MIN_COMPOUND_TERM
            self._automaton.add_word(key, _Key(len(key), tuple(same), inner))
        self._empty = not spellings
        if spellings:
            self._automaton.make_automaton()
        self._forms = {
            term: _TargetForm.of(term)
            for c in glossary.concepts
            for term in (*c.preferred_targets, *c.forbidden_targets)
            if term.strip()
        }
        self._index = {id(c): i for i, c in enumerate(glossary.concepts)}
        self._targets = {id(c): _Targets.of(c, self._forms) for c in glossary.concepts}
        self._norm_cache: tuple[str, str] = ("", "")

    # -- source side -----------------------------------------------------------------

    def source_hits(self, text: str) -> list[SourceHit]:
        """Concepts in ``text``: non-overlapping, longest match first, in text order.

        Each stem the automaton finds is placed by the first of its spellings that places
        it (:meth:`_Spelling.place`); what holds for all of them is checked first here.
        Where the hits found overlap, the longest wins, then the enforced kind, then the
        earlier (:meth:`_rank`); each is kept if it overlaps none kept before it.
        """
        if self._empty or not text:
            return []
        framed = f"\n{text}\n"  # so that no look-around leaves the string
        norm = normalize(framed)
        found: list[SourceHit] = []  # in the order of their stems' ends
        overlapping = False  # whether a hit overlaps the one found before it
        previous_end = 0  # where that one ends in ``framed``
        for last, key in self._automaton.iter(norm):
            start = last - key.length + 1
            stem_end = last + 1
            inside = framed[start - 1].isalnum()  # in a longer word: only a compound's tail
            if inside and not (key.inner and framed[start - MIN_COMPOUND_REST : start].isalnum()):
                continue
            rest_end = stem_end
            if norm[stem_end].isalnum():
                rest_end = _WORD_REST.match(framed, stem_end).end()  # type: ignore[union-attr]
                if inside and rest_end - stem_end > MAX_TAIL_ENDING:
                    continue
            for spelling in key.spellings:
                placed = spelling.place(framed, norm, start, stem_end, rest_end, inside)
                if placed is not None:
                    end, kind = placed  # positions in the text are one less than framed
                    found.append(
                        SourceHit(spelling.concept, start - 1, end - 1, framed[start:end], kind)
                    )
                    if start < previous_end:
                        overlapping = True
                    previous_end = end
                    break
        return _disjoint(sorted(found, key=self._rank)) if overlapping else found

    def source_hits_many(self, texts: Iterable[str]) -> list[list[SourceHit]]:
        """:meth:`source_hits` of each text."""
        return [self.source_hits(text) for text in texts]

    def _rank(self, hit: SourceHit) -> tuple[int, bool, int, int, HitKind, int]:
        """The order of preference between overlapping candidates, best first; the kind and
        the concept's place in the glossary only make ties stable."""
        length = hit.end - hit.start
        compound = hit.kind is _COMPOUND
        return -length, compound, hit.start, hit.end, hit.kind, self._index[id(hit.concept)]

    def concepts_in(self, text: str) -> list[Concept]:
        """Concepts an accurate translation of ``text`` must follow (compounds excluded)."""
        seen: dict[int, Concept] = {}
        for hit in self.source_hits(text):
            if hit.enforced:
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
        if not text or not target_term.strip():
            return []
        form = self._forms.get(target_term) or _TargetForm.of(target_term)
        return self._hits(_Wanted(form, case_sensitive), text)

    def satisfied(self, concept: Concept, target_text: str) -> bool:
        """Whether any preferred or admitted target (for dnt: the source) is in the text."""
        if not target_text:
            return False
        norm = self._normalized(target_text)
        for wanted in self._targets_of(concept).usable:
            if wanted.form.next_span(target_text, norm, wanted.case_sensitive) is not None:
                return True
        return False

    def forbidden_hits(self, concept: Concept, text: str) -> list[TargetHit]:
        """Forbidden renderings of ``concept`` in ``text`` (any capitalisation).

        A forbidden term inside an accepted one ("city partnership" inside "sister city
        partnership") is not reported.
        """
        if not text or not concept.forbidden_targets:  # most concepts forbid nothing
            return []
        targets = self._targets_of(concept)
        hits = [h for wanted in targets.forbidden for h in self._hits(wanted, text)]
        if not hits:
            return []
        allowed = [a for wanted in targets.usable for a in self._hits(wanted, text)]
        kept = {
            (h.start, h.end): h
            for h in hits
            if not any(
                a.start <= h.start and h.end <= a.end and (a.end - a.start) > (h.end - h.start)
                for a in allowed
            )
        }
        return sorted(kept.values(), key=lambda h: (h.start, h.end))

    def _hits(self, wanted: _Wanted, text: str) -> list[TargetHit]:
        spans = wanted.form.spans(text, self._normalized(text), wanted.case_sensitive)
        return [TargetHit(start, end, text[start:end]) for start, end in spans]

    def _targets_of(self, concept: Concept) -> _Targets:
        """The concept's targets with their case rules (worked out now for a concept of
        another glossary)."""
        targets = self._targets.get(id(concept))
        if targets is None or targets.concept is not concept:
            return _Targets.of(concept, self._forms)
        return targets

    def _normalized(self, text: str) -> str:
        """The target text normalised (the last one is kept: checks ask several times)."""
        cached = self._norm_cache
        if cached[0] == text:
            return cached[1]
        norm = _normalize_target(text)
        self._norm_cache = (text, norm)
        return norm


# -- helpers ---------------------------------------------------------------------------


def _spaces(text: str) -> str:
    """``text`` with every separator run as one space (case kept)."""
    return " ".join(_SEP_SPLIT.split(text.strip()))


def _disjoint(ranked: list[SourceHit]) -> list[SourceHit]:
    """The candidates (best first) that overlap no better one, in text order. Kept spans
    stay sorted, so each candidate is compared with its two neighbours only."""
    starts: list[int] = []
    ends: list[int] = []
    taken: list[SourceHit] = []
    for candidate in ranked:
        start, end = candidate.start, candidate.end
        i = bisect.bisect_right(starts, start)
        if (i and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        taken.insert(i, candidate)
    return taken


def _normalize_target(text: str) -> str:
    """Lower case, separators as spaces, curly apostrophes straight; same length as ``text``."""
    low = normalize(text)
    if not low.isascii() and ("\u2019" in low or "\u2018" in low):
        low = low.replace("\u2019", "'").replace("\u2018", "'")
    return low


def _joined_before(text: str, start: int) -> bool:
    """A letter or digit (or one and a hyphen) comes right before ``start``: the term is
    part of a longer word there."""
    if start == 0:
        return False
    before = text[start - 1]
    return before.isalnum() or (before in _HYPHENS and start > 1 and text[start - 2].isalnum())


def _joined_after(text: str, end: int) -> bool:
    """What starts at ``end`` (inside the text) continues the word: a letter or digit, or a
    hyphen and one."""
    after = text[end]
    return after.isalnum() or (
        after in _HYPHENS and end + 1 < len(text) and text[end + 1].isalnum()
    )


def word_around(text: str, start: int, end: int) -> str:
    """The whole word that ``text[start:end]`` is part of, hyphenated parts included
    ("Landratsamt" around "Landrat", "Debian-System" around "Debian")."""
    while _joined_before(text, start):
        start -= 1 if text[start - 1].isalnum() else 2
    while end < len(text) and _joined_after(text, end):
        end += 1 if text[end].isalnum() else 2
    return text[start:end]


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(_OPENERS)
    return not before or before[-1] in _SENTENCE_END
