"""Two editors on one PO file, and what crashed editors leave behind (issue 11, item 2).

The TUI tests at the end drive the app with Textual's Pilot: the "open elsewhere" dialog,
the read-only view that refuses every editing key, and opening for editing anyway from the
command palette (the real-terminal scenarios are in test_tui_two_editors_tmux.py).

Each editor writes its own journal, so neither truncates, interleaves with or deletes the
other's; the first takes the file's advisory lock and a second starts read-only, saying
who has the file, until it opens anyway; recovery offers every journal left behind; a
segment changed differently in two places keeps both texts side by side.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_tui_app import SIZE, settle
from workbench.adapters.edit_lock import EditLock, lock_path
from workbench.adapters.journal import is_held, journal_files, left_behind, read_journal
from workbench.adapters.po import PoCatalog
from workbench.domain.states import ReviewState
from workbench.services.session import EditSession, ReadOnlyError
from workbench.tui.app import make_app
from workbench.tui.commands import EDITING_ACTIONS
from workbench.tui.screens.locking import OpenElsewhereScreen


@pytest.fixture
def po(tmp_path: Path) -> Path:
    target = tmp_path / "sample.en.po"
    shutil.copy(REPO / "tests" / "data" / "tui_sample.po", target)
    return target


OpenEditor = Callable[..., EditSession]


@pytest.fixture
def open_editor() -> Iterator[OpenEditor]:
    """``open_editor(po, **options)`` opens an :class:`EditSession` as an editor window would;
    each is closed (its lock released, its journal let go) when the test ends."""
    with ExitStack() as opened:
        yield lambda path, **options: opened.enter_context(EditSession.open(path, **options))


def test_each_editor_has_its_own_journal(po: Path, open_editor: OpenEditor) -> None:
    a = open_editor(po)
    b = open_editor(po)
    a.set_target(3, "from a")
    b.set_target(4, "from b")
    files = journal_files(po)
    assert len(files) == 2 and all(is_held(f) for f in files)
    assert left_behind(po) == []  # both editors run: nothing to recover
    a.save()  # clears a's journal only
    assert journal_files(po) == [b.journal.path] if b.journal else False
    assert [r.target for r in read_journal(b.journal.path).records] == ["from b"]


def test_a_second_editor_is_read_only_until_it_opens_anyway(
    po: Path, open_editor: OpenEditor
) -> None:
    first = open_editor(po, lock=True)
    second = open_editor(po, lock=True)
    assert not first.read_only and second.read_only and second.open_elsewhere
    assert f"open in workbench {os.getpid()}" in second.read_only_reason()
    with pytest.raises(ReadOnlyError, match="read-only view"):
        second.set_target(3, "refused")
    assert second.units[3].target == "" and second.journal is None
    second.open_anyway()
    second.set_target(3, "now allowed")
    assert second.journal is not None and second.journal.exists()
    first.close()
    assert not lock_path(po).exists()  # released and removed
    third = open_editor(po, lock=True)
    assert not third.read_only


def test_a_read_only_file_opens_read_only(po: Path, open_editor: OpenEditor) -> None:
    po.chmod(0o444)
    session = open_editor(po, lock=True)
    assert session.read_only and "no write permission" in session.read_only_reason()
    with pytest.raises(ReadOnlyError):
        session.open_anyway()


def test_the_lock_follows_symlinks_and_a_killed_holder_frees_it(po: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.po"
    link.symlink_to(po)
    assert lock_path(link) == lock_path(po)
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\n"
            "from workbench.adapters.edit_lock import EditLock\n"
            "assert EditLock(Path(sys.argv[1])).acquire() is None\n"
            "print('locked', flush=True)\ntime.sleep(60)\n",
            str(link),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            found = EditLock(po).acquire()
            assert found is not None and found.pid == holder.pid
        finally:
            holder.kill()
            holder.wait()
    lock = EditLock(po)
    assert lock.acquire() is None  # the kernel dropped the dead holder's lock
    lock.release()


CRASH = """
import os, signal, sys
from workbench.services.session import EditSession
session = EditSession.open(sys.argv[1], lock=True)
if session.read_only:
    session.open_anyway()
for pair in sys.argv[2:]:
    index, text = pair.split("=", 1)
    session.set_target(int(index), text)
