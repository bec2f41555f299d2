"""Real PDFs made with reportlab: printed page numbers, tables kept as rows."""

from assistant.chunking import chunk_document
from assistant.loaders import load_document
from assistant.structure import parse_blocks

from conftest import write_pdf

TABLE = [
    ["Indicator", "Jan 18", "Apr 18", "Target", "England"],
    ["Children with 3 or more placements", "10.7%", "11.5%", "10%", "10.0%"],
    ["Care leavers in EET", "58.2%", "58.4%", "70%", "50%"],
    ["Rate of LAC per 10,000", "66.5", "69.7", "<55", "64"],
]
PAGES = [
    ["Children's Services Committee", "Date: 10 July 2018", "Report title: Performance Monitoring"],
    ["1. Placement stability", "Placement stability remains a concern for members of the committee."],
    ["2. Care leavers", "The committee asked officers to report back on care leavers in work."],
]


def test_pages_carry_the_numbers_printed_on_them(tmp_path):
    document = load_document(write_pdf(tmp_path / "pack.pdf", PAGES, first_page_number=19), 10**9)
    assert [page.label for page in document.pages] == ["19", "20", "21"]
    assert "care leavers in work" in document.pages[2].text


def test_pages_without_printed_numbers_use_pdf_page_numbers(tmp_path):
    document = load_document(write_pdf(tmp_path / "plain.pdf", PAGES), 10**9)
    assert [page.label for page in document.pages] == ["1", "2", "3"]


def test_pdf_metadata_comes_from_its_text(tmp_path):
    meta = load_document(write_pdf(tmp_path / "pack.pdf", PAGES), 10**9).meta
    assert (meta.committee, meta.meeting_date, meta.title) == ("Children's Services Committee", "2018-07-10", "Performance Monitoring")


def test_pdf_table_is_read_as_whole_rows(tmp_path, embedder):
    path = write_pdf(tmp_path / "table.pdf", PAGES, first_page_number=5, table=TABLE, table_page=1)
    document = load_document(path, 10**9)
    tables = [block for block in parse_blocks(document) if block.kind == "table"]
    assert len(tables) == 1
    assert [line.split("\t") for _, line in tables[0].lines] == TABLE
    assert tables[0].page == "6"
    chunks = chunk_document(document, embedder.count_tokens)
    table_chunk = next(chunk for chunk in chunks if chunk.kind == "table")
    assert table_chunk.text.split("\n") == ["\t".join(row) for row in TABLE]
    assert table_chunk.page == "6"
    assert table_chunk.heading_path[-1] == "1. Placement stability"
