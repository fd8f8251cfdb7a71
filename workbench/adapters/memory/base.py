"""The one interface every translation-memory store implements, and the logic written once.

A store keeps :class:`~workbench.domain.memory.MemoryEntry` rows and answers three questions:
which entries may resemble this sentence (a fast *candidate* prefilter, its own business),
what these entries are, and which entries contain these words (concordance). Everything
else is written here, once, over those hooks: adding and replacing entries, and
:meth:`MemoryStore.lookup`, which scores candidates in three steps — the store's prefilter,
a C-speed token edit distance over the candidates' shapes, then the exact score with
penalties, tie-breaks and number substitution (:func:`workbench.domain.memory.rank`) for the
few best.

An entry is identified by its languages, origin, context, source and target: importing the
same TMX twice updates rather than duplicates, and a PO entry whose translation changed
replaces its old translation (:meth:`MemoryStore.replace`).
"""

from __future__ import annotations

import hashlib
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, NamedTuple

from workbench.domain.memory import (
    MatchPolicy,
    MemoryEntry,
    MemoryMatch,
    MemoryStats,
    rank,
    shape,
    tokens,
)
from workbench.domain.states import ReviewState
from workbench.errors import UserError

#: Entries written per transaction step when adding many.
BATCH = 20_000
#: An entry's columns, in the order :func:`entry_from_row` reads them.
COLUMNS = "source, target, source_lang, target_lang, state, origin, context, author, changed"


def entry_from_row(row: Sequence[Any]) -> MemoryEntry:
    """A stored row (:data:`COLUMNS`) as an entry."""
    source, target, sl, tl, state, origin, context, author, changed = row
    return MemoryEntry(
        str(source), str(target), str(sl), str(tl), ReviewState(int(state)), str(origin),
        str(context), str(author), str(changed),
    )  # fmt: skip


class Prepared(NamedTuple):
    """An entry ready to store: its identity hash, tokens and shape."""

    key: bytes
    entry: MemoryEntry
    tokens: list[str]
    shape: str


def entry_key(entry: MemoryEntry) -> bytes:
    """The identity of an entry: languages, origin, context, source and target."""
    raw = "\x1f".join(
        (
            entry.source_lang,
            entry.target_lang,
            entry.origin,
            entry.context,
            entry.source,
            entry.target,
        )
    )
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=16).digest()


def prepare(entry: MemoryEntry) -> Prepared:
    toks = tokens(entry.source)
    return Prepared(entry_key(entry), entry, toks, shape(toks))


