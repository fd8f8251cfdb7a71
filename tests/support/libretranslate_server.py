"""A real LibreTranslate server for tests, offline, serving the repository's tiny test models.

LibreTranslate (AGPL-3.0, from PyPI, pinned) is installed once into its own venv under
``${WORKBENCH_TEST_CACHE:-~/.cache/workbench-tests}`` (its pinned dependencies clash with
ours, so it cannot share the project's venv). It runs offline when:

- two Argos packages are installed (with fewer it tries to download the package index at
  start): the tiny random-weight de→en and en→de test models
  (tests/support/argos_model.py), and
- each package ships its MiniSBD sentence splitter in ``minisbd/*.onnx`` (else MiniSBD
  downloads one on first use): a rule model built by tests/support/minisbd_model.py.

The server gets API keys (``--api-keys``, a key added to its key database) and requires one
(``--require-api-key-origin`` that no request matches), so the client must send the key.
Listed in tests/data/SOURCES.md.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.argos_model import build_package
from tests.support.registry import cache_dir
from workbench.adapters.argos_packages import install_archive

LIBRETRANSLATE = "libretranslate==1.9.6"
ONNX = "onnx==1.23.2"  # only to write the sentence splitter model
API_KEY = "workbench-test-key"
READY_TIMEOUT_S = 120.0
SBD_BUILDER = Path(__file__).with_name("minisbd_model.py")


@dataclass(frozen=True)
class Server:
    """A running LibreTranslate: its URL, its API key, and its log file."""

    url: str
    api_key: str
    log: Path


def lt_venv() -> Path:
    """The cached venv with LibreTranslate installed (made on first use, from PyPI)."""
    tag = LIBRETRANSLATE.replace("==", "-")
    venv = cache_dir() / f"{tag}-py{sys.version_info[0]}{sys.version_info[1]}"
    ready = venv / ".installed"
    if ready.exists():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check"]
    done = subprocess.run(
        [*pip, LIBRETRANSLATE, ONNX], capture_output=True, text=True, timeout=1200, check=False
    )
    if done.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        pytest.skip(f"cannot install {LIBRETRANSLATE} from the package index: {done.stderr[-400:]}")
    ready.touch()
    return venv


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _prepare_packages(root: Path, python: Path) -> Path:
    """Install the tiny de→en and en→de models, each with its sentence splitter."""
    packages = root / "packages"
    sbd = root / "sbd.onnx"
    subprocess.run([str(python), str(SBD_BUILDER), str(sbd)], check=True, timeout=120)
    for pair in (("de", "en"), ("en", "de")):
        package = install_archive(build_package(root / "build", pair=pair), packages)
        (package.path / "minisbd").mkdir()
        shutil.copy(sbd, package.path / "minisbd" / f"{pair[0]}.onnx")
    return packages


@contextlib.contextmanager
def libretranslate_server(root: Path) -> Iterator[Server]:
    """Start LibreTranslate on a free loopback port; stop it (and only it) afterwards."""
    venv = lt_venv()
    python = venv / "bin" / "python"
    packages = _prepare_packages(root, python)
    keys = root / "db" / "api_keys.db"
    keys.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            str(python),
            "-c",
            "import sys; from libretranslate.api_keys import Database; "
            "Database(sys.argv[1]).add(1000, api_key=sys.argv[2])",
            str(keys),
            API_KEY,
        ],
        check=True,
        timeout=60,
    )
    port = _free_port()
    home = root / "home"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "ARGOS_PACKAGES_DIR": str(packages),
        "ARGOS_DEVICE_TYPE": "cpu",
        "PYTHONWARNINGS": "ignore",
    }
    log = root / "libretranslate.log"
    command = [
        str(venv / "bin" / "libretranslate"),
        *("--host", "127.0.0.1", "--port", str(port)),
        *("--load-only", "de,en", "--threads", "2"),
        "--disable-web-ui",
        "--disable-files-translation",
        *("--api-keys", "--api-keys-db-path", str(keys)),
        *("--require-api-key-origin", r"^https://nothing\.invalid$"),
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"LibreTranslate exited:\n{log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/languages", timeout=5) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"LibreTranslate did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.5)
        yield Server(url, API_KEY, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
