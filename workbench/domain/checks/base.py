"""What a QA check is: an id, a severity, a docstring for people, and one small hook.

The public API (``check_unit``, titles, descriptions, waivers) is written once here, in the
manner of sacrebleu's metric base class; each check in the sibling modules fills in
``problems(source, target, context)`` and nothing else. Checks never read files or
databases: whatever they need beyond the unit (the glossary matcher, languages) comes in
through :class:`CheckContext`, so the TUI can run them on every keystroke and CI on a
whole project with the same code.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from workbench.domain.units import Unit

if TYPE_CHECKING:
    from workbench.domain.glossary.matching import GlossaryMatcher, SourceHit


class Severity(IntEnum):
    """How bad a finding is. Ordered, so ``--fail-on warning`` is a comparison."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        """The lower-case name users see and type."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read a severity as users type it; raise ``ValueError`` naming the choices."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in sorted(cls, reverse=True))
            raise ValueError(f"unknown severity {text!r}; choose one of: {choices}") from None


@dataclass(frozen=True)
class Issue:
    """One problem a check found in a source/target pair, before it is tied to a unit."""

    message: str
    term: str = ""


@dataclass(frozen=True)
class Finding:
    """One problem on one unit, with everything a report needs to point at it.

    ``file`` is a label set by whoever knows where the unit came from (empty in the TUI);
    ``waived`` findings were silenced by a person's waiver and do not fail a build.
    """

    check: str
    severity: Severity
    message: str
    unit_id: str
    source: str
    target: str
    line: int = 0
    term: str = ""
    file: str = ""
    waived: bool = False
    waiver_reason: str = ""

    def located(self, file: str) -> Finding:
        """The same finding, saying which file it is in."""
        # spelled out: dataclasses.replace costs 5x more, and CI locates every finding
        return Finding(
            self.check,
            self.severity,
            self.message,
            self.unit_id,
            self.source,
            self.target,
            self.line,
            self.term,
            file,
            self.waived,
            self.waiver_reason,
        )


@dataclass
class CheckContext:
    """What checks may consult beyond the unit: the glossary matcher and the languages.

    Glossary source hits are memoised per source text, so the glossary checks of one unit
    (and repeated sources across a project) scan the source once.
    """

    matcher: GlossaryMatcher | None = None
    source_language: str = "de"
    target_language: str = "en"
    _hits: dict[str, list[SourceHit]] = field(default_factory=dict, repr=False)
    _groups: dict[str, TermGroups] = field(default_factory=dict, repr=False)

    def source_hits(self, source: str) -> list[SourceHit]:
        """The glossary hits in a source text (empty without a glossary)."""
        if self.matcher is None:
            return []
        hits = self._hits.get(source)
        if hits is None:
            if len(self._hits) > 4096:
                self._hits.clear()
            hits = self._hits[source] = self.matcher.source_hits(source)
        return hits

    def term_groups(self, source: str) -> TermGroups:
        """The source's hits grouped the way the glossary checks use them (memoised)."""
        groups = self._groups.get(source)
        if groups is None:
            if len(self._groups) > 4096:
                self._groups.clear()
            groups = self._groups[source] = TermGroups.of(self.source_hits(source))
        return groups

    def prefetch_terms(self, sources: Iterable[str]) -> None:
        """Scan and group many sources in one go, before the checks look at them.

        A project check scans every source once anyway; scanning them all first, in one
        automaton pass (:meth:`GlossaryMatcher.source_hits_many`), keeps the automaton hot
        in the processor's caches and pays its start-up once (about 20% faster on 50,000
        entries than alternating with target checks). The groups stay memoised until the
        next miss.
        """
        matcher = self.matcher
        if matcher is None:
            return
        groups = self._groups
        missing = [s for s in dict.fromkeys(sources) if s not in groups]
        of = TermGroups.of
        for source, hits in zip(missing, matcher.source_hits_many(missing), strict=True):
            groups[source] = of(hits)


