"""A merge conflict in the editor: shown side by side, picked with a key, saved settled.

The conflicted file is made by the real merge driver from three versions of a PO, the way
``git merge`` leaves it; the pick is tested in tmux with the keys a terminal sends, and
through the Pilot for the choices that need no terminal.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.conftest import have
from tests.support.tmux import WORKBENCH, terminal, wait_for
from tests.support.workers import workers_done
from workbench.adapters.po import PoCatalog, read_document
from workbench.domain.states import ReviewState
from workbench.domain.units import text_hash
from workbench.services.git_merge import merge_driver
from workbench.tui.app import COMMANDS, make_app
from workbench.tui.screens.merge_conflict import MergeConflictScreen

HEAD = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: demo\\n"\n"Language: en\\n"\n'
    '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
)
GRASS = "Das Gras ist grün und die Bäume tragen im Frühling zartes Laub."
BASE_TEXT = "The grass is green and the trees bear tender leaves in spring."
OURS_TEXT = "The grass is green and the trees carry soft foliage in springtime."
THEIRS_TEXT = "In spring the grass is green and the trees have delicate leaves."


def version(grass: str, comment: str = "") -> str:
    return (
        f'{HEAD}\nmsgid "Der Himmel ist blau."\nmsgstr "The sky is blue."\n\n'
        f'{comment}msgid "{GRASS}"\nmsgstr "{grass}"\n\n'
        'msgid "Morgen regnet es."\nmsgstr "It will rain tomorrow."\n'
    )


@pytest.fixture
def conflicted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The file the merge driver leaves when ours and theirs (reviewed by bob) disagree."""
    monkeypatch.setenv("WORKBENCH_REVIEWER", "tester")
    review = (
        '# wb:reviewed {"by":"bob","at":"2026-11-03T10:00:00Z",'
        f'"hash":"{text_hash(THEIRS_TEXT)}"}}\n'
    )
    paths = {}
    for name, text in (
        ("base", version(BASE_TEXT)),
        ("ours", version(OURS_TEXT)),
        ("theirs", version(THEIRS_TEXT, review)),
    ):
        paths[name] = tmp_path / f"{name}.po"
        paths[name].write_text(text, encoding="utf-8")
    result = merge_driver(paths["base"], paths["ours"], paths["theirs"], "de.po")
    assert result.exit_code == 1
    return paths["ours"]


def grass(path: Path):  # type: ignore[no-untyped-def]
    return next(u for u in PoCatalog.load(path).units() if u.source == GRASS)


def msgfmt_ok(path: Path) -> None:
    done = subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_the_conflict_key_is_in_the_key_map_and_palette() -> None:
    assert any(c.action == "pick_side" and c.keys == "ctrl+o" for c in COMMANDS)


async def test_picking_ours_confirms_it_and_escape_leaves_the_conflict(conflicted: Path) -> None:
    app = make_app(conflicted)
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        await pilot.pause()
        session = app.session
        assert session is not None
        main = app.main
        assert main is not None and session.units[main.current].source == GRASS
        assert session.findings(main.current)[0].check == "conflict"
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, MergeConflictScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, MergeConflictScreen)
        assert session.units[main.current].conflict
        await pilot.press("ctrl+o")
        await pilot.press("o")
        unit = session.units[main.current]
        assert (unit.target, unit.state, unit.conflict) == (
            OURS_TEXT,
            ReviewState.TRANSLATED,
            (),
        )
        assert main.editor.text == OURS_TEXT
        assert session.progress.conflicts == 0
        await pilot.press("ctrl+s")
        await workers_done(app)
        await pilot.pause()
    saved = grass(conflicted)
    assert (saved.target, saved.state, saved.conflict) == (OURS_TEXT, ReviewState.TRANSLATED, ())
    msgfmt_ok(conflicted)


async def test_branch_labels_title_the_sides_as_plain_text(conflicted: Path) -> None:
    """Labels come from git (branch names, commit subjects): "[WIP]" is text, not markup."""
    labels = {"ours": "Ours: main (rebasing onto)", "theirs": "Theirs: your commit [WIP] fix"}
    app = make_app(conflicted)
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        await pilot.pause()
        session, main = app.session, app.main
        assert session is not None and main is not None
        unit = session.units[main.current]
        named = tuple(replace(c, label=labels.get(c.side, "")) for c in unit.conflict)
        app.push_screen(MergeConflictScreen(replace(unit, conflict=named)))
        await pilot.pause()
        shown = app.export_screenshot().replace("&#160;", " ")
        assert labels["ours"] in shown and labels["theirs"] in shown


