"""Crash safety for the editing session: this editor's journal, and every journal left behind.

The journal files are :mod:`workbench.adapters.journal` (one per editor, each locked by its
running editor). This module holds the policy around them, apart from the session's
editing logic:

- each editor writes only its own journal, so two editors on one file never damage or
  delete each other's unsaved edits;
- at open, every journal no running editor holds is *left behind* (a crash, a kill, a quit
  without saving) and is offered for recovery: all of them, oldest first, never just one;
- recovering claims each journal (takes its lock, so a second editor recovering at the
  same moment skips it), merges their records per segment, and reports the segments that
  two journals changed differently, so the session can show both texts side by side;
- a journal that cannot be written switches itself off and says why, and editing goes on.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from workbench.adapters.journal import (
    Journal,
    JournalContents,
    JournalRecord,
    claim,
    journal_files,
    left_behind,
    read_journal,
)
from workbench.adapters.po import Fingerprint
from workbench.domain.units import Unit


@dataclass(frozen=True)
class Disagreement:
    """One segment two left-behind journals changed differently: the newest two edits."""

    key: tuple[str, str]
    ours: JournalRecord
    theirs: JournalRecord
    ours_from: str
    theirs_from: str


class _Edit(NamedTuple):
    """One journal's record of a segment's edit."""

    record: JournalRecord
    journal: JournalContents


@dataclass
class Recovery:
    """The journals left behind for one PO file, with their merged records."""

    journals: list[JournalContents]
    #: Each segment's edit, where every journal that touched it agrees (or only one did).
    records: list[JournalRecord] = field(default_factory=list)
    #: Segments two journals changed differently (shown side by side after recovery).
    disagreements: list[Disagreement] = field(default_factory=list)
    #: Journals kept on disk because a third different edit could not be shown.
    kept: list[Path] = field(default_factory=list)

    @classmethod
    def of(cls, journals: list[JournalContents]) -> Recovery:
        """Merge the journals' records, oldest journal first."""
        journals = sorted(journals, key=lambda j: (j.started or j.last_edit, str(j.path)))
        by_key: dict[tuple[str, str], list[_Edit]] = {}
        for journal in journals:
            for record in journal.records:
                by_key.setdefault(record.key, []).append(_Edit(record, journal))
        recovery = cls(journals)
        kept: set[Path] = set()
        for key, edits in by_key.items():
            distinct: list[_Edit] = []
            for edit in sorted(edits, key=lambda e: e.record.at):
                distinct = [d for d in distinct if not d.record.same_edit(edit.record)]
                distinct.append(edit)
            if len(distinct) == 1:
                recovery.records.append(distinct[0].record)
                continue
            theirs, ours = distinct[-2], distinct[-1]
            recovery.disagreements.append(
                Disagreement(
                    key,
                    ours.record,
                    theirs.record,
                    ours.journal.describe(),
                    theirs.journal.describe(),
                )
            )
            kept.update(d.journal.path for d in distinct[:-2] if d.journal.path is not None)
        recovery.kept = sorted(kept)
        return recovery

    @property
    def edits(self) -> int:
        """How many segments the journals hold edits for."""
        return len(self.records) + len(self.disagreements)


