"""Source documents from files: Markdown through markdown-it-py (``.mdx`` as MDX), anything
else as plain text.

Reading goes through :func:`workbench.adapters.files.read_source_text` (size limit, binary
and encoding checks, line endings as ``\\n``); :func:`source_newline` says which line
ending the file really uses, so an export writes it back the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from workbench.adapters.files import read_input, read_source_text
from workbench.adapters.markdown import (
    FRONT_MATTER_KEYS,
    FrontMatterText,
    front_matter_text,
    markdown_document,
)
from workbench.adapters.markdown_syntax import Dialect
from workbench.domain.document import BlockKind, SourceDocument, plain_document
from workbench.domain.tags import INLINE_TAG

__all__ = [
    "FRONT_MATTER_KEYS",
    "MARKDOWN_SUFFIXES",
    "Dialect",
    "FrontMatterText",
    "TextBlock",
    "dialect_of",
    "is_markdown",
    "load_document",
    "parse_document",
    "source_newline",
    "text_blocks",
    "unread_front_matter",
]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mdx"})
_SNIFF_BYTES = 1 << 16


def is_markdown(path: Path) -> bool:
    """Whether a source is read as Markdown (by its file name)."""
    return Path(path).suffix.lower() in MARKDOWN_SUFFIXES


def dialect_of(path: Path) -> Dialect:
    """Which Markdown a source is read as: MDX for ``.mdx`` (Docusaurus, Nextra, Astro)."""
    return Dialect.MDX if Path(path).suffix.lower() == ".mdx" else Dialect.COMMONMARK


def parse_document(
    text: str,
    markdown: bool,
    front_matter_keys: Sequence[str] = FRONT_MATTER_KEYS,
    dialect: Dialect = Dialect.COMMONMARK,
) -> SourceDocument:
    """A source text as segments: Markdown with tags, or plain text paragraphs."""
    if markdown:
        return markdown_document(text, front_matter_keys, dialect)
    return plain_document(text)


def load_document(
    path: Path, encoding: str = "utf-8", front_matter_keys: Sequence[str] = FRONT_MATTER_KEYS
) -> SourceDocument:
    """Read and parse a source file (a bad file raises :class:`UserError`)."""
    text = read_source_text(Path(path), encoding)
    return parse_document(text, is_markdown(path), front_matter_keys, dialect_of(path))


def unread_front_matter(
    path: Path, encoding: str = "utf-8", front_matter_keys: Sequence[str] = FRONT_MATTER_KEYS
) -> FrontMatterText:
    """Text a Markdown source keeps in front-matter keys other than ``front_matter_keys``."""
    if not is_markdown(path):
        return FrontMatterText((), 0)
    return front_matter_text(read_source_text(Path(path), encoding), front_matter_keys)


def source_newline(path: Path) -> str:
    """The line ending a file uses: ``\\r\\n``, ``\\r`` or ``\\n`` (the first one found)."""
    data = read_input(Path(path), 1 << 30, "source document")[:_SNIFF_BYTES]
    m = re.search(rb"\r\n|\r|\n", data)
    return m.group().decode("ascii") if m else "\n"


class TextBlock(NamedTuple):
    """A block of a document as plain words (tags removed): what references are scored on."""

    number: int
    kind: BlockKind
    text: str


def text_blocks(
    text: str, markdown: bool, dialect: Dialect = Dialect.COMMONMARK
) -> list[TextBlock]:
    """The document's blocks in order, each as the text a reader sees (for references)."""
    doc = parse_document(text, markdown, dialect=dialect)
    blocks: dict[int, tuple[BlockKind, list[str]]] = {}
    for seg in doc.segments:
        blocks.setdefault(seg.block, (seg.kind, []))[1].append(INLINE_TAG.sub("", seg.text))
    return [TextBlock(n, kind, " ".join(parts)) for n, (kind, parts) in sorted(blocks.items())]
