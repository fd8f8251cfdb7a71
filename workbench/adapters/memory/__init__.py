"""Translation-memory stores: SQLite (a file, the default) and PostgreSQL (a team's server),
behind the one interface in :mod:`workbench.adapters.memory.base`.

:func:`open_store` opens either from a path or a ``postgresql://`` URL.
"""

from __future__ import annotations

from pathlib import Path

from workbench.adapters.memory.base import MemoryStore, WriteReport
from workbench.domain.memory import MatchPolicy

__all__ = ["MemoryStore", "WriteReport", "is_url", "open_store"]


def is_url(location: str | Path) -> bool:
    """True for a PostgreSQL connection URL rather than a file path."""
    return str(location).startswith(("postgresql://", "postgres://"))


def open_store(
    location: str | Path, policy: MatchPolicy | None = None, create: bool = True
) -> MemoryStore:
    """The memory at ``location``: a SQLite file, or a PostgreSQL server by URL."""
    if is_url(location):
        from workbench.adapters.memory.postgres import PostgresMemory

        return PostgresMemory(str(location), policy)
    from workbench.adapters.memory.sqlite import SqliteMemory

    return SqliteMemory(Path(location), policy, create=create)
