"""``workbench tm`` and pre-translation in ``workbench draft``, as users run them: where the
memory lives, feeding it from PO files, lookup/search JSON, and pre-translation counts."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO
from tests.support.postgres import PgServer
from workbench.adapters import argos_packages as ap
from workbench.adapters.memory import open_store
from workbench.adapters.po import PoCatalog
from workbench.cli import main
from workbench.domain.states import ReviewState
from workbench.domain.units import Unit

CITY = ("Die Stadt hat 1.500 Einwohner.", "The city has 1,500 inhabitants.")
PORT = ("Der Hafen ist sehr groß.", "The port is very big.")
COUNCIL = ("Der Rat tagt heute im Rathaus der Stadt.", "The council meets in the city hall today.")


def write_po(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    """rows: (source, target, state label); translated/reviewed/draft/untranslated."""
    catalog = PoCatalog.new(path, "de", "en", path.stem)
    for i, (source, target, state) in enumerate(rows):
        unit = Unit(id=f"s{i}", source=source, target=target)
        if state == "draft":
            unit = replace(unit, fuzzy=True)
        elif state == "reviewed":
            unit = unit.reviewed("Ann", "2025-03-04T05:06:07Z")
        catalog.apply(unit)
    catalog.save(path)
    return path


def units(path: Path) -> dict[str, Unit]:
    return {u.id: u for u in PoCatalog.load(path).units()}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def project(tmp_path: Path, memory_table: str = "") -> Path:
    (tmp_path / "workbench.toml").write_text(
        '[project]\nsource_language = "de"\ntarget_language = "en"\n\n'
        '[[corpus]]\nname = "doc"\nsource = "doc.md"\npo = "doc.en.po"\n' + memory_table,
        encoding="utf-8",
    )
    (tmp_path / "doc.md").write_text(
        f"{CITY[0]} {PORT[0]}\n\n{COUNCIL[0]}\n\n{CITY[0]}\n", encoding="utf-8"
    )
    return tmp_path


# --- where the memory lives ----------------------------------------------------------------


def test_project_memory_beside_workbench_toml_fed_by_segment_and_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("WORKBENCH_MEMORY")
    monkeypatch.chdir(project(tmp_path))
    assert run(capsys, "segment")[0] == 0
    po = tmp_path / "doc.en.po"
    catalog = PoCatalog.load(po)
    first = catalog.units()[0]  # CITY
    catalog.apply(first.with_target(CITY[1]).confirmed())
    catalog.save()
    code, out, _ = run(capsys, "draft", "--tm-only")
    assert code == 0
    # the translated entry went into the memory first, then filled its repetition
    assert "memory: 1 exact (drafts), 0 fuzzy ≥ 75 (drafts), 2 without a match" in out
    assert (tmp_path / "translation-memory.sqlite").is_file()
    repeat = [u for u in PoCatalog.load(po).units() if u.source == CITY[0] and u is not first]
    assert [(u.target, u.state) for u in repeat][-1] == (CITY[1], ReviewState.DRAFT)
    stats = json.loads(run(capsys, "tm", "stats", "--format", "json")[1])
    assert stats["units"] == 1 and stats["origins"] == {"doc.en.po": 1}
    # segment feeds too: a changed source drops the entry's old sentence from the memory
    (tmp_path / "doc.md").write_text(f"{PORT[0]}\n", encoding="utf-8")
    assert run(capsys, "segment")[0] == 0
    assert json.loads(run(capsys, "tm", "stats", "--format", "json")[1])["units"] == 0


def test_memory_table_path_url_and_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("WORKBENCH_MEMORY")
    monkeypatch.chdir(project(tmp_path, '\n[memory]\npath = "tm/team.sqlite"\nmin_score = 80\n'))
    tmx = tmp_path / "in.tmx"
    write_tmx_file(tmx, [CITY, PORT])
    assert run(capsys, "tm", "import", str(tmx))[0] == 0
    assert (tmp_path / "tm" / "team.sqlite").is_file()
    # min_score 80 from the table: a 5-of-6 match (83, less one point unreviewed) passes, 4-of-6 not
    found = json.loads(
        run(capsys, "tm", "lookup", "Die Stadt hat 2.000 Einwohner.", "--format", "json")[1]
    )
    assert [m["target"] for m in found["matches"]] == ["The city has 2,000 inhabitants."]
    found = json.loads(
        run(capsys, "tm", "lookup", "Die Stadt hat 2.000 Bewohner.", "--format", "json")[1]
    )
    assert found["matches"] == []

    (tmp_path / "workbench.toml").write_text("[memory]\npath = 3\n", encoding="utf-8")
    code, _, err = run(capsys, "tm", "stats")
    assert code == 2 and "workbench.toml:2" in err and "'path' must be a path" in err
    (tmp_path / "workbench.toml").write_text('[memory]\ncolour = "red"\n', encoding="utf-8")
    code, _, err = run(capsys, "tm", "stats")
    assert code == 2 and "colour" in err
    (tmp_path / "workbench.toml").write_text("[memory]\nmin_score = 120\n", encoding="utf-8")
    code, _, err = run(capsys, "tm", "stats")
    assert code == 2 and "min_score must be a number from 0 to 100" in err
    (tmp_path / "workbench.toml").write_text('[memory]\nurl = "mysql://x"\n', encoding="utf-8")
    code, _, err = run(capsys, "tm", "stats")
    assert code == 2 and "url must start with postgresql://" in err


def test_outside_a_project_the_users_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("WORKBENCH_MEMORY")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    tmx = tmp_path / "in.tmx"
    write_tmx_file(tmx, [PORT])
    code, _, err = run(capsys, "tm", "import", str(tmx))
    assert code == 0 and str(tmp_path / "data" / "workbench" / "memory.sqlite") in err


def test_memory_in_workbench_toml_by_url(
    pg_server: PgServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A team's memory on PostgreSQL, named by a URL in [memory]: the same commands work."""
    url = pg_server.create_database("cli_url")
    monkeypatch.delenv("WORKBENCH_MEMORY")
    monkeypatch.chdir(project(tmp_path, f'\n[memory]\nurl = "{url}"\n'))
    tmx = tmp_path / "in.tmx"
    write_tmx_file(tmx, [CITY, PORT, COUNCIL])
    assert run(capsys, "tm", "import", str(tmx))[0] == 0
    stats = json.loads(run(capsys, "tm", "stats", "--format", "json")[1])
    assert stats["units"] == 3 and stats["memory"].startswith("postgresql://wb@127.0.0.1")
    found = json.loads(run(capsys, "tm", "lookup", "Der Rat tagt morgen im Rathaus der Stadt.",
                           "--format", "json")[1])["matches"]  # fmt: skip
    assert found[0]["target"] == COUNCIL[1] and found[0]["score"] == pytest.approx(
        100 * 8 / 9 - 1, abs=0.05
    )
    assert run(capsys, "segment")[0] == 0
    code, out, _ = run(capsys, "draft", "--tm-only", "--accept-exact")
    assert code == 0 and "memory: 4 exact (translated)" in out  # CITY is there twice


