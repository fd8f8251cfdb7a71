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
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS_PO = REPO / "corpora" / "hangzhou-sister-cities" / "hangzhou-sister-cities.en.po"


def make_po(path: Path, n: int) -> None:
    """A catalogue of ``n`` entries from the sample article, in gettext's layout."""
    from workbench.adapters.po import PoCatalog
    from workbench.domain.units import MtOrigin

    base = PoCatalog.load(CORPUS_PO).units()
    units = []
    for i in range(n):
        unit = base[i % len(base)]
        source = f"{unit.source} ({i})"
        unit = replace(
            unit,
            id=f"s{i:06d}",
            source=source,
            target="",
            fuzzy=False,
            review=None,
            origin=None,
            references=(f"source.de.md:{i + 1}",),
        )
        if i % 3 == 0:
            target = f"Translation {i} of: {unit.source[:60]}"
            unit = replace(unit, target=target)
            if i % 6 == 0:
                unit = unit.drafted(target, MtOrigin("argos", "bench", target))
            elif i % 9 == 0:
                unit = unit.reviewed("bench", "2025-01-01T00:00:00+00:00")
        units.append(unit)
    catalog = PoCatalog.new(path, "de", "en", "bench")
    catalog.replace_units(units)
    catalog.save()
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


def run_process(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of a command run to its end."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss


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
    rows: dict[str, list[tuple[float, int]]] = {k: [] for k in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            rows[name].append(run_process(command))
    if (folder / "out.po").read_bytes() != po.read_bytes():
        raise SystemExit("export --format po changed the catalogue")
    out: dict[str, float] = {"entries": entries, "megabytes": po.stat().st_size / 1e6}
    for name, values in rows.items():
        out[f"{name}_s"] = statistics.median(v[0] for v in values)
        out[f"{name}_mib"] = max(v[1] for v in values) / 1024
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
        print(
            f"  status {big['status_s']:.2f} s, {big['status_mib']:.0f} MiB; msgfmt --statistics "
            f"{big['msgfmt_s']:.2f} s, {big['msgfmt_mib']:.0f} MiB; "
            f"ratio {big['status_s'] / big['msgfmt_s']:.2f}× (goal ≤ 1.5×)"
        )
        print(
            f"  export --format po {big['export_s']:.2f} s, {big['export_mib']:.0f} MiB; msgcat "
            f"{big['msgcat_s']:.2f} s, {big['msgcat_mib']:.0f} MiB; "
            f"ratio {big['export_s'] / big['msgcat_s']:.2f}× time (goal ≤ 1.5×), "
            f"{big['export_mib'] / big['msgcat_mib']:.2f}× memory (goal ≤ 1×)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
