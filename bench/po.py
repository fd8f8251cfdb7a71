"""PO reading and writing against anchors measured in the same run (issue 10, item 2).

Three measurements, each a ratio to an anchor run right beside it:

* **save after one edit** in a 50,000-entry catalogue (the TUI's Ctrl+S: one entry
  changed, the file written atomically from its original bytes with that entry spliced in)
  against a raw copy-and-fsync of the same file (read it, write a temporary file beside
  it, fsync, rename). Goal: at most 100 ms.
* **status** of a 200,000-entry catalogue (``workbench status``, a whole process) against
  ``msgfmt --statistics`` on the same file. Goal: at most 1.5×.
* **export --format po** of that catalogue (``workbench export``) against ``msgcat``, time
  and peak memory (max RSS of the process). Goal: at most 1.5× the time, memory no more
  than msgcat's.

The catalogues are made from the sample article's sentences (numbered so every msgid is
unique; a third translated, some fuzzy, some reviewed through the workbench's own
metadata), put through ``msgcat`` so they are in gettext's layout as real files are.

    python -m bench.po                 # all three, default sizes
    python -m bench.po --entries 20000 --big 50000 --rounds 3   # smaller, quicker
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_po(path: Path, n: int) -> None:
    """A catalogue of ``n`` entries from the sample article, in gettext's layout."""
    from bench.tui import make_po as make_units_po

    make_units_po(path, n)
    if shutil.which("msgcat"):
        subprocess.run(["msgcat", "-o", str(path), str(path)], check=True)


def copy_and_fsync(source: Path) -> float:
    """The anchor: read the file, write it beside itself, fsync, rename; seconds."""
    began = time.perf_counter()
    data = source.read_bytes()
    fd, tmp = tempfile.mkstemp(dir=source.parent, prefix=".anchor.")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    Path(tmp).replace(source.with_suffix(".anchor"))
    return time.perf_counter() - began


def bench_save(folder: Path, entries: int, rounds: int) -> dict[str, float]:
    from workbench.adapters.po import PoCatalog

    po = folder / "save.po"
    make_po(po, entries)
    saves, anchors = [], []
    for r in range(rounds):
        catalog = PoCatalog.load(po)  # not timed: the TUI has it loaded already
        units = catalog.units()
        unit = units[(r * 7919) % len(units)]
        catalog.apply(unit.with_target(f"{unit.target} edit {r}").confirmed())
        anchors.append(copy_and_fsync(po))
        began = time.perf_counter()
        catalog.save(translator="bench")
        saves.append(time.perf_counter() - began)
    save, anchor = statistics.median(saves), statistics.median(anchors)
    return {"entries": entries, "save_ms": 1000 * save, "anchor_ms": 1000 * anchor}


def run_process(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak resident memory (KiB) of a command run to its end."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - began
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def bench_big(folder: Path, entries: int, rounds: int) -> dict[str, float]:
    po = folder / "big.po"
    # made in a process of its own: this one stays small, so the children it starts do not
    # begin with its memory (a child's peak RSS counts what it was forked with)
    subprocess.run([sys.executable, "-m", "bench.po", "--make", str(po), str(entries)], check=True)
    workbench = [sys.executable, "-m", "workbench"]
    out_po = str(folder / "out.po")
    commands = {
        "msgfmt": ["msgfmt", "--statistics", "-o", os.devnull, str(po)],
        "status": [*workbench, "status", str(po)],
        "msgcat": ["msgcat", "-o", str(folder / "msgcat.po"), str(po)],
        "export": [*workbench, "export", str(po), "--format", "po", "-o", out_po],
    }
    rows: dict[str, list[tuple[float, float, int]]] = {k: [] for k in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            rows[name].append(run_process(command))
    if (folder / "out.po").read_bytes() != po.read_bytes():
        raise SystemExit("export --format po changed the catalogue")
    out: dict[str, float] = {"entries": entries, "megabytes": po.stat().st_size / 1e6}
    for name, values in rows.items():
        out[f"{name}_s"] = statistics.median(v[0] for v in values)
        out[f"{name}_cpu"] = statistics.median(v[1] for v in values)
        out[f"{name}_mib"] = max(v[2] for v in values) / 1024
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000, help="catalogue size for the save")
    parser.add_argument("--big", type=int, default=200_000, help="catalogue size for status/export")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--make", nargs=2, metavar=("PATH", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.make:
        make_po(Path(args.make[0]), int(args.make[1]))
        return 0
    if not (shutil.which("msgfmt") and shutil.which("msgcat")):
        print("GNU gettext (msgfmt, msgcat) is needed for the anchors")
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-po-") as tmp:
        folder = Path(tmp)
        big = bench_big(folder, args.big, max(1, args.rounds // 2))
        save = bench_save(folder, args.entries, args.rounds)
        print(
            f"save after one edit, {save['entries']:,} entries: {save['save_ms']:.0f} ms "
            f"(goal ≤ 100 ms); raw copy-and-fsync {save['anchor_ms']:.0f} ms; "
            f"ratio {save['save_ms'] / save['anchor_ms']:.2f}×"
        )
        print(f"catalogue of {big['entries']:,} entries, {big['megabytes']:.1f} MB:")
        for ours, anchor, label in (
            ("status", "msgfmt", "msgfmt --statistics"),
            ("export", "msgcat", "msgcat"),
        ):
            print(
                f"  {ours}: {big[f'{ours}_s']:.2f} s ({big[f'{ours}_cpu']:.2f} s CPU), "
                f"{big[f'{ours}_mib']:.0f} MiB; {label}: {big[f'{anchor}_s']:.2f} s "
                f"({big[f'{anchor}_cpu']:.2f} s CPU), {big[f'{anchor}_mib']:.0f} MiB; ratio "
                f"{big[f'{ours}_s'] / big[f'{anchor}_s']:.2f}× time "
                f"({big[f'{ours}_cpu'] / big[f'{anchor}_cpu']:.2f}× CPU; goal ≤ 1.5×), "
                f"{big[f'{ours}_mib'] / big[f'{anchor}_mib']:.2f}× memory"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
