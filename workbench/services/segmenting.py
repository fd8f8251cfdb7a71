"""Turning a source document into a PO catalogue, or updating one the way msgmerge does."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from workbench.adapters.documents import FRONT_MATTER_KEYS, load_document, unread_front_matter
from workbench.adapters.files import WriteKind, plan_write
from workbench.adapters.po import PoCatalog
from workbench.domain.merge import MergeReport, merge_units
from workbench.errors import UserError

__all__ = ["FRONT_MATTER_KEYS", "SegmentResult", "segment_file"]


@dataclass(frozen=True)
class SegmentResult:
    """What ``segment`` did: where it wrote, how many segments, and the merge counts."""

    path: Path
    segments: int
    created: bool
    report: MergeReport
    written: bool = True
    verbatim_lines: tuple[int, ...] = ()
    unread_lines: tuple[int, ...] = ()  # HTML blocks with text no segment holds


def segment_file(
    source: Path,
    out: Path,
    encoding: str = "utf-8",
    source_language: str = "de",
    target_language: str = "en",
    *,
    front_matter_keys: Sequence[str] = FRONT_MATTER_KEYS,
) -> SegmentResult:
    """Segment ``source`` into ``out``; if ``out`` exists, carry its translations over.

    Markdown blocks whose inline markup cannot be placed exactly are kept out of the PO
    (they stay verbatim in exports); their lines are in ``verbatim_lines``.

    A malformed existing ``out`` raises :class:`UserError` before anything is written.
    """
    source, out = Path(source), Path(out)
    plan = plan_write(out, inputs=[source])  # never over the source; refused before the work
    document = load_document(source, encoding, front_matter_keys)
    segments = document.segments
    if not segments:
        hint = _empty_hint(source, encoding, front_matter_keys)
        raise UserError("has no sentences to translate", source, hint)
    created = plan.existing is None or plan.kind is not WriteKind.REPLACE  # '-', /dev/null…
    if created:
        catalog = PoCatalog.new(out, source_language, target_language, source.stem)
        old = []
    else:
        catalog = PoCatalog.load(out)
        old = catalog.units(include_obsolete=True)
    units, report = merge_units(old, segments, reference=_reference_name(source, out))
    catalog.replace_units(units)
    catalog.setdefault_header_field("X-Source-Language", source_language)
    written = created or catalog.modified
    if written:
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
        catalog.set_header_field("POT-Creation-Date", now)
        catalog.save(out, stamp=False)  # like msgmerge: the translator's revision date stays
    return SegmentResult(
        out,
        len(segments),
        created,
        report,
        written,
        document.verbatim_lines,
        document.unread_lines,
    )


def _empty_hint(source: Path, encoding: str, keys: Sequence[str]) -> str:
    """Where the text of a page without sentences may be: front-matter keys not read."""
    found = unread_front_matter(source, encoding, keys)
    read = ",".join(keys) or "none"
    if found.keys:
        return (
            f"its front matter has text under {', '.join(found.keys)}: pass "
            f"--front-matter-keys {','.join((*keys, *found.keys))} to translate it "
            f"(keys read now: {read})"
        )
    if found.nested:
        return (
            f"its front matter has text on {found.nested} indented lines (nested keys or "
            f"multi-line values), which segment does not read; only one-line top-level values "
            f"named by --front-matter-keys are translated"
        )
    return ""


def _reference_name(source: Path, out: Path) -> str:
    """The source path as ``#:`` references give it: relative to the PO's folder."""
    try:
        return os.path.relpath(source.resolve(), out.resolve().parent)
    except ValueError:
        return str(source)
