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


LONG_SOURCE = (
    "Das Argument ZEITSTIL kann full-iso, long-iso, iso, locale oder +FORMAT sein. FORMAT "
    "wird wie bei date(1) interpretiert. Wenn FORMAT FORMAT1<Zeilenumbruch>FORMAT2 ist, dann "
    "gilt FORMAT1 für nicht kürzlich geänderte Dateien und FORMAT2 für kürzlich geänderte "
    "Dateien. Wenn ZEITSTIL mit »posix-« beginnt, wirkt er nur außerhalb der POSIX-Locale. "
    "Auch die Umgebungsvariable TIME_STYLE legt den zu verwendenden Stil fest."
)
LONG_TARGET = (
    "The TIME_STYLE argument can be full-iso, long-iso, iso, locale, or +FORMAT. FORMAT is "
    "interpreted like in date(1). If FORMAT is FORMAT1<newline>FORMAT2, then FORMAT1 applies "
    "to non-recent files and FORMAT2 to recent files. TIME_STYLE prefixed with 'posix-' takes "
    "effect only outside the POSIX locale. Also the TIME_STYLE environment variable sets the "
    "default style to use."
)


async def test_a_long_source_at_80x24_is_marked_and_a_suggestion_stays(tmp_path: Path) -> None:
    """acceptance-2 F26: coreutils' 9-line help text (its shape; turned round) with a long
    draft: the source says how much is cut and where to read it, and the first suggestion
    (the same text translated further down: a memory match) is still on screen."""
    head = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    po = tmp_path / "long.en.po"
    po.write_text(
        f'{head}\n#, fuzzy\nmsgctxt "a"\nmsgid "{LONG_SOURCE}"\nmsgstr "{LONG_TARGET} More."\n'
        f'\nmsgctxt "b"\nmsgid "{LONG_SOURCE}"\nmsgstr "{LONG_TARGET}"\n',
        encoding="utf-8",
    )
    app = make_app(po)
    async with app.run_test(size=(80, 24)) as pilot:
        await workers_done(app)
        await pilot.pause()
        shown = html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")
        assert re.search(r"… \d+ more lines \(F12 shows the whole source\)", shown), shown
        main = app.main
        assert main is not None
        suggestions = main.query_one("#suggestions", SuggestionList)
        assert suggestions.suggestions and suggestions.suggestions[0].kind == "TM"
        region = suggestions.scrollable_content_region
        assert region.height >= 2 and region.bottom <= 24 - 1, region  # above the footer
        assert "1 TM" in shown
