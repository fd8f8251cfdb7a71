"""Argos Translate packages on disk: find, list, validate, install and remove them.

The workbench drafts with the CTranslate2 model inside an Argos package, so it needs to know
where argostranslate keeps packages and what is in them. Listing and local installs read the
package folder directly: argostranslate is slow to import (``python -m bench.mt`` prints its
import and set-up time) and is not needed for that. Only installing from the Argos package
index goes through ``argostranslate.package``.

The package folder follows argostranslate's own settings: ``ARGOS_PACKAGES_DIR`` from the
environment, else from ``$XDG_CONFIG_HOME/argos-translate/settings.json``, else
``$XDG_DATA_HOME/argos-translate/packages``. It is read on every call, so a changed
environment is honoured without restarting.

A ``.argosmodel`` file is checked before anything is extracted: it must be a zip holding one
top folder with ``metadata.json`` (from/to codes and a version), a CTranslate2 model
(``model/model.bin`` and ``model/config.json``) and a tokenizer (``sentencepiece.model`` or
``bpe.model``), and no member may escape the target folder (absolute paths, ``..``, links).
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import json
import os
import shutil
import stat
import tempfile
import urllib.error
import urllib.request
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from workbench.adapters.files import make_folder, process_alive
from workbench.errors import UserError

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
NETWORK_TIMEOUT_S = 5.0
#: Zip-bomb limits for an ``.argosmodel`` (the messages name them). Real packages hold a
#: few dozen files, unpack to a few hundred MiB and compress their int8 weights little.
MAX_UNPACKED_BYTES = 4 * 1024**3
MAX_MEMBERS = 10_000
MAX_RATIO = 50  # unpacked size / archive size, checked once the unpacked size passes:
RATIO_FLOOR_BYTES = 64 * 1024**2
#: Hidden folders of ours in the package folder (installs, replaced and removed packages).
_WORK_PREFIXES = (".wb-install-", ".wb-old-", ".wb-removing-")
#: What to run when a feature needs the ``mt`` extra (argostranslate, and with it torch).
MT_EXTRA_HINT = (
    "install the MT extra: `pip install 'workbench[mt]'` (first CPU-only torch: "
    "`pip install torch --index-url https://download.pytorch.org/whl/cpu`, "
    "or pip pulls several GB of CUDA packages)"
)
OFFLINE_HINT = (
    "download the .argosmodel on a machine with internet and run "
    "`workbench mt install PATH.argosmodel`"
)


@dataclass(frozen=True)
class ArgosPackage:
    """An installed translation package."""

    path: Path
    from_code: str
    to_code: str
    version: str
    from_name: str = ""
    to_name: str = ""
    tokenizer: str = "sentencepiece"  # or "bpe"
    size: int = 0
    description: str = ""

    @property
    def name(self) -> str:
        """The folder name, e.g. ``translate-de_en-1_9``."""
        return self.path.name

    @property
    def code(self) -> str:
        """The language pair, e.g. ``de→en``."""
        return f"{self.from_code}→{self.to_code}"

    @property
    def model_id(self) -> str:
        """What a draft's origin records as the model: ``<package> <version>``."""
        return f"{self.name} {self.version}"


# --- where packages live ---------------------------------------------------------------


