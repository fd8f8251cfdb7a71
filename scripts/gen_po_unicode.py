"""Write workbench/adapters/po/_unicode.py: the character tables gettext wraps PO lines with.

``msgcat`` breaks long strings with libunistring's line breaker (the pair table of UAX #14
and Unicode line-break classes, as libunistring resolves them) and measures them with
libunistring's ``uc_width``. Debian 12's gettext 0.21 uses the system's libunistring 1.0
(Unicode 14.0.0). To write exactly what that ``msgcat`` writes, the workbench uses the
same tables, read from libunistring's release tarball (Debian's pool serves it as
``libunistring_1.0.orig.tar.xz``):

    python scripts/gen_po_unicode.py ~/.cache/workbench-tests/libunistring_1.0.orig.tar.xz

The output holds only values (a class per code-point range, the pair table, zero- and
double-width ranges), no code. tests/test_po_layout.py regenerates it from the tarball and
checks the committed file is the same, and checks the tables against the installed
libunistring itself.
"""

from __future__ import annotations

import re
import struct
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

ROOT = "libunistring-1.0/lib/"
OUT = Path(__file__).resolve().parent.parent / "workbench" / "adapters" / "po" / "_unicode.py"
LAST = 0x10FFFF


def _member(tar: tarfile.TarFile, name: str) -> str:
    handle = tar.extractfile(ROOT + name)
    assert handle is not None, name
    return handle.read().decode("utf-8")


def _uncomment(source: str) -> str:
    return re.sub(r"/\*.*?\*/", "", source, flags=re.DOTALL)


def _classes(lbrktables_h: str) -> dict[str, int]:
    enum = _uncomment(lbrktables_h)
    return {name: int(value) for name, value in re.findall(r"(LBP_\w+)\s*=\s*(\d+)", enum)}


