"""The TUI's colours come from workbench.tcss through component classes (toolong's LogLines
is the model): no inline rich styles in the code, one set of diff colours, muted text muted."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from rich.style import Style

from tests.conftest import REPO
from tests.support.workers import workers_done
from workbench.domain.memory import DiffOp
from workbench.tui.app import make_app
from workbench.tui.screens.comments import CommentsScreen
from workbench.tui.widgets.panels import SourceView
from workbench.tui.widgets.suggestions import SuggestionList

TUI = REPO / "workbench" / "tui"
DATA = REPO / "tests" / "data"


def _style_literal(node: ast.expr) -> str | None:
    """``node``'s text if it is a string that rich reads as a style with a colour or an
    attribute ("bold", "red strike", "dim italic"), or a choice of such; else None."""
    if isinstance(node, ast.IfExp):
        return _style_literal(node.body) or _style_literal(node.orelse)
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value):
        return None
    try:
        style = Style.parse(node.value)
    except Exception:
        return None
    return node.value if style else None


def inline_styles(path: Path) -> list[str]:
    """Where ``path`` styles text in code: ``Style(...)`` with a literal argument, a style string as a
    ``style=`` argument, as a later positional argument (``Text(text, "bold")``,
    ``append(text, "red")``) or in a ``(text, "dim")`` pair, console markup (``[b]…[/]``) and ``DEFAULT_CSS``."""
    found = []
    shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        where = f"{shown}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            values = [*node.args, *(k.value for k in node.keywords)]
            if name == "Style" and any(isinstance(v, ast.Constant) for v in values):
                found.append(f"{where} Style(...)")
            candidates = [k.value for k in node.keywords if k.arg == "style"]
            if name != "assemble":  # Text.assemble's arguments are all text (or pairs)
                candidates += node.args[1:]
            candidates += [
                arg.elts[1]
                for arg in node.args
                if isinstance(arg, ast.Tuple) and len(arg.elts) == 2
            ]
            found += [f"{where} {s!r}" for c in candidates if (s := _style_literal(c))]
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and re.search(r"(?<!\\)\[/", node.value)
        ):
            found.append(f"{where} markup")
        if isinstance(node, ast.Assign) and any(
            getattr(t, "id", "") == "DEFAULT_CSS" for t in node.targets
        ):
            found.append(f"{where} DEFAULT_CSS")
    return found


def test_the_checker_finds_inline_styles(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "Text('x', style='bold cyan')\nText('x', 'dim')\nStyle(color='red')\n"
        "Text.assemble(('a', 'dim italic'), 'b')\nclass W:\n    DEFAULT_CSS = 'W {}'\n"
        "line.append(x, style='yellow' if todo else 'green')\n"
        "HELP = 'type [b]qa[/] or \\\\[o]'\n"
        "Text('Open which file?')\nBinding('escape', 'dismiss(None)', 'Close')\nStyle()\n",
        encoding="utf-8",
    )
    found = inline_styles(bad)
    assert sorted(hit.split(" ", 1)[1] for hit in found) == [
        "'bold cyan'",
        "'dim italic'",
        "'dim'",
        "'yellow'",
        "DEFAULT_CSS",
        "Style(...)",
        "markup",
    ], found


def test_no_inline_styles_in_the_tui() -> None:
    """Every colour and text style is in workbench.tcss. The one exception: a dialog
    button's key hint (``Keep the note  [ctrl+s]``) is bold inside the button's label, and
    Textual's Button has no component class for a part of its label."""
    found = [
        hit
        for path in sorted(TUI.rglob("*.py"))
        for hit in inline_styles(path)
        if not hit.startswith("workbench/tui/screens/dialogs.py") or "'bold'" not in hit
    ]
    assert found == []


async def test_muted_text_is_drawn_muted(tui_sample: Path) -> None:
    """``$text-muted`` is the text colour at 60 %: a segment's id is drawn between the text
    and the background, not in the text's own colour (Textual's partial component style
    drops the alpha; the workbench blends it)."""
    app = make_app(tui_sample)
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        await pilot.pause()
        source = app.screen.query_one(SourceView)
        muted = source.style("source-view--id").color
        text = source.rich_style.color
        assert muted is not None and text is not None
        muted_rgb, text_rgb = muted.get_truecolor(), text.get_truecolor()
        background = source.rich_style.bgcolor
        assert background is not None
        back_rgb = background.get_truecolor()
        assert muted_rgb != text_rgb
        # strictly between the two, channel by channel
        assert all(
            min(b, t) < m < max(b, t) for m, t, b in zip(muted_rgb, text_rgb, back_rgb, strict=True)
        )


async def test_one_set_of_diff_colours(tui_sample: Path) -> None:
    """The Source panel, a memory match's source in the suggestions and the comments dialog
    mark a change in the same colours (the ``diff--…`` classes)."""
    app = make_app(tui_sample)
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        await pilot.pause()
        main = app.screen
        panel = main.query_one(SourceView).diff_styles()
        listed = main.query_one(SuggestionList).diff_styles()
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, CommentsScreen)
        dialog = app.screen.diff_styles()
        for op in (DiffOp.DELETE, DiffOp.INSERT):
            assert panel[op] == listed[op] == dialog[op]
            assert panel[op].color is not None
        assert panel[DiffOp.DELETE].strike and panel[DiffOp.INSERT].underline