# --- the tm commands ---------------------------------------------------------------------


def write_tmx_file(path: Path, pairs: list[tuple[str, str]]) -> Path:
    from workbench.adapters.tmx import write_tmx
    from workbench.domain.memory import MemoryEntry

    write_tmx(path, [MemoryEntry(de, en) for de, en in pairs], "de", "en", "test")
    return path


def test_lookup_and_search_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    memory = str(tmp_path / "m.sqlite")
    po = write_po(tmp_path / "old.po", [(*CITY, "reviewed"), (*PORT, "translated"),
                                         (*COUNCIL, "draft"), ("Offen.", "", "untranslated")])  # fmt: skip
    code, out, _ = run(capsys, "tm", "import", str(po), "--memory", memory)
    assert code == 0 and "2 new" in out  # the draft and the empty entry are not remembered
    code, out, _ = run(capsys, "tm", "import", str(po), "--with-drafts", "--memory", memory)
    assert "1 new" in out and "2 unchanged" in out
    found = json.loads(
        run(
            capsys,
            "tm",
            "lookup",
            "Die Stadt hat 2.750 Einwohner.",
            "--format",
            "json",
            "--memory",
            memory,
        )[1]
    )
    [best] = found["matches"]
    assert {k: best[k] for k in ("score", "source", "target", "origin", "state")} == {
        "score": 83.3, "source": CITY[0], "target": "The city has 2,750 inhabitants.",
        "origin": str(po.resolve()), "state": "reviewed",
    }  # fmt: skip
    assert best["adjusted"] and best["stored_target"] == CITY[1] and best["author"] == "Ann"
    # the draft scores 30 less: below the cut-off unless asked for
    query = "Der Rat tagt morgen im Rathaus der Stadt."
    low = json.loads(run(capsys, "tm", "lookup", query, "--format", "json", "--memory", memory,
                         "--min-score", "50")[1])["matches"]  # fmt: skip
    assert [(m["state"], round(m["score"])) for m in low] == [("draft", 59)]
    text = run(capsys, "tm", "lookup", "Die Stadt hat 2.750 Einwohner.", "--memory", memory)[1]
    assert "2,750" in text and "reviewed" in text
    hits = json.loads(
        run(capsys, "tm", "search", "stadt", "--format", "json", "--memory", memory)[1]
    )
    assert [h["source"] for h in hits["results"]] == [CITY[0], COUNCIL[0]]
    hits = json.loads(
        run(capsys, "tm", "search", "city", "HALL", "--format", "json", "--memory", memory)[1]
    )
    assert [h["target"] for h in hits["results"]] == [COUNCIL[1]]
    assert "city" in run(capsys, "tm", "search", "city", "hall", "--memory", memory)[1]
    assert "shown" not in run(capsys, "tm", "search", "stadt", "--memory", memory)[1]


