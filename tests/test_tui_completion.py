"""Interactive completion in the TUI, on the real tiny (random-weight) Argos package.

As the translator types at the end of a segment, the model's continuation shows as ghost
text at the cursor; Ctrl+→ takes its next word, End (or Right) all of it, typing on that
agrees with it keeps it, anything else asks the model again, and what was typed is never
changed. The expected completion is worked out in the test with the same model (the output
is noise, but deterministic). The keys are sent in a real terminal (tmux) both by tmux's key
names and as xterm's bytes (terminfo ``kRIT5`` and ``kend``), and read back from the saved
file; a Pilot test covers the states in between.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import have
from tests.support.tmux import WORKBENCH, have_tmux, terminal, wait_for, xterm_sequence
from tests.support.workers import workers_done
from workbench.adapters.po import PoCatalog
from workbench.domain.completion import Completion, follow, next_word
from workbench.services.completion import Completer
from workbench.tui.app import WorkbenchApp, make_app

pytestmark = pytest.mark.slow
SOURCE = "Und es ist eine wirklich gute Suchmaschine."  # untranslated in tui_sample.po
#: The number of the segment in the editor, in the Source panel's title ("… 9/24 ──").
SOURCE_TITLE = re.compile(r"Source .*?\b(\d+)/24\b(?! done)")


@pytest.fixture
def po(model_po: Path) -> Path:
    """The sample PO, with the shared tiny Argos package (conftest) installed privately."""
    return model_po


def expected(typed: str) -> str:
    """What the completion of ``typed`` is (no glossary: the file is opened without one)."""
    result = Completer(None, None).complete(SOURCE, typed)
    assert result is not None and result.rest.strip()
    return result.rest


def offers(typed: str) -> list[str]:
    """Every rest the editor may offer once ``typed`` is in it, typed key by key.

    A slow terminal can deliver the keys far enough apart for the completion of a shorter
    prefix ("And") to arrive first; typing on that agrees with it keeps that offer (no new
    model call), so its rest may differ from the completion of the whole text.
    """
    rests = [expected(typed)]
    for end in range(len(typed) - 1, 0, -1):
        kept = follow(Completion(typed[:end], expected(typed[:end])), typed)
        if kept is not None and kept.rest.strip() and kept.rest not in rests:
            rests.append(kept.rest)
    return rests


async def settle(app: WorkbenchApp, pilot: object) -> None:
    await workers_done(app)
    await pilot.pause()  # type: ignore[attr-defined]


async def test_completion_follows_typing_and_keys_take_it(po: Path) -> None:
    app = make_app(po)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        main = app.main
        assert main is not None and app.session is not None
        index = next(i for i, u in enumerate(app.session.units) if u.source == SOURCE)
        main.go_to(index)
        await settle(app, pilot)
        editor = main.editor
        assert editor.suggestion == ""  # moving to a segment asks nothing
        await pilot.press(*"And ")
        await settle(app, pilot)
        rest = expected("And ")
        assert editor.text == "And " and editor.suggestion == rest
        assert "Ctrl+→ word" in str(editor.border_title)
        # Ctrl+→: the next word; the rest stays on offer
        word = next_word(rest)
        await pilot.press("ctrl+right")
        await settle(app, pilot)
        assert editor.text == "And " + word and editor.suggestion == rest[len(word) :]
        # typing what it says keeps it (no new request changes it)
        if rest[len(word) :][:1].strip():
            await pilot.press(rest[len(word)])
            await settle(app, pilot)
            assert editor.suggestion == rest[len(word) + 1 :]
        typed = editor.text
        # the cursor away from the end: no ghost text
        await pilot.press("left")
        await settle(app, pilot)
        assert editor.suggestion == ""
        await pilot.press("end")  # without a completion: the line end, as always
        await settle(app, pilot)
        assert editor.text == typed and editor.cursor_location == editor.document.end
        # typing something else asks the model again, for exactly what was typed
        await pilot.press("Q")
        await settle(app, pilot)
        assert editor.text == typed + "Q" and editor.suggestion == expected(typed + "Q")
        # End takes all of it
        await pilot.press("end")
        await settle(app, pilot)
        assert editor.text == typed + "Q" + expected(typed + "Q") and editor.suggestion == ""
        assert app.session.units[index].target == editor.text


@pytest.mark.tmux
@pytest.mark.skipif(not have_tmux(), reason="tmux is not installed")
@pytest.mark.skipif(not have("msgfmt"), reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize("keys", ["tmux", "xterm"])
def test_completion_keys_in_a_real_terminal(po: Path, tmp_path: Path, keys: str) -> None:
    """Ctrl+→ and End as a terminal sends them: the file gets typed text + word + the rest."""
    import os

    typed = "And "
    env = {k: os.environ[k] for k in ("ARGOS_PACKAGES_DIR", "WORKBENCH_CACHE_DIR")}
    env["XDG_CONFIG_HOME"] = os.environ["XDG_CONFIG_HOME"]
    command = f"{WORKBENCH} open {po}"
    with terminal(command, tmp_path, (120, 36), env=env) as term:
        term.wait_for(lambda s: "Target" in s and "reading" not in s, "the TUI to start")
        units = PoCatalog.load(po).units()
        number = next(i for i, u in enumerate(units) if u.source == SOURCE) + 1
        # F8 (the next segment) until ours is in the editor, one F8 at a time: the next F8
        # only once the Source title shows the number of the segment this one went to. (A
        # screen that merely changed is no sign: under load a capture can catch a frame
        # half drawn, the list's new row without the new title, and an F8 sent then went
        # one segment too far; the typing landed in the next segment.)
        at = [0]

        def title_number(screen: str) -> bool:
            found = SOURCE_TITLE.search(screen)
            if found is not None:
                at[0] = int(found.group(1))
            return found is not None

        term.wait_for(title_number, "the editor's segment number")
        while at[0] < number:
            before = at[0]
            term.keys("F8")
            term.wait_for(
                lambda s, old=before: title_number(s) and at[0] != old, "the next segment"
            )
        assert at[0] == number, f"the editor opened on segment {at[0]}, after ours ({number})"
        term.wait_for(lambda s: SOURCE[:24] in s, "our segment's source")
        term.type(typed)
        rests = offers(typed)
        term.wait_for(
            lambda s: "Ctrl+→ word" in s and any(r.strip()[:12] in s for r in rests),
            "the completion",
        )
        shown = term.screen()
        rest = next(r for r in rests if r.strip()[:12] in shown)
        word = next_word(rest)

        def shows_whole(what: str) -> None:
            """The editor shows typed + the whole offer: the model's answer, which comes in
            parts, has all come (a key pressed earlier takes what is shown so far)."""
            whole = " ".join((typed + rest).split())
            term.wait_for(lambda s: " ".join(term.pane("Target").split()) == whole, what)

        shows_whole("the whole offer")
        word_key = ["C-Right"] if keys == "tmux" else [xterm_sequence("kRIT5")]
        end_key = ["End"] if keys == "tmux" else [xterm_sequence("kend")]

        def press_and_save(key: list[str] | list[bytes]) -> str:
            before = po.stat().st_mtime_ns
            if keys == "tmux":
                term.keys(*key)  # type: ignore[arg-type]
            else:
                term.xterm(*key)  # type: ignore[arg-type]
            term.keys("C-s")
            wait_for(lambda: po.stat().st_mtime_ns != before, "the save")
            term.wait_for(lambda s: "unsaved" not in s, "the screen to show the save")
            return next(u for u in PoCatalog.load(po).units() if u.source == SOURCE).target

        assert press_and_save(word_key) == typed + word  # one word, the rest still offered
        term.wait_for(lambda s: "Ctrl+→ word" in s, "the rest of the completion")
        shows_whole("the whole rest of the offer")
        assert press_and_save(end_key) == typed + rest  # all of it
        term.wait_for(lambda s: "Ctrl+→ word" not in s, "no completion left")
