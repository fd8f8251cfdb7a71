"""`workbench check` end to end: exit codes, every report format, waivers and bad input."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO
from workbench.adapters.documents import text_blocks
from workbench.adapters.po import PoCatalog
from workbench.cli import main
from workbench.cli.reports import escape_data, escape_property, text_report
from workbench.domain.checks import CHECKS, Finding, Severity
from workbench.domain.checks.sentencecount import english_sentences
from workbench.domain.units import Unit

GLOSSARY = REPO / "glossaries" / "civic.de-en.tsv"

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n'


def po_text(
    *entries: tuple[str, str, str],
    fuzzy: tuple[str, ...] = (),
    comments: dict[str, str] | None = None,
) -> str:
    parts = [HEADER]
    for ctx, msgid, msgstr in entries:
        lines = []
        if comments and ctx in comments:
            lines.append(f"# {comments[ctx]}")
        if ctx in fuzzy:
            lines.append("#, fuzzy")
        lines += [
            f'msgctxt "{ctx}"',
            f"msgid {json.dumps(msgid, ensure_ascii=False)}",
            f"msgstr {json.dumps(msgstr, ensure_ascii=False)}",
        ]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


ENTRIES = (
    ("ok", "Die Gäste besuchten die Stadt.", "The guests visited the city."),
    (
        "landrat",
        "Einer war Marc Elrich, Landrat von Montgomery County.",
        "One was Marc Elrich, District Administrator of Montgomery County.",
    ),
    ("num", "Es kamen 1.500 Gäste.", "1.500 guests came."),
    ("space", "Die Stadt ist groß.", "The city  is big."),
)


@pytest.fixture
def bad_po(tmp_path: Path) -> Path:
    path = tmp_path / "bad.en.po"
    path.write_text(
        po_text(*ENTRIES, ("draft", "Unfertig.", "Unfinished the the."), fuzzy=("draft",)),
        encoding="utf-8",
    )
    return path


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code, out, _ = check(capsys, *args, "--format", "json")
    return code, json.loads(out)


def test_findings_fail_with_exit_1_and_json_report(
    bad_po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = as_json(capsys, str(bad_po), "--glossary", str(GLOSSARY))
    assert code == 1
    found = {(f["msgctxt"], f["check"]) for f in report["findings"]}
    assert ("landrat", "glossary") in found and ("landrat", "forbidden") in found
    assert ("num", "numbers") in found and ("space", "double-space") in found
    assert not any(ctx in {"ok", "draft"} for ctx, _ in found)  # drafts are not checked by default
    first = next(f for f in report["findings"] if f["check"] == "forbidden")
    assert set(first) >= {
        "check",
        "severity",
        "file",
        "line",
        "msgctxt",
        "msgid",
        "msgstr",
        "message",
        "term",
        "waived",
    }
    assert (
        first["file"] == str(bad_po) and first["term"] == "Landrat" and first["severity"] == "error"
    )
    units = {u.id: u for u in PoCatalog.load(bad_po).units()}
    assert first["line"] == units["landrat"].line > 0
    summary = report["summary"]
    assert summary["units_checked"] == 4 and summary["files"] == 1
    assert summary["by_severity"]["error"] >= 3 and summary["by_check"]["forbidden"] == 1


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--checks", "double-space"], 0),  # info only: below the default fail-on error
        (["--checks", "double-space", "--fail-on", "info"], 1),
        (["--checks", "doublespacing", "--fail-on", "warning"], 0),  # pofilter name accepted
        (["--checks", "ok-nonexistent"], 2),
        (["--states", "translated,reviewed", "--checks", "numbers"], 1),
        (["--states", "bogus"], 2),
        (["--fail-on", "fatal"], 2),
    ],
)
def test_exit_codes(
    bad_po: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int
) -> None:
    assert check(capsys, str(bad_po), *args)[0] == code


def test_states_select_drafts(bad_po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, report = as_json(capsys, str(bad_po), "--states", "draft", "--checks", "double-words")
    assert [f["msgctxt"] for f in report["findings"]] == ["draft"]


def test_text_report_groups_by_file(bad_po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, str(bad_po), "--glossary", str(GLOSSARY))
    assert code == 1
    assert bad_po.name in out and "forbidden" in out and "FAIL" in out


def test_github_annotations(bad_po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, str(bad_po), "--glossary", str(GLOSSARY), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    forbidden = next(line for line in lines if "title=forbidden" in line)
    line_no = next(u.line for u in PoCatalog.load(bad_po).units() if u.id == "landrat")
    assert forbidden.startswith(
        f"::error file={escape_property(str(bad_po))},line={line_no},title=forbidden%3A "
    )
    assert "::notice " in out  # double space is info → notice


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("100% sure", "100%25 sure", "100%25 sure"),
        ("a\nb\r", "a%0Ab%0D", "a%0Ab%0D"),
        ("C:\\x,y", "C:\\x,y", "C%3A\\x%2Cy"),
        ("::stop-commands::", "::stop-commands::", "%3A%3Astop-commands%3A%3A"),
    ],
)
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_sarif_structure(bad_po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, str(bad_po), "--glossary", str(GLOSSARY), "--format", "sarif")
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "workbench" and driver["version"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(CHECKS)
    for rule in rules:
        assert rule["shortDescription"]["text"] == CHECKS[rule["id"]].title()
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert run["results"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning", "note"} and result["message"]["text"]
        [loc] = result["locations"]
        assert loc["physicalLocation"]["artifactLocation"]["uri"]
        assert loc["physicalLocation"]["region"]["startLine"] >= 1


def test_junit_parses(bad_po: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "clean.en.po"
    other.write_text(po_text(ENTRIES[0]), encoding="utf-8")
    out_file = tmp_path / "junit.xml"
    code = check(
        capsys,
        str(bad_po),
        str(other),
        "-g",
        str(GLOSSARY),
        "--format",
        "junit",
        "-o",
        str(out_file),
    )[0]
    assert code == 1
    root = ET.parse(out_file).getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(bad_po), str(other)]
    assert suites[0].get("tests") == "4" and suites[1].get("tests") == "1"
    failing = {
        c.get("name", "").split(" ")[0]
        for c in suites[0].iter("testcase")
        if c.find("failure") is not None
    }
    assert failing == {"landrat", "num"}  # double space is info: below fail-on, in system-out
    assert suites[1].get("failures") == "0" and root.get("failures") == "2"


def test_waive_then_pass(bad_po: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = [str(bad_po), "--checks", "numbers"]
    assert check(capsys, *base)[0] == 1
    code, out, _ = check(
        capsys,
        "--waive",
        "numbers",
        "--entry",
        "num",
        "--reason",
        "quoted from a form",
        str(bad_po),
    )
    assert code == 0 and "waived numbers" in out
    assert "# wb:waive {" in bad_po.read_text(encoding="utf-8")
    [unit] = [u for u in PoCatalog.load(bad_po).units() if u.id == "num"]
    assert unit.waivers[0].check == "numbers" and unit.waivers[0].reason == "quoted from a form"
    code, report = as_json(capsys, *base)
    assert code == 0
    assert [f["waived"] for f in report["findings"]] == [True]
    assert report["summary"]["waived"] == 1 and report["summary"]["total"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--waive", "numbers", "--entry", "num", "--reason", "  "], "needs a reason"),
        (["--waive", "numbers", "--entry", "num"], "needs a reason"),
        (["--waive", "nope", "--entry", "num", "--reason", "x"], "unknown check"),
        (["--waive", "numbers", "--entry", "missing", "--reason", "x"], "no entry"),
    ],
)
def test_waive_refusals(
    bad_po: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = bad_po.read_bytes()
    code, _, err = check(capsys, *args, str(bad_po))
    assert code == 2 and message in err
    assert bad_po.read_bytes() == before


def test_bad_input_exits_2(
    tmp_path: Path, bad_po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.po"
    broken.write_text('msgid "a"\nmsgid "b"\nmsgstr ""\n', encoding="utf-8")
    bad_glossary = tmp_path / "g.tsv"
    bad_glossary.write_text(
        "source\ttarget\tstatus\nLandrat\tCounty Executive\tmaybe\n", encoding="utf-8"
    )
    for args, message in [
        ([str(broken)], "broken.po"),
        ([str(tmp_path / "missing.po")], "no such PO file"),
        ([str(bad_po), "--glossary", str(bad_glossary)], "g.tsv"),
        ([str(bad_po), "--glossary", str(tmp_path / "none.tsv")], "none.tsv"),
    ]:
        code, _, err = check(capsys, *args)
        assert code == 2, args
        assert message in err and "Traceback" not in err


def test_list_checks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = check(capsys, "--list-checks", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == list(CHECKS)
    assert {r["id"]: r["pofilter"] for r in rows}["end-punctuation"] == ["endpunc"]
    code, out, _ = check(capsys, "--list-checks")
    assert code == 0 and "glossary" in out and "doublewords" in out


def translated_reference(po: Path) -> Path:
    """Fill a segmented sample PO with the human reference, sentence by sentence."""
    catalog = PoCatalog.load(po)
    blocks = {
        b.number: b.text
        for b in text_blocks((CORPUS / "reference.en.md").read_text(encoding="utf-8"), True)
    }
    units = catalog.units()
    by_block: dict[int, list] = {}  # type: ignore[type-arg]
    for u in units:
        assert u.placement is not None
        by_block.setdefault(u.placement.block, []).append(u)
    for number, group in by_block.items():
        sentences = english_sentences(blocks[number])
        assert len(sentences) == len(group), number
        for unit, sentence in zip(group, sentences, strict=True):
            catalog.apply(replace(unit, target=sentence))
    catalog.save()
    return po


def test_reference_translation_has_no_false_alarms(
    sample_po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The human reference is a correct translation: every check, the civic glossary, zero findings."""
    po = translated_reference(sample_po)
    code, report = as_json(capsys, str(po), "--glossary", str(GLOSSARY), "--fail-on", "info")
    assert report["summary"]["units_checked"] == 24
    assert report["findings"] == [] and code == 0


