"""MT drafting from the TUI, on a real (tiny, random-weight) Argos package built here.

F5 drafts the current segment and Shift+F5 every untranslated one, in a worker thread with
a progress bar; the drafts land as ``draft`` units with their MT origin, and a segment a
person confirmed meanwhile is never overwritten.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.workers import workers_done
from workbench.adapters.po import PoCatalog
from workbench.domain.states import ReviewState
from workbench.tui.app import WorkbenchApp, make_app

SIZE = (120, 36)


@pytest.fixture
def po(model_po: Path) -> Path:
    """The sample PO, with the shared tiny Argos package (conftest) installed privately."""
    return model_po


async def settle(app: WorkbenchApp, pilot: object) -> None:
    await workers_done(app)
    await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.slow
async def test_draft_segment_and_draft_all(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main = app.main
        assert main is not None and app.session is not None
        session = app.session
        main.go_to(3)
        await pilot.press("f5")
        await settle(app, pilot)
        unit = session.units[3]
        assert unit.state == ReviewState.DRAFT and unit.origin is not None
        assert unit.origin.engine in {"argos", "copy"} and main.editor.text == unit.target
        untranslated = [
            i for i, u in enumerate(session.units) if u.state == ReviewState.UNTRANSLATED
        ]
        assert untranslated
        await pilot.press("shift+f5")
        await settle(app, pilot)
        assert all(session.units[i].state == ReviewState.DRAFT for i in untranslated)
        assert not main.drafter.running and not main.drafter.display  # the bar is gone when done
        assert session.units[0].state == ReviewState.TRANSLATED  # confirmed work untouched
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    units = PoCatalog.load(po).units()
    assert all(units[i].state == ReviewState.DRAFT and units[i].origin for i in untranslated)


@pytest.mark.slow
async def test_a_translated_segment_gets_mt_as_a_suggestion_and_a_run_is_one_undo(
    po: Path,
) -> None:
    """F5 on a confirmed segment never replaces it (acceptance-2 F9): the draft is offered
    as suggestion 1; Shift+F5's drafts are one change, so one Ctrl+Z undoes the run."""
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        main, session = app.main, app.session
        assert main is not None and session is not None
        translated = next(
            i for i, u in enumerate(session.units) if u.state == ReviewState.TRANSLATED
        )
        before = session.units[translated]
        main.go_to(translated)
        await pilot.press("f5")
        await settle(app, pilot)
        assert session.units[translated] == before and translated not in session.dirty
        offered = main.suggestion_list.suggestions[0]
        assert offered.kind == "MT" and offered.text != before.target
        await pilot.press("alt+1")  # taken only on purpose, as any suggestion
        await pilot.pause()
        assert session.units[translated].target == offered.text
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert session.units[translated] == before

        untranslated = [
            i for i, u in enumerate(session.units) if u.state == ReviewState.UNTRANSLATED
        ]
        assert len(untranslated) > 2
        await pilot.press("shift+f5")
        await settle(app, pilot)
        assert all(session.units[i].state == ReviewState.DRAFT for i in untranslated)
        await pilot.press("ctrl+z")  # once
        await settle(app, pilot)
        assert all(session.units[i].state == ReviewState.UNTRANSLATED for i in untranslated)
        assert "MT drafts" in app.messages[-1].message
        assert f"{len(untranslated)} segments" in app.messages[-1].message
