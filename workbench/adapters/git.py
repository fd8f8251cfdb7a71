"""Talking to git: where the work tree is, its config, attributes and line merges.

Everything goes through the ``git`` command, the way a user's own git would see it (the
repository's config, worktrees, ``GIT_DIR``), never by reading ``.git`` ourselves.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from workbench.errors import UserError

#: The line in ``.gitattributes`` that hands PO files to the workbench's merge driver.
ATTRIBUTE = "merge=workbench"


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("git")
    if exe is None:
        raise UserError("git is not installed", None, "install git, then run this again")
    return subprocess.run(
        [exe, *args], cwd=cwd, capture_output=True, text=True, check=False, encoding="utf-8"
    )


def work_tree(cwd: Path) -> Path:
    """The top folder of the git work tree around ``cwd``; a clear error outside one."""
    done = _git(["rev-parse", "--is-inside-work-tree", "--show-toplevel"], cwd)
    lines = done.stdout.split("\n")
    if done.returncode != 0 or not lines or lines[0].strip() != "true" or len(lines) < 2:
        raise UserError(
            "not inside a git work tree",
            cwd,
            "run it in a checkout of your repository (or `git init` one first)",
        )
    return Path(lines[1].strip())


def git_path(repo: Path, name: str) -> Path:
    """Where git keeps ``name`` (e.g. ``info/exclude``) for this work tree, worktrees included."""
    done = _git(["rev-parse", "--git-path", name], repo)
    if done.returncode != 0:
        raise UserError(f"git rev-parse --git-path {name} failed: {done.stderr.strip()}", repo)
    return repo / done.stdout.rstrip("\n")  # relative paths are relative to the work tree


def config_get(repo: Path, key: str) -> str | None:
    """A value from the repository's git config (``None`` when unset)."""
    done = _git(["config", "--local", "--get", key], repo)
    return done.stdout.rstrip("\n") if done.returncode == 0 else None


def config_set(repo: Path, key: str, value: str) -> None:
    """Set a value in the repository's own git config (``.git/config``)."""
    done = _git(["config", "--local", key, value], repo)
    if done.returncode != 0:
        raise UserError(f"git config {key} failed: {done.stderr.strip()}", repo)


def attribute_of(repo: Path, path: str, name: str) -> str:
    """What git says attribute ``name`` is for ``path`` (``unspecified`` if nothing)."""
    done = _git(["check-attr", name, "--", path], repo)
    # "<path>: <name>: <value>"
    return done.stdout.rsplit(": ", 1)[-1].strip() if done.returncode == 0 else "unspecified"


def merge_file(ours: Path, base: Path, theirs: Path, labels: Sequence[str]) -> int:
    """git's own line merge of three files into ``ours``; returns the number of conflicts.

    The fallback when a side is not a PO the workbench can read: the user gets git's usual
    conflict markers instead of a lost file.
    """
    args = ["merge-file"]
    for label in labels:
        args += ["-L", label]
    done = _git([*args, str(ours), str(base), str(theirs)], ours.parent)
    if done.returncode < 0:
        raise UserError(f"git merge-file failed: {done.stderr.strip()}", ours)
    return done.returncode
