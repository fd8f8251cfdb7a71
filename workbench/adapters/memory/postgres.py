"""The team's translation memory on a PostgreSQL server, as Weblate keeps its memory.

The same interface as the SQLite file (:class:`~workbench.adapters.memory.base.MemoryStore`);
selected by a ``postgresql://`` URL in workbench.toml's ``[memory] url`` or ``--memory``.
Candidates for fuzzy matches come from ``pg_trgm``: a GIN trigram index on the source, the
``%`` similarity operator with a low threshold (:data:`TRIGRAM_THRESHOLD`), the closest
:data:`CANDIDATES` by trigram similarity, then the shared token-level scoring. Unlike the
SQLite store's token index this prefilter is a heuristic, as in Weblate: a sentence whose
characters were shuffled a lot may be missed. Concordance uses the same trigram indexes
(``ILIKE '%word%'`` on source and target).

The tables are created on first use (``CREATE EXTENSION pg_trgm`` needs a database owner;
pg_trgm is a trusted extension since PostgreSQL 13). Needs psycopg 3
(``pip install 'workbench[postgres]'``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from typing import Any

from workbench.adapters.memory.base import (
    COLUMNS,
    MemoryStore,
    Prepared,
    WriteReport,
    entry_from_row,
)
from workbench.domain.memory import MatchPolicy, MemoryEntry, length_window, shape, tokens
from workbench.errors import UserError

#: 2: an ellipsis of dots is one token (a memory of schema 1 gets its token counts and
#: shapes again when it is opened).
SCHEMA_VERSION = "2"
#: Schemas that differ from this one only in their token counts and shapes.
RETOKENIZE = frozenset({"1"})
#: pg_trgm similarity a candidate must reach (token matches of 75 % are well above it).
TRIGRAM_THRESHOLD = 0.3
#: Candidates taken, closest by trigram similarity first.
CANDIDATES = 400

_SCHEMA = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE IF NOT EXISTS wb_memory_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS wb_memory (
    id bigserial PRIMARY KEY,
    key bytea NOT NULL UNIQUE,
    source text NOT NULL,
    target text NOT NULL,
    source_lang text NOT NULL,
    target_lang text NOT NULL,
    state smallint NOT NULL,
    origin text NOT NULL,
    context text NOT NULL,
    author text NOT NULL,
    changed text NOT NULL,
    n integer NOT NULL,
    shape text NOT NULL
);
CREATE INDEX IF NOT EXISTS wb_memory_source_trgm ON wb_memory USING gin (source gin_trgm_ops);
CREATE INDEX IF NOT EXISTS wb_memory_target_trgm ON wb_memory USING gin (target gin_trgm_ops);
CREATE INDEX IF NOT EXISTS wb_memory_origin ON wb_memory (origin, context);
"""


