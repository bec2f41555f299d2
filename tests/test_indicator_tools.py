"""The numeric tools over the real corpus and the official statistics."""

from __future__ import annotations

import csv
import statistics

import pytest

from assistant.statistics import load_statistics
from assistant.store import IndicatorStore
from assistant.tools import IndicatorError

from conftest import STATISTICS

SHORT = "placement_stability_short"


def test_short_term_placement_stability_worsened_from_january_to_april_2018(indicator_tools):
    change = indicator_tools.change(SHORT, "Norfolk", "Jan 2018", "Apr 2018")
    assert (change.start["value"], change.start["period"]) == (10.7, "2018-01")
    assert (change.end["value"], change.end["period"]) == (11.5, "2018-04")
    assert change.difference == pytest.approx(0.8)
    assert change.relative == pytest.approx(0.8 / 10.7)
    assert (change.polarity, change.direction) == ("lower", "worse")
    assert change.end["document"] == "norfolk_2018-07-10_childrens-services-committee.txt"
    assert change.end["line"] and change.end["quote"]


def test_compare_april_2018_with_the_benchmarks_printed_beside_it(indicator_tools):
    comparison = indicator_tools.compare(SHORT, "Norfolk", "Apr 2018")
    assert comparison.value["value"] == 11.5
    printed = {b["kind"]: b for b in comparison.benchmarks}
    assert printed["statistical_neighbours"]["value"] == 10.4
    assert printed["england"]["value"] == 10.0
    assert printed["target"]["value"] == 11.0 and "same period" in printed["target"]["basis"]
    assert all(b["source"]["document"] for b in comparison.benchmarks)


