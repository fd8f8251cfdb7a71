"""The sample corpus: the German source is the seed's article, the reference is aligned with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpora" / "hangzhou-sister-cities"
SOURCE = CORPUS / "source.de.md"
REFERENCE = CORPUS / "reference.en.md"
SEED = REPO.parent / "shared" / "seeds" / "hangzhou-sister-cities.de.txt"

# Official English names the reference must use (each at least once).
OFFICIAL_NAMES = [
    "Sister Cities International",
    "Chinese People’s Association for Friendship with Foreign Countries",
    "Hangzhou Future Sci-Tech City",
    "Zhijiang Cultural Center",
    "Black Myth: Wukong",
    "DeepSeek",
    "China-U.S. Sister Cities Conference",
    "County Executive",
    "Sacramento City Council",
    "Hubei Province",
    "the U.S. state of Ohio",
    "intangible cultural heritage",
]

# Renderings the reference must avoid: literal calques and inconsistent variants.
FORBIDDEN = [
    "District Administrator",
    "Landrat",
    "Stadtrat",
    "China-US Sister Cities",
    "China–U.S.",
    "Zhijiang Culture Center",
    "Zhijiang Cultural Centre",
    "partner city",
    "partner cities",
    "immaterial",
]


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _blocks(text: str) -> list[str]:
    return [b for b in re.split(r"\n\s*\n", text.strip("\n")) if b.strip()]


def _seed_article() -> list[str]:
    """The seed's article lines: title and paragraphs, up to the first "-" furniture line."""
    if not SEED.is_file():
        pytest.skip(f"seed not available: {SEED}")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return lines[: lines.index("-")]


@pytest.mark.parametrize("path", [SOURCE, REFERENCE], ids=["source", "reference"])
def test_file_shape(path: Path) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert b"\r" not in raw, "LF line endings only"
    assert raw.endswith(b"\n"), "ends with a newline"
    assert not raw.endswith(b"\n\n"), "ends with a single newline"
    text = raw.decode("utf-8")
    assert text.startswith("# ")
    for line in text.split("\n"):
        assert line == line.rstrip(), f"trailing whitespace: {line!r}"


def test_source_has_no_page_furniture() -> None:
    lines = _text(SOURCE).split("\n")
    assert "-" not in [line.strip() for line in lines]
    text = _text(SOURCE)
    for furniture in (
        "Hangzhou airport",
        "poverty reduction",
        "content creators",
        "December 29, 2025",
        "2025",
    ):
        assert furniture not in text


def test_source_is_the_seed_article_verbatim() -> None:
    article = _seed_article()
    blocks = _blocks(_text(SOURCE))
    assert blocks[0] == "# " + article[0]
    assert blocks[1:] == article[1:]
    for paragraph in article[1:]:
        assert paragraph in _text(SOURCE)


def test_source_paragraph_count() -> None:
    blocks = _blocks(_text(SOURCE))
    assert len(blocks) == 10  # the title and nine paragraphs
    assert [b.startswith("# ") for b in blocks] == [True] + [False] * 9


def test_reference_is_aligned_block_for_block() -> None:
    source = _blocks(_text(SOURCE))
    reference = _blocks(_text(REFERENCE))
    assert len(reference) == len(source)
    for de, en in zip(source, reference, strict=True):
        assert de.startswith("# ") == en.startswith("# ")
        assert "\n" not in de and "\n" not in en, "one line per block"
        # Quotations line up: each German „…“ pair has an English “…” pair in the same block.
        assert de.count("„") == en.count("“"), (de[:40], en[:40])


def test_reference_uses_the_agreed_names() -> None:
    text = _text(REFERENCE)
    for name in OFFICIAL_NAMES:
        assert name in text, name
    for bad in FORBIDDEN:
        assert bad not in text, bad


def test_reference_has_no_german_typography_or_words() -> None:
    text = _text(REFERENCE)
    for mark in ("„", "‚", "»", "«"):
        assert mark not in text, mark
    assert not re.search(r"[äöüÄÖÜß]", text)
    # English quotes are balanced and properly nested: “ opens, ” closes.
    depth = 0
    for char in text:
        if char == "“":
            assert depth == 0, "nested or unclosed “"
            depth += 1
        elif char == "”":
            assert depth == 1, "” without an opening “"
            depth -= 1
    assert depth == 0
    assert '"' not in text, "straight double quotes: use “…”"


def test_reference_uses_us_dates() -> None:
    text = _text(REFERENCE)
    assert "October 25 to 27" in text
    assert not re.search(r"\b\d{1,2}\. ?(Oktober|October)", text)
