"""Docusaurus MDX and Hugo pages: markup that is not CommonMark stays out of the segments.

``.mdx`` is read as MDX (ESM, JSX tags and ``{expressions}`` are markup; the prose inside
``<TabItem>`` blocks, indented or not, is segmented; a tab's ``label`` is a segment of its
own); Hugo shortcodes are markup in every Markdown document; a heading's ``{#id}`` stays
out of its segment. The pages below are written for these tests in the shape of the
mittwald developer portal and the German Kubernetes pages; real pages from package
registries are in test_mdx_hugo_real.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.adapters.documents import load_document
from workbench.adapters.markdown import changed_markup, markdown_document, tokens
from workbench.adapters.markdown_syntax import Dialect
from workbench.cli import main
from workbench.domain.document import rebuild

MDX = """\
---
title: Redis
description: |
  Für einen Webshop ist Leistung ein Vorteil. Wie du Redis nutzt,
  liest du hier.
sidebar_position: 2
---

import Tabs from "@theme/Tabs";
import TabItem from "@theme/TabItem";

<PlanCompatibility features={["redis"]} />

## Was ist Redis? {#what-is-redis}

Redis ist **schnell**. Siehe <OperationLink operation="database-get-redis" /> für Details.

{/* Kommentar für Autoren */}

<Tabs groupId="access-mode">
  <TabItem value="gui" label="Oberfläche">
    Um eine Datenbank anzulegen, folge diesen Schritten:

    1. Öffne das Projekt.
    2. Klicke auf "Datenbank erstellen".

    ```shellsession
    user@local $ mw database redis create
    ```

  </TabItem>
  <TabItem value="cli" label="CLI">
    Führe den Befehl aus.
  </TabItem>
</Tabs>

<InteractiveMermaidDiagram title="Was läuft wo"
                           defaultZoom={200}>
```mermaid
graph TD
```
</InteractiveMermaidDiagram>

## Daten sichern {/* #backup */}

Sichere deine Daten täglich.
"""

MDX_SEGMENTS = [
    "Redis",
    "Für einen Webshop ist Leistung ein Vorteil.",
    "Wie du Redis nutzt, liest du hier.",
    "Was ist Redis?",
    "Redis ist <b0>schnell</b0>.",
    "Siehe <h0/> für Details.",
    "Oberfläche",
    "Um eine Datenbank anzulegen, folge diesen Schritten:",
    "Öffne das Projekt.",
    'Klicke auf "Datenbank erstellen".',
    "CLI",
    "Führe den Befehl aus.",
    "Was läuft wo",
    "Daten sichern",
    "Sichere deine Daten täglich.",
]

HUGO = """\
---
title: Was ist Kubernetes?
---

{{% capture overview %}}
Diese Seite ist eine Übersicht.
{{% /capture %}}

## Warum Container? {#warum}

Ein {{< glossary_tooltip text="Pod" term_id="pod" >}} läuft auf einem Knoten.
Siehe [die Übersicht]({{< relref "overview.md" >}}) und `{{< param "version" >}}`.

{{< note >}}
Das ist ein Hinweis.
{{< /note >}}

{{< highlight go >}}
fmt.Println("Hallo Welt")
{{</* figure title="Code, kein Text" */>}}
{{< /highlight >}}

