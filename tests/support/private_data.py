"""Keep what benchmarks and hand-run fuzzing segment, draft and save out of the user's memory.

Every command that reads a PO file feeds the translation memory used outside a project
(``$XDG_DATA_HOME/workbench/memory.sqlite``); a benchmark's generated catalogue must not come
back as a translator's memory match. pytest does the same per test (tests/conftest.py).
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path


def use_private_data_folder() -> None:
    """Point the memory and the XDG data folder of this process and its children at a
    temporary folder removed at exit, unless the caller already chose a memory
    (``WORKBENCH_MEMORY`` set: pytest's fixture, or a person who wants one)."""
    if os.environ.get("WORKBENCH_MEMORY"):
        return
    folder = Path(tempfile.mkdtemp(prefix="workbench-private-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    os.environ["XDG_DATA_HOME"] = str(folder / "xdg-data")
    os.environ["WORKBENCH_MEMORY"] = str(folder / "memory.sqlite")
