"""The layering rules hold: a pure domain, adapters below services, faces on top."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "workbench"
HEAVY = (
    "textual",
    "rich",
    "polib",
    "argostranslate",
    "ctranslate2",
    "sentencepiece",
    "torch",
    "stanza",
)
#: Methods that read or write files (str.replace is fine, so replace is not listed).
FILE_IO_METHODS = {
    "read_text",
    "read_bytes",
    "write_text",
    "write_bytes",
    "mkdir",
    "unlink",
    "rename",
    "rmdir",
    "touch",
    "iterdir",
    "glob",
}


def domain_modules() -> list[str]:
    mods = []
    for path in sorted((PACKAGE / "domain").rglob("*.py")):
        rel = path.relative_to(REPO).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        mods.append(".".join(parts))
    return mods


def test_import_linter_contracts_hold() -> None:
    """import-linter checks the layer and purity contracts declared in pyproject.toml."""
    exe = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(exe)], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_imports_load_no_ui_files_or_engines() -> None:
    """Importing every domain module in a fresh interpreter loads none of the heavy libraries."""
    code = (
        "import sys, importlib\n"
        f"for m in {domain_modules()!r}: importlib.import_module(m)\n"
        f"print(','.join(h for h in {HEAVY!r} if h in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "", f"domain pulled in: {result.stdout.strip()}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").rglob("*.py")), ids=lambda p: p.name)
def test_domain_does_no_file_io(path: Path) -> None:
    """No domain module opens, reads or writes files, or imports pathlib/os/shutil/io."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    offences = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            offences += [
                f"import {n}"
                for n in names
                if n.split(".")[0] in {"pathlib", "os", "shutil", "io", "tempfile"}
            ]
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "open":
                offences.append(f"open() at line {node.lineno}")
            if isinstance(func, ast.Attribute) and func.attr in FILE_IO_METHODS:
                offences.append(f".{func.attr}() at line {node.lineno}")
    assert not offences, offences


def test_package_import_is_cheap() -> None:
    """`import workbench` and building the CLI load neither the TUI nor the MT engine."""
    code = "import sys, workbench, workbench.cli; workbench.cli.build_parser(); print(','.join(h for h in ('textual','argostranslate','torch','ctranslate2') if h in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
