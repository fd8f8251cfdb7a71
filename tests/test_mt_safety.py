"""MT packages and engines under attack: damaged archives, zip bombs, damaged installed
models, a read-only package folder, and work folders a killed install left behind.

Every case is an exit-2 message, never a traceback, and never a half-installed or
half-removed package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from workbench.adapters import argos_packages as ap
from workbench.cli import main
from workbench.errors import UserError

META = b'{"from_code": "de", "to_code": "en", "package_version": "0.1"}'


@pytest.fixture
def installed(mt_env: Path, argosmodel: Path) -> ap.ArgosPackage:
    return ap.install_archive(argosmodel)


def _package_zip(path: Path, model: bytes, compression: int = zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        zf.writestr("pkg/metadata.json", META)
        zf.writestr("pkg/model/config.json", b"{}")
        zf.writestr("pkg/model/model.bin", model)
        zf.writestr("pkg/sentencepiece.model", b"sp")
    return path


def test_a_bad_crc_installs_nothing(mt_env: Path, tmp_path: Path) -> None:
    archive = _package_zip(tmp_path / "p.argosmodel", b"weights" * 1000)
    data = bytearray(archive.read_bytes())
    at = data.index(b"weights" * 10) + 3
    data[at] ^= 0xFF  # one flipped byte in model.bin: its CRC no longer matches
    archive.write_bytes(bytes(data))
    with pytest.raises(UserError, match="damaged archive, nothing installed: Bad CRC-32"):
        ap.install_archive(archive)
    assert list(mt_env.iterdir()) == []


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda p: _package_zip(p, bytes(80 * 1024 * 1024), zipfile.ZIP_DEFLATED),
            "over the limit of 50:1",
        ),
        (lambda p: _many_members(p, ap.MAX_MEMBERS + 1), "members, over the limit of 10,000"),
    ],
)
def test_zip_bombs_are_refused_naming_the_limit(
    mt_env: Path, tmp_path: Path, build: object, message: str
) -> None:
    archive = tmp_path / "bomb.argosmodel"
    build(archive)  # type: ignore[operator]
    with pytest.raises(UserError, match=message):
        ap.install_archive(archive)
    assert not mt_env.exists() or list(mt_env.iterdir()) == []


def _many_members(path: Path, n: int) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("pkg/metadata.json", META)
        for i in range(n):
            zf.writestr(f"pkg/f{i}", b"")
    return path


def _make_read_only(folder: Path) -> list[str]:
    """Make ``folder`` read-only even for root (immutable), or by its mode; the undo command."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return ["chmod", "755", str(folder)]
    if shutil.which("chattr") is None:
        pytest.skip("root ignores permission bits and chattr is not installed")
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"this file system has no immutable flag: {done.stderr!r}")
    return ["chattr", "-i", str(folder)]


def test_remove_in_a_read_only_folder_keeps_the_package(
    mt_env: Path, argosmodel: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It emptied the package, then crashed on the folder itself."""
    ap.install_archive(argosmodel)
    before = sorted(p.relative_to(mt_env) for p in mt_env.rglob("*"))
    undo = _make_read_only(mt_env)
    try:
        code = main(["mt", "remove", "de", "en"])
    finally:
        subprocess.run(undo, check=True)
    assert code == 2 and "nothing was removed" in capsys.readouterr().err
    assert sorted(p.relative_to(mt_env) for p in mt_env.rglob("*")) == before
    assert main(["mt", "remove", "de", "en"]) == 0
    assert list(mt_env.iterdir()) == []


def test_leftovers_of_a_killed_install_are_removed(mt_env: Path, argosmodel: Path) -> None:
    mt_env.mkdir()
    dead = 2**22 + 7  # above the kernel's pid_max: never a live process
    for name in (f".wb-install-{dead}-abc", f".wb-old-{dead}-pkg", f".wb-removing-{dead}-x"):
        (mt_env / name / "model").mkdir(parents=True)
        (mt_env / name / "model" / "model.bin").write_bytes(b"x" * 1000)
    live = mt_env / f".wb-install-{os.getpid()}-busy"
    live.mkdir()
    ap.install_archive(argosmodel)
    assert sorted(p.name for p in mt_env.iterdir()) == sorted([live.name, "translate-de_en-0_1"])


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "model" / "model.bin").write_bytes(os.urandom(1000)), "its model/"),
        (lambda d: os.truncate(d / "model" / "model.bin", 5000), "its model/"),
        (lambda d: (d / "sentencepiece.model").write_bytes(b"garbage"), "its tokenizer"),
        (lambda d: (d / "model" / "config.json").write_text("{"), "its model/"),
    ],
)
def test_a_damaged_installed_model_is_a_message_in_draft(
    installed: ap.ArgosPackage,
    sample_po: Path,
    damage: object,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    damage(installed.path)  # type: ignore[operator]
    before = sample_po.read_bytes()
    assert main(["draft", str(sample_po), "--no-cache", "--no-glossary"]) == 2
    err = capsys.readouterr().err
    assert "is damaged" in err and message in err and "mt remove" in err
    assert sample_po.read_bytes() == before
