"""Consistency across the whole project: one source, one translation; one translation, one source.

These need every unit at once, so they are :class:`ProjectCheck`s and run over all units of
all files checked (Translate Toolkit's ``poconflicts`` does the first as a separate tool;
Weblate has both as ``inconsistent`` and ``reused``). Texts are compared with whitespace
normalised; ``reused`` also ignores case in the sources.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.domain.checks.base import Finding, Issue, LocatedUnit, ProjectCheck, Severity


def _norm(text: str) -> str:
    return " ".join(text.split())


def _where(file: str, line: int) -> str:
    return f"{file}:{line}" if file and line else file or (f"line {line}" if line else "elsewhere")


def _short(text: str, limit: int = 60) -> str:
    text = _norm(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Inconsistent(ProjectCheck):
    """Inconsistent translation

    The same source text is translated differently elsewhere in the project.
    """

    id = "inconsistent"
    severity = Severity.WARNING
    pofilter = ("poconflicts",)
    weblate = ("inconsistent",)

    def check_project(self, units: Sequence[LocatedUnit]) -> list[Finding]:
        groups: dict[str, list[LocatedUnit]] = {}
        for file, unit in units:
            if unit.target.strip():
                groups.setdefault(_norm(unit.source), []).append((file, unit))
        findings = []
        for group in groups.values():
            if len({_norm(u.target) for _, u in group}) < 2:
                continue
            for file, unit in group:
                others = [(f, u) for f, u in group if _norm(u.target) != _norm(unit.target)]
                f0, u0 = others[0]
                more = f" and {len(others) - 1} more" if len(others) > 1 else ""
                issue = Issue(
                    f"the same source is translated “{_short(u0.target)}” "
                    f"at {_where(f0, u0.line)}{more}"
                )
                findings.append(self.finding(unit, issue).located(file))
        return findings


class Reused(ProjectCheck):
    """Translation is used for different sources

    The same translation stands for different source texts elsewhere in the project: one
    of them is probably a copy-paste or a stale MT draft.
    """

    id = "reused"
    severity = Severity.WARNING
    weblate = ("reused",)

    def check_project(self, units: Sequence[LocatedUnit]) -> list[Finding]:
        groups: dict[str, list[LocatedUnit]] = {}
        for file, unit in units:
            if unit.target.strip():
                groups.setdefault(_norm(unit.target), []).append((file, unit))
        findings = []
        for group in groups.values():
            if len({_norm(u.source).casefold() for _, u in group}) < 2:
                continue
            for file, unit in group:
                others = [
                    (f, u)
                    for f, u in group
                    if _norm(u.source).casefold() != _norm(unit.source).casefold()
                ]
                f0, u0 = others[0]
                more = f" and {len(others) - 1} more" if len(others) > 1 else ""
                issue = Issue(
                    f"the same translation is used for “{_short(u0.source)}” "
                    f"at {_where(f0, u0.line)}{more}"
                )
                findings.append(self.finding(unit, issue).located(file))
        return findings
