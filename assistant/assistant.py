"""The Python API: ``Assistant.load()`` owns the indexes and models; ``ask()`` answers a question
with citations. The CLI, the Streamlit app and the evaluation harness are thin shells over it."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from difflib import SequenceMatcher

from .answers import (QUOTE_CHARACTERS, Answer, Citer, Passage, answers_a_part, best_sentences, content_words, excerpt,
                      focus, format_period, format_value, numbers_in, sentences_of, stated,
                      states_a_quantity, undated)
from .catalogue import unit_class, words
from .config import Settings
from .periods import first_day, parse_period, periods_named, term_parts, terms_named
from .routing import Route, quoted_phrases, route, topic_question, unit_fits
from .search import BUDGET_MONTH, Filters, tokenize
from .tools import TOTAL_ROW, WHOLE_ASKED

_BENCHMARK_NAMES = {"statistical_neighbours": "statistical neighbours", "england": "England", "region": "the region",
                    "target": "target", "stat_neighbour_best": "best statistical neighbour",
                    "national_top_quartile": "national top quartile"}
_UNIT_NAMES = {"%": "percentage", "count": "count", "rate": "rate", "£": "sum of money", "days": "number of days"}
MAX_COUNCILS = 3
CLEARLY_CLOSER = 3  # words more of the question a row's label must name to be stated before the latest row's
# "CLA starters" are the table of "Children starting a LAC episode"; "children leaving care", of those who "ceased to be looked after"
_TITLE_WORDS = {"starter": "start", "entrant": "start", "leav": "ceas", "left": "ceas", "stop": "ceas"}
_SECTION_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)+\.?\s+")
_PAPER_WORDS = content_words("performance report reports paper papers pack update review meeting committee dashboard "
                             "tables information")
MIN_RELEVANCE = 1.0  # cross-encoder logit a quoted passage needs (tuned on the gold set's dev part)
SURE_RELEVANCE = 2.5  # above it, the cross-encoder's word is enough; below, the quote must name the topic
QUOTES = 3  # passages an answer quotes at most
MIN_PEAK_PERIODS = 3  # periods a run needs for "which month was highest" to be asked of it
_PEAK_KINDS = {"month": {"month"}, "year": {"year", "financial_year"}, "quarter": {"quarter"}, "term": {"term"}}
STEPS = 6  # figures of a run stated between its first and last, for a question on a trend
PARAGRAPH_LEAD = 45  # words of a quote's paragraph before its sentence that the quote starts with
FEW_QUALIFIERS = 2  # qualifiers a quoted passage must hold all of; of more, it must hold half
MIN_SHARED_WORDS = 8  # a run of words two quotes share that makes them one
MIN_COVERAGE = 0.25  # and the share of the question's words it must hold
_TITLE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")  # "Rapid Response", "Inside Out"
# "in the last 12 months", "during the last quarter": the span before the paper's meeting, in days
_RECENT = re.compile(r"\b(?:in|over|during|for) the (?:last|past|previous) (12 months|twelve months|year|quarter|"
                     r"3 months|three months|6 months|six months)\b", re.IGNORECASE)
_RECENT_DAYS = {"12 months": 365, "twelve months": 365, "year": 365, "quarter": 92, "3 months": 92, "three months": 92,
                "6 months": 183, "six months": 183}
PERIOD_REPORTED_DAYS = 550  # a paper reports on a period up to about eighteen months after it ends
MONTH_REPORTED_DAYS = 120  # and on a month's figures within about four months
# the column "which line has the largest ..." ranks: an overspend, a budget, a balance, else the value
_MEASURES_ASKED = ((re.compile(r"overspend|underspend|variance|pressure", re.IGNORECASE), "variance"),
                   (re.compile(r"\bbudget", re.IGNORECASE), "budget"), (re.compile(r"\bbalance", re.IGNORECASE), "balance"))


class Assistant:
    """Answers questions from the indexed papers and the indicator store."""

    def __init__(self, settings: Settings, index, searcher, tools, llm=None, reranker=None):
        self.settings = settings
        self.llm = llm
        self.reranker = reranker
        self.index = index
        self.searcher = searcher
        self.tools = tools
        self._read_index()

    def _read_index(self) -> None:
        """What the index holds: documents, their files, councils and the newest meeting."""
        self._official: list[str] | None = None
        self._authorities: re.Pattern | None = None
        records = self.index.documents()
        self.documents = {name: record.meta for name, record in records.items()}
        self.paths = {name: record.path for name, record in records.items()}
        self.councils = sorted({meta.get("council") for meta in self.documents.values() if meta.get("council")})
        dates = [meta.get("meeting_date") for meta in self.documents.values() if meta.get("meeting_date")]
        self.newest = date.fromisoformat(max(dates)) if dates else None

    def refresh(self) -> None:
        """Take in what the last ingest changed: documents, keyword index, indicator values."""
        self._read_index()
        self.searcher.refresh()
        self.tools.reset()
        self.tools.papers_words = self.searcher.spelling.words  # an uploaded paper's words are spelt right too

    @classmethod
    def load(cls, settings: Settings | None = None, embedder=None, chat_model=None) -> "Assistant":
        """Open the index and the indicator store, and load the embedding model once. An LLM is
        used when ``chat_model`` is given or ``settings.llm`` names one."""
        from .llm import LLMAnswerer, chat_model_from_config
        from .rerank import CrossEncoder
        from .embeddings import Embedder
        from .index import PaperIndex
        from .search import Searcher
        from .store import IndicatorStore
        from .tools import IndicatorTools

        settings = settings or Settings.from_env()
        embedder = embedder or Embedder(settings.embedding_model, settings.embed_batch_size)
        index = PaperIndex(settings)
        index.check_model(embedder.model_name)
        store = IndicatorStore(settings)
        searcher, tools = Searcher(index, embedder), IndicatorTools(store)
        chat_model = chat_model or chat_model_from_config(settings.llm, settings.llm_base_url, settings.llm_api_key)
        llm = LLMAnswerer(chat_model, tools, searcher, name=settings.llm if settings.llm != "none" else "llm") \
            if chat_model is not None else None
        reranker = CrossEncoder() if settings.rerank_top else None
        assistant = cls(settings, index, searcher, tools, llm, reranker)
        assistant.searcher.search("warm up", k=1)  # load the models and build the keyword index now
        assistant.searcher.spelling.correct("warm up")
        tools.papers_words = assistant.searcher.spelling.words
        assistant.tools.find_indicators("warm up")
        if reranker:
            reranker.score("warm up", ["warm up"])
        return assistant

    # -- the question ------------------------------------------------------------------
    def ask(self, question: str, history: list[dict] | None = None, filters: Filters | None = None,
            use_llm: bool = True) -> Answer:
        """Answer a question; ``history`` holds earlier turns ({"question", "context"}) for follow-ups;
        ``use_llm=False`` keeps a configured LLM out of this answer."""
        started = time.perf_counter()
        previous = self._previous_context(history)
        councils = self.councils + [c for c in self._official_councils() if c not in self.councils]
        meant = self.searcher.spelling.correct(question)  # "independant travel training": independent
        plan = route(meant, self.tools, councils, self.newest, previous)
        if filters and filters.council and not plan.council:
            plan.council = filters.council
        timings = {"route": time.perf_counter() - started}
        citer = Citer(self.documents)
        parts, values, chart, narrative = [], [], [], False
        unreported = self._unreported_month(meant)
        for part in [] if unreported else self._parts(plan):
            said, used, series, quoted = self._compose(meant, part, citer, filters, timings)
            parts, values, chart, narrative = parts + said, values + used, chart + series, narrative or quoted
        answerable = bool(parts)
        text = "\n\n".join(parts) if parts else unreported or self._not_found(plan)
        kind = "none" if not answerable else ("mixed" if values and narrative and len(parts) > 1 else
                                              "numeric" if values else "narrative")
        answer = Answer(question=question, text=text, answerable=answerable, kind=kind, values=values,
                        citations=citer.citations if answerable else [], chart=chart, context=plan.context(),
                        timings=timings, derived=citer.derived, retrieved=citer.retrieved())
        if self.llm is not None and answerable and use_llm:
            answer = self.llm.answer(question, answer, history)
        return answer

    def _parts(self, plan: Route) -> list[Route]:
        """The routes to answer: one per council of the papers when each has its own paper or period."""
        parts = [part for part in plan.parts if part.council in self.councils]
        return parts if len(parts) > 1 else [plan]

    def _compose(self, question: str, plan: Route, citer: Citer, filters: Filters | None, timings: dict):
        """The figures and the papers' words for one route; whether passages were quoted as the answer."""
        parts, values, chart, searches, cited = [], [], [], len(citer.searched), len(citer.citations)
        if plan.peak and plan.indicators:
            sentence, values = self._peak(plan, citer)
            parts = [sentence] if sentence else []
        elif plan.rows_of:
            sentence, values = self._largest(plan, citer)
            parts = [sentence] if sentence else []
        qualified = []  # "referred to Stronger Families": the papers' words on it come before every referral's figures
        if plan.is_numeric and plan.qualifiers and not parts:
            qualified = self._narrative(question, plan, citer, filters, with_numbers=False, holding=plan.qualifiers)
        # "referrals to the Rapid Response service": every referral's figures do not answer for the service named
        named_apart = _service_named(question, plan) is not None
        if plan.is_numeric and not parts and not named_apart:
            step = time.perf_counter()
            kept = citer.mark()
            parts, values, chart = self._numeric(plan, citer)
            if plan.benchmark and not _gives_benchmark(plan.benchmark, values, parts):
                parts, values, chart = [], [], []  # "what is the national average": the council's own figure is no answer
                citer.restore(kept)
            timings["numbers"] = timings.get("numbers", 0) + time.perf_counter() - step
        step = time.perf_counter()
        if parts and not plan.narrative and not qualified:
            parts += self._what_was_said(question, plan, citer)
        narrative = plan.narrative or not parts
        if narrative and not qualified:
            parts += self._narrative(question if not plan.follow_up else self._expand(question, plan), plan,
                                     citer, filters, with_numbers=bool(parts))
        timings["passages"] = timings.get("passages", 0) + time.perf_counter() - step
        citer.looked_at(cited, since=searches)
        return qualified + parts, values, chart, bool(narrative or qualified)

    def _previous_context(self, history: list[dict] | None) -> dict | None:
        if not history:
            return None
        last = history[-1]
        if last.get("context"):
            return last["context"]
        if last.get("question"):  # a history of bare questions: route the last one again
            councils = self.councils
            return route(last["question"], self.tools, councils, self.newest).context()
        return None

    def _official_councils(self) -> list[str]:
        """Councils the official statistics cover (a question may name any of them)."""
        if self._official is None:
            values = self.tools.store.values()
            official = values[values["source"] == "official"]
            self._official = sorted(set(official["council"].dropna()) - {"England"})
        return self._official

    def _of_another_council(self, plan: Route, sentence: str) -> bool:
        """Whether a sentence names local authorities before its first figure, none of them one the
        question asks about ("In East Sussex ... social workers initiated 829 initial assessments"
        does not answer for Norfolk)."""
        if self._authorities is None:
            values = self.tools.store.values()
            names = values.loc[values["geography"] == "local authority", "council"].dropna().unique()
            names = sorted({name.split(",")[0] for name in names if "/" not in name}, key=len, reverse=True)
            self._authorities = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b") if names else re.compile("(?!)")
        asked = [plan.council, *plan.others] if plan.council else []
        text = undated(sentence)
        figure = re.search(r"\d", text)
        before = text[:figure.start()] if figure else text  # "Nationally ... £8,713, the least (Brighton and Hove)"
        named = set(self._authorities.findall(before))  # "Avon & Somerset" is North Somerset's police area; "N Somerset"
        return bool(asked) and bool(named) and not any(name in council or council in name for name in named for council in asked)

    def _expand(self, question: str, plan: Route) -> str:
        """A follow-up spelled out for retrieval: the indicator and council it inherits."""
        names = [self.tools.name(indicator) for indicator in plan.indicators[:1]]
        return " ".join([question] + names + ([plan.council] if plan.council else []))

    # -- numbers -------------------------------------------------------------------------
    def _numeric(self, plan: Route, citer: Citer):
        parts, values, chart = [], [], []
        indicators = self._specific(plan.indicators)
        if plan.area != "county":
            for indicator in indicators[:3]:
                sentence, used = self._locality(indicator, plan, citer)
                if sentence:
                    parts.append(sentence)
                    values += used
            return parts, values, chart
        if "extreme" in plan.numeric and not plan.council:
            for indicator in indicators[:2]:
                sentence, used = self._extreme(indicator, plan, citer)
                if sentence:
                    parts.append(sentence)
                    values += used
            if parts:
                return parts, values, chart
        for indicator in indicators[:3]:
            councils = [plan.council] + plan.others if plan.council else self.tools.series_councils(indicator)[:MAX_COUNCILS]
            for council in councils:
                sentence, used, series = self._describe(indicator, council, plan, citer)
                if sentence:
                    parts.append(sentence)
                    values += used
                    chart.append(series)
        return parts, values, chart

    def _locality(self, indicator: str, plan: Route, citer: Citer):
        """A locality's figures. The papers rate localities (RAG marks) more often than they count
        them, so the marks are given as printed, with the key the table prints."""
        used, pieces = [], []
        if not plan.council:  # a place the papers break no council's figures down by ("the Frome area")
            return None, []
        for measure in ("value", "rag"):
            rows = self.tools.series(indicator, plan.council, area=plan.area, measure=measure,
                                     start=plan.start, end=plan.end).to_dict("records")
            if not rows:
                continue
            row = rows[-1]
            n = citer.cite_value(row)
            used.append(stated(row, n))
            if measure == "value":
                pieces.append(f"{format_value(row)} {self._when(row)} [{n}]")
            else:
                key = row.get("column", "").split(" / ")[0]
                pieces.append(f"rated {row['value_text']} {self._when(row)} (the table's key: {key}) [{n}]")
        if not pieces:
            return None, []
        return f"{plan.area} ({plan.council}), {row['label']}: " + "; ".join(pieces) + ".", used

    def _extreme(self, indicator: str, plan: Route, citer: Citer):
        """Which council is highest and lowest: each council's latest value, same source kind
        and period where the official statistics allow, else each paper's latest."""
        latest = []
        for council in self.councils:
            series = self.tools.series(indicator, council, start=plan.start, end=plan.end)
            if not series.empty:
                official = series[series["source"] == "official"]
                latest.append((official if not official.empty else series).to_dict("records")[-1])
        if len(latest) < 2:
            return None, []
        periods = {row["period"] for row in latest}
        latest.sort(key=lambda row: row["value"], reverse=True)
        used, pieces = [], []
        for row in latest:
            n = citer.cite_value(row)
            used.append(stated(row, n))
            pieces.append(f"{row['council']} {format_value(row)} ({row['period']}) [{n}]")
        name = self._stated_name(indicator, used, citer)
        same = "" if len(periods) == 1 else " (the latest figure for each; the periods differ)"
        polarity = latest[0].get("polarity")
        verdict = {"lower": " - lower is better", "higher": " - higher is better"}.get(polarity, "")
        return (f"{name}, highest first{same}: " + "; ".join(pieces) + f"{verdict}. Of the councils whose papers "
                f"are indexed, {latest[0]['council']} is highest and {latest[-1]['council']} lowest."), used

    def _peak(self, plan: Route, citer: Citer):
        """Which month (year, quarter, term) of an indicator's run was highest or lowest ("which month
        had the most contacts"), and the other extreme: of the longest run one row of a table or paper gives
        of that kind of period (the one naming most of the question), within the period asked when it spans more than one."""
        kind, extreme = plan.peak
        for indicator in self._specific(plan.indicators)[:2]:
            council = plan.council or next(iter(self.tools.series_councils(indicator)), None)
            if council is None:
                continue
            spans = plan.start != plan.end
            rows = self.tools.series(indicator, council, start=plan.start if spans else None, end=plan.end if spans else None)
            rows = rows[(rows["source"] != "official") & rows["period_kind"].isin(_PEAK_KINDS[kind])]
            if rows.empty:
                continue
            run = rows["table_id"].fillna(rows["document"]) + " " + rows["label"]  # one row (or column) of one table
            lengths = rows.groupby(run, sort=False)["period"].nunique()
            asked = content_words(plan.question)  # of the longest, the one naming most of the question ("in FIT Teams")
            longest = max(lengths[lengths == lengths.max()].index,
                          key=lambda key: len(asked & content_words(rows.loc[run == key, "label"].iloc[0])))
            rows = rows[run == longest].drop_duplicates("period")
            if len(rows) < MIN_PEAK_PERIODS:
                continue
            ordered = rows.sort_values("value", ascending=extreme == "lowest", kind="stable").to_dict("records")
            top, other = ordered[0], ordered[-1]
            used, pieces = [], []
            for row in (top, other):
                n = citer.cite_value(row)
                used.append(stated(row, n))
                pieces.append(f"{format_period(row['period'], row.get('period_kind'))}, {format_value(row)} [{n}]")
            first, last = rows.iloc[0], rows.iloc[-1]
            between = f"{format_period(first['period'], first['period_kind'])} to {format_period(last['period'], last['period_kind'])}"
            opposite = "lowest" if extreme == "highest" else "highest"
            return (f"{council}, {top['label']}, {between}: {extreme} in {pieces[0]}; {opposite} in {pieces[1]}.",
                    used)
        return None, []

    def _largest(self, plan: Route, citer: Citer):
        """Which row of a paper's table is largest ("which year group had the most exclusions"),
        and the one after it, as the table prints them."""
        measure = next((measure for pattern, measure in _MEASURES_ASKED if pattern.search(plan.question)), "value")
        rows = self.tools.largest_rows(plan.rows_of, plan.question, plan.council, plan.end, plan.papers, measure)
        if not rows:
            return None, []
        table = self.tools.store.table(rows[0]["table_id"])
        corner = table.corner if table else ""
        used, pieces = [], []
        for row in rows[:2]:
            n = citer.cite_value(row)
            used.append(stated(row, n))
            name = row["row"] or row["label"]
            pieces.append(f"{corner + ' ' if corner and name[:1].isdigit() else ''}{name}, {format_value(row)} [{n}]")
        top = rows[0]
        title = _SECTION_NUMBER.sub("", top["table_title"] or "")  # "2.1.4 Exclusion": the section's number is no figure
        where = " / ".join(filter(None, [title, top.get("ranked") or top["column"]]))  # ranked: groups' column
        printed = set(numbers_in(top.get("quote") or ""))
        if not set(numbers_in(undated(where))) <= printed:  # the answer states no number its source does not print
            where = top["column"] if set(numbers_in(undated(top["column"] or ""))) <= printed else ""
        said = "; then ".join(pieces)
        total = self.tools.total_beside(top) if WHOLE_ASKED.search(plan.question) else None
        if total:  # "which cease reason was most common, and how many ceased overall"
            n = citer.cite_value(total)
            used.append(stated(total, n))
            said += f"; {total['row'] or total['label']}, {format_value(total)} [{n}]"
        return f"{top['council']}, the largest{f' in {where}' if where else ''}: {said}.", used

    def _stated_name(self, indicator: str, used: list, citer: Citer) -> str:
        """The indicator's catalogue name, or its source's own label when the name holds a number
        that the cited sources do not print ("within 20 weeks"): an answer states no number its
        sources lack."""
        name = self.tools.name(indicator)
        printed = {n for value in used for n in numbers_in(citer.citations[value.citation - 1].quote + " " + value.label)}
        return name if not used or set(numbers_in(name)) <= printed else used[0].label

    def _specific(self, indicators: list[str]) -> list[str]:
        """A broad indicator ("placement stability") stands for its parts when it has any."""
        result = []
        for indicator in indicators:
            entry = self.tools.catalogue.get(indicator)
            parts = list(entry.includes) if entry and entry.includes else []
            for part in parts + [indicator]:
                if part not in result:
                    result.append(part)
        return result

    def _describe(self, indicator: str, council: str, plan: Route, citer: Citer):
        """One council's figures for one indicator: the papers' run of values, the benchmarks
        printed beside the latest, and the official statistics."""
        series = _in_units_asked(self._in_papers(self.tools.series(indicator, council, start=plan.start, end=plan.end),
                                                 plan), plan.question)
        series, part = self._part_asked(series, council, plan)
        if plan.start and plan.start == plan.end and (series["period"] == plan.end).any():
            series = series[series["period"] == plan.end]  # the period asked for, not others ending in it
        if series.empty or plan.money and not series["unit"].fillna("").str.startswith("£").any():
            return self._other_measures(indicator, council, plan, citer)
        rows = series.to_dict("records")
        used, clauses = [], []
        papers = [row for row in rows if row["source"] != "official"]
        official = [row for row in rows if row["source"] == "official"]
        newest_first = sorted({row["document"] for row in papers}, reverse=True,
                              key=lambda name: self.documents.get(name, {}).get("meeting_date") or "")
        for document in newest_first[:2]:
            own = [row for row in papers if row["document"] == document]
            dated = _closest_labels([row for row in own if row["period_source"] != "meeting"] or own, plan.question)
            dated = _of_term_asked(dated, plan.question)
            label = _run_label(dated, plan.start)
            run = _of_closest_table([row for row in dated if row["label"] == label], plan.question)  # one row's run
            runs = _each_unit_asked(run, plan.question)
            for run in runs:
                first, last = (_most_exact([row for row in run if row["period"] == end["period"]]) for end in (run[0], run[-1]))
                first = _reaching_back(first, _of_term_asked(own, plan.question), plan.start)
                if first["period"] == last["period"]:  # one period: the figure the paper states first (the run's row: of its table)
                    stated_then = [row for row in dated if row["period"] == last["period"]
                                   and (len(runs) == 1 or row["unit"] == last["unit"])]
                    stated_then = [row for row in stated_then if row["label"] != label] + \
                        _of_closest_table([row for row in stated_then if row["label"] == label], plan.question)
                    first = last = min(stated_then, key=lambda row: row["line"] or 0)
                between = _between(run, first, last) if "trend" in plan.numeric else []
                clause = self._run(first, last, citer, used, between=between)
                clause += self._printed_benchmarks(indicator, council, last, citer, used)
                clause += self._prediction(indicator, council, last, plan, citer, used)
                clauses.append(clause)
        if official:
            clause = self._run(official[0], official[-1], citer, used, official=True)
            clause += self._official_benchmarks(indicator, council, official[-1], citer, used)
            clauses.append(clause)
        name = self._stated_name(indicator, used, citer) + (f" ({part})" if part else "")
        named = name if name.lower().startswith(council.lower()) else name[:1].lower() + name[1:]  # "Norfolk Constabulary"
        sentence = f"{council}, {named}: " + "; ".join(clauses) + "."
        chart = {"indicator": indicator, "name": name, "council": council, "unit": rows[-1]["unit"],
                 "points": [{"period": row["period"], "period_end": row["period_end"], "value": row["value"],
                             "source": row["source"], "document": row["document"]} for row in rows]}
        return sentence, used, chart

    def _part_asked(self, series, council: str, plan: Route):
        """An indicator's total row gives way to the row of its table that the question names, with that row's
        label ("from secondary schools": the "Secondary" row of the exclusions table, not its "Grand Total")."""
        totals = series[(series["source"] == "table") & series["label"].fillna("").str.match(TOTAL_ROW)]
        for table_id in totals["table_id"].unique():
            part = self.tools.part_named(plan.question, table_id)
            if not part:
                continue
            rows = self._in_papers(self.tools.series(part, council, start=plan.start, end=plan.end), plan)
            rows = rows[rows["table_id"] == table_id]
            if not rows.empty:
                return _in_units_asked(rows, plan.question), part
        return series, None

    @staticmethod
    def _in_papers(rows, plan: Route):
        """Only the values of the papers the question names by date ("the July 2018 report"), if it does."""
        if not plan.papers:
            return rows
        dates = rows["meeting_date"].fillna("")
        return rows[(rows["source"] != "official") & (dates >= plan.papers[0]) & (dates <= plan.papers[1])]

    def _run(self, first: dict, last: dict, citer: Citer, used: list, official: bool = False,
             between: list[dict] = ()) -> str:
        """The latest value and where it moved from, e.g. "11.5% in April 2018 [1], up from 10.6%
        in April 2017 [2] (then 10.9% in October 2017 [2]), which is worse as lower is better";
        ``between``: the figures of the run between the two, for a question on the trend."""
        n_last = citer.cite_value(last)
        used.append(stated(last, n_last))
        if official:
            text = f"official statistics give {format_value(last)} for {last['period']} [{n_last}]"
        else:
            text = f"{format_value(last)} {self._when(last)} [{n_last}]"
        if first["period"] == last["period"]:
            earlier = self.tools.previous_year(last)
            if earlier is None:
                return text
            n_earlier = citer.cite_value(earlier)
            used.append(stated(earlier, n_earlier))
            return text + f", {self._direction(earlier, last)} from {format_value(earlier)} a year before [{n_earlier}]"
        n_first = citer.cite_value(first)
        used.append(stated(first, n_first))
        judgement = self._judgement(first, last)
        if official:
            return text + f" ({format_value(first)} in {first['period']} [{n_first}]" + (f", {judgement})" if judgement else ")")
        steps = []
        for row in between:
            n = citer.cite_value(row)
            used.append(stated(row, n))
            steps.append(f"{format_value(row)} {self._when(row)} [{n}]")
        return (text + f", {self._direction(first, last)} from {format_value(first)} {self._when(first)} [{n_first}]"
                + (f" (then {', '.join(steps)})" if steps else "") + (f", {judgement}" if judgement else ""))

    def _other_measures(self, indicator: str, council: str, plan: Route, citer: Citer):
        """A row with no plain value (a budget line): its budget, variance, forecast or balance."""
        used, pieces = [], []
        for measure in ("variance", "forecast", "budget", "balance", "ytd", "target"):
            rows = self._in_papers(self.tools.series(indicator, council, measure=measure, start=plan.start, end=plan.end), plan)
            if rows.empty:
                continue
            row = rows.to_dict("records")[-1]
            if plan.money and not str(row.get("unit") or "").startswith("£"):
                continue
            n = citer.cite_value(row)
            used.append(stated(row, n))
            pieces.append(f"{measure} {format_value(row)} {self._when(row)} [{n}]")
        if not pieces:
            return None, [], {}
        return f"{council}, {self._stated_name(indicator, used, citer)}: " + "; ".join(pieces) + ".", used, {}

    @staticmethod
    def _when(row: dict) -> str:
        if row.get("period_source") in ("meeting", "current"):  # "is currently at 14%": as at the meeting
            return format_period(row["period"], row.get("period_kind"), "meeting")
        return f"in {format_period(row['period'], row.get('period_kind'))}"

    @staticmethod
    def _direction(first: dict, last: dict) -> str:
        if last["value"] is None or first["value"] is None or last["value"] == first["value"]:
            return "unchanged"
        return "up" if last["value"] > first["value"] else "down"

    @staticmethod
    def _judgement(first: dict, last: dict) -> str | None:
        polarity = last.get("polarity")
        if polarity not in ("higher", "lower") or first["value"] == last["value"]:
            return None
        better = (last["value"] > first["value"]) == (polarity == "higher")
        return f"which is {'better' if better else 'worse'} as {polarity} is better"

    def _printed_benchmarks(self, indicator: str, council: str, last: dict, citer: Citer, used: list) -> str:
        try:
            comparison = self.tools.compare(indicator, council, period=last["period"], label=last["label"],
                                            table_id=_table_of(last))  # the paper's row
        except LookupError:
            return ""
        pieces = []
        for benchmark in comparison.benchmarks:
            source = benchmark["source"]
            if benchmark["basis"].startswith("printed") and source["document"] == last["document"]:
                n = citer.cite_value(source)
                beside = {**source, "period": last["period"]} if source["period_source"] == "meeting" else source
                used.append(stated(beside, n))  # "Latest benchmarking" with no period of its own: that of the figure beside it
                pieces.append(f"{_BENCHMARK_NAMES.get(benchmark['kind'], benchmark['kind'])} {format_value(source)} [{n}]")
        return ("; against " + ", ".join(pieces)) if pieces else ""

    def _prediction(self, indicator: str, council: str, last: dict, plan: Route, citer: Citer, used: list) -> str:
        """The paper's own forecast for a later period the question asks about ("Prediction 2019-20")."""
        if not plan.end or last["period_source"] == "meeting":
            return ""
        rows = self.tools.series(indicator, council, measure="forecast", start=plan.start, end=plan.end)
        rows = rows[(rows["document"] == last["document"]) & (rows["label"] == last["label"])
                    & (rows["table_id"].fillna("") == (_table_of(last) or "")) & (rows["period_end"] > last["period_end"])]
        rows = rows.to_dict("records")
        if not rows:
            return ""
        n = citer.cite_value(rows[-1])
        used.append(stated(rows[-1], n))
        return f"; the paper predicts {format_value(rows[-1])} {self._when(rows[-1])} [{n}]"

    def _official_benchmarks(self, indicator: str, council: str, last: dict, citer: Citer, used: list) -> str:
        try:
            comparison = self.tools.compare(indicator, council, period=last["period"])
        except LookupError:
            return ""
        pieces = []
        for benchmark in comparison.benchmarks:
            if not benchmark["basis"].startswith("official"):
                continue
            source = benchmark["source"]
            n = citer.cite_value(source)
            if benchmark["kind"] == "statistical_neighbours":
                citer.derived += [benchmark["value"], benchmark["median"], len(benchmark["neighbours"])]
                pieces.append(f"statistical neighbours' mean {benchmark['value']:g}{'%' if source['unit'] == '%' else ''} "
                              f"and median {benchmark['median']:g}{'%' if source['unit'] == '%' else ''} "
                              f"(computed from the official figures of its {len(benchmark['neighbours'])} neighbours) [{n}]")
            else:
                used.append(stated({**source, "measure": benchmark["kind"]}, n))
                pieces.append(f"{_BENCHMARK_NAMES.get(benchmark['kind'], benchmark['kind'])} {format_value(source)} [{n}]")
        if comparison.rank:
            citer.derived += [comparison.rank, comparison.of, 1]
            pieces.append(f"ranked {comparison.rank} of {comparison.of} councils (1 = best)")
        return (", against " + ", ".join(pieces)) if pieces else ""

    # -- passages ------------------------------------------------------------------------
    def _narrative(self, question: str, plan: Route, citer: Citer, filters: Filters | None, with_numbers: bool,
                   holding: frozenset[str] = frozenset()) -> list[str]:
        """The papers' words that answer a question, quoted; with ``holding``, only from passages that hold those words."""
        wanted = filters or Filters()
        if plan.council and not plan.others and not wanted.council:  # a comparison searches every council it names
            wanted = replace(wanted, council=plan.council)
        if plan.papers and not (wanted.since or wanted.until):
            wanted = replace(wanted, since=plan.papers[0], until=plan.papers[1])
        hits = self.searcher.search(question, k=max(8, self.settings.rerank_top), filters=wanted)
        # passages are reranked for a quoted answer only: beside figures, and on decisions, it ranks worse
        if self.reranker and not with_numbers and plan.narrative != "decided":
            asked = topic_question(question, wanted.council)  # by what is asked, not which paper or council
            hits = self.reranker.rerank(asked, hits, self.settings.rerank_top, read=lambda text: focus(question, text))
        # passages that can speak of the period asked come first (the others are refused below)
        hits = sorted(hits, key=lambda hit: not _of_period(plan, hit.text, hit.metadata.get("meeting_date")))
        citer.searched.append([{"document": hit.metadata["document"],
                               "lines": f"{hit.metadata['line_start']}-{hit.metadata['line_end']}"} for hit in hits[:10]])
        hits = _diverse(hits, 8)
        judge = (lambda part, texts: self.reranker.score(topic_question(part), texts)) \
            if self.reranker else None  # beside figures too: it keeps off-topic quotes out
        chosen = best_sentences(question, hits, limit=2 * QUOTES, decisions=plan.narrative == "decided",
                                names=plan.narrative == "who", judge=judge, framed=self._framed if judge else None)
        given: list[Quote] = []
        for passage in chosen:
            following = self.searcher.following(passage.hit) if judge else None
            quote, read_on = excerpt(passage.hit.text, passage.sentence, following.text if following else "",
                                     lead=PARAGRAPH_LEAD) \
                if judge else (passage.sentence, False)
            held = not holding or _holds(holding, words(f"{_section(passage.hit)} {passage.hit.text}"))
            if not held or not self._answers(question, plan, passage, quote) \
                    or not (with_numbers or holding or self._names_indicator(plan, passage, quote)):
                continue
            meta = passage.hit.metadata
            last = following.metadata["line_end"] if read_on else meta["line_end"]
            candidate = Quote(quote, meta, meta["line_start"], last)
            if not _merged(given, candidate):
                given.append(candidate)
            if len(given) == QUOTES:
                break
        lines = []
        for quote in given:
            meta = quote.meta
            n = citer.cite(meta["document"], f"{quote.first}-{quote.last}", quote.text, meta.get("page"),
                           meta.get("heading"), meta.get("meeting_date"))
            where = f"{meta.get('council')} {meta.get('committee') or ''}".strip()
            quoted = citer.citations[n - 1].quote  # as the citation keeps it (a very long quote is cut short)
            lines.append(f"{where}, {format_period(meta.get('meeting_date'), 'date')}: “{quoted}” [{n}]")
        if not lines:
            return []
        block = "\n".join(lines)
        return ["What the papers say:\n" + block] if with_numbers else [block]

    def _framed(self, sentence: str, hit) -> str:
        """A sentence as the cross-encoder reads it: under its heading, with what follows it."""
        following = self.searcher.following(hit)
        quote, _ = excerpt(hit.text, sentence, following.text if following else "")
        return f"{hit.metadata.get('heading') or ''}: {quote}"

    def _answers(self, question: str, plan: Route, passage: Passage, quote: str) -> bool:
        """Whether a chosen sentence answers the question rather than only sharing its topic: rated
        relevant by the cross-encoder (else holding enough of the question's words), and when only
        weakly rated, naming more of the question than its council; giving a number when the
        question asks how many or how much; of the council, locality and period the question names."""
        if passage.relevance is not None:
            if passage.relevance < MIN_RELEVANCE or passage.coverage < MIN_COVERAGE:
                return False
            if passage.relevance < SURE_RELEVANCE and not _on_topic(question, plan, passage, quote):
                return False
        elif passage.coverage < (0.5 if len(content_words(question)) > 2 else 1.0):  # short questions: every word
            return False
        if plan.area != "county" and not words(plan.area) <= words(f"{_section(passage.hit)} {quote}"):
            return False  # a question on a locality is not answered by the county's words
        if self._of_another_council(plan, passage.sentence):
            return False
        introduces = passage.sentence.endswith((":", ";"))  # "... identified that:" is answered by what follows
        # a sure sentence with no figure may leave it to the next: "... a plan for permanence. ... 71% of these reviews"
        sure = passage.relevance is not None and passage.relevance >= SURE_RELEVANCE \
            and not states_a_quantity(passage.sentence)
        answering = passage.sentence  # the period asked is that of the words that answer
        if introduces:
            if not answers_a_part(question, quote):
                return False
            answering = _answering(question, quote.split(passage.sentence, 1)[-1]) or quote
        elif not answers_a_part(question, passage.sentence):
            following = _next_sentence(passage.sentence, quote)
            if not (sure and answers_a_part(question, following)):
                return False
            answering = _answering(question, following) or following
        return _of_period(plan, answering, passage.hit.metadata.get("meeting_date"), sentence=True)

    def _names_indicator(self, plan: Route, passage: Passage, quote: str) -> bool:
        """Whether a figure quoted in place of an indicator's figures is of it: its sentence holds a
        phrase of the indicator's catalogue entry ("3 or more placements") or half the words of the
        row label asked for (a sentence with no figure: the one after it, which gives it).
        "Reg 24 placements from 50 in December 2016 to 28" is no short-term placement stability figure."""
        sentence = passage.sentence if states_a_quantity(passage.sentence) else _next_sentence(passage.sentence, quote)
        if not (plan.is_numeric and plan.indicators) or not states_a_quantity(sentence):
            return True
        entry = self.tools.catalogue.get(plan.indicators[0])
        held = words(sentence) | {"%"}
        if entry is None:  # a row's label, matched loosely ("Primary schools" for "Winterton Primary School"): half its words
            label = {word for word in words(self.tools.name(plan.indicators[0])) if len(word) > 1}  # not "%", nor the "s" of "Children's"
            return 2 * len(label & held) >= len(label)
        return any(words(name) <= held for name in (entry.name, *entry.phrases) if words(name))

    def _what_was_said(self, question: str, plan: Route, citer: Citer) -> list[str]:
        """For a numeric answer: the papers' own words on the question, quoted."""
        return self._narrative(question, plan, citer, None, with_numbers=True)

    # -- nothing found -------------------------------------------------------------------
    def _unreported_month(self, question: str) -> str | None:
        """Why a question about a budget-monitoring month no paper reports ("the forecast at month 6")
        has no answer: the papers' forecasts are of other months; None when it names none or one reported."""
        asked = {int(number) for number in BUDGET_MONTH.findall(question)}
        if not asked:
            return None
        reported = self.searcher.months_reported()
        if asked & reported:
            return None
        held = ", ".join(f"Month {number}" for number in sorted(reported))
        return (f"The papers hold no budget figures for Month {min(asked)}"
                + (f"; their budget monitoring is at {held}." if held else ".") + " " + self._coverage())

    def _coverage(self) -> str:
        """What the papers searched cover: councils, documents, meeting dates."""
        dates = sorted(meta.get("meeting_date") for meta in self.documents.values() if meta.get("meeting_date"))
        return (f"The papers cover {', '.join(self.councils)} ({len(self.documents)} documents, meetings from "
                f"{format_period(dates[0], 'date')} to {format_period(dates[-1], 'date')}).") if dates else "No papers are indexed."

    def _not_found(self, plan: Route) -> str:
        """Say what was searched and what is nearest, never a guess."""
        covered = self._coverage()
        service = _service_named(plan.question, plan)
        if service:
            return f"The papers hold no figure that answers this question for {service}. {covered}"
        place = f"{plan.area} ({plan.council})" if plan.area != "county" and plan.council else \
            plan.area if plan.area != "county" else plan.council
        wanted = (f" for {place}" if place else "") + (f" in {format_period(plan.end)}" if plan.end else "")
        if plan.indicators:
            name = self.tools.name(plan.indicators[0])
            name = name.lower() if plan.indicators[0] in self.tools.catalogue.by_id else name  # a label as printed
            councils = self.tools.series_councils(plan.indicators[0])
            if plan.council in councils:  # figures of it, none of which answers (the period, or the thing, asked)
                missing = (f"no {'regional' if plan.benchmark == 'region' else _BENCHMARK_NAMES[plan.benchmark]} figure" if plan.benchmark else
                           f"none for {plan.area}" if plan.area != "county" else
                           f"none for {format_period(plan.end)}" if plan.end else "no figure that answers this question")
                return f"The papers report {name} for {plan.council}, but {missing}. {covered}"
            where = f" They report {name} for {', '.join(councils)}." if councils else ""
            return f"The papers hold no figure for {name}{wanted}.{where} {covered}"
        if plan.other_unit:  # "how many children were adopted": the papers give a share
            entry = self.tools.catalogue.get(plan.other_unit)
            unit = _UNIT_NAMES.get(unit_class(entry.unit), "figure")
            councils = self.tools.series_councils(plan.other_unit)
            return (f"The papers hold no figure of the kind asked{wanted}. They report {entry.name.lower()} as a {unit} "
                    f"for {', '.join(councils)}. {covered}")
        return f"The papers do not answer this question. {covered}"


