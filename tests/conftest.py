"""Shared fixtures: the bundled model, the real corpus indexed once per session, PDF makers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import pytest

from assistant.config import Settings
from assistant.embeddings import Embedder
from assistant.index import PaperIndex
from assistant.ingest import Ingester
from assistant.search import Searcher

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _statistics_folder() -> Path:
    """The DfE statistics the tests read: $ASSISTANT_TEST_STATISTICS, else ../shared/statistics."""
    candidates = [os.environ.get("ASSISTANT_TEST_STATISTICS"), ROOT.parent / "shared" / "statistics",
                  "/work/shared/statistics"]
    for candidate in candidates:
        if candidate and Path(candidate, "la_cla_placement_stability.csv").exists():
            return Path(candidate)
    raise RuntimeError("the DfE statistics folder is missing: set ASSISTANT_TEST_STATISTICS")


STATISTICS = _statistics_folder()


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(command: list[str], log_path: Path, ready: Callable[[], bool], name: str, **popen) -> Iterator[None]:
    """A real server process, started and waited for (60 s at most) until ``ready()``; stopped afterwards."""
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, **popen)
        try:
            deadline = time.time() + 60
            while not ready():
                if process.poll() is not None:
                    pytest.fail(f"{name} exited: {log_path.read_text()}")
                if time.time() > deadline:
                    pytest.fail(f"{name} did not start within 60 s")
                time.sleep(0.3)
            yield
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder("all-MiniLM-L6-v2")


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory, embedder):
    """The real corpus, ingested once for the whole session."""
    settings = Settings(index_dir=tmp_path_factory.mktemp("corpus-index"))
    index = PaperIndex(settings)
    summary = Ingester(settings, index=index, embedder=embedder).run([CORPUS], progress=False)
    return settings, index, Searcher(index, embedder), summary


@pytest.fixture(scope="session")
def indicator_tools(corpus_index):
    """The numeric tools over the corpus's indicator store, with the official statistics loaded."""
    from assistant.store import IndicatorStore
    from assistant.tools import IndicatorTools

    settings = corpus_index[0]
    store = IndicatorStore(settings)
    store.add_statistics(STATISTICS)
    return IndicatorTools(store)


@pytest.fixture(scope="session")
def assistant(corpus_index, indicator_tools, embedder):
    """The Python API over the corpus index, its indicator store and the official statistics."""
    from assistant.assistant import Assistant

    return Assistant.load(corpus_index[0], embedder=embedder)


@pytest.fixture
def make_settings(tmp_path):
    """Settings for a fresh, empty index in this test's folder."""
    def make(**overrides) -> Settings:
        return Settings(index_dir=tmp_path / "index", **overrides)
    return make


@pytest.fixture
def papers(tmp_path) -> Path:
    """A folder holding two short real papers: North Somerset's and Northumberland's reports."""
    folder = tmp_path / "papers"
    folder.mkdir()
    for name in ("north-somerset_2022-03-10_children-young-people-policy-scrutiny-panel.txt",
                 "northumberland_2019-06-06_family-and-children-overview-scrutiny.txt"):
        shutil.copy(CORPUS / name, folder / name)
    return folder


def write_pdf(path: Path, pages: list[list[str]], first_page_number: int | None = None,
              table: list[list[str]] | None = None, table_page: int = 0) -> Path:
    """A real multi-page PDF made with reportlab: lines of text per page, an optional printed
    page number in the footer, and an optional table drawn in columns on one page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in enumerate(pages):
        y = height - 72
        for line in lines:
            pdf.setFont("Helvetica", 10)
            pdf.drawString(72, y, line)
            y -= 16
        if table and number == table_page:
            y -= 10
            columns = [72, 300, 370, 440, 510]
            for row in table:
                for x, cell in zip(columns, row):
                    pdf.drawString(x, y, cell)
                y -= 16
        if first_page_number is not None:
            pdf.drawCentredString(width / 2, 40, str(first_page_number + number))
        pdf.showPage()
    pdf.save()
    return path


def paper_to_pdf(source: Path, target: Path) -> Path:
    """A real PDF of a text paper, as a council's PDF would lay it out: prose wrapped on the page,
    each table drawn in columns (cells left-aligned at fixed x positions, so the tabs are gone),
    and a printed page number in each footer."""
    import textwrap

    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    from assistant.structure import is_table_row

    lines = source.read_text(encoding="utf-8").split("\n")
    items: list[tuple[str, object]] = []  # ("text", line) or ("table", rows of cells)
    index = 0
    while index < len(lines):
        if is_table_row(lines[index]):
            end = index
            while end < len(lines) and is_table_row(lines[end]):
                end += 1
            items.append(("table", [line.split("\t") for line in lines[index:end]]))
            index = end
        else:
            items.extend(("text", part) for part in (textwrap.wrap(lines[index], 160) or [""]))
            index += 1
    font, table_font, leading, gap = "Helvetica", 6, 10, 12
    layouts: dict[int, list[float]] = {}  # one layout per column count, as a council's template would have
    for kind, rows in items:
        if kind == "table":
            columns = max(len(row) for row in rows)
            widths = layouts.setdefault(columns, [0.0] * columns)
            for row in rows:
                for c, cell in enumerate(row):
                    widths[c] = max(widths[c], stringWidth(cell.strip(), font, table_font) + gap)
    width = max([600.0] + [72 + sum(widths) + 36 for widths in layouts.values()])
    height = 842
    pdf = canvas.Canvas(str(target), pagesize=(width, height))
    y, page = height - 50, 1

    def new_page():
        nonlocal y, page
        pdf.setFont(font, 8)
        pdf.drawCentredString(width / 2, 25, str(page))
        pdf.showPage()
        y, page = height - 50, page + 1

    for position, (kind, content) in enumerate(items):
        if kind == "text":
            if y < 50:
                new_page()
            pdf.setFont(font, 8)
            pdf.drawString(36, y, content)
            y -= leading
            continue
        if y - leading * len(content) < 50 and len(content) * leading < height - 100:
            new_page()
        for row in content:
            if y < 50:
                new_page()
            x = 36
            pdf.setFont(font, table_font)
            for cell, cell_width in zip(row, layouts[max(len(r) for r in content)]):
                if cell.strip():
                    pdf.drawString(x, y, cell.strip())
                x += cell_width
            y -= leading
    new_page()
    pdf.save()
    return target
