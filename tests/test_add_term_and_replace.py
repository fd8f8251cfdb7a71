"""Adding a term to a glossary file, and find-and-replace's rules (table-driven).

A term is appended in the file's own column order, keeping every existing byte; a file
that does not exist is made with a header; a term the file cannot hold is refused before
anything is written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from workbench.adapters.glossary_files import load_glossary
from workbench.domain.glossary import Term, TermStatus
from workbench.domain.replace import Replaced, Search
from workbench.errors import UserError
from workbench.services.glossaries import add_term

CIVIC = REPO / "glossaries" / "civic.de-en.tsv"
P, A, F, DNT = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.FORBIDDEN, TermStatus.DNT


def test_a_term_is_appended_keeping_every_byte(tmp_path: Path) -> None:
    glossary = tmp_path / "civic.tsv"
    shutil.copy(CIVIC, glossary)
    before = glossary.read_bytes()
    add_term(glossary, Term("Ratssitzung", "council meeting", P, "of a city council"))
    after = glossary.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :] == b"Ratssitzung\tcouncil meeting\tpreferred\tof a city council\n"
    concept = load_glossary(glossary).concept("Ratssitzung")
    assert concept is not None and concept.preferred_targets == ("council meeting",)


def test_a_new_file_gets_a_header_and_csv_quotes(tmp_path: Path) -> None:
    tsv = tmp_path / "new.tsv"
    add_term(tsv, Term("DeepSeek", "DeepSeek", DNT))
    assert tsv.read_text(encoding="utf-8") == "source\ttarget\tstatus\tnote\nDeepSeek\t\tdnt\n"
    csv = tmp_path / "new.csv"
    add_term(csv, Term("Bildung, Forschung", "education, research", A))
    assert csv.read_text(encoding="utf-8").splitlines()[1] == (
        '"Bildung, Forschung","education, research",admitted,'
    )
    assert load_glossary(csv).concept("Bildung, Forschung") is not None


def test_a_term_starting_with_hash_or_backslash_hash_reads_back_as_added(tmp_path: Path) -> None:
    # TSV reads a leading "\\#" as an escaped "#": both rows need the writer's escape
    glossary = tmp_path / "hashes.tsv"
    for source, target in (("#hashtag", "hashtag"), ("\\#escaped", "escaped")):
        assert add_term(glossary, Term(source, target, P)).source == source
    assert [c.source for c in load_glossary(glossary).concepts] == ["#hashtag", "\\#escaped"]


def test_the_file_own_column_order_is_kept(tmp_path: Path) -> None:
    glossary = tmp_path / "ordered.tsv"
    glossary.write_text(
        "status\tnote\tsource\ttarget\npreferred\t\tHaus\thouse\n", encoding="utf-8"
    )
    add_term(glossary, Term("Hof", "yard", A, "farmyard"))
    assert glossary.read_text(encoding="utf-8").splitlines()[-1] == "admitted\tfarmyard\tHof\tyard"


@pytest.mark.parametrize(
    ("name", "term", "why"),
    [
        ("civic.tsv", Term("Landrat", "County Executive", F), "County Executive"),  # conflict
        ("civic.tsv", Term("Haus", "house\tyard", P), "tab"),
        ("civic.tbx", Term("Haus", "house", P), ".tsv or .csv"),
        ("narrow.tsv", Term("Haus", "house", P, "a note"), "no note column"),
    ],
)
def test_a_term_the_file_cannot_hold_is_refused(
    tmp_path: Path, name: str, term: Term, why: str
) -> None:
    glossary = tmp_path / name
    if name.startswith("civic"):
        shutil.copy(CIVIC, glossary)
    else:
        glossary.write_text("source\ttarget\tstatus\nHof\tyard\tpreferred\n", encoding="utf-8")
    before = glossary.read_bytes()
    with pytest.raises(UserError, match=why):
        add_term(glossary, term)
    assert glossary.read_bytes() == before


@pytest.mark.parametrize(
    ("search", "text", "expected"),
    [
        (Search("China", "PRC"), "China-U.S. ties with china", "PRC-U.S. ties with PRC"),
        (Search("China", "PRC", match_case=True), "China and china", "PRC and china"),
        (Search("art", "craft", whole_words=True), "art and smart art.", "craft and smart craft."),
        (Search("a.b", "x"), "a.b axb", "x axb"),  # literal unless a regex
        (Search(r"(\d+)\.(\d+)", r"\2/\1", regex=True), "25.10 und 3.4", "10/25 und 4/3"),
        (Search("Straße", "Strasse"), "STRASSE, Straße", "STRASSE, Strasse"),
        (Search("x", "y"), "nothing here", None),
    ],
)
def test_find_and_replace_rules(search: Search, text: str, expected: str | None) -> None:
    found = search.apply(text)
    assert (found.text if found else None) == expected


def test_the_replaced_spans_are_where_the_new_text_is() -> None:
    assert Search("a", "xyz").apply("banana") == Replaced("bxyznxyznxyz", ((1, 4), (5, 8), (9, 12)))


@pytest.mark.parametrize(
    ("search", "message"),
    [
        (Search(""), "type something"),
        (Search("(", regex=True), "not a regular expression"),
        (Search("a", r"\2", regex=True), "missing group"),
    ],
)
def test_bad_searches_are_said(search: Search, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        search.plan([(0, "a")])
