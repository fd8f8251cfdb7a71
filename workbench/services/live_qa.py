"""Glossary terms and QA findings for the segment on screen, while the translator types.

The glossary and the QA checks load once, off the UI thread; until then (or with a broken
glossary file) editing and saving go on without them, and :attr:`Support.problems` says
why. Their results are reduced to small views a person reads (:class:`TermHit`,
:class:`FindingView`) and cached per segment, since the screen asks again on every
keystroke.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from workbench.domain.checks.base import CheckContext, Finding, Severity
from workbench.domain.checks.spelling import Misspelling, misspellings
from workbench.domain.glossary import Glossary, GlossaryMatcher, SourceHit, TermStatus
from workbench.domain.units import Unit
from workbench.errors import UserError
from workbench.services import checking


class Rendering(NamedTuple):
    """One way the glossary allows to translate a term, and the row's status."""

    text: str
    status: TermStatus


@dataclass(frozen=True)
class TermHit:
    """A glossary term found in a source: where, and what the glossary says about it.

    ``renderings`` are the usable targets with their own statuses (preferred rows first,
    then admitted; a do-not-translate term's source first); ``forbidden`` the renderings
    that must not be used; ``note`` the notes of the usable rows only.
    """

    start: int
    end: int
    text: str
    source_term: str
    renderings: tuple[Rendering, ...]
    forbidden: tuple[str, ...]
    note: str
    dnt: bool

    @property
    def targets(self) -> tuple[str, ...]:
        """The usable target texts, preferred first."""
        return tuple(r.text for r in self.renderings)


@dataclass(frozen=True)
class FindingView:
    """A QA finding on one unit, reduced to what a person reads."""

    check: str
    severity: Severity
    message: str
    term: str = ""


@dataclass
class Support:
    """Glossary matching and QA checks, loaded once (in a worker: it takes a moment).

    A broken glossary file does not stop editing: the checks run without it, and
    ``problems`` says why terms are missing.
    """

    qa_context: CheckContext
    problems: list[str]

    @property
    def matcher(self) -> GlossaryMatcher | None:
        return self.qa_context.matcher

    @property
    def glossary(self) -> Glossary | None:
        return self.matcher.glossary if self.matcher is not None else None

    @classmethod
    def load(
        cls, glossary_paths: Sequence[Path], spelling: checking.SpellingSetup | None = None
    ) -> Support:
        """Load the glossary and the spelling dictionary; what cannot be loaded is said in
        ``problems`` and the rest works without it."""
        problems: list[str] = []
        try:
            context = checking.build_context(list(glossary_paths))
        except UserError as exc:
            context = checking.build_context([])
            problems.append(f"glossary not loaded: {exc}")
        try:
            setup = spelling if spelling is not None else checking.SpellingSetup.of_project()
            with_spelling = checking.build_context([], spelling=setup)
            context.speller, context.words = with_spelling.speller, with_spelling.words
        except UserError as exc:
            problems.append(f"spelling not checked: {exc}")
        context.live = True
        return cls(context, problems)


_USABLE_ORDER = (TermStatus.DNT, TermStatus.PREFERRED, TermStatus.ADMITTED)


def _term_hit(hit: SourceHit) -> TermHit:
    concept = hit.concept
    renderings: list[Rendering] = []
    notes: list[str] = []
    for status in _USABLE_ORDER:
        for term in concept.terms:
            if term.status is not status:
                continue
            text = concept.source if status is TermStatus.DNT else term.target
            if all(r.text != text for r in renderings):
                renderings.append(Rendering(text, status))
            if term.note and term.note not in notes:
                notes.append(term.note)
    return TermHit(
        start=int(hit.start),
        end=int(hit.end),
        text=str(hit.text),
        source_term=str(concept.source),
        renderings=tuple(renderings),
        forbidden=tuple(concept.forbidden_targets),
        note="; ".join(notes),
        dnt=bool(concept.is_dnt),
    )


def finding_view(finding: Finding) -> FindingView:
    """A finding as the editor shows it."""
    return FindingView(
        check=finding.check,
        severity=finding.severity,
        message=finding.message,
        term=finding.term or "",
    )


class _CachedFindings(NamedTuple):
    """A unit's findings and the target forms they were computed for."""

    forms: tuple[str, ...]
    findings: list[FindingView]


