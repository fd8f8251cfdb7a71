"""The editing session behind the translator TUI, without any UI.

One open PO file: the units in file order, the values last saved, which units are dirty,
live progress counts, and every change to them. Saving is atomic and never clobbers a file
someone else changed meanwhile: it raises :class:`ChangedOnDiskError`, and the caller
offers :meth:`EditSession.reload` or :meth:`EditSession.merge_from_disk`. Keeping this free
of Textual makes it testable and benchmarkable on 50,000 segments without a screen.

The session's collaborators live in their own modules: reading the file at open
(:mod:`~workbench.services.opening`), the journal of unsaved edits and recovery
(:mod:`~workbench.services.recovery`), the translation memory
(:mod:`~workbench.services.memory`), glossary hits and QA findings per unit
(:mod:`~workbench.services.live_qa`), the reviewer's name (:mod:`~workbench.services.identity`)
and the list's filters (:mod:`workbench.domain.filters`).

Editing semantics: text typed into a segment is a *draft* (``#, fuzzy``) until the
translator confirms it (translated) or reviews it (reviewed); clearing the text makes the
segment untranslated again; typing back the saved text restores the saved state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from workbench.adapters.journal import Journal, JournalRecord
from workbench.adapters.po import ChangedOnDiskError, Fingerprint, PoCatalog, StagedRead
from workbench.domain.checks.base import conflict_finding
from workbench.domain.checks.spelling import Misspelling
from workbench.domain.filters import SegmentFilter, parse_filter
from workbench.domain.history import Change, History
from workbench.domain.progress import Progress, word_count
from workbench.domain.states import ReviewState
from workbench.domain.units import Candidate, MtOrigin, Side, Unit, entry_name
from workbench.errors import UserError
from workbench.services.identity import reviewer_name, translator_name, utc_now
from workbench.services.live_qa import FindingView, LiveQa, Support, TermHit, finding_view
from workbench.services.locking import OpenGuard, ReadOnlyError
from workbench.services.memory import TranslationMemory
from workbench.services.opening import read_for_editing
from workbench.services.recovery import Recovery, RecoveryJournal
from workbench.services.suggestions import (
    MtOffers,
    Suggestion,
    SuggestionSource,
    default_sources,
)

__all__ = [
    "Change",
    "ChangedOnDiskError",
    "EditSession",
    "FindingView",
    "MergeResult",
    "ReadOnlyError",
    "SegmentFilter",
    "Suggestion",
    "SuggestionSource",
    "TermHit",
    "UndoResult",
    "parse_filter",
    "reviewer_name",
]


# --- what replaying edits onto the units did -------------------------------------------


@dataclass(frozen=True)
class MergeResult:
    """What merging unsaved edits onto a changed file did."""

    applied: int
    #: Segments both sides changed differently: both texts are kept as the unit's conflict
    #: candidates (shown side by side; nothing is dropped). Indices in :attr:`conflict_at`.
    conflicts: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    conflict_at: list[int] = field(default_factory=list)
    #: Journals kept on disk (a third different edit of a segment could not be shown).
    kept: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class UndoResult:
    """What :meth:`EditSession.undo` or :meth:`EditSession.redo` did.

    ``skipped`` are the indices left alone because they changed again since (an MT draft
    arriving, a merge): undo never overwrites work it did not make.
    """

    change: Change
    applied: list[int]
    skipped: list[int]


# --- the session ------------------------------------------------------------------------


class EditSession:
    """One PO file open for editing. All mutations go through here."""

    def __init__(
        self,
        path: Path,
        units: list[Unit],
        fingerprint: Fingerprint | None,
        *,
        catalog: PoCatalog | None = None,
        glossary_paths: Sequence[Path] = (),
        reference: Path | None = None,
        journal: bool = True,
        lock: bool = False,
    ) -> None:
        self.path = Path(path)
        #: The advisory lock between editors, and whether this one may change the file.
        self.guard = OpenGuard(self.path, lock)
        self.fingerprint = fingerprint
        self.catalog: PoCatalog | None = catalog
        self.qa = LiveQa(glossary_paths)
        self.units: list[Unit] = []
        self.saved: list[Unit] = []
        self.dirty: set[int] = set()
        #: Unsaved edits whose segment is gone from the file (a merge with the file on disk,
        #: a recovered journal): written as obsolete (``#~``) entries at the next save, as
        #: the git merge driver keeps them, so no translation is lost.
        self.orphans: list[Unit] = []
        self._saving_orphans: tuple[Unit, ...] = ()
        self.progress = Progress()
        self.journaling = RecoveryJournal(self.path, journal and not self.guard.read_only)
        self._catalog_lock = threading.Lock()
        self._loaded: list[Unit] | None = None
        self._rest: Iterator[Unit] | None = None
        self._finish: Callable[[], PoCatalog] | None = None  # the rest of a head-first read
        self.units_complete = threading.Event()
        self._memory = TranslationMemory()
        self.history = History()
        #: Called with the units just saved, after each successful save (the project's
        #: translation memory records them: services.session_memory).
        self.on_saved: list[Callable[[list[Unit]], None]] = []
        #: Where suggestions come from, in the order they are numbered (see services.suggestions).
        self.suggestion_sources: list[SuggestionSource] = default_sources(self._memory, reference)
        #: (id, source) → index, built when recovery or a merge needs it (:meth:`_index_of`).
        self._by_key: dict[tuple[str, str], int] | None = None
        self._take(units)

    @classmethod
    def open(
        cls,
        path: Path,
        glossaries: Sequence[Path] = (),
        reference: Path | None = None,
        *,
        journal: bool = True,
        fast: bool = True,
        head: int | None = None,
        lock: bool = False,
    ) -> EditSession:
        """Open a PO file for editing and look for the journals left behind to recover.

        With ``lock`` (an editor window) the file's advisory lock is taken; when another
        editor holds it, or the file cannot be written, the session is a read-only view
        (:attr:`read_only`, :meth:`read_only_reason`) until :meth:`open_anyway`.

        With ``fast`` the units come from the quick scanner and the full catalogue (needed
        to save) is read later by :meth:`load_catalog`, off the UI thread. With ``head`` only
        the first ``head`` units (and at least up to the first that needs work) are read now;
        :meth:`read_rest` and :meth:`extend` add the others. A file the scanner does not
        understand, and a malformed one, go through the full parser, which raises
        :class:`UserError` with file and line.
        """
        path = Path(path)
        first = read_for_editing(path, fast=fast, head=head)
        session = cls(
            path,
            first.units,
            first.fingerprint,
            catalog=first.catalog,
            glossary_paths=glossaries,
            reference=reference,
            journal=journal,
            lock=lock,
        )
        if first.rest is not None:
            session._rest = first.rest
            session._finish = first.finish
            session.units_complete.clear()
        return session

    # --- reading a big file in two steps ----------------------------------------------

    @property
    def complete(self) -> bool:
        """True once every unit of the file is in :attr:`units`."""
        return self.units_complete.is_set()

    def read_rest(self) -> list[Unit] | None:
        """Read the units not read at open (any thread). ``None``: the rest of the file is
        malformed; :meth:`load_catalog` then raises the error with file and line.
        """
        rest = self._rest
        if rest is None:
            return []
        try:
            return list(rest)
        except UserError:
            return None

    def extend(self, more: list[Unit] | None) -> None:
        """Add the units :meth:`read_rest` returned (UI thread)."""
        self._rest = None
        if more is None:
            return  # adopt_catalog() will put the full parser's units in place
        start = len(self.units)
        self.units.extend(more)
        self.saved.extend(more)
        for offset, unit in enumerate(more, start=start):
            if self._by_key is not None:
                self._by_key.setdefault((unit.id, unit.source), offset)
            self._count(unit, +1)
        self._memory.add(more, start)
        self.units_complete.set()

    def ensure_complete(self) -> None:
        """Every unit in place now (UI thread; slow on a big file not yet read)."""
        if self._rest is not None:
            self.extend(self.read_rest())
        if not self.complete:
            self.ensure_catalog()

    def _take(self, units: list[Unit]) -> None:
        self._rest = None
        self.units_complete.set()
        self.units = list(units)
        self.saved = list(units)
        self.dirty = set()
        self.progress = Progress.of(self.units)
        self._by_key = None
        self._memory.reset(self.units)
        self.history.clear()
        self.qa.forget()

    # --- the full catalogue (for saving) ----------------------------------------------

    @property
    def catalog_loaded(self) -> bool:
        return self.catalog is not None and self._loaded is None

    def load_catalog(self) -> None:
        """Read the full-fidelity catalogue (slow on big files: any thread may call this).

        The units it yields are put in place by :meth:`adopt_catalog` on the UI thread.
        """
        with self._catalog_lock:
            if self.catalog is not None:
                return
            finish, self._finish = self._finish, None
            catalog = finish() if finish is not None else PoCatalog.load(self.path)
            fp = self.fingerprint
            if (
                fp is not None
                and catalog.fingerprint is not None
                and catalog.fingerprint.digest != fp.digest
            ):
                catalog.fingerprint = fp  # changed between scan and load: saving must notice
            self._loaded = catalog.units()
            self.catalog = catalog

    def adopt_catalog(self) -> bool:
        """Use the full parser's units if they differ from the scan's (keeps unsaved edits).

        Returns ``True`` if the units had to be replaced.
        """
        full = self._loaded
        if full is None:
            return False
        self._loaded = None
        if full == self.saved:
            return False
        mine = [self.units[i] for i in sorted(self.dirty)]
        self._take(full)
        self._replay(mine)
        return True

    def ensure_catalog(self) -> PoCatalog:
        """The full catalogue, loading and adopting it now if needed (UI thread)."""
        self.load_catalog()
        self.adopt_catalog()
        assert self.catalog is not None
        return self.catalog

    # --- reading ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.units)

    @property
    def is_dirty(self) -> bool:
        return bool(self.dirty or self.orphans)

    def needs_work(self, i: int) -> bool:
        return self.units[i].state.needs_work

    def next_needing_work(
        self, start: int = -1, forward: bool = True, wrap: bool = True
    ) -> int | None:
        """The next unit after ``start`` (before it, if not ``forward``) that needs work."""
        n = len(self.units)
        if not n:
            return None
        step = 1 if forward else -1
        order: Iterable[int] = range(start + step, n) if forward else range(start + step, -1, -1)
        for i in order:
            if self.units[i].state.needs_work:
                return i
        if wrap:
            rest = range(0, min(start + 1, n)) if forward else range(n - 1, max(start, -1), -1)
            for i in rest:
                if i != start and self.units[i].state.needs_work:
                    return i
        return None

    def first_needing_work(self) -> int:
        """Where a translator starts: the first unit that needs work, else the first unit."""
        found = self.next_needing_work(-1)
        return found if found is not None else 0

    def filter_indices(self, flt: SegmentFilter) -> Sequence[int]:
        """Indices of the units that pass the filter, in file order."""
        if flt.empty:
            return range(len(self.units))
        return [i for i in range(len(self.units)) if self.passes(i, flt)]

    def passes(self, i: int, flt: SegmentFilter) -> bool:
        """Does unit ``i`` as it stands now pass the filter?"""
        unit = self.units[i]
        if flt.states and unit.state not in flt.states:
            return False
        needle = flt.text.casefold()
        if needle and not _has_text(unit, needle):
            return False
        if flt.qa is not None:
            found = self.findings(i)
            if not found or (flt.qa and not any(f.check == flt.qa for f in found)):
                return False
        return True

    @property
    def support(self) -> Support | None:
        """The glossary and QA checks, once :meth:`load_support` has loaded them."""
        return self.qa.support

    def load_support(self) -> Support:
        """Load the glossary and QA checks once (slow-ish: call it off the UI thread)."""
        return self.qa.load()

    @property
    def glossary_paths(self) -> list[Path]:
        """The glossary files the session checks against."""
        return list(self.qa.glossary_paths)

    def use_glossaries(self, paths: Sequence[Path]) -> Support:
        """Check against ``paths`` from now on, read afresh (slow-ish: off the UI thread)."""
        return self.qa.reload(paths)

    def term_hits(self, i: int) -> list[TermHit]:
        """Glossary terms in unit ``i``'s source (empty until :meth:`load_support`)."""
        return self.qa.term_hits(i, self.units[i])

    def findings(self, i: int) -> list[FindingView]:
        """QA findings for unit ``i`` as it stands now; cached per target text.

        An unresolved merge conflict comes first, whether or not the checks are loaded.
        """
        unit = self.units[i]
        found = self.qa.findings(i, unit)
        if unit.conflict:
            return [finding_view(conflict_finding(unit)), *found]
        return found

    def misspellings(self, i: int) -> list[Misspelling]:
        """The misspelt words of unit ``i``'s target as it stands now (character spans for
        the editor; empty until :meth:`load_support` or without a dictionary)."""
        return self.qa.misspellings(i, self.units[i])

    def misspelling_near(self, i: int, offset: int) -> Misspelling | None:
        """The misspelt word of unit ``i``'s target at character ``offset`` (the cursor), else
        the last one before it, else the first one; ``None`` when there is none."""
        found = self.misspellings(i)
        at = [m for m in found if m.start <= offset <= m.end]
        before = [m for m in found if m.end < offset]
        return next(iter(at or before[-1:] or found), None)

    def spelling_suggestions(self, word: str) -> tuple[str, ...]:
        """The dictionary's suggestions for a misspelt word, best first (slow the first time
        for a word: ask off the UI thread)."""
        return self.qa.spelling_suggestions(word)

    def add_word(self, word: str) -> Path:
        """Add ``word`` to the project's word list; the spelling check and the underlining
        accept it at once. Returns the list's path (:class:`UserError` outside a project)."""
        return self.qa.add_word(word)

    def suggestions(self, i: int, slow: bool | None = None, form: int = 0) -> list[Suggestion]:
        """Suggestions for unit ``i`` from every source in order (``slow``: only the slow
        sources, or only the fast ones; ``None``: all); for plural form ``form`` of a
        plural entry, suggestions for its source (``msgid_plural`` after the first)."""
        units: Sequence[Unit] = self.units
        text = units[i].form_sources[form] if form else units[i].source
        if text != units[i].source:
            units = list(units)  # the sources see the unit as one with that source
            units[i] = replace(units[i], source=text)
        out: list[Suggestion] = []
        for source in self.suggestion_sources:
            if slow is None or source.slow == slow:
                out.extend(source.suggest(units, i))
        return out

    def suggestion_notes(self, i: int) -> list[str]:
        """Why sources have nothing for unit ``i`` (a reference block without a counterpart…)."""
        units = self.units
        return [n for n in (source.note(units, i) for source in self.suggestion_sources) if n]

    def take_notices(self) -> list[str]:
        """What the suggestion sources have to say once about the whole file (each notice is
        given once; asked after :meth:`suggestions`, which is when a source learns it)."""
        return [n for source in self.suggestion_sources for n in source.notices()]

    def add_suggestion_source(self, source: SuggestionSource, position: int | None = None) -> None:
        """Offer another kind of suggestion (appended, or inserted at ``position``)."""
        if position is None:
            self.suggestion_sources.append(source)
        else:
            self.suggestion_sources.insert(position, source)

    # --- editing ---------------------------------------------------------------------

    def set_target(self, i: int, text: str, form: int = 0) -> Unit:
        """A person typed ``text`` (in plural form ``form``; 0: the target): a draft until
        confirmed; empty is untranslated.

        Keystrokes in one unit make one undoable change (see :class:`History`).
        """
        unit = self.units[i]
        if text == unit.forms[form]:
            return unit
        self.history.typed(i, unit, self.units)
        return self._put(i, self._typed(i, text, form))

    def _typed(self, i: int, text: str, form: int = 0) -> Unit:
        """Unit ``i`` with ``text`` written by a person in plural form ``form``: the saved
        value when every form is as saved again, untranslated when every form is empty,
        else a draft."""
        unit = self.units[i].with_form(form, text)
        saved = self.saved[i]
        if unit.forms == saved.forms:
            return saved
        return replace(unit, fuzzy=any(unit.forms), review=None)

    def apply(self, label: str, new: dict[int, Unit], join: bool = False) -> Change:
        """Put several units in place as one undoable change called ``label``.

        Every command that changes units goes through here (confirm, review, revert, a
        suggestion taken, find and replace, propagation…), so Ctrl+Z undoes any of them.
        ``join``: part of the last change if that has the same label and nothing came
        between (see :meth:`History.join`).
        """
        units = self.units
        self.history.close_run(units)
        before = {i: units[i] for i in new}
        for i, unit in new.items():
            self._put(i, unit)
        change = Change.of(label, before, {i: units[i] for i in new})
        if join:
            self.history.join(change)
        else:
            self.history.record(change)
        return change

    def write_text(self, i: int, text: str, label: str, form: int = 0) -> Unit:
        """Put ``text`` in unit ``i`` (plural form ``form``) as a person's edit (a
        suggestion taken, MT copied)."""
        self.apply(label, {i: self._typed(i, text, form)})
        return self.units[i]

    def confirm(self, i: int) -> Unit:
        """Confirm the target: translated (reviewed stays reviewed); empty stays untranslated,
        and so does a plural entry with a form still empty (it stays a draft)."""
        unit = self.units[i]
        if not unit.target or unit.missing_forms or unit.state >= ReviewState.TRANSLATED:
            self.history.close_run(self.units)
            return unit
        self.apply("confirm", {i: unit.confirmed()})
        return self.units[i]

    def review(self, i: int, by: str | None = None, at: str | None = None) -> Unit:
        """Mark the target reviewed by ``by`` (default :func:`reviewer_name`) at ``at`` (UTC)."""
        unit = self.units[i]
        if not unit.target or unit.missing_forms:
            return unit
        self.apply("review", {i: unit.reviewed(by or self.reviewer, at or utc_now())})
        return self.units[i]

    @cached_property
    def translator(self) -> str:
        """Who a save names in the header's ``Last-Translator`` (asked once)."""
        return translator_name()

    @cached_property
    def reviewer(self) -> str:
        """Who reviews in this session, looked up once (it may ask ``git config``)."""
        return reviewer_name()

    def apply_draft(
        self,
        i: int,
        target: str,
        origin: MtOrigin,
        plurals: Sequence[str] = (),
        batch: int = 0,
    ) -> Unit:
        """Put a machine draft into unit ``i`` (a draft, with its MT origin); ``plurals``:
        a plural entry's further forms. The drafts of one batch (``batch`` > 0, Shift+F5)
        are one change: one Ctrl+Z undoes them all."""
        label = f"MT drafts (batch {batch})" if batch else "MT draft"
        self.apply(label, {i: self.units[i].drafted(target, origin, plurals)}, join=batch > 0)
        return self.units[i]

    def offer_draft(self, i: int, target: str, origin: MtOrigin) -> None:
        """An MT draft for unit ``i``, which a person already translated: offered as its
        first suggestion, the translation left as it is."""
        offers = next(s for s in self.suggestion_sources if isinstance(s, MtOffers))
        offers.offer(self.units[i], target, origin.model or origin.engine)

    def resolve_conflict(self, i: int, side: Side) -> Unit:
        """Settle unit ``i``'s merge conflict with one side's text (see :meth:`Unit.resolved`)."""
        unit = self.units[i]
        candidate = unit.candidate(side)
        if candidate is None:
            raise ValueError(f"segment {i + 1} has no {side} candidate")
        self.apply(f"took {side}", {i: unit.resolved(candidate)})
        return self.units[i]

    def revert(self, i: int) -> Unit:
        """Undo every unsaved change to unit ``i``: back to the saved value (undoable)."""
        self.apply("revert", {i: self.saved[i]})
        return self.units[i]

    def replace_targets(self, label: str, texts: dict[int, tuple[str, ...]]) -> Change:
        """New translations for several units (find and replace), every form of each
        (``texts[i]`` as :attr:`Unit.forms`), as one undoable change.

        A unit keeps its state (a translated unit stays translated: the person chose the
        replacement with a preview), except that a review mark goes, since the reviewed
        text is no longer there, and emptied forms are untranslated.
        """
        new = {}
        for i, forms in texts.items():
            unit = self.units[i]
            if tuple(forms) == unit.forms:
                continue
            changed = replace(unit.with_forms(forms), review=None)
            new[i] = changed if any(forms) else replace(changed, fuzzy=False)
        return self.apply(label, new)

    def set_notes(self, i: int, notes: Sequence[str]) -> Unit:
        """Replace unit ``i``'s translator notes (``#`` comments gettext keeps), undoably."""
        lines = tuple(line.rstrip() for line in notes)
        self.apply("note", {i: replace(self.units[i], notes=lines)})
        return self.units[i]

    def typing_in(self, i: int) -> bool:
        """Whether the keystrokes in unit ``i`` are the newest change, not yet one step of
        the undo history (while they are, the editor's own undo takes them back)."""
        return self.history.typing_at == i

    def undo(self) -> UndoResult | None:
        """Undo the last change (``None`` if there is none)."""
        change = self.history.pop_undo(self.units)
        return None if change is None else self._restore(change, change.inverse())

    def redo(self) -> UndoResult | None:
        """Do the last undone change again (``None`` if there is none)."""
        change = self.history.pop_redo(self.units)
        return None if change is None else self._restore(change, change)

    def _restore(self, change: Change, way: Change) -> UndoResult:
        applied, skipped = [], []
        for edit in way.edits:
            if self.units[edit.at] == edit.before:
                self._put(edit.at, edit.after)
                applied.append(edit.at)
            else:
                skipped.append(edit.at)
        return UndoResult(change, applied, skipped)

    def _put(self, i: int, new: Unit) -> Unit:
        old = self.units[i]
        if new == old:
            return old
        self.guard.check()
        self._count(old, -1)
        self._count(new, +1)
        self.units[i] = new
        if new == self.saved[i]:
            self.dirty.discard(i)
        else:
            self.dirty.add(i)
        self._memory.update(i, new)
        if self.dirty or self.orphans:
            self.journaling.record(new, self.fingerprint)
        else:  # back to the saved state (undone, reverted): nothing is left to recover
            self.journaling.clear()
        return new

    def _index_of(self, unit_id: str, source: str) -> int | None:
        """The index of the unit with this id and source (the first, if several)."""
        if self._by_key is None:
            by_key: dict[tuple[str, str], int] = {}
            for i, u in enumerate(self.units):
                by_key.setdefault((u.id, u.source), i)
            self._by_key = by_key
        return self._by_key.get((unit_id, source))

    def _landing(self, saved: Unit, edited: Unit) -> tuple[int | None, Unit, Unit]:
        """Where an unsaved edit lands in the file just read, with its saved text and its
        edit as they stand there: its own entry; else the entry msgmerge made of it after
        rewording its msgid, the edit moved there fuzzy under the ``#| msgid``, as the git
        merge driver carries it (``threeway.carry``); else nowhere (``None``)."""
        i = self._index_of(edited.id, edited.source)
        if i is not None or (i := self._successor_of(edited)) is None:
            return i, saved, edited
        new = self.units[i]
        unchanged = new.forms == saved.forms or not any(new.forms)
        return i, new if unchanged else saved.moved_to(new), edited.moved_to(new)

    def _successor_of(self, unit: Unit) -> int | None:
        """The index of the unit msgmerge made of ``unit``'s entry after its msgid changed
        (its ``#| msgid`` names it, same msgctxt and plural shape); None if there is none."""
        for i, other in enumerate(self.units):
            if other.replaces(unit):
                return i
        return None

    def _count(self, unit: Unit, sign: int) -> None:
        state = unit.state
        self.progress.segments[state] += sign
        self.progress.words[state] += sign * word_count(unit.source)
        if unit.conflict:
            self.progress.conflicts += sign

    # --- other editors: the lock ------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True while edits are refused: another editor has the file, or it is read-only."""
        return self.guard.read_only

    def read_only_reason(self) -> str:
        """Why the view is read-only, for a person ("" when it is not)."""
        return self.guard.reason()

    @property
    def open_elsewhere(self) -> bool:
        """True if another editor holds the file's lock (the translator may open anyway)."""
        return self.guard.holder is not None

    def open_anyway(self) -> None:
        """Edit although another editor has the file open: with this editor's own journal;
        saving merges, and a segment both changed is shown side by side.
        """
        self.guard.open_anyway()
        self.journaling.enable()

    # --- crash safety: the journal -----------------------------------------------------

    @property
    def journal(self) -> Journal | None:
        """The journal file of unsaved edits (``None`` when off, or when it failed)."""
        return self.journaling.journal

    @property
    def recovery(self) -> Recovery | None:
        """Unsaved edits earlier editors left in their journals, until answered."""
        return self.journaling.recovery

    @property
    def journal_error(self) -> str:
        """Why the journal was switched off ("" while it works)."""
        return self.journaling.error

    def sync_journal(self) -> None:
        """Make sure every journaled edit is on disk (call on segment changes and quit)."""
        self.journaling.sync()

    # --- recovery --------------------------------------------------------------------

    def recovery_summary(self) -> str:
        """What the journals left behind hold (whose, how many edits, any disagreement)."""
        return self.journaling.summary(self.fingerprint)

    def recover(self) -> MergeResult:
        """Replay every journal left behind onto the units (they become unsaved edits).

        A segment two journals changed differently gets both texts as conflict candidates
        (the newer as "ours"), shown side by side; the journals are deleted once their
        edits are in this editor's own journal.
        """
        if self.recovery is None:
            return MergeResult(0)
        self.ensure_complete()
        recovery, claimed = self.journaling.claim()
        result = self._replay(recovery.records)
        conflicts, conflict_at = [], []
        for d in recovery.disagreements:
            i = self._index_of(*d.key)
            if i is None:
                result.missing.append(entry_name(*d.key))
                both = (
                    Candidate("ours", (d.ours.target,)),
                    Candidate("theirs", (d.theirs.target,)),
                )
                self._keep_orphan(d.ours, both)
                continue
            mine = self._record_unit(i, d.ours)
            theirs = self._record_unit(i, d.theirs)
            self._put(i, _conflicted(self.saved[i], mine, theirs, d.ours_from, d.theirs_from))
            conflicts.append(entry_name(*d.key))
            conflict_at.append(i)
        self.journaling.sync()  # the edits are safe in our journal before theirs go
        self.journaling.release(p for p in claimed if p not in recovery.kept)
        return MergeResult(
            result.applied + len(conflict_at), conflicts, result.missing, conflict_at, recovery.kept
        )

    def discard_recovery(self) -> None:
        """Throw the journals left behind away."""
        self.journaling.discard_recovery()

    def discard_edits(self) -> None:
        """The translator quits without saving: this window's journal goes with its edits
        (journals other editors left behind stay, offered at the next open)."""
        self.journaling.clear()

    def _record_unit(self, i: int, record: JournalRecord) -> Unit:
        """Unit ``i`` as a journal record leaves it."""
        return replace(
            self.units[i],
            target=record.target,
            plural_forms=record.plurals_for(self.units[i]),
            fuzzy=record.fuzzy,
            review=record.review,
            origin=record.origin,
            conflict=record.conflict,
        )

    def _replay(self, records: Iterable[JournalRecord | Unit]) -> MergeResult:
        applied = 0
        missing = []
        for record in records:
            i = self._index_of(record.id, record.source)
            if i is None:
                missing.append(entry_name(record.id, record.source))
                self._keep_orphan(record)
                continue
            unit = self.units[i]
            new = replace(
                unit,
                target=record.target,
                plural_forms=(
                    record.plural_forms if isinstance(record, Unit) else record.plurals_for(unit)
                ),
                fuzzy=record.fuzzy,
                review=record.review,
                origin=record.origin,
                # the record's own candidates; else a merge conflict on disk stays until a
                # confirmed record settles it
                conflict=record.conflict or (unit.conflict if record.fuzzy else ()),
                notes=unit.notes if record.notes is None else record.notes,
            )
            self._put(i, new)
            applied += 1
        return MergeResult(applied, [], missing)

    def _keep_orphan(
        self, record: JournalRecord | Unit, conflict: tuple[Candidate, ...] = ()
    ) -> None:
        """Keep an edit whose segment is gone as an obsolete entry for the next save (one
        per segment: a later edit replaces an earlier), and in the journal meanwhile. A
        plural entry's further forms are not in a journal record: its first form is kept."""
        if not record.target.strip():
            return
        unit = (
            record
            if isinstance(record, Unit)
            else Unit(
                record.id,
                record.source,
                record.target,
                fuzzy=record.fuzzy,
                review=record.review,
                origin=record.origin,
            )
        )
        orphan = replace(unit, obsolete=True, conflict=conflict)
        key = (orphan.id, orphan.source)
        self.orphans = [o for o in self.orphans if (o.id, o.source) != key] + [orphan]
        self.journaling.record(orphan, self.fingerprint)

    # --- saving and conflicts --------------------------------------------------------

    def disk_stat_changed(self) -> bool:
        """A cheap first look (size and mtime only): might the file have changed on disk?"""
        fp = self.fingerprint
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return fp is not None
        return fp is None or (stat.st_size, stat.st_mtime_ns) != (fp.size, fp.mtime_ns)

    def changed_on_disk(self) -> bool:
        """True if the file on disk is no longer the one read or last saved.

        When only the stat changed (a ``touch``), the fingerprint takes the new stat, so the
        cheap :meth:`disk_stat_changed` look does not lead to re-hashing the file every time.
        """
        now = Fingerprint.of(self.path)
        changed = Fingerprint.content_changed(self.fingerprint, now)
        if not changed and now is not None and self.fingerprint is not None:
            self.fingerprint = now
        return changed

    def begin_save(self) -> dict[int, Unit]:
        """Write the dirty units into the catalogue (UI thread); returns what is being saved."""
        catalog = self.ensure_catalog()
        snapshot = {i: self.units[i] for i in sorted(self.dirty)}
        for unit in snapshot.values():
            catalog.apply(unit)
        self._saving_orphans = tuple(self.orphans)
        for orphan in self._saving_orphans:
            catalog.apply(orphan)
        return snapshot

    def write(self, force: bool = False) -> Path:
        """Write the catalogue atomically (may run in a worker thread).

        Raises :class:`ChangedOnDiskError` if the file changed on disk since it was read.
        """
        catalog = self.catalog
        if catalog is None:
            raise RuntimeError("begin_save() first")
        path = catalog.save(force=force, translator=self.translator)
        self.fingerprint = catalog.fingerprint
        return path

    def end_save(self, snapshot: dict[int, Unit]) -> None:
        """After a successful write: the snapshot is the saved state; the journal restarts."""
        for i, unit in snapshot.items():
            self.saved[i] = unit
            if self.units[i] == unit:
                self.dirty.discard(i)
        saved_orphans = {id(o) for o in self._saving_orphans}
        self.orphans = [o for o in self.orphans if id(o) not in saved_orphans]
        self._saving_orphans = ()
        unsaved = [*(self.units[i] for i in sorted(self.dirty)), *self.orphans]
        self.journaling.restart(unsaved, self.fingerprint)
        saved = list(snapshot.values())
        for listener in self.on_saved:
            listener(saved)

    def save(self, force: bool = False) -> Path:
        """Save now: atomic, refusing to clobber a file changed on disk (unless ``force``)."""
        snapshot = self.begin_save()
        path = self.write(force=force)
        self.end_save(snapshot)
        return path

    def reload(self) -> None:
        """Read the file from disk again, dropping unsaved edits."""
        self._reread()
        self.orphans = []
        self.journaling.clear()

    def _reread(self) -> None:
        # read as at open: the catalogue keeps the units, not every parsed entry besides
        catalog = StagedRead(self.path).catalog()
        with self._catalog_lock:
            self.catalog = catalog
            self._loaded = None
            self.fingerprint = catalog.fingerprint
        self._take(catalog.units())

    def merge_from_disk(self) -> MergeResult:
        """Read the changed file and put the unsaved edits on top of it.

        A unit both sides changed, to different texts, keeps both: this session's text
        stays in the editor as a draft, and the unit carries the two as conflict candidates
        (ours, theirs, and the text before both), so the translator picks one side by side
        and nothing is dropped. They are listed in ``conflicts``; an edited unit that no
        longer exists on disk is listed in ``missing`` and kept in :attr:`orphans`.
        """
        mine = [(self.saved[i], self.units[i]) for i in sorted(self.dirty)]
        self._reread()
        self.journaling.clear()
        plain, conflicts, conflict_at = [], [], []
        for saved, edited in mine:
            i, base, unit = self._landing(saved, edited)
            theirs = self.units[i] if i is not None else None
            if i is None or theirs is None or _same_text(theirs, base) or _same_text(theirs, unit):
                plain.append(unit)
                continue
            self._put(i, _conflicted(base, unit, theirs, YOURS, SAVED_ELSEWHERE))
            conflicts.append(entry_name(unit.id, unit.source))
            conflict_at.append(i)
        result = self._replay(plain)
        return MergeResult(
            result.applied + len(conflict_at), conflicts, result.missing, conflict_at
        )

    def close(self) -> None:
        """Stop journaling (the journal file stays if there are unsaved edits) and let go of
        the file's lock."""
        self.journaling.close()
        self.guard.release()
        for source in self.suggestion_sources:
            source.close()

    def __enter__(self) -> EditSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: How conflict candidates from two editors are labelled.
