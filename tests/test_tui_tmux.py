"""The real terminal: ``workbench open`` in tmux, driven with the keys a person presses.

Every documented key that takes a suggestion, reverts, undoes or confirms is sent here as a
terminal sends it — by tmux's key names, and as xterm's own bytes (terminfo) — at 80x24 and
160x45. What the keys did is read back from the saved PO file, so a key that types junk
instead of acting fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO, have
from tests.support.tmux import Terminal, have_tmux, wait_for, workbench_open, xterm_sequence
from workbench.adapters.po import PoCatalog
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(not have_tmux(), reason="tmux is not installed"),
    pytest.mark.skipif(not have("msgfmt"), reason="GNU gettext (msgfmt) is not installed"),
]
DATA = REPO / "tests" / "data"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]
CTRL_Z, CTRL_Y = b"\x1a", b"\x19"


@pytest.fixture
def po(tmp_path: Path) -> Path:
    target = tmp_path / "sample.en.po"
    shutil.copy(DATA / "tui_sample.po", target)
    return target


@pytest.fixture
def app(request: pytest.FixtureRequest, po: Path) -> Iterator[Terminal]:
    args = [str(po), "--reference", str(CORPUS / "reference.en.md")]
    with workbench_open(args, po.parent, request.param) as term:
        yield term


def at_segment(n: int) -> Callable[[str], bool]:
    """The screen shows segment ``n`` of 24 in the editor (not "n/24 done" in the status)."""
    where = re.compile(rf"\b{n}/24\b(?! done)")
    return lambda screen: where.search(screen) is not None


def saved(app: Terminal, po: Path) -> list[Unit]:
    """Once the keys sent before made an unsaved change, save with Ctrl+S and read the file."""
    app.wait_for(lambda s: "unsaved" in s, "the keys' change")
    before = po.stat()
    app.keys("C-s")

    def written() -> bool:
        now = po.stat()
        return (now.st_ino, now.st_mtime_ns) != (before.st_ino, before.st_mtime_ns)

    wait_for(written, "the save")
    app.wait_for(lambda s: "unsaved" not in s, "the screen to show the save")
    return PoCatalog.load(po).units()


def test_type_save_quit_in_a_real_terminal(tmp_path: Path, po: Path) -> None:
    with workbench_open([str(po)], tmp_path, (120, 36)) as app:
        app.keys("C-n")  # confirm the MT draft, move to the first untranslated segment
        app.wait_for(at_segment(4), "the next segment")
        app.type("Guests from the USA visited.")
        app.wait_for(lambda s: "Guests from the USA visited." in s, "the typed text")
        app.keys("C-n")
        app.wait_for(at_segment(5), "confirm and next")
        # Ctrl+S and Ctrl+Q in one write, as typed in a row: the quit comes while the save
        # runs, and waits for it (it used to ask "quit without saving?" about the edits
        # being saved, and that dialog's "save" did nothing while the first save ran)
        app.keys("C-s", "C-q")
        wait_for(lambda: not app.running(), "the app to save and quit")
    units = PoCatalog.load(po).units()
    assert units[2].state == ReviewState.TRANSLATED
    assert (units[3].target, units[3].state) == (
        "Guests from the USA visited.",
        ReviewState.TRANSLATED,
    )
    check = subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(po)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stderr


@pytest.mark.parametrize("app", SIZES, indirect=True)
def test_taking_suggestions_by_every_key(app: Terminal, po: Path) -> None:
    """Alt+2, F3 (again: the next one), Tab to the list + digit, and xterm's own bytes."""
    units = PoCatalog.load(po).units()
    mt = units[2].origin.mt if units[2].origin else ""
    assert mt and units[2].target == mt  # segment 3 opens with its MT draft
    reference_start = "The conference featured forums"

    app.keys("M-2")  # ESC 2: the reference sentence, no junk typed
    target = saved(app, po)[2].target
    assert target.startswith(reference_start) and target.endswith("Sustainable Future.”")
    assert not any(c in target for c in "¡™£¢")

    app.keys("F3")  # right after Alt+2, F3 takes the next one: round to 1, the MT draft
    assert saved(app, po)[2].target == mt
    app.keys("F3")
    assert saved(app, po)[2].target.startswith(reference_start)

    app.keys("Tab")  # the editor's Tab moves to the suggestions; 1 takes the first
    app.keys("1", "!", "?")  # one write: typing right after the digit goes on after it
    assert saved(app, po)[2].target == mt + "!?"

    app.xterm(b"\x1b2")  # xterm with metaSendsEscape: Alt+2
    assert saved(app, po)[2].target.startswith(reference_start)
    app.xterm(xterm_sequence("kf3"))  # F3 as xterm sends it
    assert saved(app, po)[2].target == mt


