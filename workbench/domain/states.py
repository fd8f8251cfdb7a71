"""Review states of a segment, ordered so that "at least translated" is a comparison.

The order follows Translate Toolkit's workflow model: nothing, a machine or memory
suggestion nobody confirmed, a person's translation, and a second person's approval.
"""

from __future__ import annotations

from enum import IntEnum


class ReviewState(IntEnum):
    """How far a segment has come. Compare with ``<``/``>=``: the values are ordered."""

    UNTRANSLATED = 0
    DRAFT = 1
    TRANSLATED = 2
    REVIEWED = 3

    @property
    def label(self) -> str:
        """The lower-case name users see and type (``untranslated``, ``draft``, ...)."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> ReviewState:
        """Read a state name as users type it; raise ``ValueError`` naming the choices."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown review state {text!r}; choose one of: {choices}") from None

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