def _service_named(question: str, plan: Route) -> str | None:
    """The service or programme a question names by a title of two or more capitalised words past
    its first word, which its indicator's words do not cover ("Norfolk's Rapid Response service")."""
    councils = words(" ".join(filter(None, [plan.council, *plan.others])))
    for title in _TITLE.findall(question[1:]):
        named = words(title)
        if named & plan.qualifiers and not named & councils:
            return title
    return None


def _on_topic(question: str, plan: Route, passage: Passage, quote: str) -> bool:
    """Whether a quote or its section heading holds a word of the question other than a council's name or a
    number (a year the question names is no topic: "... within the 20-week timescale in 2021" and "our care 2021")."""
    named = content_words(" ".join(filter(None, [plan.council, *plan.others])))
    topic = {word for word in content_words(question) - named if not word.isdigit()}
    return not topic or bool(topic & set(tokenize(f"{_section(passage.hit)} {quote}")))


def _holds(qualifiers: frozenset[str], held: set[str]) -> bool:
    """Whether a passage's words hold a question's qualifiers: all of them ("Stronger Families"), or,
    of more than ``FEW_QUALIFIERS``, most ("a child with disabilities needing extensive nursing support"
    in "a single case of support for a child with disabilities requiring extensive nursing support")."""
    found = len(qualifiers & held)
    return found == len(qualifiers) or len(qualifiers) > FEW_QUALIFIERS and 2 * found >= len(qualifiers)


