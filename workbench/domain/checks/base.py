"""What a QA check is: an id, a severity, a docstring for people, and one small hook.

The public API (``check_unit``, ``check_project``, titles, descriptions) is written once here,
in the manner of sacrebleu's ``Metric`` base class; each check in the sibling modules fills
in one hook, ``problems``, as Weblate's checks fill in ``check_single``. The class attributes
a check declares are validated when the class is made (:meth:`BaseCheck.__init_subclass__`).
Checks never read files or databases: whatever they need beyond the unit (the glossary
matcher, the spelling dictionary) comes in through :class:`CheckContext`, so the TUI can run
them on every keystroke and CI on a whole project with the same code.
"""

from __future__ import annotations

import inspect
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from workbench.domain.states import NamedLevel
from workbench.domain.units import SETTLE_CONFLICT, Unit

if TYPE_CHECKING:
    from workbench.domain.checks.spelling import Speller
    from workbench.domain.glossary.matching import GlossaryMatcher, SourceHit


class Severity(NamedLevel):
    """How bad a finding is. Ordered, so ``--fail-on warning`` is a comparison."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @classmethod
    def noun(cls) -> str:
        return "severity"

    @classmethod
    def choices(cls) -> list[Severity]:
        """Most severe first."""
        return sorted(cls, reverse=True)


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem a check found in a source/target pair, before it is tied to a unit.

    ``term`` is the thing the problem is about, as written (a number, a word, a glossary
    term): waivers may name it. ``severity`` sets this problem's severity apart from the
    check's (a headline's missing full stop is information; a line break at one end only,
    which ``msgfmt -c`` refuses, an error); ``None`` keeps the check's.
    """

    message: str
    term: str = ""
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem on one unit, with everything a report needs to point at it.

    ``file`` is a label set by whoever knows where the unit came from (empty in the TUI);
    ``waived`` findings were silenced by a person's waiver and do not fail a build.
    ``form`` is the plural form the finding is about (0: the target, ``msgstr[0]``);
    ``source`` is always the entry's msgid, ``target`` the form's text.
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
    form: int = 0


#: The id under which ``check`` reports entries with an unresolved merge conflict.
CONFLICT_CHECK = "conflict"


def conflict_finding(unit: Unit, file: str = "") -> Finding:
    """An error finding for a unit a merge left in conflict (whatever its review state).

    A CI gate fails on it until a person picks one side (``workbench open``, ctrl+o) or
    writes and confirms a new translation.
    """
    texts = " / ".join(f"{c.side}: {c.target!r}" for c in unit.conflict if c.side != "base")
    return Finding(
        CONFLICT_CHECK,
        Severity.ERROR,
        f"unresolved merge conflict ({texts}); {SETTLE_CONFLICT}",
        unit.id,
        unit.source,
        unit.target,
        unit.line,
        file=file,
    )


@dataclass
class CheckContext:
    """What checks may consult beyond the unit: the glossary matcher, the spelling
    dictionary and the project's word list.

    Glossary source hits are memoised per source text, so the glossary checks of one unit
    (and repeated sources across a project) scan the source once.
    """

    matcher: GlossaryMatcher | None = None
    #: The spelling dictionary of the project's English variety (None: no spelling check).
    speller: Speller | None = None
    #: The project's word list: words the spelling check accepts as written.
    words: frozenset[str] = frozenset()
    #: Checking as the translator types: no slow look-ups (spelling suggestions).
    live: bool = False
    #: The project's strings are brace-formatted (``[check] braces``): ``{name}`` is a
    #: placeholder in every entry, not only in those flagged ``python-brace-format``.
    braces: bool = False
    _hits: dict[str, list[SourceHit]] = field(default_factory=dict, repr=False)
    _groups: dict[str, TermGroups] = field(default_factory=dict, repr=False)
    _known: frozenset[str] | None = field(default=None, repr=False)

    def known_words(self) -> frozenset[str]:
        """Folded words the spelling check accepts whatever the dictionary says: the word
        list, glossary targets and do-not-translate terms (worked out once)."""
        if self._known is None:
            from workbench.domain.checks.spelling import fold, words_of

            texts = list(self.words)
            if self.matcher is not None:
                for concept in self.matcher.glossary.concepts:
                    texts.extend(t.target for t in concept.terms if t.target)
                    if concept.is_dnt:
                        texts.append(concept.source)
            self._known = frozenset(fold(w) for text in texts for w in words_of(text))
        return self._known

    def add_words(self, words: Iterable[str]) -> None:
        """Accept ``words`` as written from now on (words just added to the project's list)."""
        self.words = self.words | frozenset(words)
        self._known = None

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

        A project check scans every source once anyway; scanning them all first
        (:meth:`GlossaryMatcher.source_hits_many`) keeps the automaton hot in the
        processor's caches (``python -m bench.glossary`` measures the checks this way).
        The groups stay memoised until the next miss.
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
        if not hits:  # most sources
            return _NO_GROUPS
        terms: list[SourceHit] = []
        forbidden: list[SourceHit] = []
        dnt: list[SourceHit] = []
        compounds: list[SourceHit] = []
        seen: set[int] = set()  # concepts (by id) with a hit so far
        enforced: set[int] = set()  # ... with an enforced hit so far
        in_compounds: set[int] = set()  # ... with a compound hit so far
        for hit in hits:
            concept = hit.concept
            key = id(concept)
            if key not in seen:
                seen.add(key)
                if concept.forbidden_targets:
                    forbidden.append(hit)
            if hit.enforced:
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
        only_in_compounds = (
            tuple(h for h in compounds if id(h.concept) not in enforced) if compounds else ()
        )
        if not (terms or forbidden or dnt or only_in_compounds):
            return _NO_GROUPS
        return cls(tuple(terms), tuple(forbidden), tuple(dnt), only_in_compounds)


