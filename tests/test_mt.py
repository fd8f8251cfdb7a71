"""MT drafting end to end on a real Argos package built here: install, list, draft, cache, remove.

The package is a real ``.argosmodel`` (SentencePiece trained on the corpus, a CTranslate2
Transformer with seeded random weights, Argos metadata), built once per session by
``tests/support/argos_model.py``. Nothing on the install → load → translate → write path is
mocked; the model's output is whatever the random weights produce.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import REPO, have
from workbench.adapters import argos_packages as ap
from workbench.adapters.glossary_files import load_glossaries
from workbench.adapters.po import PoCatalog
from workbench.cli import main
from workbench.domain.glossary import Glossary, GlossaryMatcher, Term, TermStatus
from workbench.domain.mt_constraints import TermMode
from workbench.domain.states import ReviewState
from workbench.errors import UserError
from workbench.services.drafting import Drafter, DraftOptions, model_status


@pytest.fixture
def installed(mt_env: Path, argosmodel: Path) -> ap.ArgosPackage:
    return ap.install_archive(argosmodel)


@pytest.fixture
def mixed_po(sample_po: Path) -> Path:
    """The sample PO with one translated, one reviewed and one human draft entry."""
    catalog = PoCatalog.load(sample_po)
    units = catalog.units()
    catalog.apply(
        units[0].with_target("China-U.S. Sister Cities Conference in Hangzhou").confirmed()
    )
    catalog.apply(
        units[1].with_target("The seventh conference took place.").reviewed("ana", "2026-01-01")
    )
    catalog.apply(replace(units[2], target="A human draft.", fuzzy=True))
    catalog.save()
    return sample_po


def states(path: Path) -> list[tuple[str, ReviewState]]:
    return [(u.target, u.state) for u in PoCatalog.load(path).units()]


def test_without_a_model_every_mt_command_names_the_install_command(
    mt_env: Path, sample_po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = model_status()
    assert not status.ready and status.command == "workbench mt install de en"
    assert main(["draft", str(sample_po)]) == 2
    err = capsys.readouterr().err
    assert "no de→en MT model is installed" in err and "workbench mt install de en" in err
    assert main(["mt", "list"]) == 0
    assert "workbench mt install de en" in capsys.readouterr().out
    assert main(["status", str(sample_po)]) == 0  # everything else works without a model


def test_install_list_draft_cache_remove(
    mt_env: Path, argosmodel: Path, mixed_po: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = states(mixed_po)
    assert main(["mt", "install", str(argosmodel)]) == 0
    assert (mt_env / "translate-de_en-0_1" / "model" / "model.bin").is_file()
    capsys.readouterr()
    assert main(["mt", "list"]) == 0
    listing = capsys.readouterr().out
    assert "de→en" in listing and "0.1" in listing and "NOISE" in listing

    assert main(["draft", str(mixed_po), "--no-glossary"]) == 0
    out = capsys.readouterr().out
    after = states(mixed_po)
    # translated, reviewed and the existing draft are untouched
    assert after[:3] == before[:3]
    assert [s for _, s in before[:3]] == [
        ReviewState.TRANSLATED,
        ReviewState.REVIEWED,
        ReviewState.DRAFT,
    ]
    drafted = PoCatalog.load(mixed_po).units()[3:]
    assert drafted and all(u.state is ReviewState.DRAFT for u in drafted)
    for unit in drafted:
        assert unit.origin is not None
        assert unit.origin.engine == "argos"
        assert unit.origin.model == "translate-de_en-0_1 0.1"
        assert unit.origin.mt  # the raw MT text is kept for post-editing measures
    assert f"{len(drafted)} drafted (0 from cache)" in out
    text = mixed_po.read_text(encoding="utf-8")
    assert text.count("# wb:origin ") == len(drafted)
    if have("msgfmt"):
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(mixed_po)], check=True)

    # --redraft redoes drafts: only the human draft is new to the model, the rest is cached
    drafter = Drafter(glossary=None, options=DraftOptions(redraft=True))
    report = drafter.draft_file(mixed_po)
    assert drafter.engine_segments == 1
    assert report.drafted == len(drafted) + 1 and report.cached == len(drafted)
    # and once more: every segment comes from the cache, the model is not called at all
    again = Drafter(glossary=None, options=DraftOptions(redraft=True))
    report = again.draft_file(mixed_po)
    assert again.engine_segments == 0
    assert report.cached == report.drafted == len(drafted) + 1
    assert states(mixed_po)[:2] == before[:2]

    assert main(["mt", "remove", "de", "en"]) == 0
    assert not (mt_env / "translate-de_en-0_1").exists()
    assert model_status().package is None


@pytest.mark.parametrize(
    ("terms", "hypotheses"),
    [
        (TermMode.PLACEHOLDER, 4),
        (TermMode.PLACEHOLDER, 1),
        (TermMode.INJECT, 4),
        (TermMode.SOURCE, 1),
    ],
)
def test_every_term_occurrence_is_in_the_drafts_of_the_random_model(
    installed: ap.ArgosPackage,
    sample_po: Path,
    terms: TermMode,
    hypotheses: int,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """On noise: each preferred and dnt occurrence is there (as often as in the source), no
    forbidden rendering is, and the glossary gate passes on the raw drafts."""
    glossary = load_glossaries([REPO / "glossaries" / "civic.de-en.tsv"])
    matcher = GlossaryMatcher(glossary)
    options = DraftOptions(use_cache=False, terms=terms, num_hypotheses=hypotheses)
    report = Drafter(installed, glossary, options).draft_file(sample_po)
    assert report.drafted == 24 and "missing" not in report.enforcement
    occurrences = 0
    for unit in PoCatalog.load(sample_po).units():
        wanted: dict[int, int] = {}
        for hit in matcher.source_hits(unit.source):
            if hit.enforced and (hit.concept.is_dnt or hit.concept.preferred_targets):
                wanted[id(hit.concept)] = wanted.get(id(hit.concept), 0) + 1
        for concept in matcher.concepts_in(unit.source):
            found = sum(len(matcher.find_target(t, unit.target)) for t in concept.preferred_targets)
            assert found >= wanted.get(id(concept), 0), (concept.source, unit.target)
            assert matcher.forbidden_hits(concept, unit.target) == []
        occurrences += sum(wanted.values())
    assert occurrences == 49  # 39 preferred + 10 dnt occurrences in the sample
    capsys.readouterr()
    gate = ["check", str(sample_po), "--states", "draft", "--checks", "glossary,dnt,forbidden"]
    assert main([*gate, "-g", str(REPO / "glossaries" / "civic.de-en.tsv")]) == 0


def test_forbidden_rendering_is_kept_out_while_decoding(installed: ap.ArgosPackage) -> None:
    """Make the real model's own output a forbidden rendering, then draft again: the decoder
    is banned from writing it (every tokenisation), and the draft has the preferred term."""
    probe = Drafter(installed, None, DraftOptions(use_cache=False))
    source = "Der Landrat kam."
    raw = probe.draft_texts([source])[0]
    assert raw is not None
    words = raw.mt.split()
    assert words, "the test model produced no output"
    forbidden = " ".join(words[: min(2, len(words))])
    glossary = Glossary.from_terms(
        [
            Term("Landrat", "County Executive", TermStatus.PREFERRED),
            Term("Landrat", forbidden, TermStatus.FORBIDDEN),
        ]
    )
    # the source as written: without the ban the model would emit the same text again
    drafter = Drafter(installed, glossary, DraftOptions(use_cache=False, terms=TermMode.SOURCE))
    assert drafter.engine.ban_sequences([forbidden]), "no tokenisation of the rendering"
    draft = drafter.draft_texts([source])[0]
    assert draft is not None and draft.mt != raw.mt
    matcher = GlossaryMatcher(glossary)
    assert matcher.forbidden_hits(glossary.concepts[0], draft.mt) == []
    assert matcher.forbidden_hits(glossary.concepts[0], draft.target) == []
    assert "County Executive" in draft.target


def test_cancel_keeps_finished_drafts(installed: ap.ArgosPackage, sample_po: Path) -> None:
    from workbench.adapters.ct2_engine import ThreadLayout

    stop = threading.Event()
    drafter = Drafter(
        installed, None, DraftOptions(use_cache=False), layout=ThreadLayout(1, 1, max_batch_size=2)
    )
    report = drafter.draft_file(
        sample_po, progress=lambda s: stop.set() if s.done else None, cancel=stop
    )
    units = PoCatalog.load(sample_po).units()
    done = sum(1 for u in units if u.state is ReviewState.DRAFT)
    assert report.interrupted and 0 < done < len(units) and done == report.drafted


def test_ctrl_c_writes_finished_drafts_then_interrupts(
    installed: ap.ArgosPackage, sample_po: Path
) -> None:
    from workbench.adapters.ct2_engine import ThreadLayout

    def interrupt(state: object) -> None:
        if getattr(state, "done", 0):
            raise KeyboardInterrupt

    drafter = Drafter(
        installed, None, DraftOptions(use_cache=False), layout=ThreadLayout(1, 1, max_batch_size=2)
    )
    with pytest.raises(KeyboardInterrupt):
        drafter.draft_file(sample_po, progress=interrupt)
    units = PoCatalog.load(sample_po).units()  # the file is complete and readable
    assert 0 < sum(1 for u in units if u.state is ReviewState.DRAFT) < len(units)


def test_long_empty_and_numeric_segments(installed: ap.ArgosPackage) -> None:
    drafter = Drafter(installed, None, DraftOptions(use_cache=False, max_input_tokens=16))
    long = " ".join(["Die Konferenz in Hangzhou war ein großer Erfolg."] * 12)
    results = drafter.draft_texts([long, "2024", "  Hangzhou  "])
    assert all(r is not None for r in results)
    assert results[0] is not None and results[0].split > 1
    assert results[1] is not None and results[1].copied and results[1].target == "2024"
    assert (
        results[2] is not None
        and results[2].target.startswith("  ")
        and results[2].target.endswith("  ")
    )


# --- archive validation --------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            zf.writestr(info, "/etc/passwd")
    return path


META = json.dumps({"from_code": "de", "to_code": "en", "package_version": "1.0"}).encode()
GOOD = {
    "pkg/metadata.json": META,
    "pkg/model/model.bin": b"x",
    "pkg/model/config.json": b"{}",
    "pkg/sentencepiece.model": b"x",
}


@pytest.mark.parametrize(
    ("members", "symlink", "message"),
    [
        (None, None, "not a zip archive"),
        ({**GOOD, "pkg/../../evil.txt": b"x"}, None, "outside the package folder"),
        ({**GOOD, "/tmp/evil.txt": b"x"}, None, "outside the package folder"),
        (GOOD, "pkg/link", "outside the package folder"),
        ({k: v for k, v in GOOD.items() if "metadata" not in k}, None, "metadata.json is missing"),
        ({**GOOD, "pkg/metadata.json": b"{not json"}, None, "not valid JSON"),
        ({**GOOD, "pkg/metadata.json": b"{}"}, None, "lacks from_code/to_code"),
        (
            {k: v for k, v in GOOD.items() if "model/" not in k},
            None,
            "missing model/model.bin, model/config.json",
        ),
        (
            {k: v for k, v in GOOD.items() if "sentencepiece" not in k},
            None,
            "sentencepiece.model or bpe.model",
        ),
        ({**GOOD, "other/x": b"x"}, None, "expected one top folder, found 2"),
    ],
)
def test_invalid_archives_are_refused_before_extraction(
    mt_env: Path,
    tmp_path: Path,
    members: dict[str, bytes] | None,
    symlink: str | None,
    message: str,
) -> None:
    archive = tmp_path / "bad.argosmodel"
    if members is None:
        archive.write_text("not a zip", encoding="utf-8")
    else:
        _zip(archive, members, symlink)
    with pytest.raises(UserError) as err:
        ap.install_archive(archive)
    assert message in err.value.message
    assert not mt_env.exists() or not any(mt_env.iterdir())
    assert not (tmp_path / "evil.txt").exists()


@pytest.mark.parametrize("where", ["closed port", "unknown host"])
def test_offline_install_fails_fast_with_the_alternative(
    mt_env: Path,
    mt_extra: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    """No network: a port nobody listens on, or a name no resolver knows (``.invalid``)."""
    if where == "closed port":
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            index = f"http://127.0.0.1:{s.getsockname()[1]}/"
    else:
        index = "http://argos-index.invalid/"  # RFC 2606: never resolves
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index)
    assert main(["mt", "install", "de", "en"]) == 2
    err = capsys.readouterr().err
    assert f"cannot reach the Argos package index ({index}index.json)" in err
    assert "Installing by language pair needs a network connection" in err
    assert "workbench mt install PATH.argosmodel" in err
    assert "Traceback" not in err
    assert not mt_env.exists() or not any(mt_env.iterdir())  # nothing half-installed


def test_argostranslate_reads_the_same_folder_and_loads_the_package(
    installed: ap.ArgosPackage, mt_extra: None
) -> None:
    """argostranslate itself (in a fresh process) sees our package folder and can translate with it."""
    code = (
        "import sys\n"
        "from argostranslate import package, settings, translate\n"
        "print(settings.package_data_dir)\n"
        "pkgs = package.get_installed_packages()\n"
        "print(len(pkgs), pkgs[0].from_code, pkgs[0].to_code, type(pkgs[0].tokenizer).__name__)\n"
        "t = translate.get_translation_from_codes('de', 'en')\n"
        "class One:\n"
        "    def split_sentences(self, text): return [text]\n"
        "getattr(t, 'underlying', t).sentencizer = One()  # its splitter downloads a model\n"
        "print(type(t.translate('Die Konferenz in Hangzhou.')).__name__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.strip().splitlines()
    assert Path(lines[0]) == installed.path.parent == ap.packages_dir()
    assert lines[1] == "1 de en SentencePieceTokenizer"
    assert lines[2] == "str"


@pytest.fixture
def local_index(tmp_path: Path, argosmodel: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An Argos package index served on 127.0.0.1 (no internet): index.json plus the package."""
    import functools
    import http.server
    import shutil as sh

    root = tmp_path / "index"
    root.mkdir()
    sh.copy(argosmodel, root / argosmodel.name)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0),
        functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root)),
    )
    server.RequestHandlerClass.log_message = lambda *a, **k: None  # type: ignore[method-assign]
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    entry = {
        "package_version": "0.1",
        "argos_version": "1.9",
        "from_code": "de",
        "from_name": "German",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "links": [base + argosmodel.name],
    }
    (root / "index.json").write_text(json.dumps([entry]), encoding="utf-8")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_install_by_language_pair_from_the_index(
    mt_env: Path, mt_extra: None, local_index: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["mt", "install", "de", "en"]) == 0
    assert "installed translate-de_en-0_1" in capsys.readouterr().out
    assert model_status().ready
    assert main(["mt", "install", "de", "fr"]) == 2
    err = capsys.readouterr().err
    assert "no de→fr package" in err and "de en" in err


def test_packages_dir_follows_argos_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Environment first, then argos-translate's settings.json, then the XDG data folder."""
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert ap.packages_dir() == tmp_path / "data" / "argos-translate" / "packages"
    settings = tmp_path / "cfg" / "argos-translate" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(
        json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "from-json")}), encoding="utf-8"
    )
    assert ap.packages_dir() == tmp_path / "from-json"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "from-env"))
    assert ap.packages_dir() == tmp_path / "from-env"