def _section(hit) -> str:
    """A passage's own section heading: the last of its heading path, not the paper's title."""
    return (hit.metadata.get("heading") or "").split(" > ")[-1]


def _recent(text: str, meeting: str | None) -> list[tuple[date, date]]:
    """The spans "in the last 12 months" or "during the last quarter" name in a paper: up to its meeting."""
    if not meeting:
        return []
    day = date.fromisoformat(meeting)
    return [(day - timedelta(days=_RECENT_DAYS[span.lower()]), day) for span in _RECENT.findall(text)]


def _of_period(plan: Route, text: str, meeting: str | None, sentence: bool = False) -> bool:
    """Whether a text can speak of the period a question names: it mentions that period, or its
    paper met within the period or soon after it (``MONTH_REPORTED_DAYS`` for one month, else
    ``PERIOD_REPORTED_DAYS``), or is the paper the question names. A ``sentence`` that names other
    periods only speaks of those ("at the end of April 18" does not answer for June). True when no
    period is named."""
    start, end = (parse_period(label) if label else None for label in (plan.start, plan.end))
    if not (start or end):
        return True
    since = first_day(start or end)
    until = end.end if end else date.max  # "since November 2021": to this day
    named = [(first_day(p), p.end) for p in periods_named(text)] + _recent(text, meeting)
    if any(first <= until and last >= since for first, last in named):
        return True
    if sentence and named:
        return False
    if not meeting:
        return False
    if plan.papers and plan.papers[0] <= meeting <= plan.papers[1]:  # "at the June 2019 review": its own words
        return True
    one_month = start == end and end.kind == "month"
    window = timedelta(days=MONTH_REPORTED_DAYS if one_month else PERIOD_REPORTED_DAYS)
    return since.isoformat() <= meeting <= (until if until == date.max else until + window).isoformat()