def test_search_says_how_many_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    memory = str(tmp_path / "m.sqlite")
    pairs = [(f"Die Datei {n} fehlt.", f"File {n} is missing.") for n in range(25)]
    tmx = write_tmx_file(tmp_path / "files.tmx", [*pairs, ("Der Hafen.", "The port.")])
    assert run(capsys, "tm", "import", str(tmx), "--memory", memory)[0] == 0
    out = run(capsys, "tm", "search", "datei", "--memory", memory)[1]
    assert out.rstrip().endswith("20 of 25 shown (--limit N for more)")
    out = run(capsys, "tm", "search", "datei", "--limit", "24", "--memory", memory)[1]
    assert "24 of 25 shown" in out
    assert "shown" not in run(capsys, "tm", "search", "datei", "--limit", "25",
                              "--memory", memory)[1]  # fmt: skip
    found = json.loads(run(capsys, "tm", "search", "datei", "--format", "json",
                           "--memory", memory)[1])  # fmt: skip
    assert len(found["results"]) == 20 and found["total"] == 25


def test_export_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    memory = str(tmp_path / "m.sqlite")
    po = write_po(tmp_path / "a.po", [(*CITY, "reviewed"), (*PORT, "translated")])
    assert run(capsys, "tm", "import", str(po), "--memory", memory)[0] == 0
    out = tmp_path / "all.tmx"
    assert run(capsys, "tm", "export", "-o", str(out), "--memory", memory)[1].startswith(
        "wrote 2 entries"
    )
    assert (
        out.read_text(encoding="utf-8").count("<tu>")
        + out.read_text(encoding="utf-8").count("<tu ")
        == 2
    )
    assert "wrote 1 entries" in run(capsys, "tm", "export", "-o", str(out), "--reviewed-only",
                                    "--memory", memory)[1]  # fmt: skip
    missing = str(tmp_path / "none.sqlite")
    for args in (("lookup", "x"), ("search", "x"), ("stats",), ("export", "-o", str(out))):
        code, _, err = run(capsys, "tm", *args, "--memory", missing)
        assert code == 2 and "no translation memory here" in err, args
    assert not Path(missing).exists()
    code, _, err = run(capsys, "tm", "import", str(tmp_path / "notes.txt"), "--memory", memory)
    assert code == 2 and "no such file" in err
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "tm", "import", str(tmp_path / "notes.txt"), "--memory", memory)
    assert code == 2 and "cannot import .txt" in err
    broken = tmp_path / "broken.tmx"
    broken.write_text(out.read_text(encoding="utf-8").replace("</body>", ""), encoding="utf-8")
    code, _, err = run(capsys, "tm", "import", str(broken), "--memory", memory)
    assert code == 2 and "malformed TMX" in err and "broken.tmx:" in err
    assert (
        json.loads(run(capsys, "tm", "stats", "--format", "json", "--memory", memory)[1])["units"]
        == 2
    )
    assert run(capsys, "tm", "lookup", "x", "--limit", "0", "--memory", memory)[0] == 2
    assert run(capsys, "tm")[0] == 2


