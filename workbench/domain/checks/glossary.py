"""Glossary checks: preferred terms used, forbidden renderings avoided, dnt terms kept.

The matcher comes through the :class:`CheckContext`; these checks never load a glossary
(unlike Weblate's glossary check, which queries the database from inside the check). Source
hits are inflection-aware ("des Landrats", "Landrätin"); hits inside a compound
("Landratsamt") are reported by ``glossary-compound`` for information only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

from workbench.domain.checks.base import (
    Check,
    CheckContext,
    Finding,
    Issue,
    LocatedUnit,
    Severity,
    TermGroups,
    apply_waivers,
)
from workbench.domain.glossary.matching import GlossaryMatcher, SourceHit
from workbench.domain.units import Unit


def _renderings(targets: tuple[str, ...]) -> str:
    return " or ".join(f"“{t}”" for t in targets[:3]) + (" (…)" if len(targets) > 3 else "")


class GlossaryCheck(Check, abstract=True):
    """A check of the source's glossary hits against the target.

    The hits are scanned and grouped once per source (:meth:`CheckContext.term_groups`);
    ``group`` names the group a check looks at, so a unit without such hits costs nothing.
    """

    group: ClassVar[str]

    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        matcher = context.matcher
        if matcher is None:
            return ()
        hits: tuple[SourceHit, ...] = getattr(context.term_groups(unit.source), self.group)
        if not hits:
            return ()
        return self.issues(hits, unit.target, matcher)

    def issues(
        self, hits: tuple[SourceHit, ...], target: str, matcher: GlossaryMatcher
    ) -> Iterator[Issue]:
        """The problems of the first hit of each concept in the group, in text order."""
        raise NotImplementedError


class GlossaryBatch:
    """Several glossary checks run one after the other on a unit, grouping its hits once."""

    def __init__(self, checks: Sequence[GlossaryCheck]) -> None:
        self.checks = tuple(checks)
        self._slots = tuple((TermGroups._fields.index(c.group), c) for c in self.checks)

    def check_unit(self, unit: Unit, context: CheckContext, file: str = "") -> list[Finding]:
        """The findings of every check in turn, as if each had been run on its own."""
        matcher = context.matcher
        target = unit.target
        if matcher is None or not target or target.isspace():
            return []
        groups = context.term_groups(unit.source)
        if groups.empty:
            return []
        return self._findings(unit, groups, matcher, file)

    def _findings(
        self, unit: Unit, groups: TermGroups, matcher: GlossaryMatcher, file: str = ""
    ) -> list[Finding]:
        """Each check's findings on a unit with a target, given its source's hit groups."""
        target = unit.target
        return [
            check.finding(unit, issue, file)
            for slot, check in self._slots
            if groups[slot]
            for issue in check.issues(groups[slot], target, matcher)  # type: ignore[arg-type]
        ]

    def check_located(self, units: Sequence[LocatedUnit], context: CheckContext) -> list[Finding]:
        """:meth:`check_unit` over many units, each finding made in its file and waivers
        applied: what a project check runs when these are its only per-unit checks.

        All sources are scanned in one pass (:meth:`GlossaryMatcher.source_hits_many`) and
        grouped as they come, without the per-source memo the editor uses: a project run
        looks at each unit once.
        """
        matcher = context.matcher
        if matcher is None:
            return []
        todo = [(f, u) for f, u in units if u.target and not u.target.isspace()]
        hits_of = matcher.source_hits_many([u.source for _f, u in todo])
        group = TermGroups.of
        findings: list[Finding] = []
        for (file, unit), hits in zip(todo, hits_of, strict=True):
            if not hits:
                continue
            groups = group(hits)
            if groups.empty:
                continue
            found = self._findings(unit, groups, matcher, file)
            if found:
                findings.extend(apply_waivers(unit, found) if unit.waivers else found)
        return findings


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
    group = "terms"

    def issues(
        self, hits: tuple[SourceHit, ...], target: str, matcher: GlossaryMatcher
    ) -> Iterator[Issue]:
        for hit in hits:
            concept = hit.concept
            if not matcher.satisfied(concept, target):
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
    group = "forbidden"

    def issues(
        self, hits: tuple[SourceHit, ...], target: str, matcher: GlossaryMatcher
    ) -> Iterator[Issue]:
        for hit in hits:
            concept = hit.concept
            for bad in matcher.forbidden_hits(concept, target):
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
    and the translation does not carry it over verbatim.
    """

    id = "dnt"
    severity = Severity.ERROR
    pofilter = ("notranslatewords",)
    group = "dnt"

    def issues(
        self, hits: tuple[SourceHit, ...], target: str, matcher: GlossaryMatcher
    ) -> Iterator[Issue]:
        for hit in hits:
            if not matcher.satisfied(hit.concept, target):
                yield Issue(
                    f"“{hit.concept.source}” must be kept as it is (do not translate)",
                    term=hit.concept.source,
                )


class GlossaryCompound(GlossaryCheck):
    """Glossary term inside a compound

    A glossary term appears only inside a longer German word ("Landrat" in
    "Landratsamt") and its rendering is not in the translation. Compounds often need a
    different English phrase, so this is information, not enforced.
    """

    id = "glossary-compound"
    severity = Severity.INFO
    group = "compounds"

    def issues(
        self, hits: tuple[SourceHit, ...], target: str, matcher: GlossaryMatcher
    ) -> Iterator[Issue]:
        for hit in hits:
            concept = hit.concept
            if not matcher.satisfied(concept, target):
                yield Issue(
                    f"“{hit.text}” contains the term “{concept.source}” "
                    f"({_renderings(concept.preferred_targets)}); check the compound's translation",
                    term=concept.source,
                )