@dataclass
class Quote:
    """A passage quoted in an answer: its words, its chunk's metadata and the lines it spans."""

    text: str
    meta: dict
    first: int
    last: int


def _merged(given: list[Quote], new: Quote) -> bool:
    """Whether a new quote repeats one already given (of the same paper): one that holds it, reads
    on from it or starts before it is joined to it (or, when the two joined would be cut short, keeps
    only its own words); one that mostly repeats it adds nothing. True when it is not to be given apart."""
    new_words = new.text.split()
    for old in given:
        if old.meta["document"] != new.meta["document"]:
            continue
        before = old.text.split()
        match = SequenceMatcher(None, new_words, before, autojunk=False).find_longest_match(0, len(new_words), 0, len(before))
        if match.size < MIN_SHARED_WORDS and match.size * 2 < len(new_words):
            continue
        if match.size == len(before):  # the new quote holds the old one
            joined, own = new_words, new_words[:match.a] + new_words[match.a + match.size:]
        elif match.a == 0 and match.b + match.size == len(before):  # it reads on from the old one
            joined, own = before + new_words[match.size:], new_words[match.size:]
        elif match.b == 0 and match.a + match.size == len(new_words):  # it starts before the old one
            joined, own = new_words + before[match.size:], new_words[:match.a]
        elif match.size * 2 >= len(new_words):  # held in the old one, or mostly repeating it
            return True
        else:
            continue
        if len(" ".join(joined)) <= QUOTE_CHARACTERS:
            old.text, old.first, old.last = " ".join(joined), min(old.first, new.first), max(old.last, new.last)
            return True
        if len(own) < MIN_SHARED_WORDS:
            return True
        new.text = " ".join(own)  # joined, the quote would be cut short: it is given apart, without the repeat
        return False
    return False