@pytest.mark.parametrize("app", SIZES, indirect=True)
def test_revert_asks_nothing_and_undo_brings_it_back(app: Terminal, po: Path) -> None:
    def target_is(text: str) -> None:
        app.wait_for(lambda s: app.pane("Target") == text, f"the editor to show {text!r}")

    app.keys("C-n")  # confirm the draft; on to segment 4 (untranslated)
    app.wait_for(at_segment(4), "the next segment")
    app.type("Guests visited.")
    app.keys("C-n")  # confirm it too: a confirmed translation
    app.wait_for(at_segment(5), "confirm and next")
    app.keys("F7")  # back to it
    app.wait_for(at_segment(4), "segment 4")
    target_is("Guests visited.")
    app.keys("F9")
    app.wait_for(lambda s: "Reverted" in s, "the revert's message")
    target_is("")
    app.keys("C-z")
    target_is("Guests visited.")
    app.keys("C-y")  # redo the revert
    target_is("")
    app.xterm(CTRL_Z)  # Ctrl+Z as the byte a terminal sends
    target_is("Guests visited.")
    app.xterm(xterm_sequence("kf9"))  # F9 as xterm sends it
    target_is("")
    app.xterm(CTRL_Z, CTRL_Y, CTRL_Z)
    target_is("Guests visited.")
    unit = saved(app, po)[3]
    assert (unit.target, unit.state) == ("Guests visited.", ReviewState.TRANSLATED)


@pytest.mark.parametrize("app", SIZES, indirect=True)
def test_a_burst_of_keys_stays_in_its_segment(app: Terminal, po: Path) -> None:
    """Keys typed just before Ctrl+N reach the segment they were typed in; Ctrl+A selects
    the whole draft so typing replaces it; after Ctrl+F and Enter, typing goes on."""
    app.keys("C-a")
    app.type("Replaced.")
    app.keys("C-n")
    app.wait_for(at_segment(4), "the next segment")
    # one write to the terminal: a burst; Backspace (TextArea's binding) is done in order
    app.keys("T", "y", "p", "e", "d", "!", "BSpace", "C-n")
    app.wait_for(at_segment(5), "confirm and next")
    units = saved(app, po)
    assert (units[2].target, units[2].state) == ("Replaced.", ReviewState.TRANSLATED)
    assert (units[3].target, units[3].state) == ("Typed", ReviewState.TRANSLATED)
    assert units[4].target == ""
    # Ctrl+F's field, Enter and the typing after it in one write: the typing goes on in
    # the editor once the dialog has closed (it was typed into the closing field and lost)
    app.keys("C-f")
    app.wait_for(lambda s: "Filter / search" in s, "the filter dialog")
    app.keys("todo", "Enter", "After filter.")
    assert saved(app, po)[4].target == "After filter."
    app.wait_for(lambda s: "filter: todo (" in s, "the filter")
    # Ctrl+F again: the last filter is there, selected, so typing replaces it; Ctrl+A
    # selects all of it as in the editor (it went to the line start)
    filter_by(app, "reviewed")
    filter_by(app, "todo", "End", "C-a")


