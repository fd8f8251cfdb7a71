"""``workbench open``: the translator's TUI on one PO file, or on the project's files.

Textual is imported only inside :func:`run`, so the rest of the CLI starts fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workbench.errors import UserError
from workbench.services.project import project_config, project_reference, resolve_glossaries
from workbench.services.status import files_with_work


def register(sub: Any) -> None:
    p = sub.add_parser(
        "open",
        description="Open a PO file in the translator TUI: segment list, editor, MT draft, "
        "translation memory, glossary terms and live QA. With no file, opens the project's "
        "(the one with work left, or a picker when several have). F1 in the app shows the keys.",
    )
    p.add_argument("po", nargs="?", type=Path, help="the PO file (default: from workbench.toml)")
    p.add_argument(
        "--glossary",
        action="append",
        type=Path,
        default=[],
        metavar="G",
        help="glossary file (TSV/CSV/TBX); repeatable (default: the project's)",
    )
    p.add_argument("--reference", type=Path, help="a reference translation shown per paragraph")
    p.set_defaults(run=run)


def pick_project_file(candidates: list[Path]) -> Path | None:
    """The one project file with work left (or the only file); ``None`` means: ask."""
    if len(candidates) == 1:
        return candidates[0]
    with_work = files_with_work(candidates)
    return with_work[0] if len(with_work) == 1 else None


def run(args: argparse.Namespace) -> int:
    glossaries = resolve_glossaries(args.glossary)
    reference: Path | None = args.reference
    choices: list[Path] = []
    path: Path | None = args.po
    if path is None:
        config = project_config(required=True)
        assert config is not None
        if not config.corpora:
            raise UserError("workbench.toml names no [[corpus]]", config.root / "workbench.toml")
        choices = [c.po for c in config.corpora]
        path = pick_project_file(choices)
    if reference is not None and not reference.is_file():
        raise UserError("no such reference file", reference, "check the path or leave it out")
    if reference is None and path is not None:
        # the project's `reference =` for this corpus (a missing one is said in the TUI)
        reference = project_reference(path)

    from workbench.tui.app import make_app

    app = make_app(path, glossaries=glossaries, reference=reference, choices=choices)
    app.run()
    return 0
