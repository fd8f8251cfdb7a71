"""Speed of the git merge driver on a large catalogue, against git's and gettext's own tools.

Three versions of one catalogue of N entries (default 50,000; every third one a long
sentence that gettext wraps) in gettext's layout (written by ``msgcat``): theirs
re-translates 1 % of the entries, ours another 1 %, both change 20 entries differently
(conflicts) and both move ``PO-Revision-Date``. Timed in the same run, each the median of
three:

- ``workbench merge-driver`` as git runs it (a new process: start-up, reading three files,
  merging, writing one);
- anchor 1, ``git merge-file`` on the same three files (git's line merge: what a merge
  costs without the driver, conflicts and all);
- anchor 2, ``msgcat`` reading and writing one of the files (GNU gettext's C reader/writer).

    python -m bench.merge            # 50,000 entries
    python -m bench.merge --entries 5000
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: bench\\n"\n'
    '"PO-Revision-Date: {date}\\n"\n"Language: en\\n"\n"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
)
CONFLICTS = 20


def catalogue(n: int, date: str, change: Callable[[int], str | None]) -> str:
    """A PO of ``n`` entries; ``change(i)`` gives entry i a new translation (or None)."""
    parts = [HEADER.format(date=date)]
    for i in range(n):
        source = f"Satz Nummer {i}: Der Himmel über der Stadt ist heute {i % 97} Mal blau."
        target = change(i) or f"Sentence number {i}: the sky over the town is {i % 97} times blue."
        if i % 3 == 0:
            source += " Am Abend zieht vom See her Nebel auf, und die Lichter gehen an."
            target += " In the evening fog rises from the lake, and the lights come on."
        parts.append(f'#: doc.md:{i + 1}\nmsgid "{source}"\nmsgstr "{target}"\n')
    return "\n".join(parts)


def gettext_layout(path: Path) -> None:
    """Rewrite ``path`` as msgcat writes it (long strings wrapped at 79 columns)."""
    subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)


def median_time(run: Callable[[], object], rounds: int = 3) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=50_000)
    args = parser.parse_args()
    n = args.entries
    workbench = Path(sys.executable).parent / "workbench"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = folder / "base.po"
        base.write_text(catalogue(n, "2026-11-01 10:00+0000", lambda i: None), encoding="utf-8")
        gettext_layout(base)

        def ours_change(i: int) -> str | None:
            if i < CONFLICTS:
                return f"Ours {i}."
            return f"Our sentence {i}." if i % 100 == 1 else None

        def theirs_change(i: int) -> str | None:
            if i < CONFLICTS:
                return f"Theirs {i}."
            return f"Their sentence {i}." if i % 100 == 2 else None

        ours = folder / "ours.po"
        ours.write_text(catalogue(n, "2026-11-02 10:00+0000", ours_change), encoding="utf-8")
        gettext_layout(ours)
        ours_text = ours.read_text(encoding="utf-8")
        theirs = folder / "theirs.po"
        theirs.write_text(catalogue(n, "2026-11-03 10:00+0000", theirs_change), encoding="utf-8")
        gettext_layout(theirs)

        def driver() -> None:
            ours.write_text(ours_text, encoding="utf-8")
            done = subprocess.run(
                [str(workbench), "merge-driver", str(base), str(ours), str(theirs), "bench.po"],
                capture_output=True,
                text=True,
                check=False,
            )
            assert done.returncode == 1, done.stderr  # the 20 conflicts

        def git_merge_file() -> None:
            ours.write_text(ours_text, encoding="utf-8")
            subprocess.run(
                ["git", "merge-file", str(ours), str(base), str(theirs)],
                capture_output=True,
                check=False,
            )

        def msgcat() -> None:
            subprocess.run(
                ["msgcat", "-o", str(folder / "out.po"), str(theirs)],
                capture_output=True,
                check=True,
            )

        t_driver = median_time(driver)
        t_git = median_time(git_merge_file) if shutil.which("git") else float("nan")
        t_msgcat = median_time(msgcat) if shutil.which("msgcat") else float("nan")
    print(f"merge of {n:,} entries (3 files), median of 3")
    print(f"  workbench merge-driver  {t_driver:8.3f} s")
    print(f"  git merge-file          {t_git:8.3f} s   driver ÷ it = {t_driver / t_git:.1f}x")
    print(f"  msgcat (one file)       {t_msgcat:8.3f} s   driver ÷ it = {t_driver / t_msgcat:.1f}x")


if __name__ == "__main__":
    main()
