"""Review states of a segment, ordered so that "at least translated" is a comparison.

The order follows Translate Toolkit's workflow model: nothing, a machine or memory
suggestion nobody confirmed, a person's translation, and a second person's approval.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Self


class NamedLevel(IntEnum):
    """Ordered levels that users see and type by their lower-case names (``--states draft``,
    ``--fail-on warning``): a subclass names what a level is (:meth:`noun`) and may list
    the choices in another order (:meth:`choices`)."""

    @property
    def label(self) -> str:
        """The lower-case name users see and type."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read a level as users type it; raise ``ValueError`` naming the choices."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(level.label for level in cls.choices())
            raise ValueError(f"unknown {cls.noun()} {text!r}; choose one of: {choices}") from None

    @classmethod
    def noun(cls) -> str:
        """What a level is, in an error message (``review state``)."""
        raise NotImplementedError

    @classmethod
    def choices(cls) -> Iterable[Self]:
        """The levels in the order an error message lists them: lowest first."""
        return list(cls)


class ReviewState(NamedLevel):
    """How far a segment has come. Compare with ``<``/``>=``: the values are ordered."""

    UNTRANSLATED = 0
    DRAFT = 1
    TRANSLATED = 2
    REVIEWED = 3

    @classmethod
    def noun(cls) -> str:
        return "review state"

    @property
    def needs_work(self) -> bool:
        """True while a person still has to write or confirm the translation."""
        return self < ReviewState.TRANSLATED


def derive_state(target: str, fuzzy: bool, reviewed: bool) -> ReviewState:
    """The state a PO entry is in, from what gettext keeps of it.

    An empty target is untranslated whatever else is set; ``#, fuzzy`` is a draft;
    a review mark counts only on a confirmed (non-fuzzy) translation.
    """
    if not target:
        return ReviewState.UNTRANSLATED
    if fuzzy:
        return ReviewState.DRAFT
    if reviewed:
        return ReviewState.REVIEWED
    return ReviewState.TRANSLATED
