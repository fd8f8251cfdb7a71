"""Real PO documents for the PO reader and writer tests.

Two collections, both made at test time from pinned material (tests/support/material.toml):

* :func:`gettext_suite` — every PO document in GNU gettext 0.21's own test suite
  (``gettext-tools/tests``: the ``.po`` files and the here-documents of its shell scripts),
  each put through ``msgcat`` (and ``msgcat --no-wrap``). That suite is the best
  specification of gettext's layout there is.
* :func:`debian_catalogues` — German catalogues of Debian packages (``.mo`` files through
  ``msgunfmt``, then ``msgcat``) and dpkg's man-page catalogue.

Results are cached beside the downloads, so only the first run pays for msgcat.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tarfile
from functools import cache
from pathlib import Path

import pytest

from tests.support.material import deb_member, fetch, tar_member
from tests.support.registry import cache_dir

SUITE = "gettext-0.21/gettext-tools/tests/"
_HEREDOC = re.compile(rb"<<\s*(\\?)(['\"]?)([A-Za-z_]+)\2")
_EXPANSION = re.compile(rb"(?<!\\)\$[A-Za-z_{(]")


def need_gettext() -> None:
    if not (shutil.which("msgcat") and shutil.which("msgunfmt")):
        pytest.skip("GNU gettext (msgcat, msgunfmt) is not installed")


def _heredocs(script: bytes) -> list[bytes]:
    """The here-documents of a shell script, as the shell would feed them (no expansions)."""
    docs = []
    lines = script.split(b"\n")
    i = 0
    while i < len(lines):
        match = _HEREDOC.search(lines[i])
        i += 1
        if match is None or lines[i - 1].lstrip().startswith(b"#"):
            continue
        quoted = bool(match.group(1) or match.group(2))
        delimiter = match.group(3)
        body: list[bytes] = []
        while i < len(lines) and lines[i] != delimiter:
            body.append(lines[i])
            i += 1
        i += 1
        text = b"\n".join(body) + b"\n"
        if not quoted:
            if _EXPANSION.search(text):
                continue  # would need the shell's variables
            text = re.sub(rb"\\\n", b"", text)
            text = re.sub(rb"\\([\\$`])", rb"\1", text)
        docs.append(text)
    return docs


def _is_po(doc: bytes) -> bool:
    return re.search(rb"^(?:#~ ?)?msgid[ \t]", doc, re.MULTILINE) is not None


@cache
def suite_documents() -> dict[str, bytes]:
    """Every PO document of gettext's test suite, by a name saying where it came from."""
    docs: dict[str, bytes] = {}
    with tarfile.open(fetch("gettext-source")) as tar:
        for member in tar.getmembers():
            if not member.isfile() or not member.name.startswith(SUITE):
                continue
            name = member.name[len(SUITE) :]
            handle = tar.extractfile(member)
            assert handle is not None
            data = handle.read()
            if name.endswith((".po", ".pot")) and _is_po(data):
                docs[name] = data
            elif "/" not in name and b"<<" in data:
                for n, doc in enumerate(_heredocs(data)):
                    if _is_po(doc):
                        docs[f"{name}#{n}"] = doc
    return docs


def _msgcat(data: bytes, *options: str) -> bytes | None:
    """``msgcat OPTIONS`` of a document, or ``None`` when msgcat refuses it."""
    key = hashlib.sha256(data + repr(options).encode()).hexdigest()[:24]
    folder = cache_dir() / "msgcat-0.21"
    folder.mkdir(exist_ok=True)
    out = folder / f"{key}.po"
    failed = folder / f"{key}.failed"
    if out.exists():
        return out.read_bytes()
    if failed.exists():
        return None
    result = subprocess.run(
        ["msgcat", *options, "-"], input=data, capture_output=True, check=False, timeout=60
    )
    if result.returncode != 0 or not result.stdout:
        failed.touch()
        return None
    out.write_bytes(result.stdout)
    return result.stdout


@cache
def gettext_suite() -> dict[str, bytes]:
    """The suite's documents in gettext's layout: ``msgcat`` and ``msgcat --no-wrap`` output."""
    need_gettext()
    cases: dict[str, bytes] = {}
    for name, doc in suite_documents().items():
        for label, options in (("msgcat", ()), ("no-wrap", ("--no-wrap",))):
            out = _msgcat(doc, *options)
            if out is not None:
                cases[f"{name} [{label}]"] = out
    return cases