def test_no_arguments_use_workbench_toml(sample_po: Path, tmp_path: Path) -> None:
    po = translated_reference(sample_po)
    catalog = PoCatalog.load(po)
    unit = catalog.units()[1]
    catalog.apply(replace(unit, target=unit.target.replace("October 25", "October 26")))
    catalog.save()
    (tmp_path / "glossaries").mkdir()
    (tmp_path / "glossaries" / "civic.tsv").write_text(
        GLOSSARY.read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "workbench.toml").write_text(
        '[[corpus]]\nname = "s"\nsource = "source.de.md"\npo = "sample.en.po"\n\n'
        '[glossary]\nfiles = ["glossaries/civic.tsv"]\n\n[check]\nfail_on = "error"\nstates = ["translated"]\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "check", "--format", "github"],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    # paths from workbench.toml are reported relative to the folder CI runs in
    assert (
        "::error file=sample.en.po,line=" in result.stdout and "title=numbers%3A" in result.stdout
    )
    assert "25" in result.stdout


def test_text_lines_are_compiler_style_plain_or_coloured() -> None:
    found = [
        Finding(
            "numbers", Severity.ERROR, "1.500 is\nmissing", "s1", "1.500", "1,600", 12, file="a.po"
        ),
        Finding(
            "double-space",
            Severity.INFO,
            "two spaces",
            "",
            "x",
            "x",
            20,
            file="a.po",
            waived=True,
            waiver_reason="verbatim",
        ),
    ]
    assert text_report(found) == (
        "a.po:12: error numbers [s1]: 1.500 is\\nmissing\n"
        "a.po:20: info double-space: two spaces (waived: verbatim)\n"
    )
    colors = {"error": ("<R>", "</R>"), "waived": ("<D>", "</D>")}
    assert text_report(found, colors).splitlines() == [
        "a.po:12: <R>error</R> numbers [s1]: 1.500 is\\nmissing",
        "<D>a.po:20: info double-space: two spaces (waived: verbatim)</D>",
    ]
    assert text_report([]) == ""


#: An ordinary gettext catalogue: no msgctxt anywhere (help texts with metavariables).
PLAIN = (
    HEADER + "\n"
    '#: src/nano.c:1\n#, c-format\nmsgid "Es kamen %d Gäste."\nmsgstr "%s guests came."\n\n'
    'msgid "Es kamen 1.500 Gäste."\nmsgstr "1.500 guests came."\n\n'
    'msgctxt "menu"\nmsgid "Es kamen 1.500 Gäste."\nmsgstr "1.500 guests came."\n\n'
    'msgid "  -B, --backupdir=<Verz>"\nmsgstr "  -B, --backupdir=<dir>"\n'
)


@pytest.mark.parametrize(
    ("entry", "line"),
    [
        ("{file}:6", 6),  # as `check` prints it
        ("6", 6),
        ("8", 6),  # a line inside the entry (its msgid)
        ("{name}:11", 11),  # the file's name alone, as check prints it from its folder
        ("Es kamen %d Gäste.", 6),  # the msgid
        ("menu", 14),  # the msgctxt form still works
    ],
)
def test_waive_an_entry_of_an_ordinary_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: str, line: int
) -> None:
    po = tmp_path / "nano.en.po"
    po.write_text(PLAIN, encoding="utf-8")
    named = entry.format(file=po, name=po.name)
    check_id = "tags" if line == 6 else "numbers"
    code, out, err = check(
        capsys, "--waive", check_id, "--entry", named, "--reason", "fine", str(po)
    )
    assert code == 0, err
    assert f"{po}:{line}" in out
    before = {u.line: (u.id, u.source) for u in units_of(PLAIN, tmp_path)}
    after = {(u.id, u.source): u.line for u in PoCatalog.load(po).units() if u.waivers}
    assert list(after) == [before[line]]  # that entry, and only it (the header grew)
    code, report = as_json(capsys, str(po), "--checks", check_id)
    assert {f["line"] for f in report["findings"] if f["waived"]} == set(after.values())


