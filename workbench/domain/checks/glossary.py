"""Glossary checks: preferred terms used, forbidden renderings avoided, dnt terms kept.

The matcher comes through the :class:`CheckContext`; these checks never load a glossary
(unlike Weblate's glossary check, which queries the database from inside the check). Source
hits are inflection-aware ("des Landrats", "Landrätin"); hits inside a compound
("Landratsamt") are reported by ``glossary-compound`` for information only.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterable, Iterator

from workbench.domain.checks.base import Check, CheckContext, Issue, Severity, TermGroups
from workbench.domain.glossary.matching import GlossaryMatcher, word_around
from workbench.domain.units import Unit


def _renderings(targets: tuple[str, ...]) -> str:
    return " or ".join(f"“{t}”" for t in targets[:3]) + (" (…)" if len(targets) > 3 else "")


class GlossaryCheck(Check, abstract=True):
    """A check of the source's glossary hits against the target.

    The source's hits are scanned and grouped once (:meth:`CheckContext.term_groups`, or
    for a whole project :meth:`CheckContext.prefetch_terms`), so the glossary checks of a
    unit share one scan. A glossary check implements :meth:`issues` over those groups.
    """

    english_target = True

    @classmethod
    def _validate(cls) -> None:
        super()._validate()
        if cls.issues is GlossaryCheck.issues or cls.problems is not GlossaryCheck.problems:
            raise TypeError(f"{cls.__qualname__} must implement issues(groups, unit, matcher)")

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        matcher = context.matcher
        if matcher is None:
            return ()
        groups = context.term_groups(unit.source)
        if groups.empty:
            return ()
        return self.issues(groups, unit, matcher)

    @abstractmethod
    def issues(self, groups: TermGroups, unit: Unit, matcher: GlossaryMatcher) -> Iterator[Issue]:
        """The problems with ``unit.target`` of the hits in the source's ``groups`` this
        check looks at (the first hit of each concept, in text order)."""


class GlossaryTerm(GlossaryCheck):
    """Does not follow glossary

    The German source uses a glossary term (as written or inflected: "Landrat",
    "des Landrats", "Landrätin") and the translation uses none of its preferred or
    admitted English renderings (plurals and possessives count; capitals in the term
    must be capitals).
    """

    id = "glossary"
    severity = Severity.ERROR
    weblate = ("glossary",)

    def issues(self, groups: TermGroups, unit: Unit, matcher: GlossaryMatcher) -> Iterator[Issue]:
        for hit in groups.terms:
            concept = hit.concept
            if not matcher.satisfied(concept, unit.target):
                preferred = concept.preferred_term
                note = f" ({preferred.note})" if preferred is not None and preferred.note else ""
                yield Issue(
                    f"“{hit.text}” should be translated as "
                    f"{_renderings(concept.preferred_targets)}{note}",
                    term=concept.source,
                )


class ForbiddenTerm(GlossaryCheck):
    """Uses a forbidden translation

    The source uses a glossary term and the translation uses a rendering the glossary
    forbids for it (any capitalisation), unless it is part of an accepted rendering.
    """

    id = "forbidden"
    severity = Severity.ERROR
    weblate = ("forbidden",)

    def issues(self, groups: TermGroups, unit: Unit, matcher: GlossaryMatcher) -> Iterator[Issue]:
        for hit in groups.forbidden:
            concept = hit.concept
            for bad in matcher.forbidden_hits(concept, unit.target):
                use = (
                    f"; use {_renderings(concept.preferred_targets)}"
                    if concept.preferred_targets
                    else ""
                )
                yield Issue(
                    f"“{bad.text}” is a forbidden rendering of “{concept.source}”{use}",
                    term=concept.source,
                )


class DoNotTranslate(GlossaryCheck):
    """Do-not-translate term changed

    The source uses a term the glossary marks do-not-translate (a name, a brand: "DeepSeek")
    and the translation does not carry it over verbatim: neither as the glossary writes it
    nor as the source writes it (a catalogue that writes ``GNUPG`` or ``@GNUPG@`` where the
    glossary says ``GnuPG`` keeps its own spelling, which the program may expand).
    """

    id = "dnt"
    severity = Severity.ERROR
    pofilter = ("notranslatewords",)

    def issues(self, groups: TermGroups, unit: Unit, matcher: GlossaryMatcher) -> Iterator[Issue]:
        for hit in groups.dnt:
            if not matcher.satisfied(hit.concept, unit.target) and not _kept_as_written(
                hit.text, unit.target
            ):
                yield Issue(
                    f"“{hit.concept.source}” must be kept as it is (do not translate)",
                    term=hit.concept.source,
                )


def _kept_as_written(text: str, target: str) -> bool:
    """Whether ``text`` (a term as the source writes it) is in ``target`` as a word of its
    own, letter for letter."""
    start = target.find(text)
    while start >= 0:
        end = start + len(text)
        if not (start and target[start - 1].isalnum()) and not (
            end < len(target) and target[end].isalnum()
        ):
            return True
        start = target.find(text, start + 1)
    return False


class GlossaryCompound(GlossaryCheck):
    """Glossary term inside a compound

    A glossary term appears only inside a longer German word ("Landrat" in
    "Landratsamt") and its rendering is not in the translation. Compounds often need a
    different English phrase, so this is information, not enforced.
    """

    id = "glossary-compound"
    severity = Severity.INFO

    def issues(self, groups: TermGroups, unit: Unit, matcher: GlossaryMatcher) -> Iterator[Issue]:
        for hit in groups.compounds:
            concept = hit.concept
            if not matcher.satisfied(concept, unit.target):
                yield Issue(
                    f"“{word_around(unit.source, hit.start, hit.end)}” contains the term "
                    f"“{concept.source}” "
                    f"({_renderings(concept.preferred_targets)}); check the compound's translation",
                    term=concept.source,
                )
