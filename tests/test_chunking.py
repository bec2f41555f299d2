"""Chunks fit the model, keep table rows whole and point back to the exact source lines."""

import pytest

from assistant.chunking import chunk_document
from assistant.loaders import load_document
from assistant.structure import is_table_row, parse_blocks

from conftest import CORPUS

PAPERS = sorted(p.name for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def chunked(embedder):
    result = {}
    for name in PAPERS:
        document = load_document(CORPUS / name, 10**9)
        result[name] = (document, chunk_document(document, embedder.count_tokens, 256, 32))
    return result


@pytest.mark.parametrize("name", PAPERS)
def test_every_chunk_fits_the_model(chunked, embedder, name):
    _, chunks = chunked[name]
    assert chunks
    assert max(embedder.count_tokens(chunk.embedding_text()) for chunk in chunks) <= 256


@pytest.mark.parametrize("name", PAPERS)
def test_chunk_lines_are_the_source_lines(chunked, name):
    document, chunks = chunked[name]
    source = document.pages[0].text.split("\n")
    for chunk in chunks:
        first = chunk.text.split("\n")[0].strip()
        # a continued table part starts with the repeated header, so check its last line instead
        last = chunk.text.split("\n")[-1].strip()
        assert last and last in source[chunk.line_end - 1], (chunk.line_end, last)
        if chunk.kind == "prose" and first:
            assert first in source[chunk.line_start - 1] or source[chunk.line_start - 1].strip() in first


@pytest.mark.parametrize("name", [n for n in PAPERS if "norfolk" in n])
def test_no_table_row_is_split(chunked, embedder, name):
    document, chunks = chunked[name]
    table_lines = {line for chunk in chunks if chunk.kind == "table" for line in chunk.text.split("\n")}
    whole_rows = 0
    for block in parse_blocks(document):
        if block.kind != "table":
            continue
        context = " > ".join(block.heading_path)
        for _, row in block.lines:
            # Only prose laid out in cells, too long for the model even alone, may be cut at sentences.
            if embedder.count_tokens(context + "\n" + row) <= 256:
                assert row in table_lines
                whole_rows += 1
    assert whole_rows >= 5


def test_long_table_is_split_by_rows_repeating_its_header(embedder):
    document = load_document(CORPUS / "norfolk_2018-07-10_childrens-services-committee.txt", 10**9)
    chunks = chunk_document(document, embedder.count_tokens, 192, 16)
    header = "Monthly\tBigger or Smaller is better\tApr 17\tMay 17"
    parts = [c for c in chunks if c.kind == "table" and c.text.startswith(header)]
    assert len(parts) >= 3
    assert [c.part for c in parts] == list(range(len(parts)))
    assert all(embedder.count_tokens(c.embedding_text()) <= 192 for c in parts)
    for chunk in parts:
        assert all(is_table_row(line) for line in chunk.text.split("\n"))


def test_chunks_carry_agenda_and_headings(chunked):
    _, chunks = chunked["norfolk_2018-07-10_childrens-services-committee.txt"]
    chunk = next(c for c in chunks if "Forecast Revenue Outturn General Fund" in c.text)
    assert chunk.agenda_item == "9"
    assert chunk.heading_path[0] == "Revenue Budget Monitoring Month 2"
    assert chunk.meta.council == "Norfolk"


def test_no_chunk_is_only_headings_and_labels(chunked):
    _, chunks = chunked["norfolk_2020-12-02_childrens-services-scrutiny-sub-committee.txt"]
    assert not any(chunk.text.replace("*", "").split() == ["Chair", "##", "Scrutiny", "Sub-Committee", "Item", "No", "5."]
                   for chunk in chunks)
    assert all(len(chunk.text.split()) >= 4 for chunk in chunks if chunk.kind == "prose")
