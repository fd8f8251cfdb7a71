"""The reference translation of the sample corpus follows the civic glossary.

Source and reference are paragraph-aligned markdown; every term found in a source
paragraph (compounds excepted) must have an accepted rendering in the reference paragraph,
and no forbidden rendering may appear there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.adapters.glossary_files import load_glossary
from workbench.domain.glossary.matching import GlossaryMatcher

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpora" / "hangzhou-sister-cities"
SOURCE = CORPUS / "source.de.md"
REFERENCE = CORPUS / "reference.en.md"
GLOSSARY = REPO / "glossaries" / "civic.de-en.tsv"


def paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def glossary_report() -> tuple[int, list[str]]:
    """(enforced term occurrences checked, problems as 'paragraph N: ...' lines)."""
    matcher = GlossaryMatcher(load_glossary(GLOSSARY))
    src, ref = paragraphs(SOURCE), paragraphs(REFERENCE)
    assert len(src) == len(ref), "source and reference are no longer paragraph-aligned"
    checked = 0
    problems: list[str] = []
    for number, (de, en) in enumerate(zip(src, ref, strict=True), start=1):
        for hit in matcher.source_hits(de):
            if not hit.enforced:
                continue
            checked += 1
            concept = hit.concept
            if not matcher.satisfied(concept, en):
                problems.append(
                    f"paragraph {number}: {hit.text!r} needs {' or '.join(concept.preferred_targets)!r}"
                )
            for bad in matcher.forbidden_hits(concept, en):
                problems.append(
                    f"paragraph {number}: forbidden {bad.text!r} for {concept.source!r}"
                )
    return checked, problems


@pytest.mark.skipif(not REFERENCE.is_file(), reason="the reference translation is not written yet")
def test_reference_satisfies_the_glossary() -> None:
    checked, problems = glossary_report()
    print(
        f"\n{checked} glossary term occurrences checked in the reference; missing: {problems or 'none'}"
    )
    assert checked >= 40
    assert problems == []