def units_of(text: str, folder: Path) -> list[Unit]:
    path = folder / "copy.po"
    path.write_text(text, encoding="utf-8")
    return PoCatalog.load(path).units()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("Es kamen 1.500 Gäste.", "2 entries have the msgid"),  # with and without msgctxt
        ("nichts", "its msgctxt, its line as `check` prints it"),
        ("other.po:6", "no entry 'other.po:6'"),
    ],
)
def test_waive_says_which_entry_forms_it_takes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: str, message: str
) -> None:
    po = tmp_path / "nano.en.po"
    po.write_text(PLAIN, encoding="utf-8")
    code, _, err = check(capsys, "--waive", "numbers", "--entry", entry, "--reason", "x", str(po))
    assert code == 2 and message in " ".join(err.split()), err
    assert po.read_text(encoding="utf-8") == PLAIN


def test_waive_refuses_a_msgctxt_that_several_entries_share(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # software catalogues share a msgctxt among many entries (gnome-calculator: 101 ×
    # "unit-symbols"): naming it must not waive the first of them
    text = PLAIN + '\nmsgctxt "menu"\nmsgid "Speichern"\nmsgstr "Save"\n'
    po = tmp_path / "nano.en.po"
    po.write_text(text, encoding="utf-8")
    code, _, err = check(capsys, "--waive", "numbers", "--entry", "menu", "--reason", "x", str(po))
    said = " ".join(err.split())
    assert code == 2 and "2 entries have the msgctxt 'menu'" in said, err
    assert f"{po}:14" in said and f"{po}:21" in said and "--entry FILE.po:LINE" in said
    assert po.read_text(encoding="utf-8") == text


def test_metavariables_are_no_tags_in_a_real_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "nano.en.po"
    po.write_text(PLAIN, encoding="utf-8")
    _, report = as_json(capsys, str(po), "--checks", "tags")
    assert [(f["line"], f["message"]) for f in report["findings"]] == [
        (6, "missing %d"),
        (6, "%s is not in the source"),
    ]


def test_a_catalogue_in_another_language_is_not_checked_as_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = tmp_path / "nano.de.po"
    po.write_text(
        HEADER.replace("Language: en", "Language: de") + "\n"
        'msgid "The file was written."\nmsgstr "Die Datei wurde „geschrieben“ und und gespeichert."\n\n'
        'msgid "%d files"\nmsgstr "Dateien"\n',
        encoding="utf-8",
    )
    code, report = as_json(capsys, str(po), "--fail-on", "warning")
    checks = {f["check"] for f in report["findings"]}
    assert checks == {"tags", "double-words", "long"}  # no spelling, quotes: German is no English
    code, _, err = check(capsys, str(po))
    assert err.count("Language header is 'de'") == 1 and "nano.de.po" in err
    assert "spelling" in err and code == 1
    english = tmp_path / "nano.en.po"
    english.write_text(po.read_text(encoding="utf-8").replace("Language: de", "Language: en_GB"))
    code, report = as_json(capsys, str(english), "--fail-on", "warning")
    assert {"spelling", "quotes"} <= {f["check"] for f in report["findings"]}


def run_check(po: Path, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """``workbench check PO`` in a fresh process, stdout a pipe, with ``env`` over the
    environment (the terminal variables rich reads removed first)."""
    clean = {k: v for k, v in os.environ.items() if k not in TERMINAL_VARIABLES}
    return subprocess.run(
        [sys.executable, "-m", "workbench", "check", str(po)],
        capture_output=True, cwd=REPO, env={**clean, **env}, check=False,
    )  # fmt: skip


TERMINAL_VARIABLES = ("TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR", "TERM", "COLUMNS")


def test_piped_text_is_what_rich_prints_without_colours(bad_po: Path) -> None:
    """Into a pipe, `check` prints its plain lines without rich: byte for byte what rich's
    console prints on a terminal without colours (TTY_COMPATIBLE=1 or FORCE_COLOR=1 with
    TERM=dumb), and the coloured text without its codes (FORCE_COLOR, or NO_COLOR, which
    keeps bold). TTY_COMPATIBLE=0 wins over FORCE_COLOR, as in rich."""
    waive = ["--waive", "numbers", "--entry", "num", "--reason", "a [b] form", str(bad_po)]
    assert main(["check", *waive]) == 0
    piped = run_check(bad_po, {})
    assert piped.returncode == 1, piped.stderr
    assert b"\x1b[" not in piped.stdout
    assert b"(waived: a [b] form)" in piped.stdout and b"\nFAIL " in piped.stdout
    for env in ({"TTY_COMPATIBLE": "1", "TERM": "dumb"}, {"FORCE_COLOR": "1", "TERM": "dumb"}):
        assert run_check(bad_po, env).stdout == piped.stdout, env
    for env in (
        {"FORCE_COLOR": "1", "TERM": "xterm-256color"},
        {"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "TERM": "xterm"},
    ):
        coloured = run_check(bad_po, env).stdout
        assert b"\x1b[" in coloured, env
        assert re.sub(rb"\x1b\[[0-9;]*m", b"", coloured) == piped.stdout, env
    assert run_check(bad_po, {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"}).stdout == piped.stdout


def test_sarif_fingerprints_name_the_entry_by_msgctxt_and_msgid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """GitHub folds results of a rule in a file with one fingerprint into one alert: an
    ordinary gettext catalogue has no msgctxt, and GTK's share one msgctxt (`keyboard
    label`, `paper size`) over many entries, so msgctxt and msgid together name the entry
    (acceptance-4 TOP 5); the forms of a plural entry are told apart, and the fingerprints
    are the same in the next run."""
    entries = [
        ("Die Stadt ist groß.", "The city  is big."),
        ("Der Fluss ist breit.", "The river  is wide."),
        ("Der Berg ist hoch.", "The mountain  is high."),
    ]
    body = "".join(f'\nmsgid "{de}"\nmsgstr "{en}"\n' for de, en in entries)
    body += "".join(f'\nmsgctxt "paper size"\nmsgid "{de}"\nmsgstr "{en}"\n' for de, en in entries)
    body += (
        '\nmsgid "%d Datei"\nmsgid_plural "%d Dateien"\n'
        'msgstr[0] "%d file  here"\nmsgstr[1] "%d files  here"\n'
    )
    po = tmp_path / "plain.en.po"
    po.write_text(HEADER + '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n' + body)
    ctx_po = tmp_path / "ctx.en.po"
    ctx_po.write_text(po_text(ENTRIES[3]), encoding="utf-8")
    args = (str(po), str(ctx_po), "--checks", "double-space", "--format", "sarif")
    _, out, _ = check(capsys, *args)
    results = json.loads(out)["runs"][0]["results"]
    prints = [r["partialFingerprints"]["msgctxt/check/term"] for r in results]
    assert len(prints) == 9 and len(set(prints)) == 9
    digest = hashlib.sha256(b"Die Stadt ist gro\xc3\x9f.").hexdigest()[:16]
    # an entry without msgctxt keeps the fingerprint it had when msgctxt was not in it
    assert f"msgid:{digest}/double-space/" in prints
    assert f"msgctxt:paper size|msgid:{digest}/double-space/" in prints
    assert f"msgctxt:space|msgid:{digest}/double-space/" in prints
    plural = "msgid:" + hashlib.sha256(b"%d Datei").hexdigest()[:16] + "/double-space/"
    assert plural in prints and plural + "/msgstr[1]" in prints  # both forms: the same entry
    _, again, _ = check(capsys, *args)
    results = json.loads(again)["runs"][0]["results"]
    assert [r["partialFingerprints"]["msgctxt/check/term"] for r in results] == prints


def test_report_paths_are_relative_to_the_repository_from_a_subfolder(
    bad_po: Path, tmp_path: Path
) -> None:
    """GitHub resolves SARIF URIs and annotation paths against the repository's root; a
    workflow step may run `check` in a subfolder (`working-directory: l10n/`)."""
    repo = tmp_path / "repo"
    (repo / "l10n").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    po = repo / "l10n" / "de.po"
    po.write_bytes(bad_po.read_bytes())
    args = [sys.executable, "-m", "workbench", "check", "de.po", "--glossary", str(GLOSSARY)]
    sarif = subprocess.run(
        [*args, "--format", "sarif"], capture_output=True, text=True, cwd=po.parent, check=False
    )
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in json.loads(sarif.stdout)["runs"][0]["results"]
        for loc in result["locations"]
    }
    assert uris == {"l10n/de.po"}
    github = subprocess.run(
        [*args, "--format", "github"], capture_output=True, text=True, cwd=po.parent, check=False
    )
    assert github.stdout and all(
        line.split(",", 1)[0].endswith("file=l10n/de.po") for line in github.stdout.splitlines()
    )
