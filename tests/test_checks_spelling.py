"""The spelling and acronyms checks, with Debian's real Hunspell dictionaries (make sysdeps)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.support.po_corpus import debian_catalogue, write
from workbench.adapters.glossary_files import load_glossary
from workbench.adapters.spelling import HunspellSpeller, add_words, read_words
from workbench.cli import main
from workbench.domain.checks import CHECKS, CheckContext, Severity
from workbench.domain.checks.spelling import misspellings
from workbench.domain.glossary.matching import GlossaryMatcher
from workbench.domain.glossary.model import Glossary, Term, TermStatus
from workbench.domain.units import Unit
from workbench.services.checking import load_units

SPELLERS = {v: HunspellSpeller(v) for v in ("en", "en-US", "en-GB")}


def found(source: str, target: str, variety: str = "en", **context: object) -> list[str]:
    ctx = CheckContext(speller=SPELLERS[variety], **context)  # type: ignore[arg-type]
    return [f.message for f in CHECKS["spelling"]().check_unit(Unit("u", source, target), ctx)]


# (German source, English target, the misspelt words reported, in order)
ROWS = [
    (
        "Die Regierung erhielt den Brief.",
        "The goverment recieved the letter.",
        ["goverment", "recieved"],
    ),
    ("Die Regierung erhielt den Brief.", "The government received the letter.", []),
    # names that are in the source, also inflected or spelt without ß/umlauts
    ("Marc Elrich sprach mit DeepSeek.", "Marc Elrich talked to DeepSeek.", []),
    ("Hangzhous Partnerstädte", "Hangzhou's sister cities", []),
    ("an der Großen Zinne", "on the Grosse Zinne", []),
    ("Herr Müller kam.", "Mr Mueller came.", []),
    ("die Berufsfeuerwehr Linz", "the Linz Feuerwehr", []),
    # capitalised names not in the source are names, not typos
    ("Der Präsident der Ukraine", "Ukraine's president Zelensky", []),
    # but a capitalised sentence start one keystroke from a common word is a typo
    ("Weil es regnete.", "Becuase it rained.", ["Becuase"]),
    # not prose: URLs, e-mail, code, placeholders, markup, handles, numbers, abbreviations
    ("Siehe", "See https://exmaple.org/pathh and write to writter@exmaple.org", []),
    ("Führe aus", "Run `pip instal foo` with {nmae} and %(cnt)s <bx> @hndle #tagg", []),
    ("Es kostet 10km", "It costs 10km, 3rd, COVID19 and NATO", []),
    # a label's accelerator marker splits its word (Qt's &, acceptance-4 TOP 8)
    ("Kodier&ung und Imm&er", "Encod&ing and Alwa&ys, salt & peper", ["peper"]),
    # closed compounds of two words, derivations of known words, hyphenated prefixes
    ("Der Hinweisgeber", "The whistleblower's roadwork", []),
    ("ein Influencer", "an influencer, wirelessly, unpermitted", []),
    ("Halbfinalist", "the semi-finalist and the 30-year-olds", []),
    # a missing space is no compound
    ("das Depot war", "the depotwas", ["depotwas"]),
    # a hyphenated word nobody knows is reported whole, once
    ("Angst", "the heebie-jeebies", ["heebie-jeebies"]),
    # a per cent sign is no printf placeholder: the word after it is checked
    ("zu 100 Prozent", "never 100% eliminated, 14% income, 5% elimnated", ["elimnated"]),
    # a suffix after a hyphen
    ("wie King Kong", "King Kong-esque, yellow-ish", []),
    # a term German keeps as the first part of a compound, unless it is a typo of a word
    ("ein Nodosaurier, fipronilhaltig", "a nodosaur, fipronil-containing", []),
    ("die Informationstechnik", "the informatio technology", ["informatio"]),
    # a unit or scale right after a number; a particle in a name
    ("rund 2 Mrd. Euro", "around 2 bn euros, 3bn dollars", []),
    ("rund 2 Mrd. Euro", "around bn euros", ["bn"]),
    ("im Invalidendom", "at the Dôme des Invalides and Rio de Janeiro", []),
    ("im Invalidendom", "at the home des invalid", ["des"]),
]


@pytest.mark.parametrize(("source", "target", "words"), ROWS)
def test_spelling_rows(source: str, target: str, words: list[str]) -> None:
    messages = found(source, target)
    assert [m.split(" ", 1)[0].rstrip(":") for m in messages] == words, messages


def test_as_the_translator_types_no_suggestions_are_looked_up() -> None:
    ctx = CheckContext(speller=SPELLERS["en-US"], live=True)
    unit = Unit("u", "Er erhielt ihn.", "He recieved it.")
    [finding] = CHECKS["spelling"]().check_unit(unit, ctx)
    assert finding.message == "recieved: not in the en-US dictionary"


def test_the_message_names_the_suggestion() -> None:
    [message] = found("Er erhielt ihn.", "He recieved it.", "en-US")
    assert message.startswith("recieved → received")
    assert "en-US dictionary" in message


@pytest.mark.parametrize(
    ("variety", "target", "expected"),
    [
        ("en-US", "The colour is red.", "colour → color: en-GB spelling; the project writes en-US"),
        ("en-GB", "The color is red.", "color → colour: en-US spelling; the project writes en-GB"),
        ("en", "The colour and the color.", ""),  # a project that chose no variety
    ],
)
def test_the_project_variety(variety: str, target: str, expected: str) -> None:
    messages = found("Die Farbe ist rot.", target, variety)
    assert messages == ([expected] if expected else []), messages


def test_glossary_targets_and_the_word_list_are_words() -> None:
    civic = load_glossary(REPO / "glossaries" / "civic.de-en.tsv")
    matcher = GlossaryMatcher(civic)
    target = "The Landkreis officials met Grindl and the frobnicator."
    assert found("Die Beamten trafen sich.", target) == [
        "Landkreis: not in the en dictionary",
        "Grindl → Grind (or Grinds, Grind l): not in the en dictionary",
        "frobnicator: not in the en dictionary",
    ] or "frobnicator" in " ".join(found("Die Beamten trafen sich.", target))
    quiet = found(
        "Die Beamten trafen sich.",
        target,
        matcher=matcher,
        words=frozenset({"Landkreis", "Grindl", "frobnicator"}),
    )
    assert quiet == []


def test_misspelt_spans_for_the_editor() -> None:
    target = "The goverment and the goverment."
    spans = misspellings(target, "", SPELLERS["en"])
    assert [(s.start, s.end, s.word) for s in spans] == [
        (4, 13, "goverment"),
        (22, 31, "goverment"),
    ]
    assert all(target[s.start : s.end] == s.word for s in spans)


def test_each_misspelt_word_is_one_finding_with_its_term() -> None:
    ctx = CheckContext(speller=SPELLERS["en"])
    unit = Unit("u", "", "The goverment and the goverment.")
    [finding] = CHECKS["spelling"]().check_unit(unit, ctx)
    assert finding.term == "goverment" and finding.severity is Severity.WARNING


def test_word_list_file(tmp_path: Path) -> None:
    words = tmp_path / "glossaries" / "words.txt"
    assert read_words(words) == []
    assert add_words(words, ["Grindl", "frobnicator"]) == ["Grindl", "frobnicator"]
    assert add_words(words, ["Grindl", "Elrich"]) == ["Elrich"]
    words.write_text(words.read_text() + "# a comment\n\n", encoding="utf-8")
    assert read_words(words) == ["Grindl", "frobnicator", "Elrich"]


# --- acronyms ------------------------------------------------------------------------------

ACRONYMS = [
    ("Der AFC gewann.", "The AFC won.", None),
    ("Der AFC gewann.", "The AGC won.", Severity.WARNING),  # pofilter's catch
    ("Die CDU und die SPD", "The CDU and the SPD", None),
    ("Die CDU und die SPD", "The CDU and the Social Democrats", Severity.INFO),  # spelt out
    ("der US-Präsident", "the U.S. President", None),
    ("in den USA", "in the US", None),  # an established English form
    ("die EZB", "the ECB", None),
    ("die Partei AfD", "the AfD party", None),  # not all capitals
    ("Die NGO half.", "The NGOs helped; the NGO's staff", None),
    ("Das war NIE so.", "That was NEVER the case.", None),  # capitals for emphasis
    ("der Zweite Weltkrieg II", "World War II", None),
    ("GSG9 kam", "The GSG 9 came", None),
    ("ACHTUNG SOFORT RÄUMEN", "WARNING EVACUATE NOW", None),  # all in capitals
    ("die UN-Vollversammlung", "the US General Assembly", Severity.WARNING),
    # the acronym of the acronym and the word after it: the whole name's own acronym
    ("für 1.400 US-Dollar", "for USD 1,400", Severity.INFO),
    ("gegen den AC Florenz", "against ACF Fiorentina", Severity.INFO),
    ("gegen den AC Florenz", "against ACM Fiorentina", Severity.WARNING),
    ("der Verein AFC", "the club AFCB", Severity.WARNING),
    # metavariables in capitals are words, translated (coreutils)
    ("  -t, --type=TYP   TYP setzen", "  -t, --type=TYPE   set TYPE", None),
    ("  --words=LISTE", "  --words=LIST", None),
    ("die NATO", "the NAGO", Severity.WARNING),
]


@pytest.mark.parametrize(("source", "target", "severity"), ACRONYMS)
def test_acronym_rows(source: str, target: str, severity: Severity | None) -> None:
    ctx = CheckContext(speller=SPELLERS["en"])
    findings = CHECKS["acronyms"]().check_unit(Unit("u", source, target), ctx)
    expected = [] if severity is None else [severity]
    assert [f.severity for f in findings][:1] == expected, [f.message for f in findings]


def test_acronym_messages_name_what_the_translation_has() -> None:
    [f] = CHECKS["acronyms"]().check_unit(
        Unit("u", "Der AFC gewann.", "The AGC won."), CheckContext()
    )
    assert f.message == "the acronym “AFC” is “AGC” in the translation" and f.term == "AFC"


def test_acronyms_count_glossary_terms() -> None:
    glossary = Glossary.from_terms([Term("BUGA", "Federal Garden Show", TermStatus.PREFERRED)])
    unit = Unit("u", "Die BUGA kam.", "The Federal Garden Show came.")
    assert [f.check for f in CHECKS["acronyms"]().check_unit(unit, CheckContext())] == ["acronyms"]
    with_glossary = CheckContext(matcher=GlossaryMatcher(glossary))
    assert CHECKS["acronyms"]().check_unit(unit, with_glossary) == []


# --- the command --------------------------------------------------------------------------


def test_check_add_word_silences_the_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "workbench.toml").write_text(
        '[project]\ntarget_language = "en-GB"\n[[corpus]]\nsource = "s.md"\npo = "a.po"\n',
        encoding="utf-8",
    )
    (tmp_path / "a.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "s1"\nmsgid "Die Regierung erhielt die Farbe."\n'
        'msgstr "The goverment received the color."\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--checks", "spelling", "--fail-on", "warning", "-f", "json"]) == 1
    out = capsys.readouterr().out
    assert "goverment → government" in out and "en-US spelling; the project writes en-GB" in out
    assert main(["check", "--add-word", "goverment"]) == 0
    assert "goverment: added to glossaries/words.txt" in capsys.readouterr().out
    assert (tmp_path / "glossaries" / "words.txt").read_text(encoding="utf-8") == "goverment\n"
    assert main(["check", "--checks", "spelling", "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [f["term"] for f in report["findings"]] == ["color"]


# --- each word decided once per run -------------------------------------------------------


def _turned_round(name: str, tmp_path: Path) -> list[tuple[str, str]]:
    """A real catalogue's entries as (German source, English target) pairs: its msgstr
    checked as the source of its msgid, every fifth target with two letters swapped in its
    longest word (a typo the check must find wherever the word was seen before)."""
    pairs = []
    for i, unit in enumerate(load_units(write(tmp_path, name, debian_catalogue(name)))):
        if not (unit.source and unit.target):
            continue
        target = unit.source
        word = max(target.split(), key=len, default="")
        if i % 5 == 0 and len(word) >= 4:
            cut = len(word) // 2
            typo = word[: cut - 1] + word[cut] + word[cut - 1] + word[cut + 1 :]
            target = target.replace(word, typo)
        pairs.append((unit.target, target))
    return pairs


@pytest.mark.parametrize("name", ["coreutils", "dpkg-man"])
def test_what_the_check_remembers_does_not_depend_on_what_came_before(
    name: str, tmp_path: Path
) -> None:
    """A run remembers its verdicts on tokens and words; on real catalogue text, a target
    checked first (a dictionary of its own) and checked after everything else, in both
    orders, gives the same misspellings."""
    pairs = _turned_round(name, tmp_path)[:600]
    alone = [misspellings(t, s, HunspellSpeller("en")) for s, t in pairs]
    forward = HunspellSpeller("en")
    after = [misspellings(t, s, forward) for s, t in pairs]
    backward = HunspellSpeller("en")
    before = [misspellings(t, s, backward) for s, t in reversed(pairs)][::-1]
    assert after == alone and before == alone
    assert sum(map(len, alone)) > 50  # the planted typos (and the catalogue's own words) found
