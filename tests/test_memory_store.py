"""The memory stores behind one interface: every behaviour runs on the SQLite file and on a
real PostgreSQL server (started by the tests; see tests/support/postgres.py), plus the
SQLite token index checked against brute force."""

from __future__ import annotations

import itertools
import random
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.postgres import PgServer
from workbench.adapters.memory import MemoryStore, open_store
from workbench.adapters.memory import sqlite as sqlite_store
from workbench.domain.memory import MatchPolicy, MemoryEntry, rank
from workbench.domain.states import ReviewState
from workbench.errors import UserError

_databases = itertools.count()


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MemoryStore]:
    if request.param == "sqlite":
        opened = open_store(tmp_path / "memory.sqlite")
    else:
        server: PgServer = request.getfixturevalue("pg_server")
        opened = open_store(server.create_database(f"t{next(_databases)}"))
    yield opened
    opened.close()


def e(source: str, target: str, **kw: object) -> MemoryEntry:
    return MemoryEntry(source, target, **kw)  # type: ignore[arg-type]


CITY = e(
    "Die Stadt hat 1.500 Einwohner.", "The city has 1,500 inhabitants.", origin="a.po", context="c1"
)
PORT = e("Der Hafen ist groß.", "The port is big.", origin="a.po", context="c2")
TWIN = e("Die Partnerstadt liegt am Meer.", "The twin city lies by the sea.", origin="x.tmx")


def test_add_counts_new_updated_and_unchanged(store: MemoryStore) -> None:
    report = store.add([CITY, PORT, TWIN, TWIN])  # the same entry twice counts once
    assert (report.added, report.updated, report.unchanged) == (3, 0, 0)
    again = store.add([CITY, e(PORT.source, PORT.target, origin="a.po", context="c2",
                               state=ReviewState.REVIEWED, author="ann")])  # fmt: skip
    assert (again.added, again.updated, again.unchanged) == (0, 1, 1)
    assert store.stats().units == 3
    assert store.stats().states == {"reviewed": 1, "translated": 2}


def test_lookup_exact_fuzzy_numbers_and_cutoff(store: MemoryStore) -> None:
    store.add([CITY, PORT, TWIN])
    [exact] = store.lookup("Der Hafen ist groß.")
    assert exact.exact and exact.score == 99.0 and exact.target == "The port is big."
    [fuzzy] = store.lookup("Die Stadt hat 2.750 Einwohner.")
    assert fuzzy.target == "The city has 2,750 inhabitants." and fuzzy.adjusted
    assert fuzzy.entry.origin == "a.po" and fuzzy.entry.context == "c1"
    assert store.lookup("Der Hafen ist sehr, sehr klein geworden.") == []
    assert store.lookup("Der Hafen ist sehr, sehr klein geworden.", policy=MatchPolicy(cutoff=30))
    assert store.lookup("") == []


def test_lookup_keeps_to_the_language_pair(store: MemoryStore) -> None:
    store.add([PORT, e(PORT.source, "Le port est grand.", target_lang="fr")])
    assert [m.target for m in store.lookup(PORT.source)] == ["The port is big."]
    assert [m.target for m in store.lookup(PORT.source, "de", "fr")] == ["Le port est grand."]


def test_reviewed_ranks_first_and_drafts_need_a_low_cutoff(store: MemoryStore) -> None:
    query = "Der Rat tagt heute im Rathaus."
    store.add([
        e(query, "The council meets in the town hall today.", state=ReviewState.DRAFT),
        e(query, "Today the council meets at the town hall.", state=ReviewState.TRANSLATED),
        e(query, "The council meets at the town hall today.", state=ReviewState.REVIEWED),
    ])  # fmt: skip
    found = store.lookup(query)
    assert [(m.entry.state, m.score) for m in found] == [
        (ReviewState.REVIEWED, 100.0), (ReviewState.TRANSLATED, 99.0)
    ]  # fmt: skip
    assert len(store.lookup(query, policy=MatchPolicy(cutoff=60))) == 3


