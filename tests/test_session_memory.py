"""The project memory inside an editing session: matches from other files and from the
open file as it is now, scored alike; saves feed the memory; repetitions take a confirmed
segment's translation in one undoable change."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from rich.text import Text

from tests.support.workers import workers_done
from workbench.adapters.memory import open_store
from workbench.adapters.po import PoCatalog
from workbench.domain.memory import MemoryEntry
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit
from workbench.services.project_memory import memory_settings
from workbench.services.session import EditSession
from workbench.services.session_memory import (
    ProjectMemorySuggestions,
    attach_project_memory,
    project_memory_of,
    propagate,
    repetitions,
)

CITY = ("Die Stadt hat 1.500 Einwohner.", "The city has 1,500 inhabitants.")
COUNCIL = "Der Rat tagt heute im Rathaus."


def make_po(path: Path, rows: list[tuple[str, str]]) -> Path:
    catalog = PoCatalog.new(path, "de", "en", path.stem)
    for i, (source, target) in enumerate(rows):
        unit = Unit(id=f"s{i}", source=source, target=target)
        catalog.apply(unit)
    catalog.save(path)
    return path


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    return make_po(
        tmp_path / "doc.po",
        [
            ("Die Stadt hat 2.000 Einwohner.", ""),
            (COUNCIL, ""),
            ("Der Hafen ist groß.", "The port is big."),
            (COUNCIL, ""),
            ("Der Rat tagt morgen im Rathaus.", ""),
            (COUNCIL, "Done already."),
        ],
    )


@pytest.fixture
def memory_path(private_memory: Path) -> Path:
    with open_store(private_memory) as store:
        store.add([MemoryEntry(*CITY, state=ReviewState.REVIEWED, origin="other.po")])
    return private_memory


def test_suggestions_from_the_project_and_the_open_file(doc: Path, memory_path: Path) -> None:
    with EditSession.open(doc, journal=False, fast=False) as session:
        memory = attach_project_memory(session)
        assert project_memory_of(session) is memory
        # another file's entry, numbers taken from this segment, scored like the CLI
        [tm] = [s for s in session.suggestions(0) if s.kind == "TM"]
        assert (tm.text, tm.source, round(tm.score or 0, 1)) == (
            "The city has 2,000 inhabitants.", CITY[0], 83.3
        )  # fmt: skip
        assert tm.detail == "reviewed · other.po"
        # the open file as it is now: a confirmation not yet saved is a match at once
        session.write_text(1, "The council meets in the town hall today.", "typed")
        session.confirm(1)
        found = [s for s in session.suggestions(4) if s.kind == "TM"]
        assert {(s.text, s.detail) for s in found} == {
            ("The council meets in the town hall today.", "translated · this file"),
            ("Done already.", "translated · this file"),
        }
        # a segment is never its own match
        assert all(s.source != COUNCIL or s.text != "Done already." for s in session.suggestions(5))


def test_another_files_match_is_kept_when_this_file_has_the_same_one(
    doc: Path, memory_path: Path
) -> None:
    # the open file fed the memory the same translation another file has; then its segment
    # was emptied (msgmerge, a colleague): the other file's match must still be offered
    with EditSession.open(doc, journal=False, fast=False) as session:
        memory = attach_project_memory(session)
        with open_store(memory_path) as store:
            # newer than the other file's copy: it would win the fold of equal matches
            ours = MemoryEntry(
                *CITY, state=ReviewState.REVIEWED, origin=memory.origin, changed="2026-11-30"
            )
            store.add([ours])
        found = [(s.text, s.detail) for s in session.suggestions(0) if s.kind == "TM"]
        assert found == [("The city has 2,000 inhabitants.", "reviewed · other.po")]


def test_saving_feeds_the_project_memory(doc: Path, memory_path: Path) -> None:
    with EditSession.open(doc, journal=False, fast=False) as session:
        memory = attach_project_memory(session)
        session.write_text(1, "The council meets today.", "typed")
        session.confirm(1)
        session.write_text(2, "", "cleared")  # no longer translated: forgotten on save
        session.save()
    with open_store(memory_path) as store:
        entries = {(e.origin, e.source, e.target, e.author) for e in store.entries()}
    origin = memory.origin
    assert (origin, COUNCIL, "The council meets today.", session.reviewer) in entries
    assert not any(e[1] == "Der Hafen ist groß." for e in entries)


def test_no_memory_file_until_a_save(doc: Path, private_memory: Path) -> None:
    with EditSession.open(doc, journal=False, fast=False) as session:
        attach_project_memory(session)
        assert [s for s in session.suggestions(0) if s.kind == "TM"] == []
        assert not private_memory.exists()
        session.write_text(0, "The city has 2,000 inhabitants.", "typed")
        session.confirm(0)
        session.save()
    assert private_memory.exists()


def test_settings_turn_feeding_off(doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   private_memory: Path) -> None:  # fmt: skip
    (tmp_path / "workbench.toml").write_text("[memory]\nfeed = false\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    settings = memory_settings()
    with EditSession.open(doc, journal=False, fast=False) as session:
        memory = attach_project_memory(session, settings)
        assert isinstance(memory, ProjectMemorySuggestions) and not memory.settings.feed
        session.write_text(0, "The city.", "typed")
        session.confirm(0)
        session.save()
    assert not private_memory.exists()


@pytest.mark.parametrize(("how", "state"), [("draft", ReviewState.DRAFT),
                                            ("translated", ReviewState.TRANSLATED)])  # fmt: skip
def test_repetitions_take_the_translation_in_one_undoable_change(
    doc: Path, how: str, state: ReviewState
) -> None:
    with EditSession.open(doc, journal=False, fast=False) as session:
        assert repetitions(session.units, 1) == [3]  # segment 6 is translated: left alone
        assert propagate(session, 1, how) == []  # type: ignore[arg-type]  # not confirmed yet
        session.write_text(1, "The council meets today.", "typed")
        session.confirm(1)
        assert propagate(session, 1, how) == [3]  # type: ignore[arg-type]
        unit = session.units[3]
        assert (unit.target, unit.state) == ("The council meets today.", state)
        assert unit.origin is not None and unit.origin.engine == "memory"
        assert unit.origin.extra["match"] == "repetition" and unit.origin.extra["of"] == "s1"
        # the repeat lists the confirmed segment as a memory match, never as an MT draft
        kinds = {(s.kind, s.text) for s in session.suggestions(3)}
        assert ("TM", "The council meets today.") in kinds and "MT" not in dict(kinds)
        assert session.units[5].target == "Done already."
        session.undo()
        assert session.units[3].target == "" and session.units[1].state is ReviewState.TRANSLATED


# --- the suggestions pane: the word diff as the translator sees it --------------------------


async def test_the_memory_match_shows_what_differs(doc: Path, memory_path: Path) -> None:
    """The match's source under the suggestion: the number it has struck through in red, this
    segment's number underlined in green, the rest plain (Pilot; tmux covers the keys)."""
    from workbench.tui.app import make_app

    app = make_app(doc)
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        await pilot.pause()
        main = app.main
        assert main is not None
        listed = main.suggestion_list
        assert [s.kind for s in listed.suggestions] == ["TM"]
        prompt = listed.get_option_at_index(0).prompt
        assert isinstance(prompt, Text)
        styled = {prompt.plain[s.start : s.end]: s.style for s in prompt.spans}
        deleted, inserted = styled["1.500"], styled["2.000"]
        assert isinstance(deleted, Style) and deleted.strike and deleted.color is not None
        assert isinstance(inserted, Style) and inserted.underline
        assert "← Die Stadt hat 1.500 2.000 Einwohner." in prompt.plain
        assert "reviewed · other.po" in prompt.plain
        # an exact match (segment 6 of this file) does not repeat the source
        main.go_to(1)
        await workers_done(app)
        await pilot.pause()
        [exact] = [listed.get_option_at_index(i).prompt for i in range(len(listed.suggestions))]
        assert isinstance(exact, Text) and "Done already." in exact.plain
        assert "← same source" in exact.plain and COUNCIL not in exact.plain


def test_no_two_commands_share_a_key() -> None:
    """Every key (and alias) starts one command only: the concordance key may not shadow
    another engineer's, nor theirs mine."""
    from workbench.tui.commands import COMMANDS

    owners: dict[str, str] = {}
    for command in COMMANDS:
        for key in command.bound_keys.split(","):
            assert key not in owners, f"{key} is both {owners[key]} and {command.action}"
            owners[key] = command.action
    assert owners["shift+f4"] == owners["f16"] == "concordance"
