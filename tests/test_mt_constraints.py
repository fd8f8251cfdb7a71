"""Glossary and markup enforcement on MT output holds whatever the model emits.

Table rows are (source, raw MT output) → what the repaired target must contain or lack; the
property tests throw random model outputs (built from term fragments, near misses, forbidden
renderings and noise) at the repair and check the invariants.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.glossary import Glossary, GlossaryMatcher, Term, TermStatus
from workbench.domain.mt_constraints import enforce, markup_spans, prepare

P, F, D = TermStatus.PREFERRED, TermStatus.FORBIDDEN, TermStatus.DNT

GLOSSARY = Glossary.from_terms(
    [
        Term("Landrat", "County Executive", P),
        Term("Landrat", "District Administrator", F),
        Term("Städtepartnerschaft", "sister city partnership", P),
        Term("Städtepartnerschaft", "town twinning", F),
        Term("Partnerstadt", "sister city", P),
        Term("Partnerstadt", "twin town", F),
        Term("DeepSeek", "DeepSeek", D, case_sensitive=True),
        Term("Montgomery County", "Montgomery County", D),
    ]
)
MATCHER = GlossaryMatcher(GLOSSARY)


def run(source: str, mt: str) -> tuple[str, list[tuple[str, str, str]]]:
    prepared = prepare(source, MATCHER)
    result = enforce(prepared, mt, MATCHER)
    return result.target, [(r.kind, r.term, r.status) for r in result.records]


CASES = [
    # (source, model output, must contain, must not contain, expected statuses)
    (
        "Marc Elrich, Landrat von Montgomery County, nutzt DeepSeek.",
        "Marc Elrich, County Executive of Montgomery County, uses DeepSeek.",
        ["County Executive", "Montgomery County", "DeepSeek"],
        [],
        {"ok"},
    ),
    (
        "Marc Elrich, Landrat von Montgomery County, nutzt DeepSeek.",
        "Marc Elrich, District Administrator of Montgomery County, uses Deep Seek.",
        ["County Executive", "DeepSeek"],
        ["District Administrator", "Deep Seek"],
        {"ok", "repaired", "replaced"},
    ),
    (
        "Die Städtepartnerschaft mit der Partnerstadt ist alt.",
        "The town twinning with the twin town is old.",
        ["sister city partnership", "sister city"],
        ["town twinning", "twin town"],
        {"replaced", "ok"},
    ),
    (
        "Viele kannten DeepSeek bereits.",
        "Many knew it already.",
        ["DeepSeek"],
        [],
        {"inserted"},
    ),
    (
        "Der Landrat sprach.",
        "The chief spoke.",
        [],
        [],
        {"missing"},  # never invented into the sentence: recorded as not enforceable
    ),
    (
        "Klicken Sie <b>hier</b> auf https://example.org/a?b=1 für %(name)s.",
        "Click here on example dot org for name.",
        ["<b>", "</b>", "https://example.org/a?b=1", "%(name)s"],
        [],
        {"inserted"},
    ),
    (
        "DeepSeek und DeepSeek",
        "DeepSeek and",
        [],
        [],
        {"ok", "inserted"},
    ),
]


@pytest.mark.parametrize(("source", "mt", "present", "absent", "statuses"), CASES)
def test_enforcement_table(
    source: str, mt: str, present: list[str], absent: list[str], statuses: set[str]
) -> None:
    target, records = run(source, mt)
    for text in present:
        assert text in target, (text, target)
    for text in absent:
        assert text not in target, (text, target)
    assert {status for _, _, status in records} == statuses, records


def test_duplicate_dnt_terms_are_counted() -> None:
    """A dnt term twice in the source must be there twice in the target."""
    target, _ = run("DeepSeek und DeepSeek", "DeepSeek and")
    assert target.count("DeepSeek") == 2


def test_preferred_terms_are_injected_into_the_model_input() -> None:
    prepared = prepare("Der Landrat von Montgomery County", MATCHER)
    assert prepared.mt_input == "Der County Executive von Montgomery County"
    assert [r.kind for r in prepared.requirements] == ["preferred", "dnt"]
    assert prepare("Der Landrat", MATCHER, inject=False).mt_input == "Der Landrat"


def test_compound_hits_are_not_enforced() -> None:
    """Landratsamt contains the term but is another concept: nothing is required."""
    prepared = prepare("Das Landratsamt ist zu.", MATCHER)
    assert prepared.requirements == ()


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("a <b>x</b> c", ["<b>", "</b>"]),
        ("see https://example.org/x.", ["https://example.org/x"]),
        ("hi %s and %(n)d and {name} and {0}", ["%s", "%(n)d", "{name}", "{0}"]),
        ("run `workbench draft` now", ["`workbench draft`"]),
        ("Tom &amp; Jerry", ["&amp;"]),
        ("nothing here: 25. Oktober, 3,5 %", []),
    ],
)
def test_markup_spans(text: str, spans: list[str]) -> None:
    assert [text[s:e] for s, e in markup_spans(text)] == spans


def test_summary_says_what_was_not_enforced() -> None:
    result = enforce(prepare("Der Landrat nutzt DeepSeek.", MATCHER), "The chief uses it.", MATCHER)
    assert result.summary == "1/2 enforced (1 inserted); not enforceable: County Executive"


# --- property: whatever the model emits ----------------------------------------------------

FRAGMENTS = [
    "DeepSeek",
    "Deep Seek",
    "deepseek",
    "Deepseek",
    "District Administrator",
    "district administrator",
    "County Executive",
    "county executive",
    "Montgomery County",
    "Montgomery",
    "town twinning",
    "Town Twinning",
    "twin town",
    "twin towns",
    "sister city",
    "<b>",
    "</b>",
    "<",
    ">",
    "https://example.org/a",
    "http://",
    "%s",
    "{name}",
    "the",
    "of",
    ",",
    ".",
    "  ",
    "\n",
    "ä",
    "—",
    "",
]
SOURCES = [
    "Marc Elrich, Landrat von Montgomery County, nutzt DeepSeek.",
    "Die Städtepartnerschaft mit der Partnerstadt und DeepSeek.",
    "Klicken Sie <b>hier</b>: https://example.org/a für %s und {name}.",
    "Der Landrat und der Landrat sprachen über DeepSeek und DeepSeek.",
    "Kein Fachbegriff hier.",
]
outputs = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet="abcdeDSE <>/%{}-.,äß", max_size=8)),
    max_size=14,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(source=st.sampled_from(SOURCES), mt=outputs)
def test_enforcement_holds_for_any_model_output(source: str, mt: str) -> None:
    prepared = prepare(source, MATCHER)
    result = enforce(prepared, mt, MATCHER)
    target = result.target
    # dnt terms and markup come through verbatim, as often as in the source
    for req in prepared.requirements:
        if req.kind in ("dnt", "markup"):
            wanted = sum(1 for r in prepared.requirements if r.text == req.text)
            assert target.count(req.text) >= wanted, (req.text, target)
    # no forbidden rendering of a concept in the source survives
    for concept in prepared.concepts:
        assert MATCHER.forbidden_hits(concept, target) == [], (concept.source, target)
    # a preferred target is present, or recorded as not enforceable
    for req in prepared.requirements:
        if req.kind == "preferred" and not MATCHER.satisfied(req.concept, target):
            assert any(r.term == req.text and r.status == "missing" for r in result.records)
    # one record per requirement at least
    assert len(result.records) >= len(prepared.requirements)
