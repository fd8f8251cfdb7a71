"""Reading text sources carefully and writing files atomically.

A write goes to a temporary file in the same folder, is flushed and fsynced, then renamed
over the target, so a crash or Ctrl+C mid-write leaves the old file intact.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from workbench.errors import UserError


@contextlib.contextmanager
def atomic_writer(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[str]]:
    """Open a temporary sibling of ``path`` for writing; rename it over ``path`` on success.

    On any exception the temporary file is removed and ``path`` is untouched. The new file
    keeps the permissions of the file it replaces.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(
            fd, mode, encoding=encoding, newline="" if "b" not in mode else None
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            tmp.chmod(path.stat().st_mode & 0o7777)
        if not path.exists():
            tmp.chmod(0o666 & ~_umask())
        tmp.replace(path)
        _fsync_dir(directory)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, UTF-8; an OS failure is a :class:`UserError`."""
    try:
        with atomic_writer(path) as handle:
            handle.write(text)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; an OS failure is a :class:`UserError`."""
    try:
        with atomic_writer(path, "wb", encoding=None) as handle:
            handle.write(data)  # type: ignore[arg-type]
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _cannot_write(path: Path, exc: OSError) -> UserError:
    return UserError(
        f"cannot write: {exc.strerror}", path, "check the folder exists and is writable"
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_source_text(path: Path, encoding: str = "utf-8") -> str:
    """Read a source document, refusing what cannot be a text to translate.

    Raises :class:`UserError` for a missing, unreadable, empty, binary or wrongly encoded
    file, naming the file (and for bad bytes the line) and what to do.
    """
    path = Path(path)
    if not path.exists():
        raise UserError("no such file", path, "check the path")
    if path.is_dir():
        raise UserError("is a folder, not a text file", path, "name a .txt or .md file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", path) from None
    if b"\x00" in data[:8192]:
        raise UserError(
            "looks like a binary file (it has NUL bytes)", path, "segment .txt or .md text files"
        )
    try:
        text = decode_text(
            data,
            path,
            "give the file's encoding with --encoding (for example --encoding latin-1)",
            encoding,
        )
    except LookupError:
        raise UserError(
            f"unknown encoding {encoding!r}",
            None,
            "use a Python codec name such as utf-8 or latin-1",
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise UserError("is empty: there is nothing to segment", path)
    return text.replace("\r\n", "\n")


def decode_text(data: bytes, path: Path, hint: str, encoding: str = "utf-8", name: str = "") -> str:
    """``data`` decoded; bad bytes are a :class:`UserError` naming ``path:line`` and the byte.

    ``name`` is how the message names the encoding (default: ``encoding`` as given).
    """
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UserError(
            f"is not valid {name or encoding}: byte 0x{data[exc.start]:02x} cannot be decoded",
            f"{path}:{line}",
            hint,
        ) from None
