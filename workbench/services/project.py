"""Which files a command works on: the ones named, or the project's from workbench.toml."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbench.adapters.config import ProjectConfig, find_config, load_config
from workbench.adapters.files import atomic_write_text, plan_write
from workbench.errors import UserError


def project_config(required: bool = True) -> ProjectConfig | None:
    """The project's configuration, or ``None`` when there is none and it is optional."""
    if not required and find_config() is None:
        return None
    return load_config()


def segment_jobs(
    source: Path | None, output: Path | None, config: ProjectConfig | None
) -> list[tuple[Path, Path]]:
    """Which source document is segmented into which PO: the source named (into ``output``,
    else its corpus's PO in workbench.toml, else beside it with ``.po``), or every corpus
    of the project."""
    if source is None:
        assert config is not None
        return [(c.source, c.po) for c in config.corpora]
    if output is not None:
        return [(source, output)]
    corpora = config.corpora if config else []
    corpus = next((c for c in corpora if c.source.resolve() == source.resolve()), None)
    return [(source, corpus.po if corpus else source.with_suffix(".po"))]


def project_reference(po: Path) -> Path | None:
    """The ``reference =`` of the project's corpus whose PO is ``po`` (None without one)."""
    config = project_config(required=False)
    corpus = config.corpus_for(Path(po)) if config is not None else None
    return corpus.reference if corpus is not None else None


def resolve_po_files(named: Sequence[str | Path]) -> list[Path]:
    """The PO files named on the command line, else the project's corpora."""
    if named:
        return [Path(p) for p in named]
    config = load_config()
    if not config.corpora:
        raise UserError("workbench.toml names no [[corpus]]", config.root / "workbench.toml")
    return config.po_files


def resolve_glossaries(named: Sequence[str | Path]) -> list[Path]:
    """The glossary files named on the command line, else the project's (if any)."""
    if named:
        return [Path(p) for p in named]
    config = project_config(required=False)
    return list(config.glossaries) if config else []


def check_output(path: str | Path, inputs: Sequence[str | Path] = ()) -> None:
    """Refuse an output path early, before the work: a folder, a read-only file, a block
    device, a FIFO nobody reads, or one of the command's ``inputs`` (:class:`UserError`).
    """
    plan_write(path, inputs)


def write_output(path: str | Path, text: str, inputs: Sequence[str | Path] = ()) -> None:
    """Write a report to ``path`` by the one write path (``-`` is stdout; never over an input).

    See :mod:`workbench.adapters.files`: symlinks are followed, devices and FIFOs streamed
    to, regular files replaced atomically with their permissions kept.
    """
    atomic_write_text(path, text, inputs=inputs)