YOURS = "Yours: this window's unsaved edit"
SAVED_ELSEWHERE = "Theirs: saved to the file meanwhile"


def _has_text(unit: Unit, needle: str) -> bool:
    """Does ``needle`` (case-folded) occur in the unit's source or target, or in a plural
    entry's plural source or other forms?"""
    texts: tuple[str, ...] = (unit.source, unit.target)
    if unit.source_plural is not None:
        texts += (unit.source_plural, *unit.forms[1:])
    return any(needle in text.casefold() for text in texts)


def _same_text(a: Unit, b: Unit) -> bool:
    return (a.forms, a.fuzzy, a.review) == (b.forms, b.fuzzy, b.review)


def _conflicted(base: Unit, ours: Unit, theirs: Unit, ours_from: str, theirs_from: str) -> Unit:
    """``ours`` as a draft carrying both texts (and the one before) as conflict candidates.

    A side that already carries an unsettled conflict keeps it: its candidates are not
    replaced, so a git merge conflict is never lost under a newer one.
    """
    if ours.conflict or theirs.conflict:
        return ours if ours.conflict else replace(ours, conflict=theirs.conflict, fuzzy=True)

    def side(unit: Unit, name: Side, label: str) -> Candidate:
        return Candidate(name, unit.forms, unit.fuzzy, unit.review, label)

    return replace(
        ours,
        fuzzy=True,
        conflict=(
            side(base, "base", "Before both changes"),
            side(ours, "ours", ours_from),
            side(theirs, "theirs", theirs_from),
        ),
    )
