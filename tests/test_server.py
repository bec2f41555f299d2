"""Server mode: the same code against a real `chroma run` on a loopback port."""

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index import PaperIndex
from assistant.ingest import Ingester
from assistant.search import Searcher

CHROMA = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    port = _free_port()
    log = open(tmp_path / "chroma.log", "w")
    process = subprocess.Popen([CHROMA, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(tmp_path / "db")],
                               stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"chroma run exited: {(tmp_path / 'chroma.log').read_text()}")
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("chroma run did not start within 60 s")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)
    log.close()


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
