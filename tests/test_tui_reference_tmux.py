"""The TUI says why a reference offers nothing, in a real terminal (acceptance-2 F19).

A published translation drifts by a paragraph or two: the segments whose block has no
counterpart get a line in the Suggestions pane saying so, and the file gets one notice with
how many blocks were aligned; the other segments are offered their sentences as before.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO
from tests.support.tmux import have_tmux, workbench_open
from workbench.services.session import EditSession
from workbench.services.suggestions import ReferenceSentences

pytestmark = [pytest.mark.tmux, pytest.mark.skipif(not have_tmux(), reason="no tmux")]


def _drifted(folder: Path) -> Path:
    """The sample article's reference without its paragraph 3."""
    paragraphs = (CORPUS / "reference.en.md").read_text(encoding="utf-8").split("\n\n")
    del paragraphs[3]
    drifted = folder / "drifted.en.md"
    drifted.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return drifted


def test_a_block_without_a_reference_paragraph_is_said(tmp_path: Path) -> None:
    po = tmp_path / "sample.en.po"
    shutil.copy(REPO / "tests" / "data" / "tui_sample.po", po)
    drifted = _drifted(tmp_path)
    reference = ReferenceSentences(drifted)
    with EditSession.open(po, journal=False) as session:
        missing = [i for i in range(len(session.units)) if reference.note(session.units, i)]
        total = len(session.units)
    assert missing and missing[0] > 2
    with workbench_open([str(po), "--reference", str(drifted)], tmp_path, (120, 36)) as app:
        # once, for the file: how the reference lined up
        app.wait_for(lambda s: "Reference drifted.en.md:" in s, "the reference notice")
        app.wait_for(lambda s: "Ref " in s, "segment 3's reference sentence")
        for _ in range(missing[0] - 2):  # opened at segment 3 (index 2); F8: the next one
            app.keys("F8")
        where = re.compile(rf"\b{missing[0] + 1}/{total}\b(?! done)")
        app.wait_for(lambda s: where.search(s) is not None, "the segment without reference")
        app.wait_for(
            lambda s: "no counterpart in" in " ".join(app.pane("Suggestions").split()),
            "the reason in the Suggestions pane",
        )


def test_the_projects_reference_is_used_when_the_file_is_named(tmp_path: Path) -> None:
    """`workbench open po/x.po` in a project takes that corpus's `reference =` too (it was
    used only when open picked the file itself); a missing one is said, not fatal."""
    (tmp_path / "po").mkdir()
    shutil.copy(REPO / "tests" / "data" / "tui_sample.po", tmp_path / "po" / "sample.en.po")
    shutil.copy(CORPUS / "source.de.md", tmp_path / "source.de.md")
    _drifted(tmp_path)
    toml = '[[corpus]]\nname = "s"\nsource = "source.de.md"\npo = "po/sample.en.po"\n'
    (tmp_path / "workbench.toml").write_text(f'{toml}reference = "drifted.en.md"\n', "utf-8")
    with workbench_open(["po/sample.en.po"], tmp_path, (120, 36)) as app:
        app.wait_for(lambda s: "Reference drifted.en.md:" in s, "the reference notice")
        app.wait_for(lambda s: "Ref " in s, "segment 3's reference sentence")
    (tmp_path / "workbench.toml").write_text(f'{toml}reference = "gone.en.md"\n', "utf-8")
    with workbench_open(["po/sample.en.po"], tmp_path, (120, 36)) as app:
        app.wait_for(
            lambda s: "no reference: gone.en.md: no such file" in " ".join(s.split()),
            "the reason in the Suggestions pane",
        )
