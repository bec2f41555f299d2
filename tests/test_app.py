"""The Streamlit chat UI, driven headless by streamlit's AppTest over the real corpus."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from conftest import ROOT


def _app(corpus_index, monkeypatch) -> AppTest:
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(corpus_index[0].index_dir))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    app.run()
    assert not app.exception
    return app


def test_a_conversation_with_citations_charts_and_a_follow_up(corpus_index, indicator_tools, monkeypatch):
    app = _app(corpus_index, monkeypatch)
    assert "5 documents" in app.sidebar.markdown[0].value
    app.chat_input[0].set_value("How has placement stability changed in Norfolk?").run()
    assert not app.exception
    said = " ".join(m.value for m in app.markdown)
    assert "11.5% in April 2018" in said
    assert "norfolk_2018-07-10_childrens-services-committee.txt" in said, "the sources are listed"
    assert app.get("vega_lite_chart"), "a chart of the indicator"
    assert app.session_state.turns[0]["answer"].chart[0]["points"]
    app.chat_input[0].set_value("and in Northumberland?").run()
    latest = app.session_state.turns[-1]["answer"]
    assert {v.council for v in latest.values if v.measure == "value"} == {"Northumberland"}
    assert len(app.chat_message) == 4, "both turns stay on the page"
    app.sidebar.text_input[0].input("placement stability").run()
    next(b for b in app.sidebar.button if b.label == "Prepare the briefing").click().run()
    topic, briefing = app.session_state.briefing
    assert topic == "placement stability" and "## Questions a member might ask" in briefing
    assert "```vega-lite" in briefing and app.session_state.briefing_charts, "the briefing carries its chart"


def test_the_not_found_message_and_filters(corpus_index, indicator_tools, monkeypatch):
    app = _app(corpus_index, monkeypatch)
    app.chat_input[0].set_value("What did the committee say about potholes on the A47?").run()
    assert "Norfolk, North Somerset, Northumberland" in app.warning[0].value
    app.sidebar.selectbox[0].select("North Somerset").run()
    app.chat_input[0].set_value("How has placement stability changed?").run()
    latest = app.session_state.turns[-1]["answer"]
    assert {v.council for v in latest.values if v.measure == "value"} == {"North Somerset"}, "the council filter applies"


def test_the_indicator_explorer_shows_a_series_with_sources_and_compares_councils(corpus_index, indicator_tools,
                                                                                   monkeypatch):
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(corpus_index[0].index_dir))
    page = AppTest.from_file(str(ROOT / "pages" / "indicator_explorer.py"), default_timeout=180)
    page.run()
    assert not page.exception
    page.selectbox[0].select("Norfolk").run()
    short = next(option for option in page.selectbox[1].options if "placement_stability_short" in option)
    page.selectbox[1].select(short).run()
    table = page.dataframe[0].value
    assert {"value", "statistical_neighbours"} <= set(table["measure"])
    assert 11.5 in set(table[table["period"] == "2018-04"]["value"])
    assert "la_cla_placement_stability.csv" in set(table["document"])
    assert set(page.multiselect[0].value) == {"Norfolk", "England"}
    assert len(page.get("vega_lite_chart")) == 2
