"""Real test material, fetched at test time: pinned, verified, cached, licence noted.

Tests run on files written by others (Debian packages, upstream tarballs), which must not
be committed. ``tests/support/material.toml`` names each one: URL, sha256, licence and
what it is. :func:`fetch` downloads a file once into
``${WORKBENCH_TEST_CACHE:-~/.cache/workbench-tests}``, checks its sha256 and returns the
path; :func:`deb_member` reads one file out of a ``.deb`` and :func:`tar_member` out of a
source tarball, without dpkg. With ``WORKBENCH_TEST_OFFLINE=1`` a missing file skips the
test instead of failing it.
"""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import time
import tomllib
import urllib.request
from functools import cache
from pathlib import Path

import pytest

MANIFEST = Path(__file__).with_name("material.toml")


@cache
def manifest() -> dict[str, dict[str, str]]:
    """The manifest: name → url, sha256, licence, what."""
    with MANIFEST.open("rb") as handle:
        return tomllib.load(handle)


def cache_dir() -> Path:
    """Where fetched material is kept between runs."""
    root = os.environ.get("WORKBENCH_TEST_CACHE") or Path.home() / ".cache" / "workbench-tests"
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def fetch(name: str) -> Path:
    """The file the manifest calls ``name``, downloaded and verified on first use."""
    item = manifest()[name]
    url, digest = item["url"], item["sha256"]
    target = cache_dir() / url.rsplit("/", 1)[-1].replace("%2b", "+")
    if target.is_file() and _sha256(target) == digest:
        return target
    error = ""
    for attempt in range(3):
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                data = response.read()
        except OSError as exc:
            error = str(exc)
            time.sleep(2 * attempt)
            continue
        if hashlib.sha256(data).hexdigest() != digest:
            pytest.fail(f"{name}: {url} does not have the pinned sha256 {digest}")
        partial = target.with_suffix(target.suffix + ".part")
        partial.write_bytes(data)
        partial.replace(target)
        return target
    message = f"cannot download test material {name} ({url}): {error}"
    if os.environ.get("WORKBENCH_TEST_OFFLINE"):
        pytest.skip(message)
    pytest.fail(message)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def deb_member(name: str, member: str) -> bytes:
    """One file (path inside the package, e.g. ``usr/share/locale/de/…``) of a ``.deb``."""
    data = fetch(name).read_bytes()
    if not data.startswith(b"!<arch>\n"):
        pytest.fail(f"{name} is not a Debian package")
    pos = 8
    while pos < len(data):
        header = data[pos : pos + 60]
        ident = header[:16].decode("ascii").strip().rstrip("/")
        size = int(header[48:58].decode("ascii").strip())
        body = data[pos + 60 : pos + 60 + size]
        pos += 60 + size + (size % 2)
        if ident.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body)) as tar:
                return _read(tar, member, name)
    pytest.fail(f"{name} has no data archive")


def tar_member(name: str, member: str) -> bytes:
    """One file of a source tarball (path inside it, e.g. ``dpkg-1.21.23/man/po/de.po``)."""
    with tarfile.open(fetch(name)) as tar:
        return _read(tar, member, name)


def _read(tar: tarfile.TarFile, member: str, name: str) -> bytes:
    for candidate in (member, f"./{member}"):
        try:
            handle = tar.extractfile(candidate)
        except KeyError:
            continue
        if handle is not None:
            return handle.read()
    pytest.fail(f"{name} has no {member}")
