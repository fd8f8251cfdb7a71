"""``workbench mt list|install|remove``: the Argos Translate models drafting uses.

``install de en`` downloads from the Argos package index (needs a network, fails in seconds
without one and names the offline alternative); ``install PATH.argosmodel`` validates a local
file and installs it. The package folder is argostranslate's (``ARGOS_PACKAGES_DIR``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.markup import escape
from rich.table import Table

from workbench.cli.console import console, err_console
from workbench.errors import UserError
from workbench.services import models as ap


def register(sub: Any) -> None:
    p = sub.add_parser(
        "mt",
        description="Manage the Argos Translate packages that `workbench draft` uses.",
    )
    mt_sub = p.add_subparsers(dest="mt_command", metavar="ACTION", parser_class=type(p))
    ls = mt_sub.add_parser("list", help="installed packages: languages, version, size, path")
    ls.set_defaults(run=run_list)
    inst = mt_sub.add_parser(
        "install",
        description="`workbench mt install de en` downloads from the Argos package index; "
        "`workbench mt install PATH.argosmodel` installs a downloaded file (no network).",
    )
    inst.add_argument(
        "what", nargs="+", metavar="FROM TO | PATH", help="language codes or a .argosmodel file"
    )
    inst.set_defaults(run=run_install)
    rm = mt_sub.add_parser(
        "remove", help="remove an installed package: FROM TO, or its folder name"
    )
    rm.add_argument("what", nargs="+", metavar="FROM TO | NAME")
    rm.set_defaults(run=run_remove)
    p.set_defaults(run=run_list)


def run_list(args: argparse.Namespace) -> int:
    del args
    folder = ap.packages_dir()
    packages = ap.installed_packages(folder)
    missing = ap.mt_extra_missing()
    if missing:
        err_console.print(f"note: {escape(missing)}")
    if not packages:
        console.print(f"no MT packages installed in {escape(str(folder))}")
        console.print(
            f"install one with `{ap.install_command('de', 'en')}` "
            "(or `workbench mt install PATH.argosmodel`)"
        )
        return 0
    table = Table(title=f"Argos packages in {escape(str(folder))}", title_justify="left")
    for col in ("languages", "version", "tokenizer", "size", "path", "description"):
        table.add_column(col, justify="right" if col == "size" else "left")
    for pkg in packages:
        names = f" ({pkg.from_name} → {pkg.to_name})" if pkg.from_name and pkg.to_name else ""
        table.add_row(
            f"{pkg.code}{escape(names)}",
            escape(pkg.version),
            pkg.tokenizer,
            _size(pkg.size),
            escape(str(pkg.path)),
            escape(pkg.description),
        )
    console.print(table)
    return 0


def run_install(args: argparse.Namespace) -> int:
    what: list[str] = args.what
    if len(what) == 1:
        path = Path(what[0])
        if not path.exists() and len(what[0]) <= 3 and what[0].isalpha():
            raise UserError("give two language codes, e.g. `workbench mt install de en`")
        pkg = ap.install_archive(path)
    elif len(what) == 2:
        err_console.print(f"fetching the Argos package index for {what[0]}→{what[1]} …")
        pkg = ap.install_from_index(what[0], what[1])
    else:
        raise UserError(
            "expected FROM TO or PATH.argosmodel", None, "e.g. `workbench mt install de en`"
        )
    console.print(
        f"installed [bold]{escape(pkg.name)}[/] ({pkg.code}, version {escape(pkg.version)}, "
        f"{_size(pkg.size)}) in {escape(str(pkg.path.parent))}"
    )
    return 0


def run_remove(args: argparse.Namespace) -> int:
    what: list[str] = args.what
    packages = ap.installed_packages()
    if len(what) == 2:
        found = [p for p in packages if (p.from_code, p.to_code) == (what[0], what[1])]
    elif len(what) == 1:
        found = [p for p in packages if p.name == what[0]]
    else:
        raise UserError(
            "expected FROM TO or a package folder name", None, "see `workbench mt list`"
        )
    if not found:
        raise UserError(
            f"no installed package matches {' '.join(what)!r}", None, "see `workbench mt list`"
        )
    for pkg in found:
        ap.remove_package(pkg)
        console.print(
            f"removed [bold]{escape(pkg.name)}[/] ({pkg.code}, version {escape(pkg.version)})"
        )
    return 0


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB"):
        if n < 1024:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n = n / 1024  # type: ignore[assignment]
    return f"{n:.1f} GiB"
