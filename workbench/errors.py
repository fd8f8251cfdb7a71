"""The one error type the faces turn into a clear message and exit code 2.

Every layer raises :class:`UserError` for problems a person can fix (bad input, missing
files, a malformed PO), saying what is wrong, where and what to do.
"""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A problem with the user's input, reported without a traceback.

    ``where`` is ``file`` or ``file:line``; ``hint`` says what to do about it.
    """

    def __init__(self, message: str, where: str | Path | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.where = str(where) if where is not None else ""
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text}\n  hint: {self.hint}" if self.hint else text
