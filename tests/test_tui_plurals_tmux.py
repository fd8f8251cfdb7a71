"""A plural entry in a real terminal: every form is edited, and the file compiles.

F18 of acceptance test 2: the editor showed and edited only ``msgstr[0]``; after Ctrl+N and
Ctrl+S ``msgstr[1]`` stayed empty and ``msgfmt -c`` refused the file. Here the translator
types the singular, Ctrl+N takes the editor to the empty plural form instead of confirming
half an entry, Ctrl+J switches between the forms, and the saved file passes ``msgfmt -c``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import have
from tests.support.tmux import have_tmux, workbench_open
from tests.test_plurals import plural_po
from workbench.adapters.po import PoCatalog
from workbench.domain.states import ReviewState

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(not have_tmux(), reason="tmux is not installed"),
    pytest.mark.skipif(not have("msgfmt"), reason="GNU gettext (msgfmt) is not installed"),
]


def test_typing_both_forms_saves_a_catalogue_msgfmt_accepts(tmp_path: Path) -> None:
    po = plural_po(tmp_path / "pl.po", "", "")
    with workbench_open([str(po)], tmp_path, (100, 30)) as app:
        app.wait_for(lambda s: "msgstr[0] (one)" in s, "the editor on the first form")
        assert "%d Dateien gelöscht" in app.screen()  # the plural source is shown too
        app.type("%d file deleted")
        app.wait_for(lambda s: "%d file deleted" in app.pane("Target"), "the singular typed")
        app.keys("C-n")  # not confirmed yet: the editor goes to the empty plural form
        app.wait_for(lambda s: "msgstr[1] (other)" in s, "the editor on the plural form")
        app.wait_for(lambda s: "%d file deleted" not in app.pane("Target"), "an empty form")
        app.type("%d files deleted")
        app.wait_for(lambda s: "%d files deleted" in app.pane("Target"), "the plural typed")
        app.keys("C-j")  # back to the first form: what was typed is there
        app.wait_for(lambda s: "msgstr[0] (one)" in s, "Ctrl+J to the first form")
        app.wait_for(lambda s: "%d file deleted" in app.pane("Target"), "the singular again")
        app.keys("C-n")  # every form filled: confirmed
        app.wait_for(lambda s: "T 2" in s and "no QA findings" in s, "the entry confirmed")
        app.save_and_quit(po)
    (unit, _done) = PoCatalog.load(po).units()
    assert unit.forms == ("%d file deleted", "%d files deleted")
    assert unit.state is ReviewState.TRANSLATED
    check = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stderr
