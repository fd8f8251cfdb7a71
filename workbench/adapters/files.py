"""The one write path for every file the workbench writes, and careful reading of inputs.

Every output (a saved PO, a report, an export, a glossary, a journal's first line…) goes
through :func:`atomic_write_text`, :func:`atomic_write_bytes` or :func:`atomic_writer`.
What the path names decides how it is written:

- ``-`` (and ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N``): streamed to that stream.
- a symbolic link: followed; the file it points to is replaced, the link stays a link.
- a regular file (or a new name): written to a temporary file beside the real target,
  flushed, fsynced, renamed over it, then the folder is fsynced. A crash or a kill at any
  point leaves either the old or the new file, never half of one. The new file keeps the
  old one's permission bits, and its owner and group where the process may set them.
- a character device or a FIFO (``/dev/null``, a named pipe): streamed to, never replaced.
  A FIFO nobody reads from is refused instead of hanging.
- a block device, a socket, a folder: refused with a message.
- a read-only file (no write bit, even for root): refused with a message.
- one of the command's own inputs (``inputs=``): refused, so a report never lands on the
  catalogue or glossary it reports on.

Temporary files are named ``.NAME.PID.RANDOM.wbtmp``; one left by a killed process is
removed by the next write to the same target. Reading goes through :func:`read_input`,
which refuses devices and FIFOs (they could be endless or never answer) and files over a
size limit that the message names.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import io
import os
import re
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from workbench.domain.patterns import when_used
from workbench.errors import UserError

#: What our temporary files end with (``.NAME.PID.RANDOM.wbtmp``).
TEMP_SUFFIX = ".wbtmp"
#: A temporary file of ours whose process is gone, or older than this, is removed.
STALE_TEMP_SECONDS = 24 * 3600
#: The standard streams as paths (``-`` is stdout).
STDOUT = "-"
_FD_PATH = when_used(r"/(?:dev/fd|proc/self/fd|proc/thread-self/fd)/(\d+)")
_STD_PATHS = {"/dev/stdout": 1, "/dev/stderr": 2}


class WriteKind(enum.Enum):
    """How a target is written."""

    REPLACE = "replace"  # atomically, via a temporary file beside it
    STREAM = "stream"  # opened and written in place (character devices, FIFOs)
    FD = "fd"  # an open file descriptor of this process (stdout, /dev/fd/N)


@dataclass(frozen=True, slots=True)
class WritePlan:
    """Where and how one output is written, decided before anything is written."""

    kind: WriteKind
    shown: Path  # the path as the user gave it (for messages)
    real: Path  # what is opened or replaced: the symlink-resolved target
    existing: os.stat_result | None  # the target as it is now, if it exists
    fd: int = -1  # for WriteKind.FD


def plan_write(path: Path | str, inputs: Iterable[Path | str] = ()) -> WritePlan:
    """Decide how to write ``path``, or raise :class:`UserError` saying why it must not be.

    ``inputs`` are the files the command reads; writing over one of them is refused.
    """
    name = str(path)
    if name == STDOUT:
        return WritePlan(WriteKind.FD, Path(name), Path(name), None, 1)
    shown = Path(path)
    fd = _std_fd(name)
    if fd is not None:
        try:
            os.fstat(fd)
        except OSError:
            raise UserError(f"file descriptor {fd} is not open", shown) from None
        return WritePlan(WriteKind.FD, shown, shown, None, fd)
    try:
        st: os.stat_result | None = shown.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _cannot_write(shown, exc) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        return _special_plan(shown, st, inputs)
    real = Path(os.path.realpath(shown))
    _refuse_inputs(shown, real, st, inputs)
    if st is None:
        if not real.parent.is_dir():
            raise UserError(
                "cannot write: the folder does not exist",
                shown,
                f"create {real.parent} first, or choose another path",
            )
        return WritePlan(WriteKind.REPLACE, shown, real, None)
    if not st.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise UserError(
            "is read-only; not overwritten",
            shown,
            f"make it writable (chmod u+w {shown}) or write to another file",
        )
    return WritePlan(WriteKind.REPLACE, shown, real, st)


def _std_fd(name: str) -> int | None:
    if name in _STD_PATHS:
        return _STD_PATHS[name]
    match = _FD_PATH().fullmatch(name)
    return int(match.group(1)) if match else None


def _special_plan(shown: Path, st: os.stat_result, inputs: Iterable[Path | str]) -> WritePlan:
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise UserError("is a folder", shown, "give a file name")
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        _refuse_inputs(shown, shown, st, inputs)
        return WritePlan(WriteKind.STREAM, shown, shown, st)
    kind = "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else None
    raise UserError(
        f"is {kind or 'a special file'}; refusing to write to it",
        shown,
        "write to a regular file, or '-' for standard output",
    )


def _refuse_inputs(
    shown: Path, real: Path, st: os.stat_result | None, inputs: Iterable[Path | str]
) -> None:
    for given in inputs:
        other = Path(given)
        try:
            ost = other.stat()
        except OSError:
            ost = None
        same = (
            (st.st_dev, st.st_ino) == (ost.st_dev, ost.st_ino)
            if st is not None and ost is not None
            else Path(os.path.realpath(other)) == real
        )
        if same:
            raise UserError(
                f"is an input of this command ({other}); refusing to write the output over it",
                shown,
                "write the output to another file",
            )


# --- writing -----------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_writer(
    path: Path | str,
    mode: str = "w",
    encoding: str | None = "utf-8",
    *,
    inputs: Iterable[Path | str] = (),
) -> Iterator[IO[Any]]:
    """Open ``path`` for writing the safe way (see the module docstring) and yield the handle.

    ``mode`` is ``"w"`` (text, no newline translation) or ``"wb"``. On any exception the
    target is untouched (the temporary file is removed). Refusals raise :class:`UserError`;
    OS failures while writing raise :class:`OSError` (the ``atomic_write_*`` functions
    turn those into a :class:`UserError` too).
    """
    plan = plan_write(path, inputs)
    binary = "b" in mode
    if plan.kind is WriteKind.FD:
        with _fd_writer(plan.fd, binary, encoding) as handle:
            yield handle
    elif plan.kind is WriteKind.STREAM:
        with _stream_writer(plan, binary, encoding) as handle:
            yield handle
    else:
        with _replacing_writer(plan, binary, encoding) as handle:
            yield handle


@contextlib.contextmanager
def _fd_writer(fd: int, binary: bool, encoding: str | None) -> Iterator[IO[Any]]:
    std = {1: sys.stdout, 2: sys.stderr}.get(fd)
    if std is not None:  # through Python's stream, so the order with other output is kept
        if binary and not hasattr(std, "buffer"):  # a text-only stand-in (io.StringIO)
            collected = io.BytesIO()
            yield collected
            std.write(collected.getvalue().decode("utf-8", errors="surrogateescape"))
            std.flush()
            return
        handle: IO[Any] = std.buffer if binary else std
        yield handle
        handle.flush()
        return
    with _open_fd(fd, binary, encoding, closefd=False) as handle:
        yield handle


def _open_fd(fd: int, binary: bool, encoding: str | None, closefd: bool = True) -> IO[Any]:
    """A file object over ``fd``: bytes, or text without newline translation."""
    if binary:
        return open(fd, "wb", closefd=closefd)
    return open(fd, "w", encoding=encoding, newline="", closefd=closefd)


@contextlib.contextmanager
def _stream_writer(plan: WritePlan, binary: bool, encoding: str | None) -> Iterator[IO[Any]]:
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    fifo = plan.existing is not None and stat.S_ISFIFO(plan.existing.st_mode)
    try:
        fd = os.open(plan.real, flags | (os.O_NONBLOCK if fifo else 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise UserError(
                "is a named pipe (FIFO) that nobody reads from; not written",
                plan.shown,
                "start the reading program first, or write to a regular file",
            ) from None
        raise
    if fifo:
        os.set_blocking(fd, True)
    with _open_fd(fd, binary, encoding) as handle:
        yield handle


@contextlib.contextmanager
def _replacing_writer(plan: WritePlan, binary: bool, encoding: str | None) -> Iterator[IO[Any]]:
    real = plan.real
    directory = real.parent
    fd, tmp = new_temp(real)
    try:
        with _open_fd(fd, binary, encoding) as handle:
            yield handle
            handle.flush()
            _take_over_attributes(handle.fileno(), plan.existing)
            os.fsync(handle.fileno())
        tmp.replace(real)
        _fsync_dir(directory)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def new_temp(target: Path) -> tuple[int, Path]:
    """A new empty temporary file beside ``target`` (``.NAME.PID.RANDOM.wbtmp``, open for
    writing: its descriptor and path), after removing the ones killed writes left there."""
    import tempfile  # here: commands that only read files do without it

    remove_stale_temps(target)
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=target.parent
    )
    return fd, Path(name)


def _take_over_attributes(fd: int, old: os.stat_result | None) -> None:
    """The new file gets the old one's owner, group and mode (or the umask's default)."""
    if old is None:
        os.fchmod(fd, 0o666 & ~current_umask())
        return
    if hasattr(os, "fchown"):
        with contextlib.suppress(OSError):  # only root (or the owner, for the group) may
            os.fchown(fd, old.st_uid, old.st_gid)
    os.fchmod(fd, stat.S_IMODE(old.st_mode))


def atomic_write_text(
    path: Path | str,
    text: str,
    *,
    inputs: Iterable[Path | str] = (),
    encoding: str = "utf-8",
) -> None:
    """Write ``text`` to ``path`` by the one write path; any failure is a :class:`UserError`.

    ``encoding`` errors (a character the charset cannot hold) are a :class:`UserError` too,
    and leave the target untouched.
    """
    try:
        with atomic_writer(path, "w", encoding, inputs=inputs) as handle:
            handle.write(text)
    except OSError as exc:
        raise _cannot_write(Path(path), exc) from None
    except UnicodeEncodeError as exc:
        raise UserError(
            f"cannot write {text[exc.start : exc.end]!r} in the {encoding} charset",
            Path(path),
            "use a charset that holds every character (UTF-8)",
        ) from None


def atomic_write_bytes(path: Path | str, data: bytes, *, inputs: Iterable[Path | str] = ()) -> None:
    """Write ``data`` to ``path`` by the one write path; any failure is a :class:`UserError`."""
    try:
        with atomic_writer(path, "wb", encoding=None, inputs=inputs) as handle:
            handle.write(data)
    except OSError as exc:
        raise _cannot_write(Path(path), exc) from None


def _cannot_write(path: Path, exc: OSError) -> UserError:
    hints = {
        errno.ENOSPC: "free some disk space and try again; the old file is unchanged",
        errno.EDQUOT: "free some disk space and try again; the old file is unchanged",
        errno.EACCES: "check that you may write in the file's folder",
        errno.EPERM: "check that you may write in the file's folder",
        errno.EROFS: "the file system is mounted read-only; write elsewhere",
        errno.ELOOP: "the path is a loop of symbolic links; fix the links",
    }
    return UserError(
        f"cannot write: {exc.strerror or exc}",
        path,
        hints.get(exc.errno or 0, "check the folder exists and is writable"),
    )


def make_folder(folder: Path | str, what: str = "folder") -> None:
    """Create ``folder`` with its parents (nothing when it exists); :class:`UserError` when
    it cannot be (a file where a folder should be, no permission, a read-only disk)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        hint = (
            "a file stands where a folder should be"
            if exc.errno in (errno.EEXIST, errno.ENOTDIR)
            else "check that you may write there"
        )
        raise UserError(f"cannot create the {what}: {exc.strerror}", folder, hint) from None