class TermGroups(NamedTuple):
    """One source's glossary hits as each glossary check needs them: the first hit of each
    concept, in text order, only for concepts the check can say something about.

    ``terms``: enforced hits of translatable concepts with preferred targets; ``forbidden``:
    hits of any kind whose concept forbids renderings; ``dnt``: enforced do-not-translate
    hits; ``compounds``: concepts seen only inside compounds, with preferred targets;
    ``empty``: none of these (the glossary checks have nothing to look at). A named tuple:
    one is built per source text, and CI checks tens of thousands.
    """

    terms: tuple[SourceHit, ...] = ()
    forbidden: tuple[SourceHit, ...] = ()
    dnt: tuple[SourceHit, ...] = ()
    compounds: tuple[SourceHit, ...] = ()
    empty: bool = False

    @classmethod
    def of(cls, hits: Sequence[SourceHit]) -> TermGroups:
        """Group hits (as :meth:`GlossaryMatcher.source_hits` returns them)."""
        if len(hits) < 2:
            return _one_hit_groups(hits[0]) if hits else _NO_GROUPS
        terms: list[SourceHit] = []
        forbidding: list[SourceHit] = []
        dnt: list[SourceHit] = []
        compounds: list[SourceHit] = []
        seen: set[int] = set()
        enforced: set[int] = set()
        in_compounds: set[int] = set()
        for hit in hits:
            concept = hit.concept
            key = id(concept)
            if key not in seen:
                seen.add(key)
                if concept.forbidden_targets:
                    forbidding.append(hit)
            if hit.kind != "compound":
                if key not in enforced:
                    enforced.add(key)
                    if concept.is_dnt:
                        dnt.append(hit)
                    elif concept.preferred_targets:
                        terms.append(hit)
            elif key not in in_compounds:
                in_compounds.add(key)
                if concept.preferred_targets:
                    compounds.append(hit)
        kept = tuple(h for h in compounds if id(h.concept) not in enforced)
        if not (terms or forbidding or dnt or kept):
            return _NO_GROUPS
        return cls(tuple(terms), tuple(forbidding), tuple(dnt), kept)


def _one_hit_groups(hit: SourceHit) -> TermGroups:
    """:meth:`TermGroups.of` for a single hit (most sources with a term have one)."""
    concept = hit.concept
    forbidden = (hit,) if concept.forbidden_targets else ()
    if hit.kind == "compound":
        if concept.preferred_targets:
            return TermGroups((), forbidden, (), (hit,))
    elif concept.is_dnt:
        return TermGroups((), forbidden, (hit,))
    elif concept.preferred_targets:
        return TermGroups((hit,), forbidden)
    return TermGroups((), forbidden) if forbidden else _NO_GROUPS


_NO_GROUPS = TermGroups(empty=True)


def _doc(cls: type) -> str:
    return inspect.cleandoc(cls.__doc__ or "")


class _Described:
    """Id, severity, equivalents and docstring-derived texts, shared by all checks."""

    id: ClassVar[str]
    severity: ClassVar[Severity]
    #: The Translate Toolkit pofilter tests (or tool) this check corresponds to.
    pofilter: ClassVar[tuple[str, ...]] = ()
    #: The Weblate check ids this check corresponds to.
    weblate: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def title(cls) -> str:
        """The first paragraph of the docstring, on one line: the check's name for people."""
        return " ".join(_doc(cls).split("\n\n", 1)[0].split())

    @classmethod
    def description(cls) -> str:
        """The whole docstring, paragraphs kept, each paragraph on one line."""
        return "\n\n".join(" ".join(p.split()) for p in _doc(cls).split("\n\n"))

    def finding(self, unit: Unit, issue: Issue, file: str = "") -> Finding:
        """Tie an issue to a unit, in ``file`` if known (waivers are the caller's)."""
        return Finding(
            self.id,
            self.severity,
            issue.message,
            unit.id,
            unit.source,
            unit.target,
            unit.line,
            issue.term,
            file,
        )


class Check(_Described):
    """A check of one unit on its own. Subclasses implement :meth:`problems`.

    Checks skip units with an empty target unless ``needs_target`` is false (only the
    untranslated check looks at those).
    """

    needs_target: ClassVar[bool] = True

    def check_unit(self, unit: Unit, context: CheckContext) -> list[Finding]:
        """All findings of this check on one unit, waivers not yet applied."""
        if self.needs_target and not unit.target.strip():
            return []
        return [
            self.finding(unit, issue) for issue in self.problems(unit.source, unit.target, context)
        ]

    def problems(self, source: str, target: str, context: CheckContext) -> Iterable[Issue]:
        """The problems in one source/target pair. The one hook a check implements."""
        raise NotImplementedError


#: A unit together with a label for the file it came from.
LocatedUnit = tuple[str, Unit]


class ProjectCheck(_Described):
    """A check that needs every unit of the project at once (consistency across files)."""

    def check_project(self, units: Sequence[LocatedUnit]) -> list[Finding]:
        """All findings over the given units, each located in its file."""
        raise NotImplementedError


def apply_waivers(unit: Unit, findings: Iterable[Finding]) -> list[Finding]:
    """Mark findings a person waived on this unit.

    A waiver names a check and, optionally, a term: a waiver with a term silences only
    the findings about that term. A waiver without a reason is not honoured.
    """
    result = []
    for f in findings:
        waiver = next(
            (
                w
                for w in unit.waivers
                if w.check == f.check and w.reason.strip() and (not w.term or w.term == f.term)
            ),
            None,
        )
        result.append(replace(f, waived=True, waiver_reason=waiver.reason) if waiver else f)
    return result
