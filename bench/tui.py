"""Speed of the translator TUI on a 50,000-segment PO, headless, with the DataTable anchor.

The PO is synthetic and deterministic: the sample article's segments repeated with fresh
ids to 50,000 entries, a third translated, a sixth of those drafts, some reviewed. Measured
in one run, each from a cold start of its own objects (``run_test()``, 120x36):

(a) ours, first usable screen: ``make_app(po)`` (a fast scan of the first 1,000 units) + app
    start until the editor of the first segment needing work has focus and the screen is
    drawn; then when the rest of the file and the full polib catalogue (needed to save)
    have been read behind it, in a worker;
(b) ours, moving: F8 (next segment) from the key to the frame that shows the segment, to
    the last frame (memory matches arrive from a worker) and to the pilot being idle (its
    own waiting included: an unbound key shows that part); Ctrl+N (confirm + next);
(c) ours, saving: Ctrl+S after an edit, until the file is written (worker thread);
(d) anchor: Textual's DataTable, ``add_rows`` of 50,000 rows (id, state, source, target)
    and the first render; and OptionList with 50,000 options, the other stock widget.

With ``--memory`` it measures memory instead, each in a process of its own: ours, the app
opened headless on the PO until the rest of the file and the catalogue are read (resident
set "settled", and the peak); the anchor, the file loaded with polib alone (what the TUI
kept for saving until the one-store PO reader).

    python -m bench.tui               # 50,000 segments
    python -m bench.tui --segments 5000 --presses 50
    python -m bench.tui --memory --segments 200000
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

SIZE = (120, 36)
FRAMES: list[float] = []  # perf_counter() at the end of each screen update (see track_frames)
FIRST_FRAMES: list[float] = []  # per press: key → first frame drawn


def track_frames() -> None:
    """Record when each screen update (layout + render) ends, to time key → frame drawn.

    The pilot's ``press`` returns only after the app is idle, which adds the harness's own
    waiting; the end of the last frame drawn for the key is what a person sees.
    """
    from textual.screen import Screen

    original = Screen._on_timer_update

    def timed(self: Screen[Any]) -> None:
        original(self)
        FRAMES.append(time.perf_counter())

    Screen._on_timer_update = timed  # type: ignore[method-assign]


async def key_to_frame(pilot: Any, key: str, presses: int) -> tuple[list[float], list[float]]:
    """Per press: (key → last frame drawn, key → pilot idle); FIRST_FRAMES gets the first."""
    drawn, idle = [], []
    FIRST_FRAMES.clear()
    for _ in range(presses):
        FRAMES.clear()
        t = time.perf_counter()
        await pilot.press(key)
        done = time.perf_counter()
        frames = [f for f in FRAMES if f > t]
        drawn.append((frames[-1] if frames else done) - t)
        FIRST_FRAMES.append((frames[0] if frames else done) - t)
        idle.append(done - t)
    return drawn, idle


CORPUS_PO = (
    Path(__file__).resolve().parent.parent
    / "corpora"
    / "hangzhou-sister-cities"
    / "hangzhou-sister-cities.en.po"
)


def make_po(path: Path, n: int) -> None:
    """A PO of ``n`` entries made from the sample article (deterministic)."""
    from workbench.adapters.po import PoCatalog
    from workbench.domain.units import MtOrigin

    base = PoCatalog.load(CORPUS_PO).units()
    units = []
    for i in range(n):
        unit = base[i % len(base)]
        # a number makes every source unique, so the translation memory has 50,000 to search
        source = f"{unit.source} ({i})"
        unit = replace(
            unit, id=f"s{i:06d}", source=source, target="", fuzzy=False, review=None, origin=None
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


async def bench_ours(po: Path, presses: int) -> dict[str, Any]:
    from workbench.tui.app import make_app

    out: dict[str, Any] = {}
    started = time.perf_counter()
    app = make_app(po, journal=True)
    out["scan"] = time.perf_counter() - started
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.main
        assert main is not None and app.focused is main.editor
        out["first_screen"] = app.first_paint - started  # first frame of the editing screen
        out["first_idle"] = time.perf_counter() - started
        await app.workers.wait_for_complete()
        out["catalogue_ready"] = time.perf_counter() - started
        await pilot.pause()

        async def timed(key: str, before: Any = None) -> list[float]:
            times = []
            for _ in range(presses):
                if before is not None:
                    before()
                    await pilot.pause()  # the edit is handled before the clock starts
                t = time.perf_counter()
                await pilot.press(key)
                times.append(time.perf_counter() - t)
            return times

        out["noop"] = await timed("f20")  # an unbound key: the harness's own round trip
        out["next_frame"], out["next"] = await key_to_frame(pilot, "f8", presses)
        out["next_first_frame"] = list(FIRST_FRAMES)
        handler = []
        for _ in range(presses):
            t = time.perf_counter()
            main.action_next_segment()  # our code alone, without the frame
            handler.append(time.perf_counter() - t)
        out["next_handler"] = handler
        await pilot.pause()
        out["confirm_next"] = await timed("ctrl+n", lambda: main.editor.insert("x"))
        t = time.perf_counter()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["save"] = time.perf_counter() - t
        assert app.session is not None and not app.session.dirty
        app.exit()
    return out


async def bench_datatable(po: Path) -> dict[str, float]:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from workbench.adapters.po import PoCatalog

    units = PoCatalog.load(po).units()
    rows = [(u.id, u.state.label, u.source[:50], u.target[:50]) for u in units]

    class Anchor(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("id", "state", "source", "target")
            t = time.perf_counter()
            table.add_rows(rows)
            self.add_rows_time = time.perf_counter() - t
            self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            self.first_paint = time.perf_counter()

    app = Anchor()
    started = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = time.perf_counter() - started
        frames, moves = await key_to_frame(pilot, "down", 30)
        noops = []
        for _ in range(20):
            t = time.perf_counter()
            await pilot.press("f12")
            noops.append(time.perf_counter() - t)
    return {
        "move_frame": statistics.median(frames),
        "add_rows": app.add_rows_time,
        "first_paint": app.first_paint - started,
        "first_screen": first,
        "move": statistics.median(moves),
        "noop": statistics.median(noops),
    }


async def bench_optionlist(po: Path) -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    from workbench.adapters.po import PoCatalog

    prompts = [f"{u.id} {u.state.label} {u.source[:50]}" for u in PoCatalog.load(po).units()]

    class Anchor(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList(*prompts)

    app = Anchor()
    started = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - started


def resident_mb() -> tuple[float, float]:
    """This process's resident set now and at its peak, in MB (Linux /proc)."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(value.split()[0]) / 1024
    return values["VmRSS"], values["VmHWM"]


