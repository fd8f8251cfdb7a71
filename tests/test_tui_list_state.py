"""The list and the source title agree with the segment in the editor (acceptance-2 F5, F4).

On open, the segment list is scrolled to the segment the editor opens on, at every size
(at 120×36 it stayed at the top: scrolling happened before the list's height was laid
out); after the last Ctrl+N the source panel's title says the new state, not "draft".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.workers import workers_done
from workbench.domain.states import ReviewState
from workbench.tui.app import make_app
from workbench.tui.widgets.panels import SourceView

HEAD = (
    'msgid ""\nmsgstr ""\n"Language: en\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
)
DRAFT_AT = 80  # the only segment needing work: far below the first screenful


@pytest.fixture
def po(tmp_path: Path) -> Path:
    entries = []
    for n in range(1, 121):
        fuzzy = "#, fuzzy\n" if n == DRAFT_AT else ""
        entries.append(f'{fuzzy}msgid "Satz Nummer {n}."\nmsgstr "Sentence number {n}."\n')
    path = tmp_path / "long.en.po"
    path.write_text(HEAD + "\n" + "\n".join(entries), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "size", [(80, 24), (120, 36), (160, 45)], ids=lambda s: "x".join(map(str, s))
)
async def test_the_list_shows_the_segment_in_the_editor_on_open(
    po: Path, size: tuple[int, int]
) -> None:
    app = make_app(po, journal=False)
    async with app.run_test(size=size) as pilot:
        await workers_done(app)
        await pilot.pause()
        main = app.main
        assert main is not None
        assert main.current == DRAFT_AT - 1
        segments = main.segments
        top = int(segments.scroll_offset.y)
        rows = segments.scrollable_content_region.height
        assert top <= segments.cursor < top + rows, (top, rows, segments.cursor)


async def test_the_source_title_follows_the_last_confirm(po: Path) -> None:
    app = make_app(po, journal=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        await pilot.pause()
        main = app.main
        assert main is not None and app.session is not None
        source = main.query_one("#source", SourceView)
        assert "draft" in str(source.border_title)
        await pilot.press("ctrl+n")  # the last segment needing work: nowhere to go
        await workers_done(app)
        await pilot.pause()
        assert app.session.units[DRAFT_AT - 1].state == ReviewState.TRANSLATED
        assert main.current == DRAFT_AT - 1
        title = str(source.border_title)
        assert "translated" in title and "draft" not in title, title
