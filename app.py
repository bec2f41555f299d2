"""The chat UI: `streamlit run app.py`. Ask about the committee papers; every answer shows its
numbered sources (with the quoted passage and the text around it) and, for figures, a chart of
the indicator with its benchmarks and a table of the values with their sources."""

from __future__ import annotations

import re
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from assistant.assistant import Assistant
from assistant.config import Settings
from assistant.search import Filters
from assistant.briefing import brief
from assistant.ui import current_assistant
from assistant.uploads import add_papers, safe_name

EXAMPLES = [
    "How has placement stability changed in Norfolk?",
    "and in Northumberland?",
    "Are we better than our statistical neighbours on care leavers in education or work?",
    "What did the committee decide about health assessments?",
    "What is the forecast overspend on legal costs?",
]
_BENCHMARK_LABELS = {"england": "England", "statistical_neighbours": "statistical neighbours", "region": "region",
                     "target": "target"}


def main() -> None:
    st.set_page_config(page_title="Committee papers assistant", layout="wide")
    settings = Settings.from_env()
    assistant = current_assistant()
    st.session_state.setdefault("turns", [])
    filters = sidebar(assistant, settings)

    st.title("Committee papers assistant")
    st.caption("Answers from councils' committee papers and official statistics. Every figure is cited.")
    if st.session_state.get("briefing"):
        with st.expander(f"Briefing: {st.session_state.briefing[0]}", expanded=True):
            for series in st.session_state.get("briefing_charts", []):
                chart = indicator_chart(series, None)
                if chart is not None:
                    st.altair_chart(chart, width="stretch")
            preview = re.sub(r"```vega-lite\n.*?\n```\n", "", st.session_state.briefing[1], flags=re.DOTALL)
            st.markdown(preview.split("## References")[0])
    for turn in st.session_state.turns:
        show_turn(turn, assistant)
    question = st.chat_input("Ask about the papers, e.g. how has placement stability changed?")
    question = question or st.session_state.pop("example", None)
    if question:
        history = [{"question": t["question"], "context": t["answer"].context} for t in st.session_state.turns]
        with st.spinner("Reading the papers…"):
            answer = assistant.ask(question, history=history, filters=filters,
                                   use_llm=st.session_state.get("use_llm", True))
        turn = {"question": question, "answer": answer}
        st.session_state.turns.append(turn)
        show_turn(turn, assistant)


def sidebar(assistant: Assistant, settings: Settings) -> Filters:
    """Corpus status, filters for the answers, example questions, and the LLM in use."""
    with st.sidebar:
        st.header("The papers")
        documents = assistant.documents
        info = assistant.tools.store.info()
        chunks = sum(record.chunks for record in assistant.index.documents().values())
        st.markdown(f"**{len(documents)} documents**, {chunks} passages, {info['values']} figures from "
                    f"{info['tables']} tables and prose, {info['official_values']} official statistics")
        last = assistant.index.info().get("last_ingest", "never")
        st.caption(f"Last ingest: {last}")
        st.subheader("Filters")
        councils = sorted({m.get("council") for m in documents.values() if m.get("council")})
        council = st.selectbox("Council", ["All councils"] + councils)
        committees = sorted({m.get("committee") for m in documents.values() if m.get("committee")})
        committee = st.selectbox("Committee", ["All committees"] + committees)
        names = sorted(documents)
        document = st.selectbox("Document", ["All documents"] + names)
        dates = sorted(m.get("meeting_date") for m in documents.values() if m.get("meeting_date"))
        since = until = None
        if dates:
            first, last_date = pd.Timestamp(dates[0]).date(), pd.Timestamp(dates[-1]).date()
            chosen = st.date_input("Meetings between", (first, last_date), min_value=first, max_value=last_date)
            if isinstance(chosen, tuple) and len(chosen) == 2:
                since, until = chosen[0].isoformat(), chosen[1].isoformat()
        st.subheader("Add papers")
        uploaded = st.file_uploader("PDF, text, Markdown or HTML", type=["pdf", "txt", "md", "html", "htm"],
                                    accept_multiple_files=True)
        if uploaded and st.button("Add to the papers"):
            add_uploads(assistant, uploaded)
        st.subheader("Briefing")
        topic = st.text_input("Topic", placeholder="placement stability")
        if topic and st.button("Prepare the briefing"):
            chosen = None if council == "All councils" else council
            with st.spinner("Preparing the briefing…"):
                prepared = brief(assistant, topic, chosen)
                st.session_state.briefing = (topic, prepared.markdown())
                st.session_state.briefing_charts = prepared.chart
        if st.session_state.get("briefing"):
            name, text = st.session_state.briefing
            st.download_button("Download the briefing (Markdown)", text, file_name=f"briefing-{safe_name(name)}.md",
                               mime="text/markdown")
        if st.session_state.turns:
            st.download_button("Export the conversation (Markdown)", conversation_markdown(st.session_state.turns),
                               file_name="conversation.md", mime="text/markdown")
        st.subheader("Try")
        for example in EXAMPLES:
            if st.button(example, key=f"example-{example}"):
                st.session_state.example = example
        if assistant.llm is not None:
            st.session_state.use_llm = st.toggle(f"Let {assistant.llm.name} write the answers", value=True,
                                                 help="Its numbers are checked against the sources; "
                                                      "off: answers are composed from the papers directly.")
        else:
            st.caption("Answers composed from the papers directly (no LLM).")
        if st.button("Clear the conversation"):
            st.session_state.turns = []
    return Filters(council=None if council == "All councils" else council,
                   committee=None if committee == "All committees" else committee,
                   document=None if document == "All documents" else document, since=since, until=until)


