"""Blocks and segments: document shape, exact text, stable ids and line numbers."""

from __future__ import annotations

from workbench.domain.document import (
    BlockKind,
    Placement,
    iter_block_runs,
    parse_blocks,
    segment_document,
)

MD = """# Titel der Seite

Erster Absatz. Er hat zwei Sätze.
Und eine weiche Zeile.

## Unterpunkt

- Punkt eins.
- Punkt zwei.
1. Nummer eins.

```
code bleibt draußen.
```

Letzter Absatz.
"""


def test_markdown_blocks() -> None:
    blocks = parse_blocks(MD, markdown=True)
    assert [(b.kind, b.marker, b.text, b.line) for b in blocks] == [
        (BlockKind.HEADING, "# ", "Titel der Seite", 1),
        (BlockKind.PARAGRAPH, "", "Erster Absatz. Er hat zwei Sätze.\nUnd eine weiche Zeile.", 3),
        (BlockKind.HEADING, "## ", "Unterpunkt", 6),
        (BlockKind.ITEM, "- ", "Punkt eins.", 8),
        (BlockKind.ITEM, "- ", "Punkt zwei.", 9),
        (BlockKind.ITEM, "1. ", "Nummer eins.", 10),
        (BlockKind.PARAGRAPH, "", "Letzter Absatz.", 16),
    ]
    assert [b.number for b in blocks] == list(range(1, 8))


def test_plain_text_without_blank_lines_is_one_paragraph_per_line() -> None:
    blocks = parse_blocks("Titel\nErster Absatz.\nZweiter Absatz.\n", markdown=False)
    assert [(b.text, b.line) for b in blocks] == [
        ("Titel", 1),
        ("Erster Absatz.", 2),
        ("Zweiter Absatz.", 3),
    ]


def test_plain_text_with_blank_lines_keeps_soft_wraps() -> None:
    blocks = parse_blocks("Eins\nzwei.\n\nDrei.\n", markdown=False)
    assert [b.text for b in blocks] == ["Eins\nzwei.", "Drei."]
    assert all(b.kind is BlockKind.PARAGRAPH for b in blocks)


def test_segments_keep_exact_text_lines_and_placement() -> None:
    segments = segment_document(MD, markdown=True)
    texts = [s.text for s in segments]
    assert "Er hat zwei Sätze.\nUnd eine weiche Zeile." in texts or "Er hat zwei Sätze." in texts
    first = segments[0]
    assert (first.text, first.line, first.block, first.position, first.kind) == (
        "Titel der Seite",
        1,
        1,
        1,
        BlockKind.HEADING,
    )
    second = next(s for s in segments if s.text.startswith("Er hat"))
    assert second.line == 3 and second.position == 2
    last = segments[-1]
    assert (last.text, last.line) == ("Letzter Absatz.", 16)
    # Every character of every block is in some segment, unchanged.
    joined = "".join(texts).replace(" ", "").replace("\n", "")
    blocks = (
        "".join(b.text for b in parse_blocks(MD, markdown=True)).replace(" ", "").replace("\n", "")
    )
    assert joined == blocks


def test_ids_are_stable_and_unique() -> None:
    text = "Ja. Nein. Ja.\n\nNeu hier.\n"
    a = segment_document(text, markdown=False)
    b = segment_document("Vorne neu.\n\n" + text, markdown=False)
    assert len({s.id for s in a}) == len(a)
    assert [s.id for s in a] == [s.id for s in b[1:]]
    assert a[2].id == a[0].id + "-2"


def test_block_runs_rebuild_in_order() -> None:
    pairs = [
        (Placement(2, 2, BlockKind.PARAGRAPH, ""), "b2"),
        (Placement(1, 1, BlockKind.HEADING, "# "), "h"),
        (Placement(2, 1, BlockKind.PARAGRAPH, ""), "b1"),
    ]
    runs = [(p.block, p.kind, texts) for p, texts in iter_block_runs(pairs)]
    assert runs == [(1, BlockKind.HEADING, ["h"]), (2, BlockKind.PARAGRAPH, ["b1", "b2"])]
