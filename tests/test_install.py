"""The core install leaves the MT stack out: declared dependencies, and a real core-only venv.

``pip install workbench`` (no extras) must run segment, status, check, open, score, export,
tm and glossary, and draft with an installed SentencePiece package, without torch, stanza,
spaCy or argostranslate, in well under 400 MB. The first test reads the declared dependency
tree of the installed distribution (cheap); the second builds a fresh venv with the core
only, measures it and runs the commands in it (slow: it installs from the package index).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from tests.conftest import CORPUS, REPO

#: Never in the core: the MT model stack (argostranslate brings stanza and torch).
MT_STACK = ("argostranslate", "torch", "stanza", "spacy", "thinc", "onnxruntime")
CORE_LIMIT_MB = 400
GLOSSARY = REPO / "glossaries" / "civic.de-en.tsv"


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def core_closure(dist: str = "workbench") -> dict[str, metadata.Distribution]:
    """Every installed distribution the core of ``dist`` needs (no extras), by name."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [(dist, frozenset[str]())]
    while todo:
        name, extras = todo.pop()
        if _name(name) in seen:
            continue
        d = metadata.distribution(name)
        seen[_name(name)] = d
        for line in d.requires or []:
            req = Requirement(line)
            envs = [{"extra": e} for e in extras] or [{"extra": ""}]
            if req.marker is None or any(req.marker.evaluate(env) for env in envs):
                todo.append((req.name, frozenset(req.extras)))
    return seen


def installed_bytes(dist: metadata.Distribution) -> int:
    total = 0
    for f in dist.files or []:
        path = Path(str(dist.locate_file(f)))
        if path.is_file():
            total += path.stat().st_size
    return total


def test_declared_core_dependencies_leave_the_mt_stack_out() -> None:
    """The core's dependency tree has none of the MT stack, and argostranslate is the `mt` extra."""
    closure = core_closure()
    assert not [n for n in closure if n in MT_STACK or n.startswith("nvidia-")]
    assert {"ctranslate2", "sentencepiece", "polib", "textual"} <= set(closure)
    declared = [Requirement(r) for r in metadata.distribution("workbench").requires or []]
    mt_extra = [r.name for r in declared if r.marker and r.marker.evaluate({"extra": "mt"})]
    assert "argostranslate" in mt_extra
    size_mb = sum(installed_bytes(d) for n, d in closure.items() if n != "workbench") / 1e6
    assert size_mb < CORE_LIMIT_MB, f"core dependencies take {size_mb:.0f} MB"


def _copy_project(dest: Path) -> Path:
    """A clean copy of what building the package reads (the repo stays untouched)."""
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, dest / name)
    shutil.copytree(
        REPO / "workbench", dest / "workbench", ignore=shutil.ignore_patterns("__pycache__")
    )
    return dest


@pytest.mark.slow
def test_a_core_only_venv_runs_the_core_commands(tmp_path: Path, argosmodel: Path) -> None:
    """A fresh venv with `pip install .`: no MT stack, < 400 MB, and the core commands work."""
    venv = tmp_path / "core-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_ = venv / "bin"
    (tmp_path / "src").mkdir()
    project = _copy_project(tmp_path / "src")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    subprocess.run(
        [str(bin_ / "pip"), "install", "-q", str(project)], check=True, env=env, timeout=600
    )
    missing = subprocess.run(
        [
            str(bin_ / "python"),
            "-c",
            f"import importlib.util as u; print([m for m in {MT_STACK!r} if u.find_spec(m)])",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert missing.stdout.strip() == "[]"
    size_mb = (
        sum(p.stat().st_size for p in venv.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    )
    assert size_mb < CORE_LIMIT_MB, f"the core venv takes {size_mb:.0f} MB"

    env.update(
        ARGOS_PACKAGES_DIR=str(tmp_path / "packages"),
        WORKBENCH_CACHE_DIR=str(tmp_path / "cache"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )

    def wb(*args: str, code: int = 0) -> str:
        done = subprocess.run(
            [str(bin_ / "workbench"), *args],
            check=False,
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == code, (args, done.stdout, done.stderr)
        return done.stdout + done.stderr

    po = tmp_path / "article.en.po"
    wb("segment", str(CORPUS / "source.de.md"), "-o", str(po))
    assert "untranslated" in wb("status", str(po))
    human = CORPUS / "hangzhou-sister-cities.en.po"
    wb("check", str(human), "-g", str(GLOSSARY))
    wb("score", str(human), "--reference", str(CORPUS / "reference.en.md"))
    wb("export", str(human), "--format", "md", "-o", str(tmp_path / "out.en.md"))
    assert "Landrat" in wb("glossary", "show", str(GLOSSARY))
    # the TUI's module tree imports without the MT stack
    subprocess.run([str(bin_ / "python"), "-c", "import workbench.tui.app"], check=True, env=env)
    # MT: drafting with an installed SentencePiece package needs only CTranslate2
    wb("mt", "install", str(argosmodel))
    assert "24 drafted" in wb("draft", str(po), "-g", str(GLOSSARY))
    # what needs the extra says what to install
    out = wb("mt", "install", "de", "en", code=2)
    assert "pip install 'workbench[mt]'" in out and "download.pytorch.org/whl/cpu" in out
    listed = wb("mt", "list")
    assert "the `mt` extra (argostranslate) is not installed" in listed
    assert "de→en" in listed  # the installed package is still listed