# --- pre-translation ---------------------------------------------------------------------


def test_pretranslation_kinds_and_what_it_never_touches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    memory = str(tmp_path / "m.sqlite")
    tm = write_po(
        tmp_path / "tm.po", [(*CITY, "reviewed"), (*PORT, "translated"), (*COUNCIL, "translated")]
    )
    assert run(capsys, "tm", "import", str(tm), "--memory", memory)[0] == 0
    doc = write_po(tmp_path / "doc.po", [
        (CITY[0], "", "untranslated"),                                  # s0 exact
        ("Die Stadt hat 2.000 Einwohner.", "", "untranslated"),         # s1 fuzzy 83, number
        ("Der Rat tagt morgen im Rathaus der Stadt.", "", "untranslated"),  # s2 fuzzy 88
        ("Ganz etwas anderes.", "", "untranslated"),                    # s3 nothing
        ("Das Wetter ist schön.", "The harbour is huge.", "translated"),  # s4 never touched
        ("Der Bahnhof ist alt.", "Mine.", "reviewed"),                  # s5 never touched
        (PORT[0], "An old draft.", "draft"),                            # s6 kept without --redraft
    ])  # fmt: skip
    code, out, _ = run(capsys, "draft", str(doc), "--tm-only", "--memory", memory)
    assert code == 0
    assert (
        "memory: 1 exact (drafts), 2 fuzzy ≥ 75 (drafts), 1 without a match, 1 adapted to the "
        "new source (numbers, placeholders, edge spacing); 2 translated/reviewed untouched"
    ) in out
    got = units(doc)
    assert (got["s0"].target, got["s0"].state) == (CITY[1], ReviewState.DRAFT)
    assert got["s1"].target == "The city has 2,000 inhabitants."
    assert got["s2"].target == COUNCIL[1] and got["s2"].state is ReviewState.DRAFT
    assert got["s3"].target == ""
    assert (got["s4"].target, got["s5"].target, got["s6"].target) == (
        "The harbour is huge.", "Mine.", "An old draft."
    )  # fmt: skip
    origin = got["s1"].origin
    # outside a project the memory and the match's file are named, not their paths: the PO
    # file is shared, a translator's directory layout is not
    assert origin is not None and origin.engine == "memory" and origin.model == "m.sqlite"
    assert origin.mt == "The city has 2,000 inhabitants."
    assert origin.extra == {
        "score": 83.3, "match": "fuzzy", "source": CITY[0], "origin": "tm.po",
        "state": "reviewed", "context": "s0", "adjusted": True,
    }  # fmt: skip
    assert str(tmp_path) not in doc.read_text(encoding="utf-8")
    # --redraft redoes drafts from the memory (the old draft gets the exact match);
    # --accept-exact confirms exact matches; --min-score 90 drops the 83 and 88 matches
    code, out, _ = run(capsys, "draft", str(doc), "--tm-only", "--memory", memory, "--redraft",
                       "--accept-exact", "--min-score", "90")  # fmt: skip
    assert "memory: 2 exact (translated), 0 fuzzy ≥ 90 (drafts), 3 without a match" in out
    got = units(doc)
    # the document's own translated and reviewed entries went into the memory first (the two
    # exact matches just accepted join them on the next feed)
    stats = json.loads(run(capsys, "tm", "stats", "--format", "json", "--memory", memory)[1])
    assert stats["origins"] == {str(tm.resolve()): 3, str(doc.resolve()): 2}
    assert (got["s0"].target, got["s0"].state) == (CITY[1], ReviewState.TRANSLATED)
    assert (got["s6"].target, got["s6"].state) == (PORT[1], ReviewState.TRANSLATED)
    assert got["s4"].target == "The harbour is huge."


def test_draft_memory_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = write_po(tmp_path / "doc.po", [(CITY[0], "", "untranslated")])
    code, _, err = run(capsys, "draft", str(doc), "--tm-only", "--no-memory")
    assert code == 2 and "--tm-only needs the memory" in err
    code, _, err = run(capsys, "draft", str(doc), "--tm-only", "--min-score", "101")
    assert code == 2 and "--min-score must be from 0 to 100" in err
    code, _, err = run(
        capsys, "draft", str(doc), "--tm-only", "--memory", str(tmp_path / "x.sqlite")
    )
    assert code == 2 and "no translation memory here" in err