class _CachedMisspellings(NamedTuple):
    """A unit's misspelt words and the target they were found in."""

    target: str
    misspellings: list[Misspelling]


class LiveQa:
    """Glossary hits and QA findings per unit index, cached; empty until :meth:`load`.

    Indices are the session's: when its units are replaced, :meth:`forget` drops the caches.
    """

    def __init__(
        self, glossary_paths: Sequence[Path], spelling: checking.SpellingSetup | None = None
    ) -> None:
        self.glossary_paths = [Path(p) for p in glossary_paths]
        self.spelling = spelling
        self.support: Support | None = None
        self._lock = threading.Lock()
        self._findings: dict[int, _CachedFindings] = {}
        self._hits: dict[int, list[TermHit]] = {}
        self._misspelt: dict[int, _CachedMisspellings] = {}

    def load(self) -> Support:
        """Load the glossary and QA checks once (slow-ish: call it off the UI thread)."""
        with self._lock:
            if self.support is None:
                self.support = Support.load(self.glossary_paths, self.spelling)
                self.forget()
            return self.support

    def reload(self, glossary_paths: Sequence[Path] | None = None) -> Support:
        """Load the glossary (``glossary_paths`` from now on, if given) and checks again:
        a term added to a file takes effect at once."""
        paths = self.glossary_paths if glossary_paths is None else glossary_paths
        support = Support.load([Path(p) for p in paths], self.spelling)
        with self._lock:
            if glossary_paths is not None:
                self.glossary_paths = [Path(p) for p in glossary_paths]
            self.support = support
            self.forget()
        return support

    def forget(self) -> None:
        """The units changed wholesale: computed hits and findings no longer apply."""
        self._findings = {}
        self._hits = {}
        self._misspelt = {}

    def term_hits(self, i: int, unit: Unit) -> list[TermHit]:
        """Glossary terms in ``unit``'s source (empty until :meth:`load`)."""
        support = self.support
        if support is None or support.matcher is None:
            return []
        cached = self._hits.get(i)
        if cached is None:
            cached = [_term_hit(h) for h in support.matcher.source_hits(unit.source)]
            self._hits[i] = cached
        return cached

    def findings(self, i: int, unit: Unit) -> list[FindingView]:
        """QA findings for ``unit`` as it stands now; cached per target text (every plural
        form of a plural entry)."""
        support = self.support
        if support is None:
            return []
        forms = unit.forms
        cached = self._findings.get(i)
        if cached is not None and cached.forms == forms:
            return cached.findings
        if not any(forms):
            result: list[FindingView] = []
        else:
            found = checking.check_unit(unit, support.qa_context)
            result = [finding_view(f) for f in found if not f.waived]
        self._findings[i] = _CachedFindings(forms, result)
        return result

    def misspellings(self, i: int, unit: Unit) -> list[Misspelling]:
        """The misspelt words of ``unit``'s target as it stands now (character spans, for the
        editor to underline); empty until :meth:`load` or without a dictionary. Cached per
        target text; fast enough for every keystroke (no suggestions are looked up)."""
        support = self.support
        if support is None or support.qa_context.speller is None or not unit.target:
            return []
        cached = self._misspelt.get(i)
        if cached is not None and cached.target == unit.target:
            return cached.misspellings
        context = support.qa_context
        speller = context.speller
        if speller is None:
            return []
        found = misspellings(unit.target, unit.source, speller, context.known_words())
        self._misspelt[i] = _CachedMisspellings(unit.target, found)
        return found

    def add_word(self, word: str) -> Path:
        """Add ``word`` to the project's word list (``[check] words``) and accept it at once,
        in the underlining and in QA; returns the list's path. :class:`UserError` outside a
        project or for text that is not one word."""
        path, _added = checking.add_project_words([word], self.spelling)
        support = self.support
        if support is not None:
            support.qa_context.add_words([word])
        with self._lock:
            self.forget()
        return path

    def spelling_suggestions(self, word: str) -> tuple[str, ...]:
        """The dictionary's suggestions for a misspelt word, best first (slow the first time
        for a word: ask off the UI thread)."""
        support = self.support
        speller = support.qa_context.speller if support is not None else None
        return speller.suggestions(word) if speller is not None else ()
