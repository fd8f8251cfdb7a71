"""Extracting sacrebleu's per-segment statistics fast: on both cores, cached per segment.

sacrebleu spends nearly all its time extracting n-gram and edit statistics, one segment
after another, and extracts them again on every run. Here the segments not seen before
are split into chunks and extracted in a process pool (one worker per core), and every
segment's statistics are kept in an SQLite file under the XDG cache folder, keyed by a
hash of (statistic family, sacrebleu version, hypothesis, reference).

Why a disk cache and not an in-memory LRU: ``workbench score`` is a short-lived command,
so a cache that dies with the process would never be hit. The typical re-run is a reviewer
who changed a few dozen segments of a large catalogue and scores again; with the disk
cache only those segments are extracted again. The numbers cannot drift: the statistics
are exact integers (and TER's float length), stored as JSON, and the key includes the
sacrebleu version. A cache that cannot be opened or written is skipped, never fatal.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import sqlite3
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from workbench.adapters.cores import available_cores
from workbench.domain.scoring import Stats, extract_stats, extraction_key

#: Below this many segments to extract, a process pool costs more than it saves.
PARALLEL_THRESHOLD = 2000
_BATCH = 900  # SQLite host parameters per query


def default_cache_path() -> Path:
    """``$XDG_CACHE_HOME/workbench/segment-stats.sqlite3`` (``~/.cache`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "workbench" / "segment-stats.sqlite3"


class StatsCache:
    """Per-segment statistics in one SQLite file; any SQLite failure turns the cache off."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.error: str | None = None
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is None and self.error is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=10)
                db.execute(
                    "CREATE TABLE IF NOT EXISTS stats "
                    "(key BLOB PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"
                )
                self._db = db
            except (sqlite3.Error, OSError) as exc:
                self.error = str(exc)
        return self._db

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, Stats]:
        db = self._conn()
        found: dict[bytes, Stats] = {}
        if db is None:
            return found
        try:
            for i in range(0, len(keys), _BATCH):
                chunk = keys[i : i + _BATCH]
                marks = ",".join("?" * len(chunk))
                for key, value in db.execute(
                    f"SELECT key, value FROM stats WHERE key IN ({marks})", chunk
                ):
                    found[bytes(key)] = json.loads(value)
        except (sqlite3.Error, ValueError) as exc:
            self.error = str(exc)
            return {}
        return found

    def put_many(self, items: Sequence[tuple[bytes, Stats]]) -> None:
        db = self._conn()
        if db is None or not items:
            return
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO stats (key, value) VALUES (?, ?)",
                    ((k, json.dumps(v, separators=(",", ":"))) for k, v in items),
                )
        except sqlite3.Error as exc:
            self.error = str(exc)

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


def stats_key(family: str, hyp: str, ref: str) -> bytes:
    """The cache key of one segment's statistics."""
    data = f"{extraction_key(family)}\x00{hyp}\x00{ref}".encode()
    return hashlib.blake2b(data, digest_size=16).digest()


def _extract_chunk(family: str, hyps: list[str], refs: list[str]) -> list[Stats]:
    return extract_stats(family, hyps, refs)


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork is cheapest (workers inherit the imported sacrebleu); with other threads
    # running (the TUI's workers) forking is unsafe, so use a fork server then.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def compute_stats(
    jobs: Mapping[str, Sequence[tuple[str, str]]],
    cache: StatsCache | None = None,
    workers: int | None = None,
) -> dict[str, list[Stats]]:
    """Statistics for each family's (hypothesis, reference) pairs, in the given order.

    Cached segments are read back; identical pairs are extracted once; the rest is
    extracted in chunks on ``workers`` processes (default: all cores) when there is
    enough of it to pay for the pool.
    """
    workers = workers or available_cores()
    keys: dict[str, list[bytes]] = {
        f: [stats_key(f, h, r) for h, r in pairs] for f, pairs in jobs.items()
    }
    known: dict[bytes, Stats] = {}
    if cache is not None:
        everything = list({k for ks in keys.values() for k in ks})
        known = cache.get_many(everything)
        cache.hits += len(known)
    # what is left to extract: unique keys per family, with their texts
    todo: list[tuple[str, bytes, str, str]] = []
    queued: set[bytes] = set()
    for family, pairs in jobs.items():
        for key, (hyp, ref) in zip(keys[family], pairs, strict=True):
            if key not in known and key not in queued:
                queued.add(key)
                todo.append((family, key, hyp, ref))
    if cache is not None:
        cache.misses += len(todo)
    fresh = _extract(todo, workers)
    known.update(fresh)
    if cache is not None and fresh:
        cache.put_many(list(fresh.items()))
    return {family: [known[k] for k in keys[family]] for family in jobs}


def _extract(todo: list[tuple[str, bytes, str, str]], workers: int) -> dict[bytes, Stats]:
    by_family: dict[str, list[tuple[bytes, str, str]]] = {}
    for family, key, hyp, ref in todo:
        by_family.setdefault(family, []).append((key, hyp, ref))
    out: dict[bytes, Stats] = {}
    if len(todo) < PARALLEL_THRESHOLD or workers < 2:
        for family, items in by_family.items():
            stats = extract_stats(family, [h for _, h, _ in items], [r for _, _, r in items])
            out.update(zip((k for k, _, _ in items), stats, strict=True))
        return out
    size = max(250, len(todo) // (workers * 8))
    chunks: list[tuple[str, list[tuple[bytes, str, str]]]] = []
    for family, items in by_family.items():
        chunks.extend((family, items[i : i + size]) for i in range(0, len(items), size))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
        futures = [
            (
                items,
                pool.submit(
                    _extract_chunk, family, [h for _, h, _ in items], [r for _, _, r in items]
                ),
            )
            for family, items in chunks
        ]
        for items, future in futures:
            out.update(zip((k for k, _, _ in items), future.result(), strict=True))
    return out
