"""Cache indexes in SQLite files (the dictionary pane's Ding index, the spelling check's
Hunspell index): written once into a temporary file beside their place and renamed into
it, so a killed build leaves no half index (its temporary file goes with the next build).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from workbench.adapters.files import make_folder, new_temp


def write_index(target: Path, fill: Callable[[sqlite3.Connection], None], what: str) -> None:
    """Create ``target`` (and its folder, named ``what`` in errors) with ``fill`` writing
    into the new empty database; raises ``OSError`` or ``sqlite3.Error``."""
    make_folder(target.parent, what)
    fd, partial = new_temp(target)
    os.close(fd)
    try:
        db = sqlite3.connect(partial)
        try:
            db.execute("PRAGMA journal_mode = OFF")  # a new file, renamed into place whole
            db.execute("PRAGMA synchronous = OFF")
            fill(db)
            db.commit()
        finally:
            db.close()
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
