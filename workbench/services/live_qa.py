"""Glossary terms and QA findings for the segment on screen, while the translator types.

The glossary and the QA checks are optional collaborators of the editing session: they load
once, off the UI thread, and may be missing (not installed, or a broken glossary file);
editing and saving go on without them and :attr:`Support.problems` says why. Their results
are reduced to small views a person reads (:class:`TermHit`, :class:`FindingView`) and cached
per segment, since the screen asks again on every keystroke.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from workbench.domain.units import Unit


@dataclass(frozen=True)
class TermHit:
    """A glossary term found in a source: where, and what the glossary says about it."""

    start: int
    end: int
    text: str
    source_term: str
    targets: tuple[str, ...]
    forbidden: tuple[str, ...]
    status: str
    note: str
    dnt: bool


@dataclass(frozen=True)
class FindingView:
    """A QA finding on one unit, reduced to what a person reads."""

    check: str
    severity: str
    message: str
    term: str = ""


class _Matcher(Protocol):
    def source_hits(self, text: str) -> Sequence[Any]: ...


class Support:
    """Glossary matching and QA checks, loaded once; each part may be missing.

    The glossary and QA modules are optional collaborators: if they are not installed (or
    the glossary files are broken) the session still edits and saves, and ``problems`` says
    why terms or findings are missing.
    """

    def __init__(self) -> None:
        self.matcher: _Matcher | None = None
        self.glossary: Any = None
        self.check_unit: Callable[[Unit, Any], Sequence[Any]] | None = None
        self.qa_context: Any = None
        self.problems: list[str] = []

    @classmethod
    def load(cls, glossary_paths: Sequence[Path]) -> Support:
        support = cls()
        from workbench.errors import UserError

        try:
            from workbench.services import checking
        except ImportError as exc:
            support.problems.append(f"QA checks are not available ({exc.name})")
            return support
        try:
            context = checking.build_context(list(glossary_paths))
        except UserError as exc:
            support.problems.append(f"glossary not loaded: {exc}")
            context = checking.build_context([])
        support.qa_context = context
        support.check_unit = checking.check_unit
        support.matcher = context.matcher
        support.glossary = getattr(context.matcher, "glossary", None)
        return support


def _term_hit(hit: Any) -> TermHit:
    concept = hit.concept
    terms = tuple(getattr(concept, "terms", ()))
    statuses = {str(getattr(t.status, "value", t.status)) for t in terms}
    statuses.discard("forbidden")  # forbidden renderings are listed apart
    status = ", ".join(sorted(statuses))
    return TermHit(
        start=int(hit.start),
        end=int(hit.end),
        text=str(hit.text),
        source_term=str(concept.source),
        targets=tuple(concept.preferred_targets),
        forbidden=tuple(concept.forbidden_targets),
        status=status,
        note=str(concept.note or ""),
        dnt=bool(concept.is_dnt),
    )


def _finding_view(finding: Any) -> FindingView:
    severity = getattr(finding, "severity", "")
    return FindingView(
        check=str(getattr(finding, "check", "")),
        severity=str(getattr(severity, "label", severity)),
        message=str(getattr(finding, "message", "")),
        term=str(getattr(finding, "term", "") or ""),
    )


class LiveQa:
    """Glossary hits and QA findings per unit index, cached; empty until :meth:`load`.

    Indices are the session's: when its units are replaced, :meth:`forget` drops the caches.
    """

    def __init__(self, glossary_paths: Sequence[Path]) -> None:
        self.glossary_paths = [Path(p) for p in glossary_paths]
        self.support: Support | None = None
        self._lock = threading.Lock()
        self._findings: dict[int, tuple[str, list[FindingView]]] = {}
        self._hits: dict[int, list[TermHit]] = {}

    def load(self) -> Support:
        """Load the glossary and QA checks once (slow-ish: call it off the UI thread)."""
        with self._lock:
            if self.support is None:
                self.support = Support.load(self.glossary_paths)
                self.forget()
            return self.support

    def forget(self) -> None:
        """The units changed wholesale: computed hits and findings no longer apply."""
        self._findings = {}
        self._hits = {}

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
        """QA findings for ``unit`` as it stands now; cached per target text."""
        support = self.support
        if support is None or support.check_unit is None:
            return []
        cached = self._findings.get(i)
        if cached is not None and cached[0] == unit.target:
            return cached[1]
        if not unit.target:
            result: list[FindingView] = []
        else:
            found = support.check_unit(unit, support.qa_context)
            result = [_finding_view(f) for f in found if not getattr(f, "waived", False)]
        self._findings[i] = (unit.target, result)
        return result