class RecoveryJournal:
    """The journal of this editor, and what earlier editors left behind for the same file."""

    def __init__(self, po_path: Path, enabled: bool = True) -> None:
        self.po_path = Path(po_path)
        self.journal: Journal | None = Journal(po_path) if enabled else None
        #: Edits earlier editors left unsaved, until recovered or discarded.
        self.recovery: Recovery | None = None
        #: Why the journal was switched off ("" while it works).
        self.error = ""
        #: The journals :meth:`claim` locked (path, descriptor) until :meth:`release`.
        self._claimed: list[tuple[Path, int]] = []
        if enabled:
            self.recovery = find_recovery(self.po_path)

    def enable(self) -> None:
        """Start journaling (a read-only view that the translator opens for editing)."""
        if self.journal is None and not self.error:
            self.journal = Journal(self.po_path)

    def record(self, unit: Unit, base: Fingerprint | None) -> None:
        """Journal ``unit``'s new value; the first record names the file ``base`` it edits."""
        journal = self.journal
        if journal is None:
            return
        try:
            if not journal.active:
                journal.start(base.digest if base else "")
            journal.append(unit)
        except OSError as exc:
            # Editing goes on; only the crash safety net is gone, and the UI says so.
            self.journal = None
            self.error = f"cannot write the journal {journal.path}: {exc.strerror or exc}"

    def sync(self) -> None:
        """Make sure every journaled edit is on disk."""
        if self.journal is not None:
            self.journal.sync()

    def summary(self, fp: Fingerprint | None) -> str:
        """What the journals left behind hold, and whether the file changed since.

        ``fp`` is the file as the session read it, so the file is not read again here.
        """
        recovery = self.recovery
        if recovery is None:
            return ""
        n = recovery.edits
        journals = recovery.journals
        whose = (
            f"from {journals[0].describe()}"
            if len(journals) == 1
            else f"from {len(journals)} earlier editors: "
            + "; ".join(j.describe() for j in journals)
        )
        changed = fp is not None and any(
            j.base_digest and j.base_digest != fp.digest for j in journals
        )
        parts = [f"{n} unsaved segment edit{'s' if n != 1 else ''} {whose}."]
        if recovery.disagreements:
            k = len(recovery.disagreements)
            parts.append(
                f"{k} segment{'s were' if k != 1 else ' was'} changed differently in two of "
                "them: both texts will be shown side by side."
            )
        if changed:
            parts.append("The PO file was changed since; the edits are put on the current file.")
        return " ".join(parts)

    def claim(self) -> tuple[Recovery, list[Path]]:
        """Take the journals left behind for replaying: lock each (one another editor is
        recovering right now is skipped), read it again. Release with :meth:`release`.
        """
        claimed: list[tuple[Path, int]] = []
        contents = []
        recovery = self.recovery
        for journal in recovery.journals if recovery is not None else []:
            path = journal.path
            fd = claim(path) if path is not None else None
            if path is None or fd is None:
                continue
            claimed.append((path, fd))
            contents.append(read_journal(path))
        self._claimed = claimed
        return Recovery.of(contents), [p for p, _ in claimed]

    def release(self, delete: Iterable[Path]) -> None:
        """Let go of the claimed journals, deleting those in ``delete`` (replayed or discarded)."""
        doomed = set(delete)
        for path, fd in self._claimed:
            if path in doomed:
                with contextlib.suppress(OSError):
                    path.unlink()
            os.close(fd)
        self._claimed = []
        self.recovery = None

    def discard_recovery(self) -> None:
        """Throw away what earlier editors left behind (the translator said so)."""
        _, paths = self.claim()
        self.release(paths)

    def clear(self) -> None:
        """Delete this editor's journal: its edits are saved, or dropped."""
        if self.journal is not None:
            self.journal.clear()

    def restart(self, unsaved: Iterable[Unit], base: Fingerprint | None) -> None:
        """After a save: the journal holds only the edits still unsaved, on the new ``base``."""
        self.clear()
        for unit in unsaved:
            self.record(unit, base)

    def close(self) -> None:
        """Stop journaling (the journal file stays if there are unsaved edits)."""
        if self.journal is not None:
            self.journal.close()


def find_recovery(po_path: Path) -> Recovery | None:
    """The journals left behind for ``po_path`` that hold edits (empty ones are deleted)."""
    found = []
    for path in left_behind(po_path):
        try:
            contents = read_journal(path)
        except OSError:
            continue
        if contents.records:
            found.append(contents)
        else:
            _delete_if_unheld(path)
    return Recovery.of(found) if found else None


def _delete_if_unheld(path: Path) -> None:
    """Delete a journal only while holding its lock (its editor may have just started)."""
    fd = claim(path)
    if fd is None:
        return
    try:
        if not read_journal(path).records:
            path.unlink()
    except OSError:
        pass
    finally:
        os.close(fd)


__all__ = [
    "Disagreement",
    "Recovery",
    "RecoveryJournal",
    "find_recovery",
    "journal_files",
]
