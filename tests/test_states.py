"""Review states: their order, parsing, and how they derive from what gettext keeps."""

from __future__ import annotations

import pytest

from workbench.domain.states import ReviewState, derive_state
from workbench.domain.units import Unit, text_hash


def test_states_are_ordered() -> None:
    s = ReviewState
    assert s.UNTRANSLATED < s.DRAFT < s.TRANSLATED < s.REVIEWED
    assert [x for x in s if x >= s.TRANSLATED] == [s.TRANSLATED, s.REVIEWED]


@pytest.mark.parametrize(
    ("target", "fuzzy", "reviewed", "expected"),
    [
        ("", False, False, ReviewState.UNTRANSLATED),
        ("", True, True, ReviewState.UNTRANSLATED),
        ("x", True, False, ReviewState.DRAFT),
        ("x", True, True, ReviewState.DRAFT),
        ("x", False, False, ReviewState.TRANSLATED),
        ("x", False, True, ReviewState.REVIEWED),
    ],
)
def test_derive_state(target: str, fuzzy: bool, reviewed: bool, expected: ReviewState) -> None:
    assert derive_state(target, fuzzy, reviewed) is expected


def test_parse_names_the_choices() -> None:
    assert ReviewState.parse(" Reviewed ") is ReviewState.REVIEWED
    with pytest.raises(ValueError, match="untranslated, draft, translated, reviewed"):
        ReviewState.parse("approved")


def test_unit_lifecycle() -> None:
    unit = Unit(id="a", source="Hallo.", target="")
    assert unit.state is ReviewState.UNTRANSLATED
    from workbench.domain.units import MtOrigin

    drafted = unit.drafted("Hello.", MtOrigin("argos", "de_en 1.0", "Hello."))
    assert drafted.state is ReviewState.DRAFT
    confirmed = drafted.with_target("Hi.").confirmed()
    assert confirmed.state is ReviewState.TRANSLATED
    reviewed = confirmed.reviewed("Ann", "2026-11-23T10:00:00Z")
    assert reviewed.state is ReviewState.REVIEWED
    assert reviewed.review is not None and reviewed.review.target_hash == text_hash("Hi.")
    # An edit after the review falls back to translated: the mark no longer holds.
    assert reviewed.with_target("Hello there.").state is ReviewState.TRANSLATED
