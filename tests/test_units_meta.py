"""Workbench metadata in PO comments: encoding, decoding and errors."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest

from workbench.domain.document import BlockKind, Placement
from workbench.domain.units import (
    MtOrigin,
    ReviewMark,
    Unit,
    Waiver,
    decode_meta,
    encode_meta,
    placement_line,
    read_comments,
    translator_lines,
)


def test_round_trip_of_every_kind_of_metadata() -> None:
    unit = Unit(
        id="x",
        source="Der Landrat sagte: „Ja.“",
        target="The County Executive said: “Yes.”",
        review=ReviewMark("Zoë O'Neil", "2026-11-23T10:00:00Z", "abc"),
        origin=MtOrigin(
            "argos", "translate-de_en 1.9", 'He said "yes"\nand left', "ok", {"beam": 4}
        ),
        waivers=(
            Waiver("numbers", "dates differ on purpose", ""),
            Waiver("glossary", "quoted", "Landrat"),
        ),
        notes=("free note by a translator",),
    )
    lines = translator_lines(unit)
    assert all("\n" not in line for line in lines)
    meta = read_comments(lines, [placement_line(Placement(3, 2, BlockKind.ITEM, "- "))])
    assert meta.review == unit.review
    assert meta.origin == unit.origin
    assert meta.waivers == unit.waivers
    assert meta.notes == unit.notes
    assert meta.placement == Placement(3, 2, BlockKind.ITEM, "- ")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("plain comment", None),
        ("wb:reviewed {}", ("reviewed", {})),
        ("wb:waive", ("waive", {})),
        (encode_meta("x", {"a": "ü"}), ("x", {"a": "ü"})),
    ],
)
def test_decode(line: str, expected: object) -> None:
    assert decode_meta(line) == expected


@pytest.mark.parametrize(
    "line", ["wb:reviewed {by:1}", "wb:origin [1,2]", 'wb:block {"n":"x","s":1}']
)
def test_broken_metadata_costs_only_that_metadata(line: str) -> None:
    """Issue 10: a broken wb: comment never refuses a file; it stays, as a note, with a problem."""
    block = line.startswith("wb:block")
    meta = read_comments([], [line]) if block else read_comments([line, "a note"], [])
    assert [p.line for p in meta.problems] == [line]
    assert "broken workbench comment" in meta.problems[0].message
    assert meta.review is None and meta.origin is None and meta.placement is None
    assert (meta.extracted_notes if block else meta.notes) == (
        (line,) if block else (line, "a note")
    )


def test_plain_unit_is_the_same_value_as_the_constructors() -> None:
    made = Unit("s1", "Der Landrat.", "The County Executive.", line=7)
    fast = Unit.plain("s1", "Der Landrat.", "The County Executive.", 7)
    assert fast == made
    assert fast.state is made.state
    with pytest.raises(FrozenInstanceError):
        fast.target = "changed"  # type: ignore[misc]