def _gives_benchmark(benchmark: str, values: list, parts: list[str]) -> bool:
    """Whether figures state the benchmark asked for: printed or official, or the statistical
    neighbours' mean computed from the official figures."""
    return any(value.measure == benchmark for value in values) or (
        benchmark == "statistical_neighbours" and any("statistical neighbours' mean" in part for part in parts))


def _in_units_asked(series, question: str):
    """A row's figures in the unit a question asks, when it prints more than one ("what share of assessments
    ended in ongoing involvement": its percentages, not its counts)."""
    fits = series["unit"].map(lambda unit: unit_fits(question, {unit_class(unit)} - {None}))
    return series[fits] if fits.any() else series


def _each_unit_asked(run: list[dict], question: str) -> list[list[dict]]:
    """A row's run, split in two when it prints both a count and a percentage and the question asks for
    neither alone ("assessments that closed with info and advice - how did that change": 302, 42.5%)."""
    units = list(dict.fromkeys(row["unit"] for row in run))
    if {unit_class(unit) for unit in units} != {"count", "%"} or not all(unit_fits(question, {unit_class(unit)}) for unit in units):
        return [run]
    return [[row for row in run if row["unit"] == unit] for unit in units]


def _closest_labels(rows: list[dict], question: str) -> list[dict]:
    """The rows whose label holds what the question quotes ("'percentage of children adopted'");
    else the rows of the paper's labels for an indicator that share most words, with their table's
    title and periods, with the question, when they name ``CLEARLY_CLOSER`` more of them than the
    latest row's label ("adoptions completed within 12 months", not "children adopted"); else all
    the rows."""
    quoted = [words(text) for text in quoted_phrases(question)]  # "Norfolk's 'percentage of children adopted'"
    named_in_full = [row for row in rows if any(quote <= words(row["label"]) for quote in quoted if quote)]
    if named_in_full:
        return named_in_full
    asked, shared = content_words(question) - _PAPER_WORDS, {}  # "in the July 2018 performance report" names a paper
    for row in rows:  # a term's name ("2016-17 autumn") counts, a year does not
        named = content_words(f"{row['label']} {row.get('table_title') or ''}") \
            | {word for word in content_words(str(row.get("period") or "")) if word.isalpha()}
        shared[row["label"]] = max(shared.get(row["label"], 0), len(asked & named))
    closest = max(shared.values(), default=0)
    if not rows or closest - shared[rows[-1]["label"]] < CLEARLY_CLOSER:
        return rows  # the latest row's label names about as much of the question
    return [row for row in rows if shared[row["label"]] == closest]


