"""Ctrl+Z in a real terminal undoes the newest change first, and an edit undone leaves no
journal behind (acceptance-4: undo order after a batch of MT drafts; the recovery offered
for edits that were undone).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.conftest import have
from tests.support.tmux import have_tmux, wait_for, workbench_open
from workbench.adapters.journal import journal_files
from workbench.adapters.po import PoCatalog

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(not have_tmux(), reason="tmux is not installed"),
    pytest.mark.skipif(not have("msgfmt"), reason="GNU gettext (msgfmt) is not installed"),
]
#: The header's count of drafts ("D 1").
DRAFTS = re.compile(r"\bD (\d+)\b")
#: The header once every untranslated segment has its draft ("U 0/0w").
UNTRANSLATED_NONE = re.compile(r"\bU 0/")


def drafts(screen: str) -> int:
    found = DRAFTS.search(screen)
    assert found is not None, screen
    return int(found.group(1))


def test_ctrl_z_after_a_batch_of_drafts_undoes_the_batch_first(model_po: Path) -> None:
    """Typing in a segment, Shift+F5 (drafts for every untranslated segment), then Ctrl+Z:
    the batch goes first, the typing stays; the next Ctrl+Z takes the typing back (it used to
    take the typing, then bring it back, then undo the batch)."""
    env = {k: os.environ[k] for k in ("ARGOS_PACKAGES_DIR", "WORKBENCH_CACHE_DIR")}
    with workbench_open([str(model_po)], model_po.parent, (120, 36), env=env) as app:
        app.keys("F8")  # segment 4: untranslated
        app.wait_for(lambda s: re.search(r"\b4/24\b(?! done)", s) is not None, "segment 4")
        app.type("Typed words")
        app.wait_for(lambda s: "Typed words" in s and "unsaved" in s, "the typing")
        before = drafts(app.screen())
        app.keys("S-F5")
        app.wait_for(lambda s: UNTRANSLATED_NONE.search(s) is not None, "the batch", timeout=120)
        app.keys("C-z")  # the batch (the newest change) goes, the typing stays
        app.wait_for(lambda s: drafts(s) == before, "Ctrl+Z: the batch undone")
        assert "Typed words" in app.screen()
        app.keys("C-z")  # then the typing
        app.wait_for(lambda s: "Typed words" not in s, "Ctrl+Z: the typing undone")
        app.keys("C-z")
        app.wait_for(lambda s: "Nothing to undo" in s, "nothing more to undo")
        assert drafts(app.screen()) == before - 1
        assert "Typed words" not in app.screen()


def test_an_undone_edit_leaves_no_journal(model_po: Path) -> None:
    """Type, Ctrl+Z back to the saved text: nothing unsaved, so Ctrl+Q quits without asking
    and no journal is left for the next open to offer."""
    po = model_po
    before = po.read_bytes()
    with workbench_open([str(po)], po.parent, (100, 30)) as app:
        app.type("typed then undone")
        app.wait_for(lambda s: "unsaved" in s, "the edit")
        assert journal_files(po)
        app.keys("C-z")
        app.wait_for(lambda s: "unsaved" not in s, "the undo")
        app.keys("C-q")
        wait_for(lambda: not app.running(), "the app to quit without asking")
    assert journal_files(po) == []
    assert po.read_bytes() == before
    assert PoCatalog.load(po).units()[2].target  # the MT draft, as it was
