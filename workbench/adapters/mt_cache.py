"""A small sqlite cache of raw MT output, so re-drafting unchanged segments is instant.

The key is a hash of the model (package and version), the decoding options, the glossary
version and the exact model input; the value is the raw model output, before glossary repair
(repair is cheap and always re-run). The database lives under the XDG cache folder:
``$WORKBENCH_CACHE_DIR``, else ``$XDG_CACHE_HOME/workbench``, else ``~/.cache/workbench``,
in ``mt/drafts.sqlite``. A cache that cannot be opened is skipped, never fatal.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from workbench.adapters.cache_folder import cache_root


def cache_dir() -> Path:
    """The workbench cache folder for MT (env ``WORKBENCH_CACHE_DIR`` overrides)."""
    return cache_root() / "mt"


def cache_key(model: str, options: str, glossary_version: str, text: str) -> str:
    """The key of one model input under one model, options and glossary version."""
    raw = "\x1f".join((model, options, glossary_version, text))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class MtCache:
    """Raw MT outputs by key; ``get_many``/``put_many`` work in one transaction."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "drafts.sqlite"
        self._db: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=5.0, check_same_thread=False)
            db.execute("CREATE TABLE IF NOT EXISTS mt (key TEXT PRIMARY KEY, output TEXT NOT NULL)")
            db.commit()
            self._db = db
        except (OSError, sqlite3.Error):
            self._db = None  # no cache: drafting still works

    @property
    def available(self) -> bool:
        return self._db is not None

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        if self._db is None or not keys:
            return {}
        found: dict[str, str] = {}
        with contextlib.suppress(sqlite3.Error):
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(f"SELECT key, output FROM mt WHERE key IN ({marks})", chunk)
                found.update({str(k): str(v) for k, v in rows})
        return found

    def put_many(self, items: Iterable[tuple[str, str]]) -> None:
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            self._db.executemany(
                "INSERT OR REPLACE INTO mt (key, output) VALUES (?, ?)", list(items)
            )
            self._db.commit()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
