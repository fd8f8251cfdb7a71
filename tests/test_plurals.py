"""Plural entries (msgid_plural): every form is part of the translation.

A plural entry whose first form is filled but another ``msgstr[n]`` is empty is not
translated (status, the editor's state), the ``plurals`` check reports it as an error, and
``workbench check`` never passes a catalogue that ``msgfmt -c`` refuses for that reason.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, have
from workbench.adapters.po import PoCatalog
from workbench.cli import main
from workbench.domain.catalog import PoEntry
from workbench.domain.checks import CHECKS, DEFAULT_CHECKS, CheckContext, CheckSuite, Severity
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit, entry_with_unit, needs_draft, unit_from_entry
from workbench.services.session import EditSession
from workbench.services.session_memory import propagate

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Language: en\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
)


def plural_po(path: Path, one: str, other: str, fuzzy: bool = False) -> Path:
    flags = "#, fuzzy, c-format" if fuzzy else "#, c-format"
    path.write_text(
        HEADER
        + f'\n{flags}\nmsgid "%d Datei gelöscht"\nmsgid_plural "%d Dateien gelöscht"\n'
        + f'msgstr[0] "{one}"\nmsgstr[1] "{other}"\n'
        + '\nmsgid "Fertig"\nmsgstr "Done"\n',
        encoding="utf-8",
    )
    return path


ENTRY = PoEntry(
    "%d Datei gelöscht",
    "%d file deleted",
    msgid_plural="%d Dateien gelöscht",
    plurals=("",),
)


def test_a_plural_unit_carries_every_form_and_the_plural_source() -> None:
    unit, problems = unit_from_entry(ENTRY)
    assert not problems
    assert unit.source_plural == "%d Dateien gelöscht"
    assert unit.forms == ("%d file deleted", "")
    assert unit.missing_forms == (1,)
    assert unit.state is ReviewState.UNTRANSLATED  # a form is empty: not translated
    assert unit.confirmed().state is ReviewState.UNTRANSLATED
    done = unit.with_form(1, "%d files deleted")
    assert done.forms == ("%d file deleted", "%d files deleted")
    assert done.missing_forms == ()
    assert done.state is ReviewState.TRANSLATED
    assert done.with_form(0, "%d file removed").target == "%d file removed"
    assert entry_with_unit(ENTRY, done).msgstrs == ("%d file deleted", "%d files deleted")
    # unchanged unit, unchanged entry
    assert entry_with_unit(ENTRY, unit) is ENTRY


def test_a_singular_unit_has_one_form() -> None:
    unit, _ = unit_from_entry(PoEntry("Fertig", "Done"))
    assert unit.source_plural is None and unit.forms == ("Done",)
    assert unit.missing_forms == () and unit.state is ReviewState.TRANSLATED
    untranslated, _ = unit_from_entry(PoEntry("%d Datei", msgid_plural="%d Dateien", plurals=("",)))
    assert untranslated.missing_forms == ()  # nothing filled: untranslated, not incomplete
    assert untranslated.state is ReviewState.UNTRANSLATED


def test_drafting_never_overwrites_a_partly_translated_plural() -> None:
    unit, _ = unit_from_entry(ENTRY)
    assert not needs_draft(unit)
    assert needs_draft(Unit.plain("", "Fertig", ""))


def test_plurals_check_is_a_default_error() -> None:
    assert "plurals" in DEFAULT_CHECKS and CHECKS["plurals"].weblate == ("plurals",)
    unit, _ = unit_from_entry(ENTRY)
    findings = CheckSuite().check_unit(unit, CheckContext(live=True))
    plural = [f for f in findings if f.check == "plurals"]
    assert len(plural) == 1 and plural[0].severity is Severity.ERROR
    assert "msgstr[1]" in plural[0].message
    done = unit.with_form(1, "%d files deleted")
    assert not CheckSuite(["plurals"]).check_unit(done, CheckContext())
    # an entry nobody translated is the untranslated check's business
    empty = unit.with_form(0, "")
    assert not CheckSuite(["plurals"]).check_unit(empty, CheckContext())


def test_status_and_check_on_an_incomplete_plural(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = plural_po(tmp_path / "pl.po", "%d file deleted", "")
    assert main(["status", str(po), "--format", "json"]) == 0
    out = capsys.readouterr().out
    counts = next(iter(json.loads(out)["files"].values()))
    assert counts["translated"] == 1 and counts["untranslated"] == 1, counts
    assert main(["check", str(po), "--checks", "plurals"]) == 1
    out = capsys.readouterr().out
    assert "plurals" in out and "msgstr[1]" in out
    # filled: clean, and states round-trip
    plural_po(po, "%d file deleted", "%d files deleted")
    assert main(["check", str(po), "--checks", "plurals"]) == 0
    capsys.readouterr()
    assert [u.state for u in PoCatalog.load(po).units()] == [ReviewState.TRANSLATED] * 2


@pytest.mark.skipif(not have("msgfmt"), reason="GNU gettext not installed")
@pytest.mark.parametrize(
    ("one", "other", "fuzzy"),
    [
        ("%d file deleted", "", False),
        ("%d file deleted", "%d files deleted", False),
        ("%d file deleted", "", True),
        ("", "", False),
    ],
)
def test_check_is_at_least_as_strict_as_msgfmt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], one: str, other: str, fuzzy: bool
) -> None:
    po = plural_po(tmp_path / "pl.po", one, other, fuzzy)
    msgfmt = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=False
    )
    code = main(["check", str(po), "--checks", "plurals"])
    capsys.readouterr()
    if msgfmt.returncode != 0:
        assert code == 1, msgfmt.stderr
    assert code == (0 if other or not one or fuzzy else 1)


def test_a_fuzzy_partial_plural_is_a_draft() -> None:
    unit, _ = unit_from_entry(ENTRY._replace(flags=("fuzzy",)))
    assert unit.state is ReviewState.DRAFT
    assert unit.confirmed().state is ReviewState.UNTRANSLATED


# --- editing every form (the session behind the TUI) ------------------------------------

CRASH = """
import os, signal, sys
from workbench.services.session import EditSession
session = EditSession.open(sys.argv[1])
session.set_target(0, "%d file deleted")
session.set_target(0, "%d files deleted", 1)
os.kill(os.getpid(), signal.SIGKILL)
"""


def msgfmt_ok(po: Path) -> bool:
    done = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=False
    )
    return done.returncode == 0


def test_a_session_edits_every_form_and_confirms_only_a_whole_plural(tmp_path: Path) -> None:
    po = plural_po(tmp_path / "pl.po", "", "")
    with EditSession.open(po) as session:
        session.set_target(0, "%d file deleted")
        assert session.units[0].state is ReviewState.DRAFT  # typed, one form still empty
        session.confirm(0)
        assert session.units[0].state is ReviewState.DRAFT  # not confirmed half-done
        session.review(0)
        assert session.units[0].review is None
        session.set_target(0, "%d files deleted", 1)
        assert session.units[0].forms == ("%d file deleted", "%d files deleted")
        session.confirm(0)
        assert session.units[0].state is ReviewState.TRANSLATED
        session.save()
    (unit, _) = PoCatalog.load(po).units()
    assert unit.forms == ("%d file deleted", "%d files deleted")
    assert unit.state is ReviewState.TRANSLATED
    if have("msgfmt"):
        assert msgfmt_ok(po)


def test_undo_and_the_saved_value_cover_every_form(tmp_path: Path) -> None:
    po = plural_po(tmp_path / "pl.po", "%d file deleted", "%d files deleted")
    with EditSession.open(po) as session:
        session.set_target(0, "%d files removed", 1)
        assert session.units[0].state is ReviewState.DRAFT and 0 in session.dirty
        session.set_target(0, "%d files deleted", 1)  # typed back: the saved value again
        assert session.units[0].state is ReviewState.TRANSLATED and 0 not in session.dirty
        session.write_text(0, "%d files removed", "suggestion", 1)
        assert session.units[0].forms[1] == "%d files removed"
        session.undo()
        assert session.units[0].forms[1] == "%d files deleted"


def test_a_crash_keeps_every_typed_form(tmp_path: Path) -> None:
    po = plural_po(tmp_path / "pl.po", "", "")
    killed = subprocess.run([sys.executable, "-c", CRASH, str(po)], cwd=REPO, check=False)
    assert killed.returncode == -signal.SIGKILL
    with EditSession.open(po) as session:
        assert session.recovery is not None
        session.recover()
        assert session.units[0].forms == ("%d file deleted", "%d files deleted")


def test_repetitions_take_every_form(tmp_path: Path) -> None:
    po = tmp_path / "rep.po"
    entry = 'msgid "%d Datei"\nmsgid_plural "%d Dateien"\nmsgstr[0] "{}"\nmsgstr[1] "{}"\n'
    po.write_text(
        HEADER
        + '\nmsgctxt "a"\n'
        + entry.format("%d file", "%d files")
        + '\nmsgctxt "b"\n'
        + entry.format("", ""),
        encoding="utf-8",
    )
    with EditSession.open(po) as session:
        assert propagate(session, 0, "translated") == [1]
        assert session.units[1].forms == ("%d file", "%d files")
        assert session.units[1].state is ReviewState.TRANSLATED


def test_further_forms_are_checked_against_the_plural_source() -> None:
    unit, _ = unit_from_entry(ENTRY._replace(plurals=("files deleted",)))
    findings = CheckSuite(["tags", "plurals", "untranslated"]).check_unit(unit, CheckContext())
    assert [(f.check, f.message, f.target) for f in findings] == [
        ("tags", "msgstr[1] (other): missing %d", "files deleted")
    ]
    good = unit.with_form(1, "%d files deleted")
    assert not CheckSuite().check_unit(good, CheckContext(live=True))


@pytest.mark.skipif(not have("msgfmt"), reason="GNU gettext not installed")
def test_a_plural_form_msgfmt_refuses_fails_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = plural_po(tmp_path / "pl.po", "%d file deleted", "files deleted")
    assert not msgfmt_ok(po)
    assert main(["check", str(po), "--checks", "tags,plurals"]) == 1
    assert "msgstr[1] (other): missing %d" in capsys.readouterr().out