def _official(path, council_code=None):
    """Placement stability (3+ placements) from the DfE file, read here with the csv module."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle)
                if row["placement_stability"] == "With 3 or more placements during the year"
                and row["geographic_level"] == "Local authority"]
    return rows


def test_compare_with_official_statistics_gives_neighbours_mean_and_median(indicator_tools):
    rows = _official(STATISTICS / "la_cla_placement_stability.csv")
    latest = max(row["time_period"] for row in rows)
    norfolk = next(row for row in rows if row["la_name"] == "Norfolk" and row["time_period"] == latest)
    with open(STATISTICS / "New_Statistical_Neighbour_Groupings_April_2021.csv", encoding="utf-8-sig") as handle:
        groups = list(csv.reader(handle))
    header = groups[0]
    line = next(g for g in groups[1:] if g[1] == "Norfolk")
    codes = {line[header.index(f"SN{n}")] for n in range(1, 11)}
    neighbours = [float(row["children_percent"]) for row in rows
                  if row["time_period"] == latest and row["old_la_code"] in codes and row["children_percent"].replace(".", "").isdigit()]

    comparison = indicator_tools.compare(SHORT, "Norfolk")
    assert comparison.value["value"] == float(norfolk["children_percent"])
    assert comparison.value["source"] == "official" and comparison.value["document"] == "la_cla_placement_stability.csv"
    by_kind = {b["kind"]: b for b in comparison.benchmarks}
    group = by_kind["statistical_neighbours"]
    assert group["value"] == pytest.approx(statistics.mean(neighbours), abs=0.01)
    assert group["median"] == pytest.approx(statistics.median(neighbours))
    assert "mean of" in group["basis"] and "median" in group["basis"]
    assert by_kind["england"]["basis"] == "official statistics"
    assert "East of England" in by_kind["region"]["basis"]
    assert 1 <= comparison.rank <= comparison.of and comparison.quartile in (1, 2, 3, 4)
    assert comparison.of > 140
    # the number of children looked after has no better direction: a rank would say nothing ("1 = best")
    assert indicator_tools.compare("cla_number", "Norfolk").rank is None


def test_series_keeps_both_sources_and_marks_disagreement(indicator_tools):
    series = indicator_tools.series(SHORT, "Norfolk")
    meeting = series[series["period"] == "2018-07-10"]
    assert {11.5, 11.0} <= set(meeting["value"]), "the benchmark table's 11.5% and the report's 11%"
    assert meeting["conflict"].all()
    assert {"table", "prose", "official"} <= set(series["source"])
    assert list(series["period_end"]) == sorted(series["period_end"])


def test_suspect_and_suppressed_values_are_never_used(indicator_tools):
    values = indicator_tools.store.values()
    typo = values[values["value_text"] == "7100.0%"]
    assert list(typo["status"]) == ["suspect"]
    label = typo["label"].iloc[0]
    assert 7100.0 not in set(indicator_tools.series(label, "Norfolk")["value"])
    assert any(row["value_text"] == "7100.0%" for row in indicator_tools.unusable(label, "Norfolk"))


def test_find_indicators_understands_the_words_people_use(indicator_tools):
    assert indicator_tools.find_indicators("care leavers in work or education")[0].id == "care_leavers_eet"
    assert indicator_tools.find_indicators("3 or more placement moves")[0].id == SHORT
    assert indicator_tools.find_indicators("how many children in care")[0].id == "cla_number"
    legal = indicator_tools.find_indicators("legal costs", council="Norfolk")
    assert any(match.id == "Legal costs" and match.how != "catalogue words" for match in legal), \
        "a label outside the catalogue is found by its own text"
    broad = {match.id: match for match in indicator_tools.find_indicators("placement stability")}
    assert {"placement_stability", "placement_stability_short", "placement_stability_long"} <= set(broad)
    assert broad["placement_stability_short"].how == "part of placement stability"
    assert {"Norfolk", "North Somerset", "Northumberland"} <= set(broad["placement_stability_short"].councils)


def test_table_gives_a_whole_table_with_merged_headers(indicator_tools):
    tables = indicator_tools.store.tables("norfolk_2018-07-10")
    mi_report = next(t for t in tables if t.header and t.header[0][:3] == ["Area", "Ref", "Indicator"]
                     and any("9.2" in row for row in t.rows))
    frame = indicator_tools.table(mi_report.id)
    assert {"Last four months / Jan-18", "Latest benchmarking / Stat neigh avg", "line"} <= set(frame.columns)
    row = frame[frame["Ref"] == "9.2"].iloc[0]
    assert row["Latest benchmarking / Stat neigh avg"] == "10.4%" and row["Last four months / Apr-18"] == "11.5%"
    with pytest.raises(IndicatorError):
        indicator_tools.table("no-such-table")


def test_tools_say_what_the_store_holds_when_asked_for_what_it_does_not(indicator_tools):
    with pytest.raises(IndicatorError, match="papers report it for Norfolk, North Somerset"):
        indicator_tools.change(SHORT, "Gotham")
    with pytest.raises(IndicatorError, match="periods held"):
        indicator_tools.compare(SHORT, "Norfolk", "Apr 2009")


def test_the_same_tools_as_langchain_tools(indicator_tools):
    tools = {tool.name: tool for tool in indicator_tools.as_langchain_tools()}
    assert set(tools) == {"find_indicators", "series", "change", "compare", "largest_rows"}
    ceases = tools["largest_rows"].invoke({"things": "cease reason", "topic": "children leaving care", "council": "Norfolk"})
    assert ceases[0]["label"].startswith("E8 - CLA ceased for any other reason") and ceases[0]["value"] == 129
    assert ceases[0]["document"] and ceases[0]["quote"] and not any("Grand Total" in row["label"] for row in ceases)
    result = tools["change"].invoke({"indicator": SHORT, "council": "Norfolk", "start": "Jan 2018", "end": "Apr 2018"})
    assert result["direction"] == "worse" and result["end"]["value"] == 11.5
    series = tools["series"].invoke({"indicator": SHORT, "council": "Norfolk", "start": "Jan 2018", "end": "Apr 2018"})
    assert all(row["document"] and row["quote"] for row in series)


def test_one_generic_loader_reads_any_tidy_file_and_reports_others(tmp_path):
    (tmp_path / "adoption_timeliness.csv").write_text(
        "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
        "old_la_code,new_la_code,la_name,age_group,days_to_placement,children_count\n"
        "202324,Financial year,National,E92000001,England,,,,,,All,480,2900\n"
        "202324,Financial year,Local authority,E92000001,England,E12000006,East of England,926,E10000020,Norfolk,All,x,c\n"
        "202324,Financial year,Local authority,E92000001,England,E12000006,East of England,926,E10000020,Norfolk,Under 1,410,12\n",
        encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    loaded = load_statistics(tmp_path)
    assert loaded.files == ["adoption_timeliness.csv"]
    assert loaded.problems and loaded.problems[0].startswith("notes.csv")
    values = loaded.values
    norfolk = values[(values["council"] == "Norfolk") & values["label"].str.contains("age_group: All")]
    assert set(norfolk["status"]) == {"suppressed"} and norfolk["value"].isna().all()
    under_one = values[(values["council"] == "Norfolk") & values["label"].str.startswith("days_to_placement | age_group: Under 1")]
    assert list(under_one["value"]) == [410] and list(under_one["period"]) == ["2023-24"]
    assert set(values[values["council"] == "England"]["geography"]) == {"national"}


def test_store_reads_an_unchanged_paper_once_and_forgets_deleted_ones(make_settings, papers, embedder):
    from assistant.ingest import Ingester

    settings = make_settings()
    Ingester(settings, embedder=embedder, echo=lambda *_: None).run([papers], progress=False)
    store = IndicatorStore(settings)
    files = sorted((store.folder / "documents").glob("*.parquet"))
    assert len(files) == 2
    stamps = [f.stat().st_mtime_ns for f in files]
    Ingester(settings, embedder=embedder, echo=lambda *_: None).run([papers], progress=False)
    assert [f.stat().st_mtime_ns for f in files] == stamps, "unchanged papers are not read again"
    (papers / "northumberland_2019-06-06_family-and-children-overview-scrutiny.txt").unlink()
    Ingester(settings, embedder=embedder, echo=lambda *_: None).run([papers], progress=False)
    store = IndicatorStore(settings)
    assert set(store.values()["council"]) == {"North Somerset"}
    assert len(list((store.folder / "documents").glob("*.parquet"))) == 1


def test_a_changed_catalogue_maps_unchanged_papers_again(make_settings, papers, embedder, monkeypatch):
    import assistant.store as store_module
    from assistant.ingest import Ingester

    settings = make_settings()
    Ingester(settings, embedder=embedder, echo=lambda *_: None).run([papers], progress=False)
    before = sorted(path.name for path in (IndicatorStore(settings).folder / "documents").glob("*.parquet"))
    assert all(store_module._CATALOGUE_HASH in name for name in before)
    monkeypatch.setattr(store_module, "_CATALOGUE_HASH", "0edited0")  # what an edit of catalogue.yaml gives
    Ingester(settings, embedder=embedder, echo=lambda *_: None).run([papers], progress=False)
    store = IndicatorStore(settings)
    after = sorted(path.name for path in (store.folder / "documents").glob("*.parquet"))
    assert len(after) == len(before) == 2 and all("0edited0" in name for name in after), "read again, old files gone"
    assert set(store.values()["council"]) == {"North Somerset", "Northumberland"}


def test_admissions_to_care_are_not_filed_as_the_number_in_care(indicator_tools):
    values = indicator_tools.store.values()
    admissions = values[values["label"] == "Admissions of Looked After Children"]
    assert not admissions.empty
    assert set(admissions["indicator"]) == {"cla_starting_number"}
    in_care = indicator_tools.series("cla_number", "Norfolk", start="Apr 2018", end="Apr 2018")
    assert 1179.0 in set(in_care["value"]) and 25.0 not in set(in_care["value"])


def test_children_returning_home_are_not_filed_with_those_returning_to_care(indicator_tools):
    values = indicator_tools.store.values()
    home = values[values["indicator"] == "lac_returned_home"]
    planned = "Returned home to live with parents or relatives as part of care planning process"
    assert planned in set(home["label"]) and not home["label"].str.contains("not as part").any()
    assert "lac_returning" not in set(values[values["label"] == planned]["indicator"])
    unplanned = values[values["label"].str.startswith("Returned home to live with parents or relatives not as part")]
    assert len(unplanned) and "lac_care_plan" not in set(unplanned["indicator"]), "a care planning process is no care plan"
    series = indicator_tools.series("lac_returned_home", "Northumberland")
    assert list(series["value"]) == [33.0, 40.0]


def test_a_paper_label_is_named_only_by_its_words_in_order_and_in_a_unit_that_fits(indicator_tools):
    from assistant.routing import unit_fits

    assert "Children's Homes" not in indicator_tools.labels_in("children in care placed more than 20 miles from home")
    assert "Children's Homes" in indicator_tools.labels_in("how much do children's homes cost")
    assert "Looked After" not in indicator_tools.labels_in("how many unaccompanied children are looked after"), \
        "a label of words every question says (a row of Leeds figures) is named by none"
    named = indicator_tools.labels_in("placed in independent/non-maintained schools")
    assert "Independent/non maintained schools (including 6 th forms)" in named, "a hyphenated word names two"
    money = indicator_tools.label_units("Primary schools")
    assert money == {"£"}
    assert not unit_fits("How many pupils were on roll at Hemsby Primary School?", money)
    assert unit_fits("What was the budget for primary schools?", money)
    assert not unit_fits("What percentage of children in care live in children's homes?",
                         indicator_tools.label_units("Children's Homes"))
