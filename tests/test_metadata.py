"""Document metadata inferred from the five real papers, and the sidecar that overrides it."""

import json
import shutil

import pytest

from assistant.loaders import load_document

from conftest import CORPUS

EXPECTED = [
    ("norfolk_2014-11-20_childrens-services-committee-supplementary.txt",
     "Norfolk", "Children's Services Committee", "2014-11-20", "agenda pack", "Supplementary agenda"),
    ("norfolk_2018-07-10_childrens-services-committee.txt",
     "Norfolk", "Children's Services Committee", "2018-07-10", "agenda pack", "Agenda"),
    ("norfolk_2020-12-02_childrens-services-scrutiny-sub-committee.txt",
     "Norfolk", "Children's Services Scrutiny Sub Committee", "2020-12-02", "agenda pack", "Agenda"),
    ("northumberland_2019-06-06_family-and-children-overview-scrutiny.txt",
     "Northumberland", "Family and Children Overview and Scrutiny Committee", "2019-06-06", "report",
     "Review of the corporate parenting strategy and work plan"),
    ("north-somerset_2022-03-10_children-young-people-policy-scrutiny-panel.txt",
     "North Somerset", "Children & Young People Policy & Scrutiny Panel", "2022-03-10", "report",
     "Family Support & Safeguarding Update"),
]


@pytest.mark.parametrize("name,council,committee,date,kind,title", EXPECTED)
def test_metadata_of_each_corpus_paper(name, council, committee, date, kind, title):
    meta = load_document(CORPUS / name, 10**9).meta
    assert (meta.council, meta.committee, meta.meeting_date, meta.document_type) == (council, committee, date, kind)
    assert meta.title.startswith(title)


def test_sidecar_overrides_inferred_fields(tmp_path):
    name = EXPECTED[3][0]
    shutil.copy(CORPUS / name, tmp_path / name)
    before = load_document(tmp_path / name, 10**9)
    sidecar = {"committee": "Family and Children's Services Overview and Scrutiny Committee",
               "meeting_date": "6 June 2019", "document_type": "report"}
    (tmp_path / name.replace(".txt", ".meta.json")).write_text(json.dumps(sidecar))
    after = load_document(tmp_path / name, 10**9)
    assert after.meta.committee == sidecar["committee"]
    assert after.meta.meeting_date == "2019-06-06"
    assert after.meta.council == "Northumberland"  # not overridden, still inferred
    assert after.sha256 != before.sha256  # a sidecar change re-indexes the paper


def test_sidecar_with_unknown_field_is_refused(tmp_path):
    from assistant.loaders import LoadError

    name = EXPECTED[4][0]
    shutil.copy(CORPUS / name, tmp_path / name)
    (tmp_path / (name + ".meta.json")).write_text(json.dumps({"councillor": "x"}))
    with pytest.raises(LoadError, match="unknown field"):
        load_document(tmp_path / name, 10**9)
