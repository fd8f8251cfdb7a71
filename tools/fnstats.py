"""The package's largest functions: lines and branch points of every function and method.

    python tools/fnstats.py            # top ten by lines and by branches, the count over the limits
    python tools/fnstats.py -v         # ... and every function over the limits
    python tools/fnstats.py --at REV   # the same for a commit (read with `git show`)

Lines are a function's source lines, decorators left out, docstring and comments in. Branch
points are the places where control can go two ways: if/elif, for, while, conditional
expressions, except handlers, with, match, each further operand of and/or, and each
comprehension and its ifs. A nested function counts in its own row and in the enclosing one.
This is the counting of issue 16's notes since session 3 (refactor3.md, refactor4.md), kept
here so a before/after can be repeated.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

LINES_LIMIT = 60
BRANCHES_LIMIT = 15
_BRANCHING = (ast.If, ast.For, ast.While, ast.IfExp, ast.ExceptHandler, ast.With, ast.Match)


class FunctionSize(NamedTuple):
    lines: int
    branches: int
    where: str  # path:line qualified.name


def branch_points(node: ast.AST) -> int:
    count = 0
    for inner in ast.walk(node):
        if isinstance(inner, _BRANCHING):
            count += 1
        elif isinstance(inner, ast.BoolOp):
            count += len(inner.values) - 1
        elif isinstance(inner, ast.comprehension):
            count += 1 + len(inner.ifs)
    return count


def function_sizes(tree: ast.AST, path: str, prefix: str = "") -> list[FunctionSize]:
    rows: list[FunctionSize] = []
    for child in ast.iter_child_nodes(tree):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            name = prefix + child.name
            lines = (child.end_lineno or child.lineno) - child.lineno + 1
            rows.append(FunctionSize(lines, branch_points(child), f"{path}:{child.lineno} {name}"))
            rows += function_sizes(child, path, name + ".")
        elif isinstance(child, ast.ClassDef):
            rows += function_sizes(child, path, prefix + child.name + ".")
        else:
            rows += function_sizes(child, path, prefix)
    return rows


def _sources(root: Path, rev: str | None) -> dict[str, str]:
    if rev is None:
        return {
            str(p.relative_to(root)): p.read_text(encoding="utf-8")
            for p in sorted((root / "workbench").rglob("*.py"))
        }
    names = subprocess.run(
        ["git", "-C", str(root), "ls-tree", "-r", "--name-only", rev, "workbench"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return {
        name: subprocess.run(
            ["git", "-C", str(root), "show", f"{rev}:{name}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for name in sorted(names)
        if name.endswith(".py")
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=".", help="the repository (default: here)")
    parser.add_argument("--at", metavar="REV", help="count a commit instead of the working tree")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list every function over the limits"
    )
    args = parser.parse_args(argv)
    rows: list[FunctionSize] = []
    for path, text in _sources(Path(args.root), args.at).items():
        rows += function_sizes(ast.parse(text), path)
    print("top 10 by lines (lines, branches):")
    for row in sorted(rows, reverse=True)[:10]:
        print(f"  {row.lines:3} {row.branches:3}  {row.where}")
    print("top 10 by branches (lines, branches):")
    for row in sorted(rows, key=lambda r: (r.branches, r.lines), reverse=True)[:10]:
        print(f"  {row.lines:3} {row.branches:3}  {row.where}")
    over = [r for r in rows if r.lines > LINES_LIMIT or r.branches > BRANCHES_LIMIT]
    limits = f"{LINES_LIMIT} lines or {BRANCHES_LIMIT} branches"
    print(f"functions over {limits}: {len(over)} of {len(rows)}")
    if args.verbose:
        for row in sorted(over, key=lambda r: r.where):
            print(f"  {row.lines:3} {row.branches:3}  {row.where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
