"""Typing right behind the key that opens a text dialog, in a real terminal (acceptance-4
TOP 6).

A translator who presses F12 (the note), Ctrl+F (filter), Ctrl+E (find and replace) or
Ctrl+U (add a term) types on at once: the keys typed before the dialog is drawn belong to
its field, in the order typed, and the dialog's own keys among them (Ctrl+S, Enter) act
after them. Each burst goes to the terminal in one ``send-keys`` (back to back, as typed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import have
from tests.support.tmux import Terminal, have_tmux, wait_for, workbench_open
from workbench.adapters.po import PoCatalog

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(not have_tmux(), reason="tmux is not installed"),
    pytest.mark.skipif(not have("msgfmt"), reason="GNU gettext (msgfmt) is not installed"),
]


@pytest.fixture
def po(tui_sample: Path) -> Path:
    return tui_sample


def source_title(screen: str) -> str:
    """The Source panel's title line (it names the segment in the editor)."""
    return next((line for line in screen.splitlines() if "Source" in line), "")


def saved_after(app: Terminal, po: Path) -> None:
    """Ctrl+S once the screen says there is something unsaved; wait for the file."""
    app.wait_for(lambda s: "unsaved" in s, "an unsaved change")
    before = po.stat().st_mtime_ns
    app.keys("C-s")
    wait_for(lambda: po.stat().st_mtime_ns != before, "the save")
    app.wait_for(lambda s: "unsaved" not in s, "the screen to show the save")


def test_text_typed_right_after_a_dialog_key_goes_into_its_field(po: Path) -> None:
    with workbench_open([str(po)], po.parent, (100, 30)) as app:
        # F12, the note and Ctrl+S (the dialog's "keep") in one burst, five times in a row,
        # in one write and in three (acceptance-4's note-open-burst.sh: the app is idle, the
        # dialog is being put up when the text comes)
        for n in range(1, 6):
            title = source_title(app.screen())
            if n % 2 == 0:
                app.keys("F12", f"burst note {n}", "C-s")
            else:
                app.keys("F12")
                app.type(f"burst note {n}")
                app.keys("C-s")
            app.wait_for(lambda s, n=n: f"burst note {n}" in s, f"note {n} on screen")
            app.wait_for(lambda s: "Comments — segment" not in s, "the note dialog to close")
            app.keys("F8")
            app.wait_for(lambda s, title=title: source_title(s) != title, "the next segment")
        # Ctrl+F, the filter and Enter in one burst: the list is filtered by it
        app.keys("C-f", "reviewed", "Enter")
        app.wait_for(lambda s: "filter: reviewed (" in s, "the filter typed in the burst")
        app.keys("C-l")
        app.wait_for(lambda s: "filter:" not in s, "the filter to go")
        # Ctrl+U, the German term, Tab, the English one, Enter and the next words in one
        # burst: Tab moves to the English field after the German was typed, Enter adds the
        # term, the words behind it go into the editor
        app.keys("C-u", "Gäste", "Tab", "guests", "Enter", " After the term.")
        glossary = po.parent / "glossary.de-en.tsv"
        wait_for(glossary.exists, "the glossary file")
        app.wait_for(lambda s: "After the term." in s, "the words after it")
        saved_after(app, po)
    assert glossary.read_text(encoding="utf-8").splitlines()[1:] == ["Gäste\tguests\tpreferred"]
    units = PoCatalog.load(po).units()
    assert [u.target for u in units if u.target.endswith(" After the term.")]
    notes = [unit.notes for unit in units]
    assert [n for n in notes if n] == [(f"burst note {n}",) for n in range(1, 6)]


#: Typed, not pasted: a non-breaking space (AltGr+Shift+Space on a German keyboard), a narrow
#: one, a soft hyphen and a zero-width joiner (Python's isprintable() is False for each).
TYPED = "10\u00a0km, 5\u202f%, Zeichen\u00adkette, 👩\u200d💻"


def test_typed_non_breaking_spaces_and_joiners_are_kept(po: Path) -> None:
    with workbench_open([str(po)], po.parent, (100, 30)) as app:
        app.keys("C-a")
        app.type(TYPED)
        saved_after(app, po)
        app.keys("C-e")  # and in a dialog's field: find "10 km" with its NBSP
        app.wait_for(lambda s: "Find and replace" in s, "find and replace")
        app.type("10\u00a0km")
        app.keys("Tab")
        app.type("ten\u00a0km")
        app.keys("Enter")
        app.wait_for(lambda s: "Replace" in s and "Find and replace" not in s, "the replacement")
        saved_after(app, po)
    assert PoCatalog.load(po).units()[2].target == TYPED.replace("10\u00a0km", "ten\u00a0km")
