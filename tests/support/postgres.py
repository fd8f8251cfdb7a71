"""A throwaway PostgreSQL server for the tests, from Debian's ``postgresql`` package.

The server runs from a fresh data folder under /tmp, on a free port of 127.0.0.1, with
trust authentication and fsync off, and is stopped at the end of the test session. initdb
refuses to run as root, and CI runs as root: then the server runs as ``nobody``.

Tests that need it skip, saying why, when the binaries or psycopg are missing; with
``WORKBENCH_REQUIRE_POSTGRES=1`` (set by ``.ci/run``) they fail instead, so CI never skips them.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REQUIRE = "WORKBENCH_REQUIRE_POSTGRES"


def server_binaries() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` that has initdb and pg_ctl."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return found[-1].parent if found else None


def unavailable() -> str:
    """Why the PostgreSQL tests cannot run here ("" when they can)."""
    if server_binaries() is None:
        return (
            "PostgreSQL server binaries not found under /usr/lib/postgresql (Debian package "
            "`postgresql`; `make sysdeps` installs it): the PostgreSQL memory store is not tested"
        )
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg 3 is not installed (pip install -e '.[postgres]'): the PostgreSQL memory store is not tested"
    return ""


@dataclass
class PgServer:
    """A running server: its data folder, port and the URL of a database to use."""

    folder: Path
    port: int
    bindir: Path
    user: dict[str, Any]

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://wb@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}"')
            db.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(
            [str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"],
            capture_output=True, check=False, **self.user,
        )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start() -> PgServer:
    """initdb and start a server; raise RuntimeError with the server's log if it fails."""
    bindir = server_binaries()
    assert bindir is not None
    folder = Path(tempfile.mkdtemp(prefix="wb-pg-"))
    user: dict[str, Any] = {}
    if os.geteuid() == 0:  # initdb refuses root: run the server as nobody
        nobody = pwd.getpwnam("nobody")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        user = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
    env = {**os.environ, "LC_ALL": "C.UTF-8", "HOME": str(folder)}
    data = folder / "data"
    init = subprocess.run(
        [str(bindir / "initdb"), "-D", str(data), "-U", "wb", "--auth=trust", "-E", "UTF8",
         "--no-sync"],
        capture_output=True, text=True, env=env, check=False, **user,
    )  # fmt: skip
    if init.returncode != 0:
        raise RuntimeError(f"initdb failed: {init.stderr.strip()[-500:]}")
    port = _free_port()
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c full_page_writes=off"
    run = subprocess.run(
        [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-o", options,
         "-w", "-t", "60", "start"],
        capture_output=True, text=True, env=env, check=False, **user,
    )  # fmt: skip
    if run.returncode != 0:
        log = (
            (folder / "log").read_text(errors="replace")[-800:] if (folder / "log").exists() else ""
        )
        raise RuntimeError(f"pg_ctl start failed: {run.stderr.strip()[-300:]}\n{log}")
    server = PgServer(folder, port, bindir, user)
    for _ in range(50):  # pg_ctl -w waits, but be sure the TCP port answers
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError("the PostgreSQL server did not open its port")