def _of_term_asked(rows: list[dict], question: str) -> list[dict]:
    """A school term the question names ("the autumn term totals"): the rows of that term, when
    the paper gives any; else all the rows."""
    terms = terms_named(question)
    named = [row for row in rows if row.get("period_kind") == "term" and term_parts(row["period"])[1] in terms]
    return named or rows


def _of_closest_table(rows: list[dict], question: str) -> list[dict]:
    """A row label printed in several tables ("Under 1" of children in care by age, and of children
    starting care by age): its rows of the table whose title names most of the question, when one
    names more than the others; a paper's sentences are no table and stay."""
    asked = {_TITLE_WORDS.get(word, word) for word in content_words(question)} - _PAPER_WORDS
    named = {_table_of(row): len(asked & content_words(row.get("table_title") or "")) for row in rows if _table_of(row)}
    if len(set(named.values())) < 2:
        return rows
    best = max(named.values())
    return [row for row in rows if not _table_of(row) or named[_table_of(row)] == best]


def _table_of(row: dict) -> str | None:
    """The table a value row was read from; None for a sentence's figure."""
    table = row.get("table_id")
    return table if isinstance(table, str) else None


def _most_exact(rows: list[dict]) -> dict:
    """Of a paper's figures for one period, the one printed with most decimals ("67.1" in the
    dashboard, not "67" in its chart's table), else the one it prints first."""
    def decimals(row: dict) -> int:
        printed = re.search(r"\.(\d+)", str(row.get("value_text") or ""))
        return len(printed.group(1)) if printed else 0
    return min(rows, key=lambda row: (-decimals(row), row["line"] or 0))


