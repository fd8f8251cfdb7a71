"""Glossary use cases for the faces: load the named or the project's glossaries, and export them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbench.adapters.glossary_files import add_term as append_term
from workbench.adapters.glossary_files import load_glossaries, save_tbx, save_tsv
from workbench.domain.glossary import Glossary, Term
from workbench.errors import UserError

EXPORT_FORMATS = ("tbx", "tsv")


def load(paths: Sequence[Path]) -> Glossary:
    """One glossary file as it is, or several merged into one."""
    if not paths:
        raise UserError(
            "no glossary named and workbench.toml lists none",
            None,
            "name a .tsv/.csv/.tbx file, or add [glossary] files = [...] to workbench.toml",
        )
    return load_glossaries([Path(p) for p in paths])


def load_optional(paths: Sequence[Path]) -> Glossary | None:
    """The glossary of ``paths``, or ``None`` when there are none."""
    return load(paths) if paths else None


def export(
    glossary: Glossary, out: Path | str, fmt: str, inputs: Sequence[Path | str] = ()
) -> None:
    """Write ``glossary`` to ``out`` as TBX or TSV by the one write path.

    ``inputs`` are the glossary files it was read from: writing over one is refused (a TSV
    exported onto itself would lose its comment lines).
    """
    if fmt not in EXPORT_FORMATS:
        raise UserError(
            f"unknown glossary format {fmt!r}", None, f"choose one of {', '.join(EXPORT_FORMATS)}"
        )
    if fmt == "tbx":
        save_tbx(glossary, out, inputs=inputs)
    else:
        save_tsv(glossary, out, inputs=inputs)


def add_term(path: Path, term: Term) -> Term:
    """Add one term to a project glossary file (``.tsv``/``.csv``), keeping the rest of it.

    Raises :class:`UserError` when the file cannot take it (a conflict with its rows, a
    TBX file, a missing column); nothing is written then.
    """
    return append_term(Path(path), term)
