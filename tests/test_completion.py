"""Interactive completion: the domain rules (tables) and the service on the real tiny model.

The model's continuations are noise (random weights); what is asserted is the mechanism:
the typed text is never changed, the completion continues exactly it, glossary terms the
typed text holds go to the model as the source's placeholders and placeholders in the
continuation come back as the terms, a completion follows typing that agrees with it, and
a newer keystroke stops an older request.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.conftest import REPO
from workbench.adapters import argos_packages as ap
from workbench.adapters.glossary_files import load_glossaries
from workbench.domain.completion import (
    Completion,
    follow,
    model_prefix,
    next_word,
    shown_continuation,
)
from workbench.domain.glossary import Glossary, GlossaryMatcher, Term, TermStatus
from workbench.domain.mt_constraints import prepare
from workbench.services.completion import Completer

P, F, D = TermStatus.PREFERRED, TermStatus.FORBIDDEN, TermStatus.DNT
MATCHER = GlossaryMatcher(
    Glossary.from_terms(
        [
            Term("Landrat", "County Executive", P),
            Term("Partnerstadt", "sister city", P),
            Term("DeepSeek", "DeepSeek", D, case_sensitive=True),
        ]
    )
)
SOURCE = "Der Landrat besuchte die Partnerstädte und DeepSeek."  # {1} {2} {3}


@pytest.mark.parametrize(
    ("typed", "prefix"),
    [
        ("", ""),
        ("The County Executive visited", "The {1} visited"),
        ("The county executive visited", "The county executive visited"),  # not the term's case
        ("The County Executive visited the sister cities", "The {1} visited the {2}"),
        ("The County Executive visited the sister city", "The {1} visited the {2}"),
        ("The County Exec", "The County Exec"),  # a term half typed stays as typed
    ],
)
def test_model_prefix(typed: str, prefix: str) -> None:
    assert model_prefix(prepare(SOURCE, MATCHER), typed) == prefix


@pytest.mark.parametrize(
    ("typed", "continuation", "shown"),
    [
        ("The ", "{1} visited", "County Executive visited"),
        ("", "{1} visited", "County Executive visited"),
        ("The County Executive visited the ", "{2} and {3}.", "sister cities and DeepSeek."),
        ("The County Executive", " met {1} again.", " met again."),  # never twice
        ("The ", "{1}'s {9} visit", "County Executive's visit"),  # invented {9}: dropped
        ("It was. ", "{2} came", "Sister cities came"),  # a sentence start
    ],
)
def test_shown_continuation(typed: str, continuation: str, shown: str) -> None:
    prepared = prepare(SOURCE, MATCHER)
    prefix = model_prefix(prepared, typed)
    assert shown_continuation(prepared, prefix, continuation, typed) == shown


def test_follow_and_next_word() -> None:
    c = Completion("The Coun", "ty Executive visited.", ("Landrat",))
    assert follow(c, "The County") == Completion("The County", " Executive visited.")
    assert follow(c, "The Coup") is None  # typed something else
    assert follow(c, "The Cou") is None  # deleted
    assert follow(c, "The County Executive visited.") == Completion(
        "The County Executive visited.", ""
    )
    assert next_word(" Executive visited.") == " Executive"
    assert next_word("ty Executive") == "ty"
    assert next_word(", then") == ","
    assert next_word("") == ""


# --- the service on the real tiny model --------------------------------------------------


@pytest.fixture
def completer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argosmodel: Path) -> Completer:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    package = ap.install_archive(argosmodel)
    glossary = load_glossaries([REPO / "glossaries" / "civic.de-en.tsv"])
    return Completer(package, glossary)


SENTENCE = "Einer von ihnen war Marc Elrich, Landrat von Montgomery County in Maryland."


@pytest.mark.parametrize(
    "typed",
    ["", "One of them", "One of them was ", "One of them was Marc Elrich, County Executive of Mo"],
)
def test_a_completion_continues_exactly_what_was_typed(completer: Completer, typed: str) -> None:
    updates: list[Completion] = []
    result = completer.complete(SENTENCE, typed, on_update=updates.append)
    assert result is not None and result.typed == typed
    assert result.rest.strip(), "the model continued with nothing"
    assert not (typed.endswith(" ") and result.rest.startswith(" "))
    # the model's own continuation of the same prefix, placeholders put back: the same text
    prepared = completer.prepared(SENTENCE)
    prefix = model_prefix(prepared, typed)
    raw = list(completer.engine.continuation(prepared.mt_input, prefix, 200))[-1]
    assert result.rest.startswith(shown_continuation(prepared, prefix, raw, typed)[:20])
    assert updates and all(u.typed == typed for u in updates)
    assert all(result.rest.startswith(u.rest.rsplit(" ", 1)[0]) for u in updates)
    assert "{" not in result.rest  # no placeholder reaches the translator


def test_typed_terms_go_to_the_model_as_placeholders(completer: Completer) -> None:
    prepared = completer.prepared(SENTENCE)
    assert prepared.mt_input == "Einer von ihnen war {1}, {2} von {3} in Maryland."
    typed = "One of them was Marc Elrich, County Executive of "
    assert model_prefix(prepared, typed) == "One of them was {1}, {2} of "


def test_a_newer_keystroke_stops_the_older_request(completer: Completer) -> None:
    stop = threading.Event()
    seen: list[Completion] = []

    def update(c: Completion) -> None:
        seen.append(c)
        stop.set()  # the translator typed again after the first word

    assert completer.complete(SENTENCE, "One", on_update=update, cancelled=stop.is_set) is None
    assert len(seen) == 1


def test_alternatives_at_the_cursor(completer: Completer) -> None:
    result = completer.complete(SENTENCE, "One of them was ")
    assert result is not None
    first = next_word(result.rest).strip()
    assert first not in result.alternatives and len(result.alternatives) <= 2
