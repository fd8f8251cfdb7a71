"""What a glossary is: terms grouped into concepts, with a status that says how to use them.

A glossary row says "translate this source term as this target term", and its status says
whether the target is the one to use (``preferred``), an acceptable alternative
(``admitted``), a rendering that must not be used (``forbidden``), or whether the source
must stay as it is (``dnt``, do not translate). Rows sharing one source are one
:class:`Concept`. The model is plain values so that matching, QA checks, MT glossary
enforcement and the TUI all read the same thing; file formats live in
``workbench.adapters.glossary_files``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class TermStatus(StrEnum):
    """How a target rendering may be used."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    FORBIDDEN = "forbidden"
    DNT = "dnt"

    @classmethod
    def parse(cls, text: str) -> TermStatus:
        """The status named by ``text`` (case-insensitive); ``ValueError`` if unknown."""
        key = text.strip().lower().replace("-", "").replace("_", "").replace(" ", "")
        key = _STATUS_ALIASES.get(key, key)
        return cls(key)


_STATUS_ALIASES = {
    "donottranslate": "dnt",
    "notranslate": "dnt",
    "deprecated": "forbidden",
}


@dataclass(frozen=True)
class Term:
    """One glossary row: a source term, its target and the target's status.

    For a ``dnt`` row the target is the source itself. ``variants`` are further source-side
    spellings that count as the same term (irregular forms, abbreviations, other
    spellings). ``line`` (and ``file``) say where the row was read, for messages.
    """

    source: str
    target: str
    status: TermStatus
    note: str = ""
    case_sensitive: bool = False
    variants: tuple[str, ...] = ()
    line: int = 0
    file: str = field(default="", compare=False)

    @property
    def where(self) -> str:
        """``file:line`` (or what of it is known) for messages."""
        if self.file and self.line:
            return f"{self.file}:{self.line}"
        return self.file or (f"line {self.line}" if self.line else "")

    def content_key(self) -> tuple[str, str, str, str, bool, tuple[str, ...]]:
        return (
            self.source,
            self.target,
            self.status.value,
            self.note,
            self.case_sensitive,
            self.variants,
        )


@dataclass(frozen=True)
class Concept:
    """All rows that share one source term.

    The derived values (``preferred_targets``, ``forbidden_targets``, ``is_dnt``, ``note``,
    ``case_sensitive``, ``variants``, ``preferred_term``) are worked out once, in one pass
    over the rows, when the concept is made: matching reads them for every hit, and a
    5,000-concept glossary reads each of them once at build time.
    """

    source: str
    terms: tuple[Term, ...]
    #: Acceptable targets, preferred first, then admitted; for a dnt concept the source first.
    preferred_targets: tuple[str, ...] = field(init=False, repr=False, compare=False)
    forbidden_targets: tuple[str, ...] = field(init=False, repr=False, compare=False)
    is_dnt: bool = field(init=False, repr=False, compare=False)
    #: The rows' notes, joined (each once).
    note: str = field(init=False, repr=False, compare=False)
    #: True when any row asks for exact case (dnt terms are always matched verbatim).
    case_sensitive: bool = field(init=False, repr=False, compare=False)
    #: Further source-side spellings from all rows.
    variants: tuple[str, ...] = field(init=False, repr=False, compare=False)
    #: The first preferred (or dnt, or admitted) row: what to show as the translation.
    preferred_term: Term | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        preferred: list[str] = []
        admitted: list[str] = []
        forbidden: list[str] = []
        notes: list[str] = []
        variants: list[str] = []
        is_dnt = case_sensitive = False
        first: dict[TermStatus, Term] = {}
        for t in self.terms:
            status = t.status
            if status is TermStatus.PREFERRED:
                preferred.append(t.target)
            elif status is TermStatus.ADMITTED:
                admitted.append(t.target)
            elif status is TermStatus.FORBIDDEN:
                forbidden.append(t.target)
            else:
                is_dnt = True
            first.setdefault(status, t)
            if t.note:
                notes.append(t.note)
            if t.variants:
                variants.extend(t.variants)
            case_sensitive = case_sensitive or t.case_sensitive
        usable = [self.source, *admitted] if is_dnt else preferred + admitted
        setattr_ = object.__setattr__  # frozen: set once, here
        setattr_(self, "preferred_targets", _unique(usable))
        setattr_(self, "forbidden_targets", _unique(forbidden))
        setattr_(self, "is_dnt", is_dnt)
        setattr_(self, "note", "; ".join(_unique(notes)))
        setattr_(self, "case_sensitive", case_sensitive)
        setattr_(self, "variants", _unique(variants))
        shown = first.get(TermStatus.PREFERRED) or first.get(TermStatus.DNT)
        setattr_(self, "preferred_term", shown or first.get(TermStatus.ADMITTED))

    def target_case_sensitive(self, target: str) -> bool:
        """Whether the row for ``target`` asks for exact case."""
        return any(t.case_sensitive for t in self.terms if t.target == target)


