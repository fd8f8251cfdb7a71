"""An advisory lock on a PO file while an editor has it open.

The lock is an exclusive ``flock`` on a hidden file beside the PO, ``.NAME.po.wblock``
(beside the real file when the PO is a symlink, so every path to one file shares one
lock). The PO itself cannot carry the lock: every save replaces it with a new file. The
kernel drops a ``flock`` when its process ends, however it ends, so a crashed or killed
editor never leaves a stale lock behind; the file only says who holds it (process, host,
user, since when) so that a second editor can tell the translator.

It is advisory: the command line, git and other programs do not look at it. It exists so
two editor windows on one file know about each other; saving still refuses to clobber a
file changed on disk (see :mod:`workbench.adapters.po`).
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from workbench.adapters.files import host_name

SUFFIX = ".wblock"


def lock_path(po_path: Path) -> Path:
    """The lock file of ``po_path``: ``.NAME.po.wblock`` beside the real file."""
    real = Path(os.path.realpath(po_path))
    return real.with_name(f".{real.name}{SUFFIX}")


@dataclass(frozen=True, slots=True)
class Holder:
    """Who holds a lock, as its lock file says (fields empty when it could not be read)."""

    pid: int = 0
    host: str = ""
    user: str = ""
    since: float = 0.0

    def describe(self) -> str:
        """For a person: "workbench 1234 of ana on host, since 10:02"."""
        parts = [f"workbench {self.pid}" if self.pid else "another workbench"]
        if self.user or self.host:
            parts.append(f" of {self.user or '?'} on {self.host or '?'}")
        if self.since:
            parts.append(", since " + time.strftime("%H:%M", time.localtime(self.since)))
        return "".join(parts)


class EditLock:
    """The lock of one PO file, taken with :meth:`acquire` and dropped with :meth:`release`."""

    def __init__(self, po_path: Path) -> None:
        self.path = lock_path(po_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None

    def acquire(self) -> Holder | None:
        """Take the lock; ``None`` on success, else who holds it.

        Raises :class:`OSError` when no lock file can be made (a read-only folder).
        """
        if self._fd is not None:
            return None
        for _ in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(fd)
                os.close(fd)
                return holder
            except OSError:
                os.close(fd)
                raise
            if not _still_at(fd, self.path):  # its holder deleted it as we opened it: again
                os.close(fd)
                continue
            _write_holder(fd)
            self._fd = fd
            return None
        return Holder()

    def release(self) -> None:
        """Drop the lock and delete the lock file (deleted first, while still held)."""
        fd = self._fd
        if fd is None:
            return
        self._fd = None
        with contextlib.suppress(OSError):
            if _still_at(fd, self.path):
                self.path.unlink()
        os.close(fd)


def _still_at(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), path.stat()
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _write_holder(fd: int) -> None:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = ""
    data = json.dumps(
        {"pid": os.getpid(), "host": host_name(), "user": user, "since": time.time()}
    ).encode("utf-8")
    with contextlib.suppress(OSError):  # the lock works without its note
        os.ftruncate(fd, 0)
        os.pwrite(fd, data + b"\n", 0)


def _read_holder(fd: int) -> Holder:
    try:
        raw = os.pread(fd, 4096, 0)
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return Holder()
    if not isinstance(data, dict):
        return Holder()
    pid, since = data.get("pid"), data.get("since")
    return Holder(
        pid=pid if isinstance(pid, int) and not isinstance(pid, bool) else 0,
        host=str(data.get("host", ""))[:100],
        user=str(data.get("user", ""))[:100],
        since=float(since)
        if isinstance(since, int | float) and not isinstance(since, bool)
        else 0.0,
    )
