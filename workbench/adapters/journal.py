"""A side-file journal of unsaved edits, so a crash or a kill loses no typing.

Every change a translator makes to a unit (target text, draft flag, review mark, MT origin)
is appended as one JSON line to ``.NAME.po.wbjournal`` next to the PO file. Each line is
written and flushed at once (it survives the process being killed); ``fsync`` runs at most
once a second and on :meth:`Journal.sync` (so it survives a power cut too, up to that second).
The first line names the PO's content hash when editing began, so recovery can tell whether
the PO was changed since. A successful save clears the journal; the next open that finds
one offers to replay it. A half-written last line (a crash mid-write) is skipped.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from workbench.domain.units import MtOrigin, ReviewMark, Unit

SUFFIX = ".wbjournal"
FORMAT_VERSION = 1
FSYNC_INTERVAL = 1.0


def journal_path(po_path: Path) -> Path:
    """Where the journal of ``po_path`` lives: a hidden sibling, ``.NAME.po.wbjournal``."""
    po_path = Path(po_path)
    return po_path.with_name(f".{po_path.name}{SUFFIX}")


@dataclass(frozen=True)
class JournalRecord:
    """One unit as it stood after an edit: enough to put the edit back."""

    id: str
    source: str
    target: str
    fuzzy: bool
    review: ReviewMark | None
    origin: MtOrigin | None
    at: float

    @classmethod
    def of(cls, unit: Unit, at: float | None = None) -> JournalRecord:
        return cls(
            unit.id,
            unit.source,
            unit.target,
            unit.fuzzy,
            unit.review,
            unit.origin,
            at or time.time(),
        )

    def to_json(self) -> dict[str, Any]:
        review = self.review.to_dict() if self.review is not None else None
        origin = self.origin.to_dict() if self.origin is not None else None
        return {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "fuzzy": self.fuzzy,
            "review": review,
            "origin": origin,
            "t": round(self.at, 3),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JournalRecord:
        raw_review, raw_origin = data.get("review"), data.get("origin")
        review = ReviewMark.from_dict(raw_review) if isinstance(raw_review, dict) else None
        origin = MtOrigin.from_dict(raw_origin) if isinstance(raw_origin, dict) else None
        return cls(
            id=str(data["id"]),
            source=str(data["source"]),
            target=str(data["target"]),
            fuzzy=bool(data.get("fuzzy", False)),
            review=review,
            origin=origin,
            at=float(data.get("t", 0.0)),
        )


@dataclass(frozen=True)
class JournalContents:
    """What a journal file holds: the PO hash editing started from, and the last record per unit."""

    base_digest: str
    records: list[JournalRecord]
    skipped_lines: int


class Journal:
    """Append-only journal of one PO file's unsaved edits."""

    def __init__(self, po_path: Path) -> None:
        self.path = journal_path(po_path)
        self._handle: IO[str] | None = None
        self._last_sync = 0.0
        self._pending_sync = False

    def exists(self) -> bool:
        """True if a journal is on disk (unsaved edits of this or an earlier session)."""
        return self.path.is_file() and self.path.stat().st_size > 0

    def start(self, base_digest: str) -> None:
        """Begin a fresh journal for edits on a PO whose content hash is ``base_digest``."""
        self.close()
        handle = self.path.open("w", encoding="utf-8")
        header = {"workbench_journal": FORMAT_VERSION, "base": base_digest, "started": time.time()}
        handle.write(json.dumps(header, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
        self._handle = handle
        self._last_sync = time.monotonic()

    def append(self, unit: Unit) -> None:
        """Record the unit's current state. Call :meth:`start` first."""
        if self._handle is None:
            raise RuntimeError("journal not started")
        line = json.dumps(
            JournalRecord.of(unit).to_json(), ensure_ascii=False, separators=(",", ":")
        )
        self._handle.write(line + "\n")
        self._handle.flush()
        self._pending_sync = True
        if time.monotonic() - self._last_sync >= FSYNC_INTERVAL:
            self.sync()

    def sync(self) -> None:
        """Force what was appended onto the disk."""
        if self._handle is not None and self._pending_sync:
            os.fsync(self._handle.fileno())
            self._pending_sync = False
            self._last_sync = time.monotonic()

    @property
    def active(self) -> bool:
        return self._handle is not None

    def read(self) -> JournalContents:
        """The journal's records, the last one per unit in order of first edit.

        A damaged line (a crash mid-write leaves half a line at the end) is skipped and counted.
        """
        base = ""
        latest: dict[tuple[str, str], JournalRecord] = {}
        skipped = 0
        with self.path.open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                    if number == 0 and "workbench_journal" in data:
                        base = str(data.get("base", ""))
                        continue
                    record = JournalRecord.from_json(data)
                except (ValueError, KeyError, TypeError, AttributeError):
                    skipped += 1
                    continue
                latest[(record.id, record.source)] = record
        return JournalContents(base, list(latest.values()), skipped)

    def close(self) -> None:
        """Close the file, keeping it on disk."""
        if self._handle is not None:
            self.sync()
            self._handle.close()
            self._handle = None

    def clear(self) -> None:
        """Delete the journal: everything in it was saved (or discarded on purpose)."""
        self.close()
        self.path.unlink(missing_ok=True)
