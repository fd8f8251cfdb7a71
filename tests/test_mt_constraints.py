"""Glossary and markup enforcement on MT output holds whatever the model emits.

Table rows are (source, raw MT output) → what the repaired target must contain or lack, for
each way terms reach the model (placeholders; the source as written, where the model writes
terms in words); the property tests throw random model outputs (built from placeholders,
term fragments, near misses, forbidden renderings and noise) at the repair and check the
invariants: every preferred and dnt occurrence present, no forbidden rendering.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.glossary import Glossary, GlossaryMatcher, Term, TermStatus
from workbench.domain.mt_constraints import (
    TermMode,
    enforce,
    forbidden_renderings,
    kept,
    markup_spans,
    prepare,
)

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
        Term("Marc Elrich", "Marc Elrich", D, case_sensitive=True),
        Term("Bundesstaat", "state", P),
        Term("Bundesstaat", "federal state", F),
        Term("Mitglied des Stadtrats", "city council member", P),
    ]
)
MATCHER = GlossaryMatcher(GLOSSARY)


def run(
    source: str, mt: str, mode: TermMode = TermMode.SOURCE
) -> tuple[str, list[tuple[str, str, str]]]:
    prepared = prepare(source, MATCHER, mode)
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
        ["County Executive"],
        [],
        {"inserted"},  # the model left the term out: it is put in where the source had it
    ),
    (
        "Die Landräte und der Landrat sprachen.",
        "The County Executive spoke.",
        ["County Executive"],
        [],
        {"ok", "inserted"},  # once in the output, twice in the source: one more goes in
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


# --- placeholders: what the model copies becomes the term in the right English form ---------

PLACEHOLDER_CASES = [
    # (source, model output, expected target, statuses)
    ("Der Landrat sprach.", "The {1} spoke.", "The County Executive spoke.", {"ok"}),
    ("Die Landräte sprachen.", "The {1} spoke.", "The County Executives spoke.", {"ok"}),
    ("Mit den Landräten.", "With the {1}.", "With the County Executives.", {"ok"}),
    (
        "Die Rede des Landrats.",
        "The speech of the {1}.",
        "The speech of the County Executive.",
        {"ok"},
    ),
    ("Die Rede des Landrats.", "The {1}'s speech.", "The County Executive's speech.", {"ok"}),
    ("Die Rede der Landräte.", "The {1}'s speech.", "The County Executives' speech.", {"ok"}),
    (
        "Marc Elrichs Rede war kurz.",
        "{1} speech was short.",
        "Marc Elrich's speech was short.",
        {"ok"},
    ),
    ("Die Rede Marc Elrichs.", "The speech of {1}.", "The speech of Marc Elrich.", {"ok"}),
    (
        "Zwei Mitglieder des Stadtrats kamen.",
        "Two {1} came.",
        "Two city council members came.",
        {"ok"},
    ),
    ("Jeder Bundesstaat stimmte.", "{1} voted.", "State voted.", {"ok"}),  # sentence start
    ("Der Landrat sprach.", "The spoke.", "The County Executive spoke.", {"inserted"}),
    ("Der Landrat sprach.", "The {1} {1} spoke {7}.", "The County Executive spoke.", {"ok"}),
    ("Der Landrat sprach.", "The { 1 } spoke.", "The County Executive spoke.", {"ok"}),
    (
        "Der Landrat traf DeepSeek und den Landrat.",
        "{1} met {3}.",
        "County Executive DeepSeek met County Executive.",  # between its neighbours
        {"ok", "inserted"},
    ),
]


@pytest.mark.parametrize(("source", "mt", "expected", "statuses"), PLACEHOLDER_CASES)
def test_placeholders_become_the_right_english_form(
    source: str, mt: str, expected: str, statuses: set[str]
) -> None:
    target, records = run(source, mt, TermMode.PLACEHOLDER)
    assert target == expected
    assert {status for _, _, status in records} == statuses, records


def test_terms_become_placeholders_in_the_model_input() -> None:
    prepared = prepare("Der Landrat von Montgomery County nutzt {1}.", MATCHER)
    assert prepared.mt_input == "Der {2} von {3} nutzt {1}."  # the source's own {1} is markup
    assert [r.kind for r in prepared.requirements] == ["preferred", "dnt", "markup"]
    injected = prepare("Die Landräte von Montgomery County", MATCHER, TermMode.INJECT)
    assert injected.mt_input == "Die County Executives von Montgomery County"
    assert prepare("Der Landrat", MATCHER, TermMode.SOURCE).mt_input == "Der Landrat"


def test_the_source_placeholder_is_kept_as_markup() -> None:
    target, records = run("Der Landrat nutzt {1}.", "The {2} uses {1}.", TermMode.PLACEHOLDER)
    assert target == "The County Executive uses {1}."
    assert ("markup", "{1}", "ok") in records


def test_kept_counts_what_a_hypothesis_already_satisfies() -> None:
    prepared = prepare("Der Landrat nutzt DeepSeek.", MATCHER)
    assert kept(prepared, "The {1} uses {2}.", MATCHER) == 2
    assert kept(prepared, "The {1} uses {1}.", MATCHER) == 0  # a copy twice is not kept
    sourced = prepare("Der Bundesstaat", MATCHER, TermMode.SOURCE)
    assert kept(sourced, "The state", MATCHER) == 1
    assert kept(sourced, "The federal state", MATCHER) == 0  # the forbidden one counts against


def test_forbidden_renderings_in_the_spellings_a_model_writes() -> None:
    renderings = forbidden_renderings(prepare("Der Landrat und die Partnerstadt", MATCHER))
    for spelled in ("District Administrator", "district administrator", "District Administrators"):
        assert spelled in renderings
    assert "twin town" in renderings and "Twin towns" in renderings


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
        ("prose percent: 50 % der Gäste, 20 % erreicht, 100%ig", []),
        ("positional %1$s and %2$d", ["%1$s", "%2$d"]),
        ("Nutze <b0>nie</b0> <c1/>.", ["<b0>", "</b0>", "<c1/>"]),
    ],
)
def test_markup_spans(text: str, spans: list[str]) -> None:
    assert [text[s:e] for s, e in markup_spans(text)] == spans


def test_summary_says_what_was_done() -> None:
    result = enforce(prepare("Der Landrat nutzt DeepSeek.", MATCHER), "The {1} uses it.", MATCHER)
    assert result.summary == "2/2 enforced (1 inserted)"


# --- property: whatever the model emits ----------------------------------------------------

FRAGMENTS = [
    "{1}",
    "{2}",
    "{3}",
    "{ 4 }",
    "{9}",
    "'s",
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
@given(source=st.sampled_from(SOURCES), mt=outputs, mode=st.sampled_from(list(TermMode)))
def test_enforcement_holds_for_any_model_output(source: str, mt: str, mode: TermMode) -> None:
    prepared = prepare(source, MATCHER, mode)
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
    # every preferred occurrence is there, as often as in the source
    for concept in {id(r.concept): r.concept for r in prepared.requirements if r.concept}.values():
        wanted = sum(1 for r in prepared.requirements if r.concept is concept)
        found = sum(len(MATCHER.find_target(t, target)) for t in concept.preferred_targets)
        assert found >= wanted, (concept.source, target)
    assert "missing" not in {r.status for r in result.records}
    # one record per requirement at least; no placeholder of ours is left
    assert len(result.records) >= len(prepared.requirements)
    assert not any(r.placeholder in target for r in prepared.requirements if r.placeholder)


def test_inline_tags_the_model_turned_round_are_put_back_in_order() -> None:
    prepared = prepare("Nutze <b0>nie</b0> <a1>die Doku</a1> ohne <c2/>.")
    done = enforce(prepared, "Never use </b0>alone<b0> <a1>the docs</a1> without <c2/>.")
    assert done.target == "Never use <b0>alone</b0> <a1>the docs</a1> without <c2/>."
    assert ("markup", "<b0>", "repaired") in [(r.kind, r.term, r.status) for r in done.records]
    missing = enforce(prepared, "Never use the docs.")
    assert all(tag in missing.target for tag in ("<b0>", "</b0>", "<a1>", "</a1>", "<c2/>"))