def _display(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1@", url)


def _concordance_where(
    words: list[str], source_lang: str, target_lang: str
) -> tuple[str, list[object]]:
    """The WHERE clause (and its arguments) of entries holding every one of ``words``."""
    where = ["source_lang = %s", "target_lang = %s"]
    args: list[object] = [source_lang, target_lang]
    for word in words:
        where.append("(source ILIKE %s OR target ILIKE %s)")
        args += [_like(word), _like(word)]
    return " AND ".join(where), args


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class PostgresMemory(MemoryStore):
    """A memory in a PostgreSQL database (tables ``wb_memory`` and ``wb_memory_meta``)."""

    table = "wb_memory"
    mark = "%s"

    def __init__(self, url: str, policy: MatchPolicy | None = None) -> None:
        super().__init__(_display(url), policy)
        try:
            import psycopg
        except ImportError:
            raise UserError(
                "the PostgreSQL memory needs psycopg 3",
                _display(url),
                "pip install 'workbench[postgres]' (or psycopg[binary])",
            ) from None
        self._error: type[BaseException] = psycopg.Error
        try:
            self.db = psycopg.connect(url, autocommit=True, connect_timeout=10)
            self._ensure_schema()
            self.db.execute(f"SET pg_trgm.similarity_threshold = {TRIGRAM_THRESHOLD}")
        except psycopg.OperationalError as exc:
            raise UserError(
                f"cannot reach the memory server: {str(exc).strip().splitlines()[0]}",
                _display(url),
                "check the URL in [memory] url or --memory, and that the server is running",
            ) from None

    def _ensure_schema(self) -> None:
        db = self.db
        row = None
        with contextlib.suppress(self._error):
            row = db.execute("SELECT value FROM wb_memory_meta WHERE key = 'schema'").fetchone()
        if row is None:
            with db.transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(
                    "INSERT INTO wb_memory_meta VALUES ('schema', %s) ON CONFLICT DO NOTHING",
                    (SCHEMA_VERSION,),
                )
            return
        if row[0] in RETOKENIZE:
            self._retokenize()
        elif row[0] != SCHEMA_VERSION:
            raise UserError(
                f"memory schema {row[0]} is not the one this workbench reads ({SCHEMA_VERSION})",
                self.location,
            )

    def _retokenize(self) -> None:
        """Count and shape every entry again under today's token rules (one transaction)."""
        db = self.db
        with db.transaction():
            rows = db.execute("SELECT id, source FROM wb_memory").fetchall()
            with db.cursor() as cursor:
                cursor.executemany(
                    "UPDATE wb_memory SET n = %s, shape = %s WHERE id = %s",
                    [(len(t), shape(t), id_) for id_, t in ((i, tokens(s)) for i, s in rows)],
                )
            db.execute("UPDATE wb_memory_meta SET value = %s WHERE key = 'schema'",
                       (SCHEMA_VERSION,))  # fmt: skip

    # --- transactions --------------------------------------------------------------------

    def _begin(self) -> None:
        self.db.execute("BEGIN")

    def _commit(self) -> None:
        self.db.execute("COMMIT")

    def _rollback(self) -> None:
        with contextlib.suppress(self._error):
            self.db.execute("ROLLBACK")

    # --- writing -------------------------------------------------------------------------

    def _write(self, batch: Sequence[Prepared]) -> WriteReport:
        db = self.db
        report = WriteReport()
        known = {
            bytes(key): (int(id_), int(state), author, changed)
            for key, id_, state, author, changed in db.execute(
                "SELECT key, id, state, author, changed FROM wb_memory WHERE key = ANY(%s)",
                ([p.key for p in batch],),
            )
        }
        fresh: list[Prepared] = []
        updates: list[tuple[int, str, str, int]] = []
        for p in batch:
            old = known.get(p.key)
            e = p.entry
            if old is None:
                fresh.append(p)
            elif (old[1], old[2], old[3]) == (int(e.state), e.author, e.changed):
                report.unchanged += 1
            else:
                updates.append((int(e.state), e.author, e.changed, old[0]))
        if updates:
            with db.cursor() as cur:
                cur.executemany(
                    "UPDATE wb_memory SET state = %s, author = %s, changed = %s WHERE id = %s",
                    updates,
                )
            report.updated += len(updates)
        if fresh:
            with (
                db.cursor() as cur,
                cur.copy(f"COPY wb_memory (key, {COLUMNS}, n, shape) FROM STDIN") as copy,
            ):
                for p in fresh:
                    e = p.entry
                    copy.write_row(
                        (
                            p.key, e.source, e.target, e.source_lang, e.target_lang,
                            int(e.state), e.origin, e.context, e.author, e.changed,
                            len(p.tokens), p.shape,
                        )
                    )  # fmt: skip
            report.added += len(fresh)
        return report

    def _remove(self, origin: str, keep: set[bytes], scope: set[tuple[str, str]] | None) -> int:
        if scope is None:
            rows = self.db.execute(
                "SELECT id, key, context, source FROM wb_memory WHERE origin = %s", (origin,)
            ).fetchall()
        else:
            rows = self.db.execute(
                "SELECT id, key, context, source FROM wb_memory "
                "WHERE origin = %s AND context = ANY(%s)",
                (origin, sorted({c for c, _ in scope})),
            ).fetchall()
        gone = [
            int(id_)
            for id_, key, context, source in rows
            if bytes(key) not in keep and (scope is None or (context, source) in scope)
        ]
        if gone:
            self.db.execute("DELETE FROM wb_memory WHERE id = ANY(%s)", (gone,))
        return len(gone)

    # --- reading -------------------------------------------------------------------------

    def _candidates(
        self, toks: list[str], source_lang: str, target_lang: str, cutoff: float
    ) -> dict[int, str]:
        lo, hi = length_window(len(toks), cutoff)
        text = " ".join(toks)
        rows = self.db.execute(
            "SELECT id, shape FROM wb_memory WHERE source %% %s AND n BETWEEN %s AND %s "
            "AND source_lang = %s AND target_lang = %s "
            "ORDER BY similarity(source, %s) DESC LIMIT %s",
            (text, lo, hi, source_lang, target_lang, text, CANDIDATES),
        )
        return {int(i): str(s) for i, s in rows}

    def _entries(self, ids: Sequence[int]) -> dict[int, MemoryEntry]:
        if not ids:
            return {}
        rows = self.db.execute(
            f"SELECT id, {COLUMNS} FROM wb_memory WHERE id = ANY(%s)", (list(ids),)
        )
        return {int(r[0]): entry_from_row(r[1:]) for r in rows}

    def _search(
        self, words: list[str], source_lang: str, target_lang: str, limit: int
    ) -> list[MemoryEntry]:
        where, args = _concordance_where(words, source_lang, target_lang)
        with self.lock:
            rows = self.db.execute(
                f"SELECT {COLUMNS} FROM wb_memory WHERE {where} "
                "ORDER BY state DESC, changed DESC, length(source), id LIMIT %s",
                [*args, limit],
            ).fetchall()
        return [entry_from_row(r) for r in rows]

    def _search_count(self, words: list[str], source_lang: str, target_lang: str) -> int:
        where, args = _concordance_where(words, source_lang, target_lang)
        with self.lock:
            rows = self._query(f"SELECT count(*) FROM wb_memory WHERE {where}", args)
        return int(rows[0][0])

    def _query(self, sql: str, args: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, tuple(args)).fetchall()

    def _size(self) -> int | None:
        return int(self._query("SELECT pg_total_relation_size('wb_memory')")[0][0])

    def close(self) -> None:
        with self.lock, contextlib.suppress(self._error):
            self.db.close()
