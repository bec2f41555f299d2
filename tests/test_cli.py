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


def test_indicators_commands_show_series_with_sources(corpus_index, capsys):
    from conftest import CORPUS, STATISTICS

    settings = corpus_index[0]
    index = ["--index-dir", str(settings.index_dir)]
    assert main(index + ["ingest", str(CORPUS), "--quiet", "--statistics", str(STATISTICS)]) == 0
    out = capsys.readouterr().out
    assert "5 unchanged" in out and "statistics: 7 files" in out and "neighbour groupings for 15" in out
    assert main(index + ["indicators", "show", "placement stability", "--council", "Norfolk"]) == 0
    out = capsys.readouterr().out
    assert "Children in care with 3 or more placements in the year (%) (placement_stability_short)" in out
    assert "2018-04           11.5%  norfolk_2018-07-10_childrens-services-committee.txt line 880" in out
    assert "la_cla_placement_stability.csv line" in out
    assert main(index + ["indicators", "show", "Number of children subject to a Permanent Exclusion",
                         "--council", "Norfolk"]) == 0
    assert "7100.0%  not used: suspect" in capsys.readouterr().out
    assert main(index + ["indicators", "list", "--council", "North Somerset"]) == 0
    assert "care_leavers_eet" in capsys.readouterr().out
    assert main(index + ["indicators", "tables", "norfolk_2020"]) == 0
    out = capsys.readouterr().out
    table_id = next(line.split()[0] for line in out.splitlines() if "LAC at 31 March" in line or "Children looked after" in line)
    assert main(index + ["indicators", "tables", "norfolk_2020", "--show", table_id]) == 0
    assert "England / 2018-19" in capsys.readouterr().out


def test_statistics_from_a_missing_folder_fail_plainly(corpus_index, capsys, tmp_path):
    from conftest import CORPUS

    settings = corpus_index[0]
    assert main(["--index-dir", str(settings.index_dir), "ingest", str(CORPUS), "--quiet",
                 "--statistics", str(tmp_path / "nowhere")]) == 1
    assert "not a folder of statistics files" in capsys.readouterr().err
