"""May this editor change the file? The advisory lock between editors, and the file's mode.

An editor that opens a PO takes its advisory lock (:mod:`workbench.adapters.edit_lock`).
A second editor on the same file does not get it: it starts as a read-only view and says
who has the file open; the translator may open it for editing anyway (with its own journal;
saving then merges, and a segment both changed is shown side by side). A file nobody may
write (mode 0444, a read-only folder) opens read-only too, saying why.
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.adapters.edit_lock import EditLock, Holder
from workbench.errors import UserError


class ReadOnlyError(UserError):
    """An edit was tried in a read-only view."""


class OpenGuard:
    """The lock of one open PO file and whether this editor may change the file."""

    def __init__(self, po_path: Path, lock: bool) -> None:
        self.path = Path(po_path)
        self.lock: EditLock | None = EditLock(self.path) if lock else None
        #: Who has the file open elsewhere (``None``: nobody, or this editor opened anyway).
        self.holder: Holder | None = None
        #: Why the file cannot be changed at all ("" when it can).
        self.unwritable = _unwritable(self.path)
        if self.lock is not None and not self.unwritable:
            try:
                self.holder = self.lock.acquire()
            except OSError as exc:
                self.unwritable = (
                    f"no lock file can be made beside it ({exc.strerror or exc}): "
                    "its folder is not writable"
                )

    @property
    def read_only(self) -> bool:
        """True while edits are refused (another editor has it, or it cannot be written)."""
        return self.holder is not None or bool(self.unwritable)

    def reason(self) -> str:
        """Why the view is read-only, for a person ("" when it is not)."""
        if self.unwritable:
            return f"{self.path.name} is read-only: {self.unwritable}"
        if self.holder is not None:
            return f"{self.path.name} is open in {self.holder.describe()}"
        return ""

    def open_anyway(self) -> None:
        """Edit although another editor has the file open (the lock stays theirs)."""
        if self.unwritable:
            raise ReadOnlyError(self.reason(), self.path, "make the file writable first")
        self.holder = None

    def check(self) -> None:
        """Raise :class:`ReadOnlyError` if edits are refused."""
        if self.read_only:
            raise ReadOnlyError(
                f"read-only view: {self.reason()}",
                self.path,
                "open it for editing anyway, or close the other editor",
            )

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()


def _unwritable(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return ""
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        return "the file has no write permission"
    if not os.access(path.resolve().parent, os.W_OK):
        return "its folder is not writable"
    return ""
