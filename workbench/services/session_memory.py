"""The project's translation memory inside the editor: matches from the whole project,
fed on every save, repetitions of a confirmed segment, concordance.

:func:`attach_project_memory` gives an editing session a :class:`ProjectMemorySuggestions`
in place of the open-file memory: its matches come from the project memory (every PO file
fed so far, imported TMX) and from the open file as it is now (confirmed segments not yet
saved included), scored alike (:func:`workbench.domain.memory.rank`). Each save records
the saved entries in the project memory.

Repetitions: :func:`repetitions` finds the segments of the file with the same source that
still need work; :func:`propagate` gives them the confirmed segment's translation, as
drafts or translated, in one undoable change.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal

from workbench.adapters.memory import MemoryStore, open_store
from workbench.domain.memory import MemoryEntry, rank
from workbench.domain.states import ReviewState
from workbench.domain.units import MEMORY_ENGINE, MtOrigin, Unit
from workbench.errors import UserError
from workbench.services.identity import utc_now
from workbench.services.memory import TM_LIMIT, TranslationMemory
from workbench.services.project_memory import (
    MemorySettings,
    display_location,
    memory_exists,
    memory_settings,
    origin_name,
    record_units,
)
from workbench.services.session import EditSession
from workbench.services.suggestions import OpenFileMemory, Suggestion, SuggestionSource

#: Candidates the open file's quick character-level search hands to the real score.
LIVE_CANDIDATES = 12
#: Their least character-level similarity (below the token-level cut-off on purpose).
LIVE_CUTOFF = 55.0


class ProjectMemorySuggestions(SuggestionSource):
    """Memory matches for a segment from the project memory and the open file."""

    slow = True

    def __init__(
        self,
        path: Path,
        settings: MemorySettings,
        live: TranslationMemory,
        limit: int = TM_LIMIT,
    ) -> None:
        self.path = Path(path)
        self.settings = settings
        self.live = live
        self.limit = limit
        self.origin = origin_name(self.path, settings.root)
        #: Why the project memory could not be read or written ("" while it works).
        self.error = ""
        self._store: MemoryStore | None = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return display_location(self.settings.location)

    def store(self, create: bool = False) -> MemoryStore | None:
        """The project memory, opened on first use (``None`` if it does not exist yet and
        ``create`` is false, or if it cannot be opened: see :attr:`error`)."""
        with self._lock:
            if self._store is None and (create or memory_exists(self.settings)):
                try:
                    self._store = open_store(self.settings.location, self.settings.policy)
                    self.error = ""
                except UserError as exc:
                    self.error = str(exc)
            return self._store

    def suggest(self, units: Sequence[Unit], index: int) -> list[Suggestion]:
        unit = units[index]
        settings = self.settings
        entries: list[MemoryEntry] = []
        store = self.store()
        if store is not None:
            # the open file is taken as it is now, below, not as it was last saved
            try:
                found = store.lookup(
                    unit.source,
                    settings.source_lang,
                    settings.target_lang,
                    self.limit + 4,
                    skip_origin=self.origin,
                )
            except UserError as exc:
                self.error, found = str(exc), []
            entries += [m.entry for m in found]
        for match in self.live.matches(index, units, LIVE_CANDIDATES, LIVE_CUTOFF):
            other = units[match.index]
            entries.append(
                MemoryEntry(
                    other.source, other.target, settings.source_lang, settings.target_lang,
                    other.state, self.origin, other.id,
                )
            )  # fmt: skip
        return [
            Suggestion("TM", m.target, m.score, m.source, detail=_detail(m.entry, self.origin))
            for m in rank(unit.source, entries, settings.policy, self.limit)
        ]

    def record(self, units: Sequence[Unit], author: str) -> None:
        """Feed the project memory with units just saved (their file is the open one)."""
        if not self.settings.feed or not units:
            return
        store = self.store(create=True)
        if store is None:
            return
        try:
            record_units(store, self.settings, self.path, units, author=author, changed=utc_now())
        except UserError as exc:
            self.error = str(exc)

    def search(self, words: Sequence[str], limit: int = 50) -> list[MemoryEntry]:
        """Concordance over the project memory."""
        store = self.store()
        if store is None:
            return []
        return store.search(words, self.settings.source_lang, self.settings.target_lang, limit)

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                with contextlib.suppress(Exception):
                    self._store.close()
                self._store = None


def _detail(entry: MemoryEntry, origin: str) -> str:
    where = "this file" if entry.origin == origin else entry.origin or "memory"
    return f"{entry.state.label} · {where}"


def attach_project_memory(
    session: EditSession, settings: MemorySettings | None = None
) -> ProjectMemorySuggestions:
    """Give ``session`` the project memory: its matches replace the open-file memory's
    suggestions, and every save feeds it."""
    settings = settings or memory_settings()
    sources = session.suggestion_sources
    open_file = next((s for s in sources if isinstance(s, OpenFileMemory)), None)
    live = open_file.memory if open_file is not None else TranslationMemory()
    memory = ProjectMemorySuggestions(session.path, settings, live)
    if open_file is not None:
        sources[sources.index(open_file)] = memory
    else:
        session.add_suggestion_source(memory)
    session.on_saved.append(lambda units: memory.record(units, session.reviewer))
    return memory


# --- repetitions ---------------------------------------------------------------------------

Propagate = Literal["draft", "translated"]


def repetitions(units: Sequence[Unit], index: int) -> list[int]:
    """The other segments with exactly the same source that still need work."""
    source = units[index].source
    return [
        j
        for j, unit in enumerate(units)
        if j != index and unit.source == source and not unit.obsolete and unit.state.needs_work
    ]


def propagate(session: EditSession, index: int, how: Propagate) -> list[int]:
    """Give the repetitions of segment ``index`` its translation, as drafts or translated,
    in one undoable change; returns the segments changed."""
    unit = session.units[index]
    if not unit.target or unit.state < ReviewState.TRANSLATED:
        return []
    targets = repetitions(session.units, index)
    if not targets:
        return []
    origin = MtOrigin(
        MEMORY_ENGINE,
        "repetition",
        unit.target,
        "",
        {"match": "repetition", "of": unit.id or f"segment {index + 1}", "score": 100.0},
    )
    new: dict[int, Unit] = {}
    for j in targets:
        drafted = session.units[j].drafted(unit.target, origin)
        if drafted.source_plural is not None and drafted.source_plural == unit.source_plural:
            drafted = replace(drafted, plural_forms=unit.plural_forms)  # every form
        # a plural entry with a form still empty stays a draft
        new[j] = drafted if how == "draft" or drafted.missing_forms else drafted.confirmed()
    session.apply(f"propagate to {len(new)} repetition(s)", new)
    return targets


def project_memory_of(session: EditSession) -> ProjectMemorySuggestions | None:
    """The project memory :func:`attach_project_memory` gave ``session``, if any."""
    return next(
        (s for s in session.suggestion_sources if isinstance(s, ProjectMemorySuggestions)), None
    )
