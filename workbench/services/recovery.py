"""Crash safety for the editing session: unsaved edits journaled, and offered back later.

The journal file itself is :class:`workbench.adapters.journal.Journal`. This module holds
the policy around it, apart from the session's editing logic: a journal an earlier session
left behind is offered for recovery and never overwritten (editing without answering sets
it aside with a time stamp); a journal that cannot be written switches itself off and says
why, and editing goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from workbench.adapters.journal import Journal, JournalContents
from workbench.adapters.po import Fingerprint
from workbench.domain.units import Unit


class RecoveryJournal:
    """The journal of one open PO file, and what an earlier session left in it."""

    def __init__(self, po_path: Path, enabled: bool = True) -> None:
        self.journal: Journal | None = Journal(po_path) if enabled else None
        #: Edits an earlier session left unsaved, until recovered or discarded.
        self.recovery: JournalContents | None = None
        #: Why the journal was switched off ("" while it works).
        self.error = ""
        if self.journal is not None and self.journal.exists():
            self.recovery = self.journal.read()
            if not self.recovery.records:
                self.journal.clear()
                self.recovery = None

    def record(self, unit: Unit, base: Fingerprint | None) -> None:
        """Journal ``unit``'s new value; the first record names the file ``base`` it edits."""
        journal = self.journal
        if journal is None:
            return
        try:
            if not journal.active:
                if self.recovery is not None:
                    self._set_aside()
                journal.start(base.digest if base else "")
            journal.append(unit)
        except OSError as exc:
            # Editing goes on; only the crash safety net is gone, and the UI says so.
            self.journal = None
            self.error = f"cannot write the journal {journal.path}: {exc.strerror or exc}"

    def _set_aside(self) -> None:
        """Keep an unresolved older journal instead of overwriting it."""
        if self.journal is not None and self.journal.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            self.journal.path.replace(
                self.journal.path.with_name(f"{self.journal.path.name}.{stamp}")
            )
        self.recovery = None

    def sync(self) -> None:
        """Make sure every journaled edit is on disk."""
        if self.journal is not None:
            self.journal.sync()

    def summary(self, fp: Fingerprint | None) -> str:
        """One line saying what a found journal holds, and whether the file changed since.

        ``fp`` is the file as the session read it, so the file is not read again here.
        """
        if self.recovery is None:
            return ""
        n = len(self.recovery.records)
        changed = (
            bool(self.recovery.base_digest)
            and fp is not None
            and fp.digest != self.recovery.base_digest
        )
        note = (
            " The PO file was changed since; the edits are put on the current file."
            if changed
            else ""
        )
        return f"{n} unsaved segment edit{'s' if n != 1 else ''} from an earlier session.{note}"

    def discard_recovery(self) -> None:
        """Forget the earlier session's edits (the caller replayed them, or threw them away)."""
        self.recovery = None
        self.clear()

    def clear(self) -> None:
        """Delete the journal: its edits are saved, or dropped."""
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