def current_umask() -> int:
    """The process's umask, read without changing it (``os.umask`` is not thread-safe)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_stale_temps(target: Path, now: float | None = None) -> list[Path]:
    """Remove temporary files a killed write to ``target`` left beside it; returns them.

    A temporary file is ours when it is named ``.NAME.PID.RANDOM.wbtmp``; it is stale when
    process PID is gone on this machine, or when it is older than a day (another machine
    on a shared folder).
    """
    removed: list[Path] = []
    now = time.time() if now is None else now
    ours = re.compile(rf"\.{re.escape(target.name)}\.(\d+)\.[A-Za-z0-9_]+{re.escape(TEMP_SUFFIX)}")
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        match = ours.fullmatch(entry.name)
        if match is None:
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if not process_alive(int(match.group(1))) or age > STALE_TEMP_SECONDS:
            with contextlib.suppress(OSError):
                Path(entry.path).unlink()
                removed.append(Path(entry.path))
    return removed


def process_alive(pid: int) -> bool:
    """True if a process ``pid`` runs on this machine (or may: it belongs to another user)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def host_name() -> str:
    """This machine's name, as lock files and journals record it."""
    import socket  # here: only locks and journals need it, and it is slow to import

    return socket.gethostname() or "localhost"


# --- reading -----------------------------------------------------------------------------

