"""The translator TUI driven by Textual's pilot: the workflows a translator relies on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input

from tests.conftest import REPO
from tests.support.workers import workers_done
from workbench.adapters.journal import journal_files
from workbench.adapters.po import PoCatalog
from workbench.domain.states import ReviewState
from workbench.tui.app import COMMANDS, MainScreen, WorkbenchApp, make_app
from workbench.tui.screens.dialogs import ConfirmQuitScreen, ConflictScreen, RecoveryScreen
from workbench.tui.widgets.segment_list import SegmentList

DATA = REPO / "tests" / "data"
GLOSSARY = DATA / "tui_glossary.tsv"
SIZE = (120, 36)


@pytest.fixture
def po(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORKBENCH_REVIEWER", "Pilot Reviewer")
    target = tmp_path / "sample.en.po"
    shutil.copy(DATA / "tui_sample.po", target)
    return target


def disk_units(path: Path) -> list:  # type: ignore[type-arg]
    return PoCatalog.load(path).units()


async def settle(app: WorkbenchApp, pilot: object) -> None:
    """Let background workers (catalogue, glossary, save) finish and the screen catch up."""
    await workers_done(app)
    await pilot.pause()  # type: ignore[attr-defined]


def main_screen(app: WorkbenchApp) -> MainScreen:
    screen = app.main
    assert screen is not None
    return screen


async def test_opens_in_the_editor_of_the_first_segment_needing_work(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = main_screen(app)
        assert main.current == 2  # 0 translated, 1 reviewed, 2 the first draft
        assert app.focused is main.editor
        await pilot.press("end", "!")
        assert main.editor.text.endswith("!")
        assert app.session is not None and app.session.units[2].target.endswith("!")


async def test_edit_confirm_save_writes_text_and_state(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = main_screen(app)
        await pilot.press("ctrl+n")  # confirm the MT draft as it is
        assert main.current == 3
        await pilot.press(*"Guests visited.")
        await pilot.press("ctrl+n")
        assert main.current == 4
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    units = disk_units(po)
    assert units[2].state == ReviewState.TRANSLATED
    assert (units[3].target, units[3].state) == ("Guests visited.", ReviewState.TRANSLATED)
    assert journal_files(po) == []


async def test_review_marks_reviewed_and_moves_on(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = main_screen(app)
        main.go_to(0)
        await pilot.press("ctrl+r")
        assert main.current == 2  # 1 is already reviewed
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    unit = disk_units(po)[0]
    assert unit.state == ReviewState.REVIEWED
    assert unit.review is not None and unit.review.by == "Pilot Reviewer"


async def test_filter_by_state_and_text(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = main_screen(app)
        await pilot.press("ctrl+f")
        await pilot.press(*"translated", "enter")
        await pilot.pause()
        segments = main_screen(app).segments
        assert segments.view == [0, 6]
        assert main.current in segments.view
        await pilot.press("ctrl+f")
        app.screen.query_one("#filter-input", Input).value = ""
        await pilot.press(*"DeepSeek", "enter")
        await pilot.pause()
        assert segments.view == [5, 6]  # source or target mentions DeepSeek
        await pilot.press("ctrl+l")
        assert len(segments.view) == 24
        main.apply_filter("qa")  # checks every segment in a worker
        await settle(app, pilot)
        session = app.session
        assert session is not None
        assert 2 in segments.view and len(segments.view) < 24
        assert all(session.findings(i) for i in segments.view)


async def test_navigation_keys_and_mouse(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = main_screen(app)
        await pilot.press("f8")
        assert main.current == 3
        await pilot.press("f7", "f7")
        assert main.current == 1
        await pilot.click(SegmentList, offset=(20, 5))  # row 5 of the list (border is row 0)
        await pilot.pause()
        assert main.current == 4


async def test_mt_draft_terms_and_revert(po: Path) -> None:
    app = make_app(po, glossaries=[GLOSSARY])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = main_screen(app)
        assert app.session is not None
        mt = app.session.units[2].origin.mt  # type: ignore[union-attr]
        main.editor.select_all()
        await pilot.press("backspace")
        assert main.editor.text == ""
        await pilot.press("f2")
        assert main.editor.text == mt
        main.go_to(7)  # "Landrat von Montgomery County"
        await pilot.pause()
        await pilot.press("ctrl+g")
        assert "County Executive" in main.editor.text
        await pilot.press("f9")
        assert main.editor.text == "" and 7 not in app.session.dirty
        await pilot.press("ctrl+z")  # revert is undoable: the inserted term comes back
        assert app.session.units[7].target == main.editor.text
        assert "County Executive" in main.editor.text and 7 in app.session.dirty
        await pilot.press("ctrl+y")  # and the revert can be redone
        assert app.session.units[7].target == "" and 7 not in app.session.dirty


async def test_quit_asks_when_there_are_unsaved_edits(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(*"abc")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuitScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")  # save and quit
        await settle(app, pilot)
    assert app.return_code == 0
    assert disk_units(po)[2].target.endswith("abc")


async def test_recovery_after_a_crash(po: Path) -> None:
    from workbench.services.session import EditSession

    crashed = EditSession.open(po)
    crashed.set_target(5, "typed before the crash")
    crashed.close()  # the journal stays: nothing was saved
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, RecoveryScreen)
        await pilot.press("r")
        await pilot.pause()
        assert app.session is not None
        assert app.session.units[5].target == "typed before the crash"
        assert 5 in app.session.dirty
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert disk_units(po)[5].target == "typed before the crash"


async def test_external_modification_is_merged_not_clobbered(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main_screen(app).editor.select_all()
        await pilot.press("backspace", *"mine")
        catalog = PoCatalog.load(po)  # another program changes segment 9
        theirs = catalog.units()[9].with_target("theirs").confirmed()
        catalog.apply(theirs)
        catalog.save()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ConflictScreen)
        assert disk_units(po)[2].target != "mine"  # nothing overwritten yet
        await pilot.press("m")
        await settle(app, pilot)
    units = disk_units(po)
    assert units[2].target == "mine" and units[9].target == "theirs"


async def test_drafting_without_a_model_says_how_to_install_one(
    po: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-models"
    empty.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(empty))
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        from workbench.services.drafting import model_status

        command = model_status().command
        messages = [n.message for n in app.messages]
        assert any("install" in m.lower() and command in m for m in messages), messages
        assert not main_screen(app).drafter.running


async def test_every_action_is_in_the_command_palette(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        titles = " ".join(c.title for c in app.get_system_commands(app.screen))
        for command in COMMANDS:
            if command.action not in {"quit", "help"}:
                assert command.label in titles, command.label
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Show reviewed", "enter")
        await pilot.pause()
        await pilot.pause()
        assert main_screen(app).segments.view == [1]


async def test_undo_reaches_back_across_segments(po: Path) -> None:
    """Typing is undone keystroke by keystroke in its segment; after moving on, Ctrl+Z
    undoes the last change wherever it was (and goes there), Ctrl+Y redoes it."""
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = main_screen(app)
        session = app.session
        assert session is not None
        main.go_to(3)
        await pilot.press(*"abc")
        await pilot.press("ctrl+z")
        assert main.editor.text == ""
        await pilot.press(*"typed in 3")
        main.go_to(4)  # also empty: the editor's text does not change
        await pilot.pause()
        assert session.units[3].target == "typed in 3"
        await pilot.press("ctrl+z")  # nothing typed in 4: the typing in 3 is undone
        assert main.current == 3 and main.editor.text == ""
        assert session.units[3].target == "" and session.units[4].target == ""
        await pilot.press("ctrl+y")
        assert main.editor.text == "typed in 3" == session.units[3].target
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z")  # more than there is: no harm
        assert session.units[3].target == "" and not session.dirty


async def test_a_change_on_disk_is_announced_before_saving(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        catalog = PoCatalog.load(po)
        catalog.apply(catalog.units()[9].with_target("theirs").confirmed())
        catalog.save()
        main_screen(app).check_disk()
        await pilot.pause()
        assert any("changed by another program" in n.message for n in app.messages)


async def test_file_picker_opens_the_chosen_file(po: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.en.po"
    shutil.copy(po, other)
    app = make_app(None, choices=[po, other])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.main is None
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert app.session is not None and app.session.path == other
        assert app.focused is main_screen(app).editor


def test_the_project_file_with_work_left_is_opened_directly(po: Path, tmp_path: Path) -> None:
    from workbench.cli.open_cmd import pick_project_file

    done = tmp_path / "done.en.po"
    catalog = PoCatalog.load(po)
    for unit in catalog.units():
        catalog.apply(unit.with_target(unit.target or "x").confirmed())
    catalog.save(done)
    assert pick_project_file([done, po]) == po
    assert pick_project_file([po, shutil.copy(po, tmp_path / "second.en.po")]) is None
    assert pick_project_file([done]) == done


async def test_suggestions_by_key_and_by_mouse(po: Path) -> None:
    app = make_app(po, reference=REPO / "corpora" / "hangzhou-sister-cities" / "reference.en.md")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = main_screen(app)
        assert app.session is not None
        unit = app.session.units[2]
        kinds = [s.kind for s in app.session.suggestions(2)]
        assert kinds == ["MT", "Ref"]
        reference = app.session.suggestions(2)[1].text
        # the sentence of the reference paragraph that renders this segment, not the paragraph
        assert reference.startswith("The conference featured forums") and reference.endswith(
            "Sustainable Future.”"
        )
        await pilot.press("alt+2")  # 1 is the MT draft, 2 the reference
        assert main.editor.text == reference
        await pilot.click("#suggestions", offset=(3, 0))  # the first line: the MT draft
        await pilot.pause()
        assert unit.origin is not None and main.editor.text == unit.origin.mt


async def test_escape_on_recovery_discards_nothing(po: Path) -> None:
    from workbench.services.session import EditSession

    crashed = EditSession.open(po)
    crashed.set_target(5, "keep me")
    crashed.close()
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, RecoveryScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press(*"new typing")
        await pilot.pause()
    assert any("keep me" in p.read_text(encoding="utf-8") for p in journal_files(po))


async def test_a_late_mt_draft_never_overwrites_typing(po: Path) -> None:
    from workbench.domain.units import MtOrigin
    from workbench.tui.messages import DraftReady

    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = main_screen(app)
        main.go_to(3)
        await pilot.press(*"typed by a person")
        origin = MtOrigin("argos", "m", "machine")
        # "draft all" started when both were empty; the drafts arrive after the typing
        main.post_message(DraftReady(3, "machine", origin, started_from=""))
        main.post_message(DraftReady(4, "machine", origin, started_from=""))
        await pilot.pause()
        assert app.session is not None
        assert app.session.units[3].target == "typed by a person"
        assert app.session.units[4].target == "machine"


async def test_a_big_file_shows_its_head_first_then_the_rest(
    po: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workbench.tui import app as tui_app

    monkeypatch.setattr(tui_app, "HEAD", 5)
    app = make_app(po)
    assert app.session is not None and not app.session.complete
    assert len(app.session.units) == 5
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = main_screen(app)
        assert main.current == 2 and app.focused is main.editor
        await pilot.press(*"!")
        await settle(app, pilot)
        assert app.session.complete and list(main.segments.view) == list(range(24))
        await pilot.press("ctrl+n")
        assert main.current == 3
        main.go_to(23)  # a unit read after the first screen
        await pilot.press(*"last one", "ctrl+s")
        await settle(app, pilot)
    units = disk_units(po)
    assert units[2].target.endswith("!") and units[2].state == ReviewState.TRANSLATED
    assert units[23].target == "last one"


async def test_no_dialog_answer_crashes_the_app(po: Path) -> None:
    """The changed-on-disk dialog's "merge" on a file whose wb: comment another tool wrapped
    over two lines: the comment is read as before (issue 10), the merge keeps the edits and
    the review mark, and the save writes them."""
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.session is not None
        reviewed = [i for i, u in enumerate(app.session.units) if u.review is not None]
        main_screen(app).editor.select_all()
        await pilot.press("backspace", *"mine")
        text = po.read_text(encoding="utf-8")
        wrapped = text.replace(
            '# wb:reviewed {"by":"Test Reviewer",', '# wb:reviewed {"by":\n# "Test Reviewer",'
        )
        assert wrapped != text
        po.write_text(wrapped, encoding="utf-8")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("m")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen) and app.is_running
        assert not any("failed" in n.message for n in app.messages)
        assert app.session.units[2].target == "mine"
        assert reviewed and all(app.session.units[i].review is not None for i in reviewed)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert disk_units(po)[2].target == "mine"
    assert all(disk_units(po)[i].review is not None for i in reviewed)


async def test_the_file_warnings_are_said_on_open(po: Path) -> None:
    """A wb: comment the reader could not use costs only that metadata, and is said (file:line)."""
    text = po.read_text(encoding="utf-8")
    broken = text.replace(
        '# wb:reviewed {"by":"Test Reviewer",', '# wb:reviewed {"by":"Test Reviewer"', 1
    )
    assert broken != text
    po.write_text(broken, encoding="utf-8")
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        said = [n for n in app.messages if n.title == "In the file"]
        assert said and f"{po}:" in said[0].message and "wb:reviewed" in said[0].message
