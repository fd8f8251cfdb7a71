"""Plural entries end to end (issue 14): every form, wherever the workbench writes a target.

What a translator expects of a plural entry (``msgid``/``msgid_plural``, ``msgstr[0..n]``,
as Poedit and Lokalize treat it): one entry, reviewed as a whole; MT and the memory fill
every form, ``msgstr[0]`` from ``msgid`` and the others from ``msgid_plural``; find and
replace reaches every form; the memory and TMX keep every form; ``check`` refuses a
catalogue gettext cannot use (no ``nplurals``; a form count other than ``nplurals``).
Real catalogues: Debian's nano, tar and coreutils (their plural entries, all complete).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import have
from tests.support.po_corpus import debian_catalogue
from tests.support.workers import workers_done
from tests.test_plurals import HEADER, plural_po
from workbench.adapters.memory import open_store
from workbench.adapters.po import PoCatalog
from workbench.cli import main
from workbench.domain.export import TmxHeader, render_tmx
from workbench.domain.filters import parse_filter
from workbench.domain.states import ReviewState
from workbench.services.session import EditSession
from workbench.tui.app import make_app
from workbench.tui.screens.replace import ReplaceScreen

ONE, OTHER = "%d file deleted", "%d files deleted"


def test_a_review_covers_every_form(tmp_path: Path) -> None:
    po = plural_po(tmp_path / "pl.po", ONE, OTHER)
    with EditSession.open(po, journal=False) as session:
        session.review(0, by="Rita", at="2026-11-30T08:00:00Z")
        assert session.units[0].state is ReviewState.REVIEWED
        session.set_target(0, "%d files removed", form=1)  # the plural form, in the editor
        assert session.units[0].state is ReviewState.DRAFT  # typed: no longer reviewed
        session.undo()
        assert session.units[0].state is ReviewState.REVIEWED
        session.save()
    # another tool changes only msgstr[1]: the review no longer holds
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace(f'msgstr[1] "{OTHER}"', 'msgstr[1] "%d files gone"'), "utf-8")
    (unit, _) = PoCatalog.load(po).units()
    assert unit.review is not None and unit.state is ReviewState.TRANSLATED


def test_find_and_replace_reaches_every_form(tmp_path: Path) -> None:
    po = plural_po(tmp_path / "pl.po", ONE, OTHER)
    with EditSession.open(po, journal=False) as session:
        change = session.replace_targets("deleted → removed", {0: ("%d file removed", OTHER)})
        assert change.indices == [0] and session.units[0].forms == ("%d file removed", OTHER)


async def test_the_replace_dialog_previews_and_replaces_every_form(tmp_path: Path) -> None:
    po = plural_po(tmp_path / "pl.po", ONE, OTHER)
    app = make_app(po)
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        assert app.main is not None and app.session is not None
        app.main.action_replace()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplaceScreen)
        await pilot.press(*"deleted", "tab", *"removed")
        screen.refresh_preview()
        assert set(screen.plan) == {(0, 0), (0, 1)}  # both forms of the entry
        rows = str(screen.query_one("#replace-rows").visual)
        assert "msgstr[1] (other)" in rows
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.units[0].forms == ("%d file removed", "%d files removed")
        assert app.session.units[0].state is ReviewState.TRANSLATED
        await pilot.press("ctrl+z")  # one change, undone at once
        await pilot.pause()
        assert app.session.units[0].forms == (ONE, OTHER)


def test_memory_and_pretranslation_fill_every_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    memory = str(tmp_path / "m.sqlite")
    done = plural_po(tmp_path / "done.po", ONE, OTHER)
    assert main(["tm", "import", str(done), "--memory", memory]) == 0
    store = open_store(memory)
    try:
        sources = {e.source: e.target for e in store.entries("de", "en")}
    finally:
        store.close()
    assert sources["%d Datei gelöscht"] == ONE and sources["%d Dateien gelöscht"] == OTHER
    todo = plural_po(tmp_path / "todo.po", "", "")
    capsys.readouterr()
    assert main(["draft", str(todo), "--tm-only", "--memory", memory]) == 0
    assert "1 exact" in capsys.readouterr().out
    (unit, _) = PoCatalog.load(todo).units()
    assert unit.forms == (ONE, OTHER) and unit.state is ReviewState.DRAFT


def test_pretranslation_fills_every_form_when_the_plural_source_is_the_msgid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # gettext allows msgid_plural == msgid ("%d Element(e)"): one memory match serves
    # every form, as MT drafts every form from the same text
    memory = str(tmp_path / "m.sqlite")
    entry = '\n#, c-format\nmsgid "%d Element(e)"\nmsgid_plural "%d Element(e)"\n'
    done, todo = tmp_path / "done.po", tmp_path / "todo.po"
    done.write_text(HEADER + entry + 'msgstr[0] "%d item(s)"\nmsgstr[1] "%d item(s)"\n', "utf-8")
    todo.write_text(HEADER + entry + 'msgstr[0] ""\nmsgstr[1] ""\n', "utf-8")
    assert main(["tm", "import", str(done), "--memory", memory]) == 0
    capsys.readouterr()
    assert main(["draft", str(todo), "--tm-only", "--memory", memory]) == 0
    assert "1 exact" in capsys.readouterr().out
    (unit,) = PoCatalog.load(todo).units()
    assert unit.forms == ("%d item(s)", "%d item(s)") and unit.state is ReviewState.DRAFT


def test_mt_drafts_the_plural_form_from_msgid_plural(
    tmp_path: Path, mt_env: Path, argosmodel: Path
) -> None:
    from workbench.adapters.argos_packages import install_archive

    install_archive(argosmodel)
    po = tmp_path / "mt.po"
    # msgid_plural without letters is copied, not sent to the (noise) model: so the
    # plural form shows it was drafted from msgid_plural, not copied from msgstr[0]
    po.write_text(
        HEADER + '\nmsgid "eine Datei"\nmsgid_plural "12 345"\nmsgstr[0] ""\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    assert main(["draft", str(po), "--no-memory"]) == 0
    (unit,) = PoCatalog.load(po).units()
    assert unit.target.strip() and unit.forms[1] == "12 345"
    assert unit.state is ReviewState.DRAFT and unit.origin is not None


@pytest.mark.slow
async def test_f5_drafts_every_form_in_the_editor(model_po: Path) -> None:
    po = plural_po(model_po.with_name("pl.po"), "", "")
    app = make_app(po)
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        assert app.main is not None and app.session is not None
        app.main.go_to(0)
        await pilot.press("f5")
        await workers_done(app)
        await pilot.pause()
        unit = app.session.units[0]
        assert all(form.strip() for form in unit.forms), unit.forms
        assert unit.state is ReviewState.DRAFT and not unit.missing_forms


def test_tmx_export_keeps_every_form(tmp_path: Path) -> None:
    po = plural_po(tmp_path / "pl.po", ONE, OTHER)
    units = [u.reviewed("Rita", "2026-11-30T08:00:00Z") for u in PoCatalog.load(po).units()]
    tmx = render_tmx(units, TmxHeader(srclang="de", tgtlang="en"))
    assert len(re.findall(r"<tu[ >]", tmx)) == 3  # the plural entry's two forms and "Fertig"
    assert "<seg>%d Dateien gelöscht</seg>" in tmx and f"<seg>{OTHER}</seg>" in tmx
    assert '<prop type="x-plural-form">msgstr[1] (other)</prop>' in tmx


def test_check_refuses_plurals_without_nplurals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    po = plural_po(tmp_path / "pl.po", ONE, OTHER)
    po.write_text(
        "\n".join(ln for ln in po.read_text("utf-8").splitlines() if "Plural-Forms" not in ln)
        + "\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["check", str(po)]) == 1
    out = capsys.readouterr().out
    assert "plurals: the catalogue has plural entries but its header has no Plural-Forms" in out
    if have("msgfmt"):  # gettext agrees: a fatal error
        done = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], check=False)
        assert done.returncode != 0
    three = po.read_text("utf-8").replace(
        '"Content-Type',
        '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n<5 ? 1 : 2);\\n"\n"Content-Type',
        1,
    )
    po.write_text(three, encoding="utf-8")
    assert main(["check", str(po)]) == 2
    assert "nplurals = 3, but this entry has 2 plural forms" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["nano", "tar", "coreutils"])
def test_real_catalogues_plural_entries(name: str, tmp_path: Path) -> None:
    """Debian's catalogues: every plural entry has both forms, its review covers both,
    the memory gets both, and TMX has one unit per form."""
    po = tmp_path / f"{name}.po"
    po.write_bytes(debian_catalogue(name))
    units = PoCatalog.load(po).units()
    plural = [u for u in units if u.source_plural is not None and not u.obsolete]
    assert plural and all(len(u.forms) == 2 and not u.missing_forms for u in plural)
    for unit in plural:
        reviewed = unit.reviewed("Rita", "2026-11-30T08:00:00Z")
        assert reviewed.state is ReviewState.REVIEWED
        assert reviewed.with_form(1, unit.forms[1] + "!").state is not ReviewState.REVIEWED
    tmx = render_tmx([u for u in units if not u.obsolete], TmxHeader(srclang="en", tgtlang="de"))
    assert len(re.findall(r"<tu[ >]", tmx)) == len([u for u in units if not u.obsolete]) + len(
        plural
    )


def test_memory_suggestions_follow_the_form_being_edited(tmp_path: Path) -> None:
    po = tmp_path / "s.po"
    po.write_text(
        HEADER
        + '\nmsgid "%d Datei kopiert"\nmsgid_plural "%d Dateien kopiert"\n'
        + 'msgstr[0] ""\nmsgstr[1] ""\n'
        + '\nmsgid "%d Dateien kopiert."\nmsgstr "%d files copied."\n',
        encoding="utf-8",
    )
    with EditSession.open(po, journal=False) as session:
        plural = {s.text: s for s in session.suggestions(0, form=1) if s.kind == "TM"}
        single = {s.text: s for s in session.suggestions(0, form=0) if s.kind == "TM"}
    # msgid_plural's match, for msgstr[1]: against "%d Dateien kopiert", with its diff
    match = plural["%d files copied."]
    assert match.source == "%d Dateien kopiert."
    other = single.get(match.text)
    assert match.score is not None
    assert other is None or (other.score is not None and match.score > other.score)


def test_the_list_filter_searches_every_form(tmp_path: Path) -> None:
    po = plural_po(tmp_path / "pl.po", ONE, OTHER)
    with EditSession.open(po, journal=False) as session:
        for words in ("Dateien gelöscht", "files deleted", "Datei gelöscht", "file deleted"):
            assert session.filter_indices(parse_filter(words)) == [0], words
