"""A briefing for scrutiny officers on one topic: the headline figures with their trend,
benchmarks and targets; what committees said and decided, quoted; questions a member might put
to officers, drawn from the data; and numbered references. Markdown, from the CLI and the page."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from .answers import Citer, format_period, format_value
from .routing import route

_PROMISE = re.compile(r"\b(agreed to|asked officers|will (?:be )?(?:report|bring|provide|review|update|return)|"
                      r"requested (?:that|a report)|would (?:report|return|come back)|at a future meeting)\b",
                      re.IGNORECASE)


@dataclass
class Briefing:
    """A briefing's parts, and its Markdown."""

    topic: str
    council: str | None
    figures: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    chart: list[dict] = field(default_factory=list)
    citer: Citer | None = None

    def markdown(self) -> str:
        where = f" - {self.council}" if self.council else ""
        lines = [f"# Briefing: {self.topic}{where}", "",
                 f"Prepared {date.today().isoformat()} from the committee papers and official statistics indexed. "
                 "Every figure and quotation carries a numbered reference.", ""]
        lines += ["## Headline figures", ""] + ([f"- {text}" for text in self.figures] or
                                               ["- The papers hold no figures on this topic."]) + [""]
        for series in self.chart:
            points = list({(p["period"], p["value"], p["document"]): p for p in series["points"]
                           if p["value"] is not None}.values())
            if len(points) >= 2:
                lines += [f"**{series['council']}: {series['name']} over time**", "", "| period | value | source |",
                          "|---|---|---|"]
                lines += [f"| {p['period']} | {p['value']:g}{'%' if series.get('unit') == '%' else ''} | {p['document']} |"
                          for p in points]
                lines += ["", "```vega-lite", json.dumps(_chart_spec(series, points)), "```", ""]
        lines += ["## What committees said and decided", ""] + ([f"- {text}" for text in self.said] or
                                                                ["- The papers record nothing on this topic."]) + [""]
        lines += ["## Questions a member might ask", ""] + ([f"- {text}" for text in self.questions] or
                                                          ["- (none drawn from the data)"]) + [""]
        lines += ["## References", ""]
        for citation in self.citer.citations if self.citer else []:
            context = ", ".join(c for c in (citation.council, citation.committee, citation.meeting_date) if c)
            lines.append(f"{citation.n}. {citation.document} ({citation.location}){' - ' + context if context else ''}: "
                         f"\"{citation.quote[:300]}\"")
        return "\n".join(lines) + "\n"


def _chart_spec(series: dict, points: list[dict]) -> dict:
    """A Vega-Lite line chart of a series (Markdown viewers that know Vega-Lite draw it)."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": f"{series['council']}: {series['name']}",
        "data": {"values": [{"period_end": p["period_end"], "value": p["value"],
                             "source": "official statistics" if p["source"] == "official" else "committee papers"}
                            for p in points]},
        "mark": {"type": "line", "point": True},
        "encoding": {"x": {"field": "period_end", "type": "temporal", "title": None},
                     "y": {"field": "value", "type": "quantitative", "title": series.get("unit")},
                     "color": {"field": "source", "type": "nominal", "title": None}},
    }


def brief(assistant, topic: str, council: str | None = None) -> Briefing:
    """Build a briefing on a topic ("placement stability"), for one council or every council reporting it."""
    plan = route(f"How has {topic} changed" + (f" in {council}" if council else ""), assistant.tools,
                 assistant.councils, assistant.newest)
    plan.council = council or plan.council
    citer = Citer(assistant.documents)
    result = Briefing(topic=topic, council=plan.council, citer=citer)
    if plan.indicators:
        result.figures, values, result.chart = assistant._numeric(plan, citer)
        result.questions += _questions_from_figures(assistant, plan, citer)
    decided = route(f"What did the committee decide about {topic}", assistant.tools, assistant.councils,
                    assistant.newest)
    decided.council = plan.council
    decided.narrative = "decided"
    for block in assistant._narrative(topic, decided, citer, None, with_numbers=False):
        result.said += [line for line in block.split("\n") if line.strip()]
    result.questions += [f"The papers record: {line.split(': ', 1)[-1]} What has happened since?"
                         for line in result.said if _PROMISE.search(line)][:3]
    return result


def _questions_from_figures(assistant, plan, citer: Citer) -> list[str]:
    """A figure that worsened, a gap to statistical neighbours or England, a missed target."""
    questions = []
    for indicator in assistant._specific(plan.indicators)[:3]:
        councils = [plan.council] if plan.council else assistant.tools.series_councils(indicator)[:3]
        name = assistant.tools.name(indicator).lower()
        for council in councils:
            try:
                change = assistant.tools.change(indicator, council)
            except LookupError:
                continue
            if change.direction == "worse":
                first, last = change.start, change.end
                questions.append(
                    f"{council}: {name} moved from {format_value(first)} ({format_period(first['period'], first.get('period_kind'))}) "
                    f"[{citer.cite_value(first)}] to {format_value(last)} ({format_period(last['period'], last.get('period_kind'))}) "
                    f"[{citer.cite_value(last)}], which is worse. What explains it, and what is being done?")
            try:
                comparison = assistant.tools.compare(indicator, council)
            except LookupError:
                continue
            polarity = comparison.value.get("polarity")
            for benchmark in comparison.benchmarks:
                if benchmark["kind"] not in ("statistical_neighbours", "england", "target") or polarity not in ("higher", "lower"):
                    continue
                worse = (comparison.value["value"] < benchmark["value"]) if polarity == "higher" else \
                    (comparison.value["value"] > benchmark["value"])
                if worse:
                    label = {"statistical_neighbours": "statistical neighbours", "england": "England",
                             "target": "the target"}[benchmark["kind"]]
                    mine, theirs = citer.cite_value(comparison.value), citer.cite_value(benchmark["source"])
                    questions.append(f"{council}: {name} is behind {label} ({format_value(comparison.value)} [{mine}] "
                                     f"against {format_value(benchmark['source'])} [{theirs}], {comparison.value['period']}). "
                                     "How will the gap be closed?")
                    break
    return questions
