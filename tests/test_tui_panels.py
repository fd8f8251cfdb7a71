"""What the panels say and where the focus goes (Textual's Pilot, 120x36).

The glossary panel pairs each target with its own status and shows only the usable rows'
notes; an info-only finding is marked in the list in its own colour, not the warning's;
Tab visits the list, the glossary terms, the editor and the suggestions, each showing that
it has the focus; after a filter, typing goes on in the editor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.support.workers import workers_done
from workbench.services.session import EditSession
from workbench.tui.app import MainScreen, WorkbenchApp, make_app
from workbench.tui.widgets.panels import TermList

DATA = REPO / "tests" / "data"
CIVIC = REPO / "glossaries" / "civic.de-en.tsv"
SIZE = (120, 36)

PO_HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def write_po(path: Path, rows: list[tuple[str, str]]) -> Path:
    entries = [
        f'msgctxt "s{n}"\nmsgid "{source}"\nmsgstr "{target}"\n'
        for n, (source, target) in enumerate(rows)
    ]
    path.write_text(PO_HEAD + "\n".join(entries), encoding="utf-8")
    return path


async def settle(app: WorkbenchApp, pilot: object) -> MainScreen:
    await workers_done(app)
    await pilot.pause()  # type: ignore[attr-defined]
    assert app.main is not None
    return app.main


def test_each_target_has_its_own_status_and_forbidden_notes_stay_out(tmp_path: Path) -> None:
    po = write_po(
        tmp_path / "terms.en.po",
        [("Gäste aus den USA kamen.", ""), ("Der Landrat kam.", "")],
    )
    with EditSession.open(po, [CIVIC], journal=False) as session:
        session.load_support()
        (usa,) = session.term_hits(0)
        assert [(r.text, r.status.value) for r in usa.renderings] == [
            ("United States", "preferred"),
            ("U.S.", "admitted"),
        ]
        (landrat,) = session.term_hits(1)
        assert landrat.targets == ("County Executive",)
        assert landrat.forbidden == ("District Administrator",)
        assert "German/Austrian" not in landrat.note  # the forbidden row's note
        assert landrat.note.startswith("elected head of a US county")


async def test_the_glossary_panel_reads_target_then_status(tmp_path: Path) -> None:
    po = write_po(tmp_path / "terms.en.po", [("Gäste aus den USA kamen.", "")])
    app = make_app(po, glossaries=[CIVIC])
    async with app.run_test(size=SIZE) as pilot:
        main = await settle(app, pilot)
        line = str(main.query_one("#terms", TermList).get_option_at_index(0).prompt)
        assert "USA → United States (preferred); U.S. (admitted)" in line


async def test_an_info_only_finding_has_its_own_mark_and_colour(tmp_path: Path) -> None:
    po = write_po(
        tmp_path / "info.en.po",
        [
            ("Das Landratsamt ist geschlossen.", "The county office is closed."),
            ("Der Landrat kam.", "The District Administrator came."),
        ],
    )
    app = make_app(po, glossaries=[CIVIC])
    async with app.run_test(size=SIZE) as pilot:
        main = await settle(app, pilot)
        segments = main.segments
        info_row, error_row = segments.render_line(0), segments.render_line(1)
        info_mark = next(s for s in info_row if s.text == "i")
        error_mark = next(s for s in error_row if s.text == "!")
        info_style = segments.get_component_rich_style("severity--info", partial=True)
        assert info_mark.style is not None and info_mark.style.color == info_style.color
        assert (
            info_style.color
            != segments.get_component_rich_style("severity--warning", partial=True).color
        )
        assert error_mark.style is not None and error_mark.style.color != info_mark.style.color


@pytest.fixture
def po(tui_sample: Path) -> Path:
    return tui_sample


async def test_tab_visits_the_panes_and_each_shows_its_focus(po: Path) -> None:
    app = make_app(po, glossaries=[DATA / "tui_glossary.tsv"])
    async with app.run_test(size=SIZE) as pilot:
        main = await settle(app, pilot)
        main.go_to(7)  # a segment with glossary terms
        await pilot.pause()
        visited = []
        for _ in range(4):
            await pilot.press("tab")
            focused = app.focused
            assert focused is not None and focused.id is not None
            visited.append(focused.id)
            pane = focused if focused.id != "suggestions" else main.query_one("#info")
            await pilot.pause()
            focused_border = pane.styles.border_top
            main.editor.focus() if focused.id != "target" else main.segments.focus()
            await pilot.pause()
            assert pane.styles.border_top != focused_border, f"{focused.id} shows no focus"
            focused.focus()
            await pilot.pause()
        assert visited == ["suggestions", "segments", "terms", "target"]


async def test_typing_goes_on_after_a_filter(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        main = await settle(app, pilot)
        await pilot.press("ctrl+f", *"todo", "enter")
        await pilot.pause()
        assert main.filter_text == "todo"
        assert app.focused is main.editor
        await pilot.press(*"typed")
        assert app.session is not None
        assert app.session.units[main.current].target.endswith("typed")


async def test_typing_in_the_list_goes_into_the_segment(po: Path) -> None:
    """From the list, a typed character edits the highlighted segment (the editor takes the
    focus and the text); Alt+1 stays the command that takes suggestion 1."""
    app = make_app(po, reference=REPO / "corpora" / "hangzhou-sister-cities" / "reference.en.md")
    async with app.run_test(size=SIZE) as pilot:
        main = await settle(app, pilot)
        assert app.session is not None
        await pilot.press("f10", "down")
        await settle(app, pilot)
        index = main.current
        before = app.session.units[index].target
        await pilot.press(*"ok")
        await settle(app, pilot)
        assert app.focused is main.editor and main.current == index
        assert app.session.units[index].target == before + "ok"
        await pilot.press("f10", "alt+1")
        await settle(app, pilot)
        first = main.suggestion_list.suggestions[0].text
        assert app.focused is main.editor and app.session.units[index].target == first


async def test_the_filter_count_follows_confirms(po: Path) -> None:
    """ "filter: todo (N of M)": how many listed segments still match, after each confirm."""
    app = make_app(po)
    async with app.run_test(size=SIZE) as pilot:
        main = await settle(app, pilot)
        main.apply_filter("todo")
        await pilot.pause()
        listed = len(main.segments.view)
        status = main.query_one("#status")
        assert f"filter: todo ({listed} of {listed})" in str(status.render())
        await pilot.press("ctrl+n")  # the MT draft in the editor, confirmed
        await pilot.pause()
        assert f"filter: todo ({listed - 1} of {listed})" in str(status.render())
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert f"filter: todo ({listed} of {listed})" in str(status.render())


async def test_confirming_with_qa_errors_says_which(po: Path) -> None:
    app = make_app(po, glossaries=[DATA / "tui_glossary.tsv"])
    async with app.run_test(size=SIZE) as pilot:
        main = await settle(app, pilot)
        main.go_to(7)
        await pilot.press(*"One of them was Marc Elrich, District Administrator.", "ctrl+n")
        await pilot.pause()
        warning = app.messages[-1]
        assert warning.title == "QA" and warning.severity == "warning"
        assert warning.message.startswith("Confirmed with 2 QA error(s): glossary:")
        assert "forbidden" in warning.message
        assert app.session is not None and app.session.units[7].state.label == "translated"
