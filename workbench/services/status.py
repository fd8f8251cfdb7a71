"""How far each PO file has come: counts per review state."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench.adapters.po import PoCatalog
from workbench.domain.progress import Progress


@dataclass(frozen=True)
class FileStatus:
    """A PO file and its progress."""

    path: Path
    progress: Progress


def file_status(paths: list[Path]) -> list[FileStatus]:
    """Progress for each file; a malformed file raises :class:`UserError`."""
    return [FileStatus(p, Progress.of(PoCatalog.load(p).units())) for p in paths]