@dataclass
class WriteReport:
    """What a write did: entries new, changed (state, author, time), the same, removed, and
    ``merged``: entries given twice in one write (same languages, origin, context, source
    and target; the last one counts)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    merged: int = 0

    def __iadd__(self, other: WriteReport) -> WriteReport:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.removed += other.removed
        self.merged += other.merged
        return self

    @property
    def written(self) -> int:
        return self.added + self.updated


class StoreLock:
    """A store's lock (re-entrant). An error of the store's backend raised while it is held
    leaves as the :class:`UserError` the store makes of it (:meth:`MemoryStore._problem`):
    a damaged memory file is a message, not a traceback, whichever method met it."""

    def __init__(self, store: MemoryStore) -> None:
        self._store = store
        self._lock = threading.RLock()

    def __enter__(self) -> StoreLock:
        self._lock.acquire()
        return self

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> None:
        self._lock.release()
        if isinstance(exc, Exception) and not isinstance(exc, UserError):
            problem = self._store._problem(exc)
            if problem is not None:
                raise problem from None


class MemoryStore(ABC):
    """A translation memory. Implementations fill in the hooks; the API is written here.

    Every public method is safe to call from several threads (the TUI looks up matches in a
    worker while the UI thread saves): the store serialises them with its lock.
    """

    #: The table that holds the entries, and how a query marks a parameter.
    table: ClassVar[str] = "units"
    mark: ClassVar[str] = "?"

    def __init__(self, location: str, policy: MatchPolicy | None = None) -> None:
        self.location = location
        self.policy = policy or MatchPolicy()
        self.lock = StoreLock(self)

    # --- hooks ---------------------------------------------------------------------------

    def _problem(self, exc: Exception) -> UserError | None:
        """The message for a backend error (a damaged file, a lost server), or ``None``
        to let ``exc`` through."""
        return None

    @abstractmethod
    def _candidates(
        self, toks: list[str], source_lang: str, target_lang: str, cutoff: float
    ) -> dict[int, str]:
        """Ids and shapes of the stored entries of this language pair that may score
        ``cutoff`` or more against ``toks``: every such entry must be among them."""

    @abstractmethod
    def _entries(self, ids: Sequence[int]) -> dict[int, MemoryEntry]:
        """The entries with these ids (ids no longer stored are left out)."""

    @abstractmethod
    def _write(self, batch: Sequence[Prepared]) -> WriteReport:
        """Insert new entries and update the state, author and time of known ones
        (within the transaction :meth:`_transaction` opened)."""

    @abstractmethod
    def _remove(self, origin: str, keep: set[bytes], scope: set[tuple[str, str]] | None) -> int:
        """Delete the entries of ``origin`` whose key is not in ``keep``; with ``scope``
        only among those whose (context, source) is in it. Returns how many."""

    @abstractmethod
    def _begin(self) -> None:
        """Start a write transaction."""

    @abstractmethod
    def _commit(self) -> None: ...

    @abstractmethod
    def _rollback(self) -> None: ...

    def search(
        self,
        words: Sequence[str],
        source_lang: str = "de",
        target_lang: str = "en",
        limit: int = 20,
    ) -> list[MemoryEntry]:
        """Concordance: entries whose source or target contains every one of ``words``
        (case-insensitive, also inside compounds), reviewed and recent first."""
        words = [w.strip() for w in words if w.strip()]
        return self._search(words, source_lang, target_lang, limit) if words else []

    def search_count(
        self, words: Sequence[str], source_lang: str = "de", target_lang: str = "en"
    ) -> int:
        """How many entries :meth:`search` would find without a limit."""
        words = [w.strip() for w in words if w.strip()]
        return self._search_count(words, source_lang, target_lang) if words else 0

    @abstractmethod
    def _search(
        self, words: list[str], source_lang: str, target_lang: str, limit: int
    ) -> list[MemoryEntry]:
        """:meth:`search` for ``words`` (at least one, none blank)."""

    @abstractmethod
    def _search_count(self, words: list[str], source_lang: str, target_lang: str) -> int:
        """:meth:`search_count` for ``words`` (at least one, none blank)."""

    @abstractmethod
    def _query(self, sql: str, args: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run one reading query (with :attr:`mark` parameters) and return its rows."""

    @abstractmethod
    def _size(self) -> int | None:
        """How many bytes the memory takes (``None`` if unknown)."""

    @abstractmethod
    def close(self) -> None: ...

    # --- reading everything, written once -----------------------------------------------

    def entries(
        self, source_lang: str | None = None, target_lang: str | None = None
    ) -> Iterator[MemoryEntry]:
        """Every entry (of one language pair, if given), oldest first, read in pages."""
        m = self.mark
        where = ""
        extra: tuple[str, ...] = ()
        if source_lang is not None and target_lang is not None:
            where = f"AND source_lang = {m} AND target_lang = {m}"
            extra = (source_lang, target_lang)
        last = 0
        while True:
            with self.lock:
                rows = self._query(
                    f"SELECT id, {COLUMNS} FROM {self.table} WHERE id > {m} {where} "
                    "ORDER BY id LIMIT 5000",
                    (last, *extra),
                )
            if not rows:
                return
            for row in rows:
                yield entry_from_row(row[1:])
            last = int(rows[-1][0])

    def stats(self) -> MemoryStats:
        """What the memory holds: totals per language pair, state and origin (top 20)."""
        t = self.table
        with self.lock:
            units = int(self._query(f"SELECT count(*) FROM {t}")[0][0])
            pairs = {
                f"{sl}→{tl}": int(c)
                for sl, tl, c in self._query(
                    f"SELECT source_lang, target_lang, count(*) FROM {t} "
                    "GROUP BY 1, 2 ORDER BY 3 DESC"
                )
            }
            states = {
                ReviewState(int(s)).label: int(c)
                for s, c in self._query(
                    f"SELECT state, count(*) FROM {t} GROUP BY 1 ORDER BY 1 DESC"
                )
            }
            origins = {
                str(o): int(c)
                for o, c in self._query(
                    f"SELECT origin, count(*) FROM {t} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20"
                )
            }
            size = self._size()
        return MemoryStats(self.location, units, pairs, states, origins, size)

    # --- writing, written once -------------------------------------------------------------

    def add(self, entries: Iterable[MemoryEntry]) -> WriteReport:
        """Add entries (known ones are updated) in one transaction: all or nothing."""
        with self.lock:
            self._begin()
            try:
                report = self._add(entries)
            except BaseException:
                self._rollback()
                raise
            self._commit()
            return report

    def replace(
        self,
        origin: str,
        entries: Iterable[MemoryEntry],
        gone: Iterable[tuple[str, str]] = (),
    ) -> WriteReport:
        """The entries of ``origin`` for these (context, source) pairs are now exactly
        ``entries``: older translations of the same pairs are removed, and so are the pairs
        in ``gone`` (PO entries no longer translated). For saving part of a PO file."""
        batch = list(entries)
        with self.lock:
            self._begin()
            try:
                report = self._add(batch)
                keep = {entry_key(e) for e in batch}
                scope = {(e.context, e.source) for e in batch} | set(gone)
                report.removed += self._remove(origin, keep, scope)
            except BaseException:
                self._rollback()
                raise
            self._commit()
            return report

    def replace_origin(self, origin: str, entries: Iterable[MemoryEntry]) -> WriteReport:
        """The entries of ``origin`` are now exactly ``entries`` (a whole PO file synced)."""
        batch = list(entries)
        with self.lock:
            self._begin()
            try:
                report = self._add(batch)
                report.removed += self._remove(origin, {entry_key(e) for e in batch}, None)
            except BaseException:
                self._rollback()
                raise
            self._commit()
            return report

    def _add(self, entries: Iterable[MemoryEntry]) -> WriteReport:
        report = WriteReport()
        pending: dict[bytes, Prepared] = {}
        for entry in entries:
            prepared = prepare(entry)
            report.merged += prepared.key in pending
            pending[prepared.key] = prepared  # the same entry twice: the last one counts
            if len(pending) >= BATCH:
                report += self._write(list(pending.values()))
                pending = {}
        if pending:
            report += self._write(list(pending.values()))
        return report

    # --- matching, written once ------------------------------------------------------------

    def lookup(
        self,
        source: str,
        source_lang: str = "de",
        target_lang: str = "en",
        limit: int = 5,
        policy: MatchPolicy | None = None,
        *,
        skip_origin: str | None = None,
    ) -> list[MemoryMatch]:
        """The best matches for ``source``, best first (scored by
        :func:`~workbench.domain.memory.rank`); none from the file ``skip_origin`` (left out
        before the same translation from several files is folded into one match)."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        policy = policy or self.policy
        toks = tokens(source)
        if not toks:
            return []
        with self.lock:
            candidates = self._candidates(toks, source_lang, target_lang, policy.cutoff)
            if not candidates:
                return []
            best = process.extract(
                shape(toks),
                candidates,
                scorer=Levenshtein.normalized_similarity,
                limit=limit * 4 + 8,
                score_cutoff=policy.cutoff / 100.0 - 1e-9,
            )
            found = self._entries([int(key) for _, _, key in best])
        entries = (e for e in found.values() if skip_origin is None or e.origin != skip_origin)
        return rank(source, entries, policy, limit)

    def __enter__(self) -> MemoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
