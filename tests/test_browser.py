"""The chat page in a real headless Chromium (Debian's, driven by Python Playwright), served by a
real `streamlit run` on a free loopback port. A screenshot goes to test-output/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT

CHROMIUM = "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served_app(corpus_index, indicator_tools, tmp_path):
    port = _free_port()
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(corpus_index[0].index_dir)}
    log = open(tmp_path / "streamlit.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"streamlit exited: {(tmp_path / 'streamlit.log').read_text()}")
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("streamlit did not start within 60 s")
    yield url
    process.terminate()
    process.wait(timeout=30)
    log.close()


@pytest.mark.browser
def test_a_question_in_a_real_browser_gets_an_answer_and_its_sources(served_app):
    from playwright.sync_api import sync_playwright

    output = ROOT / "test-output"
    output.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        page.goto(served_app)
        box = page.get_by_placeholder("Ask about the papers, e.g. how has placement stability changed?")
        box.wait_for(timeout=180_000)  # the first visit loads the models
        box.fill("How has placement stability changed in Norfolk?")
        box.press("Enter")
        page.get_by_text("11.5% in April 2018", exact=False).first.wait_for(timeout=180_000)
        page.get_by_text("norfolk_2018-07-10_childrens-services-committee.txt", exact=False).first.wait_for()
        page.locator(".vega-embed canvas, .vega-embed svg").first.wait_for(timeout=60_000)  # the chart drew
        page.locator(".vega-embed").first.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        page.screenshot(path=str(output / "chat-placement-stability.png"), full_page=True)
        browser.close()
    assert (output / "chat-placement-stability.png").stat().st_size > 10_000
