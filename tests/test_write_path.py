"""The one write path (workbench.adapters.files): what each kind of target gets.

Symlinks are followed, regular files replaced atomically with their mode and owner kept,
devices and FIFOs streamed to (never replaced), stdout as ``-``, read-only files and a
command's own inputs refused, and temporary files of killed writes cleaned up.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from workbench.adapters.files import (
    STALE_TEMP_SECONDS,
    TEMP_SUFFIX,
    WriteKind,
    atomic_write_bytes,
    atomic_write_text,
    plan_write,
    read_input,
    remove_stale_temps,
)
from workbench.cli import main
from workbench.errors import UserError


def test_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "q.po"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "q.po"
    link.symlink_to(real)
    atomic_write_text(link, "new\n")
    assert link.is_symlink() and link.readlink() == real
    assert real.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["q.po"]  # temp file was beside real


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "target.md")
    atomic_write_text(link, "x")
    assert link.is_symlink() and (tmp_path / "target.md").read_text(encoding="utf-8") == "x"


def test_dash_and_dev_stdout_write_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    atomic_write_text("-", "one\n")
    atomic_write_text("/dev/stdout", "two\n")
    assert capsys.readouterr().out == "one\ntwo\n"


def test_char_device_is_streamed_not_replaced() -> None:
    before = Path("/dev/null").stat()
    atomic_write_text("/dev/null", "discarded")
    after = Path("/dev/null").stat()
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_full_device_is_a_message_not_a_replacement() -> None:
    with pytest.raises(UserError, match="No space left"):
        atomic_write_text("/dev/full", "x" * 100_000)
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_fifo_without_reader_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(UserError, match="nobody reads"):
        atomic_write_text(fifo, "x")
    assert time.monotonic() - started < 5
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_fifo_with_reader_gets_the_text(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    ready = threading.Event()

    def reader() -> None:
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        ready.set()
        os.set_blocking(fd, True)
        chunks = []
        while True:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                time.sleep(0.01)
                continue
            if not chunk and chunks:
                break
            if not chunk:
                time.sleep(0.01)
                continue
            chunks.append(chunk)
        os.close(fd)
        got.append(b"".join(chunks))

    thread = threading.Thread(target=reader)
    thread.start()
    ready.wait(5)
    atomic_write_text(fifo, "through the pipe\n")
    thread.join(10)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: (p.write_text("keep", encoding="utf-8"), p.chmod(0o444)), "read-only"),
        (lambda p: p.parent.joinpath("missing").mkdir() or None, None),
    ],
)
def test_refusals_leave_the_target_alone(tmp_path: Path, make: object, message: str | None) -> None:
    target = tmp_path / "out.po"
    make(target)  # type: ignore[operator]
    if message is None:
        target = tmp_path / "nowhere" / "out.po"
        message = "folder does not exist"
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(UserError, match=message):
        atomic_write_text(target, "new")
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    if target.is_file():
        assert target.read_text(encoding="utf-8") == "keep"


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    src = tmp_path / "q.po"
    src.write_text("catalogue\n", encoding="utf-8")
    link = tmp_path / "link.po"
    link.symlink_to(src)
    hard = tmp_path / "hard.po"
    os.link(src, hard)
    for out in (src, link, hard, tmp_path / "." / "q.po"):
        with pytest.raises(UserError, match="is an input of this command"):
            atomic_write_text(out, "report", inputs=[src])
    assert src.read_text(encoding="utf-8") == "catalogue\n"
    # and an output that does not exist yet, whose link points at an input-to-be
    assert plan_write(tmp_path / "other.txt", inputs=[src]).kind is WriteKind.REPLACE


def test_mode_and_owner_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "f.po"
    target.write_text("a", encoding="utf-8")
    target.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(target, 1234, 5678)
    atomic_write_text(target, "b")
    st = target.stat()
    assert (target.read_text(encoding="utf-8"), stat.S_IMODE(st.st_mode)) == ("b", 0o640)
    if os.geteuid() == 0:
        assert (st.st_uid, st.st_gid) == (1234, 5678)


def test_new_file_gets_the_umask_default(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write_bytes(tmp_path / "new.bin", b"\x00\x01")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.bin").stat().st_mode) == 0o640


def test_stale_temp_files_are_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "f.po"
    target.write_text("a", encoding="utf-8")
    dead = tmp_path / f".f.po.{2**22 + 12345}.abcd{TEMP_SUFFIX}"  # above pid_max: never alive
    mine = tmp_path / f".f.po.{os.getpid()}.efgh{TEMP_SUFFIX}"
    old = tmp_path / f".f.po.{os.getpid()}.ijkl{TEMP_SUFFIX}"
    other = tmp_path / ".g.po.1.abcd.wbtmp"
    for p in (dead, mine, old, other):
        p.write_text("partial", encoding="utf-8")
    os.utime(old, (time.time() - STALE_TEMP_SECONDS - 60,) * 2)
    atomic_write_text(target, "b")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["f.po", mine.name, other.name])
    assert remove_stale_temps(target) == []


def test_killed_write_leaves_old_file_and_next_write_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "big.po"
    target.write_text("old content\n", encoding="utf-8")
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from workbench.adapters.files import atomic_writer\n"
        "with atomic_writer(Path(sys.argv[1])) as h:\n"
        "    h.write('x' * 100000)\n    h.flush()\n    print('writing', flush=True)\n"
        "    time.sleep(30)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert len(list(tmp_path.glob(f"*{TEMP_SUFFIX}"))) == 1
    atomic_write_text(target, "new\n")
    assert [p.name for p in tmp_path.iterdir()] == ["big.po"]


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null"])
def test_read_input_refuses_devices(special: str) -> None:
    with pytest.raises(UserError, match="not a regular file"):
        read_input(Path(special), 1024)


def test_read_input_refuses_a_fifo_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "doc.md"
    os.mkfifo(fifo)
    with pytest.raises(UserError, match="FIFO"):
        read_input(fifo, 1024)


def test_read_input_names_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"a" * 3000)
    with pytest.raises(UserError, match=r"over the 2 KiB limit for a source document"):
        read_input(big, 2048, "source document")


# --- the commands use it -------------------------------------------------------------------


def test_check_report_never_overwrites_the_catalogue(sample_po: Path, tmp_path: Path) -> None:
    before = sample_po.read_bytes()
    glossary = tmp_path / "g.tsv"
    glossary.write_text("source\ttarget\nStadt\tcity\n", encoding="utf-8")
    for out in (sample_po, glossary):
        assert main(["check", str(sample_po), "-g", str(glossary), "-o", str(out)]) == 2
    assert sample_po.read_bytes() == before
    assert glossary.read_text(encoding="utf-8") == "source\ttarget\nStadt\tcity\n"


def test_glossary_export_refuses_its_own_input(tmp_path: Path) -> None:
    glossary = tmp_path / "g.tsv"
    text = "# team glossary, do not reorder\nsource\ttarget\nStadt\tcity\n"
    glossary.write_text(text, encoding="utf-8")
    assert main(["glossary", "export", str(glossary), "--format", "tsv", "-o", str(glossary)]) == 2
    assert glossary.read_text(encoding="utf-8") == text


def test_export_and_segment_to_stdout(
    sample_po: Path, sample_source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["export", str(sample_po), "-f", "po", "-o", "/dev/stdout"]) == 0
    assert capsys.readouterr().out.startswith('msgid ""')
    assert main(["segment", str(sample_source), "-o", "-"]) == 0
    assert 'msgid ""' in capsys.readouterr().out
    assert main(["segment", str(sample_source), "-o", str(sample_source)]) == 2


def test_segment_into_a_symlinked_po_updates_the_real_file(
    sample_po: Path, sample_source: Path, tmp_path: Path
) -> None:
    real = tmp_path / "store" / "q.po"
    real.parent.mkdir()
    sample_po.rename(real)
    link = tmp_path / "q.po"
    link.symlink_to(real)
    sample_source.write_text(
        sample_source.read_text(encoding="utf-8") + "\nEin neuer Satz am Ende.\n",
        encoding="utf-8",
    )
    assert main(["segment", str(sample_source), "-o", str(link)]) == 0
    assert link.is_symlink()
    assert "Ein neuer Satz am Ende." in real.read_text(encoding="utf-8")


def test_waive_on_a_read_only_po_is_refused(sample_po: Path) -> None:
    from workbench.adapters.po import PoCatalog

    entry = PoCatalog.load(sample_po).units()[0].id
    sample_po.chmod(0o444)
    before = sample_po.read_bytes()
    code = main(["check", "--waive", "numbers", "--entry", entry, "--reason", "r", str(sample_po)])
    assert code == 2 and sample_po.read_bytes() == before


def test_segment_refuses_endless_and_silent_sources(tmp_path: Path) -> None:
    """`segment /dev/zero` ran out of memory; a FIFO source hung."""
    fifo = tmp_path / "doc.md"
    os.mkfifo(fifo)
    started = time.monotonic()
    for source in ("/dev/zero", str(fifo)):
        assert main(["segment", source, "-o", str(tmp_path / "out.po")]) == 2
    assert time.monotonic() - started < 10
    assert not (tmp_path / "out.po").exists()


def test_cr_only_line_endings_are_lines(tmp_path: Path) -> None:
    from workbench.adapters.files import read_source_text

    doc = tmp_path / "mac.txt"
    doc.write_bytes(b"Erster Absatz.\r\rZweiter Absatz.\r")
    assert read_source_text(doc) == "Erster Absatz.\n\nZweiter Absatz.\n"
    assert main(["segment", str(doc), "-o", str(tmp_path / "mac.po")]) == 0
    text = (tmp_path / "mac.po").read_text(encoding="utf-8")
    assert "\\r" not in text and 'msgid "Zweiter Absatz."' in text


def test_bytes_to_a_text_only_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    import contextlib
    import io

    stand_in = io.StringIO()
    with contextlib.redirect_stdout(stand_in):
        atomic_write_bytes("-", "Grüße\n".encode())
    assert stand_in.getvalue() == "Grüße\n"