def test_memory_first_then_mt(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argosmodel: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without --tm-only the rest goes to MT; MT never redoes a memory draft, even with
    --redraft."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    ap.install_archive(argosmodel)
    memory = str(tmp_path / "m.sqlite")
    with open_store(memory) as store:
        from workbench.domain.memory import MemoryEntry

        store.add([MemoryEntry(*CITY, state=ReviewState.REVIEWED)])
    doc = write_po(
        tmp_path / "doc.po", [(CITY[0], "", "untranslated"), (PORT[0], "", "untranslated")]
    )
    code, out, _ = run(capsys, "draft", str(doc), "--memory", memory, "--no-glossary")
    assert code == 0
    assert "memory: 1 exact (drafts), 0 fuzzy ≥ 75 (drafts), 1 left for MT" in out
    assert re.search(r": 1 drafted \(0 from cache\)", out)
    got = units(doc)
    assert got["s0"].origin is not None and got["s0"].origin.engine == "memory"
    assert got["s1"].origin is not None and got["s1"].origin.engine == "argos"
    code, out, _ = run(capsys, "draft", str(doc), "--memory", memory, "--no-glossary", "--redraft")
    assert re.search(r": 1 drafted \(1 from cache\)", out)  # only the MT draft again
    assert units(doc)["s0"].origin.engine == "memory"  # type: ignore[union-attr]
    code, out, _ = run(capsys, "draft", str(doc), "--no-memory", "--no-glossary")
    assert code == 0 and "memory:" not in out


def test_tmx_round_trip_keeps_origins_and_counts_duplicates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """acceptance-2 F25: the same pair from two files is two entries, exported with their
    x-origin and imported back as two; a pair given twice in one TMX is said to be merged."""
    memory = str(tmp_path / "m.sqlite")
    a = write_po(tmp_path / "a.po", [(*CITY, "translated"), (*PORT, "translated")])
    b = write_po(tmp_path / "b.po", [(*CITY, "translated")])
    for po in (a, b):
        assert run(capsys, "tm", "import", str(po), "--memory", memory)[0] == 0
    exported = tmp_path / "all.tmx"
    assert "wrote 3 entries" in run(capsys, "tm", "export", "-o", str(exported),
                                    "--memory", memory)[1]  # fmt: skip
    again = str(tmp_path / "again.sqlite")
    out = " ".join(run(capsys, "tm", "import", str(exported), "--memory", again)[1].split())
    assert "3 units read; 3 new; 0 updated; 0 unchanged" in out and "merged" not in out
    stats = json.loads(run(capsys, "tm", "stats", "--format", "json", "--memory", again)[1])
    assert stats["origins"] == {str(a.resolve()): 2, str(b.resolve()): 1}
    twice = write_tmx_file(tmp_path / "twice.tmx", [CITY, CITY, PORT])
    out = " ".join(run(capsys, "tm", "import", str(twice), "--memory", again)[1].split())
    assert "3 units read; 2 new; 0 updated; 0 unchanged; 1 duplicates merged" in out


def test_a_reader_that_stops_early_gets_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbench tm search … | head -1`: the pipe closes while JSON is still being written."""
    rows = [
        (f"Die Stadt Nummer {i} hat einen Hafen.", f"City {i} has a port.", "translated")
        for i in range(3000)
    ]
    po = write_po(tmp_path / "many.en.po", rows)
    memory = tmp_path / "memory.sqlite"
    assert run(capsys, "tm", "import", "--memory", str(memory), str(po))[0] == 0
    command = [sys.executable, "-m", "workbench", "tm", "search", "--memory", str(memory)]
    err_file = tmp_path / "stderr.txt"
    with err_file.open("wb") as err_out:
        child = subprocess.Popen(
            [*command, "Hafen", "--limit", "3000", "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=err_out,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"{"
        child.stdout.close()  # what `head -1` does after its line
        assert child.wait(timeout=60) == 128 + signal.SIGPIPE
    err = err_file.read_text()
    assert "Traceback" not in err and "BrokenPipeError" not in err, err


@pytest.mark.parametrize("package", ["bench", "tests.fuzz"])
def test_benchmarks_and_fuzzing_by_hand_keep_out_of_the_users_memory(
    tmp_path: Path, sample_source: Path, package: str
) -> None:
    """Segmenting feeds the translated entries to the memory used outside a project: a
    benchmark's or a hand-run fuzz case's file must never come back as a translator's match."""
    user_data = tmp_path / "user-data"
    env = {k: v for k, v in os.environ.items() if k != "WORKBENCH_MEMORY"}
    env["XDG_DATA_HOME"] = str(user_data)
    env["PYTHONPATH"] = str(REPO)
    out = tmp_path / "out.en.po"
    shutil.copy(CORPUS / "hangzhou-sister-cities.en.po", out)  # 7 entries translated
    program = (
        f"import {package}\n"
        "from workbench.cli import main\n"
        f"raise SystemExit(main(['segment', {str(sample_source)!r}, '-o', {str(out)!r}]))\n"
    )
    subprocess.run([sys.executable, "-c", program], cwd=tmp_path, env=env, check=True)
    assert out.exists() and not (user_data / "workbench").exists()


# --- edge whitespace: acceptance-3 TOP 4 (gnupg2's entries in the tester's memory) ---------

GNUPG_ID = ("\nGeben Sie die User-ID ein. Beenden mit einer leeren Zeile: ",
            "\nEnter the user ID.  End with an empty line: ")  # fmt: skip
GNUPG_SKIP = ("Schlüssel %s: Nicht exportfähige Signatur (Klasse %02x) - übersprungen\n",
              "key %s: non exportable signature (class 0x%02X) - skipped\n")  # fmt: skip


def test_exact_match_takes_the_new_sources_edge_newlines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A memory source differing only in a leading/trailing newline is exact, and its
    translation gets the new source's edges: the file --accept-exact writes compiles."""
    import subprocess

    from tests.conftest import have

    memory = str(tmp_path / "m.sqlite")
    # the third entry's own translation lost its source's final newline (a bad memory)
    tmx = write_tmx_file(tmp_path / "gnupg.tmx", [GNUPG_ID, GNUPG_SKIP, ("Fertig.\n", "Done.")])
    assert run(capsys, "tm", "import", str(tmx), "--memory", memory)[0] == 0
    new_id, new_skip = GNUPG_ID[0].lstrip("\n"), GNUPG_SKIP[0].rstrip("\n")
    doc = write_po(tmp_path / "pre.po", [(new_id, "", "untranslated"),
                                         (new_skip, "", "untranslated"),
                                         ("Fertig.\n", "", "untranslated")])  # fmt: skip
    code, out, _ = run(capsys, "draft", str(doc), "--memory", memory, "--tm-only",
                       "--accept-exact")  # fmt: skip
    assert code == 0 and "3 exact (translated; 1 kept as drafts: their edge newlines" in out
    assert "2 adapted to the new source" in out
    got = units(doc)
    assert (got["s0"].target, got["s0"].state) == (
        "Enter the user ID.  End with an empty line: ",
        ReviewState.TRANSLATED,
    )
    assert got["s1"].target == "key %s: non exportable signature (class 0x%02X) - skipped"
    assert (got["s2"].target, got["s2"].state) == ("Done.", ReviewState.DRAFT)
    if have("msgfmt"):
        checked = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(doc)],
                                 capture_output=True, text=True, check=False)  # fmt: skip
        assert checked.returncode == 0, checked.stderr
    # other spacing inside the sentence is close but not the same text: not exact
    found = json.loads(run(capsys, "tm", "lookup", new_id.replace("ein. ", "ein.  "),
                           "--memory", memory, "--format", "json")[1])["matches"]  # fmt: skip
    assert found[0]["exact"] is False and found[0]["similarity"] == 99.0
    assert found[0]["target"] == "Enter the user ID.  End with an empty line: "


def test_a_recorded_location_names_no_private_path(tmp_path: Path) -> None:
    from workbench.services.project_memory import recorded_location

    root = tmp_path / "project"
    assert recorded_location(str(root / "translation-memory.sqlite"), root) == (
        "translation-memory.sqlite"
    )
    assert recorded_location(str(root / "po" / "a.po"), root) == "po/a.po"
    assert recorded_location("/home/nora/raw/b.de.po", root) == "b.de.po"
    assert recorded_location("/home/nora/raw/b.de.po", None) == "b.de.po"
    assert recorded_location("po/a.po", root) == "po/a.po"  # a project file's origin
    assert recorded_location("postgresql://wb:secret@db/tm", root) == "postgresql://wb@db/tm"