async def app_memory(po: Path) -> dict[str, float]:
    """Ours in this process: the app on ``po`` until everything is read, then settled."""
    import gc
    import sys

    from workbench.tui.app import make_app

    out = {"before": resident_mb()[0]}
    app = make_app(po, journal=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        out["first_screen"] = resident_mb()[0]
        await app.workers.wait_for_complete()
        await pilot.pause()
        gc.collect()
        out["settled"], out["peak"] = resident_mb()
        out["blocks"] = sys.getallocatedblocks() / 1e6
        assert app.session is not None
        app.session.reload()  # what the TUI's "reload" (and a merge from disk) reads
        if app.main is not None:
            app.main.reset_view()
        await pilot.pause()
        gc.collect()
        out["reloaded"] = resident_mb()[0]
        out["reloaded_blocks"] = sys.getallocatedblocks() / 1e6
        app.exit()
    return out


def polib_memory(po: Path) -> dict[str, float]:
    """The anchor in this process: the file loaded with polib (and nothing else)."""
    import polib

    before = resident_mb()[0]
    catalogue = polib.pofile(str(po), wrapwidth=78)
    settled, peak = resident_mb()
    assert len(catalogue) > 0
    return {"before": before, "settled": settled, "peak": peak}


def in_child(what: str, po: Path) -> dict[str, float]:
    """Run ``--child WHAT PO`` in a fresh interpreter and read its JSON."""
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "bench.tui", "--child", what, str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout.splitlines()[-1]))


