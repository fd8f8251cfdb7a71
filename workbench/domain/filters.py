"""Which segments the editor's list shows: a filter as the translator types it.

``draft``, ``state:draft,untranslated``, ``todo``, ``qa``, ``qa:CHECK`` and free words.
Parsing and describing a filter is pure text and review-state logic, so it lives in the
domain; applying the QA part needs the checks, which the editing session runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain.states import ReviewState


@dataclass(frozen=True)
class SegmentFilter:
    """Which segments the list shows: by state, text in source or target, and QA findings.

    ``qa`` is ``None`` (any), ``""`` (segments with at least one finding) or a check name.
    """

    states: frozenset[ReviewState] = frozenset()
    text: str = ""
    qa: str | None = None

    @property
    def empty(self) -> bool:
        return not self.states and not self.text and self.qa is None

    def describe(self) -> str:
        parts = [",".join(s.label for s in sorted(self.states))] if self.states else []
        if self.qa is not None:
            parts.append(f"qa:{self.qa}" if self.qa else "qa")
        if self.text:
            parts.append(repr(self.text))
        return " ".join(parts) or "all"


def parse_filter(text: str) -> SegmentFilter:
    """Read a filter as typed: ``state:draft,untranslated``, ``qa``/``qa:CHECK``, words.

    A bare state name (``draft``, ``untranslated``...) also filters by state; ``todo`` means
    the segments that need work. Everything else is searched in source and target.
    """
    states: set[ReviewState] = set()
    qa: str | None = None
    words: list[str] = []
    for token in text.split():
        low = token.lower()
        key, sep, value = low.partition(":")
        if sep and key in {"state", "is"}:
            for name in filter(None, value.split(",")):
                states |= _state_names(name)
        elif key == "qa":
            qa = value if sep else ""
        elif not sep and (found := _state_names(low, strict=True)):
            states |= found
        else:
            words.append(token)
    return SegmentFilter(frozenset(states), " ".join(words), qa)


def _state_names(name: str, strict: bool = False) -> set[ReviewState]:
    if name in {"todo", "work"}:
        return {s for s in ReviewState if s.needs_work}
    try:
        return {ReviewState.parse(name)}
    except ValueError:
        if strict:
            return set()
        raise ValueError(
            f"unknown state {name!r}; use untranslated, draft, translated, reviewed or todo"
        ) from None
