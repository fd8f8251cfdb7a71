"""Reading reference translations for scoring, in the three shapes people have them.

A reference PO (keyed by msgctxt/msgid, so order does not matter), a plain text file with
one reference segment per line in the PO's order, or a paragraph-aligned markdown
document such as a published translation of the article (scored paragraph by paragraph).
"""

from __future__ import annotations

from pathlib import Path

from workbench.adapters.documents import dialect_of, is_markdown, text_blocks
from workbench.adapters.files import read_source_text
from workbench.adapters.po import PoCatalog
from workbench.domain.scoring import KeyedReference, LineReference, ParagraphReference, Reference
from workbench.errors import UserError

REFERENCE_KINDS = ("auto", "po", "lines", "md")
_PO = {".po", ".pot"}


def reference_kind(path: Path, kind: str = "auto") -> str:
    """``po``, ``lines`` or ``md``: as given, or from the file name."""
    if kind != "auto":
        if kind not in REFERENCE_KINDS:
            raise UserError(f"unknown reference kind {kind!r}", None, "use po, lines or md")
        return kind
    suffix = Path(path).suffix.lower()
    if suffix in _PO:
        return "po"
    if is_markdown(path):
        return "md"
    return "lines"


def load_reference(path: Path, kind: str = "auto") -> Reference:
    """Read a reference file; a missing, binary or malformed one raises :class:`UserError`."""
    path = Path(path)
    kind = reference_kind(path, kind)
    if kind == "po":
        units = PoCatalog.load(path).units()
        by_key = {(u.id, u.source): u.target for u in units if u.target}
        if not by_key:
            raise UserError("the reference PO has no translated entries", path)
        return KeyedReference(by_key, str(path))
    text = read_source_text(path)
    if kind == "md":
        blocks = text_blocks(text, markdown=True, dialect=dialect_of(path))
        return ParagraphReference(
            tuple(b.text for b in blocks), str(path), tuple(b.kind for b in blocks)
        )
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return LineReference(tuple(line.rstrip("\r") for line in lines), str(path))
