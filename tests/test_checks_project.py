"""The registry, the base-class API, waivers, and the project-wide consistency checks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workbench.domain.checks import (
    ALIASES,
    CHECKS,
    Check,
    CheckContext,
    CheckSuite,
    ProjectCheck,
    Severity,
    resolve_check_ids,
)
from workbench.domain.units import Unit, Waiver


def test_registry_ids_docstrings_and_defaults() -> None:
    # what a check judges is said by the check: the English-target ones are skipped for a
    # catalogue in another language, the speller's ones get a dictionary
    assert {i for i, c in CHECKS.items() if c.uses_speller} == {"spelling", "acronyms"}
    assert {i for i, c in CHECKS.items() if c.english_target} >= {"numbers", "quotes", "glossary"}
    for check_id, cls in CHECKS.items():
        assert cls.id == check_id
        assert isinstance(cls.severity, Severity)
        assert cls.title() and "\n" not in cls.title() and len(cls.title()) < 60, check_id
        assert len(cls.description()) > len(cls.title()), check_id
        assert issubclass(cls, Check | ProjectCheck)
    assert ALIASES["endpunc"] == "end-punctuation"
    assert ALIASES["same"] == "unchanged"
    assert ALIASES["doublewords"] == "double-words"


@pytest.mark.parametrize(
    ("names", "ids"),
    [
        (["glossary"], ("glossary",)),
        (["endpunc", "same"], ("end-punctuation", "unchanged")),
        (["Glossary", "glossary"], ("glossary",)),
        (["all"], tuple(CHECKS)),
    ],
)
def test_resolve_check_ids(names: list[str], ids: tuple[str, ...]) -> None:
    assert resolve_check_ids(names) == ids


def test_unknown_check_id() -> None:
    with pytest.raises(ValueError, match="unknown check 'nope'"):
        resolve_check_ids(["nope"])


def test_severity_order_and_parse() -> None:
    assert Severity.ERROR > Severity.WARNING > Severity.INFO
    assert Severity.parse("Warning") is Severity.WARNING
    with pytest.raises(ValueError, match="choose one of: error, warning, info"):
        Severity.parse("fatal")


UNIT = Unit("s1", "Es kamen 1.500 Gäste.", "1.500 guests came", line=9)


def test_waiver_silences_one_check_only() -> None:
    suite = CheckSuite(["numbers", "end-punctuation"])
    plain = suite.check_unit(UNIT, CheckContext())
    assert {f.check for f in plain} == {"numbers", "end-punctuation"}
    assert not any(f.waived for f in plain)
    waived = replace(UNIT, waivers=(Waiver("numbers", "quoted verbatim from a German form"),))
    found = {f.check: f for f in suite.check_unit(waived, CheckContext())}
    assert (
        found["numbers"].waived
        and found["numbers"].waiver_reason == "quoted verbatim from a German form"
    )
    assert not found["end-punctuation"].waived


@pytest.mark.parametrize(
    ("waiver", "waived"),
    [
        (Waiver("numbers", "ok", term="1.500"), True),
        (Waiver("numbers", "ok", term="2.000"), False),  # another term
        (Waiver("numbers", "   "), False),  # no reason: not honoured
        (Waiver("glossary", "ok"), False),  # another check
    ],
)
def test_waiver_matching(waiver: Waiver, waived: bool) -> None:
    unit = replace(UNIT, waivers=(waiver,))
    [finding] = CheckSuite(["numbers"]).check_unit(unit, CheckContext())
    assert finding.waived is waived


def located(*rows: tuple[str, str, str, str]) -> list[tuple[str, Unit]]:
    return [
        (file, Unit(uid, source, target, line=10 + i))
        for i, (file, uid, source, target) in enumerate(rows)
    ]


def test_inconsistent_across_files() -> None:
    units = located(
        ("a.po", "1", "Die Gäste kamen.", "The guests came."),
        ("b.po", "2", "Die Gäste kamen.", "The visitors came."),
        ("b.po", "3", "Die Gäste kamen.", "The  guests came."),  # same after whitespace
        ("b.po", "4", "Das Potenzial ist riesig.", "The potential is huge."),
    )
    findings = CheckSuite(["inconsistent"]).check_units(units, CheckContext())
    assert sorted((f.file, f.unit_id) for f in findings) == [
        ("a.po", "1"),
        ("b.po", "2"),
        ("b.po", "3"),
    ]
    by_id = {f.unit_id: f for f in findings}
    assert "“The visitors came.” at b.po:11" in by_id["1"].message
    assert all(f.severity is Severity.WARNING for f in findings)


def test_reused_translation_for_different_sources() -> None:
    units = located(
        ("a.po", "1", "Die Gäste kamen.", "The guests came."),
        ("a.po", "2", "Die Besucher kamen.", "The guests came."),
        ("a.po", "3", "die gäste kamen.", "The guests came."),
        ("a.po", "4", "Das Potenzial ist riesig.", "The potential is huge."),
    )
    findings = CheckSuite(["reused"]).check_units(units, CheckContext())
    assert sorted(f.unit_id for f in findings) == ["1", "2", "3"]


def test_sources_written_differently_are_not_a_reuse() -> None:
    units = located(
        ("a.po", "1", "Tesla lieferte 95000 Autos aus.", "Tesla delivered 95,000 cars."),
        ("b.po", "2", "Tesla lieferte 95.000 Autos aus.", "Tesla delivered 95,000 cars."),
        ("b.po", "3", "Die „Bild“ berichtet.", "The Bild reports."),
        ("b.po", "4", 'Die "Bild" berichtet.', "The Bild reports."),
    )
    assert CheckSuite(["reused"]).check_units(units, CheckContext()) == []


def test_a_reworded_copy_of_a_source_is_information_a_different_one_a_warning() -> None:
    """One text reworded in a few words (news agencies' paraphrases) may share a
    translation; two short messages differing in one word may not."""
    long_a = (
        "Anlegern gefiel das: Teslas Aktien gingen mit einem Plus von über sechs Prozent aus "
        "dem Handel. So stark hat der Kurs seit fast vier Monaten nicht mehr zugelegt. Im "
        "zweiten Quartal hatte Tesla gut 95.000 Autos ausgeliefert."
    )
    long_b = long_a.replace("gefiel das", "gefielen die Informationen")
    units = located(
        ("a.po", "1", long_a, "Investors liked it: Tesla shares closed up 6 percent."),
        ("a.po", "2", long_b, "Investors liked it: Tesla shares closed up 6 percent."),
        ("a.po", "3", "Die Datei %s konnte nicht geöffnet werden", "Cannot open the file %s"),
        ("a.po", "4", "Die Datei %s konnte nicht gelöscht werden", "Cannot open the file %s"),
        ("a.po", "5", "Falsche PIN", "Wrong PIN"),
        ("a.po", "6", "Falsche PIN!", "Wrong PIN"),
        ("a.po", "7", "Derzeit ist die Speicherung ausgesetzt.", "Storage is suspended."),
        ("a.po", "8", "Die Speicherung ist derzeit ausgesetzt.", "Storage is suspended."),
    )
    findings = {f.unit_id: f for f in CheckSuite(["reused"]).check_units(units, CheckContext())}
    assert sorted(findings) == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert [findings[i].severity for i in "12345678"] == [
        Severity.INFO,
        Severity.INFO,
        Severity.WARNING,
        Severity.WARNING,
        Severity.INFO,  # punctuation aside, the same words
        Severity.INFO,
        Severity.INFO,  # the same words in another order
        Severity.INFO,
    ]
    assert "a reworded copy of this source" in findings["1"].message


def test_project_findings_can_be_waived() -> None:
    units = located(
        ("a.po", "1", "Die Gäste kamen.", "The guests came."),
        ("a.po", "2", "Die Gäste kamen.", "Guests came."),
    )
    file, first = units[0]
    units[0] = (
        file,
        replace(first, waivers=(Waiver("inconsistent", "heading style"),)),
    )
    findings = {
        f.unit_id: f for f in CheckSuite(["inconsistent"]).check_units(units, CheckContext())
    }
    assert findings["1"].waived and not findings["2"].waived


def test_untranslated_units_are_not_consistency_candidates() -> None:
    units = located(
        ("a.po", "1", "Die Gäste kamen.", ""), ("a.po", "2", "Die Gäste kamen.", "Guests came.")
    )
    assert CheckSuite(["inconsistent", "reused"]).check_units(units, CheckContext()) == []


# --- the base class: attributes validated when a check class is made -------------------


def test_a_check_declares_what_it_is() -> None:
    from collections.abc import Iterable

    from workbench.domain.checks.base import Issue

    class Good(Check):
        """A check made for this test

        It says something about every unit.
        """

        id = "made-up"
        severity = Severity.WARNING
        pofilter = ("madeup",)

        def problems(self, unit: Unit, context: CheckContext) -> Iterable[Issue]:
            yield Issue("always", severity=Severity.INFO)

    [finding] = Good().check_unit(Unit("u", "Quelle.", "Source."), CheckContext(), "a.po")
    # the issue lowers the check's severity for this one problem
    assert (finding.check, finding.file, finding.severity) == ("made-up", "a.po", Severity.INFO)
    assert Good.title() == "A check made for this test"


@pytest.mark.parametrize(
    ("attrs", "error"),
    [
        ({"id": "Bad Id", "severity": Severity.INFO}, "id must be lower-case words"),
        ({"id": "ok", "severity": "warning"}, "severity must be a Severity"),
        ({"id": "ok", "severity": Severity.INFO, "pofilter": "endpunc"}, "pofilter must be"),
        ({"id": "ok", "severity": Severity.INFO, "__doc__": None}, "needs a docstring"),
        ({"id": "ok", "severity": Severity.INFO, "needs_target": 1}, "needs_target must be"),
    ],
)
def test_bad_check_classes_fail_when_made(attrs: dict[str, object], error: str) -> None:
    def problems(self: Check, unit: Unit, context: CheckContext) -> list[object]:
        return []

    namespace = {"__doc__": "A title\n\nMore.", "problems": problems, **attrs}
    with pytest.raises(TypeError, match=error):
        type("Bad", (Check,), namespace)


def test_a_check_implements_the_hook_and_not_the_api() -> None:
    with pytest.raises(TypeError, match="must implement problems"):
        type("NoHook", (Check,), {"__doc__": "T", "id": "x", "severity": Severity.INFO})

    def check_unit(self: Check, unit: Unit, context: CheckContext, file: str = "") -> list[object]:
        return []

    with pytest.raises(TypeError, match="must not override check_unit"):
        type(
            "Override",
            (Check,),
            {
                "__doc__": "T",
                "id": "x",
                "severity": Severity.INFO,
                "problems": lambda self, unit, context: [],
                "check_unit": check_unit,
            },
        )
    with pytest.raises(TypeError, match="must implement problems"):
        type(
            "NoProjectHook", (ProjectCheck,), {"__doc__": "T", "id": "x", "severity": Severity.INFO}
        )


def test_accelerators_and_inflections_do_not_make_texts_different() -> None:
    """GTK's labels (gtk30 turned round): where a label's accelerator sits is chosen per
    dialog, and German inflects what English does not ("Kein"/"Keine"/"Keiner" → "None")."""
    units = located(
        ("a.po", "1", "_Schließen", "_Close"),
        ("a.po", "2", "S_chließen", "_Close"),
        ("a.po", "3", "_Abbrechen", "_Cancel"),
        ("a.po", "4", "_Abbrechen", "Cance_l"),
        ("a.po", "5", "Keine", "None"),
        ("a.po", "6", "Keiner", "None"),
        ("a.po", "9", "Kein", "None"),
        ("a.po", "7", "_Weiter", "_Next"),
        ("a.po", "8", "_Nächster", "_Next"),
    )
    findings = CheckSuite(["reused", "inconsistent"]).check_units(units, CheckContext())
    by_id = {(f.check, f.unit_id): f.severity for f in findings}
    assert by_id == {
        ("reused", "5"): Severity.INFO,
        ("reused", "6"): Severity.INFO,
        ("reused", "9"): Severity.INFO,
        ("reused", "7"): Severity.WARNING,
        ("reused", "8"): Severity.WARNING,
    }
