"""The editor's tools beyond typing (Textual's Pilot): comments and notes, find and replace,
adding a glossary term, the dictionary pane.

Comments are tested on GNU gettext's own German catalogue (real ``#.`` comments from the
gettext sources; fetched once from Debian, see tests/support/material.toml), and the
note a translator adds is checked to survive ``msgcat``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static, TextArea

from tests.conftest import REPO, have
from tests.support.material import tar_member
from tests.support.workers import workers_done
from workbench.adapters.dictionary import DEBIAN_DING
from workbench.domain.glossary import TermStatus
from workbench.tui.app import MainScreen, WorkbenchApp, make_app
from workbench.tui.screens.add_term import AddTermScreen
from workbench.tui.screens.comments import CommentsScreen
from workbench.tui.screens.replace import ReplaceScreen
from workbench.tui.widgets.dictionary import DictionaryView

DATA = REPO / "tests" / "data"
SIZE = (120, 36)


async def settle(app: WorkbenchApp, pilot: object) -> MainScreen:
    await workers_done(app)
    await pilot.pause()  # type: ignore[attr-defined]
    assert app.main is not None
    return app.main


@pytest.fixture
def po(tui_sample: Path) -> Path:
    return tui_sample


@pytest.mark.skipif(not have("msgcat"), reason="GNU gettext is not installed")
async def test_comments_are_shown_and_a_note_survives_msgcat(tmp_path: Path) -> None:
    po = tmp_path / "gettext-tools.de.po"
    po.write_bytes(tar_member("gettext-source", "gettext-0.21/gettext-tools/po/de.po"))
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        main = await settle(app, pilot)
        session = app.session
        assert session is not None
        quote = next(i for i, u in enumerate(session.units) if u.source == "`")
        main.go_to(quote)
        await pilot.pause()
        source = str(main.query_one("#source").render())
        assert "#. TRANSLATORS:" in source  # a glimpse under the source
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, CommentsScreen)
        shown = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Get translations for open and closing quotation marks." in shown
        assert "gnulib-lib/quotearg.c:355" in shown
        note = app.screen.query_one("#note", TextArea)
        note.insert("wb:sneaky")  # the workbench's own prefix is refused
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CommentsScreen)
        note.clear()
        note.insert("Checked against the 0.21 sources.\nKeep the guillemets.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert session.units[quote].notes == (
            "Checked against the 0.21 sources.",
            "Keep the guillemets.",
        )
        await pilot.press("ctrl+z")  # the note is undoable
        assert session.units[quote].notes == ()
        await pilot.press("ctrl+y", "ctrl+s")
        await settle(app, pilot)
    merged = subprocess.run(["msgcat", str(po)], capture_output=True, text=True, check=True)
    assert "# Checked against the 0.21 sources.\n# Keep the guillemets.\n" in merged.stdout
    assert "#. TRANSLATORS:" in merged.stdout


async def test_find_and_replace_previews_then_replaces_as_one_undo(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        main = await settle(app, pilot)
        session = app.session
        assert session is not None
        before = [u.target for u in session.units]
        await pilot.press("ctrl+e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplaceScreen)
        await pilot.press(*"china")
        screen.query_one("#replace", Input).value = "PRC"
        screen.refresh_preview()
        await pilot.pause()
        summary = str(screen.query_one("#replace-summary", Static).render())
        assert summary.startswith("2 replacements in 2 segments")
        rows = str(screen.query_one("#replace-rows", Static).render())
        assert "PRC-U.S. Sister Cities Conference" in rows
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        changed = [i for i, u in enumerate(session.units) if u.target != before[i]]
        assert changed == [0, 1]
        assert all("PRC" in session.units[i].target for i in changed)
        await pilot.press("ctrl+z")
        assert [u.target for u in session.units] == before
        assert main.current == 0  # undo went to the first segment it changed


async def test_a_bad_regex_is_said_not_raised(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplaceScreen)
        screen.query_one("#regex").value = True  # type: ignore[attr-defined]
        await pilot.press(*"(China")
        screen.refresh_preview()
        await pilot.pause()
        assert "not a regular expression" in str(screen.query_one("#replace-summary").render())
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_an_added_term_takes_effect_at_once(po: Path, tmp_path: Path) -> None:
    glossary = tmp_path / "project.tsv"
    shutil.copy(DATA / "tui_glossary.tsv", glossary)
    app = make_app(po, glossaries=[glossary])
    async with app.run_test(size=SIZE) as pilot:
        main = await settle(app, pilot)
        session = app.session
        assert session is not None
        main.go_to(2)  # "…einen Jugendkunstaustausch unter dem Motto…"
        await pilot.pause()
        assert not any(h.source_term == "Jugendkunstaustausch" for h in session.term_hits(2))
        await pilot.press("ctrl+u")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AddTermScreen)
        assert screen.query_one("#term-file", Input).value == str(glossary)
        screen.query_one("#term-source", Input).value = "Jugendkunstaustausch"
        screen.query_one("#term-target", Input).value = "youth art exchange"
        screen.query_one("#term-note", Input).value = "the event's own name"
        screen.query_one("#term-status", Select).value = TermStatus.PREFERRED
        screen.query_one("#term-source", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        row = glossary.read_text(encoding="utf-8").splitlines()[-1]
        assert row == "Jugendkunstaustausch\tyouth art exchange\tpreferred\tthe event's own name"
        hits = session.term_hits(2)
        assert any(h.source_term == "Jugendkunstaustausch" for h in hits)  # highlighting
        main.editor.clear()
        await pilot.press(*"A youth exchange took place.")
        await pilot.pause()
        assert any(
            f.check == "glossary" and "Jugendkunstaustausch" in f.message
            for f in session.findings(2)
        )  # and QA


async def test_a_term_the_glossary_cannot_hold_is_refused_in_the_dialog(
    po: Path, tmp_path: Path
) -> None:
    glossary = tmp_path / "project.tsv"
    shutil.copy(DATA / "tui_glossary.tsv", glossary)
    before = glossary.read_bytes()
    app = make_app(po, glossaries=[glossary])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+u")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AddTermScreen)
        # the glossary has Landrat → County Executive as preferred: forbidden too is a conflict
        screen.query_one("#term-source", Input).value = "Landrat"
        screen.query_one("#term-target", Input).value = "County Executive"
        screen.query_one("#term-status", Select).value = TermStatus.FORBIDDEN
        screen.query_one("#term-source", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AddTermScreen)
        assert "County Executive" in str(screen.query_one("#term-problem").render())
    assert glossary.read_bytes() == before


@pytest.mark.skipif(not DEBIAN_DING.is_file(), reason="trans-de-en is not installed")
async def test_the_dictionary_pane_looks_up_the_segment(
    po: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        main = await settle(app, pilot)
        await pilot.press("ctrl+d")
        await settle(app, pilot)
        view = main.query_one("#dictionary", DictionaryView)
        assert main.info == "dictionary" and view.display
        shown = [str(view.get_option_at_index(i).prompt) for i in range(view.option_count)]
        assert shown[0].startswith("Konferenz\n")
        assert any(s.startswith("Jugendkunstaustausch = Jugend + kunst + austausch") for s in shown)
        await pilot.press("f8")  # the next segment's words, looked up as it is shown
        await settle(app, pilot)
        assert str(view.get_option_at_index(0).prompt).startswith("Rahmen")
        await pilot.press("ctrl+d")
        assert main.info == "suggestions"


async def test_without_the_dictionary_the_pane_says_how_to_get_it(
    po: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_DICTIONARY", str(tmp_path / "missing"))
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        main = await settle(app, pilot)
        await pilot.press("ctrl+d")
        await settle(app, pilot)
        view = main.query_one("#dictionary", DictionaryView)
        assert "apt install trans-de-en" in str(view.get_option_at_index(0).prompt)