def _argos_setting(key: str) -> str | None:
    """A setting as argostranslate reads it: environment first, then its settings.json."""
    value = os.environ.get(key)
    if value is not None:
        return value
    home = Path.home()
    config = (
        Path(os.environ.get("XDG_CONFIG_HOME", home / ".config"))
        / "argos-translate"
        / "settings.json"
    )
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(config.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get(key) is not None:
            return str(data[key])
    return None


def packages_dir() -> Path:
    """The folder argostranslate installs packages into (``ARGOS_PACKAGES_DIR`` honoured)."""
    configured = _argos_setting("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured).expanduser()
    data = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return data / "argos-translate" / "packages"


def index_url() -> str:
    """The package index argostranslate downloads (``ARGOS_PACKAGE_INDEX`` honoured)."""
    base = _argos_setting("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def mt_extra_missing() -> str | None:
    """What the core install lacks for MT, said for people; ``None`` with the ``mt`` extra.

    Looks for argostranslate without importing it (the import is slow: ``python -m bench.mt``).
    """
    if importlib.util.find_spec("argostranslate") is not None:
        return None
    return (
        "the `mt` extra (argostranslate) is not installed: drafting and completion with an "
        "installed SentencePiece package work; `workbench mt install FROM TO` (the Argos "
        "package index) and BPE-tokenized packages need it — " + MT_EXTRA_HINT
    )


def argos_module(name: str, needed_for: str) -> Any:
    """Import ``argostranslate.<name>`` lazily; without the ``mt`` extra say what to install.

    The core install drafts with an installed SentencePiece package through CTranslate2
    alone; argostranslate (stanza, torch) is only needed for ``needed_for``.
    """
    try:
        return importlib.import_module(f"argostranslate.{name}")
    except ImportError:
        raise UserError(
            f"{needed_for} needs argostranslate, which is not installed", None, MT_EXTRA_HINT
        ) from None


# --- reading installed packages -------------------------------------------------------------


def read_package(folder: Path) -> ArgosPackage:
    """The package in ``folder``; :class:`UserError` if it is not a complete package."""
    meta_path = folder / "metadata.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError("not an Argos package: no metadata.json", folder) from None
    except (OSError, ValueError) as exc:
        raise UserError(f"unreadable metadata.json: {exc}", meta_path) from None
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise UserError("metadata.json lacks from_code/to_code", meta_path)
    tokenizer = "sentencepiece" if (folder / "sentencepiece.model").is_file() else "bpe"
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return ArgosPackage(
        path=folder,
        from_code=str(meta["from_code"]),
        to_code=str(meta["to_code"]),
        version=str(meta.get("package_version", "")),
        from_name=str(meta.get("from_name", "")),
        to_name=str(meta.get("to_name", "")),
        tokenizer=tokenizer,
        size=size,
        description=str(meta.get("description", "")),
    )


def installed_packages(directory: Path | None = None) -> list[ArgosPackage]:
    """Installed translation packages, by language pair then version (broken folders skipped)."""
    folder = directory or packages_dir()
    if not folder.is_dir():
        return []
    found = []
    for child in sorted(folder.iterdir()):
        if not child.is_dir() or child.name.startswith("."):
            continue
        with contextlib.suppress(UserError):
            pkg = read_package(child)
            if (child / "model" / "model.bin").is_file():
                found.append(pkg)
    return sorted(found, key=lambda p: (p.from_code, p.to_code, _version_key(p.version)))


def find_package(
    from_code: str, to_code: str, directory: Path | None = None
) -> ArgosPackage | None:
    """The newest installed package for a language pair, or ``None``."""
    matches = [
        p for p in installed_packages(directory) if (p.from_code, p.to_code) == (from_code, to_code)
    ]
    return matches[-1] if matches else None


def install_command(from_code: str, to_code: str) -> str:
    """The exact command that installs a model for this pair."""
    return f"workbench mt install {from_code} {to_code}"


def _version_key(version: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in version.replace("-", ".").split("."))


# --- validating and installing a file -----------------------------------------------------


@dataclass(frozen=True)
class ArchiveInfo:
    """What a validated ``.argosmodel`` holds."""

    top: str
    metadata: dict[str, Any]
    members: int
    unpacked: int


def validate_archive(path: Path) -> ArchiveInfo:
    """Check an ``.argosmodel`` before extracting anything; :class:`UserError` says why."""
    path = Path(path)
    if not path.is_file():
        raise UserError("no such file", path, "give the path of a downloaded .argosmodel file")
    if not zipfile.is_zipfile(path):
        raise UserError(
            "not an Argos package: not a zip archive", path, "download the .argosmodel file again"
        )
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                _check_sizes(path, len(infos), 0)
            top, names, unpacked = _members(path, infos)
            _check_sizes(path, len(infos), unpacked)
            meta = _metadata(path, zf, top, names)
            return ArchiveInfo(top, meta, len(infos), unpacked)
    except zipfile.BadZipFile as exc:
        raise UserError(
            f"damaged zip archive: {exc}", path, "download the .argosmodel file again"
        ) from None


def _members(path: Path, infos: list[zipfile.ZipInfo]) -> tuple[str, set[str], int]:
    """The archive's one top folder, its members' names and their unpacked size; each
    member must be safe to extract."""
    tops: set[str] = set()
    names: set[str] = set()
    unpacked = 0
    for info in infos:
        _check_member(path, info)
        parts = PurePosixPath(info.filename).parts
        tops.add(parts[0])
        names.add(info.filename.rstrip("/"))
        unpacked += info.file_size
    if len(tops) != 1:
        raise UserError(
            f"not an Argos package: expected one top folder, found {len(tops)}",
            path,
            "an .argosmodel holds one folder with metadata.json, model/ and the tokenizer",
        )
    return next(iter(tops)), names, unpacked


def _metadata(path: Path, zf: zipfile.ZipFile, top: str, names: set[str]) -> dict[str, Any]:
    """The package's metadata.json, which must name its languages, once the model and a
    tokenizer are there too."""
    if f"{top}/metadata.json" not in names:
        raise UserError("not an Argos package: metadata.json is missing", path)
    try:
        meta = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise UserError(f"metadata.json is not valid JSON: {exc}", path) from None
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise UserError("metadata.json lacks from_code/to_code", path)
    missing = [m for m in ("model/model.bin", "model/config.json") if f"{top}/{m}" not in names]
    if not any(f"{top}/{t}" in names for t in ("sentencepiece.model", "bpe.model")):
        missing.append("sentencepiece.model or bpe.model")
    if missing:
        raise UserError(
            "not a complete Argos package: missing " + ", ".join(missing),
            path,
            "download the .argosmodel file again",
        )
    return meta


def _check_sizes(archive: Path, members: int, unpacked: int) -> None:
    """Refuse zip bombs: too many members, too much unpacked, or too tightly packed."""
    packed = max(archive.stat().st_size, 1)
    problem = ""
    if members > MAX_MEMBERS:
        problem = f"has {members:,} members, over the limit of {MAX_MEMBERS:,}"
    elif unpacked > MAX_UNPACKED_BYTES:
        problem = (
            f"unpacks to {unpacked / 1024**3:.1f} GiB, over the limit of "
            f"{MAX_UNPACKED_BYTES / 1024**3:.0f} GiB"
        )
    elif unpacked > RATIO_FLOOR_BYTES and unpacked / packed > MAX_RATIO:
        problem = (
            f"unpacks to {unpacked / 1024**2:,.0f} MiB from {packed / 1024**2:,.1f} MiB, "
            f"over the limit of {MAX_RATIO}:1 (a zip bomb?)"
        )
    if problem:
        raise UserError(
            f"refused: the archive {problem}",
            archive,
            "a real Argos package is a few hundred MiB of model weights; download it again",
        )


def _check_member(archive: Path, info: zipfile.ZipInfo) -> None:
    name = info.filename
    pure = PurePosixPath(name.replace("\\", "/"))
    mode = info.external_attr >> 16
    if (
        name.startswith(("/", "\\"))
        or "\\" in name
        or (len(name) > 1 and name[1] == ":")
        or any(part == ".." for part in pure.parts)
        or not pure.parts
        or stat.S_ISLNK(mode)
    ):
        raise UserError(
            f"refused: archive member {name!r} would be written outside the package folder",
            archive,
            "this file is damaged or malicious; do not install it",
        )


def install_archive(path: Path, directory: Path | None = None) -> ArgosPackage:
    """Validate and install an ``.argosmodel``; an existing install of it is replaced.

    Extraction goes to a hidden temporary folder that is renamed into place, so a failed or
    interrupted install never leaves a half package where argostranslate would find it; the
    hidden folders a killed install left behind are removed by the next install or removal.
    A damaged member (bad CRC, truncated data) or a full disk is a :class:`UserError`.
    """
    info = validate_archive(path)
    target_root = directory or packages_dir()
    make_folder(target_root, "package folder")
    remove_stale_work(target_root)
    free = shutil.disk_usage(target_root).free
    if info.unpacked > free:
        raise UserError(
            f"needs {info.unpacked / 1024**2:,.0f} MiB but the disk has "
            f"{free / 1024**2:,.0f} MiB free",
            target_root,
            "free some disk space and try again",
        )
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".wb-install-{os.getpid()}-", dir=target_root))
    except OSError as exc:
        raise _cannot_change(target_root, exc) from None
    try:
        _extract(path, tmp)
        final = target_root / info.top
        old = None
        if final.exists():
            old = target_root / f".wb-old-{os.getpid()}-{info.top}"
            final.rename(old)
        (tmp / info.top).rename(final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise _cannot_change(target_root, exc) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return read_package(final)


def _extract(archive: Path, tmp: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as zf:
            for member in zf.infolist():
                dest = (tmp / member.filename).resolve()
                if not dest.is_relative_to(tmp.resolve()):  # belt and braces after validation
                    raise UserError(f"refused: member {member.filename!r} escapes", archive)
                zf.extract(member, tmp)
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as exc:
        raise UserError(
            f"damaged archive, nothing installed: {exc}",
            archive,
            "download the .argosmodel file again",
        ) from None


def remove_package(pkg: ArgosPackage) -> None:
    """Delete an installed package folder (only a folder that is a package).

    The folder is first renamed out of argostranslate's sight (one step that either works
    or changes nothing: a read-only package folder refuses it), then deleted; so a package
    is never left half-deleted.
    """
    if not (pkg.path / "metadata.json").is_file():
        raise UserError("not an Argos package folder; nothing removed", pkg.path)
    parent = pkg.path.parent
    remove_stale_work(parent)
    doomed = parent / f".wb-removing-{os.getpid()}-{pkg.path.name}"
    try:
        pkg.path.rename(doomed)
    except OSError as exc:
        raise _cannot_change(parent, exc, "nothing was removed") from None
    shutil.rmtree(doomed, ignore_errors=True)


def remove_stale_work(folder: Path) -> list[Path]:
    """Remove the hidden work folders of installs and removals whose process is gone."""
    removed = []
    with contextlib.suppress(OSError):
        for child in folder.iterdir():
            prefix = next((p for p in _WORK_PREFIXES if child.name.startswith(p)), None)
            if prefix is None:
                continue
            pid = child.name[len(prefix) :].split("-", 1)[0]
            if not pid.isdigit() or not process_alive(int(pid)):
                shutil.rmtree(child, ignore_errors=True)
                removed.append(child)
    return removed


def _cannot_change(folder: Path, exc: OSError, done: str = "nothing was installed") -> UserError:
    return UserError(
        f"cannot change the package folder: {exc.strerror or exc}; {done}",
        folder,
        "check that you may write there (or set ARGOS_PACKAGES_DIR to a folder you own)",
    )


# --- installing from the package index ------------------------------------------------------


def _fetch(url: str, timeout: float = NETWORK_TIMEOUT_S) -> bytes:
    """Download ``url``; no network raises :class:`UserError` with the offline alternative."""
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "ArgosTranslate"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read()
            return data
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UserError(
            f"cannot reach the Argos package index ({url}): {reason}. "
            "Installing by language pair needs a network connection.",
            None,
            OFFLINE_HINT,
        ) from None


def install_from_index(from_code: str, to_code: str, directory: Path | None = None) -> ArgosPackage:
    """Download the index, pick the pair's package, download, validate and install it.

    The index entries are read with ``argostranslate.package`` (imported here, lazily), the
    downloads use a short timeout so that no network fails in seconds, not minutes.
    """
    argos_package = argos_module("package", "installing from the Argos package index")
    url = index_url()
    raw = _fetch(url)
    try:
        entries = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise UserError("the package index is not valid JSON", url, OFFLINE_HINT) from None
    available = [argos_package.AvailablePackage(e) for e in entries if isinstance(e, dict)]
    matches = [p for p in available if (p.from_code, p.to_code) == (from_code, to_code)]
    if not matches:
        pairs = sorted(
            {f"{p.from_code} {p.to_code}" for p in available if p.from_code and p.to_code}
        )
        raise UserError(
            f"the Argos package index has no {from_code}→{to_code} package",
            None,
            "available pairs: " + ", ".join(pairs[:40]) + (" …" if len(pairs) > 40 else ""),
        )
    chosen = max(matches, key=lambda p: _version_key(str(p.package_version)))
    last_error: UserError | None = None
    for link in chosen.links:
        try:
            data = _fetch(link, timeout=60.0)
        except UserError as exc:
            last_error = exc
            continue
        with tempfile.TemporaryDirectory() as tmp:
            archive = Path(tmp) / (argos_package.argospm_package_name(chosen) + ".argosmodel")
            archive.write_bytes(data)
            return install_archive(archive, directory)
    raise last_error or UserError(
        f"the index lists no download for {from_code}→{to_code}", None, OFFLINE_HINT
    )
