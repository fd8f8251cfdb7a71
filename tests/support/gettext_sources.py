"""GNU gettext's own source tarball, fetched once from Debian and cached, for real PO files.

``gettext_0.21.orig.tar.xz`` (Debian's copy of the GNU release, GPL-3.0-or-later; the PO
catalogues inside are under the same licence as the gettext package) holds real
translator-made catalogues (``gettext-tools/po/de.po``) and their templates. Nothing from it
is committed: tests read members from the cached tarball. Listed in tests/data/SOURCES.md.
"""

from __future__ import annotations

import hashlib
import os
import tarfile
import urllib.request
from functools import cache
from pathlib import Path

import pytest

URL = "http://deb.debian.org/debian/pool/main/g/gettext/gettext_0.21.orig.tar.xz"
SHA256 = "d20fcbb537e02dcf1383197ba05bd0734ef7bf5db06bdb241eb69b7d16b73192"


def cache_dir() -> Path:
    return Path(os.environ.get("WORKBENCH_TEST_CACHE", Path.home() / ".cache/workbench-tests"))


@cache
def gettext_tarball() -> Path:
    """The pinned tarball, downloaded on first use; the test is skipped when offline."""
    path = cache_dir() / URL.rsplit("/", 1)[1]
    if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != SHA256:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with urllib.request.urlopen(URL, timeout=120) as response:
                data = response.read()
        except OSError as exc:
            pytest.skip(f"cannot download {URL}: {exc}")
        if hashlib.sha256(data).hexdigest() != SHA256:
            pytest.fail(f"{URL} does not have the pinned sha256 {SHA256}")
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path


@cache
def gettext_member(name: str) -> str:
    """One text file from the tarball (e.g. ``gettext-0.21/gettext-tools/po/de.po``)."""
    with tarfile.open(gettext_tarball()) as tar:
        member = tar.extractfile(name)
        assert member is not None, name
        return member.read().decode("utf-8")
