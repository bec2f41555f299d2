"""Server mode: the same code against a real `chroma run` on a loopback port."""

import shutil
import socket
import sys
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index import PaperIndex
from assistant.ingest import Ingester
from assistant.search import Searcher

from conftest import free_port, running

CHROMA = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")


def _accepts(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture
def chroma_server(tmp_path):
    port = free_port()
    command = [CHROMA, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(tmp_path / "db")]
    with running(command, tmp_path / "chroma.log", lambda: _accepts(port), "chroma run"):
        yield f"http://127.0.0.1:{port}"


@pytest.mark.server
def test_ingest_and_search_through_a_chroma_server(chroma_server, papers, tmp_path, embedder):
    settings = Settings(index_dir=tmp_path / "unused-local", chroma_url=chroma_server)
    index = PaperIndex(settings)
    summary = Ingester(settings, index=index, embedder=embedder, echo=lambda line: None).run([papers], progress=False)
    assert summary.count("indexed") == 2
    assert not (tmp_path / "unused-local" / "chroma").exists()  # no vectors stored locally in server mode
    assert (tmp_path / "unused-local" / "indicators" / "live.json").exists()  # the indicator store is per client
    # A second client (another officer's machine) sees the same index.
    other = Searcher(PaperIndex(Settings(index_dir=tmp_path / "elsewhere", chroma_url=chroma_server)), embedder)
    hits = other.search("how many children were subject to a child protection plan", k=3)
    assert any("80 children were subject to a Child Protection plan" in hit.text for hit in hits)
    assert other.index.location == chroma_server
