"""Glossary checks through the context's matcher: preferred, forbidden, dnt and compound hits."""

from __future__ import annotations

import pytest

from workbench.domain.checks import CHECKS, Check, CheckContext, CheckSuite
from workbench.domain.glossary.matching import GlossaryMatcher
from workbench.domain.glossary.model import Glossary, Term, TermStatus
from workbench.domain.units import Unit

P, A, F, D = TermStatus.PREFERRED, TermStatus.ADMITTED, TermStatus.FORBIDDEN, TermStatus.DNT

GLOSSARY = Glossary.from_terms(
    [
        Term("Landrat", "County Executive", P),
        Term("Landrat", "District Administrator", F),
        Term("Städtepartnerschaft", "sister city partnership", P),
        Term("Städtepartnerschaft", "sister city relationship", A),
        Term("Städtepartnerschaft", "town twinning", F),
        Term("Bundesstaat", "state", P),
        Term("Bundesstaat", "federal state", F),
        Term("DeepSeek", "", D, case_sensitive=True),
        Term("Sister Cities International", "", D, case_sensitive=True),
        Term("GnuPG", "", D),
    ]
)


@pytest.fixture(scope="module")
def context() -> CheckContext:
    return CheckContext(matcher=GlossaryMatcher(GLOSSARY))


def run(check_id: str, source: str, target: str, context: CheckContext) -> list[str]:
    cls = CHECKS[check_id]
    assert issubclass(cls, Check)
    return [f.message for f in cls().check_unit(Unit("x", source, target), context)]


ROWS = [
    # glossary: exact and inflected source hits are enforced
    (
        "glossary",
        "Marc Elrich, Landrat von Montgomery County",
        "Marc Elrich, County Executive of Montgomery County",
        False,
    ),
    (
        "glossary",
        "Marc Elrich, Landrat von Montgomery County",
        "Marc Elrich, county executive of Montgomery County",
        True,
    ),
    (
        "glossary",
        "Das Büro des Landrats",
        "The County Executive's office",
        False,
    ),  # inflected + possessive
    ("glossary", "Das Büro des Landrats", "The office of the district head", True),
    (
        "glossary",
        "Zwei Landräte kamen.",
        "Two County Executives came.",
        False,
    ),  # plural on both sides
    (
        "glossary",
        "Die Städtepartnerschaft wächst.",
        "The sister city relationship grows.",
        False,
    ),  # admitted
    ("glossary", "Die Städtepartnerschaften wachsen.", "The sister city partnerships grow.", False),
    ("glossary", "Die Städtepartnerschaft wächst.", "The partnership grows.", True),
    (
        "glossary",
        "Das Landratsamt ist groß.",
        "The county office is large.",
        False,
    ),  # compound: not enforced
    ("glossary", "Die Gäste kamen.", "The guests came.", False),
    # forbidden
    ("forbidden", "Marc Elrich, Landrat", "Marc Elrich, District Administrator", True),
    ("forbidden", "Marc Elrich, Landrat", "Marc Elrich, district administrator", True),  # any case
    ("forbidden", "Marc Elrich, Landrat", "Marc Elrich, County Executive", False),
    ("forbidden", "Die Städtepartnerschaft", "The town twinning", True),
    ("forbidden", "der US-Bundesstaat Ohio", "the federal state of Ohio", True),
    ("forbidden", "der US-Bundesstaat Ohio", "the state of Ohio", False),
    (
        "forbidden",
        "Die Gäste kamen.",
        "The District Administrator came.",
        False,
    ),  # term not in source
    # dnt
    ("dnt", "Sie kannten DeepSeek bereits.", "They already knew DeepSeek.", False),
    ("dnt", "Sie kannten DeepSeek bereits.", "They already knew Deepseek.", True),
    ("dnt", "Sie kannten DeepSeek bereits.", "They already knew Deep Search.", True),
    (
        "dnt",
        "Ehrenpräsidentin von Sister Cities International",
        "Honorary President of Sister Cities International",
        False,
    ),
    (
        "dnt",
        "Ehrenpräsidentin von Sister Cities International",
        "Honorary President of International Sister Cities",
        True,
    ),
    # a dnt term found in the source in other capitals may be kept as the source writes it
    # (gnupg2's catalogue: GNUPG, @GNUPG@, which the program expands), not changed otherwise
    ("dnt", "Schlüsselverwaltung für GNUPG", "Key management for GNUPG", False),
    ("dnt", "Schlüsselverwaltung für @GNUPG@", "Key management for @GNUPG@", False),
    ("dnt", "Schlüsselverwaltung für GNUPG", "Key management for GnuPG", False),
    ("dnt", "Schlüsselverwaltung für GNUPG", "Key management for Gnupg", True),
    ("dnt", "Schlüsselverwaltung für GNUPG", "Key management for GNUPGX", True),
    ("dnt", "Schlüsselverwaltung für GNUPG", "Key management for GPG", True),
    # compound hits are information only
    ("glossary-compound", "Das Landratsamt ist groß.", "The county office is large.", True),
    (
        "glossary-compound",
        "Das Landratsamt ist groß.",
        "The County Executive's office is large.",
        False,
    ),
    (
        "glossary-compound",
        "Der Landrat ist da.",
        "The county office is large.",
        False,
    ),  # exact hit: glossary's job
]


