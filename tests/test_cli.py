"""The command line: status and search over the ingested corpus."""

from assistant.cli import main


def test_status_and_search_print_what_a_user_needs(corpus_index, capsys):
    settings, _, _, _ = corpus_index
    assert main(["--index-dir", str(settings.index_dir), "status"]) == 0
    out = capsys.readouterr().out
    assert "documents: 5" in out and "model: all-MiniLM-L6-v2" in out and "last ingest: 20" in out
    assert "North Somerset | Children & Young People Policy & Scrutiny Panel | 2022-03-10 | report" in out
    assert main(["--index-dir", str(settings.index_dir), "search", "elected chair", "-k", "2",
                 "--council", "Norfolk", "--since", "2020"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. norfolk_2020-12-02_childrens-services-scrutiny-sub-committee.txt (lines ")
    assert "section: Minutes of the meeting held on 7 October 2020" in out


def test_search_on_an_empty_index_says_to_ingest(tmp_path, capsys):
    assert main(["--index-dir", str(tmp_path / "empty"), "search", "placement stability"]) == 1
    assert "run `assistant ingest` first" in capsys.readouterr().err
