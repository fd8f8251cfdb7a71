"""Control characters in a file's text, in a real terminal (acceptance-4 TOP 17).

Debian's bash catalogue (``bash.mo`` through ``msgunfmt``) has ``"\\r\\n…botched\\r\\n"``;
glibc's has argp help texts with ``\\v``; someone else's PO may carry ESC sequences that a
terminal acts on (colours, the window title, the clipboard). None of it may reach the
terminal as it is: every view shows a glyph (``␍``, ``␋``, ``␛``), the rows keep their
columns, and a text shown in the editor comes back unchanged.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import have
from tests.support.po_corpus import debian_catalogue, write
from tests.support.tmux import Terminal, have_tmux, wait_for, workbench_open

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(not have_tmux(), reason="tmux is not installed"),
    pytest.mark.skipif(not have("msgunfmt"), reason="GNU gettext (msgunfmt) is not installed"),
]

#: ESC sequences a terminal acts on: set the window title (OSC 2, ended by BEL), red text.
INJECTED = (
    'msgid "Escape \\033]2;pwned\\007 and \\033[31mred\\033[0m end"\n'
    'msgstr "Escape \\033]2;pwned\\007 und \\033[31mrot\\033[0m Ende"\n\n'
)


def pane_title(app: Terminal) -> str:
    out = subprocess.run(
        [*app.tmux, "display-message", "-p", "-t", "wb", "#{pane_title}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def filter_to(app: Terminal, words: str) -> None:
    app.keys("C-f")
    app.wait_for(lambda s: "Filter / search" in s, "the filter dialog")
    app.type(words)
    app.keys("Enter")
    app.wait_for(lambda s: f"filter: {words} (1" in s, f"the filter {words!r}")


def quit_unchanged(app: Terminal, po: Path, before: bytes) -> None:
    """Ctrl+Q quits at once (nothing unsaved: no question), and the file is as it was."""
    app.keys("C-q")
    wait_for(lambda: not app.running(), "the app to quit without asking")
    assert po.read_bytes() == before


def test_bash_catalogue_and_escape_sequences_show_as_glyphs(tmp_path: Path) -> None:
    data = debian_catalogue("bash")
    header_end = data.index(b"\n\n") + 2
    po = write(tmp_path, "bash", data[:header_end] + INJECTED.encode() + data[header_end:])
    before = po.read_bytes()
    with workbench_open([str(po)], tmp_path, (100, 30)) as app:
        screen = app.screen()
        assert "␛]2;pwned␇" in screen and "␛[31mred" in screen, screen
        assert pane_title(app) != "pwned"
        filter_to(app, "botched")
        app.wait_for(lambda s: "␍⏎malloc: %s:%d: assertion botched␍⏎" in s, "the Source panel")
        screen = app.screen()
        row = next(line for line in screen.splitlines() if "␍⏎malloc" in line and "│" in line)
        title = next(line for line in screen.splitlines() if "Target" in line)
        # the list's row keeps its badge column and its border; the Target title is whole
        assert row.index("│") == title.index("│") or row.index("│") < title.index("Target"), screen
        assert "Zusicherung verpfuscht\\r␍⏎" in app.pane("Target") or "verpfuscht\\r" in screen
        filter_to(app, "pwned")
        app.wait_for(lambda s: "␛]2;pwned␇ und ␛[31mrot␛[0m Ende" in app.pane("Target"), "editor")
        assert pane_title(app) != "pwned"
        app.keys("C-l", "F8", "F7")
        app.wait_for(lambda s: "filter:" not in s, "the filter to go")
        quit_unchanged(app, po, before)


def test_glibc_argp_vertical_tab_survives_the_editor(tmp_path: Path) -> None:
    """glibc's ``"…catalog.\\vIf INPUT-FILE…"``: shown as ``␋``, left as it was (Textual's
    TextArea took ``\\v`` for a line break and gave ``\\n`` back: an unsaved change)."""
    po = write(tmp_path, "libc", debian_catalogue("libc"))
    before = po.read_bytes()
    with workbench_open([str(po)], tmp_path, (100, 30)) as app:
        filter_to(app, "Message-Katalog generieren")
        app.wait_for(lambda s: "generieren.␋Wenn" in app.pane("Target"), "␋ in the editor")
        app.keys("F8", "F7", "C-l")
        app.wait_for(lambda s: "filter:" not in s, "the filter to go")
        assert "unsaved" not in app.screen()
        quit_unchanged(app, po, before)