#: (manifest name, path of the German catalogue inside it)
DEBIAN_MO = {
    "apt": ("apt-deb", "usr/share/locale/de/LC_MESSAGES/apt.mo"),
    "bash": ("bash-deb", "usr/share/locale/de/LC_MESSAGES/bash.mo"),
    "coreutils": ("coreutils-deb", "usr/share/locale/de/LC_MESSAGES/coreutils.mo"),
    "dpkg": ("dpkg-deb", "usr/share/locale/de/LC_MESSAGES/dpkg.mo"),
    "findutils": ("findutils-deb", "usr/share/locale/de/LC_MESSAGES/findutils.mo"),
    "gettext-tools": ("gettext-deb", "usr/share/locale/de/LC_MESSAGES/gettext-tools.mo"),
    "grep": ("grep-deb", "usr/share/locale/de/LC_MESSAGES/grep.mo"),
    "libc": ("libc-l10n-deb", "usr/share/locale/de/LC_MESSAGES/libc.mo"),
    "nano": ("nano-deb", "usr/share/locale/de/LC_MESSAGES/nano.mo"),
    "sed": ("sed-deb", "usr/share/locale/de/LC_MESSAGES/sed.mo"),
    "tar": ("tar-deb", "usr/share/locale/de/LC_MESSAGES/tar.mo"),
    "util-linux": ("util-linux-locales-deb", "usr/share/locale/de/LC_MESSAGES/util-linux.mo"),
}
#: More German catalogues of Debian packages, for the QA checks' tests only (not in
#: :func:`debian_catalogues`, which the PO round-trip tests read whole): software
#: conventions the checks must read (GCC's diagnostics, e2fsprogs' @-abbreviations, GTK
#: accelerators, a name written in the source's capitals).
CHECK_MO = {
    "e2fsprogs": ("e2fsprogs-l10n-deb", "usr/share/locale/de/LC_MESSAGES/e2fsprogs.mo"),
    "gcc-12": ("gcc-12-locales-deb", "usr/share/locale/de/LC_MESSAGES/gcc-12.mo"),
    "gnome-clocks": ("gnome-clocks-deb", "usr/share/locale/de/LC_MESSAGES/gnome-clocks.mo"),
    "gnupg2": ("gnupg-l10n-deb", "usr/share/locale/de/LC_MESSAGES/gnupg2.mo"),
}
#: Two releases of one catalogue, for merges of a real upstream update (not in
#: :func:`debian_catalogues`: the PO round-trip tests do not need them).
UPDATE_MO = {
    "thunar-4.18": ("thunar-data-4-18-deb", "usr/share/locale/de/LC_MESSAGES/thunar.mo"),
    "thunar-4.20": ("thunar-data-4-20-deb", "usr/share/locale/de/LC_MESSAGES/thunar.mo"),
}
#: Source catalogues (real translators' PO files, with their comments and obsolete entries).
SOURCE_PO = {
    "dpkg-man": ("dpkg-source", "dpkg-1.21.23/man/po/de.po"),
    "dpkg-po": ("dpkg-source", "dpkg-1.21.23/po/de.po"),
    "dselect-po": ("dpkg-source", "dpkg-1.21.23/dselect/po/de.po"),
    "dpkg-scripts-po": ("dpkg-source", "dpkg-1.21.23/scripts/po/de.po"),
}


def debian_catalogue(name: str) -> bytes:
    """One real German catalogue in gettext's layout (``msgunfmt`` or as shipped, then msgcat)."""
    need_gettext()
    folder = cache_dir() / "catalogues"
    folder.mkdir(exist_ok=True)
    out = folder / f"{name}.po"
    if out.exists():
        return out.read_bytes()
    released = {**DEBIAN_MO, **CHECK_MO, **UPDATE_MO}
    if name in released:
        package, member = released[name]
        mo = folder / f"{name}.mo"
        mo.write_bytes(deb_member(package, member))
        po = subprocess.run(
            ["msgunfmt", str(mo)], capture_output=True, check=True, timeout=120
        ).stdout
        mo.unlink()
    else:
        package, member = SOURCE_PO[name]
        po = tar_member(package, member)
    result = _msgcat(po)
    if result is None:
        pytest.fail(f"msgcat refuses the {name} catalogue")
    out.write_bytes(result)
    return result


def debian_catalogues() -> dict[str, bytes]:
    """Every real catalogue of :data:`DEBIAN_MO` and :data:`SOURCE_PO`."""
    return {name: debian_catalogue(name) for name in (*DEBIAN_MO, *SOURCE_PO)}


def write(tmp: Path, name: str, data: bytes) -> Path:
    """``data`` as a file in ``tmp`` with a safe name."""
    path = tmp / (re.sub(r"[^A-Za-z0-9_.-]+", "_", name) + ".po")
    path.write_bytes(data)
    return path