_NO_GROUPS = TermGroups(empty=True)


def _doc(cls: type) -> str:
    return inspect.cleandoc(cls.__doc__ or "")


_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class BaseCheck(ABC):
    """What every check declares (class attributes, checked when the class is made) and the
    texts people read, derived from its docstring.

    A concrete check sets ``id`` (lower-case words joined by hyphens), ``severity`` (the
    most its findings are; an :class:`Issue` may say less), the pofilter and Weblate names
    it answers to, and a docstring whose first paragraph is its title. An intermediate base
    class that is not a check itself is declared with ``abstract=True``
    (``class GlossaryCheck(Check, abstract=True)``). Mistakes raise ``TypeError`` at import
    time, not in the middle of a CI run.
    """

    id: ClassVar[str]
    severity: ClassVar[Severity]
    #: The Translate Toolkit pofilter tests (or tool) this check corresponds to.
    pofilter: ClassVar[tuple[str, ...]] = ()
    #: The Weblate check ids this check corresponds to.
    weblate: ClassVar[tuple[str, ...]] = ()
    #: It judges the translation as English (spelling, acronyms, quotation marks, number
    #: notation) or against the German→English glossary: a catalogue whose ``Language``
    #: header names another language is not checked by it.
    english_target: ClassVar[bool] = False
    #: It consults the spelling dictionary (:attr:`CheckContext.speller`).
    uses_speller: ClassVar[bool] = False

    def __init_subclass__(cls, abstract: bool = False, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if not abstract:
            cls._validate()

    @classmethod
    def _validate(cls) -> None:
        """Raise ``TypeError`` naming what a concrete check class gets wrong."""
        name = cls.__qualname__
        check_id = getattr(cls, "id", None)
        if not isinstance(check_id, str) or not _ID.fullmatch(check_id):
            raise TypeError(f"{name}.id must be lower-case words joined by '-', not {check_id!r}")
        if not isinstance(getattr(cls, "severity", None), Severity):
            raise TypeError(f"{name}.severity must be a Severity")
        for attr in ("pofilter", "weblate"):
            value = getattr(cls, attr)
            if not (isinstance(value, tuple) and all(isinstance(v, str) for v in value)):
                raise TypeError(f"{name}.{attr} must be a tuple of names")
        title = cls.title()
        if not title or len(title) >= 60:
            raise TypeError(f"{name} needs a docstring whose first paragraph is a short title")

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
            self.severity if issue.severity is None else issue.severity,
            issue.message,
            unit.id,
            unit.source,
            unit.target,
            unit.line,
            issue.term,
            file,
        )


class Check(BaseCheck, abstract=True):
    """A check of one unit on its own: the one hook is :meth:`problems`.

    :meth:`check_unit` is the public API, written here once; a check must not override it.
    Checks skip units with an empty target unless ``needs_target`` is false (only the
    untranslated check looks at those).
    """

    needs_target: ClassVar[bool] = True

    @classmethod
    def _validate(cls) -> None:
        super()._validate()
        if cls.problems is Check.problems:
            raise TypeError(f"{cls.__qualname__} must implement problems(unit, context)")
        if "check_unit" in vars(cls):
            raise TypeError(f"{cls.__qualname__} must not override check_unit; implement problems")
        if not isinstance(cls.needs_target, bool):
            raise TypeError(f"{cls.__qualname__}.needs_target must be True or False")

    def check_unit(self, unit: Unit, context: CheckContext, file: str = "") -> list[Finding]:
        """All findings of this check on one unit (in ``file``), waivers not yet applied."""
        if self.needs_target and (not unit.target or unit.target.isspace()):
            return []
        issues = self.problems(unit, context)
        return [self.finding(unit, issue, file) for issue in issues] if issues else []

    @abstractmethod
    def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
        """The problems in one unit's source/target pair. The one hook a check implements.

        The unit gives the texts (``unit.source``, ``unit.target``) and where the segment
        sits (``unit.placement``: a heading is judged differently from prose).
        """


#: A unit together with a label for the file it came from.
LocatedUnit = tuple[str, Unit]


class ProjectProblem(NamedTuple):
    """A problem a project check found on one unit of one file."""

    file: str
    unit: Unit
    issue: Issue


class ProjectCheck(BaseCheck, abstract=True):
    """A check that needs every unit of the project at once (consistency across files).

    The one hook is :meth:`problems`; :meth:`check_project` is the public API.
    """

    @classmethod
    def _validate(cls) -> None:
        super()._validate()
        if cls.problems is ProjectCheck.problems:
            raise TypeError(f"{cls.__qualname__} must implement problems(units)")
        if "check_project" in vars(cls):
            raise TypeError(f"{cls.__qualname__} must not override check_project")

    def check_project(self, units: Sequence[LocatedUnit]) -> list[Finding]:
        """All findings over the given units, each located in its file, waivers applied."""
        findings = []
        for file, unit, issue in self.problems(units):
            found = [self.finding(unit, issue, file)]
            findings.extend(apply_waivers(unit, found) if unit.waivers else found)
        return findings

    @abstractmethod
    def problems(self, units: Sequence[LocatedUnit]) -> Iterable[ProjectProblem]:
        """The problems across all units. The one hook a project check implements."""


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
