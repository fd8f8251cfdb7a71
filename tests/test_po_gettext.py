"""The PO writer against GNU gettext itself, on gettext's own test suite and real catalogues.

Every PO document of gettext 0.21's test suite (``gettext-tools/tests``), put through
``msgcat`` and ``msgcat --no-wrap``, is read and written back:

* (a) unchanged: the bytes must come back identical (the writer copies what it read);
* (b) every entry written anew from its parsed values: the bytes must still equal
  msgcat's, which is the real test of the layout (wrapping, escapes, comments, charsets).

The same for real German catalogues (Debian's ``.mo`` files through ``msgunfmt``, dpkg's
source catalogues), plus: an edit of one entry changes only that entry's lines and the
header's revision date.
"""

from __future__ import annotations

import difflib
import subprocess
from pathlib import Path

import pytest

from tests.support.po_corpus import debian_catalogues, gettext_suite, suite_documents, write
from workbench.adapters.po import PoCatalog, PoDocument, StagedRead, read_document
from workbench.adapters.po.document import Entries, KeptBytes
from workbench.adapters.po.layout import render_entry
from workbench.cli import main
from workbench.domain.catalog import DEFAULT_DOMAIN
from workbench.errors import UserError

pytestmark = pytest.mark.slow


def rerendered(document: PoDocument) -> bytes:
    """The file with every entry written from its values alone (the text between kept)."""
    out = []
    previous = 0
    data = document.data
    for entry, start, end in zip(document.entries, document.starts, document.ends, strict=True):
        out.append(data[previous:start])
        out.append(document.encode(render_entry(entry, document.line_layout(), document.newline)))
        previous = end
    out.append(data[previous:])
    return b"".join(out)


def msgfmt_refuses(data: bytes) -> bool:
    result = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", "-"], input=data, capture_output=True, check=False
    )
    return result.returncode != 0


def test_gettext_test_suite_comes_back_as_msgcat_writes_it() -> None:
    cases = gettext_suite()
    assert len(cases) > 1000, "the suite's documents were not all found"
    same = rendered_same = 0
    refused = []
    differ = []
    for name, data in cases.items():
        try:
            document = read_document(data, name)
        except UserError:
            refused.append(name)
            continue
        same += document.data == data
        if rerendered(document) == data:
            rendered_same += 1
        else:
            differ.append(name)
    print(
        f"\ngettext suite: {len(cases)} documents, {same} identical unchanged, "
        f"{rendered_same} identical re-rendered, {len(refused)} refused"
    )
    assert not differ, differ[:10]
    assert same == rendered_same == len(cases) - len(refused)
    # what the workbench refuses, gettext's own checker refuses too
    originals = suite_documents()
    for name in refused:
        assert msgfmt_refuses(originals[name.rsplit(" [", 1)[0]]), name
    assert len(refused) <= 4


@pytest.fixture(scope="module")
def catalogues() -> dict[str, bytes]:
    return debian_catalogues()


def test_real_catalogues_come_back_byte_identical(
    catalogues: dict[str, bytes], tmp_path: Path
) -> None:
    assert len(catalogues) >= 15
    for name, data in catalogues.items():
        po = write(tmp_path, name, data)
        document = read_document(data, po)
        assert rerendered(document) == data, f"{name}: re-rendered entries differ from msgcat"
        out = tmp_path / f"{name}.export.po"
        assert main(["export", str(po), "--format", "po", "-o", str(out)]) == 0
        assert out.read_bytes() == data, f"{name}: export --format po changed bytes"
        catalog = PoCatalog.load(po)
        catalog.save()  # nothing changed: nothing is written
        catalog.save(tmp_path / f"{name}.copy.po")
        assert po.read_bytes() == data
        assert (tmp_path / f"{name}.copy.po").read_bytes() == data, f"{name}: a save changed it"


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


STAMPED = ('"PO-Revision-Date: ', '"Last-Translator: ', '"X-Generator: ')


