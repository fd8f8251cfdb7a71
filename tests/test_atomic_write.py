"""Writes are atomic: a crash mid-write leaves the old file intact."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from workbench.adapters.files import atomic_writer
from workbench.adapters.po import ChangedOnDiskError, PoCatalog


def test_exception_mid_write_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "file.po"
    target.write_text("old content\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write("half of the new")
        raise RuntimeError("crash")
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["file.po"]


def test_save_refuses_to_clobber_external_change(sample_po: Path) -> None:
    cat = PoCatalog.load(sample_po)
    unit = cat.units()[0]
    time.sleep(0.01)
    external = sample_po.read_text(encoding="utf-8").replace(
        'msgstr ""\n\n#', 'msgstr ""\n\n# touched\n#', 1
    )
    sample_po.write_text(external, encoding="utf-8")
    cat.apply(unit.with_target("Mine").confirmed())
    with pytest.raises(ChangedOnDiskError):
        cat.save()
    assert sample_po.read_text(encoding="utf-8") == external
    cat.save(force=True)
    assert PoCatalog.load(sample_po).units()[0].target == "Mine"