{{< tabs >}}
{{% tab name="Mit Paketverwaltung" %}}
Installiere das Paket.
{{% /tab %}}
{{< /tabs >}}
"""

HUGO_SEGMENTS = [
    "Was ist Kubernetes?",
    "Diese Seite ist eine Übersicht.",
    "Warum Container?",
    "Ein <x0/> läuft auf einem Knoten.",
    "Siehe <a0>die Übersicht</a0> und <c1/>.",
    "Pod",
    "Das ist ein Hinweis.",
    "Mit Paketverwaltung",
    "Installiere das Paket.",
]


def _segments(path: Path) -> list[str]:
    return [s.text for s in load_document(path).segments]


def _identity(source: str) -> str:
    return source


def _english(source: str) -> str:
    return f"EN {source}"


def _round_trip(path: Path, tmp_path: Path, translate: Callable[[str], str]) -> str:
    """segment → PO (every msgstr ``translate(msgid)``) → export."""
    po = tmp_path / "doc.po"
    assert main(["segment", str(path), "-o", str(po)]) == 0
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = translate(entry.msgid)
    catalog.save()
    out = tmp_path / f"out{path.suffix}"
    assert main(["export", str(po), "--format", "md", "--unreviewed", "keep", "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


@pytest.fixture
def mdx_page(tmp_path: Path) -> Path:
    path = tmp_path / "redis.de.mdx"
    path.write_text(MDX, encoding="utf-8")
    return path


@pytest.fixture
def hugo_page(tmp_path: Path) -> Path:
    path = tmp_path / "k8s.de.md"
    path.write_text(HUGO, encoding="utf-8")
    return path


def test_mdx_prose_inside_jsx_is_segmented_and_markup_is_not(mdx_page: Path) -> None:
    assert _segments(mdx_page) == MDX_SEGMENTS


def test_mdx_identity_export_gives_back_the_same_bytes(
    mdx_page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _round_trip(mdx_page, tmp_path, translate=_identity) == MDX
    assert "WARNING" not in capsys.readouterr().err


def test_mdx_translation_keeps_every_tag_line_and_the_structure(
    mdx_page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _round_trip(mdx_page, tmp_path, translate=_english)
    assert "WARNING" not in capsys.readouterr().err
    assert changed_markup(MDX, out, Dialect.MDX) is None
    # the body line for line (the front matter's two-line description becomes one line)
    source_lines, out_lines = (t.split("\n---\n", 1)[1].splitlines() for t in (MDX, out))
    assert len(out_lines) == len(source_lines)
    for before, after in zip(source_lines, out_lines, strict=True):
        if before.lstrip().startswith(("import ", "<Tabs", "</Tab", "{/*", "<Plan", "```")):
            assert after == before
    assert "description: |\n  EN Für einen Webshop ist Leistung ein Vorteil. EN Wie du" in out
    assert '<TabItem value="gui" label="EN Oberfläche">' in out
    assert "    1. EN Öffne das Projekt." in out
    assert "## EN Was ist Redis? {#what-is-redis}" in out
    assert "## EN Daten sichern {/* #backup */}" in out
    assert 'title="EN Was läuft wo"' in out


def test_a_brace_in_a_translation_is_text_not_an_mdx_expression(
    mdx_page: Path, tmp_path: Path
) -> None:
    def translate(source: str) -> str:
        return "Back up {data} daily." if source == "Sichere deine Daten täglich." else source

    text = _round_trip(mdx_page, tmp_path, translate)
    assert "Back up \\{data} daily." in text
    (inline,) = [t for t in tokens(text, Dialect.MDX) if "Back up" in t.content]
    children = [(t.type, t.content) for t in inline.children or []]
    assert children == [("text", "Back up {data} daily.")]  # no expression


def test_hugo_shortcodes_and_heading_ids_stay_out_of_segments(hugo_page: Path) -> None:
    assert _segments(hugo_page) == HUGO_SEGMENTS


def test_hugo_round_trips_keep_shortcodes_byte_for_byte(
    hugo_page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _round_trip(hugo_page, tmp_path, translate=_identity) == HUGO
    out = _round_trip(hugo_page, tmp_path, translate=_english)
    assert "WARNING" not in capsys.readouterr().err
    assert changed_markup(HUGO, out) is None
    for line in HUGO.splitlines():
        if line.startswith(("{{", "fmt.")) and "name=" not in line:
            assert f"{line}\n" in out
    assert "EN Diese Seite ist eine Übersicht.\n{{% /capture %}}" in out
    assert '{{< glossary_tooltip text="EN Pod" term_id="pod" >}}' in out
    assert 'EN Siehe [die Übersicht]({{< relref "overview.md" >}}) und `{{< param' in out
    assert "## EN Warum Container? {#warum}" in out
    assert (
        '{{% tab name="EN Mit Paketverwaltung" %}}\nEN Installiere das Paket.\n{{% /tab %}}' in out
    )


def test_segment_names_html_blocks_whose_text_stays_untranslated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "faq.de.md"
    page.write_text(
        "# Fragen\n\n<details>\n<summary>Mehr erfahren</summary>\nDer Text bleibt deutsch.\n"
        '</details>\n\n<p align="center"><img src="logo.png"></p>\n\n<!-- nur ein Kommentar -->\n',
        encoding="utf-8",
    )
    assert main(["segment", str(page), "-o", str(tmp_path / "faq.po")]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "1 HTML block(s) hold text that is not segmented and stays as written" in out
    assert "(source lines 3)" in out


FRAGMENTS = [
    "<Tabs>", "</Tabs>", '<TabItem label="Ä b">', "</TabItem>", "{", "}", "{/* x */}",
    "{{< note >}}", "{{< /note >}}", "{{% c %}}", "{{<", ">}}", "import x from 'y'",
    "export const a = (", ")", "\n", "\n\n", "    ", "Wort ", "Satz. ", "**", "`", "[a](",
    "{#id}", "# ", "1. ", "- ", "```", "<", ">", '"', "description: |\n  ", "---\n", "|",
    "\\", "&amp;", "<br>", "<details>",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=30), st.sampled_from(Dialect))
def test_any_mix_of_mdx_and_hugo_markup_round_trips(parts: list[str], dialect: Dialect) -> None:
    text = "".join(parts)
    document = markdown_document(text, dialect=dialect)
    assert rebuild(document, lambda s: None) == text
    changed_markup(text, rebuild(document, lambda s: f"EN {s.text}"), dialect)  # no crash