def test_replace_follows_a_po_file(store: MemoryStore) -> None:
    """A save replaces the translation of the saved entries, and forgets entries that are
    no longer translated; entries without msgctxt are told apart by their source."""
    a = e("Erster Satz.", "First sentence.", origin="f.po")
    b = e("Zweiter Satz.", "Second sentence.", origin="f.po")
    c = e("Dritter Satz.", "Third sentence.", origin="f.po")
    store.add([a, b, c, e("Erster Satz.", "First sentence.", origin="g.po")])
    report = store.replace("f.po", [e("Erster Satz.", "The first sentence.", origin="f.po")],
                           gone=[("", "Zweiter Satz.")])  # fmt: skip
    assert (report.added, report.removed) == (1, 2)
    left = sorted((x.origin, x.source, x.target) for x in store.entries())
    assert left == [
        ("f.po", "Dritter Satz.", "Third sentence."),
        ("f.po", "Erster Satz.", "The first sentence."),
        ("g.po", "Erster Satz.", "First sentence."),
    ]
    synced = store.replace_origin("f.po", [c])
    assert synced.removed == 1 and synced.unchanged == 1
    assert sorted(x.origin for x in store.entries()) == ["f.po", "g.po"]


def test_a_failed_import_leaves_the_memory_as_it_was(store: MemoryStore) -> None:
    store.add([PORT])

    def broken() -> Iterator[MemoryEntry]:
        yield CITY
        raise UserError("malformed TMX", "x.tmx:3")

    with pytest.raises(UserError):
        store.add(broken())
    assert [x.source for x in store.entries()] == [PORT.source]
    assert store.lookup(CITY.source) == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["stadt"], {CITY.source, TWIN.source}),  # inside a compound, any case
        (["STADT", "meer"], {TWIN.source}),
        (["city", "Einwohner"], {CITY.source}),  # one word in the target, one in the source
        (["groß"], {PORT.source}),
        (["GROSS"], set()),
        (["am"], {TWIN.source}),  # shorter than a trigram
        (["nirgends"], set()),
    ],
)
def test_concordance(store: MemoryStore, words: list[str], expected: set[str]) -> None:
    store.add([CITY, PORT, TWIN])
    assert {x.source for x in store.search(words)} == expected
    assert store.search_count(words) == len(expected)


def test_concordance_orders_reviewed_and_recent_first(store: MemoryStore) -> None:
    store.add([
        e("Der Rat tagt.", "The council meets.", changed="2020-01-01T00:00:00Z"),
        e("Der Rat tagt oft.", "The council often meets.", changed="2024-01-01T00:00:00Z"),
        e("Der Rat tagt nie.", "The council never meets.", state=ReviewState.REVIEWED),
    ])  # fmt: skip
    assert [x.source for x in store.search(["Rat"])] == [
        "Der Rat tagt nie.", "Der Rat tagt oft.", "Der Rat tagt."
    ]  # fmt: skip
    assert len(store.search(["Rat"], limit=2)) == 2
    assert store.search_count(["Rat"]) == 3 and store.search_count(["rat", "nie"]) == 1


def test_entries_and_stats(store: MemoryStore) -> None:
    store.add([CITY, PORT, TWIN, e("Hallo.", "Bonjour.", target_lang="fr", origin="x.tmx")])
    assert [x.source for x in store.entries("de", "en")] == [CITY.source, PORT.source, TWIN.source]
    assert len(list(store.entries())) == 4
    stats = store.stats()
    assert stats.units == 4 and stats.pairs == {"de→en": 3, "de→fr": 1}
    assert stats.origins == {"a.po": 2, "x.tmx": 2}
    assert stats.size_bytes and stats.size_bytes > 0


# --- SQLite: the token index against brute force -------------------------------------------

WORDS = [
    "der",
    "die",
    "das",
    "und",
    "Stadt",
    "Hafen",
    "Rat",
    "tagt",
    "heute",
    "morgen",
    "im",
    "am",
    "Meer",
    "groß",
    "klein",
    "1.500",
    "2.000",
    ",",
    ".",
]


