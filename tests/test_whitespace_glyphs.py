"""Control characters and edge whitespace as glyphs (domain/whitespace.py): one glyph for one
character, so offsets stay valid, and nothing a terminal acts on is left."""

from __future__ import annotations

import pytest

from workbench.domain.whitespace import printable, visible_marks, with_glyphs


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\r\nmalloc: %s:%d: assertion botched\r\n", "␍⏎malloc: %s:%d: assertion botched␍⏎"),
        ("Generate message catalog.\vIf INPUT-FILE", "Generate message catalog.␋If INPUT-FILE"),
        ("Escape \x1b]2;pwned\x07 and \x1b[31mred\x1b[0m", "Escape ␛]2;pwned␇ and ␛[31mred␛[0m"),
        ("a\x7fb\x85c\x9bd\u2028e", "a␡b␤c\ufffdd␤e"),
        ("Name:\tvalue ", "Name:→value·"),
        ("two\nlines", "two\nlines"),  # a line break inside stays one
        ("10\u00a0km", "10\u00a0km"),  # a non-breaking space is text, not a control
    ],
)
def test_every_control_character_is_a_glyph(text: str, shown: str) -> None:
    assert with_glyphs(text) == shown
    assert len(with_glyphs(text)) == len(text)
    assert [m.offset for m in visible_marks(text)] == sorted(m.offset for m in visible_marks(text))


def test_printable_leaves_nothing_for_the_terminal() -> None:
    every = "".join(map(chr, range(0x00, 0xA0))) + "\u2028\u2029"
    shown = printable(every)
    assert len(shown) == len(every)
    assert all(c.isprintable() for c in shown), shown
    assert printable("two\nlines\tand", lines=True) == "two\nlines→and"
