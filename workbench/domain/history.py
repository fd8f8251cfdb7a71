"""Undo and redo across an editing session: every change to the units, named and reversible.

A :class:`Change` is what one command did — a revert, a suggestion taken, a confirm, a find
and replace over 300 segments, a propagation — as the units before and after, so undoing it
puts the "before" values back and redoing it the "after" ones. Typing is recorded as one
change per run of keystrokes in one segment (:meth:`History.typed`), closed when anything
else happens, so Ctrl+Z after moving on brings back what was typed there; keystroke-level
undo inside the segment being typed in stays with the editor.

Pure values and bookkeeping: the editing session applies the units and journals them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, MutableSequence
from dataclasses import dataclass
from typing import NamedTuple

from workbench.domain.units import Unit

#: How many changes can be undone; the oldest are forgotten first.
HISTORY_LIMIT = 500


class Edit(NamedTuple):
    """One unit's value before and after a change; ``at`` is its index in the session."""

    at: int
    before: Unit
    after: Unit


@dataclass(frozen=True, slots=True)
class Change:
    """What one command did: a label for people ("revert", "replace 'a' → 'b'") and edits."""

    label: str
    edits: tuple[Edit, ...]

    @property
    def indices(self) -> list[int]:
        """The indices the change touched, in order."""
        return [e.at for e in self.edits]

    def inverse(self) -> Change:
        """The change that undoes this one."""
        return Change(self.label, tuple(Edit(e.at, e.after, e.before) for e in self.edits))

    @classmethod
    def of(cls, label: str, before: Mapping[int, Unit], after: Mapping[int, Unit]) -> Change:
        """The change from ``before`` to ``after`` (same keys), dropping units left as they were."""
        edits = tuple(Edit(i, before[i], after[i]) for i in sorted(after) if before[i] != after[i])
        return cls(label, edits)


class _Run(NamedTuple):
    at: int
    before: Unit


class History:
    """The undo and redo stacks of one session, with the open run of typing."""

    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self._undo: deque[Change] = deque(maxlen=limit)
        self._redo: list[Change] = []
        self._run: _Run | None = None

    def record(self, change: Change) -> None:
        """Remember a change that was just applied (empty changes are ignored)."""
        if change.edits:
            self._undo.append(change)
            self._redo.clear()

    def join(self, change: Change) -> None:
        """Record ``change`` as part of the last change if that one has the same label and
        nothing came between them (a batch of MT drafts arriving one by one is one step
        to undo); else as a change of its own."""
        last = self._undo[-1] if self._undo else None
        if last is None or last.label != change.label or not change.edits:
            self.record(change)
            return
        self._undo[-1] = Change(last.label, last.edits + change.edits)
        self._redo.clear()

    @property
    def typing_at(self) -> int | None:
        """The unit with an open run of typing, if any (see :meth:`typed`)."""
        return None if self._run is None else self._run.at

    def typed(self, index: int, before: Unit, units: list[Unit]) -> None:
        """A keystroke is about to change unit ``index`` (now ``before``).

        Starts a run of typing there unless one is open; a run in another unit is closed
        first (see :meth:`close_run`).
        """
        run = self._run
        if run is not None and run.at == index:
            return
        self.close_run(units)
        self._run = _Run(index, before)
        self._redo.clear()

    def close_run(self, units: list[Unit]) -> None:
        """End the open run of typing, recording it as a change if it changed the unit."""
        run = self._run
        if run is None:
            return
        self._run = None
        if run.at < len(units) and units[run.at] != run.before:
            self._undo.append(Change("typing", (Edit(run.at, run.before, units[run.at]),)))

    def pop_undo(self, units: list[Unit]) -> Change | None:
        """The last change, to undo (the open run of typing is closed first)."""
        return self._move(units, self._undo, self._redo)

    def pop_redo(self, units: list[Unit]) -> Change | None:
        """The last undone change, to do again."""
        return self._move(units, self._redo, self._undo)

    def _move(
        self, units: list[Unit], source: MutableSequence[Change], to: MutableSequence[Change]
    ) -> Change | None:
        self.close_run(units)
        if not source:
            return None
        change = source.pop()
        to.append(change)
        return change

    def clear(self) -> None:
        """Forget everything (the units were replaced wholesale: indices no longer hold)."""
        self._undo.clear()
        self._redo.clear()
        self._run = None
