"""The chat page in a real headless Chromium (Debian's, driven by Python Playwright), served by a
real `streamlit run` on a free loopback port. A screenshot goes to test-output/."""

from __future__ import annotations

import os
import sys
import urllib.request

import pytest

from conftest import ROOT, free_port, running

CHROMIUM = "/usr/bin/chromium"


def _healthy(url: str) -> bool:
    try:
        return urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok"
    except OSError:
        return False


@pytest.fixture
def served_app(corpus_index, indicator_tools, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.address", "127.0.0.1",
               "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    env = {**os.environ, "ASSISTANT_INDEX_DIR": str(corpus_index[0].index_dir)}
    with running(command, tmp_path / "streamlit.log", lambda: _healthy(url), "streamlit", cwd=ROOT, env=env):
        yield url


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
