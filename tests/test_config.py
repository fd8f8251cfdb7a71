"""workbench.toml is checked against the SETTINGS table: wrong types, values and names are
messages naming the file, the line and the key (exit 2), never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.adapters.config import (
    SETTINGS,
    Kind,
    Setting,
    load_config,
)
from workbench.cli import main
from workbench.errors import UserError

GOOD = """\
[project]
source_language = "de"
target_language = "en-GB"

[[corpus]]
source = "a.md"
po = "a.en.po"

[glossary]
files = ["g.tsv"]

[check]
fail_on = "warning"
states = ["draft", "translated"]
"""


def test_a_good_file_is_read_with_defaults(tmp_path: Path) -> None:
    (tmp_path / "workbench.toml").write_text(GOOD, encoding="utf-8")
    config = load_config(tmp_path / "workbench.toml")
    assert config.target_language == "en-GB"
    assert config.corpora[0].po == tmp_path / "a.en.po"
    assert config.corpora[0].name == "a.en"
    assert config.corpora[0].reference is None
    assert config.glossaries == (tmp_path / "g.tsv",)
    assert (config.check_fail_on, config.check_states) == ("warning", ("draft", "translated"))
    assert config.value("check", "fail_on") == "warning"
    with pytest.raises(KeyError):
        config.value("check", "nope")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[[corpus]]\nsource = "a.md"\npo = ["a.po"]\n', 3, "'po' must be a path"),
        ('[[corpus]]\nsource = 5\npo = "a.po"\n', 2, "'source' must be a path"),
        (
            '[[corpus]]\nsource = "a"\npo = "a.po"\n[[corpus]]\npo = "b.po"\n',
            4,
            "number 2 needs 'source'",
        ),
        ('[check]\nfail-on = "warning"\n', 2, "did you mean 'fail_on'"),
        ('[check]\nfail_on = "fatal"\n', 2, "one of error, warning, info, not 'fatal'"),
        ('[check]\nstates = ["translated", "done"]\n', 2, "'done' is not one of"),
        ('[check]\nstates = "translated"\n', 2, "must be a list of strings"),
        ('[chek]\nfail_on = "error"\n', 1, "unknown table [chek] (did you mean 'check'?)"),
        ("source = 5\n", 1, "unknown setting 'source' outside any table"),
        ("glossary = 5\n", 1, "glossary must be a table"),
        ('[glossary]\nfiles = "a.tsv"\n', 2, "'files' must be a list of paths"),
        ("[glossary]\nfiles = [1, 2]\n", 2, "'files' must be a list of paths"),
        ('[project]\nsource_language = "German!"\n', 2, "must be a language code"),
        ("[project]\nsource_language = 1979-05-27\n", 2, "not a date or time"),
        ("[corpus]\n", 1, "must be written [[corpus]]"),
        ("[glossary\n", 1, "malformed TOML"),
        ('[check]\nfail_on = "a\\q"\n', 2, "malformed TOML"),
    ],
)
def test_bad_values_name_file_line_and_key(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = tmp_path / "workbench.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_config(path)
    assert caught.value.where == f"{path}:{line}"
    assert message in caught.value.message


def test_not_utf8_and_special_files(tmp_path: Path) -> None:
    path = tmp_path / "workbench.toml"
    path.write_bytes(b'[project]\nsource_language = "d\xe9"\n')
    with pytest.raises(UserError, match="not valid UTF-8"):
        load_config(path)
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(UserError, match="FIFO"):
        load_config(path)


@pytest.mark.parametrize(
    ("row", "good", "bad"),
    [
        (Setting("t", "n", Kind.INT, 1, minimum=1), 3, [0, True, 1.5, "3"]),
        (Setting("t", "f", Kind.FLOAT, 1.0), 2, ["x", False]),
        (Setting("t", "b", Kind.BOOL, False), True, [1, "yes"]),
        (Setting("t", "u", Kind.URL, None), "http://localhost:5000", ["localhost:5000", 5]),
        (Setting("t", "s", Kind.STR, "a", choices=("a", "b")), "b", ["c", ["a"]]),
    ],
)
def test_every_kind_checks_its_values(row: Setting, good: object, bad: list[object]) -> None:
    assert row.checked(good, "[t]", "w", Path()) == good
    for value in bad:
        with pytest.raises(UserError, match=f"'{row.key}' must be"):
            row.checked(value, "[t]", "w", Path())


def test_every_row_is_documented_and_its_default_passes_its_own_check() -> None:
    for row in SETTINGS:
        assert row.help, row
        if row.default is not None:
            default = list(row.default) if isinstance(row.default, tuple) else row.default
            if row.kind is not Kind.PATHS:
                assert row.checked(default, "t", "w", Path()) == row.default, row


def test_commands_exit_2_with_the_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "workbench.toml").write_text('[[corpus]]\npo = ["a.po"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for argv in (["check"], ["status"], ["segment"], ["score"], ["draft"]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "workbench.toml:2" in err and "'po' must be a path" in err, argv


def test_a_deleted_working_folder_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert main(["status"]) == 2
    assert "current folder no longer exists" in capsys.readouterr().err


def test_a_file_read_again_is_parsed_again_only_when_its_bytes_changed(tmp_path: Path) -> None:
    """A command asks for the project file several times (check: five); the same bytes
    give the same configuration object, other bytes a new one even when the size and the
    time stamp are the same."""
    path = tmp_path / "workbench.toml"
    path.write_text('[check]\nfail_on = "error"\n', encoding="utf-8")
    first = load_config(path)
    assert load_config(path) is first
    stamp = path.stat()
    path.write_text('[check]\nfail_on = "info"\n ', encoding="utf-8")  # the same length
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size
    assert load_config(path).check_fail_on == "info"


def _load_in_a_fresh_interpreter(path: Path, cache: Path) -> tuple[str, bool]:
    """``load_config(path)`` in a new process with ``cache`` as the cache folder: the
    configuration's repr (or the message), and whether tomllib was imported."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from workbench.adapters.config import load_config\n"
        "from workbench.errors import UserError\n"
        "try:\n"
        f"    print(repr(load_config(Path({str(path)!r}))))\n"
        "except UserError as exc:\n"
        "    print(exc)\n"
        "print('tomllib' in sys.modules)\n"
    )
    env = {**os.environ, "WORKBENCH_CACHE_DIR": str(cache)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    shown, imported = result.stdout.rstrip("\n").rsplit("\n", 1)
    return shown, imported == "True"


def test_a_project_file_read_before_is_not_parsed_again(tmp_path: Path) -> None:
    """The next command in an unchanged project takes the file's TOML from the cache
    folder (no tomllib import: start-up time); changed bytes are parsed anew, and a cache
    file that cannot be read is passed by."""
    path, cache = tmp_path / "workbench.toml", tmp_path / "cache"
    path.write_text(GOOD, encoding="utf-8")
    first = _load_in_a_fresh_interpreter(path, cache)
    assert first[1], "the first read parses the file"
    assert _load_in_a_fresh_interpreter(path, cache) == (first[0], False)
    path.write_text(GOOD.replace('"warning"', '"info"'), encoding="utf-8")
    changed, parsed = _load_in_a_fresh_interpreter(path, cache)
    assert parsed and "check_fail_on='info'" in changed
    for kept in (cache / "config").iterdir():
        kept.write_bytes(b"\x00not marshal")
    assert _load_in_a_fresh_interpreter(path, cache) == (changed, True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[check]\nfail_on = 1979-05-27\n",
            "workbench.toml:2: [check]: 'fail_on' must be a string, not a date",
        ),
        ("[check\nfail_on = 'error'\n", "workbench.toml:1: malformed TOML"),
    ],
)
def test_what_is_not_kept_is_read_anew_with_the_same_message(
    tmp_path: Path, text: str, message: str
) -> None:
    """A date (which the cache cannot hold) or malformed TOML: every command reads the file
    and says the same."""
    path, cache = tmp_path / "workbench.toml", tmp_path / "cache"
    path.write_text(text, encoding="utf-8")
    first = _load_in_a_fresh_interpreter(path, cache)
    assert message in first[0] and first[1]
    assert _load_in_a_fresh_interpreter(path, cache) == first


