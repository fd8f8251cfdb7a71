"""Side-file journals of unsaved edits, one per editor, so a crash or a kill loses no typing.

Every change a translator makes to a unit (target text, draft flag, review mark, MT origin,
an unsettled conflict) is appended as one JSON line to the journal of the editor that made
it: ``.NAME.po.INSTANCE.wbjournal`` next to the PO file, where INSTANCE names the process
(``PID-RANDOM``). Two editors on one file therefore never share, truncate or delete each
other's journal. Each line is written and flushed at once (it survives the process being
killed); ``fsync`` runs at most once a second and on :meth:`Journal.sync` (so it survives a
power cut too, up to that second).

While an editor runs it holds an exclusive ``flock`` on its journal; the kernel drops the
lock when the process ends, however it ends. So a journal nobody holds was *left behind*
(:func:`left_behind`) and is offered for recovery; one that is held belongs to a running
editor and is left alone. The first line names the editor (pid, host, user, when) and the
PO's content hash when editing began, so recovery can say whose edits they are and whether
the PO changed since. A half-written last line (a crash mid-write) is skipped.

Journals of older versions (``.NAME.po.wbjournal``, and ones set aside with a time stamp
suffix) are found and offered too.
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import json
import os
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from workbench.adapters.files import host_name
from workbench.domain.units import Candidate, MtOrigin, ReviewMark, Unit

SUFFIX = ".wbjournal"
FORMAT_VERSION = 2
FSYNC_INTERVAL = 1.0


def new_instance() -> str:
    """A name for this editor's journal: the process id and a random part."""
    return f"{os.getpid()}-{secrets.token_hex(3)}"


def journal_path(po_path: Path, instance: str) -> Path:
    """Where editor ``instance`` journals ``po_path``: ``.NAME.po.INSTANCE.wbjournal``."""
    po_path = Path(po_path)
    return po_path.with_name(f".{po_path.name}.{instance}{SUFFIX}")


