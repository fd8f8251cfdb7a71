"""Any CommonMark + GFM document: every example of the CommonMark spec and of markdown-it's
GFM table and strikethrough fixtures goes through segmenting and the rebuild unharmed.

For each example: no block is left verbatim, the identity rebuild gives the same bytes,
every segment written back from its text gives the same token stream, and hostile
translations (markup characters in every word) keep the markup. The examples come from
markdown-it-py's sdist, pinned in tests/data/real_documents.toml.
"""

from __future__ import annotations

import json
import tomllib
from functools import cache

import pytest

from tests.support.registry import fetch, member_text
from tests.test_real_documents import MANIFEST, _shape, hostile, shared_bytes
from workbench.adapters.markdown import changed_markup, markdown_document, structure, tokens
from workbench.domain.document import rebuild


@cache
def examples() -> tuple[str, ...]:
    spec = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["spec"]
    archive = fetch(spec["url"], spec["sha256"])
    found = [e["markdown"] for e in json.loads(member_text(archive, spec["commonmark"]))]
    for fixture in spec["fixtures"]:
        # markdown-it fixtures: a title line, then ".", the Markdown, ".", the HTML, "."
        parts = member_text(archive, fixture).split("\n.\n")
        found += [parts[i] + "\n" for i in range(1, len(parts), 2)]
    return tuple(found)


def test_every_example_comes_back_whole() -> None:
    failures: dict[str, list[str]] = {
        "verbatim": [],
        "bytes": [],
        "rebuilt": [],
        "hostile": [],
        "shared": [],
    }
    cases = examples()
    assert len(cases) > 700
    for md in cases:
        doc = markdown_document(md)
        if doc.verbatim_lines:
            failures["verbatim"].append(md)
        if shared_bytes(doc):
            failures["shared"].append(md)
        if rebuild(doc, lambda s: None) != md:
            failures["bytes"].append(md)
        if structure(tokens(rebuild(doc, lambda s: s.text))) != structure(tokens(md)):
            failures["rebuilt"].append(md)
        rough = rebuild(doc, hostile)
        if (
            _shape(structure(tokens(rough))) != _shape(structure(tokens(md)))
            or changed_markup(md, rough) is not None
        ):
            failures["hostile"].append(md)
    assert {k: v[:3] for k, v in failures.items() if v} == {}


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        ("[Foo]\n\n[foo]: /url\n", "<a0>Bar</a0>", "[Bar][Foo]\n\n[foo]: /url\n"),
        (
            "Siehe [Foo][].\n\n[foo]: /url\n",
            "See <a0>Bar</a0>.",
            "See [Bar][Foo].\n\n[foo]: /url\n",
        ),
        ("Ein _kursives_ Wort.\n", "An<i0>italic</i0>word.", "An*italic*word.\n"),
        ("Ein \\![Link](/u).\n", "A !<a0>link</a0>.", "A \\![link](/u).\n"),
    ],
)
def test_translations_keep_what_the_markup_means(
    source: str, translation: str, expected: str
) -> None:
    doc = markdown_document(source)
    assert rebuild(doc, lambda s: translation) == expected
