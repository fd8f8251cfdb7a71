"""Pinned test material by name: the manifest ``tests/support/material.toml`` and Debian packages.

``material.toml`` names each file (URL, sha256, licence, what it is); the shared fetcher
:mod:`tests.support.registry` downloads and caches it. On top of it: :func:`deb_member`
reads one file out of a ``.deb`` (an ``ar`` archive holding ``data.tar.*``) without dpkg,
:func:`tar_member` one file of a source tarball.
"""

from __future__ import annotations

import io
import tarfile
import tomllib
from functools import cache
from pathlib import Path

import pytest

from tests.support.registry import fetch as fetch_url
from tests.support.registry import member_bytes

MANIFEST = Path(__file__).with_name("material.toml")


@cache
def manifest() -> dict[str, dict[str, str]]:
    """The manifest: name → url, sha256, licence, what."""
    with MANIFEST.open("rb") as handle:
        return tomllib.load(handle)


def fetch(name: str) -> Path:
    """The file the manifest calls ``name``, downloaded and verified on first use."""
    item = manifest()[name]
    return fetch_url(item["url"], item["sha256"])


def tar_member(name: str, member: str) -> bytes:
    """One file of a source tarball (path inside it, e.g. ``dpkg-1.21.23/man/po/de.po``)."""
    return member_bytes(fetch(name), member)


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
                for candidate in (member, f"./{member}"):
                    try:
                        handle = tar.extractfile(candidate)
                    except KeyError:
                        continue
                    if handle is not None:
                        return handle.read()
            pytest.fail(f"{name} has no {member}")
    pytest.fail(f"{name} has no data archive")