def journal_files(po_path: Path) -> list[Path]:
    """Every journal beside ``po_path``, held or not, oldest first (by modification time)."""
    po_path = Path(po_path)
    pattern = re.compile(
        rf"\.{re.escape(po_path.name)}\.(?:\d+-[0-9a-f]+\.)?wbjournal(?:\.[0-9A-Za-z]+)?"
    )
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(po_path.parent):
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                found.append(Path(entry.path))
    return sorted(found, key=_mtime)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def claim(path: Path) -> int | None:
    """Take the lock of a journal no running editor holds; the open descriptor (close it to
    let go), or ``None`` when an editor (or another recovery) holds it, or it is gone."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def is_held(path: Path) -> bool:
    """True if a running editor holds the journal at ``path`` (it is not left behind)."""
    fd = claim(path)
    if fd is None:
        return path.exists()
    os.close(fd)
    return False


def left_behind(po_path: Path) -> list[Path]:
    """The journals of ``po_path`` no running editor holds (crashed, killed, or quit unsaved)."""
    return [p for p in journal_files(po_path) if not is_held(p)]


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
    conflict: tuple[Candidate, ...] = ()
    #: A plural entry's further forms (msgstr[1], …); ``None``: not recorded (not plural).
    plurals: tuple[str, ...] | None = None
    #: The translator's note lines; ``None``: not recorded (a journal of an older version).
    notes: tuple[str, ...] | None = None

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
            unit.conflict,
            unit.plural_forms if unit.source_plural is not None else None,
            unit.notes,
        )

    def plurals_for(self, unit: Unit) -> tuple[str, ...] | None:
        """The plural forms this record leaves ``unit`` with (its own, if not recorded)."""
        if self.plurals is None or unit.plural_forms is None:
            return unit.plural_forms
        return self.plurals

    def to_json(self) -> dict[str, Any]:
        review = self.review.to_dict() if self.review is not None else None
        origin = self.origin.to_dict() if self.origin is not None else None
        data: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "target": self.target,
            "fuzzy": self.fuzzy,
            "review": review,
            "origin": origin,
            "t": round(self.at, 3),
        }
        if self.conflict:
            data["conflict"] = [c.to_dict() for c in self.conflict]
        if self.plurals is not None:
            data["plurals"] = list(self.plurals)
        if self.notes is not None:
            data["notes"] = list(self.notes)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JournalRecord:
        raw_review, raw_origin = data.get("review"), data.get("origin")
        review = ReviewMark.from_dict(raw_review) if isinstance(raw_review, dict) else None
        origin = MtOrigin.from_dict(raw_origin) if isinstance(raw_origin, dict) else None
        raw_conflict = data.get("conflict") or []
        raw_plurals = data.get("plurals")
        plurals = tuple(str(f) for f in raw_plurals) if isinstance(raw_plurals, list) else None
        raw_notes = data.get("notes")
        notes = tuple(str(n) for n in raw_notes) if isinstance(raw_notes, list) else None
        return cls(
            id=str(data["id"]),
            source=str(data["source"]),
            target=str(data["target"]),
            fuzzy=bool(data.get("fuzzy", False)),
            review=review,
            origin=origin,
            at=float(data.get("t", 0.0)),
            conflict=tuple(Candidate.from_dict(c) for c in raw_conflict),
            plurals=plurals,
            notes=notes,
        )

    @property
    def key(self) -> tuple[str, str]:
        """The unit it is about: (msgctxt, msgid)."""
        return (self.id, self.source)

    def same_edit(self, other: JournalRecord) -> bool:
        """True if both records leave the unit the same (times aside)."""
        return (self.target, self.plurals, self.fuzzy, self.review, self.conflict, self.notes) == (
            other.target,
            other.plurals,
            other.fuzzy,
            other.review,
            other.conflict,
            other.notes,
        )


@dataclass(frozen=True)
class JournalContents:
    """What one journal file holds: whose it is, the PO hash editing started from, and the
    last record per unit (in order of first edit)."""

    base_digest: str
    records: list[JournalRecord]
    skipped_lines: int
    path: Path | None = None
    pid: int = 0
    host: str = ""
    user: str = ""
    started: float = 0.0
    last_edit: float = field(default=0.0)

    def describe(self) -> str:
        """Whose edits these are, for a person: "editor 1234 (ana on host), 10:02–10:31"."""
        who = f"{self.user} on {self.host}" if self.user and self.host else self.host or ""
        start = (
            time.strftime("%Y-%m-%d %H:%M", time.localtime(self.started)) if self.started else ""
        )
        end = time.strftime("%H:%M", time.localtime(self.last_edit)) if self.last_edit else ""
        span = f"{start}–{end}" if start and end else start or end
        name = f"editor {self.pid}" if self.pid else "an earlier editor"
        return f"{name}{f' ({who})' if who else ''}{f', {span}' if span else ''}"


def read_journal(path: Path) -> JournalContents:
    """A journal file's header and its records, the last one per unit in order of first edit.

    A damaged line (a crash mid-write leaves half a line at the end) is skipped and counted.
    """
    header: dict[str, Any] = {}
    latest: dict[tuple[str, str], JournalRecord] = {}
    skipped = 0
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if number == 0 and isinstance(data, dict) and "workbench_journal" in data:
                    header = data
                    continue
                record = JournalRecord.from_json(data)
            except (ValueError, KeyError, TypeError, AttributeError):
                skipped += 1
                continue
            latest[record.key] = record
    records = list(latest.values())
    return JournalContents(
        base_digest=str(header.get("base", "")),
        records=records,
        skipped_lines=skipped,
        path=path,
        pid=_int(header.get("pid")),
        host=str(header.get("host", "")),
        user=str(header.get("user", "")),
        started=_float(header.get("started")),
        last_edit=max((r.at for r in records), default=0.0),
    )


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _float(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


class Journal:
    """The append-only journal of one editor's unsaved edits of one PO file."""

    def __init__(self, po_path: Path, instance: str | None = None) -> None:
        self.instance = instance or new_instance()
        self.path = journal_path(po_path, self.instance)
        self._handle: IO[str] | None = None
        self._last_sync = 0.0
        self._pending_sync = False

    def exists(self) -> bool:
        """True if this editor's journal is on disk."""
        return self.path.is_file() and self.path.stat().st_size > 0

    def start(self, base_digest: str) -> None:
        """Begin a fresh journal for edits on a PO whose content hash is ``base_digest``."""
        self.close()
        # made and locked under another name, then renamed: a journal seen under its own
        # name is always already locked, so nobody takes it for left behind
        fresh = self.path.with_name(self.path.name + "-new")
        fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fresh.replace(self.path)
        except OSError:
            os.close(fd)
            fresh.unlink(missing_ok=True)
            raise
        handle = open(fd, "w", encoding="utf-8")  # noqa: PTH123, SIM115 - held open while editing
        header = {
            "workbench_journal": FORMAT_VERSION,
            "base": base_digest,
            "started": time.time(),
            "pid": os.getpid(),
            "host": host_name(),
            "user": _user(),
        }
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
        """This journal's records (see :func:`read_journal`)."""
        return read_journal(self.path)

    def close(self) -> None:
        """Close the file (dropping the lock), keeping it on disk: it is now left behind."""
        if self._handle is not None:
            self.sync()
            self._handle.close()
            self._handle = None

    def clear(self) -> None:
        """Delete the journal: everything in it was saved (or discarded on purpose)."""
        self.path.unlink(missing_ok=True)  # while still locked: nobody takes it for left behind
        self.close()