@pytest.mark.tmux
@pytest.mark.skipif(not (have("tmux") and have("msgfmt")), reason="tmux or gettext missing")
def test_side_by_side_and_take_theirs_in_a_real_terminal(conflicted: Path) -> None:
    env = {"WORKBENCH_REVIEWER": "tmux"}
    with terminal(f"{WORKBENCH} open {conflicted}", conflicted.parent, env=env) as term:
        term.shows("Target", "the TUI to start")
        term.shows("unresolved merge conflict", "the conflict in the QA panel")
        term.keys("C-o")
        term.shows("Merge conflict: both sides changed this translation")
        screen = term.screen()
        sides = [line for line in screen.splitlines() if "Ours — " in line]
        assert sides and "Theirs — " in sides[0], screen  # one row: side by side
        assert "reviewed  by bob" in screen and "Before both changes:" in screen
        assert "In spring the grass is green" in screen and "carry soft" in screen
        for button in ("Ours [o]", "Theirs [t]", "Edit [e]", "Later [esc]"):  # one row, all
            assert button in screen, screen
        # the keys right after the pick, with the dialog maybe still up: none may be lost
        term.keys("t")
        term.keys("C-s")
        wait_for(lambda: "Merge conflict:" not in term.screen(), "the pick")
        term.shows("Saved", "the save")
        term.keys("C-q")  # once: quits at once (nothing unsaved)
        wait_for(lambda: not term.running(), "the app to quit")
    saved = grass(conflicted)
    assert (saved.target, saved.state, saved.conflict) == (THEIRS_TEXT, ReviewState.REVIEWED, ())
    msgfmt_ok(conflicted)
    check = subprocess.run(
        [str(WORKBENCH), "check", str(conflicted)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout


@pytest.mark.tmux
@pytest.mark.skipif(not have("tmux"), reason="tmux is missing")
@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
def test_small_terminals_show_every_choice_and_no_toast_over_it(
    conflicted: Path, size: tuple[int, int]
) -> None:
    """acceptance-2 F11/F12: all four choices on screen at 80 and 100 columns, and the
    toasts shown before the dialog wait behind it instead of covering it (the screen
    under the dialog is not redrawn, so a toast may still peek out below it)."""
    env = {"WORKBENCH_REVIEWER": "tmux"}
    with terminal(f"{WORKBENCH} open {conflicted}", conflicted.parent, size, env) as term:
        term.shows("unresolved merge conflict", "the conflict in the QA panel")
        term.keys("F9")  # a toast: nothing to revert
        term.shows("Nothing to revert", "the toast")
        term.keys("C-o")
        term.shows("Merge conflict: both sides changed this translation")
        screen = term.screen()
        for button in ("Ours [o]", "Theirs [t]", "Edit [e]", "Later [esc]"):
            assert button in screen, screen
        lines = screen.splitlines()  # the dialog's box: from its top edge to its bottom edge
        top = next(n for n, line in enumerate(lines) if "█▀▀" in line)
        bottom = next(n for n, line in enumerate(lines) if "█▄▄" in line)
        box = "\n".join(lines[top : bottom + 1])
        assert "Nothing" not in box and "as saved" not in box, screen
        term.keys("Escape")
        term.wait_for(lambda s: "Merge conflict:" not in s, "the dialog to close")
        assert term.running()


PLURAL = (
    '{head}\n#, c-format\nmsgid "%d Datei"\nmsgid_plural "%d Dateien"\n'
    'msgstr[0] "{one}"\nmsgstr[1] "{many}"\n'
)


async def test_taking_a_side_of_a_plural_conflict_takes_all_its_forms(tmp_path: Path) -> None:
    head = HEAD + '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    paths = {}
    for name, one, many in (
        ("base", "%d file", "%d files"),
        ("ours", "%d file", "%d files (ours)"),
        ("theirs", "%d document", "%d documents"),
    ):
        paths[name] = tmp_path / f"{name}.po"
        paths[name].write_text(PLURAL.format(head=head, one=one, many=many), encoding="utf-8")
    assert merge_driver(paths["base"], paths["ours"], paths["theirs"], "de.po").exit_code == 1
    app = make_app(paths["ours"])
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        await pilot.pause()
        await pilot.press("ctrl+o", "t", "ctrl+s")
        await workers_done(app)
        await pilot.pause()
    entry = read_document(paths["ours"].read_bytes(), "de.po").entries[1]
    assert entry.msgstrs == ("%d document", "%d documents") and not entry.fuzzy
    assert not entry.comments
    msgfmt_ok(paths["ours"])


async def test_a_conflict_where_upstream_made_the_entry_plural_is_settled_with_ours(
    tmp_path: Path,
) -> None:
    """acceptance-4 TOP 1: the file opens; the view says ours is singular and what picking
    it does; the pick fills both forms with our text as a draft, and the saved file is
    valid."""
    head = HEAD + '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    single = '{head}\n#, c-format\nmsgid "%d Datei"\nmsgstr "{one}"\n'
    paths = {}
    for name, text in (
        ("base", single.format(head=head, one="%d file(s)")),
        ("ours", single.format(head=head, one="%d file or files")),
        ("theirs", PLURAL.format(head=head, one="%d file", many="%d files")),
    ):
        paths[name] = tmp_path / f"{name}.po"
        paths[name].write_text(text, encoding="utf-8")
    assert merge_driver(paths["base"], paths["ours"], paths["theirs"], "de.po").exit_code == 1
    app = make_app(paths["ours"])
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        await pilot.pause()
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, MergeConflictScreen)
        ours_panel = str(app.screen.query_one("#ours", Static).content)
        assert "singular on this side: picking it fills all 2 forms, as a draft" in ours_panel
        assert "picking it" not in str(app.screen.query_one("#theirs", Static).content)
        await pilot.press("o", "ctrl+s")
        await workers_done(app)
        await pilot.pause()
    entry = read_document(paths["ours"].read_bytes(), "de.po").entries[1]
    assert entry.msgid_plural == "%d Dateien" and entry.fuzzy
    assert entry.msgstrs == ("%d file or files", "%d file or files")
    msgfmt_ok(paths["ours"])
