"""The editing screen at the terminal sizes translators use: nothing essential is cut off.

At 80x24, 100x30, 160x45 and 220x60, on the sample's longest segment and on its glossary
segment: the whole source is on screen, every glossary term line, the whole target in the
editor, the first suggestion whole, and the footer keeps F1 and Ctrl+Q.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from rich.text import Text

from tests.conftest import CORPUS, REPO
from tests.support.workers import workers_done
from workbench.tui.app import MainScreen, WorkbenchApp, make_app
from workbench.tui.widgets.editor import TargetEditor
from workbench.tui.widgets.panels import SourceView, TermList
from workbench.tui.widgets.suggestions import SuggestionList

DATA = REPO / "tests" / "data"
SIZES = [(80, 24), (100, 30), (160, 45), (220, 60)]
LONGEST, GLOSSARY_SEGMENT = 11, 7


@pytest.fixture
def app(tmp_path: Path) -> WorkbenchApp:
    po = tmp_path / "sample.en.po"
    shutil.copy(DATA / "tui_sample.po", po)
    return make_app(
        po, glossaries=[DATA / "tui_glossary.tsv"], reference=CORPUS / "reference.en.md"
    )


def lines_needed(app: WorkbenchApp, text: str, width: int) -> int:
    return len(Text(text).wrap(app.console, width))


def assert_nothing_cut_off(app: WorkbenchApp, main: MainScreen) -> None:
    session = app.session
    assert session is not None
    unit = session.units[main.current]
    source = main.query_one("#source", SourceView)
    width = source.content_region.width
    assert lines_needed(app, unit.source, width) <= source.content_region.height, "source"
    terms = main.query_one("#terms", TermList)
    assert terms.virtual_size.height <= terms.scrollable_content_region.height, "terms"
    editor = main.query_one("#target", TargetEditor)
    assert editor.wrapped_document.height <= editor.content_region.height, "target"
    suggestions = main.query_one("#suggestions", SuggestionList)
    assert suggestions.suggestions, "no suggestion to show"
    first = suggestions.suggestions[0].text
    # the first suggestion's lines (after its "1 MT " label) fit in the list's height
    needed = lines_needed(app, f"1 MT {first}", suggestions.scrollable_content_region.width)
    assert needed <= suggestions.scrollable_content_region.height, "first suggestion"
    shown = html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot()))
    for key in ("Help", "Confirm", "Use", "Save", "Quit"):
        assert re.search(rf"\b{key}\b", shown), f"footer: {key}"


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_nothing_essential_is_cut_off(app: WorkbenchApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await workers_done(app)
        await pilot.pause()
        main = app.main
        assert main is not None
        for index in (LONGEST, GLOSSARY_SEGMENT):
            main.go_to(index)
            await workers_done(app)
            await pilot.pause()
            assert_nothing_cut_off(app, main)
