"""The pre-commit hooks (.pre-commit-hooks.yaml), run by the real pre-commit framework.

A throwaway git project lists this repository in its .pre-commit-config.yaml, exactly as a
user's project would; pre-commit clones it, builds the hook's virtualenv with pip (from the
package registry) and runs `workbench check` on a real `git commit`. The hook repository is a
clone of this checkout's HEAD with the working tree's hooks file on top.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

HEADER = """msgid ""
msgstr ""
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Source-Language: de\\n"

"""

GOOD = HEADER + 'msgid "Die Konferenz dauerte 3 Tage."\nmsgstr "The conference lasted 3 days."\n'
BAD = HEADER + 'msgid "Die Konferenz dauerte 3 Tage."\nmsgstr "The conference lasted 4 days."\n'
MISSPELT = (
    HEADER + 'msgid "Die Konferenz dauerte 3 Tage."\nmsgstr "The conferense lasted 3 days."\n'
)

TOML = """[project]
source_language = "de"
target_language = "en"

[[corpus]]
name = "talk"
source = "talk.de.txt"
po = "talk.en.po"

[check]
fail_on = "warning"
"""


#: pre-commit's cache (hook repositories and their virtualenvs), one per test module.
_HOME: list[Path] = []


def _git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        **({"PRE_COMMIT_HOME": str(_HOME[0])} if _HOME else {}),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, text=True, capture_output=True, check=check
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A git project whose pre-commit config uses both hooks of this repository, installed."""
    if shutil.which("git") is None:
        pytest.fail("git is needed to test the pre-commit hooks")
    base = tmp_path_factory.mktemp("precommit")
    hooks = base / "hooks-repo"
    _git(base, "clone", "--quiet", "--depth", "1", f"file://{REPO}", str(hooks))
    shutil.copy(REPO / ".pre-commit-hooks.yaml", hooks / ".pre-commit-hooks.yaml")
    _git(hooks, "add", ".pre-commit-hooks.yaml")
    if _git(hooks, "diff", "--cached", "--quiet", check=False).returncode:
        _git(hooks, "commit", "--quiet", "-m", "hooks file of the working tree")
    rev = _git(hooks, "rev-parse", "HEAD").stdout.strip()

    work = base / "project"
    work.mkdir()
    _git(work, "init", "--quiet")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks}\n  rev: {rev}\n  hooks:\n"
        "  - id: workbench-check\n  - id: workbench-check-project\n",
        encoding="utf-8",
    )
    (work / "workbench.toml").write_text(TOML, encoding="utf-8")
    (work / "talk.de.txt").write_text("Die Konferenz dauerte 3 Tage.\n", encoding="utf-8")
    (work / "talk.en.po").write_text(GOOD, encoding="utf-8")
    _HOME[:] = [base / "pre-commit-home"]
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=work, check=True, capture_output=True
    )
    _git(work, "add", ".")
    first = _git(work, "commit", "-m", "a clean project", check=False)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "workbench check (changed PO files)" in first.stdout + first.stderr
    yield work


def _commit(work: Path, name: str, text: str) -> subprocess.CompletedProcess[str]:
    (work / name).write_text(text, encoding="utf-8")
    _git(work, "add", name)
    return _git(work, "commit", "-m", f"change {name}", check=False)


def test_a_commit_with_a_wrong_number_is_refused(project: Path) -> None:
    result = _commit(project, "other.en.po", BAD)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "other.en.po:" in out and "numbers" in out and "3" in out and "4" in out
    assert "Failed" in out
    _git(project, "reset", "--quiet", "HEAD", "--", "other.en.po")
    (project / "other.en.po").unlink()


def test_a_misspelling_fails_the_project_gate_at_warning(project: Path) -> None:
    # Both hooks read workbench.toml: its fail_on = "warning" makes a misspelling fail.
    result = _commit(project, "talk.en.po", MISSPELT)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "conferense" in out and "conference" in out  # the word and the suggestion
    _git(project, "checkout", "--quiet", "HEAD", "--", "talk.en.po")


def test_a_clean_change_passes_and_other_files_are_left_alone(project: Path) -> None:
    (project / "notes.txt").write_text("not a PO file\n", encoding="utf-8")
    skipped = _commit(project, "notes.txt", "still not a PO file\n")
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    hooks = (skipped.stdout + skipped.stderr).replace(".", "")
    assert hooks.count("(no files to check)Skipped") == 2, hooks
    good = _commit(project, "more.en.po", GOOD)
    assert good.returncode == 0, good.stdout + good.stderr
    assert (good.stdout + good.stderr).count("Passed") == 2, good.stdout + good.stderr
