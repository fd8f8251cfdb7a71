"""Shared fixtures: the repository layout and the sample corpus."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.support.postgres import PgServer

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpora" / "hangzhou-sister-cities"
SEED = REPO.parent / "shared" / "seeds" / "hangzhou-sister-cities.de.txt"


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def sample_source(tmp_path: Path) -> Path:
    """A private copy of the sample article's German source (markdown)."""
    target = tmp_path / "source.de.md"
    shutil.copy(CORPUS / "source.de.md", target)
    return target


@pytest.fixture
def sample_po(tmp_path: Path, sample_source: Path) -> Path:
    """A fresh PO segmented from the sample source, in a private folder."""
    from workbench.services.segmenting import segment_file

    out = tmp_path / "sample.en.po"
    segment_file(sample_source, out)
    return out


@pytest.fixture(autouse=True)
def private_memory(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own translation memory and XDG data folder: commands that feed
    the memory (segment, draft, saving in the TUI) never touch the user's or the repo's."""
    folder = tmp_path_factory.mktemp("memory")
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / "xdg-data"))
    monkeypatch.setenv("WORKBENCH_MEMORY", str(folder / "memory.sqlite"))
    return folder / "memory.sqlite"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server of our own for the session (see tests/support/postgres.py).

    Skips, saying why, when the server binaries or psycopg are missing; fails instead when
    ``WORKBENCH_REQUIRE_POSTGRES=1`` (CI sets it, so CI never skips these tests).
    """
    from tests.support import postgres

    why = postgres.unavailable()
    if why:
        if os.environ.get(postgres.REQUIRE) == "1":
            pytest.fail(f"{why} ({postgres.REQUIRE}=1)")
        pytest.skip(why)
    server = postgres.start()
    yield server
    server.stop()


MT_REQUIRE = "WORKBENCH_REQUIRE_MT"


@pytest.fixture
def mt_extra() -> None:
    """The test needs the `mt` extra (argostranslate, with CPU-only torch).

    `make venv` leaves the extra out where no CPU-only torch can be installed (and says so);
    then these tests skip, saying why. ``WORKBENCH_REQUIRE_MT=1`` (set by ``.ci/run``) makes
    them fail instead, so CI never skips them.
    """
    import importlib.util

    if importlib.util.find_spec("argostranslate") is None:
        why = "the `mt` extra (argostranslate) is not installed: pip install -e '.[mt]'"
        if os.environ.get(MT_REQUIRE) == "1":
            pytest.fail(f"{why} ({MT_REQUIRE}=1)")
        pytest.skip(why)


def have(tool: str) -> bool:
    """True if an external program is on PATH."""
    return shutil.which(tool) is not None


@pytest.fixture(scope="session")
def argosmodel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's tiny Argos-format test package, built once per test session.

    A real CTranslate2 Transformer with seeded random weights and a SentencePiece model
    trained on the corpus (see tests/support/argos_model.py): its output is noise.
    """
    from tests.support.argos_model import build_package

    return build_package(tmp_path_factory.mktemp("argos-model"))


@pytest.fixture
def mt_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private package and cache folders; returns the package folder."""
    packages = tmp_path / "argos-packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return packages


@pytest.fixture
def tui_sample(tmp_path: Path) -> Path:
    """tests/data/tui_sample.po (24 segments of a real news text, German → English) in a
    private folder, to open and change."""
    target = tmp_path / "sample.en.po"
    shutil.copy(REPO / "tests" / "data" / "tui_sample.po", target)
    return target


@pytest.fixture
def model_po(tmp_path: Path, mt_env: Path, argosmodel: Path) -> Path:
    """tests/data/tui_sample.po in a private folder, with the tiny Argos package installed
    privately (its own package, cache and config folders: :func:`mt_env`)."""
    from workbench.adapters.argos_packages import install_archive

    install_archive(argosmodel)
    target = tmp_path / "sample.en.po"
    shutil.copy(REPO / "tests" / "data" / "tui_sample.po", target)
    return target
