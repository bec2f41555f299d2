"""Indicator explorer: browse the indicators a council reports, see a series with its sources,
and compare councils (official statistics) or benchmarks on one indicator."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from assistant.ui import current_assistant

st.set_page_config(page_title="Indicator explorer", layout="wide")
assistant = current_assistant()
tools = assistant.tools
values = tools.store.values()
st.title("Indicator explorer")

councils = sorted(set(values[values["source"] != "official"]["council"].dropna()))
council = st.selectbox("Council", councils)
held = values[(values["council"] == council) & values["indicator"].notna()]
indicators = [i for i in tools.catalogue.indicators if i.id in set(held["indicator"])]
indicator = st.selectbox("Indicator", indicators, format_func=lambda i: f"{i.name} ({i.id})")
if indicator is None:
    st.info("No catalogue indicator has values for this council.")
    st.stop()
st.caption(f"{indicator.definition} Unit: {indicator.unit}. "
           + {"higher": "Higher is better.", "lower": "Lower is better."}.get(indicator.polarity, ""))

measures = ["value"] + [m for m in ("target", "england", "statistical_neighbours", "region")
                        if not tools.series(indicator.id, council, measure=m).empty]
series = pd.concat([tools.series(indicator.id, council, measure=m) for m in measures], ignore_index=True)
series = series[series["value"].notna()]
if series.empty:
    st.info("No usable values (suppressed or suspect values are not charted).")
    st.stop()
series["when"] = pd.to_datetime(series["period_end"])
st.subheader(f"{council}: {indicator.name}")
st.altair_chart(alt.Chart(series).mark_line(point=True).encode(
    x=alt.X("when:T", title=None), y=alt.Y("value:Q", title=indicator.unit),
    color=alt.Color("measure:N", title=None), strokeDash="source:N",
    tooltip=["period", "measure", "value", "document", "line"]).properties(height=320), width="stretch")
st.dataframe(series[["period", "measure", "value", "unit", "source", "document", "page", "line", "quote"]],
             hide_index=True, width="stretch")

st.subheader("Compare councils (official statistics)")
official = values[(values["indicator"] == indicator.id) & (values["source"] == "official")
                  & (values["status"] == "ok") & (values["measure"] == "value")]
if official.empty:
    st.caption("No official statistics are loaded for this indicator (`assistant ingest --statistics DIR`).")
else:
    names = sorted(set(official["council"]))
    chosen = st.multiselect("Councils", names, default=[c for c in [council, "England"] if c in names])
    picked = official[official["council"].isin(chosen)].assign(when=lambda f: pd.to_datetime(f["period_end"]))
    st.altair_chart(alt.Chart(picked).mark_line(point=True).encode(
        x=alt.X("when:T", title=None), y=alt.Y("value:Q", title=indicator.unit), color=alt.Color("council:N", title=None),
        tooltip=["council", "period", "value", "document", "line"]).properties(height=300), width="stretch")
