"""The TUI when another editor has the file (Pilot): the dialog, the read-only view that
refuses every editing key, and opening for editing anyway from the command palette."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from workbench.services.session import EditSession
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.commands import EDITING_ACTIONS
from workbench.tui.screens.locking import OpenElsewhereScreen

SIZE = (120, 36)


@pytest.fixture
def po(tmp_path: Path) -> Path:
    target = tmp_path / "sample.en.po"
    shutil.copy(REPO / "tests" / "data" / "tui_sample.po", target)
    return target


async def settle(app: WorkbenchApp, pilot: object) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_read_only_view_refuses_edits_until_opened_anyway(po: Path) -> None:
    other = EditSession.open(po, lock=True)  # another editor holds the file
    before = po.read_bytes()
    try:
        app = make_app(po)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, OpenElsewhereScreen)
            await pilot.press("v")
            await pilot.pause()
            main = app.main
            assert main is not None and app.session is not None
            assert main.editor.read_only
            assert all(main.check_action(a, ()) is None for a in EDITING_ACTIONS)
            start = app.session.units[main.current]
            await pilot.press(*"xyz", "ctrl+n", "ctrl+r", "f9", "ctrl+s")
            await settle(app, pilot)
            assert app.session.units[main.current] == start and not app.session.dirty
            await pilot.press("ctrl+p")
            await pilot.press(*"Open for editing anyway")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await settle(app, pilot)
            assert not app.session.read_only and not main.editor.read_only
            await pilot.press("end", *"!")
            await pilot.pause()
            assert app.session.units[main.current].target.endswith("!")
            await pilot.press("ctrl+s")
            await settle(app, pilot)
        assert po.read_bytes() != before
    finally:
        other.close()


async def test_quit_from_the_dialog(po: Path) -> None:
    other = EditSession.open(po, lock=True)
    try:
        app = make_app(po)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("q")
            await pilot.pause()
        assert app.return_code == 0
    finally:
        other.close()