def filter_by(app: Terminal, text: str, *keys: str) -> None:
    """Ctrl+F, ``keys`` in the filter's field, ``text`` typed, Enter: the list shows it."""
    app.keys("C-f")
    app.wait_for(lambda s: "Filter / search" in s, "the filter dialog")
    for key in keys:
        app.keys(key)
    app.type(text)
    app.keys("Enter")
    app.wait_for(lambda s: f"filter: {text} (" in s, f"the filter {text!r} alone")


@pytest.mark.parametrize("app", SIZES, indirect=True)
def test_dialog_key_hints_are_shown_whole(app: Terminal, po: Path) -> None:
    app.type("x")
    app.keys("C-q")
    app.wait_for(lambda s: "Unsaved edits" in s, "the quit dialog")
    screen = app.screen()
    for hint in ("Save and quit  [s]", "Quit without saving  [d]", "Cancel  [c]"):
        assert hint in screen, screen
    app.keys("c")
    app.wait_for(lambda s: "Unsaved edits" not in s, "the dialog to close")
    assert app.running()


@pytest.mark.parametrize("app", SIZES, indirect=True)
def test_the_tools_open_with_their_keys(app: Terminal, po: Path) -> None:
    """F12 comments, Ctrl+E find and replace, Ctrl+U add a term, Ctrl+D the dictionary:
    each by tmux's key name, then again by the bytes xterm sends."""
    tools = [
        ("F12", xterm_sequence("kf12"), "Comments — segment", "Escape"),
        ("C-e", b"\x05", "Find and replace in the translations", "Escape"),
        ("C-u", b"\x15", "Add a term to the glossary", "Escape"),
    ]
    app.keys("C-e")  # its options read on and off without colour: ▐X▌ on, ▐ ▌ off
    app.wait_for(lambda s: "Find and replace" in s, "find and replace")
    app.wait_for(lambda s: s.count("▐ ▌") == 3 and "▐X▌" not in s, "three options off")
    app.keys("Tab", "Tab", "Space")  # find → replace with → Match case, switched on
    app.wait_for(lambda s: s.count("▐ ▌") == 2 and s.count("▐X▌") == 1, "one option on")
    app.keys("Escape")
    app.wait_for(lambda s: "Find and replace" not in s, "find and replace to close")
    for key, raw, title, close in tools:
        for press in (lambda: app.keys(key), lambda: app.xterm(raw)):  # noqa: B023 - run at once
            press()
            app.wait_for(lambda s, title=title: title in s, title)
            app.keys(close)
            app.wait_for(lambda s, title=title: title not in s, f"{title} to close")
    for press in (lambda: app.keys("C-d"), lambda: app.xterm(b"\x04")):
        press()
        app.wait_for(lambda s: "Dictionary · Ctrl+D" in s, "the dictionary pane")
        press()
        app.wait_for(lambda s: "Suggestions · Ctrl+D" in s, "back to the suggestions")
    assert app.running()


#: The other documented keys: tmux's name, and the bytes xterm sends (terminfo, or the
#: control byte of a Ctrl+letter).
OTHER_KEYS: dict[str, bytes] = {
    "F1": xterm_sequence("kf1"),
    "F2": xterm_sequence("kf2"),
    "F4": xterm_sequence("kf4"),
    "F5": xterm_sequence("kf5"),
    "S-F5": xterm_sequence("kf17"),
    "F6": xterm_sequence("kf6"),
    "F7": xterm_sequence("kf7"),
    "F8": xterm_sequence("kf8"),
    "F10": xterm_sequence("kf10"),
    "C-Up": xterm_sequence("kUP5"),
    "C-Down": xterm_sequence("kDN5"),
    "Down": xterm_sequence("kcud1"),
    "Enter": b"\r",
    "Escape": b"\x1b",
    "C-f": b"\x06",
    "C-g": b"\x07",
    "C-l": b"\x0c",
    "C-p": b"\x10",
    "C-r": b"\x12",
    "C-t": b"\x14",
}