def test_a_cache_folder_that_cannot_be_written_is_passed_by(tmp_path: Path) -> None:
    path, blocked = tmp_path / "workbench.toml", tmp_path / "a-file"
    path.write_text(GOOD, encoding="utf-8")
    blocked.write_text("not a folder", encoding="utf-8")
    shown, parsed = _load_in_a_fresh_interpreter(path, blocked)
    assert parsed and "target_language='en-GB'" in shown


def test_one_private_kept_file_per_project_file(tmp_path: Path) -> None:
    """Editing the project file replaces what is kept for it (the cache does not grow with
    every edit), in a folder only the user can read (the file may hold a password)."""
    path, cache = tmp_path / "workbench.toml", tmp_path / "cache"
    path.write_text(GOOD, encoding="utf-8")
    _load_in_a_fresh_interpreter(path, cache)
    path.write_text(GOOD.replace('"warning"', '"info"'), encoding="utf-8")
    changed, _ = _load_in_a_fresh_interpreter(path, cache)
    assert len(list((cache / "config").iterdir())) == 1
    assert (cache / "config").stat().st_mode & 0o077 == 0
    assert _load_in_a_fresh_interpreter(path, cache) == (changed, False)


def test_no_home_folder_for_the_cache_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CI container run as a user with no home folder: the cache is passed by."""

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("WORKBENCH_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    path = tmp_path / "workbench.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert load_config(path).check_fail_on == "warning"
