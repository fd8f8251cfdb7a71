"""Inline tags in the editor: the source shows them as compact chips, and Ctrl+K (or Alt+T
where the terminal sends Alt as ESC) types the next tag the translation lacks, tested in
tmux with the key sequences a terminal sends."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rich.style import Style

from tests.conftest import have
from tests.support.tmux import WORKBENCH, terminal, wait_for
from workbench.adapters.po import PoCatalog
from workbench.cli import main
from workbench.tui.widgets.panels import tagged_text

SOURCE = "Nutze **nie** `rm -rf` ohne [ein Backup](https://example.org/backup).\n"


def segmented(tmp_path: Path) -> Path:
    md = tmp_path / "doc.de.md"
    md.write_text(SOURCE, encoding="utf-8")
    po = tmp_path / "doc.en.po"
    assert main(["segment", str(md), "-o", str(po)]) == 0
    assert PoCatalog.load(po).units()[0].source == (
        "Nutze <b0>nie</b0> <c1/> ohne <a2>ein Backup</a2>."
    )
    return po


def test_tags_show_as_compact_chips() -> None:
    bold = Style(bold=True)
    text = tagged_text(
        "Nutze <b0>nie</b0> <c1/>.", [(10, 13, bold)], tag_style=Style(), space_style=Style()
    )
    assert text.plain == "Nutze ⟨b0nieb0⟩ ⟨c1⟩."
    assert any(span.style == bold for span in text.spans)


@pytest.mark.tmux
@pytest.mark.skipif(not have("tmux"), reason="tmux is not installed")
def test_ctrl_e_and_alt_t_insert_the_next_missing_tag_in_a_real_terminal(tmp_path: Path) -> None:
    po = segmented(tmp_path)
    env = {"WORKBENCH_REVIEWER": "t"}
    with terminal(f"{WORKBENCH} open {po}", tmp_path, size=(200, 40), env=env) as term:
        wait_for(lambda: "Target" in term.screen(), "the TUI to start")
        term.shows("⟨b0", "the source with its tags as chips")

        def tag(key: str = "C-k") -> None:
            term.keys(key)  # Ctrl+K; or "M-t", Alt+T as tmux sends it: ESC t
            time.sleep(0.2)  # at typing speed: ESC t glued to the next letters is not Alt+T

        term.keys("Never use ", literal=True)
        tag()
        term.keys("carelessly", literal=True)
        tag()
        term.keys(" ", literal=True)
        tag()
        term.keys(" without ", literal=True)
        tag("M-t")
        term.keys("a backup", literal=True)
        tag()
        term.keys(".", literal=True)
        term.shows("Never use <b0>carelessly</b0> <c1/> without <a2>a backup</a2>.")
        tag()
        term.shows("Every tag of the source is in the translation")
        term.keys("C-n")
        term.keys("C-s")
        wait_for(lambda: "unsaved" not in term.screen(), "the save")
        term.keys("C-q")
        wait_for(lambda: not term.running(), "the app to quit")
    unit = PoCatalog.load(po).units()[0]
    assert unit.target == "Never use <b0>carelessly</b0> <c1/> without <a2>a backup</a2>."
    english = tmp_path / "doc.en.md"
    assert main(["export", str(po), "-f", "md", "--unreviewed", "keep", "-o", str(english)]) == 0
    assert english.read_text(encoding="utf-8") == (
        "Never use **carelessly** `rm -rf` without [a backup](https://example.org/backup).\n"
    )
