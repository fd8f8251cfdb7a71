"""PO files in git: registering the merge driver, and merging one file as git asks.

``git-setup`` writes a ``.gitattributes`` line and the repository's config so that git hands
every ``*.po`` merge to ``workbench merge-driver %O %A %B %P``. The driver reads the three
versions, merges them entry by entry (:mod:`workbench.domain.threeway`) and writes the
result over ``%A`` atomically, as git expects. A side the workbench cannot read falls back
to git's own line merge, so the user gets the usual conflict markers and never a lost file.
"""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from workbench.adapters import git
from workbench.adapters.files import MiB, atomic_write_text, decode_text, read_input
from workbench.adapters.po_entries import MergeSide
from workbench.domain.threeway import MergeReport, merge_catalogs
from workbench.domain.units import Side
from workbench.errors import UserError

DRIVER_NAME = "workbench: merges PO files entry by entry (msgctxt + msgid)"
PATTERN = "*.po"
#: A .gitattributes or info/exclude file larger than this is refused (git-setup reads it whole).
MAX_GIT_FILE_BYTES = 16 * MiB


@dataclass(frozen=True)
class SetupStep:
    """One thing ``git-setup`` looked at: what, and whether it changed anything."""

    what: str
    value: str
    action: Literal["added", "updated", "unchanged"]


@dataclass(frozen=True)
class SetupResult:
    """What ``git-setup`` did in which repository, and what git now says about PO files."""

    repo: Path
    steps: tuple[SetupStep, ...]
    check: str


def driver_command() -> str:
    """The command git runs for a merge: this very workbench, by absolute path."""
    script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if script is not None and script.is_file() and script.name == "workbench":
        program = shlex.quote(str(script))
    else:
        program = f"{shlex.quote(sys.executable)} -m workbench"
    return f"{program} merge-driver %O %A %B %P"


#: The workbench's own files beside a PO, never to be committed: the journal of unsaved edits,
#: the advisory lock of an open editor, a write's temporary file. ``git-setup`` lists them in
#: the clone's ``info/exclude`` (not the shared ``.gitignore``: nothing to commit for it), and
#: the project memory's file if it is in the work tree.
PRIVATE_FILES = (".*.wbjournal", ".*.wblock", ".*.wbtmp")


def setup(cwd: Path) -> SetupResult:
    """Register the merge driver in the work tree around ``cwd``; safe to run again."""
    repo = git.work_tree(cwd)
    steps = [_line_in(repo / ".gitattributes", f"{PATTERN} {git.ATTRIBUTE}", repo)]
    for key, value in (
        ("merge.workbench.name", DRIVER_NAME),
        ("merge.workbench.driver", driver_command()),
    ):
        old = git.config_get(repo, key)
        if old != value:
            git.config_set(repo, key, value)
        action: Literal["added", "updated", "unchanged"] = (
            "unchanged" if old == value else "added" if old is None else "updated"
        )
        steps.append(SetupStep(f"git config {key}", value, action))
    exclude = git.git_path(repo, "info/exclude")
    patterns = (*PRIVATE_FILES, *_memory_files(repo))
    steps += [_line_in(exclude, pattern, repo) for pattern in patterns]
    check = git.attribute_of(repo, "any.po", "merge")
    return SetupResult(repo, tuple(steps), check)


def _memory_files(repo: Path) -> list[str]:
    """The project memory's SQLite file with its -wal/-shm companions, when it lies in the
    work tree (a binary database git cannot merge; a team shares a server memory)."""
    from workbench.services.project_memory import memory_settings

    settings = memory_settings()
    if settings.is_server:
        return []
    path = Path(settings.location)
    if not path.is_absolute() and settings.root is not None:
        path = settings.root / path
    path, top = path.resolve(), repo.resolve()
    return [f"/{path.relative_to(top).as_posix()}*"] if path.is_relative_to(top) else []


def _line_in(path: Path, line: str, repo: Path) -> SetupStep:
    """Make sure ``path`` has ``line`` (same words; the rest of the file is kept as it is)."""
    data = read_input(path, MAX_GIT_FILE_BYTES, f"{path.name} file") if path.exists() else b""
    text = decode_text(data, path, "fix or remove the file (git reads it as UTF-8)")
    first, *rest = line.split()
    shown = str(path.relative_to(repo)) if path.is_relative_to(repo) else str(path)
    for existing in text.splitlines():
        words = existing.split()
        if words[:1] == [first] and set(rest) <= set(words[1:]):
            return SetupStep(shown, line, "unchanged")
    separator = "" if not text or text.endswith("\n") else "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, f"{text}{separator}{line}\n")
    return SetupStep(shown, line, "added")


@dataclass(frozen=True)
class DriverResult:
    """One file merged by the driver: the report, or why git's line merge was used."""

    path: str
    report: MergeReport | None
    fallback: str = ""
    fallback_conflicts: int = 0
    sides: git.MergeSides | None = None

    @property
    def exit_code(self) -> int:
        """0 merged cleanly; 1 conflicts left in the file (git then stops the merge)."""
        if self.report is None:
            return 1 if self.fallback_conflicts else 0
        return 1 if self.report.conflicts else 0


def merge_driver(base: Path, ours: Path, theirs: Path, name: str) -> DriverResult:
    """Merge ``theirs`` into ``ours`` (base ``base``) and write the result over ``ours``."""
    for side in (base, ours, theirs):
        if not side.is_file():
            raise UserError(
                "is not a file: git gives the merge driver three files",
                side,
                "git runs `workbench merge-driver %O %A %B %P` itself; see `workbench git-setup`",
            )
    try:
        sides = [MergeSide(p) for p in (base, ours, theirs)]
    except UserError as exc:
        where = exc.where.replace(str(base), f"{name} (base)")
        where = where.replace(str(ours), f"{name} (ours)").replace(str(theirs), f"{name} (theirs)")
        conflicts = git.merge_file(ours, base, theirs, (f"ours: {name}", "base", f"theirs: {name}"))
        return DriverResult(name, None, f"{where}: {exc.message}", conflicts)
    named = git.merge_sides(ours.resolve().parent, os.environ)  # git runs us at the top
    base_side, ours_side, theirs_side = (side.catalog for side in sides)
    result = merge_catalogs(base_side, ours_side, theirs_side, side_labels(named))
    sides[1].write(ours, result.catalog)
    return DriverResult(name, result.report, sides=named)


def side_labels(named: git.MergeSides) -> dict[Side, str]:
    """How the conflict view titles each side: which branch, and what git was doing."""
    if named.operation == "rebase":
        return {
            "ours": f"Ours: {named.ours} (rebasing onto)",
            "theirs": f"Theirs: your commit {named.theirs}",
        }
    if named.operation == "merge":
        return {
            "ours": f"Ours: {named.ours} (merged into)",
            "theirs": f"Theirs: {named.theirs} (merged in)",
        }
    return {}
