"""Updating a PO from a changed source behaves like msgmerge."""

from __future__ import annotations

from workbench.domain.document import plain_document
from workbench.domain.merge import merge_units
from workbench.domain.states import ReviewState
from workbench.domain.units import MtOrigin

V1 = "Der Himmel ist blau. Das Gras ist grün heute.\n\nDie Stadt liegt am See. Morgen regnet es.\n"
V2 = (
    "Der Himmel ist blau. Das Gras ist sehr grün heute.\n\n"
    "Ein ganz neuer Satz kommt hinzu. Die Stadt liegt am See.\n"
)


def translated(units, mapping):  # type: ignore[no-untyped-def]
    out = []
    for unit in units:
        done = unit
        if unit.source in mapping:
            done = unit.with_target(mapping[unit.source]).confirmed()
            if unit.source.startswith("Die Stadt"):
                done = done.reviewed("Ann", "2026-11-23T10:00:00Z")
        out.append(done)
    return out


def test_update_keeps_fuzzes_adds_and_obsoletes() -> None:
    first, _ = merge_units([], plain_document(V1).segments, "src.txt")
    first = translated(
        first,
        {
            "Der Himmel ist blau.": "The sky is blue.",
            "Das Gras ist grün heute.": "The grass is green today.",
            "Die Stadt liegt am See.": "The town lies on the lake.",
            "Morgen regnet es.": "It will rain tomorrow.",
        },
    )
    units, report = merge_units(first, plain_document(V2).segments, "src.txt")
    by_source = {u.source: u for u in units if not u.obsolete}
    sky = by_source["Der Himmel ist blau."]
    assert sky.state is ReviewState.TRANSLATED and sky.target == "The sky is blue."
    town = by_source["Die Stadt liegt am See."]
    assert town.state is ReviewState.REVIEWED
    assert town.placement is not None and town.placement.block == 2 and town.placement.position == 2
    grass = by_source["Das Gras ist sehr grün heute."]
    assert grass.state is ReviewState.DRAFT
    assert grass.target == "The grass is green today."
    assert grass.previous_source == "Das Gras ist grün heute."
    new = by_source["Ein ganz neuer Satz kommt hinzu."]
    assert new.state is ReviewState.UNTRANSLATED and new.target == ""
    obsolete = [u for u in units if u.obsolete]
    assert [(u.source, u.target) for u in obsolete] == [
        ("Morgen regnet es.", "It will rain tomorrow.")
    ]
    assert (report.kept, report.fuzzy, report.new, report.obsoleted) == (2, 1, 1, 1)
    assert units[-1].obsolete and not any(u.obsolete for u in units[:-1])


def test_obsolete_translation_comes_back_when_the_sentence_returns() -> None:
    first, _ = merge_units([], plain_document("Eins. Zwei.\n").segments, "s")
    first = [u.with_target(u.source.upper()).confirmed() for u in first]
    second, _ = merge_units(first, plain_document("Eins.\n").segments, "s")
    third, report = merge_units(second, plain_document("Eins. Zwei.\n").segments, "s")
    assert [(u.source, u.target, u.obsolete) for u in third] == [
        ("Eins.", "EINS.", False),
        ("Zwei.", "ZWEI.", False),
    ]
    assert report.kept == 2


def test_drafts_keep_origin_and_stay_drafts() -> None:
    first, _ = merge_units([], plain_document("Hallo Welt.\n").segments, "s")
    first = [first[0].drafted("Hello world.", MtOrigin("argos", "m", "Hello world."))]
    again, _ = merge_units(first, plain_document("Hallo Welt.\n").segments, "s")
    assert again[0].state is ReviewState.DRAFT and again[0].origin == first[0].origin