def _reaching_back(first: dict, rows: list[dict], start: str | None) -> dict:
    """Where a run the question dates from ``start`` begins: its own first figure, or when that
    comes after the start, the paper's earliest figure of the same unit from the start on
    (a table from September 2017, a sentence "In 2016 we only achieved 5.8%": from 2016)."""
    asked = parse_period(start) if start else None
    if asked is None or first["period_end"] <= asked.end.isoformat():
        return first
    since = first_day(asked).isoformat()
    earlier = [row for row in rows if row["unit"] == first["unit"] and row["measure"] == first["measure"]
               and row["period_source"] not in ("meeting", "current") and since <= row["period_end"] < first["period_end"]]
    return min(earlier, key=lambda row: (row["period_end"], row["line"] or 0)) if earlier else first


def _between(run: list[dict], first: dict, last: dict) -> list[dict]:
    """The figures of a run between its first and last, one per period, oldest first: all of
    them up to ``STEPS``; of more, those of the last one's month of the year (each year's March)."""
    inside = {}
    for row in run:
        if first["period_end"] < row["period_end"] < last["period_end"] and row["measure"] == last["measure"]:
            inside.setdefault(row["period"], row)
    steps = sorted(inside.values(), key=lambda row: row["period_end"])
    if len(steps) > STEPS:
        steps = [row for row in steps if str(row["period_end"])[5:7] == str(last["period_end"])[5:7]]
    return steps[-STEPS:]


