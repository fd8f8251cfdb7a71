"""What a translator must see in a source and target (issue 14, acceptance-2 F13 and F21).

* F13: a fuzzy entry whose source changed (``msgmerge --previous`` leaves ``#| msgid``)
  shows the previous source in the Source panel and the comments view (F12) with the
  changes marked word by word, by the same diff the memory matches use. Real material:
  GNU Wget 1.21.3's German catalogue msgmerged with Wget 1.25's template.
* Tabs and the spaces at either end of a text are drawn as ``→`` and ``·`` (list row,
  Source, the editor), and a tab the translation lost or gained is an ``escapes`` warning.
  Keys in a real terminal: tests/test_tui_forms_tmux.py.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from rich.style import Style
from rich.text import Text

from tests.conftest import have
from tests.support.material import tar_member
from tests.support.workers import workers_done
from workbench.adapters.po import PoCatalog
from workbench.domain.checks import CHECKS, resolve_check_ids
from workbench.domain.checks.base import CheckContext
from workbench.domain.memory import DiffOp
from workbench.domain.units import Unit
from workbench.domain.whitespace import visible_marks, with_glyphs
from workbench.tui.app import make_app
from workbench.tui.screens.comments import CommentsScreen
from workbench.tui.widgets.panels import SourceView, diff_text, tagged_text

RETRY = "--retry-on-host-error"


@pytest.fixture(scope="module")
def wget_merged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Wget 1.21.3's de.po brought up to Wget 1.25's template by ``msgmerge --previous``."""
    if not have("msgmerge"):
        pytest.skip("GNU gettext (msgmerge) is not installed")
    work = tmp_path_factory.mktemp("wget")
    old, pot = work / "de.po", work / "wget.pot"
    old.write_bytes(tar_member("wget-1-21-3-source", "wget-1.21.3/po/de.po"))
    pot.write_bytes(tar_member("wget-1-25-0-source", "wget-1.25.0/po/wget.pot"))
    merged = work / "de.merged.po"
    subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", str(merged), str(old), str(pot)], check=True
    )
    return merged


def changed(path: Path) -> list[Unit]:
    return [u for u in PoCatalog.load(path).units() if u.previous_source]


def test_the_real_merge_keeps_every_previous_source(wget_merged: Path) -> None:
    units = changed(wget_merged)
    assert len(units) == wget_merged.read_text(encoding="utf-8").count("\n#| msgid ")
    assert len(units) >= 5 and all(u.fuzzy for u in units)
    retry = next(u for u in units if RETRY in u.source)
    assert "--retry-on-http-error=ERRORS" in (retry.previous_source or "")


def test_the_change_is_marked_word_by_word(wget_merged: Path) -> None:
    retry = next(u for u in changed(wget_merged) if RETRY in u.source)
    assert retry.previous_source is not None
    styles = {op: op.value for op in DiffOp}
    text = diff_text(retry.previous_source, retry.source, styles)  # type: ignore[arg-type]
    by_op = {
        op: "".join(text.plain[s.start : s.end] for s in text.spans if s.style == op.value)
        for op in DiffOp
    }
    assert "retry-on-http-error=ERRORS" in by_op[DiffOp.DELETE]
    assert "comma-separated" in by_op[DiffOp.DELETE]
    assert "retry-on-host-error" in by_op[DiffOp.INSERT] and "transient" in by_op[DiffOp.INSERT]
    assert "errors" in by_op[DiffOp.EQUAL]  # words both have are not marked


async def test_source_panel_and_comments_show_the_previous_source(wget_merged: Path) -> None:
    app = make_app(wget_merged)
    async with app.run_test(size=(160, 45)) as pilot:
        await workers_done(app)
        main = app.main
        assert main is not None and app.session is not None
        index = next(i for i, u in enumerate(app.session.units) if RETRY in u.source)
        main.go_to(index)
        await pilot.pause()
        shown = main.query_one("#source", SourceView).render()
        assert isinstance(shown, Text)
        assert "(source changed)" in str(main.query_one("#source", SourceView).border_title)
        was = next(line for line in shown.split("\n") if line.plain.startswith("was: "))
        struck = [was.plain[s.start : s.end] for s in was.spans if "strike" in str(s.style)]
        assert any("retry-on-http-error=ERRORS" in piece for piece in struck)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, CommentsScreen)
        texts = [str(w.visual) for w in app.screen.query(".comment-heading, .comment-lines")]
        assert any("Previous source (#| msgid)" in t for t in texts)
        assert any("retry-on-http-error=ERRORS" in t for t in texts)


BOLD = Style(bold=True)


def test_tabs_and_edge_spaces_are_drawn_as_glyphs() -> None:
    assert with_glyphs("Connecting to %s:%d... ") == "Connecting to %s:%d...·"
    assert with_glyphs("  two\tcols  ") == "··two→cols··"
    assert with_glyphs("inner  spaces stay") == "inner  spaces stay"
    assert with_glyphs("\nUsage:\n  -a\tall \n") == "⏎Usage:\n  -a→all·⏎"
    assert [m.offset for m in visible_marks("a\tb ")] == [1, 3]
    # the Source panel: same offsets, so glossary spans still land on their words
    text = tagged_text(
        "Name:\t<b0>fett</b0> ", [(0, 4, BOLD)], tag_style=Style(), space_style=Style()
    )
    assert text.plain == "Name:→⟨b0fettb0⟩·"
    assert text.plain[0:4] == "Name" and any(s.style == BOLD for s in text.spans)


def escapes(source: str, target: str) -> list[str]:
    check = CHECKS["escapes"]()  # type: ignore[call-arg]
    return [i.message for i in check.problems(Unit.plain("x", source, target), CheckContext())]


def test_escapes_warns_when_tab_counts_differ() -> None:
    source = "Name:\t%s\nGröße:\t%d\n"
    assert escapes(source, "Name:\t%s\nSize:\t%d\n") == []
    assert escapes(source, "Name:   %s\nSize:   %d\n") == [
        "0 tabs (→) in the translation, 2 in the source"
    ]
    assert escapes("C:\\Pfad", "C:/path") == ["0 backslashes in the translation, 1 in the source"]
    assert escapes("zwei\nZeilen", "two lines") == []  # rewrapping is the translator's call
    assert "escapes" in resolve_check_ids(["tabs"]) and "escapes" in resolve_check_ids(["escapes"])


def test_list_checks_names_the_pofilter_tests(capsys: pytest.CaptureFixture[str]) -> None:
    from workbench.cli import main

    assert main(["check", "--list-checks"]) == 0
    rows = capsys.readouterr().out.splitlines()
    line = next(row for row in rows if row.startswith("│ escapes "))
    assert "tabs" in line and "escapes" in line