@dataclass(frozen=True)
class Glossary:
    """Concepts in file order, and a name for messages."""

    concepts: tuple[Concept, ...]
    name: str = ""

    @cached_property
    def version(self) -> str:
        """A hash of the content (a cache key for MT), worked out when first asked for:
        checking never needs it."""
        return content_hash(self.concepts)

    @classmethod
    def from_terms(cls, terms: Iterable[Term], name: str = "") -> Glossary:
        """Group rows by source (first appearance order), drop exact duplicates."""
        groups: dict[str, dict[tuple[object, ...], Term]] = {}
        for term in terms:
            rows = groups.get(term.source)
            if rows is None:
                rows = groups[term.source] = {}
            rows.setdefault(term.content_key(), term)
        concepts = tuple(Concept(source, tuple(rows.values())) for source, rows in groups.items())
        return cls(concepts=concepts, name=name)

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(t for c in self.concepts for t in c.terms)

    def concept(self, source: str) -> Concept | None:
        """The concept whose source is exactly ``source``."""
        return self._by_source.get(source)

    @cached_property
    def _by_source(self) -> dict[str, Concept]:
        return {c.source: c for c in reversed(self.concepts)}

    def __len__(self) -> int:
        return len(self.concepts)


@dataclass(frozen=True)
class Conflict:
    """Two rows that cannot both hold; ``first`` and ``second`` are the rows."""

    message: str
    first: Term
    second: Term
    hint: str


def find_conflicts(terms: Iterable[Term]) -> list[Conflict]:
    """Rows that contradict each other.

    * the same source and target with different statuses;
    * a target that is preferred (or admitted) for one source and forbidden for another
      concept whose source is the same term, or that is both preferred and forbidden
      anywhere in the glossary.
    """
    conflicts: list[Conflict] = []
    by_pair: dict[tuple[str, str], Term] = {}
    usable: dict[str, Term] = {}
    forbidden: dict[str, Term] = {}
    for term in terms:
        pair = (term.source, term.target)
        seen = by_pair.get(pair)
        if seen is not None and seen.status is not term.status:
            conflicts.append(
                Conflict(
                    f"{term.source!r} → {term.target!r} is {seen.status.value} at "
                    f"{seen.where or 'an earlier row'} and {term.status.value} here",
                    seen,
                    term,
                    "keep one row per source and target, with one status",
                )
            )
        by_pair.setdefault(pair, term)
        if term.status in (TermStatus.PREFERRED, TermStatus.ADMITTED):
            other = forbidden.get(term.target)
            if other is not None and other.source != term.source:
                conflicts.append(_both(other, term))
            usable.setdefault(term.target, term)
        elif term.status is TermStatus.FORBIDDEN:
            other = usable.get(term.target)
            if other is not None and other.source != term.source:
                conflicts.append(_both(other, term))
            forbidden.setdefault(term.target, term)
    return conflicts


def _both(first: Term, second: Term) -> Conflict:
    return Conflict(
        f"target {second.target!r} is {first.status.value} for {first.source!r} "
        f"({first.where or 'an earlier row'}) but {second.status.value} for {second.source!r} here",
        first,
        second,
        "a target cannot be both required and forbidden: drop one of the rows",
    )


def content_hash(concepts: Iterable[Concept]) -> str:
    """A short stable hash of the glossary's content (not of where rows were read)."""
    payload = [[t.content_key() for t in c.terms] for c in concepts]
    digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()
    return digest[:16]


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(items) if len(items) < 2 else tuple(dict.fromkeys(items))