def _run_label(dated: list[dict], start: str | None) -> str:
    """The label whose run of values to state: the latest row's; when the question names where the
    run starts ("between March 2015 and March 2018"), the label reaching back furthest of those
    reaching the latest period."""
    label = dated[-1]["label"]
    if not start:
        return label
    latest = dated[-1]["period_end"]
    reaching = {row["label"] for row in dated if row["period_end"] == latest}
    earliest = {name: min(row["period_end"] for row in dated if row["label"] == name) for name in reaching}
    return min(reaching, key=lambda name: (earliest[name], name != label))


def _answering(question: str, following: str) -> str | None:
    """Of the sentences, list items and numbered sections after one that introduces them, the
    first that answers: the answer speaks of its period ("- In 2021 there were 9684 contacts")."""
    for sentence in sentences_of(following):
        for item in re.split(r"\s+[-•]\s+|\s+(?=\d+(?:\.\d+)+\s+[A-Z])", sentence):
            if answers_a_part(question, item):
                return item
    return None


def _next_sentence(sentence: str, quote: str) -> str:
    """The sentence after ``sentence`` in its quote (which reads on past it); empty when none."""
    parts = sentences_of(quote)
    index = next((n for n, part in enumerate(parts) if part.strip() == sentence.strip()), len(parts))
    return parts[index + 1] if index + 1 < len(parts) else ""


def _diverse(hits: list, limit: int, per_document: int = 5) -> list:
    """The best hits, at most ``per_document`` from one paper while others have hits left, so a
    long pack cannot crowd out the rest (a question about one paper still reads ``limit`` hits)."""
    capped, spare, counts = [], [], {}
    for hit in hits:
        document = hit.metadata.get("document")
        counts[document] = counts.get(document, 0) + 1
        (capped if counts[document] <= per_document else spare).append(hit)
    chosen = set(map(id, capped[:limit] + spare[:max(0, limit - len(capped))]))
    return [hit for hit in hits if id(hit) in chosen]
