"""How far each PO file has come: counts per review state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.adapters.po import UnitScan
from workbench.domain.progress import Progress
from workbench.errors import UserError


@dataclass(frozen=True)
class FileStatus:
    """A PO file, its progress, and warnings about metadata that could not be read."""

    path: Path
    progress: Progress
    warnings: tuple[str, ...] = field(default=())


def file_status(paths: list[Path]) -> list[FileStatus]:
    """Progress for each file, read in one pass; a malformed file raises :class:`UserError`."""
    out = []
    for path in paths:
        scan = UnitScan(path)
        progress = Progress.of(scan)
        out.append(FileStatus(path, progress, tuple(scan.warnings)))
    return out


def quick_progress(paths: Sequence[Path]) -> list[tuple[Path, Progress | None]]:
    """Progress per file; ``None`` for a file that cannot be read (for choosing a file to open)."""
    out: list[tuple[Path, Progress | None]] = []
    for path in paths:
        try:
            out.append((path, Progress.of(UnitScan(path))))
        except (OSError, UserError):
            out.append((path, None))
    return out


def files_with_work(paths: Sequence[Path]) -> list[Path]:
    """The files that still have a segment needing work (unreadable files are skipped)."""
    return [
        path
        for path, progress in quick_progress(paths)
        if progress is not None and progress.needing_work
    ]
