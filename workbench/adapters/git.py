"""Talking to git: where the work tree is, its config, attributes and line merges.

Everything goes through the ``git`` command, the way a user's own git would see it (the
repository's config, worktrees, ``GIT_DIR``), never by reading ``.git`` ourselves.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal, NamedTuple

from workbench.errors import UserError

#: A FETCH_HEAD description: "branch 'main' of ../alice".
FETCHED = re.compile(r"(?:branch|tag|remote-tracking branch) '([^']*)' of (.*)")

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


class MergeSides(NamedTuple):
    """What git is doing while it runs a merge driver, and what "ours" and "theirs" are.

    git 2.39 gives a driver no branch names (``%S``/``%X``/``%Y`` came later), so they are
    read the way git's own prompt script does: a rebase from ``rebase-merge/`` (there
    "ours" is the branch being rebased onto and "theirs" the commit being replayed), a merge
    from the ``GITHEAD_<sha>`` variable git sets for the merged head and the current branch.
    """

    operation: Literal["merge", "rebase", ""]
    ours: str = ""
    theirs: str = ""


def merge_sides(repo: Path, environ: Mapping[str, str]) -> MergeSides:
    """What the two sides of the merge git is running in ``repo`` are (empty if unknown)."""
    try:
        rebase = git_path(repo, "rebase-merge")
    except UserError:  # not in a repository (or no git): nothing to name
        return MergeSides("")
    if rebase.is_dir():
        onto = _first_line(rebase / "onto")
        try:
            done = (rebase / "done").read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            done = []
        picked = done[-1].split(maxsplit=2)[1:] if done else []  # "pick <sha> <subject>"
        replayed = " ".join([picked[0][:7], *picked[1:]]) if picked else ""
        return MergeSides("rebase", _name_of(repo, onto) if onto else "", replayed)
    heads = [(k[len("GITHEAD_") :], v) for k, v in environ.items() if k.startswith("GITHEAD_")]
    if len(heads) != 1:
        return MergeSides("")
    sha, name = heads[0]
    current = _git(["symbolic-ref", "-q", "--short", "HEAD"], repo).stdout.strip()
    return MergeSides(
        "merge",
        current or _name_of(repo, "HEAD"),
        _name_of(repo, sha) if sha.startswith(name) else name,  # `git pull`, a hash
    )


def _first_line(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0].strip()
    except OSError:
        return ""


def _name_of(repo: Path, commit: str) -> str:
    """A commit as a person knows it: the branch at it (``origin/main``), else what
    ``git pull`` fetched (``main of ../alice``), else a name relative to a branch
    (``main~2``), else its short hash."""
    done = _git(["name-rev", "--name-only", "--no-undefined", commit], repo)
    named = done.stdout.strip().removeprefix("remotes/") if done.returncode == 0 else ""
    if named and not any(c in named for c in "~^"):
        return named
    full = _git(["rev-parse", commit], repo).stdout.strip()
    try:
        fetched = git_path(repo, "FETCH_HEAD").read_text(encoding="utf-8", errors="replace")
    except (OSError, UserError):
        fetched = ""
    for line in fetched.splitlines():
        sha, _, what = [*line.split("\t"), "", ""][:3]
        found = FETCHED.match(what)
        if full and sha == full and found:
            return f"{found[1]} of {found[2]}"
    return named or full[:7] or commit[:7]


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
