"""QA checks: the registry of check classes and the default set, plus running them on units.

Each check is one small class in a sibling module (``text``, ``numbers``,
``sentencecount``, ``tags``, ``accelerators``, ``plurals``, ``glossary``, ``consistency``)
with a stable id, a severity and a docstring whose first paragraph is its title.
:data:`CHECKS` maps ids to classes; :data:`DEFAULT_CHECKS` is the one tuple of ids enabled
by default. :class:`CheckSuite` runs a selection: per unit (what the editor does as the
translator types) and per project.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from workbench.domain.checks.accelerators import Accelerators
from workbench.domain.checks.acronyms import Acronyms
from workbench.domain.checks.base import (
    Check,
    CheckContext,
    Finding,
    Issue,
    LocatedUnit,
    ProjectCheck,
    Severity,
    apply_waivers,
)
from workbench.domain.checks.consistency import Inconsistent, Reused
from workbench.domain.checks.glossary import (
    DoNotTranslate,
    ForbiddenTerm,
    GlossaryCheck,
    GlossaryCompound,
    GlossaryTerm,
)
from workbench.domain.checks.numbers import Numbers
from workbench.domain.checks.plurals import Plurals
from workbench.domain.checks.sentencecount import SentenceCount
from workbench.domain.checks.spelling import Spelling
from workbench.domain.checks.tags import Tags
from workbench.domain.checks.text import (
    Brackets,
    DoubleSpace,
    DoubleWords,
    EndPunctuation,
    Escapes,
    LeadingWhitespace,
    Long,
    Quotes,
    Short,
    TrailingWhitespace,
    Unchanged,
    Untranslated,
)
from workbench.domain.units import Unit, form_name

__all__ = [
    "CHECKS",
    "DEFAULT_CHECKS",
    "Check",
    "CheckContext",
    "CheckSuite",
    "Finding",
    "Issue",
    "ProjectCheck",
    "Severity",
    "resolve_check_ids",
]

AnyCheck = type[Check] | type[ProjectCheck]

#: Every check by id, in the order ``--list-checks`` shows them (most important first).
CHECKS: dict[str, AnyCheck] = {
    cls.id: cls
    for cls in (
        GlossaryTerm,
        ForbiddenTerm,
        DoNotTranslate,
        GlossaryCompound,
        Untranslated,
        Plurals,
        Tags,
        Accelerators,
        Numbers,
        Unchanged,
        Spelling,
        Acronyms,
        EndPunctuation,
        Quotes,
        Brackets,
        SentenceCount,
        DoubleWords,
        DoubleSpace,
        LeadingWhitespace,
        TrailingWhitespace,
        Escapes,
        Long,
        Short,
        Inconsistent,
        Reused,
    )
}

#: The checks enabled when none are chosen: every one.
DEFAULT_CHECKS: tuple[str, ...] = tuple(CHECKS)


def _aliases() -> dict[str, str]:
    """pofilter and Weblate names accepted for our ids (``endpunc`` → ``end-punctuation``)."""
    table: dict[str, str] = {}
    for cls in CHECKS.values():
        for name in (*cls.pofilter, *cls.weblate):
            if name not in CHECKS:
                table.setdefault(name, cls.id)
    return table


ALIASES = _aliases()


def resolve_check_ids(names: Iterable[str]) -> tuple[str, ...]:
    """Our ids for the names users give: ids, pofilter/Weblate names or ``all``.

    An unknown name raises ``ValueError``.
    """
    ids: list[str] = []
    for raw in names:
        name = raw.strip().lower()
        if not name:
            continue
        if name == "all":
            ids.extend(CHECKS)
            continue
        resolved = name if name in CHECKS else ALIASES.get(name)
        if resolved is None:
            raise ValueError(
                f"unknown check {raw!r}; `workbench check --list-checks` shows the ids"
            )
        ids.append(resolved)
    return tuple(dict.fromkeys(ids))


class CheckSuite:
    """A chosen set of checks, instantiated once, run per unit or over a project."""

    def __init__(self, ids: Sequence[str] = DEFAULT_CHECKS) -> None:
        self.ids = resolve_check_ids(ids)
        classes = [CHECKS[i] for i in self.ids]
        self.unit_checks: list[Check] = [c() for c in classes if issubclass(c, Check)]
        self.project_checks: list[ProjectCheck] = [
            c() for c in classes if issubclass(c, ProjectCheck)
        ]
        self._glossary = any(isinstance(c, GlossaryCheck) for c in self.unit_checks)

    def check_unit(self, unit: Unit, context: CheckContext, file: str = "") -> list[Finding]:
        """Findings of the per-unit checks on one unit (in ``file``), waivers applied (fast:
        no project scan).

        A plural entry's further forms (``msgstr[1]``, …) are checked too, each against the
        plural source (``msgid_plural``) as gettext compares them, by every check that
        looks at a written translation; their messages name the form.
        """
        findings = [f for check in self.unit_checks for f in check.check_unit(unit, context, file)]
        if unit.plural_forms and unit.source_plural is not None:
            findings += self._further_forms(unit, context, file)
        return apply_waivers(unit, findings) if findings and unit.waivers else findings

    def _further_forms(self, unit: Unit, context: CheckContext, file: str) -> list[Finding]:
        """Findings on a plural entry's forms after the first (see :meth:`check_unit`)."""
        forms = unit.forms
        found: list[Finding] = []
        for index in range(1, len(forms)):
            if not forms[index].strip():
                continue  # the plurals check reports an empty form
            alone = replace(
                unit,
                source=unit.source_plural or unit.source,
                target=forms[index],
                source_plural=None,
                plural_forms=None,
            )
            name = form_name(index, len(forms))
            found += (
                replace(f, message=f"{name}: {f.message}", source=unit.source, form=index)
                for check in self.unit_checks
                if check.needs_target
                for f in check.check_unit(alone, context, file)
            )
        return found

    def check_units(self, units: Sequence[LocatedUnit], context: CheckContext) -> list[Finding]:
        """All findings over located units: per unit, then across them, waivers applied.

        With glossary checks among them, every source they will look at is scanned first, in
        one pass of the term automaton (:meth:`CheckContext.prefetch_terms`).
        """
        if self._glossary:
            context.prefetch_terms(u.source for _f, u in units if u.target.strip())
        findings = [f for file, unit in units for f in self.check_unit(unit, context, file)]
        for check in self.project_checks:
            findings.extend(check.check_project(units))
        return findings