def test_a_memory_of_the_old_token_rules_is_counted_again(store: MemoryStore) -> None:
    """Schema 1 counted each dot of an ellipsis as a token, so "Neue Umsatz-Kategorie..." was
    an 80 % match of "Neue Lastschrift...". Opening such a memory counts and shapes every
    entry again (and rebuilds the SQLite token index, emptied here as if it were stale)."""
    store.add([e("Neue Lastschrift...", "New direct debit..."), PORT])
    sqlite = isinstance(store, sqlite_store.SqliteMemory)
    meta, table = ("meta", "units") if sqlite else ("wb_memory_meta", "wb_memory")
    raw = store.db  # type: ignore[attr-defined]  # the old file is made by hand
    raw.execute(f"UPDATE {table} SET n = n + 2 WHERE source LIKE '%...'")
    if sqlite:
        raw.execute("DELETE FROM postings")
    raw.execute(f"UPDATE {meta} SET value = '1' WHERE key = 'schema'")
    store.close()
    with open_store(store.location) as reopened:
        assert reopened.lookup("Neue Umsatz-Kategorie...") == []
        assert [m.target for m in reopened.lookup("Neue Lastschrift...")] == ["New direct debit..."]
        assert [m.score for m in reopened.lookup("Der Hafen ist groß!")] == [pytest.approx(79.0)]
    with open_store(store.location) as again:  # upgraded once: nothing left to do
        assert again.stats().units == 2


def test_sqlite_candidates_miss_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over a memory of many near-duplicates written in many small batches (so postings are
    merged) and partly deleted, every lookup equals brute-force ranking of all entries."""
    monkeypatch.setattr(sqlite_store, "MERGE_EVERY", 4)
    rng = random.Random(13)
    store = open_store(tmp_path / "m.sqlite")
    entries = []
    for i in range(1200):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 12))]
        entries.append(e(" ".join(words), f"t{i}", origin=f"o{i % 7}", context=str(i)))
    for start in range(0, len(entries), 40):
        store.add(entries[start : start + 40])
    store.replace_origin("o3", [])  # delete a seventh
    alive = [x for x in entries if x.origin != "o3"]
    for cutoff in (60.0, 75.0, 90.0):
        policy = MatchPolicy(cutoff=cutoff)
        for _ in range(60):
            query = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))
            ours = [(m.score, m.target) for m in store.lookup(query, limit=3, policy=policy)]
            truth = [(m.score, m.target) for m in rank(query, alive, policy, limit=3)]
            assert [s for s, _ in ours] == [s for s, _ in truth], query
    store.close()


def test_sqlite_threads_share_one_store(tmp_path: Path) -> None:
    store = open_store(tmp_path / "m.sqlite")
    store.add([CITY, PORT])
    errors: list[BaseException] = []

    def look() -> None:
        try:
            for _ in range(50):
                assert store.lookup(PORT.source)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def write() -> None:
        try:
            for i in range(50):
                store.add([e(f"Satz {i}.", f"Sentence {i}.")])
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=f) for f in (look, look, write)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.stats().units == 52
    store.close()


def test_sqlite_bad_files_are_reported(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database at all, just some text " * 100, encoding="utf-8")
    with pytest.raises(UserError, match="not a translation memory"):
        open_store(text)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(UserError, match="not a translation memory"):
        open_store(other)
    with pytest.raises(UserError, match="no translation memory here"):
        open_store(tmp_path / "missing.sqlite", create=False)
    newer = tmp_path / "newer.sqlite"
    open_store(newer).close()
    db = sqlite3.connect(newer)
    db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    db.commit()
    db.close()
    with pytest.raises(UserError, match="schema 99"):
        open_store(newer)


def test_postgres_unreachable_is_a_clear_error() -> None:
    pytest.importorskip("psycopg", reason="psycopg 3 not installed")
    with pytest.raises(UserError, match="cannot reach the memory server") as info:
        open_store("postgresql://wb:secret@127.0.0.1:9/none")
    assert "secret" not in str(info.value)