session.sync_journal()
print("edited", flush=True)
sys.stdin.readline()
os.kill(os.getpid(), signal.SIGKILL)
"""


def _editor(po: Path, *edits: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASH, str(po), *edits],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "edited"
    return proc


def _kill_all(*procs: subprocess.Popen[str]) -> None:
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.wait(30) == -signal.SIGKILL
        proc.stdin.close()
        assert proc.stdout is not None
        proc.stdout.close()


def test_two_killed_editors_lose_nothing(po: Path, open_editor: OpenEditor) -> None:
    """Both killed: every edit of both comes back, and the segment both changed is a
    conflict with both texts (it used to lose 3 of 3 edits with no recovery offered)."""
    before = po.read_bytes()
    a = _editor(po, "3=a three", "5=a five", "7=same text")
    b = _editor(po, "4=b four", "5=b five", "7=same text")
    assert open_editor(po).recovery is None  # both still run: nothing left behind
    _kill_all(a, b)
    assert po.read_bytes() == before
    session = open_editor(po, lock=True)
    assert session.recovery is not None and len(session.recovery.journals) == 2
    summary = session.recovery_summary()
    assert "4 unsaved segment edits from 2 earlier editors" in summary
    assert "1 segment was changed differently" in summary
    result = session.recover()
    assert result.applied == 4 and result.conflict_at == [5]
    assert [session.units[i].target for i in (3, 4, 7)] == ["a three", "b four", "same text"]
    five = session.units[5]
    sides = {c.side: c.target for c in five.conflict}
    assert sides == {"base": "", "ours": "b five", "theirs": "a five"}
    assert all(c.label.startswith("editor ") for c in five.conflict if c.side != "base")
    assert len(journal_files(po)) == 1  # theirs are gone; the edits are in ours
    session.save()
    saved = PoCatalog.load(po).units()
    assert {c.side for c in saved[5].conflict} == {"base", "ours", "theirs"}
    session.resolve_conflict(5, "theirs")
    session.save()
    assert PoCatalog.load(po).units()[5].target == "a five"
    assert journal_files(po) == []


def test_recovery_by_two_editors_at_once_replays_each_journal_once(
    po: Path, open_editor: OpenEditor
) -> None:
    crashed = open_editor(po)
    crashed.set_target(3, "left behind")
    crashed.close()
    first, second = open_editor(po), open_editor(po)
    assert first.recovery is not None and second.recovery is not None
    (journal,) = journal_files(po)
    fd = os.open(journal, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as an editor recovering it right now does
    assert second.recover().applied == 0 and journal.exists()
    os.close(fd)
    assert first.recover().applied == 1 and first.units[3].target == "left behind"
    assert not journal.exists()


def test_live_conflict_between_two_open_editors_is_kept_side_by_side(
    po: Path, open_editor: OpenEditor
) -> None:
    before = PoCatalog.load(po).units()[6].target
    a = open_editor(po, lock=True)
    b = open_editor(po, lock=True)
    b.open_anyway()
    a.set_target(6, "a's text")
    b.set_target(6, "b's text")
    b.set_target(8, "b only")
    a.save()
    result = b.merge_from_disk()
    assert result.conflict_at == [6] and result.applied == 2
    unit = b.units[6]
    assert unit.target == "b's text" and unit.state == ReviewState.DRAFT
    labels = {c.side: (c.target, c.label) for c in unit.conflict}
    assert labels["ours"][0] == "b's text" and labels["theirs"][0] == "a's text"
    assert "this window" in labels["ours"][1]
    b.save()
    saved = {c.side: c.target for c in PoCatalog.load(po).units()[6].conflict}
    assert saved == {"base": before, "ours": "b's text", "theirs": "a's text"}


async def test_read_only_view_refuses_edits_until_opened_anyway(
    po: Path, open_editor: OpenEditor
) -> None:
    open_editor(po, lock=True)  # another editor holds the file
    before = po.read_bytes()
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


async def test_quit_from_the_dialog(po: Path, open_editor: OpenEditor) -> None:
    open_editor(po, lock=True)  # another editor holds the file
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_quit_without_saving_drops_only_this_windows_edits(
    po: Path, open_editor: OpenEditor
) -> None:
    crashed = open_editor(po)  # an editor that died with an unsaved edit
    crashed.set_target(5, "typed before the crash")
    crashed.close()
    (theirs,) = left_behind(po)
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("escape")  # recovery postponed: decide later
        await pilot.pause()
        await pilot.press(*"abc")
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("d")  # quit without saving
        await pilot.pause()
        await pilot.press("y")  # it loses work: asked once more
        await pilot.pause()
    assert app.return_code == 0
    assert journal_files(po) == [theirs]  # ours went; the crashed editor's stays
    assert [r.target for r in read_journal(theirs).records] == ["typed before the crash"]
