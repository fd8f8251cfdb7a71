"""The embedded translation memory: one SQLite file, with two indexes of its own.

- **Fuzzy candidates**: an inverted index from each source token to the entries that hold
  it, split by the entry's token count (``postings``: one blob of ids per token, length and
  write batch). A lookup reads the lists of the query's rarest tokens only, as many as the
  bound in :func:`~workbench.domain.memory.shared_needed` requires (a candidate that shares
  none of them cannot reach the cut-off), plus more when reading them makes the candidate
  set much smaller (then a candidate must hold several of them). Only entries of a length
  that can reach the cut-off are read. The candidates are exact supersets: nothing that
  scores above the cut-off is missed.
- **Concordance**: an FTS5 table with the trigram tokenizer over source and target, so a
  search for ``stadt`` finds ``Partnerstadt`` (German compounds). It keeps no positions
  (``detail=none``: a smaller index, quicker to build), so a search asks for all of a
  word's trigrams and checks the entries it gets.

Writes are transactions (WAL mode, so other processes read meanwhile). Ids are never reused
(``AUTOINCREMENT``), so a posting of a deleted entry points nowhere and is skipped; the
postings written by many small batches are merged now and then.
"""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from workbench.adapters.files import make_folder, regular_file
from workbench.adapters.memory.base import (
    COLUMNS,
    MemoryStore,
    Prepared,
    WriteReport,
    entry_from_row,
)
from workbench.domain.memory import (
    MatchPolicy,
    MemoryEntry,
    length_window,
    shape,
    shared_needed,
    tokens,
)
from workbench.errors import UserError

