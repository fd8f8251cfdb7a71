"""Where the workbench keeps what it can build again: the cache folder.

MT drafts, the spelling check's dictionary index and remembered suggestions, the
dictionary pane's index and the project files already read live there. Everything in it
may be deleted at any time; it is built again when next needed.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """The workbench cache folder: ``$WORKBENCH_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/workbench``, else ``~/.cache/workbench``."""
    override = os.environ.get("WORKBENCH_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "workbench"