@pytest.mark.parametrize(
    ("size", "by_bytes"),
    [
        pytest.param((80, 24), False, id="80x24-tmux-names"),
        pytest.param((160, 45), True, id="160x45-xterm-bytes"),
    ],
)
def test_every_other_documented_key(
    tmp_path: Path, po: Path, size: tuple[int, int], by_bytes: bool
) -> None:
    """Moving (F7, F8, Ctrl+Up/Down, F4, F10 + list keys), terms (Ctrl+T, Ctrl+G), the MT
    draft (F2), review (Ctrl+R), filters (Ctrl+F, Ctrl+L), help (F1), the palette (Ctrl+P)
    and MT (F5, Shift+F5, F6 without a model)."""
    no_models = tmp_path / "no-models"
    no_models.mkdir()
    args = [str(po), "--glossary", str(REPO / "glossaries" / "civic.de-en.tsv")]
    with workbench_open(args, po.parent, size, env={"ARGOS_PACKAGES_DIR": str(no_models)}) as app:

        def press(*keys: str) -> None:
            for key in keys:
                app.xterm(OTHER_KEYS[key]) if by_bytes else app.keys(key)

        mt = PoCatalog.load(po).units()[2].target
        for key, where in [("F8", 4), ("F7", 3), ("C-Down", 4), ("C-Up", 3)]:
            press(key)
            app.wait_for(at_segment(where), f"{key}: segment {where}")
        app.wait_for(lambda s: "innovation" in s, "the glossary terms")
        press("C-t", "C-g")  # the second term (Innovationen → innovation) into the editor
        app.wait_for(lambda s: app.pane("Target").endswith("exchange.innovation"), "Ctrl+G")
        press("F2")
        app.wait_for(lambda s: app.pane("Target") == " ".join(mt.split()), "F2: the MT draft")
        press("C-r")  # reviewed; on to the next segment not yet reviewed
        app.wait_for(at_segment(4), "Ctrl+R")
        press("F10", "Down", "Enter")  # and typing at once: it goes into segment 5
        app.type("x")
        app.wait_for(at_segment(5), "the list: Down, Enter")
        app.wait_for(lambda s: app.pane("Target") == "x", "typing right after Enter")
        press("F4")
        app.wait_for(at_segment(6), "F4: next needing work")
        press("C-f")
        app.wait_for(lambda s: "Filter / search" in s, "Ctrl+F")
        app.type("todo")
        press("Enter")
        app.wait_for(lambda s: "filter: todo" in s, "the filter")
        press("C-l")
        app.wait_for(lambda s: "filter:" not in s, "Ctrl+L")
        press("F1")
        app.wait_for(lambda s: "workbench keys" in s, "F1: the key map")
        press("Escape")
        app.wait_for(lambda s: "workbench keys" not in s, "the key map to close")
        press("C-p")
        app.wait_for(lambda s: "Search for commands" in s, "Ctrl+P: the palette")
        app.type("Show reviewed segments")
        app.wait_for(lambda s: "Filter the list to reviewed" in s, "the palette's match")
        press("Enter")
        app.wait_for(lambda s: "filter: reviewed" in s, "the palette's command")
        press("F5")
        app.wait_for(lambda s: "MT drafting" in s, "F5: no model, said")
        app.wait_for(lambda s: "MT drafting" not in s, "the message to go", timeout=20)
        press("S-F5")
        app.wait_for(lambda s: "MT drafting" in s, "Shift+F5: no model, said")
        press("F6")
        app.wait_for(lambda s: "No MT drafting" in s, "F6")
        units = saved(app, po)
    assert units[2].state == ReviewState.REVIEWED and units[2].target == mt
    assert units[4].target == "x"
