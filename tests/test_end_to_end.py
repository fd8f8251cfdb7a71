"""The whole workflow on the sample corpus, in README order, through the real components.

segment → draft (the repository's tiny Argos test model) → work in the TUI (pilot: edit,
confirm and review) → check → score → export. Nothing is mocked: the model is a real
CTranslate2 package (random weights, so its output is noise, not a translation), the TUI
is the real app, and the files that come out are asserted.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO, have
from tests.support.workers import workers_done
from workbench.adapters.documents import text_blocks
from workbench.adapters.po import PoCatalog
from workbench.cli import main
from workbench.domain.document import BlockKind
from workbench.domain.states import ReviewState

GLOSSARY = REPO / "glossaries" / "civic.de-en.tsv"

pytestmark = pytest.mark.slow


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    capsys.readouterr()
    code = main(list(args))
    return code, json.loads(capsys.readouterr().out)


async def test_segment_draft_review_check_score_export(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argosmodel: Path,
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("WORKBENCH_REVIEWER", "E2E Reviewer")
    source = tmp_path / "source.de.md"
    shutil.copy(CORPUS / "source.de.md", source)
    po = tmp_path / "hangzhou.en.po"

    # 1. segment
    assert main(["segment", str(source), "-o", str(po)]) == 0
    units = PoCatalog.load(po).units()
    assert len(units) == 24 and all(u.state is ReviewState.UNTRANSLATED for u in units)

    # 2. draft: install the test model the way a user installs a downloaded one
    assert main(["mt", "install", str(argosmodel)]) == 0
    assert main(["draft", str(po), "--glossary", str(GLOSSARY)]) == 0
    drafted = PoCatalog.load(po).units()
    assert all(u.state is ReviewState.DRAFT for u in drafted)
    assert all(u.origin is not None and u.origin.mt for u in drafted)
    # dnt terms come through verbatim whatever the model emits
    for unit in drafted:
        for name in ("DeepSeek", "Sister Cities International", "Montgomery County"):
            if name in unit.source:
                assert name in unit.target, (name, unit.target)

    # 3. the TUI: correct and confirm the first three segments, review two of them
    from workbench.tui.app import make_app

    app = make_app(po, glossaries=[GLOSSARY])
    fixes = [
        "China-U.S. Sister Cities Conference in Hangzhou",
        "The seventh China-U.S. Sister Cities Conference was held from October 25 to 27 "
        "in the southeastern Chinese metropolis of Hangzhou.",
    ]
    async with app.run_test(size=(120, 36)) as pilot:
        await workers_done(app)
        await pilot.pause()
        screen = app.main
        assert screen is not None and screen.current == 0
        assert app.focused is screen.editor
        for text in fixes:
            screen.editor.select_all()
            await pilot.press("delete", *text)
            await pilot.press("ctrl+n")
        await pilot.press("ctrl+n")  # the third: the MT draft confirmed as it is
        screen.go_to(0)
        await pilot.press("ctrl+r", "ctrl+r")  # review segments 0 and 1
        await pilot.press("ctrl+s")
        await workers_done(app)
        await pilot.pause()
    worked = PoCatalog.load(po).units()
    assert [u.state for u in worked[:4]] == [
        ReviewState.REVIEWED,
        ReviewState.REVIEWED,
        ReviewState.TRANSLATED,
        ReviewState.DRAFT,
    ]
    assert [u.target for u in worked[:2]] == fixes
    assert worked[0].review is not None and worked[0].review.by == "E2E Reviewer"
    assert worked[2].target == drafted[2].target  # confirmed unchanged
    if have("msgfmt"):
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], check=True)

    # 4. check: the two human segments are clean; the gate passes on them
    code, report = run_json(
        capsys,
        "check",
        str(po),
        "--glossary",
        str(GLOSSARY),
        "--states",
        "reviewed",
        "--format",
        "json",
    )
    assert code == 0, report["findings"]
    assert report["summary"]["units_checked"] == 2
    code, report = run_json(
        capsys,
        "check",
        str(po),
        "--glossary",
        str(GLOSSARY),
        "--states",
        "draft",
        "--format",
        "json",
    )
    assert report["summary"]["units_checked"] == 21
    assert code == (1 if any(f["severity"] == "error" for f in report["findings"]) else 0)

    # 5. score against the paragraph-aligned reference, with post-editing effort
    code, score = run_json(
        capsys, "score", str(po), "--reference", str(CORPUS / "reference.en.md"),
        "--glossary", str(GLOSSARY), "--format", "json", "--no-cache",
    )  # fmt: skip
    assert code == 0
    for key in (
        "bleu",
        "chrf",
        "chrf_pp",
        "ter",
        "hter",
        "glossary_adherence",
        "signature",
        "segments",
    ):
        assert key in score, key
    edited = {s["id"]: s for s in score["segments"] if s["hter"] is not None}
    assert edited[worked[0].id]["hter"] > 0  # the noise draft was rewritten
    assert edited[worked[2].id]["hter"] == 0  # confirmed as drafted: no edits

    # 6. export: markdown keeps the document shape and shows only reviewed text as final
    md = tmp_path / "out.en.md"
    assert main(["export", str(po), "--format", "md", "--unreviewed", "skip", "-o", str(md)]) == 0
    blocks = text_blocks(md.read_text(encoding="utf-8"), markdown=True)
    assert blocks[0].kind is BlockKind.HEADING and blocks[0].text == fixes[0]
    assert blocks[1].text == fixes[1]
    reviewed_po = tmp_path / "reviewed.po"
    assert (
        main(["export", str(po), "--format", "po", "--reviewed-only", "-o", str(reviewed_po)]) == 0
    )
    assert [u.target for u in PoCatalog.load(reviewed_po).units()] == fixes
    if have("msgfmt"):
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(reviewed_po)], check=True)
    tmx = tmp_path / "reviewed.tmx"
    assert main(["export", str(po), "--format", "tmx", "-o", str(tmx)]) == 0
    tus = ET.parse(tmx).getroot().findall("./body/tu")
    assert len(tus) == 2 and tus[0].get("tuid") == worked[0].id
