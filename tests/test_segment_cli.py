"""`workbench segment` and `workbench status` end to end, including bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import have
from workbench.adapters.po import PoCatalog
from workbench.cli import main
from workbench.domain.states import ReviewState


def wb(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_segment_sample_corpus(sample_source: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.po"
    result = wb("segment", str(sample_source), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "created" in result.stdout
    units = PoCatalog.load(out).units()
    assert len(units) == 24  # title + 23 sentences; see corpora/hangzhou-sister-cities/README.md
    assert all(u.state is ReviewState.UNTRANSLATED for u in units)
    assert units[0].source == "Chinesisch-amerikanische Städtepartnerschaft-Konferenz in Hangzhou"
    assert units[0].placement is not None and units[0].placement.kind.value == "heading"
    assert units[1].references == ("source.de.md:3",)
    assert any(
        u.source.startswith("Die siebte Chinesisch-amerikanische")
        and "vom 25. Oktober bis 27. Oktober" in u.source
        for u in units
    )
    assert len({u.id for u in units}) == len(units)
    if have("msgfmt"):
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(out)], check=True)


def test_resegmenting_is_idempotent(sample_po: Path, sample_source: Path) -> None:
    before = sample_po.read_text(encoding="utf-8")
    result = wb("segment", str(sample_source), "-o", str(sample_po))
    assert result.returncode == 0 and "is up to date" in result.stdout
    assert sample_po.read_text(encoding="utf-8") == before, (
        "an unchanged source must not touch the PO"
    )


def test_resegmenting_a_changed_source_updates(sample_po: Path, sample_source: Path) -> None:
    cat = PoCatalog.load(sample_po)
    units = cat.units()
    cat.apply(units[0].with_target("China-US Sister Cities Conference in Hangzhou").confirmed())
    cat.apply(units[1].with_target("Some translation.").confirmed())
    cat.save()
    text = sample_source.read_text(encoding="utf-8")
    text = text.replace(units[1].source, units[1].source.replace("siebte", "achte"))
    sample_source.write_text(text + "\nEin neuer Schlusssatz.\n", encoding="utf-8")
    assert main(["segment", str(sample_source), "-o", str(sample_po)]) == 0
    after = {u.source: u for u in PoCatalog.load(sample_po).units()}
    assert after[units[0].source].state is ReviewState.TRANSLATED
    changed = after[units[1].source.replace("siebte", "achte")]
    assert changed.state is ReviewState.DRAFT and changed.previous_source == units[1].source
    assert after["Ein neuer Schlusssatz."].state is ReviewState.UNTRANSLATED


@pytest.mark.parametrize(
    ("name", "content", "args", "message"),
    [
        ("missing.txt", None, [], "no such file"),
        ("empty.txt", b"  \n\n", [], "is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", [], "binary"),
        ("latin1.txt", "Größe und Maß.\nÄrger.".encode("latin-1"), [], "is not valid utf-8"),
        ("latin1b.txt", "Größe.".encode("latin-1"), ["--encoding", "nonsense"], "unknown encoding"),
    ],
)
def test_bad_sources_exit_2_with_a_message(
    tmp_path: Path, name: str, content: bytes | None, args: list[str], message: str
) -> None:
    src = tmp_path / name
    if content is not None:
        src.write_bytes(content)
    result = wb("segment", str(src), "-o", str(tmp_path / "out.po"), *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.po").exists()


def test_encoding_option_reads_latin1(tmp_path: Path) -> None:
    src = tmp_path / "latin1.txt"
    src.write_bytes("Größe und Maß sind gleich.\n".encode("latin-1"))
    out = tmp_path / "out.po"
    assert wb("segment", str(src), "-o", str(out), "--encoding", "latin-1").returncode == 0
    assert PoCatalog.load(out).units()[0].source == "Größe und Maß sind gleich."


def test_latin1_error_names_the_line(tmp_path: Path) -> None:
    src = tmp_path / "mixed.txt"
    src.write_bytes(b"Erste Zeile.\nZweite Zeile.\nDritte \xe4 Zeile.\n")
    result = wb("segment", str(src), "-o", str(tmp_path / "o.po"))
    assert f"{src}:3" in result.stderr and "--encoding" in result.stderr


def test_malformed_existing_po_is_reported_and_never_overwritten(
    sample_source: Path, tmp_path: Path
) -> None:
    po = tmp_path / "broken.po"
    broken = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "b"\nthis is not po\n'
    po.write_text(broken, encoding="utf-8")
    result = wb("segment", str(sample_source), "-o", str(po))
    assert result.returncode == 2
    assert f"{po}:7" in result.stderr and "malformed PO" in result.stderr
    assert po.read_text(encoding="utf-8") == broken


def test_broken_workbench_comment_names_the_entry_line(tmp_path: Path) -> None:
    po = tmp_path / "meta.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n# wb:reviewed {oops\nmsgid "a"\nmsgstr "b"\n',
        encoding="utf-8",
    )
    result = wb("status", str(po))
    # issue 10: never a reason to refuse the file; a warning names file:line
    assert result.returncode == 0, result.stderr
    assert f"{po}:5" in result.stderr and "broken workbench comment" in result.stderr


def test_status_json_and_text(sample_po: Path) -> None:
    cat = PoCatalog.load(sample_po)
    units = cat.units()
    cat.apply(units[0].with_target("Title").confirmed().reviewed("Ann", "2026-01-01T00:00:00Z"))
    cat.apply(units[1].with_target("Body").confirmed())
    cat.save()
    result = wb("status", str(sample_po), "--format", "json")
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout)["files"][str(sample_po)]
    assert counts == {
        "untranslated": len(units) - 2,
        "draft": 0,
        "translated": 1,
        "reviewed": 1,
        "total": len(units),
        "conflicts": 0,
    }
    text = wb("status", str(sample_po))
    assert "reviewed" in text.stdout and "% of segments reviewed" in text.stdout


def test_status_uses_workbench_toml(tmp_path: Path, sample_po: Path) -> None:
    (tmp_path / "workbench.toml").write_text(
        f'[[corpus]]\nname = "x"\nsource = "source.de.md"\npo = "{sample_po.name}"\n',
        encoding="utf-8",
    )
    result = wb("status", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert next(iter(json.loads(result.stdout)["files"].values()))["total"] > 0


def test_usage_error_is_exit_2(tmp_path: Path) -> None:
    result = wb("status", "--format", "xml", cwd=tmp_path)
    assert result.returncode == 2 and "invalid choice" in result.stderr


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('msgid "a"\nmsgstr "b\n', 6),
        ('msgid "a"\nmsgstr "b" x\n', 6),
        ('msgid "a"\nmsgstr ""\n"unterminated\n', 7),
    ],
)
def test_strings_polib_would_accept_are_still_errors(tmp_path: Path, body: str, line: int) -> None:
    po = tmp_path / "lenient.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body,
        encoding="utf-8",
    )
    result = wb("status", str(po))
    assert result.returncode == 2 and f"{po}:{line}" in result.stderr, result.stderr


def test_segment_without_output_or_project_writes_beside_the_source(tmp_path: Path) -> None:
    src = tmp_path / "notes.de.txt"
    src.write_text("Ein Satz. Noch ein Satz.\n", encoding="utf-8")
    result = wb("segment", str(src), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(PoCatalog.load(tmp_path / "notes.de.po").units()) == 2


def test_error_text_is_printed_literally(tmp_path: Path) -> None:
    """Square brackets in messages and hints are text, not rich markup."""
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8"
    )
    result = wb("check", str(po), "--glossary", str(tmp_path / "missing.tsv"), cwd=tmp_path)
    assert result.returncode == 2
    assert "[glossary]" in result.stderr


def test_unwritable_output_is_an_input_error(sample_source: Path, tmp_path: Path) -> None:
    result = wb("segment", str(sample_source), "-o", str(tmp_path / "missing" / "out.po"))
    assert result.returncode == 2 and "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_glossary_export_to_a_folder_is_refused(tmp_path: Path) -> None:
    from tests.conftest import REPO

    result = wb(
        "glossary",
        "export",
        str(REPO / "glossaries" / "civic.de-en.tsv"),
        "--format",
        "tbx",
        "-o",
        str(tmp_path),
    )
    assert result.returncode == 2 and "is a folder" in result.stderr


# A VitePress home page as slidevjs/docs-de has it: all its text in front matter.
HOME_PAGE = """---
home: true
heroImage: /logo.png
actionText: Leg los
actionLink: /guide/
altActionText: Erfahre mehr
footer: MIT Licensed | Copyright © 2021-PRESENT Anthony Fu
---
"""

NESTED_HOME = """---
layout: home
hero:
  name: Slidev
  text: Präsentationen für Entwickler
  actions:
    - theme: brand
      text: Leg los
      link: /guide/