MiB = 1024 * 1024


def regular_file(path: Path | str, what: str = "file") -> os.stat_result | None:
    """The status of the regular file at ``path`` (symlinks followed), ``None`` when nothing
    is there; :class:`UserError` for anything else (a folder, a FIFO, a device, a socket,
    a symlink loop, no permission), so nothing reads ``/dev/zero`` or waits on a FIFO."""
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", path) from None
    if stat.S_ISDIR(st.st_mode):
        raise UserError(f"is a folder, not a {what}", path, f"name a {what}")
    if not stat.S_ISREG(st.st_mode):
        kind = "a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "a device or special file"
        raise UserError(
            f"is {kind}, not a regular file; not read",
            path,
            f"save the {what} to a regular file first",
        )
    return st


def read_input(path: Path | str, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; :class:`UserError` otherwise.

    Devices, FIFOs and folders are refused (``/dev/zero`` never ends, a FIFO may never
    answer); a file over ``limit`` is refused with a message naming the limit.
    """
    path = Path(path)
    st = regular_file(path, what)
    if st is None:
        raise UserError("no such file", path, "check the path")
    if st.st_size > limit:
        raise UserError(f"is {_size(st.st_size)}, over the {_size(limit)} limit for a {what}", path)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", path) from None
    if len(data) > limit:
        raise UserError(f"grew over the {_size(limit)} limit for a {what} while read", path)
    return data


def _size(n: int) -> str:
    if n >= 1024 * MiB:
        return f"{n / (1024 * MiB):.1f} GiB"
    if n >= MiB:
        return f"{n / MiB:.0f} MiB" if n % MiB == 0 else f"{n / MiB:.1f} MiB"
    return f"{n / 1024:.0f} KiB" if n >= 1024 else f"{n} bytes"


#: A source document (.txt/.md) larger than this is refused.
MAX_SOURCE_BYTES = 64 * MiB


def read_source_text(path: Path, encoding: str = "utf-8") -> str:
    """Read a source document, refusing what cannot be a text to translate.

    Raises :class:`UserError` for a missing, unreadable, special, oversized, empty, binary
    or wrongly encoded file, naming the file (and for bad bytes the line) and what to do.
    Line endings become ``\\n`` (CRLF and CR-only alike).
    """
    path = Path(path)
    if path.is_dir():
        raise UserError("is a folder, not a text file", path, "name a .txt or .md file")
    data = read_input(path, MAX_SOURCE_BYTES, "source document")
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
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
