"""Agenda items, report titles and heading paths read from the real agenda packs."""

from assistant.loaders import load_document
from assistant.structure import parse_blocks

from conftest import CORPUS


def _block_at(blocks, text):
    return next(block for block in blocks if text in block.text)


def test_reports_in_a_pack_get_their_agenda_numbers():
    blocks = parse_blocks(load_document(CORPUS / "norfolk_2018-07-10_childrens-services-committee.txt", 10**9))
    budget = _block_at(blocks, "Forecast Revenue Outturn General Fund")
    assert (budget.agenda_item, budget.report_title) == ("9", "Revenue Budget Monitoring Month 2")
    mash = _block_at(blocks, "establish a team of senior experienced Social Workers")
    assert mash.agenda_item == "15"
    minutes = _block_at(blocks, "Council Tax Exemption for Care Leavers")
    assert minutes.agenda_item == "3"
    assert minutes.report_title == "Minutes of the meeting held on 22 May 2018"


def test_item_number_printed_on_the_report_wins():
    blocks = parse_blocks(load_document(CORPUS / "norfolk_2020-12-02_childrens-services-scrutiny-sub-committee.txt", 10**9))
    block = _block_at(blocks, "No Wrong Door model in Norfolk")
    assert block.agenda_item == "5"
    assert block.agenda_title.startswith("Performance in Children's Services: Edge of Care")


def test_heading_path_follows_numbered_headings():
    blocks = parse_blocks(load_document(CORPUS / "norfolk_2020-12-02_childrens-services-scrutiny-sub-committee.txt", 10**9))
    block = _block_at(blocks, "That Cllr Roy Brame be elected Chair")
    assert block.heading_path[0] == "Minutes of the meeting held on 7 October 2020"
    assert "2. Election of Chair" in block.heading_path


def test_tables_are_whole_blocks_with_their_rows():
    blocks = parse_blocks(load_document(CORPUS / "norfolk_2018-07-10_childrens-services-committee.txt", 10**9))
    exclusions = _block_at(blocks, "Phase\tAut 15-16")
    assert exclusions.kind == "table"
    assert [line.split("\t")[0] for _, line in exclusions.lines] == ["Phase", "Primary", "Secondary", "Other", "Grand Total"]


def test_a_numbered_list_under_its_introduction_is_no_run_of_headings():
    blocks = parse_blocks(load_document(CORPUS / "norfolk_2014-11-20_childrens-services-committee-supplementary.txt", 10**9))
    approve = _block_at(blocks, "4. Approve the indicative timetable")
    assert approve.kind == "paragraph"
    assert not any(part.startswith(("2. Note", "3. Endorse")) for part in approve.heading_path)
    proposal = _block_at(blocks, "1. Proposal (or options)")  # the numbering starts again: a heading
    assert proposal.kind == "heading"


def test_the_first_item_of_a_list_announced_by_a_colon_is_no_heading():
    blocks = parse_blocks(load_document(CORPUS / "norfolk_2020-12-02_childrens-services-scrutiny-sub-committee.txt", 10**9))
    first = _block_at(blocks, "1. A prevalence of adolescents coming into care")
    assert first.kind == "paragraph"
    assert first.heading_path[-1] == "5 Next steps and Further Strengthening Our Offer"
    fourth = _block_at(blocks, "4. Responding to the needs of families where substance misuse")
    assert not any(part.startswith("1. A prevalence") for part in fourth.heading_path)
