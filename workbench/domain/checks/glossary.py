"""Glossary checks: preferred terms used, forbidden renderings avoided, dnt terms kept.

The matcher comes through the :class:`CheckContext`; these checks never load a glossary
(unlike Weblate's glossary check, which queries the database from inside the check). Source
hits are inflection-aware ("des Landrats", "Landrätin"); hits inside a compound
("Landratsamt") are reported by ``glossary-compound`` for information only.
"""

from __future__ import annotations

from collections.abc import Iterable

from workbench.domain.checks.base import Check, CheckContext, Issue, Severity
from workbench.domain.glossary.matching import SourceHit


def _by_concept(hits: Iterable[SourceHit]) -> list[SourceHit]:
    """The first hit of each concept, in text order."""
    seen: dict[int, SourceHit] = {}
    for hit in hits:
        seen.setdefault(id(hit.concept), hit)
    return list(seen.values())


def _renderings(targets: tuple[str, ...]) -> str:
    return " or ".join(f"“{t}”" for t in targets[:3]) + (" (…)" if len(targets) > 3 else "")


class GlossaryTerm(Check):
    """Does not follow glossary

    The German source uses a glossary term (as written or inflected: "Landrat",
    "des Landrats", "Landrätin") and the translation uses none of its preferred or
    admitted English renderings (plurals and possessives count; capitals in the term
    must be capitals).
    """

    id = "glossary"
    severity = Severity.ERROR
    weblate = ("glossary",)

    def problems(self, source: str, target: str, context: CheckContext) -> Iterable[Issue]:
        matcher = context.matcher
        if matcher is None:
            return
        for hit in _by_concept(
            h for h in context.source_hits(source) if h.enforced and not h.concept.is_dnt
        ):
            concept = hit.concept
            if concept.preferred_targets and not matcher.satisfied(concept, target):
                preferred = concept.preferred_term
                note = f" ({preferred.note})" if preferred is not None and preferred.note else ""
                yield Issue(
                    f"“{hit.text}” should be translated as "
                    f"{_renderings(concept.preferred_targets)}{note}",
                    term=concept.source,
                )


class ForbiddenTerm(Check):
    """Uses a forbidden translation

    The source uses a glossary term and the translation uses a rendering the glossary
    forbids for it (any capitalisation), unless it is part of an accepted rendering.
    """

    id = "forbidden"
    severity = Severity.ERROR
    weblate = ("forbidden",)

    def problems(self, source: str, target: str, context: CheckContext) -> Iterable[Issue]:
        matcher = context.matcher
        if matcher is None:
            return
        for hit in _by_concept(context.source_hits(source)):
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


class DoNotTranslate(Check):
    """Do-not-translate term changed

    The source uses a term the glossary marks do-not-translate (a name, a brand: "DeepSeek")
    and the translation does not carry it over verbatim.
    """

    id = "dnt"
    severity = Severity.ERROR
    pofilter = ("notranslatewords",)

    def problems(self, source: str, target: str, context: CheckContext) -> Iterable[Issue]:
        matcher = context.matcher
        if matcher is None:
            return
        for hit in _by_concept(
            h for h in context.source_hits(source) if h.enforced and h.concept.is_dnt
        ):
            if not matcher.satisfied(hit.concept, target):
                yield Issue(
                    f"“{hit.concept.source}” must be kept as it is (do not translate)",
                    term=hit.concept.source,
                )


class GlossaryCompound(Check):
    """Glossary term inside a compound

    A glossary term appears only inside a longer German word ("Landrat" in
    "Landratsamt") and its rendering is not in the translation. Compounds often need a
    different English phrase, so this is information, not enforced.
    """

    id = "glossary-compound"
    severity = Severity.INFO

    def problems(self, source: str, target: str, context: CheckContext) -> Iterable[Issue]:
        matcher = context.matcher
        if matcher is None:
            return
        hits = context.source_hits(source)
        enforced = {id(h.concept) for h in hits if h.enforced}
        for hit in _by_concept(h for h in hits if not h.enforced and id(h.concept) not in enforced):
            concept = hit.concept
            if concept.preferred_targets and not matcher.satisfied(concept, target):
                yield Issue(
                    f"“{hit.text}” contains the term “{concept.source}” "
                    f"({_renderings(concept.preferred_targets)}); check the compound's translation",
                    term=concept.source,
                )
