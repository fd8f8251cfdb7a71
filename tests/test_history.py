"""Undo across the editing session: every change is named and reversible, typing included.

Domain bookkeeping (:mod:`workbench.domain.history`) and the session's editing API on the
sample PO: revert, a suggestion taken, confirm, review, find and replace and notes undo and
redo.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from workbench.domain.history import Change, Edit, History
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit
from workbench.services.session import EditSession

DATA = REPO / "tests" / "data"


@pytest.fixture
def session(tmp_path: Path) -> Iterator[EditSession]:
    po = tmp_path / "sample.en.po"
    shutil.copy(DATA / "tui_sample.po", po)
    with EditSession.open(po) as opened:
        yield opened


def test_a_run_of_typing_is_one_change_closed_by_the_next_command() -> None:
    units = [Unit("a", "Haus", ""), Unit("b", "Hof", "")]
    history = History()
    history.typed(0, units[0], units)
    units[0] = Unit("a", "Haus", "hou")
    history.typed(0, units[0], units)  # same run: the "before" stays the empty unit
    units[0] = Unit("a", "Haus", "house")
    history.typed(1, units[1], units)  # typing elsewhere closes the first run
    units[1] = Unit("b", "Hof", "yard")
    change = history.pop_undo(units)
    assert change is not None and change.label == "typing" and change.indices == [1]
    change = history.pop_undo(units)
    assert change is not None and change.edits == (
        Edit(0, Unit("a", "Haus", ""), Unit("a", "Haus", "house")),
    )
    assert history.pop_undo(units) is None
    redone = history.pop_redo(units)
    assert redone is not None and redone.indices == [0]  # the last one undone is redone first


def test_a_change_that_changes_nothing_is_not_recorded() -> None:
    unit = Unit("a", "Haus", "house")
    change = Change.of("confirm", {0: unit}, {0: unit})
    history = History()
    history.record(change)
    assert not change.edits and history.pop_undo([unit]) is None


def test_revert_is_undone_and_redone(session: EditSession) -> None:
    session.set_target(2, "my edit")
    session.confirm(2)
    edited = session.units[2]
    session.revert(2)
    assert 2 not in session.dirty
    result = session.undo()
    assert result is not None and result.change.label == "revert" and result.applied == [2]
    assert session.units[2] == edited and edited.state == ReviewState.TRANSLATED
    session.redo()
    assert 2 not in session.dirty
    # the confirm and the typing before it are undone in turn
    session.undo()
    session.undo()
    assert session.units[2].target == "my edit" and session.units[2].state == ReviewState.DRAFT
    session.undo()
    assert session.units[2] == session.saved[2] and not session.dirty


def test_taking_a_suggestion_and_reviewing_are_undoable(session: EditSession) -> None:
    session.write_text(3, "Suggested text.", "suggestion 1 (TM)")
    assert session.units[3].state == ReviewState.DRAFT
    session.review(3, by="R", at="2025-01-01T00:00:00+00:00")
    assert session.units[3].state == ReviewState.REVIEWED
    assert session.undo() is not None
    assert session.units[3].state == ReviewState.DRAFT
    result = session.undo()
    assert result is not None and result.change.label == "suggestion 1 (TM)"
    assert session.units[3].target == ""
    assert session.progress.segments[ReviewState.UNTRANSLATED] == 20


def test_find_and_replace_is_one_change(session: EditSession) -> None:
    session.review(0, by="R", at="2025-01-01T00:00:00+00:00")
    texts = {
        i: (u.target.replace("China", "PRC"),)
        for i, u in enumerate(session.units)
        if "China" in u.target
    }
    assert len(texts) >= 2
    before = [session.units[i] for i in texts]
    change = session.replace_targets("replace 'China' → 'PRC'", texts)
    assert change.indices == sorted(texts)
    assert all("PRC" in session.units[i].target for i in texts)
    # a reviewed unit loses its review mark (the reviewed text is gone); states stay otherwise
    assert session.units[0].state == ReviewState.TRANSLATED and session.units[0].review is None
    result = session.undo()
    assert result is not None and result.applied == sorted(texts)
    assert [session.units[i] for i in texts] == before


def test_a_note_is_undoable_and_saved_as_a_translator_comment(session: EditSession) -> None:
    session.set_notes(3, ["Check the name with the client."])
    assert session.units[3].notes == ("Check the name with the client.",)
    session.save()
    text = session.path.read_text(encoding="utf-8")
    assert "# Check the name with the client.\n" in text
    session.set_notes(3, [])
    session.undo()
    assert session.units[3].notes == ("Check the name with the client.",)