def conversation_markdown(turns: list[dict]) -> str:
    """The conversation so far, each answer with its numbered sources."""
    lines = ["# Conversation with the committee papers assistant", ""]
    for turn in turns:
        answer = turn["answer"]
        lines += [f"## {turn['question']}", "", answer.text, ""]
        lines += [f"{c.n}. {c.document} ({c.location}): \"{c.quote}\""
                  for c in answer.citations] + [""]
    return "\n".join(lines)


def add_uploads(assistant: Assistant, uploaded) -> None:
    """Ingest uploaded files with a progress bar; each failure is told plainly, the rest go in."""
    bar = st.progress(0.0, text="Reading the papers…")
    outcomes = add_papers(assistant, [(file.name, file.getvalue()) for file in uploaded],
                          on_progress=lambda done, total, name: bar.progress(done / total, text=name or "Done"))
    for outcome in outcomes:
        if outcome.status == "failed":
            st.error(f"{outcome.path}: {outcome.reason}")
        else:
            st.success(f"{outcome.path}: {outcome.status} ({outcome.chunks} passages, {outcome.tables} tables)")


def show_turn(turn: dict, assistant: Assistant) -> None:
    answer = turn["answer"]
    with st.chat_message("user"):
        st.markdown(turn["question"])
    with st.chat_message("assistant"):
        if not answer.answerable:
            st.warning(answer.text)
            return
        st.markdown(answer.text.replace("\n", "  \n"))
        for series in answer.chart:
            chart = indicator_chart(series, answer)
            if chart is not None:
                st.altair_chart(chart, width="stretch")
        if answer.values:
            with st.expander(f"The {len(answer.values)} figures and their sources"):
                st.dataframe(values_table(answer), hide_index=True, width="stretch")
        st.markdown("**Sources**")
        for citation in answer.citations:
            show_citation(citation, assistant)


def indicator_chart(series: dict, answer) -> alt.Chart | None:
    """The indicator's values over time, papers and official statistics apart, with its
    benchmark and target lines as the answer states them."""
    points = pd.DataFrame([p for p in series["points"] if p["value"] is not None])
    if len(points) < 2:
        return None
    points["when"] = pd.to_datetime(points["period_end"])
    points["from"] = points["source"].map({"table": "committee papers", "prose": "committee papers",
                                           "official": "official statistics"})
    title = f"{series['council']}: {series['name']}"
    lines = alt.Chart(points).mark_line(point=True).encode(
        x=alt.X("when:T", title=None), y=alt.Y("value:Q", title=series.get("unit") or ""),
        color=alt.Color("from:N", title=None),
        tooltip=["period", "value", "document"]).properties(title=title, height=260)
    rules = [{"benchmark": _BENCHMARK_LABELS[v.measure], "value": v.value} for v in (answer.values if answer else [])
             if v.indicator == series["indicator"] and v.council in (series["council"], "England") and v.measure
             in _BENCHMARK_LABELS and v.value is not None]
    if not rules:
        return lines
    marks = alt.Chart(pd.DataFrame(rules).drop_duplicates()).mark_rule(strokeDash=[4, 4]).encode(
        y="value:Q", color=alt.Color("benchmark:N", title=None), tooltip=["benchmark", "value"])
    return lines + marks


def values_table(answer) -> pd.DataFrame:
    citations = {c.n: c for c in answer.citations}
    rows = []
    for value in answer.values:
        citation = citations.get(value.citation)
        rows.append({"council": value.council, "indicator": value.label, "period": value.period,
                     "measure": value.measure, "value": value.value, "unit": value.unit,
                     "source": f"[{value.citation}] {citation.document if citation else ''}"})
    return pd.DataFrame(rows)


def show_citation(citation, assistant: Assistant) -> None:
    context = ", ".join(c for c in (citation.council, citation.committee, citation.meeting_date) if c)
    title = assistant.documents.get(citation.document, {}).get("title")
    st.markdown(f"**[{citation.n}]** {title + ' — ' if title else ''}{citation.document} ({citation.location})"
                f"{' · ' + context if context else ''}")
    if citation.section:
        st.caption(citation.section)
    st.markdown(f"> :orange-background[{citation.quote}]")
    around = text_around(citation, assistant.paths)
    if around:
        with st.expander("Read the text around it"):
            st.text(around)


def text_around(citation, paths: dict[str, str], margin: int = 6) -> str | None:
    """The cited lines of a text paper with a few lines either side (PDF pages are cited by page)."""
    path = Path(paths.get(citation.document, ""))
    if not citation.document or not path.is_file() or path.suffix.lower() not in (".txt", ".md") or not citation.lines:
        return None
    first, _, last = citation.lines.partition("-")
    lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    start, end = max(0, int(first) - 1 - margin), min(len(lines), int(last or first) + margin)
    return "\n".join(lines[start:end])


main()
