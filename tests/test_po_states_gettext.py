"""Review states survive GNU gettext: msgcat and msgmerge keep every state intact.

gettext silently drops unknown ``#,`` flags, which is why the workbench keeps ``reviewed``
and its other metadata in translator comments. This test proves it with the real tools.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import have
from workbench.adapters.po import PoCatalog
from workbench.domain.states import ReviewState
from workbench.domain.units import MtOrigin, Waiver
from workbench.services.segmenting import segment_file

pytestmark = pytest.mark.skipif(
    not have("msgcat") or not have("msgmerge"), reason="GNU gettext not installed"
)

SOURCE = "# Überschrift\n\nErster Satz hier. Zweiter Satz dort.\n\nDritter Satz. Vierter Satz bleibt leer.\n"


def po_in_every_state(tmp_path: Path) -> Path:
    src = tmp_path / "doc.de.md"
    src.write_text(SOURCE, encoding="utf-8")
    po = tmp_path / "doc.en.po"
    segment_file(src, po)
    cat = PoCatalog.load(po)
    units = cat.units()
    heading, s1, s2, s3, _s4 = units
    cat.apply(
        heading.with_target("Heading").confirmed().reviewed("Ann Example", "2026-11-23T10:00:00Z")
    )
    cat.apply(
        s1.drafted(
            "First sentence here.",
            MtOrigin("argos", "translate-de_en 1.9", "First sentence here.", "ok"),
        )
    )
    cat.apply(s2.with_target("Second sentence there.").confirmed())
    waived = replace(s3, target="Third sentence.", waivers=(Waiver("length", "fine"),))
    cat.apply(waived.reviewed("Bo", "2026-11-23T11:00:00Z"))
    cat.save()
    return po


def states(path: Path) -> dict[str, tuple[ReviewState, str]]:
    return {u.source: (u.state, u.target) for u in PoCatalog.load(path).units()}


def run(*cmd: str) -> None:
    subprocess.run(cmd, check=True, capture_output=True, text=True)


def test_states_are_what_we_wrote(tmp_path: Path) -> None:
    po = po_in_every_state(tmp_path)
    got = {s: st for s, (st, _) in states(po).items()}
    assert got == {
        "Überschrift": ReviewState.REVIEWED,
        "Erster Satz hier.": ReviewState.DRAFT,
        "Zweiter Satz dort.": ReviewState.TRANSLATED,
        "Dritter Satz.": ReviewState.REVIEWED,
        "Vierter Satz bleibt leer.": ReviewState.UNTRANSLATED,
    }
    run("msgfmt", "-c", "-o", "/dev/null", str(po))


def test_msgcat_keeps_states(tmp_path: Path) -> None:
    po = po_in_every_state(tmp_path)
    out = tmp_path / "cat.po"
    run("msgcat", "-o", str(out), str(po))
    assert states(out) == states(po)
    waivers = {u.source: u.waivers for u in PoCatalog.load(out).units()}
    assert waivers["Dritter Satz."] == (Waiver("length", "fine"),)
    origin = {u.source: u.origin for u in PoCatalog.load(out).units()}["Erster Satz hier."]
    assert origin is not None and origin.mt == "First sentence here."


def test_msgmerge_keeps_states(tmp_path: Path) -> None:
    po = po_in_every_state(tmp_path)
    # The template: the same entries with empty translations, as xgettext would produce.
    blank = tmp_path / "blank.pot"
    run("msgfilter", "-i", str(po), "-o", str(blank), "--keep-header", "sed", "-e", "d")
    merged = tmp_path / "merged.po"
    run("msgmerge", "--previous", "-o", str(merged), str(po), str(blank))
    assert states(merged) == states(po)


def test_msgmerge_with_a_changed_source_marks_fuzzy_and_drops_review(tmp_path: Path) -> None:
    """When msgmerge fuzzy-matches a reviewed entry, the entry becomes a draft, never stays reviewed."""
    po = po_in_every_state(tmp_path)
    text = (
        (tmp_path / "doc.de.md")
        .read_text(encoding="utf-8")
        .replace("Dritter Satz.", "Dritter Satz, geändert.")
    )
    (tmp_path / "doc2.de.md").write_text(text, encoding="utf-8")
    fresh = tmp_path / "fresh.po"
    segment_file(tmp_path / "doc2.de.md", fresh)
    blank = tmp_path / "blank.pot"
    run("msgfilter", "-i", str(fresh), "-o", str(blank), "--keep-header", "sed", "-e", "d")
    merged = tmp_path / "merged.po"
    run("msgmerge", "--previous", "-o", str(merged), str(po), str(blank))
    got = states(merged)
    assert got["Dritter Satz, geändert."] == (ReviewState.DRAFT, "Third sentence.")
    assert got["Überschrift"][0] is ReviewState.REVIEWED
