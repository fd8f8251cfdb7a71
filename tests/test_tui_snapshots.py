"""Snapshots of the TUI's main screens (pytest-textual-snapshot), at a fixed 120x36 terminal.

Regenerate after an intended change with ``pytest tests/test_tui_snapshots.py --snapshot-update``
and look at the SVGs under ``tests/__snapshots__/``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.support.workers import workers_done
from workbench.tui.app import WorkbenchApp, make_app

DATA = REPO / "tests" / "data"
SIZE = (120, 36)


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WorkbenchApp:
    monkeypatch.setenv("WORKBENCH_REVIEWER", "Snapshot Reviewer")
    po = tmp_path / "sample.en.po"
    shutil.copy(DATA / "tui_sample.po", po)
    return make_app(po, glossaries=[DATA / "tui_glossary.tsv"])


def steady(then: Callable[[WorkbenchApp, Any], Any] | None = None) -> Callable[[Any], Any]:
    """A run_before that waits for the background loads and stops the cursor blinking."""

    async def run_before(pilot: Any) -> None:
        app: WorkbenchApp = pilot.app
        await workers_done(app)
        await pilot.pause()
        main = app.main
        assert main is not None
        main.editor.cursor_blink = False
        if then is not None:
            await then(app, pilot)
        await workers_done(app)
        await pilot.pause()

    return run_before


def test_main_screen_on_open(app: WorkbenchApp, snap_compare: Any) -> None:
    """Open: the first draft in the editor, its MT text, list badges, progress and keys."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steady())


async def _glossary_segment(app: WorkbenchApp, pilot: Any) -> None:
    main = app.main
    assert main is not None
    main.go_to(7)
    await pilot.pause()
    await pilot.press(*"One of them was Marc Elrich, District Administrator.")


def test_glossary_terms_and_live_qa(app: WorkbenchApp, snap_compare: Any) -> None:
    """A segment with glossary terms, a forbidden rendering typed: the QA panel flags it."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steady(_glossary_segment))


def test_help_screen(app: WorkbenchApp, snap_compare: Any) -> None:
    """F1 shows the key map."""
    assert snap_compare(app, press=["f1"], terminal_size=SIZE, run_before=steady())


async def _type_and_quit(app: WorkbenchApp, pilot: Any) -> None:
    await pilot.press("x", "ctrl+q")


def test_quit_with_unsaved_edits_asks(app: WorkbenchApp, snap_compare: Any) -> None:
    """Ctrl+Q with unsaved edits: save, discard or cancel."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steady(_type_and_quit))


async def _filter_translated(app: WorkbenchApp, pilot: Any) -> None:
    main = app.main
    assert main is not None
    main.apply_filter("translated")


def test_filtered_list(app: WorkbenchApp, snap_compare: Any) -> None:
    """The list filtered to translated segments, the filter shown in the status line."""
    assert snap_compare(app, terminal_size=SIZE, run_before=steady(_filter_translated))