def test_an_edit_changes_only_that_entry_and_the_revision_date(
    catalogues: dict[str, bytes], tmp_path: Path
) -> None:
    for name in ("coreutils", "dpkg-man", "util-linux", "bash"):
        data = catalogues[name]
        po = write(tmp_path, name, data)
        catalog = PoCatalog.load(po)
        units = catalog.units()
        unit = units[len(units) // 2]
        catalog.apply(unit.with_target(unit.target + " (geändert)").confirmed())
        catalog.save(translator="Ann Example <ann@example.org>")
        before, after = read_document(data, po), read_document(po.read_bytes(), po)
        assert len(before.entries) == len(after.entries)
        edited = next(
            i for i, e in enumerate(before.entries) if e.key == (unit.id or None, unit.source)
        )
        for i in range(len(before.entries)):
            gap = (before.ends[i - 1] if i else 0, before.starts[i])
            new_gap = (after.ends[i - 1] if i else 0, after.starts[i])
            assert before.data[slice(*gap)] == after.data[slice(*new_gap)], (name, i)
            if i == 0:
                changed = _changed_lines(before.raw(0), after.raw(0))
                assert changed and all(line[1:].startswith(STAMPED) for line in changed), changed
            elif i == edited:
                changed = _changed_lines(before.raw(i), after.raw(i))
                assert all(line[1:].startswith(("msgstr", '"')) for line in changed), changed
                assert after.entries[i].msgstr == unit.target + " (geändert)"
            else:
                assert before.raw(i) == after.raw(i), (name, i)
        assert after.data[after.ends[-1] :] == before.data[before.ends[-1] :]


def test_gettext_reads_what_the_workbench_writes(
    catalogues: dict[str, bytes], tmp_path: Path
) -> None:
    """After edits and review marks, msgcat reads the file and writes it back the same."""
    data = catalogues["tar"]
    po = write(tmp_path, "tar", data)
    catalog = PoCatalog.load(po)
    for i, unit in enumerate(catalog.units()[:200]):
        if unit.target and i % 3 == 0:
            catalog.apply(unit.reviewed("Zoë O'Neil", "2026-11-30T10:00:00+00:00"))
    catalog.save(translator="Zoë O'Neil")
    written = po.read_bytes()
    assert not msgfmt_refuses(written)
    result = subprocess.run(["msgcat", str(po)], capture_output=True, check=True)
    assert result.stdout == written


def test_a_big_file_keeps_its_bytes_compressed_and_writes_the_same(
    catalogues: dict[str, bytes],
) -> None:
    """A file over ``plain_up_to`` bytes keeps them compressed in blocks (the 200,000-entry
    TUI's memory): every entry's text, an unchanged write, an edit and a reordering give
    the very bytes the plainly kept file gives."""
    for name in ("coreutils", "dpkg-man", "bash"):
        data = catalogues[name]
        plain = read_document(data, name)
        packed = read_document(data, name, plain_up_to=0)
        assert not plain.kept.compressed and packed.kept.compressed, name
        assert packed.data == data
        assert packed.newline == plain.newline
        assert [packed.raw(i) for i in range(len(packed.entries))] == [
            plain.raw(i) for i in range(len(plain.entries))
        ]
        middle = len(plain.entries) // 2
        edit = {middle: plain.entries[middle]._replace(msgstr="geändert", flags=())}
        spliced = packed.splice(edit)
        assert spliced.kept.pack().compressed  # as the catalogue keeps a file it wrote
        assert spliced.data == plain.splice(edit).data != data
        assert spliced.raw(middle) == plain.splice(edit).raw(middle)
        order = [0, *range(len(plain.entries) - 1, 0, -1)]
        entries = [plain.entries[i] for i in order]
        assert packed.rebuild(entries, order).data == plain.rebuild(entries, order).data


def test_kept_bytes_give_any_span_across_blocks(catalogues: dict[str, bytes]) -> None:
    data = catalogues["coreutils"]
    kept = KeptBytes(data, plain_up_to=0, block=4096).pack()
    assert kept.compressed and kept.whole() == data
    step = 997
    for start in range(0, len(data), step):
        for length in (0, 1, 4095, 4096, 4097, 20000):
            assert kept.span(start, start + length) == data[start : start + length]


def test_an_entry_read_again_from_its_text_is_the_entry_read(
    catalogues: dict[str, bytes],
) -> None:
    """What an editor forgets (:class:`Entries`: ``None`` for an entry) comes back the same: on
    every document of gettext's suite and every real catalogue, each entry read again
    from its span equals the entry read with the file."""
    documents = {**gettext_suite(), **catalogues}
    compared = 0
    for name, data in documents.items():
        try:
            document = read_document(data, name)
        except UserError:
            continue
        for i, entry in enumerate(document.entries):
            if entry.domain == DEFAULT_DOMAIN:
                assert document.read_again(i) == entry, (name, i)
                compared += 1
        forgetting = Entries(
            document, [None if e.domain == DEFAULT_DOMAIN else e for e in document.entries]
        )
        assert list(forgetting) == document.entries
    assert compared > 30_000


def test_an_editor_read_keeps_no_entries_and_saves_the_same_bytes(
    catalogues: dict[str, bytes], tmp_path: Path
) -> None:
    """The editor's head-first read (:class:`StagedRead`) keeps units and the entries'
    places, not the entries: a no-op save writes nothing, and an edit gives the very bytes
    an edit after a full read gives."""
    for name in ("coreutils", "dpkg-man", "util-linux", "bash"):
        data = catalogues[name]
        po = write(tmp_path, name, data)
        staged = StagedRead(po)
        units = staged.head(10) + list(staged)
        catalog = staged.catalog()
        assert catalog.units() == PoCatalog.load(po).units(), name
        assert catalog.render_bytes() == data, name
        kept = [e for e in catalog.document.entries.slots if e is not None]
        assert len(kept) == 1 and kept[0].is_header, name
        unit = units[len(units) // 2]
        edited = unit.with_target(unit.target + " (geändert)").confirmed()
        catalog.apply(edited)
        catalog.save(translator="Ann Example <ann@example.org>", stamp=False)
        (tmp_path / "full").mkdir(exist_ok=True)
        by_full_read = write(tmp_path / "full", name, data)
        full = PoCatalog.load(by_full_read)
        full.apply(edited)
        full.save(translator="Ann Example <ann@example.org>", stamp=False)
        assert po.read_bytes() == by_full_read.read_bytes() != data, name
        again = units[len(units) // 3]
        catalog.apply(again.with_target("noch einmal"))  # after a save: the new bytes
        full.apply(again.with_target("noch einmal"))
        assert catalog.render_bytes() == full.render_bytes(), name
