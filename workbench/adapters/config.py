"""The project file ``workbench.toml``: languages, corpora and glossaries.

Commands run without arguments take their files from here, which is what CI needs. The
file is found in the current folder or the nearest parent; paths in it are relative to it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import UserError

CONFIG_NAME = "workbench.toml"


@dataclass(frozen=True)
class Corpus:
    """One document under translation: its source, its PO and an optional reference."""

    name: str
    source: Path
    po: Path
    reference: Path | None = None


@dataclass(frozen=True)
class ProjectConfig:
    """What ``workbench.toml`` says, with paths made absolute."""

    root: Path
    source_language: str = "de"
    target_language: str = "en"
    corpora: tuple[Corpus, ...] = ()
    glossaries: tuple[Path, ...] = ()
    check_fail_on: str = "error"
    check_states: tuple[str, ...] = ("translated", "reviewed")
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def po_files(self) -> list[Path]:
        return [c.po for c in self.corpora]

    def corpus_for(self, po: Path) -> Corpus | None:
        """The corpus whose PO is ``po``, if the project names it."""
        resolved = Path(po).resolve()
        return next((c for c in self.corpora if c.po.resolve() == resolved), None)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``workbench.toml`` from ``start`` (default: the current folder) upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None = None) -> ProjectConfig:
    """Read ``workbench.toml``; a missing or malformed one raises :class:`UserError`."""
    found = path or find_config()
    if found is None:
        raise UserError(
            f"no {CONFIG_NAME} here or in any parent folder",
            None,
            f"name the files on the command line, or create {CONFIG_NAME} (see README.md)",
        )
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise UserError(f"malformed TOML: {exc}", f"{found}:{line}" if line else found) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read: {exc}", found) from None
    root = found.parent
    project = _table(data, "project", found)
    corpora = []
    for i, raw in enumerate(data.get("corpus", []), start=1):
        if not isinstance(raw, dict) or "source" not in raw or "po" not in raw:
            raise UserError(f"[[corpus]] number {i} needs 'source' and 'po'", found)
        corpora.append(
            Corpus(
                name=str(raw.get("name", Path(raw["po"]).stem)),
                source=root / raw["source"],
                po=root / raw["po"],
                reference=root / raw["reference"] if raw.get("reference") else None,
            )
        )
    glossary = _table(data, "glossary", found)
    check = _table(data, "check", found)
    glossary_files = glossary.get("files", [])
    states = check.get("states", ("translated", "reviewed"))
    if not isinstance(glossary_files, list) or not isinstance(states, list | tuple):
        raise UserError("[glossary] files and [check] states must be lists", found)
    known = {"project", "corpus", "glossary", "check"}
    return ProjectConfig(
        root=root,
        source_language=str(project.get("source_language", "de")),
        target_language=str(project.get("target_language", "en")),
        corpora=tuple(corpora),
        glossaries=tuple(root / str(g) for g in glossary_files),
        check_fail_on=str(check.get("fail_on", "error")),
        check_states=tuple(str(s) for s in states),
        extra={k: v for k, v in data.items() if k not in known},
    )


def _table(data: dict[str, object], name: str, path: Path) -> dict[str, object]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise UserError(f"[{name}] must be a table", path)
    return value
