"""Who is reviewing, and when: the name and time stamp a review mark records.

Kept apart from the editing session because finding the name asks the environment, git
and the operating system, and because every use case that marks a review needs the same
answer.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime


def reviewer_name() -> str:
    """Who is reviewing: ``WORKBENCH_REVIEWER``, else git's user.name, else the login name."""
    import getpass
    import subprocess  # here: commands that load this module (check) rarely ask

    name = os.environ.get("WORKBENCH_REVIEWER", "").strip()
    if name:
        return name
    git = shutil.which("git")
    if git:
        try:
            out = subprocess.run(
                [git, "config", "user.name"], capture_output=True, text=True, timeout=2, check=False
            )
            if out.returncode == 0 and out.stdout.strip():
                return out.stdout.strip()
        except (OSError, subprocess.SubprocessError):
            pass
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "reviewer"


def translator_name() -> str:
    """Who a saved file's ``Last-Translator`` names: the reviewer, with git's e-mail if set."""
    import subprocess

    name = reviewer_name()
    git = shutil.which("git")
    if git and "<" not in name:
        try:
            out = subprocess.run(
                [git, "config", "user.email"],
                capture_output=True,
                text=True,
                timeout=2,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return name
        email = out.stdout.strip()
        if out.returncode == 0 and email:
            return f"{name} <{email}>"
    return name


def utc_now() -> str:
    """Now, as the review marks store it: UTC ISO 8601 to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()