@pytest.mark.parametrize(("check_id", "source", "target", "fires"), ROWS)
def test_glossary_rows(
    check_id: str, source: str, target: str, fires: bool, context: CheckContext
) -> None:
    messages = run(check_id, source, target, context)
    assert bool(messages) is fires, messages


def test_messages_name_the_term_and_rendering(context: CheckContext) -> None:
    cls = CHECKS["glossary"]
    assert issubclass(cls, Check)
    [finding] = cls().check_unit(
        Unit("s1", "Das Büro des Landrats", "The county office", line=12), context
    )
    assert finding.term == "Landrat"
    assert "“Landrats”" in finding.message and "“County Executive”" in finding.message
    assert finding.severity.label == "error" and finding.line == 12


def test_one_finding_per_concept(context: CheckContext) -> None:
    messages = run("glossary", "Der Landrat traf den Landrat.", "The mayor met the mayor.", context)
    assert len(messages) == 1


def test_unchanged_exempts_dnt_only_segments(context: CheckContext) -> None:
    assert run("unchanged", "DeepSeek", "DeepSeek", context) == []
    assert run("unchanged", "Die Gäste kamen gestern.", "Die Gäste kamen gestern.", context) != []


def test_without_glossary_the_glossary_checks_are_silent() -> None:
    bare = CheckContext()
    for check_id in ("glossary", "forbidden", "dnt", "glossary-compound"):
        assert run(check_id, "Der Landrat", "The district administrator", bare) == []


def test_source_hits_are_scanned_once_per_source(context: CheckContext) -> None:
    calls = []
    matcher = context.matcher
    assert matcher is not None

    class Counting(GlossaryMatcher):
        def source_hits(self, text: str) -> list:  # type: ignore[type-arg]
            calls.append(text)
            return super().source_hits(text)

    counting = CheckContext(matcher=Counting(GLOSSARY))
    CheckSuite().check_unit(Unit("x", "Der Landrat kam.", "The mayor came."), counting)
    assert calls == ["Der Landrat kam."]


@pytest.mark.parametrize(
    ("source", "compound"),
    [
        ("Das Landratsamt ist groß.", "Landratsamt"),
        ("Die DeepSeek-Modelle sind neu.", "DeepSeek-Modelle"),
        ("Im Jugend-Landratsamt-Gebäude.", "Jugend-Landratsamt-Gebäude"),
    ],
)
def test_compound_finding_names_the_whole_source_word(
    source: str, compound: str, context: CheckContext
) -> None:
    (message,) = run("glossary-compound", source, "the office", context)
    assert message.startswith(f"“{compound}” contains the term"), message