def memory_report(po: Path, segments: int) -> None:
    ours = in_child("app", po)
    anchor = in_child("polib", po)
    print(f"\nmemory at {segments:,} segments (resident set, MB; each in its own process)")
    print(f"  ours: interpreter and imports          {ours['before']:8.0f}")
    print(f"  ours: first screen                     {ours['first_screen']:8.0f}")
    print(f"  ours: settled (file and catalogue read){ours['settled']:8.0f}   goal ≤ 400")
    print(f"  ours: peak                             {ours['peak']:8.0f}")
    print(f"  ours: after a reload from disk         {ours['reloaded']:8.0f}   goal ≤ 400")
    print(
        f"  ours: live Python objects (million blocks) settled {ours['blocks']:.2f}, "
        f"after the reload {ours['reloaded_blocks']:.2f} (the freed ones stay in the RSS)"
    )
    print(f"  anchor: polib.pofile alone, settled    {anchor['settled']:8.0f}")
    print(f"  anchor: polib.pofile alone, peak       {anchor['peak']:8.0f}")
    ratio = (ours["settled"] - ours["before"]) / (anchor["settled"] - anchor["before"])
    print(f"  ours above imports / polib above imports  {ratio:6.2f}x")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def row(label: str, seconds: float, note: str = "") -> None:
    print(f"  {label:<40}{ms(seconds)}   {note}".rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=50_000)
    parser.add_argument("--presses", type=int, default=200)
    parser.add_argument("--skip-optionlist", action="store_true")
    parser.add_argument("--memory", action="store_true", help="measure memory instead")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        import json

        what, po_path = args.child
        found = asyncio.run(app_memory(Path(po_path))) if what == "app" else None
        print(json.dumps(found if found is not None else polib_memory(Path(po_path))))
        return
    if args.memory:
        with tempfile.TemporaryDirectory() as tmp:
            po = Path(tmp) / "bench.en.po"
            make_po(po, args.segments)
            memory_report(po, args.segments)
        return
    track_frames()
    with tempfile.TemporaryDirectory() as tmp:
        po = Path(tmp) / "bench.en.po"
        make_po(po, args.segments)
        size = f"{po.stat().st_size / 1e6:.1f} MB"
        print(f"PO: {args.segments:,} segments, {size}; terminal {SIZE[0]}x{SIZE[1]}, headless")
        ours = asyncio.run(bench_ours(po, args.presses))
        anchor = asyncio.run(bench_datatable(po))
        option = None if args.skip_optionlist else asyncio.run(bench_optionlist(po))
    nxt = statistics.median(ours["next"])
    p90 = sorted(ours["next"])[int(len(ours["next"]) * 0.9)]
    noop = statistics.median(ours["noop"])
    print("\nours (virtual segment list, fast scan, full catalogue in a worker)")
    row("make_app: scan of the first 1,000 units", ours["scan"])
    row("first usable screen (first frame)", ours["first_screen"], "goal ≤ 1500 ms")
    row("first screen, then pilot idle", ours["first_idle"], "(catalogue loading behind)")
    row("full catalogue loaded (background)", ours["catalogue_ready"])
    frame = statistics.median(ours["next_frame"])
    frame90 = sorted(ours["next_frame"])[int(len(ours["next_frame"]) * 0.9)]
    first = statistics.median(ours["next_first_frame"])
    row("next segment (F8): key → segment drawn", first, "median; goal ≤ 50 ms")
    row("  key → last frame (memory matches in)", frame, f"p90 {ms(frame90).strip()}")
    row("  key → pilot idle", nxt, f"p90 {ms(p90).strip()}")
    row("  the harness alone (unbound key)", noop)
    row("  our F8 handler alone, median", statistics.median(ours["next_handler"]))
    row("confirm + next (Ctrl+N) → pilot idle", statistics.median(ours["confirm_next"]))
    row("save after an edit (Ctrl+S)", ours["save"])
    print("\nanchor: Textual DataTable, same run")
    row("add_rows", anchor["add_rows"])
    row("add_rows + first frame", anchor["first_paint"])
    row("add_rows + first render, then idle", anchor["first_screen"])
    row("cursor move (down): key → last frame", anchor["move_frame"])
    row(
        "cursor move (down) key → pilot idle",
        anchor["move"],
        f"unbound key {ms(anchor['noop']).strip()}",
    )
    if option is not None:
        print("anchor: Textual OptionList, same run")
        row("50,000 options + first render, idle", option)
    print("\nratios (anchor / ours; > 1 means ours is faster)")
    first_ratio = anchor["first_paint"] / ours["first_screen"]
    idle_ratio = anchor["first_screen"] / ours["first_idle"]
    print(f"  first frame:  DataTable / ours       {first_ratio:6.1f}x")
    print(f"  until idle:   DataTable / ours       {idle_ratio:6.1f}x")
    print(f"  move, key → last frame: DT / ours    {anchor['move_frame'] / frame:6.1f}x")
    print(f"  move, key → idle:  DataTable / ours  {anchor['move'] / nxt:6.1f}x")
    above = (anchor["move"] - anchor["noop"]) / max(nxt - noop, 1e-6)
    print(f"  cursor move, above the harness       {above:6.1f}x")
    if option is not None:
        print(f"  until idle:   OptionList / ours      {option / ours['first_idle']:6.1f}x")


if __name__ == "__main__":
    main()
