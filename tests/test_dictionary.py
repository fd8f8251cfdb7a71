"""The dictionary pane's lookups, on Debian's German–English dictionary (trans-de-en, Ding).

The Makefile's sysdeps and .ci/run install ``trans-de-en`` from apt; its index is built
once per test session in a private cache folder. Compound splitting is checked on its own
with a small table of weights, then on the real dictionary.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.adapters.dictionary import DEBIAN_DING, clean, german_forms, parse_line
from workbench.domain.compounds import Part, split_compound
from workbench.errors import UserError
from workbench.services.dictionary import Dictionary, content_words

needs_ding = pytest.mark.skipif(
    not DEBIAN_DING.is_file(), reason="Debian's trans-de-en is not installed (make sysdeps)"
)

WEIGHTS = {"land": 30, "rat": 20, "landrat": 2, "amt": 7, "samt": 3, "jugend": 4, "kunst": 2}


def weight(stem: str) -> int:
    return WEIGHTS.get(stem.casefold(), 0)


def weight_final(stem: str) -> int:
    return weight(stem) or weight(stem[:-1])  # one ending, as -s or -e


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # fewest parts first, then the commoner parts: not Land-rat-s-amts, not Landrat-samts
        ("Landratsamts", [Part("Landrat", "s"), Part("amts")]),
        ("Jugendkunst", [Part("Jugend"), Part("kunst")]),
        # a listed word splits too: the caller looks the whole word up first
        ("Landrat", [Part("Land"), Part("rat")]),
        ("Amt", None),  # one part is no split
        ("Jugendxyz", None),  # an unknown part: no split
        ("Amtsamt", [Part("Amt", "s"), Part("amt")]),
    ],
)
def test_compounds_split_into_known_parts(word: str, expected: list[Part] | None) -> None:
    assert split_compound(word, weight, weight_final) == expected


def test_a_ding_line_pairs_german_and_english_sub_entries() -> None:
    line = "Stadt {f} | Städte {pl} | in der Stadt :: town | towns | in town"
    senses = parse_line(line)
    assert senses is not None and [s.english for s in senses] == ["town", "towns", "in town"]
    assert list(german_forms(senses[1].german)) == ["Städte"]
    assert list(german_forms(senses[2].german)) == []  # a phrase is not a form
    assert list(german_forms("Aalmolche {pl} (Amphiuma) [zool.] <Aalmolch>")) == [
        "Aalmolche",
        "Aalmolch",
    ]
    assert clean("Landrat {m} [Dt.] (Niedersachsen)") == "Landrat"
    assert parse_line("# Version :: devel") is None


def test_content_words_leave_out_function_words() -> None:
    words = content_words(
        "Die Gäste besuchten im Rahmen der Veranstaltung das Zhijiang-Kulturzentrum."
    )
    assert words == [
        "Gäste",
        "besuchten",
        "Rahmen",
        "Veranstaltung",
        "Zhijiang-Kulturzentrum",
        "Zhijiang",
        "Kulturzentrum",
    ]


@pytest.fixture(scope="module")
def ding(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dictionary]:
    dictionary = Dictionary(DEBIAN_DING, cache=tmp_path_factory.mktemp("dictionary-index"))
    dictionary.prepare()
    yield dictionary
    dictionary.close()


@needs_ding
def test_the_index_is_built_once_in_the_cache(ding: Dictionary) -> None:
    assert ding.ready
    index = ding.ding.index_path()
    assert index.is_file() and index.parent == ding.ding.cache
    before = index.stat().st_mtime_ns
    ding.prepare()  # already there: not built again
    assert index.stat().st_mtime_ns == before


@needs_ding
@pytest.mark.parametrize(
    ("word", "form", "english"),
    [
        ("Haus", "Haus", "house"),
        ("Häuser", "Häuser", "houses"),  # a plural, found with its headword entry
        ("Partnerstädten", "Partnerstädte", "twin towns"),  # dative plural: one ending off
        ("besuchten", "besucht", "visited"),
        ("Nachhaltigkeit", "Nachhaltigkeit", "sustainability"),
    ],
)
def test_words_are_found_as_written_or_inflected(
    ding: Dictionary, word: str, form: str, english: str
) -> None:
    found = ding.lookup_word(word)
    assert found.form == form
    assert any(english in e.found.english for e in found.entries), found.entries


@needs_ding
def test_a_plural_shows_its_headword(ding: Dictionary) -> None:
    entry = next(e for e in ding.lookup_word("Häuser").entries if "houses" in e.found.english)
    assert not entry.is_head and entry.head.german.startswith("Haus {n}")


@needs_ding
@pytest.mark.parametrize(
    ("word", "parts", "english"),
    [
        ("Nachhaltigkeitsbericht", ["Nachhaltigkeit", "bericht"], ["sustainability", "report"]),
        ("Jugendkunstaustausch", ["Jugend", "kunst", "austausch"], ["youth", "art", "exchange"]),
        ("Landratsamts", ["Landrat", "amts"], ["county", "office"]),
    ],
)
def test_compounds_missing_from_the_dictionary_are_split(
    ding: Dictionary, word: str, parts: list[str], english: list[str]
) -> None:
    found = ding.lookup_word(word)
    assert not found.entries
    assert [p.text for p, _ in found.parts] == parts
    for (_, entries), meaning in zip(found.parts, english, strict=True):
        assert any(meaning in e.found.english for e in entries), entries


def test_without_the_dictionary_the_lookup_says_how_to_get_it(tmp_path: Path) -> None:
    missing = Dictionary(tmp_path / "no-such-file", cache=tmp_path / "cache")
    assert not missing.installed
    with pytest.raises(UserError, match="apt install trans-de-en"):
        missing.lookup_text("Das Haus")
