"""The project memory in the real terminal: memory matches with their word diff taken by
Alt+1, repetitions filled on Ctrl+N (asked, or by the setting) and undone by Ctrl+Z, the
concordance on Shift+F4, and saves feeding the memory. Keys are sent as a terminal sends them
(tmux key names and xterm's bytes); results are read back from the saved PO and memory."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import have
from tests.support.tmux import Terminal, have_tmux, wait_for, workbench_open, xterm_sequence
from workbench.adapters.memory import open_store
from workbench.adapters.po import PoCatalog
from workbench.domain.memory import MemoryEntry
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(not have_tmux(), reason="tmux is not installed"),
    pytest.mark.skipif(not have("msgfmt"), reason="GNU gettext (msgfmt) is not installed"),
]

CITY = ("Die Stadt hat 1.500 Einwohner.", "The city has 1,500 inhabitants.")
COUNCIL = "Der Rat tagt heute im Rathaus."
ROWS = [
    "Die Stadt hat 2.000 Einwohner.",
    COUNCIL,
    "Der Hafen ist groß.",
    COUNCIL,
    COUNCIL,
    "Ganz etwas anderes.",
]


@pytest.fixture
def po(tmp_path: Path, private_memory: Path) -> Path:
    with open_store(private_memory) as store:
        store.add([MemoryEntry(*CITY, state=ReviewState.REVIEWED, origin="other.po")])
    path = tmp_path / "doc.po"
    catalog = PoCatalog.new(path, "de", "en", "doc")
    for i, source in enumerate(ROWS):
        catalog.apply(Unit(id=f"s{i}", source=source, target=""))
    catalog.save(path)
    return path


def at_segment(n: int) -> Callable[[str], bool]:
    return lambda screen: f"{n}/{len(ROWS)}" in screen


def counts(translated: int, drafts: int, untranslated: int) -> Callable[[str], bool]:
    """The status line shows these numbers of segments (with or without word counts)."""
    pattern = re.compile(rf"\bT {translated}\b.*\bD {drafts}\b.*\bU {untranslated}\b")
    return lambda screen: pattern.search(screen.splitlines()[0] if screen else "") is not None


def save(app: Terminal, po: Path) -> list[Unit]:
    app.wait_for(lambda s: "unsaved" in s, "an unsaved change")
    before = po.stat().st_mtime_ns
    app.keys("C-s")
    wait_for(lambda: po.stat().st_mtime_ns != before, "the save")
    app.wait_for(lambda s: "unsaved" not in s, "the screen to show the save")
    return PoCatalog.load(po).units()


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_memory_match_diff_repetitions_and_undo(
    tmp_path: Path, po: Path, private_memory: Path, size: tuple[int, int]
) -> None:
    with workbench_open([str(po)], tmp_path, size) as app:
        # the match from another file, its differing number shown, the new number taken
        app.shows("The city has 2,000", "the memory match")
        app.shows("← Die Stadt hat 1.500 2.000 Einwohner.", "the word diff")
        app.keys("M-1")
        app.keys("C-n")
        app.wait_for(at_segment(2), "confirm and next")
        app.type("The council meets in the town hall today.")
        app.keys("C-n")  # two repetitions still need work: the workbench asks
        app.shows("Repetitions", "the repetitions question")
        app.shows("2 other segment(s)")
        app.keys("d")
        app.wait_for(counts(translated=2, drafts=2, untranslated=2), "repetitions as drafts")
        units = save(app, po)
        assert (units[0].target, units[0].state) == (
            "The city has 2,000 inhabitants.", ReviewState.TRANSLATED
        )  # fmt: skip
        assert [(u.target, u.state) for u in (units[3], units[4])] == [
            ("The council meets in the town hall today.", ReviewState.DRAFT)
        ] * 2
        assert units[3].origin is not None and units[3].origin.extra["of"] == "s1"
        app.keys("C-z")  # the whole propagation is one change
        units = save(app, po)
        assert [u.target for u in (units[3], units[4])] == ["", ""]
        assert units[1].state is ReviewState.TRANSLATED
    # saving fed the memory with this file's translations
    with open_store(private_memory) as store:
        mine = {(e.source, e.target) for e in store.entries() if e.origin.endswith("doc.po")}
    assert mine == {
        ("Die Stadt hat 2.000 Einwohner.", "The city has 2,000 inhabitants."),
        (COUNCIL, "The council meets in the town hall today."),
    }


def test_repetitions_as_translated_by_setting(tmp_path: Path, po: Path) -> None:
    (tmp_path / "workbench.toml").write_text(
        '[memory]\npropagate = "translated"\n', encoding="utf-8"
    )
    with workbench_open([str(po)], tmp_path, (120, 36)) as app:
        app.keys("F4")  # the next segment needing work: segment 2
        app.wait_for(at_segment(2), "segment 2")
        app.type("The council meets today.")
        app.xterm(b"\x0e")  # Ctrl+N as xterm sends it
        app.wait_for(counts(translated=3, drafts=0, untranslated=3), "repetitions, no question")
        units = save(app, po)
    assert [(u.target, u.state) for u in (units[1], units[3], units[4])] == [
        ("The council meets today.", ReviewState.TRANSLATED)
    ] * 3


def test_the_answer_no_leaves_the_repetitions(tmp_path: Path, po: Path) -> None:
    with workbench_open([str(po)], tmp_path, (120, 36)) as app:
        app.keys("F4")
        app.wait_for(at_segment(2), "segment 2")
        app.type("The council meets today.")
        app.keys("C-n")
        app.shows("Repetitions")
        app.keys("n")
        app.wait_for(at_segment(3), "the next segment needing work")
        units = save(app, po)
    assert [u.target for u in (units[3], units[4])] == ["", ""]


def test_typing_on_after_ctrl_n_answers_no_repetitions_question(tmp_path: Path, po: Path) -> None:
    """acceptance-4 TOP 14: confirm and go on typing the next sentence in one burst. The
    question comes up after the keys were typed, so they answer nothing (the "T" of "The"
    would fill the repetitions as translated) and none lands in the confirmed segment."""
    with workbench_open([str(po)], tmp_path, (120, 36)) as app:
        app.keys("F4")
        app.wait_for(at_segment(2), "segment 2")
        app.type("The council meets today.")
        app.shows("The council meets today.")
        app.keys("C-n", *["T", "h", "e", "Space", "n", "e", "x", "t"])  # one write
        app.shows("Repetitions")
        app.shows("2 other segment(s)")
        app.keys("n")
        app.wait_for(at_segment(3), "the next segment needing work")
        app.shows("Keys not used", "the keys typed before the question")
        units = save(app, po)
    assert units[1].target == "The council meets today."
    assert [u.target for u in (units[2], units[3], units[4])] == ["", "", ""]


def test_concordance_key(tmp_path: Path, po: Path) -> None:
    with workbench_open([str(po)], tmp_path, (120, 36)) as app:
        app.keys("F4")
        app.wait_for(at_segment(2), "segment 2")
        app.xterm(xterm_sequence("kf16"))  # Shift+F4 as xterm sends it
        app.shows("Concordance", "the concordance dialog")
        app.type("einwohner")
        app.shows("1 entry", "the search result")
        app.shows("The city has 1,500 inhabitants.")
        # ↓ and Enter in one write: ↓ moves to the list before Enter comes, and Enter puts
        # the entry's translation into the editor at the cursor
        app.keys("Down", "Enter")
        app.wait_for(lambda s: "Concordance" not in s, "the dialog to close")
        units = save(app, po)
        assert units[1].target == "The city has 1,500 inhabitants."
        app.keys("S-F4")  # tmux's own name for the key; Escape closes without a change
        app.shows("Concordance")
        app.keys("Escape")
        app.wait_for(lambda s: "Concordance" not in s, "the dialog to close")