def _runs(value_of: Callable[[int], int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    previous = None
    for uc in range(LAST + 1):
        value = value_of(uc)
        if value != previous:
            runs.append((uc, value))
            previous = value
    return runs


def _linebreak_runs(lbrkprop2_h: str, classes: dict[str, int]) -> list[tuple[int, int]]:
    body = _uncomment(lbrkprop2_h[lbrkprop2_h.index("unilbrkprop =") :])
    blocks = re.findall(r"\{([^{}]*)\}", body)
    level1 = [int(x) for x in re.findall(r"-?\d+", blocks[0])]
    level2 = [int(x) for x in re.findall(r"-?\d+", blocks[1])]
    level3 = [classes[x] for x in re.findall(r"LBP_\w+", blocks[2])]
    unknown = classes["LBP_XX"]

    def lookup(uc: int) -> int:
        index1 = uc >> 16
        if index1 < len(level1) and level1[index1] >= 0:
            lookup2 = level2[level1[index1] + ((uc >> 7) & 511)]
            if lookup2 >= 0:
                return level3[lookup2 + (uc & 127)]
        return unknown

    return _runs(lookup)


def _pair_table(lbrktables_c: str, size: int) -> str:
    table = lbrktables_c[lbrktables_c.index("unilbrk_table[") :]
    rows = re.findall(r"/\*\s*\w+\s*\*/\s*\{([^}]*)\}", table)
    assert len(rows) == size, len(rows)
    return "".join("".join(re.findall(r"[DIP]", row)) for row in rows)


def _nonspacing(width0_h: str) -> Callable[[int], int]:
    source = _uncomment(width0_h)
    data_src = source[source.index("nonspacing_table_data") :]
    data_src = data_src[data_src.index("=") + 1 : data_src.index("};")]
    data = [int(x, 16) for x in re.findall(r"0x[0-9a-fA-F]+", data_src)]
    ind_src = source[source.index("nonspacing_table_ind") :]
    ind_src = ind_src[ind_src.index("=") + 1 : ind_src.index("};")]
    ind = [int(x) for x in re.findall(r"-?\d+", ind_src)]

    def nonspacing(uc: int) -> int:
        if (uc >> 9) < len(ind):
            i = ind[uc >> 9]
            return int(i >= 0 and (data[64 * i + ((uc >> 3) & 63)] >> (uc & 7)) & 1)
        return 0

    return nonspacing


def _width2(width2_h: str) -> Callable[[int], int]:
    """gen-uni-tables' three-level bitmap, laid out in memory as the C struct is."""
    source = _uncomment(width2_h)
    body = source[source.index("u_width2 =") :]
    blocks = re.findall(r"\{([^{}]*)\}", body)

    def values(block: str) -> list[int]:
        items = [item.strip() for item in block.split(",") if item.strip()]
        out = []
        for item in items:
            expr = item.replace("sizeof (int)", "4").replace("sizeof (short)", "2")
            out.append(_arith(expr))
        return out

    header, level1, level2, level3 = (values(b) for b in blocks[:4])
    memory = (
        struct.pack(f"<{len(header) + len(level1)}i", *header, *level1)
        + struct.pack(f"<{len(level2)}h", *level2)
        + struct.pack(f"<{len(level3)}I", *level3)
    )

    def lookup(uc: int) -> int:
        index1 = uc >> 16
        if index1 < struct.unpack_from("<i", memory, 0)[0]:
            lookup1 = struct.unpack_from("<i", memory, 4 * (1 + index1))[0]
            if lookup1 >= 0:
                lookup2 = struct.unpack_from("<h", memory, 2 * (lookup1 + ((uc >> 9) & 127)))[0]
                if lookup2 >= 0:
                    word = struct.unpack_from("<I", memory, 4 * (lookup2 + ((uc >> 5) & 15)))[0]
                    return (word >> (uc & 31)) & 1
        return 0

    return lookup


def _arith(expr: str) -> int:
    """A C constant expression of the tables: sums of products and quotients of integers."""
    if expr.strip().lstrip("-").isdigit():
        return int(expr)
    total = 0
    for term in expr.split("+"):
        tokens = re.findall(r"0x[0-9a-fA-F]+|\d+|[*/]", term)
        value = int(tokens[0].rstrip("uU"), 0)
        for op, number in zip(tokens[1::2], tokens[2::2], strict=True):
            value = value * int(number, 0) if op == "*" else value // int(number, 0)
        total += value
    return total


def generate(tarball: Path) -> str:
    """The module text for the tarball's tables."""
    with tarfile.open(tarball) as tar:
        classes = _classes(_member(tar, "unilbrk/lbrktables.h"))
        runs = _linebreak_runs(_member(tar, "unilbrk/lbrkprop2.h"), classes)
        table_size = sum(1 for v in classes.values() if v < classes["LBP_BK"])
        pairs = _pair_table(_member(tar, "unilbrk/lbrktables.c"), table_size)
        zero = _runs(_nonspacing(_member(tar, "uniwidth/width0.h")))
        wide = _runs(_width2(_member(tar, "uniwidth/width2.h")))
    names = sorted((n for n in classes if classes[n] < 64), key=lambda n: classes[n])
    assert [classes[n] for n in names] == list(range(len(names))), names

    def starts(runs: list[tuple[int, int]], value: int) -> str:
        return ",".join(f"{start:x}" for start, v in runs if v == value)

    lines = [
        '"""Character tables for gettext-exact line wrapping (generated: do not edit).',
        "",
        "Made by scripts/gen_po_unicode.py from libunistring 1.0 (the library Debian 12's",
        "gettext 0.21 uses): the Unicode 14.0.0 line-break class of every code point as",
        "libunistring resolves it, its UAX #14 pair table, and the characters its uc_width",
        "counts as zero or two columns. Values about Unicode characters (Unicode Character",
        "Database), written down so that the workbench wraps PO strings where msgcat does.",
        '"""',
        "",
        "# fmt: off",
        f"CLASS_NAMES = {tuple(n.removeprefix('LBP_') for n in names)!r}",
        "#: Start of each run of equal line-break classes (hex), and its class (``0`` + index).",
        f'LINEBREAK_STARTS = "{",".join(f"{start:x}" for start, _ in runs)}"',
        f'LINEBREAK_CLASSES = "{"".join(chr(ord("0") + value) for _, value in runs)}"',
        f"#: UAX #14 pair table, before × after, {table_size} × {table_size}: D direct,",
        "#: I indirect, P prohibited.",
        f'PAIRS = "{pairs}"',
        "#: Runs of characters uc_width counts as zero (or control) columns: starts of the",
        "#: zero runs, starts of the other runs.",
        f'ZERO_STARTS = "{starts(zero, 1)}"',
        f'NONZERO_STARTS = "{starts(zero, 0)}"',
        "#: The same for two columns.",
        f'WIDE_STARTS = "{starts(wide, 1)}"',
        f'NARROW_STARTS = "{starts(wide, 0)}"',
        "# fmt: on",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    OUT.write_text(generate(Path(sys.argv[1])), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
