"""How far each PO file has come: counts per review state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.adapters.po import PoCatalog
from workbench.adapters.po_scan import scan_units
from workbench.domain.progress import Progress


@dataclass(frozen=True)
class FileStatus:
    """A PO file and its progress."""

    path: Path
    progress: Progress


def file_status(paths: list[Path]) -> list[FileStatus]:
    """Progress for each file; a malformed file raises :class:`UserError`."""
    return [FileStatus(p, Progress.of(PoCatalog.load(p).units())) for p in paths]


def quick_progress(paths: Sequence[Path]) -> list[tuple[Path, Progress | None]]:
    """Progress per file from the fast read-only scan; ``None`` for a file it cannot read.

    For choosing a file to open: a glance, not a validation (``file_status`` validates).
    """
    out: list[tuple[Path, Progress | None]] = []
    for path in paths:
        try:
            out.append((path, Progress.of(scan_units(path))))
        except (OSError, ValueError):
            out.append((path, None))
    return out


def files_with_work(paths: Sequence[Path]) -> list[Path]:
    """The files that still have a segment needing work (unreadable files are skipped)."""
    return [
        path
        for path, progress in quick_progress(paths)
        if progress is not None and progress.needing_work
    ]