---
"""


def test_a_page_with_its_text_in_front_matter_names_the_keys(tmp_path: Path) -> None:
    page = tmp_path / "index.md"
    page.write_text(HOME_PAGE, encoding="utf-8")
    result = wb("segment", str(page), "-o", str(tmp_path / "index.po"))
    assert result.returncode == 2 and "has no sentences to translate" in result.stderr
    hint = "front matter has text under actionText, altActionText, footer"
    assert hint in " ".join(result.stderr.split()), result.stderr
    keys = "title,description,summary,actionText,altActionText,footer"
    assert f"--front-matter-keys {keys}" in result.stderr.replace("\n", "")
    # the keys the hint names are the ones that work
    ok = wb("segment", str(page), "-o", str(tmp_path / "index.po"), "--front-matter-keys", keys)
    assert ok.returncode == 0, ok.stderr
    assert [u.source for u in PoCatalog.load(tmp_path / "index.po").units()] == [
        "Leg los", "Erfahre mehr", "MIT Licensed | Copyright © 2021-PRESENT Anthony Fu",
    ]  # fmt: skip


def test_nested_front_matter_text_is_said_to_be_unread(tmp_path: Path) -> None:
    page = tmp_path / "index.md"
    page.write_text(NESTED_HOME, encoding="utf-8")
    result = wb("segment", str(page), "-o", str(tmp_path / "index.po"))
    assert result.returncode == 2
    said = " ".join(result.stderr.split())
    assert "front matter has text on 3 indented lines" in said, said
    # a page with nothing at all gets no front-matter hint
    (tmp_path / "empty.md").write_text("```\ncode\n```\n", encoding="utf-8")
    result = wb("segment", str(tmp_path / "empty.md"), "-o", str(tmp_path / "e.po"))
    assert result.returncode == 2 and "front matter" not in result.stderr