#: 2: an ellipsis of dots is one token (a memory of schema 1 is counted and indexed again
#: when it is opened).
SCHEMA_VERSION = "2"
#: Schemas that differ from this one only in their token counts, shapes and postings.
RETOKENIZE = frozenset({"1"})
#: Merge a token's postings once it has this many pieces from separate writes.
MERGE_PIECES = 8
#: Look for postings to merge after this many writes.
MERGE_EVERY = 32
#: Entries whose postings are gathered in memory before they are written (a big import).
FLUSH_UNITS = 250_000
#: What verifying one candidate costs, in postings read (for choosing how many to read).
CANDIDATE_COST = 20.0

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE units (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key BLOB NOT NULL UNIQUE,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    state INTEGER NOT NULL,
    origin TEXT NOT NULL,
    context TEXT NOT NULL,
    author TEXT NOT NULL,
    changed TEXT NOT NULL,
    n INTEGER NOT NULL,
    shape TEXT NOT NULL
);
CREATE INDEX units_origin ON units (origin, context);
CREATE TABLE vocab (id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE, df INTEGER NOT NULL);
CREATE TABLE postings (
    token INTEGER NOT NULL,
    n INTEGER NOT NULL,
    batch INTEGER NOT NULL,
    ids BLOB NOT NULL,
    PRIMARY KEY (token, n, batch)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE concordance USING fts5 (
    source, target, content='units', content_rowid='id', tokenize='trigram', detail='none',
    columnsize=0
);
"""


def _length(n: int) -> int:
    """A token count as the postings record it (capped to 16 bits)."""
    return min(n, 0xFFFF)


def _new_ids() -> array[int]:
    return array("I")


def _ids(blob: bytes) -> array[int]:
    ids = array("I")
    ids.frombytes(blob)
    if sys.byteorder == "big":
        ids.byteswap()
    return ids


def _blob(ids: array[int]) -> bytes:
    if sys.byteorder == "big":
        ids = array("I", ids)
        ids.byteswap()
    return ids.tobytes()


def _chunks(items: Sequence[object], size: int = 500) -> Iterator[Sequence[object]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SqliteMemory(MemoryStore):
    """A memory in one SQLite file (created with its folder when ``create``)."""

    def __init__(self, path: Path, policy: MatchPolicy | None = None, create: bool = True) -> None:
        super().__init__(str(path), policy)
        assert array("I").itemsize == 4
        self.path = Path(path)
        # a FIFO would hang SQLite, a device would get its journal beside it (in /dev)
        if regular_file(self.path, "translation memory") is None:
            if not create:
                raise UserError(
                    "no translation memory here",
                    self.path,
                    "import into it first (`workbench tm import FILE.tmx`), or check --memory",
                )
            make_folder(self.path.parent, "memory's folder")
        try:
            self.db = sqlite3.connect(
                self.path, timeout=30.0, isolation_level=None, check_same_thread=False
            )
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA cache_size = -65536")
            self._writes = 0
            self._forget_pending()
            self._check_schema()  # before WAL: a file that is no memory is left as it is
            self.db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            raise UserError(
                f"not a translation memory: {exc}",
                self.path,
                "name a workbench memory file (*.sqlite) or a postgresql:// URL",
            ) from None

    def _problem(self, exc: Exception) -> UserError | None:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            return UserError(
                f"the translation memory is busy: {exc}",
                self.path,
                "another workbench is writing to it; try again when it is done",
            )
        if isinstance(exc, sqlite3.DatabaseError):
            return UserError(
                f"the translation memory is damaged: {exc}",
                self.path,
                "restore it from a backup, or move it away: `workbench tm import` builds a "
                "new one from TMX and PO files",
            )
        return None

    def _check_schema(self) -> None:
        tables = {
            r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not tables:
            try:
                self.db.executescript(
                    "BEGIN;" + _SCHEMA + f"INSERT INTO meta VALUES ('schema', '{SCHEMA_VERSION}');"
                    "INSERT INTO meta VALUES ('batch', '0'); COMMIT;"
                )
            except sqlite3.OperationalError as exc:
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
                raise UserError(
                    f"this SQLite cannot hold a workbench memory ({exc})",
                    self.path,
                    "the memory needs SQLite 3.34 or later with FTS5 (trigram tokenizer)",
                ) from None
            return
        if "meta" not in tables:
            raise sqlite3.DatabaseError("it has no workbench memory tables")
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is not None and row[0] in RETOKENIZE:
            self._retokenize()
        elif row is None or row[0] != SCHEMA_VERSION:
            raise UserError(
                f"memory schema {row[0] if row else '?'} is not the one this workbench "
                f"reads ({SCHEMA_VERSION})",
                self.path,
                "export it with the workbench that made it (`workbench tm export`) "
                "and import the TMX",
            )

    def _retokenize(self) -> None:
        """Count, shape and index every entry again under today's token rules (one
        transaction: an interrupted upgrade leaves the old memory as it was)."""
        db = self.db
        self._begin()
        try:
            db.execute("DELETE FROM postings")
            db.execute("DELETE FROM vocab")
            last = 0
            while rows := db.execute(
                "SELECT id, source FROM units WHERE id > ? ORDER BY id LIMIT 10000", (last,)
            ).fetchall():
                last = int(rows[-1][0])
                units = [(int(id_), tokens(source)) for id_, source in rows]
                db.executemany(
                    "UPDATE units SET n = ?, shape = ? WHERE id = ?",
                    ((len(toks), shape(toks), id_) for id_, toks in units),
                )
                self._index(units)
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))
            self._commit()
        except BaseException:
            self._rollback()
            raise

    # --- transactions --------------------------------------------------------------------

    def _begin(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self._flush()
        if self._writes >= MERGE_EVERY:
            self._merge_postings()
            self._writes = 0
        self.db.execute("COMMIT")

    def _rollback(self) -> None:
        self._forget_pending()
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("ROLLBACK")

    # --- writing -------------------------------------------------------------------------

    def _write(self, batch: Sequence[Prepared]) -> WriteReport:
        db = self.db
        report = WriteReport()
        known: dict[bytes, tuple[int, int, str, str]] = {}
        for chunk in _chunks([p.key for p in batch]):
            marks = ",".join("?" * len(chunk))
            for key, id_, state, author, changed in db.execute(
                f"SELECT key, id, state, author, changed FROM units WHERE key IN ({marks})", chunk
            ):
                known[bytes(key)] = (int(id_), int(state), str(author), str(changed))
        fresh: list[Prepared] = []
        updates: list[tuple[int, str, str, int]] = []
        for p in batch:
            old = known.get(p.key)
            if old is None:
                fresh.append(p)
                continue
            e = p.entry
            if (old[1], old[2], old[3]) == (int(e.state), e.author, e.changed):
                report.unchanged += 1
            else:
                updates.append((int(e.state), e.author, e.changed, old[0]))
        if updates:
            db.executemany(
                "UPDATE units SET state = ?, author = ?, changed = ? WHERE id = ?", updates
            )
            report.updated += len(updates)
        if fresh:
            self._insert(fresh)
            report.added += len(fresh)
        return report

    def _insert(self, fresh: Sequence[Prepared]) -> None:
        db = self.db
        row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'units'").fetchone()
        first = (int(row[0]) if row else 0) + 1
        db.executemany(
            f"INSERT INTO units (id, key, {COLUMNS}, n, shape) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    first + i,
                    p.key,
                    p.entry.source,
                    p.entry.target,
                    p.entry.source_lang,
                    p.entry.target_lang,
                    int(p.entry.state),
                    p.entry.origin,
                    p.entry.context,
                    p.entry.author,
                    p.entry.changed,
                    len(p.tokens),
                    p.shape,
                )
                for i, p in enumerate(fresh)
            ),
        )
        db.executemany(
            "INSERT INTO concordance (rowid, source, target) VALUES (?, ?, ?)",
            ((first + i, p.entry.source, p.entry.target) for i, p in enumerate(fresh)),
        )
        self._index([(first + i, p.tokens) for i, p in enumerate(fresh)])

    def _index(self, units: Sequence[tuple[int, list[str]]]) -> None:
        """Post each entry (id, tokens) under its distinct tokens and its length. The
        vocabulary and the postings are gathered over the whole transaction and written
        once (see _flush): a big import writes each list in one piece, in order."""
        distinct = [set(toks) for _, toks in units]
        token_ids = self._token_ids(list(set().union(*distinct)))
        lists, df = self._pending, self._pending_df
        for (unit, toks), seen in zip(units, distinct, strict=True):
            ids = [token_ids[t] for t in seen]
            df.update(ids)
            n = _length(len(toks))
            for key in ids:
                lists[key << 16 | n].append(unit)
        self._pending_units += len(units)
        if self._pending_units >= FLUSH_UNITS:
            self._flush()

    def _flush(self) -> None:
        """Write the gathered document frequencies and postings (one piece per list)."""
        if not self._pending_units:
            return
        db = self.db
        db.executemany(
            "UPDATE vocab SET df = df + ? WHERE id = ?",
            ((count, key) for key, count in self._pending_df.items()),
        )
        batch = int(db.execute("SELECT value FROM meta WHERE key = 'batch'").fetchone()[0]) + 1
        db.execute("UPDATE meta SET value = ? WHERE key = 'batch'", (str(batch),))
        db.executemany(
            "INSERT INTO postings (token, n, batch, ids) VALUES (?, ?, ?, ?)",
            (
                (key >> 16, key & 0xFFFF, batch, _blob(self._pending[key]))
                for key in sorted(self._pending)
            ),
        )
        self._forget_pending()
        self._writes += 1

    def _forget_pending(self) -> None:
        # (token id << 16 | length) → entry ids
        self._pending: defaultdict[int, array[int]] = defaultdict(_new_ids)
        self._pending_df: Counter[int] = Counter()
        self._pending_units = 0

    def _token_ids(self, toks: list[str]) -> dict[str, int]:
        """Vocabulary ids for ``toks``, adding the new ones (df 0)."""
        db = self.db
        ids: dict[str, int] = {}
        for chunk in _chunks(toks):
            marks = ",".join("?" * len(chunk))
            ids.update(
                (str(t), int(i))
                for t, i in db.execute(
                    f"SELECT token, id FROM vocab WHERE token IN ({marks})", chunk
                )
            )
        new = [t for t in toks if t not in ids]
        if new:
            row = db.execute("SELECT max(id) FROM vocab").fetchone()
            start = (int(row[0]) if row and row[0] is not None else 0) + 1
            fresh = {t: start + i for i, t in enumerate(new)}
            db.executemany(
                "INSERT INTO vocab (id, token, df) VALUES (?, ?, 0)",
                ((i, t) for t, i in fresh.items()),
            )
            ids.update(fresh)
        return ids

    def _merge_postings(self) -> None:
        """Merge the postings lists written in many pieces into one piece each."""
        db = self.db
        crowded = db.execute(
            "SELECT token, n FROM postings GROUP BY token, n HAVING count(*) >= ?", (MERGE_PIECES,)
        ).fetchall()
        for token, n in crowded:
            merged = array("I")
            for (blob,) in db.execute(
                "SELECT ids FROM postings WHERE token = ? AND n = ? ORDER BY batch", (token, n)
            ):
                merged.extend(_ids(blob))
            db.execute("DELETE FROM postings WHERE token = ? AND n = ?", (token, n))
            db.execute(
                "INSERT INTO postings (token, n, batch, ids) VALUES (?, ?, 0, ?)",
                (token, n, _blob(merged)),
            )

    def _remove(self, origin: str, keep: set[bytes], scope: set[tuple[str, str]] | None) -> int:
        db = self.db
        if scope is None:
            rows = db.execute(
                "SELECT id, key, context, source, target FROM units WHERE origin = ?", (origin,)
            ).fetchall()
        else:
            rows = []
            for chunk in _chunks(sorted({context for context, _ in scope})):
                marks = ",".join("?" * len(chunk))
                rows += db.execute(
                    f"SELECT id, key, context, source, target FROM units WHERE origin = ? "
                    f"AND context IN ({marks})",
                    (origin, *chunk),
                ).fetchall()
        gone = [
            (int(id_), source, target)
            for id_, key, context, source, target in rows
            if bytes(key) not in keep and (scope is None or (context, source) in scope)
        ]
        db.executemany(
            "INSERT INTO concordance (concordance, rowid, source, target) "
            "VALUES ('delete', ?, ?, ?)",
            gone,
        )
        db.executemany("DELETE FROM units WHERE id = ?", ((g[0],) for g in gone))
        return len(gone)

    # --- reading -------------------------------------------------------------------------

    def _candidates(
        self, toks: list[str], source_lang: str, target_lang: str, cutoff: float
    ) -> dict[int, str]:
        db = self.db
        n = len(toks)
        lo, hi = length_window(n, cutoff)
        k = shared_needed(n, cutoff)
        mult = Counter(toks)
        distinct = list(mult)
        info: dict[str, tuple[int, int]] = {}
        for chunk in _chunks(distinct):
            marks = ",".join("?" * len(chunk))
            for token, id_, df in db.execute(
                f"SELECT token, id, df FROM vocab WHERE token IN ({marks})", chunk
            ):
                info[str(token)] = (int(id_), int(df))
        # tokens nobody has are shared by no candidate: they count as read, for free
        unknown = sum(m for t, m in mult.items() if t not in info)
        if n - unknown < k:
            return {}
        known = sorted(info, key=lambda t: info[t][1])
        probes, hits = self._plan(known, [info[t][1] for t in known], mult, k=k, unknown=unknown)
        counts: Counter[int] = Counter()
        for token in probes:
            for (blob,) in db.execute(
                "SELECT ids FROM postings WHERE token = ? AND n BETWEEN ? AND ?",
                (info[token][0], _length(lo), _length(hi)),
            ):
                counts.update(_ids(blob))
        ids = list(counts) if hits <= 1 else [i for i, c in counts.items() if c >= hits]
        if not ids:
            return {}
        return {
            int(i): str(s)
            for i, s in db.execute(
                "SELECT id, shape FROM units WHERE id IN (SELECT value FROM json_each(?)) "
                "AND source_lang = ? AND target_lang = ?",
                (json.dumps(ids), source_lang, target_lang),
            )
        }

    def _plan(
        self, known: list[str], dfs: list[int], mult: Counter[str], *, k: int, unknown: int
    ) -> tuple[list[str], int]:
        """Which tokens' postings to read (a prefix of ``known``, rarest first), and how
        many of them a candidate must hold.

        A candidate shares at least ``k`` of the query's ``n`` tokens. If the tokens read
        cover ``c`` query positions, it must share ``k − (n − c)`` of those, so it holds at
        least that many of them divided by the most a single token repeats. Reading more
        lists costs their length; the cost model picks the prefix that minimises postings
        read plus :data:`CANDIDATE_COST` per expected candidate (words taken as independent).
        """
        n = sum(mult.values())
        total = max(1, self._unit_count())
        best: tuple[float, int, int] | None = None
        covered = unknown
        spent = 0
        for p in range(1, len(known) + 1):
            covered += mult[known[p - 1]]
            spent += dfs[p - 1]
            if covered < n - k + 1:
                continue
            need = k - (n - covered)
            top = max(mult[t] for t in known[:p])
            hits = max(1, math.ceil(need / top))
            expected = total * _tail([min(1.0, d / total) for d in dfs[:p]], hits)
            cost = spent + CANDIDATE_COST * expected
            if best is None or cost < best[0]:
                best = (cost, p, hits)
            if spent > 4 * best[0]:
                break
        assert best is not None  # covered reaches n - unknown ≥ k at the last prefix
        return known[: best[1]], best[2]

    def _unit_count(self) -> int:
        row = self.db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'units'").fetchone()
        return int(row[0]) if row else 0

    def _entries(self, ids: Sequence[int]) -> dict[int, MemoryEntry]:
        if not ids:
            return {}
        rows = self.db.execute(
            f"SELECT id, {COLUMNS} FROM units WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
        )
        return {int(r[0]): entry_from_row(r[1:]) for r in rows}

    def _search(
        self, words: list[str], source_lang: str, target_lang: str, limit: int
    ) -> list[MemoryEntry]:
        found: list[MemoryEntry] = []
        with self.lock:
            for row in self._concordance_rows(words, source_lang, target_lang):
                found.append(entry_from_row(row))
                if len(found) >= limit:
                    break
        return found

    def _search_count(self, words: list[str], source_lang: str, target_lang: str) -> int:
        with self.lock:
            return sum(1 for _ in self._concordance_rows(words, source_lang, target_lang))

    def _concordance_rows(
        self, words: list[str], source_lang: str, target_lang: str
    ) -> Iterator[tuple[Any, ...]]:
        """The rows holding every one of ``words``, in search order (hold the lock)."""
        folded = [w.casefold() for w in words]
        lower = [w.lower() for w in words]  # as the trigram tokenizer folds (ß stays ß)
        trigrams = sorted({w[i : i + 3] for w in lower for i in range(len(w) - 2)})
        columns = ", ".join("u." + c.strip() for c in COLUMNS.split(","))
        order = "ORDER BY u.state DESC, u.changed DESC, length(u.source), u.id"
        if trigrams:
            sql = (
                f"SELECT {columns} FROM concordance JOIN units u ON u.id = concordance.rowid "
                f"WHERE concordance MATCH ? AND u.source_lang = ? AND u.target_lang = ? {order}"
            )
            args: tuple[object, ...] = (
                " AND ".join('"' + t.replace('"', '""') + '"' for t in trigrams),
                source_lang,
                target_lang,
            )
        else:  # only words of one or two letters: no trigram to ask for
            sql = (
                f"SELECT {columns} FROM units u WHERE u.source_lang = ? AND u.target_lang = ? "
                f"{order}"
            )
            args = (source_lang, target_lang)
        for row in self.db.execute(sql, args):
            source, target = str(row[0]).casefold(), str(row[1]).casefold()
            if all(w in source or w in target for w in folded):
                yield row

    def _query(self, sql: str, args: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, tuple(args)).fetchall()

    def _size(self) -> int | None:
        return sum(f.stat().st_size for f in (self.path, Path(f"{self.path}-wal")) if f.exists())

    def close(self) -> None:
        with self.lock, contextlib.suppress(sqlite3.Error):
            self.db.close()


def _tail(probabilities: list[float], hits: int) -> float:
    """P(at least ``hits`` of independent events with these probabilities happen)."""
    if hits <= 1:
        return min(1.0, sum(probabilities))
    # dist[h] = P(exactly h so far), h capped at `hits`
    dist = [1.0] + [0.0] * hits
    for q in probabilities:
        for h in range(hits, 0, -1):
            dist[h] = dist[h] * (1.0 if h == hits else 1.0 - q) + dist[h - 1] * q
        dist[0] *= 1.0 - q
    return dist[hits]
