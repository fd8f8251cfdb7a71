"""Tabs and edge spaces in a real terminal (issue 14, acceptance-2 F21 and F13's spaces).

A ``\\t`` in a source was drawn raw: the list row ran over its border into the Source
panel, the tab could not be typed (Tab moves focus) and QA did not notice spaces typed in
its place. Here, in tmux at 100×30: the row and the Source panel show ``→``, every screen
line stays inside the terminal's width, Ctrl+K types the source's tabs and placeholders in
order, the editor shows the typed tab as ``→``, live QA warns (``escapes``) while a tab is
missing, and the saved file holds real tab characters. A trailing space of the source and
of the translation is shown as ``·``, a final line break as ``⏎``; the translation lacking
it is an error while typing (``msgfmt -c`` refuses such a file).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.support.tmux import have_tmux, workbench_open
from tests.test_plurals import plural_po
from workbench.adapters.po import PoCatalog

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(not have_tmux(), reason="tmux is not installed"),
]

PO = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: en\n"

#, c-format
msgid "Name:\t%s\nGröße:\t%d\n"
msgstr ""

#, c-format
msgid "Verbinde mit %s:%d... "
msgstr ""
"""


def test_tabs_and_edge_spaces_are_seen_and_typed(tmp_path: Path) -> None:
    po = tmp_path / "t.po"
    po.write_text(PO, encoding="utf-8")
    width = 100
    with workbench_open([str(po)], tmp_path, (width, 45)) as app:
        app.wait_for(lambda s: "Name:→%s⏎Größe:→" in s, "the list row with → and ⏎")
        screen = app.screen()
        assert "\t" not in screen
        assert all(len(line) <= width for line in screen.splitlines()), screen
        assert "Name:→%s" in app.pane("Source") and "Größe:→%d⏎" in app.pane("Source")
        app.type("Name:")
        app.keys("C-k")  # the source's first tab
        app.wait_for(lambda s: "Name:→" in app.pane("Target"), "the tab typed as →")
        app.keys("C-k")  # then %s
        app.wait_for(lambda s: "Name:→%s" in app.pane("Target"), "%s after the tab")
        app.keys("Enter")
        app.type("Size:")
        app.wait_for(lambda s: "escapes" in app.pane("QA"), "live QA: a tab is missing")
        assert "1 tab (→) in the translation, 2 in the source" in app.pane("QA")
        app.keys("C-k")
        time.sleep(0.2)
        app.keys("C-k")
        app.wait_for(lambda s: "Size:→%d" in app.pane("Target"), "the second tab and %d")
        app.wait_for(lambda s: "escapes" not in app.pane("QA"), "the warning gone")
        app.wait_for(
            lambda s: "the source with '\\n' (a line break at one end only" in app.pane("QA"),
            "live QA: the final line break is missing (msgfmt -c would refuse the file)",
        )
        app.keys("C-k")  # the source's final line break (Enter types one too)
        app.wait_for(lambda s: "Size:→%d⏎" in app.pane("Target"), "the final line break as ⏎")
        app.wait_for(lambda s: "trailing-whitespace" not in app.pane("QA"), "no error left")
        app.keys("C-n")
        app.wait_for(lambda s: "Verbinde mit %s:%d...·" in app.pane("Source"), "the next source")
        app.type("Connecting to %s:%d... ")
        app.wait_for(lambda s: "%d...·" in app.pane("Target"), "the trailing space as ·")
        app.keys("C-n")
        app.save_and_quit(po)
    first, second = PoCatalog.load(po).units()
    assert first.target == "Name:\t%s\nSize:\t%d\n"
    assert second.target == "Connecting to %s:%d... "
    assert '"Name:\\t%s\\n"' in po.read_text(encoding="utf-8")


def test_a_plural_entry_is_reviewed_and_replaced_as_a_whole(tmp_path: Path) -> None:
    """Ctrl+R reviews every form; typing in the plural form (Ctrl+J) ends the review of the
    entry; Ctrl+E replaces in every form, as one change."""
    po = plural_po(tmp_path / "pl.po", "%d file deleted", "%d files deleted")
    with workbench_open([str(po)], tmp_path, (120, 40)) as app:
        app.wait_for(lambda s: "msgstr[0] (one)" in s, "the editor on the first form")
        app.keys("C-r")
        app.wait_for(lambda s: " R 1/" in s, "the entry reviewed")
        app.keys("F7")  # back to the plural entry (Ctrl+R moved on)
        app.wait_for(lambda s: "msgstr[0] (one)" in s, "the plural entry again")
        app.keys("C-j")
        app.wait_for(lambda s: "msgstr[1] (other)" in s, "the editor on the plural form")
        app.keys("End")
        app.type("!")
        app.wait_for(lambda s: " R 0/" in s, "the review gone with a change to msgstr[1]")
        app.keys("BSpace")  # the text as saved again: translated (the review was not saved)
        app.wait_for(lambda s: " T 2/" in s and "unsaved" not in s, "the saved state back")
        app.keys("C-e")
        app.wait_for(lambda s: "Find and replace" in s, "the replace dialog")
        app.type("deleted")
        app.keys("Tab")
        app.type("removed")
        app.wait_for(lambda s: "2 replacements in 1 segment" in s, "both forms in the preview")
        app.keys("Enter")
        app.wait_for(lambda s: "Replaced in 1 segment" in s, "the replacement made")
        app.wait_for(lambda s: "Find and replace" not in s, "the dialog closed")
        app.wait_for(lambda s: "%d files removed" in app.pane("Target"), "the plural form")
        app.keys("C-j")
        app.wait_for(lambda s: "%d file removed" in app.pane("Target"), "the singular form")
        app.save_and_quit(po)
    (unit, _done) = PoCatalog.load(po).units()
    assert unit.forms == ("%d file removed", "%d files removed")
