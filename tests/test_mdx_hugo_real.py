"""Real MDX and Hugo pages written by others, fetched at test time (tests/support/material.toml):
the Docusaurus site templates of create-docusaurus (npm) and the content-management chapter
of Hugo's own documentation (Debian's hugo source). For every page: the identity
translation through PO gives back the same bytes, no segment shows ESM, JSX, an expression,
a shortcode or a heading id, and hostile translations change no markup.
"""

from __future__ import annotations

import re
import tarfile
from functools import cache
from pathlib import Path

import polib
import pytest

from tests.support.material import fetch
from tests.test_real_documents import hostile
from workbench.adapters.documents import dialect_of, load_document
from workbench.adapters.markdown import changed_markup
from workbench.cli import main
from workbench.domain.document import rebuild

SETS = {
    "create-docusaurus-npm": ("package/templates/shared/", ".mdx"),
    "hugo-source": ("hugo-0.111.3/docs/content/en/content-management/", ".md"),
}
#: What no segment may show: ESM, a JSX tag, an expression, a shortcode, a heading id.
MARKUP = re.compile(r"^(?:import|export) |</?[A-Z][A-Za-z]*[\s/>]|\{/\*|\{\{[<%]|\{#[\w-]+\}")


@cache
def pages(material: str) -> dict[str, bytes]:
    folder, suffix = SETS[material]
    with tarfile.open(fetch(material)) as tar:
        return {
            member.name: tar.extractfile(member).read()  # type: ignore[union-attr]
            for member in tar.getmembers()
            if member.isfile() and member.name.startswith(folder) and member.name.endswith(suffix)
        }


def _written(material: str, name: str, folder: Path) -> Path:
    path = folder / Path(name).name
    path.write_bytes(pages(material)[name])
    return path


def test_the_sets_hold_the_markup_they_are_here_for() -> None:
    mdx = b"".join(pages("create-docusaurus-npm").values())
    hugo = b"".join(pages("hugo-source").values())
    assert len(pages("create-docusaurus-npm")) >= 10 and len(pages("hugo-source")) >= 20
    assert b"\nimport " in mdx and b"\nexport const" in mdx and b"{/*" in mdx
    assert hugo.count(b"{{<") > 100 and hugo.count(b"{{%") > 20 and b"{#" in hugo


@pytest.mark.parametrize("material", sorted(SETS))
def test_real_pages_round_trip_and_keep_their_markup_out_of_segments(
    material: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problems = []
    for k, name in enumerate(sorted(pages(material))):
        folder = tmp_path / str(k)
        folder.mkdir()
        problem = _page_problem(_written(material, name, folder), capsys)
        if problem:
            problems.append(f"{name}: {problem}")
    assert problems == []


def _page_problem(source: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """What is wrong with one page's segments and round trips ("" if nothing)."""
    document = load_document(source)
    shown = [s.text for s in document.segments if MARKUP.search(s.text)]
    rebuilt = rebuild(document, hostile)
    changed = changed_markup(document.text, rebuilt, dialect_of(source))
    problems = [
        f"segments show markup: {shown[:3]}" if shown else "",
        f"blocks kept verbatim at lines {document.verbatim_lines}"
        if document.verbatim_lines
        else "",
        f"a hostile translation changed the markup at line {changed}" if changed else "",
        _identity_problem(source, capsys) if document.segments else "",
    ]
    return "; ".join(p for p in problems if p)


def _identity_problem(source: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """segment → PO with every msgstr its msgid → export: the same bytes, no warning."""
    po = source.with_suffix(".po")
    assert main(["segment", str(source), "-o", str(po)]) == 0
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = entry.msgid
    catalog.save()
    out = source.with_name(f"out{source.suffix}")
    assert main(["export", str(po), "--format", "md", "--unreviewed", "keep", "-o", str(out)]) == 0
    if out.read_bytes() != source.read_bytes():
        return "the identity translation's export differs from the source"
    return "the export warned" if "WARNING" in capsys.readouterr().err else ""
