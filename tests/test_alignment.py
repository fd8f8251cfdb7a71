"""The reference suggestion is the sentence that renders the segment, not its paragraph.

Gale-Church length alignment on the sample article's paragraphs and its professional
reference translation: equal counts pair one to one; where the translator merged or split
sentences, the length model finds the pairing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from workbench.domain.alignment import Bead, align, rendering_of
from workbench.domain.checks.sentencecount import english_sentences
from workbench.services.session import EditSession
from workbench.services.suggestions import ReferenceSentences

GERMAN = [
    "Viele der Gäste gaben an, dass sie DeepSeek bereits kannten.",
    "Einer von ihnen war Marc Elrich, Landrat von Montgomery County, Maryland: "
    "„Ich benutze DeepSeek.",
    "Und es ist eine wirklich gute Suchmaschine.",
    "Wie man an der Antwort sieht, liefert sie sehr vollständige Ergebnisse.",
]
ENGLISH = [
    "Many of the guests said they were already familiar with DeepSeek.",
    "One of them was Marc Elrich, County Executive of Montgomery County, Maryland: "
    "“I use DeepSeek.",
    "And it’s a really good search engine.",
    "As you can see from the answer, it gives very complete results.",
]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # one to one
        (ENGLISH, [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), (2,)), Bead((3,), (3,))]),
        # the translator joined sentences 2 and 3
        (
            [ENGLISH[0], f"{ENGLISH[1]} {ENGLISH[2]}", ENGLISH[3]],
            [Bead((0,), (0,)), Bead((1, 2), (1,)), Bead((3,), (2,))],
        ),
        # the translator split sentence 2 in two
        (
            [
                ENGLISH[0],
                "One of them was Marc Elrich, County Executive of Montgomery County, Maryland.",
                "“I use DeepSeek.",
                ENGLISH[2],
                ENGLISH[3],
            ],
            [
                Bead((0,), (0,)),
                Bead((1,), (1, 2)),
                Bead((2,), (3,)),
                Bead((3,), (4,)),
            ],
        ),
    ],
)
def test_sentences_are_paired_by_length(target: list[str], expected: list[Bead]) -> None:
    assert align(GERMAN, target) == expected


def test_a_merged_sentence_is_offered_to_both_segments() -> None:
    merged = [ENGLISH[0], f"{ENGLISH[1]} {ENGLISH[2]}", ENGLISH[3]]
    assert rendering_of(1, GERMAN, merged) == rendering_of(2, GERMAN, merged) == [1]


def test_every_sample_segment_gets_its_own_reference_sentence(tmp_path: Path) -> None:
    po = tmp_path / "article.en.po"
    shutil.copy(CORPUS / "hangzhou-sister-cities.en.po", po)
    reference = ReferenceSentences(CORPUS / "reference.en.md")
    with EditSession.open(po, journal=False) as session:
        units = session.units
        offered = [reference.sentence_for(units, i) for i in range(len(units))]
    assert all(offered)
    for text, unit in zip(offered, units, strict=True):
        assert len(english_sentences(text)) == 1, (unit.source, text)
        # the human translation in the corpus is the reference's sentence, give or take edits
        assert text[:12] == unit.target[:12] or text.split()[-1] == unit.target.split()[-1]


def _drifted_reference(tmp_path: Path) -> tuple[Path, str]:
    """The sample reference with paragraph 3 gone and a note of the translator's added."""
    paragraphs = (CORPUS / "reference.en.md").read_text(encoding="utf-8").split("\n\n")
    dropped = paragraphs.pop(3)
    paragraphs.insert(6, "Translator's note: the names of the companies are given as in 2024.")
    drifted = tmp_path / "drifted.en.md"
    drifted.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return drifted, dropped


def test_a_drifted_reference_still_offers_every_aligned_sentence(tmp_path: Path) -> None:
    """Blocks are aligned, not counted: a reference missing one paragraph and adding another
    offers the same sentences as the whole one everywhere else, and says why a segment of
    the missing paragraph gets none (per segment, and once for the file)."""
    po = tmp_path / "article.en.po"
    shutil.copy(CORPUS / "hangzhou-sister-cities.en.po", po)
    drifted, dropped = _drifted_reference(tmp_path)
    whole = ReferenceSentences(CORPUS / "reference.en.md")
    reference = ReferenceSentences(drifted)
    with EditSession.open(po, journal=False) as session:
        units = session.units
        expected = [whole.sentence_for(units, i) for i in range(len(units))]
        offered = [reference.sentence_for(units, i) for i in range(len(units))]
        missing = [i for i, text in enumerate(offered) if not text]
        assert missing and all(expected[i] in dropped for i in missing)
        assert [o for o in offered if o] == [e for i, e in enumerate(expected) if i not in missing]
        blocks = reference.aligned(units).alignment.source_blocks
        note = reference.note(units, missing[0])
        assert note == (
            f"no reference: this block has no counterpart in drifted.en.md "
            f"({blocks - 1} of {blocks} blocks aligned)"
        )
        assert reference.note(units, 0) == ""
        [notice] = reference.notices()
        assert notice.startswith(f"Reference drifted.en.md: {blocks - 1} of {blocks} blocks")
        assert reference.notices() == []  # said once


def test_a_reference_that_cannot_be_read_is_said(tmp_path: Path) -> None:
    po = tmp_path / "article.en.po"
    shutil.copy(CORPUS / "hangzhou-sister-cities.en.po", po)
    broken = tmp_path / "broken.en.md"
    broken.write_bytes(b"\x00\x01binary")
    reference = ReferenceSentences(broken)
    with EditSession.open(po, journal=False) as session:
        assert reference.suggest(session.units, 0) == []
        assert reference.note(session.units, 0).startswith("no reference: broken.en.md: ")
        [notice] = reference.notices()
        assert "no reference is offered" in notice
