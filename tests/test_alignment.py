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
