"""Drafting through a real LibreTranslate server, started by the test, offline.

The server is LibreTranslate from PyPI serving the repository's tiny random-weight test
models (see tests/support/libretranslate_server.py): nothing on the client → HTTP → server
→ Argos → CTranslate2 path is mocked. Its output is noise; what is asserted is the
mechanism: batching, progress, stopping, the API key, errors for people, and the glossary
protection (every preferred and dnt term in the drafts, no forbidden rendering).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO
from tests.support.libretranslate_server import Server, libretranslate_server
from workbench.adapters.libretranslate import LibreTranslateEngine
from workbench.adapters.mt_engine import BatchDone, DecodeOptions
from workbench.adapters.po import PoCatalog
from workbench.cli import main
from workbench.domain.states import ReviewState
from workbench.errors import UserError
from workbench.services.segmenting import segment_file

pytestmark = pytest.mark.slow
GLOSSARY = REPO / "glossaries" / "civic.de-en.tsv"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with libretranslate_server(tmp_path_factory.mktemp("libretranslate")) as running:
        yield running


@pytest.fixture
def project(tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder whose workbench.toml sends MT to the server, with url and key."""
    shutil.copy(CORPUS / "source.de.md", tmp_path / "source.de.md")
    segment_file(tmp_path / "source.de.md", tmp_path / "article.en.po")
    shutil.copy(GLOSSARY, tmp_path / "civic.de-en.tsv")
    (tmp_path / "workbench.toml").write_text(
        '[[corpus]]\nsource = "source.de.md"\npo = "article.en.po"\n\n'
        '[glossary]\nfiles = ["civic.de-en.tsv"]\n\n'
        f'[mt]\nengine = "libretranslate"\nurl = "{server.url}"\n'
        f'api_key = "{server.api_key}"\nbatch_size = 8\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WORKBENCH_MT_API_KEY", raising=False)
    return tmp_path


def test_draft_on_the_server_follows_the_glossary(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`workbench draft` with [mt] engine = "libretranslate": 24 drafts, every term present."""
    assert main(["draft"]) == 0
    out = capsys.readouterr()
    assert "24 drafted" in out.out and "libretranslate 127.0.0.1" in out.err
    units = PoCatalog.load(project / "article.en.po").units()
    assert all(u.state is ReviewState.DRAFT and u.origin is not None for u in units)
    assert {u.origin.engine for u in units if u.origin} == {"libretranslate"}
    gate = ["check", "--states", "draft", "--checks", "glossary,dnt,forbidden", "--format", "json"]
    code = main(gate)
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["summary"]["total"] == 0, report["findings"][:3]
    # a second run is served from the MT cache: the server is not asked again
    assert main(["draft", "--redraft"]) == 0
    assert "(24 from cache)" in capsys.readouterr().out


def test_batches_progress_and_stop(server: Server) -> None:
    """Requests of batch_size texts, each reported as it comes back; a stop ends between them."""
    sources = [u.source for u in PoCatalog.load(CORPUS / "hangzhou-sister-cities.en.po").units()]
    engine = LibreTranslateEngine(server.url, server.api_key, batch_size=5)
    seen: list[BatchDone] = []
    result = engine.translate(sources[:12], DecodeOptions(num_hypotheses=2), on_batch=seen.append)
    assert [len(b.texts) for b in seen] == [5, 5, 2]
    assert all(o for o in result.outputs) and not result.cancelled
    assert all(b.hypotheses[i][0] == b.texts[i] for b in seen for i in b.texts)
    stopped: list[BatchDone] = []
    result = engine.translate(
        sources[:12], on_batch=stopped.append, cancelled=lambda: bool(stopped)
    )
    assert result.cancelled and len(stopped) == 1
    assert sum(o is not None for o in result.outputs) == 5


def test_the_api_key_is_required_and_checked(server: Server) -> None:
    """The server requires a key: none or a wrong one is a clear error naming the setting."""
    for key in ("", "not-the-key"):
        with pytest.raises(UserError) as caught:
            LibreTranslateEngine(server.url, key).translate(["Der Landrat kam."])
        assert "API key" in caught.value.message and "[mt] api_key" in caught.value.hint
    assert LibreTranslateEngine(server.url, server.api_key).translate(["Hallo."]).outputs[0]


def test_no_server_is_a_clear_error(tmp_path: Path) -> None:
    """Nothing listens on the port: the message names the URL and what to do, fast."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with pytest.raises(UserError) as caught:
        LibreTranslateEngine(url, timeout=5).translate(["Hallo."])
    assert url in str(caught.value) and "[mt] url" in caught.value.hint
