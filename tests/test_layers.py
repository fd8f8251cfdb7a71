"""The layering rules hold: a pure domain, adapters below services, faces on top."""

from __future__ import annotations

import ast
import gc
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO

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


#: What each command must not import (each is tens of milliseconds of start-up, and git
#: runs the merge driver once per PO file): ``python -m bench.startup`` measures the time.
NOT_AT_START = ("numpy", "sacrebleu", "markdown_it", "textual", "argostranslate", "ctranslate2")
#: What reading a project needs none of (each is imported where it is used: writing a file
#: or a PO entry, a CSV glossary, comparing two sources' wording, a broken pipe, a document).
NOT_FOR_READING = (
    "tempfile",
    "csv",
    "difflib",
    "fractions",
    "signal",
    "workbench.adapters.po.layout",
    "workbench.adapters.po.linebreak",
    "workbench.domain.document.model",
)
STARTUP_CASES = {
    "--help": (*NOT_AT_START, "rich", "workbench.cli.check_cmd", "workbench.adapters.po"),
    "status": (
        *NOT_AT_START,
        *(m for m in NOT_FOR_READING if m != "fractions"),  # rich's tables use fractions
        "rapidfuzz",
        "workbench.domain.checks",
        "xml.etree",
        "tomllib",
    ),
    "check": (
        *NOT_AT_START,
        *NOT_FOR_READING,
        "rich",
        "subprocess",
        "rapidfuzz",
        "defusedxml",
        "xml.etree",
        "workbench.adapters.tbx",
        "tomllib",
    ),
}


def modules_loaded(args: list[str]) -> tuple[str, set[str]]:
    """What ``workbench ARGS`` prints on stderr, and every module it imported (run in a
    fresh interpreter)."""
    code = (
        "import contextlib, io, sys\n"
        "from workbench.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main({args!r})\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    return result.stderr, set(result.stdout.split())


@pytest.mark.parametrize("command", STARTUP_CASES)
def test_a_command_imports_only_what_it_needs(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line imports a command's module only when it runs (``--help`` none), and
    the sample project's ``status`` and ``check`` load no scoring, documents or XML. The
    second run is looked at: the first fills the cache folder (the spelling index, and
    workbench.toml as tomllib read it, which the next runs take without tomllib)."""
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    _, first = modules_loaded([command])
    _, loaded = modules_loaded([command])
    assert "workbench.cli" in loaded
    assert ("tomllib" in first) == (command != "--help")
    unwanted = [m for m in STARTUP_CASES[command] if m in loaded]
    assert not unwanted, f"`workbench {command}` imported {unwanted}"


def test_the_merge_driver_imports_no_checks_and_no_rich(tmp_path: Path) -> None:
    """Git runs the merge driver once per PO file both sides changed: a clean merge of the
    sample loads no QA checks, no rich (its account is plain lines) and none of the above."""
    text = (CORPUS / "hangzhou-sister-cities.en.po").read_text(encoding="utf-8")
    base, ours, theirs = tmp_path / "base.po", tmp_path / "ours.po", tmp_path / "theirs.po"
    base.write_text(text, encoding="utf-8")
    ours.write_text(
        re.sub(r'(?m)^msgstr "(?=[^"])', 'msgstr "Ours: ', text, count=1), encoding="utf-8"
    )
    theirs.write_text(text, encoding="utf-8")
    stderr, loaded = modules_loaded(["merge-driver", str(base), str(ours), str(theirs), "x.po"])
    assert "merged by entry: 23 unchanged, 1 from ours" in stderr, stderr
    unwanted = ("rich", "workbench.domain.checks", "rapidfuzz", *NOT_AT_START)
    assert not [m for m in unwanted if m in loaded]


def test_every_command_is_listed_once_with_the_module_that_defines_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``COMMANDS`` (what ``--help`` lists without importing anything) and the modules agree:
    ``workbench --help`` lists each command with its line, and each command's own help
    comes from its module (a placeholder would have no description)."""
    from workbench.cli import COMMANDS, main

    with pytest.raises(SystemExit):
        main(["--help"])
    listing = " ".join(capsys.readouterr().out.split())
    for command in COMMANDS:
        assert f"{command.name} {command.help.replace('%%', '%')}" in listing
    for command in COMMANDS:
        with pytest.raises(SystemExit):
            main([command.name, "--help"])
        usage, _, rest = capsys.readouterr().out.partition("\n\n")
        assert usage.startswith(f"usage: workbench {command.name}")
        description = rest.split("\n\n", 1)[0]
        assert description and not description.startswith(("positional", "options")), command


def test_the_console_script_exits_with_the_code_and_skips_the_last_collection(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbench` (the console script, `python -m workbench`) exits with the command's
    code; the garbage collector is off by then, so the interpreter's last full collection
    is not paid for at exit (``python -m bench.startup``)."""
    from workbench.cli import run

    monkeypatch.setattr(sys, "argv", ["workbench", "check", "--list-checks", "--format", "json"])
    try:
        with pytest.raises(SystemExit) as exited:
            run()
        assert exited.value.code == 0 and not gc.isenabled()
    finally:
        gc.enable()
    assert '"id": "spelling"' in capsys.readouterr().out
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "check", "/nonexistent.po"],
        capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    assert result.returncode == 2 and "error:" in result.stderr
