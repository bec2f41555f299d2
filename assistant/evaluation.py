"""The evaluation harness: gold questions go through the JSON interface (``Answer.to_json``) and
each answer is scored against its gold values, key phrases and sources; the report gives the
figures per kind, per split and overall, as JSON and Markdown, and lists what got worse since a
previous report.

A gold question (one line of ``eval/questions.jsonl``)::

    {"id", "split": "dev"|"heldout", "kind", "question", "answerable", "answer",
     "values": [{"value", "unit", "period", "council", "measure"}], "key_phrases": [...],
     "sources": [{"document", "lines", "quote"}]}
"""

from __future__ import annotations

import json
import math
import re
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from .answers import NUMBER_WORDS, Citation, numbers_in, unsupported_numbers
from .periods import parse_period

GOLD_QUESTIONS = Path("eval/questions.jsonl")
KINDS = ["lookup", "trend", "benchmark", "largest", "fact", "summary", "decision", "two_papers", "unanswerable"]
BENCHMARK_MEASURES = {"england", "statistical_neighbours", "region", "target", "stat_neighbour_best",
                      "national_top_quartile"}
_MONEY = {"£": 1.0, "£k": 1e3, "£m": 1e6}
_TOLERANCE = {"%": 0.05, "percentage points": 0.05, "rate": 0.05, "score": 0.05, "£m": 0.0005, "£k": 0.5}
# figures a report gives, with the direction that is better
METRICS = {"numeric_exact_match": "higher", "citation_accuracy": "higher", "key_phrase_recall": "higher",
           "recall_at_5": "higher", "recall_at_10": "higher", "mrr": "higher", "unanswerable_precision": "higher",
           "unanswerable_recall": "higher", "answerable_answered": "higher", "unsupported_numbers": "lower",
           "latency_p50": "lower", "latency_p95": "lower"}


def load_questions(path: Path | str = GOLD_QUESTIONS) -> list[dict]:
    """The gold questions of a JSONL file (blank lines skipped)."""
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def run(ask: Callable[[str], dict], questions: list[dict], progress: Callable[[int, int], None] | None = None) -> list[dict]:
    """Each question's answer as the JSON interface gives it (``ask`` returns ``Answer.to_json``)."""
    answers = []
    for number, item in enumerate(questions, start=1):
        started = time.perf_counter()
        answer = ask(item["question"])
        answer["id"] = item["id"]
        answer.setdefault("seconds", round(time.perf_counter() - started, 3))
        answers.append(answer)
        if progress:
            progress(number, len(questions))
    return answers


# -- one question ----------------------------------------------------------------------------
def _tolerance(unit: str | None, value: float) -> float:
    """Half a unit in the last place the papers print for this unit."""
    return _TOLERANCE.get(unit or "", 0.5 if float(value).is_integer() else 0.05)


def _in_pounds(value: float, unit: str | None) -> float:
    return value * _MONEY.get(unit or "", 1.0)


def _same_number(gold: dict, value: float | None, unit: str | None) -> bool:
    """The value equals the gold value within the gold unit's tolerance; money compares in pounds."""
    if value is None:
        return False
    if gold["unit"] in _MONEY and unit in _MONEY:
        return abs(_in_pounds(value, unit) - _in_pounds(gold["value"], gold["unit"])) <= \
            _in_pounds(_tolerance(gold["unit"], gold["value"]), gold["unit"]) + 1e-9
    return abs(value - gold["value"]) <= _tolerance(gold["unit"], gold["value"]) + 1e-9


def _holds_number(gold: dict, text: str) -> bool:
    """The text states the gold number (within its tolerance)."""
    written = [NUMBER_WORDS[word] for word in re.findall(r"[a-z]+", text.lower()) if word in NUMBER_WORDS]  # "(currently three)"
    return any(_same_number(gold, number, gold["unit"]) for number in numbers_in(text) + written)


def _family(unit: str | None) -> str | None:
    if unit in ("%", "percentage points"):
        return "percent"
    if unit in _MONEY:
        return "money"
    return None if unit in (None, "", "direction") else "number"


def same_period(gold: str | None, stated: str | None) -> bool:
    """The stated period is the gold one, both normalised. A gold period that names no date ("Pre",
    "most recent", or None) is not checked: the value's source then tells the period."""
    wanted = parse_period(str(gold)) if gold else None
    if wanted is None or str(stated) == wanted.label:
        return True
    said = parse_period(str(stated)) if stated else None
    return said is not None and (wanted.label == said.label or wanted.end == said.end)


def _matches_value(gold: dict, stated: dict) -> bool:
    """A stated value is the gold one: number (unit-aware), period, and council or benchmark."""
    families = _family(gold["unit"]), _family(stated.get("unit"))
    if None not in families and families[0] != families[1]:
        return False
    if not _same_number(gold, stated.get("value"), stated.get("unit")):
        return False
    if not same_period(gold.get("period"), stated.get("period")):
        return False
    council, measure = (gold.get("council") or "").lower(), gold.get("measure") or "value"
    if measure in BENCHMARK_MEASURES:
        return stated.get("measure") == measure or (stated.get("council") or "").lower() == council
    return not council or (stated.get("council") or "").lower() == council


def _overlaps(source: dict, citation: dict) -> bool:
    """A citation points into a gold source: the same document and overlapping lines."""
    if source["document"] != citation.get("document"):
        return False
    if not source.get("lines") or not citation.get("lines"):
        return True
    return _line_range(source["lines"]) & _line_range(citation["lines"]) != set()


def _line_range(lines: str) -> set[int]:
    numbers = [int(n) for n in re.findall(r"\d+", str(lines))[:2]]
    return set(range(numbers[0], numbers[-1] + 1)) if numbers else set()


def _value_in_text(gold: dict, answer: dict, sources: list[dict]) -> bool:
    """The answer's text states the gold number, copied from a cited gold source (a figure quoted in
    a passage rather than given as a structured value)."""
    return _holds_number(gold, answer["answer"]) and any(
        _overlaps(source, citation) and _holds_number(gold, citation["quote"])
        for citation in answer["citations"] for source in sources)


def _normal(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("–", "-")
    return " ".join(re.sub(r"[^\w%£'&/.-]+", " ", text).split())


def _cited(golds: list[dict], phrases: list[str], sources: list[dict], citations: list[dict]) -> bool:
    """Citation accuracy: every gold value is in a cited passage, and for a text answer a cited
    passage holds a key phrase (a citation into a gold source counts for either)."""
    def into_gold(citation: dict) -> bool:
        return any(_overlaps(source, citation) for source in sources)

    values_held = all(any(_holds_number(g, c["quote"]) or into_gold(c) for c in citations) for g in golds)
    text_held = not phrases or any(into_gold(c) or any(_normal(p) in _normal(c["quote"]) for p in phrases)
                                   for c in citations)
    return bool(citations) and values_held and text_held


def score_answer(gold: dict, answer: dict) -> dict:
    """One answer's scores; a score that does not apply is left out."""
    result = {"id": gold["id"], "kind": gold["kind"], "split": gold.get("split", "dev"), "question": gold["question"],
              "answerable": bool(gold["answerable"]), "said_answerable": bool(answer.get("answerable")), "seconds": answer.get("seconds")}
    citations = [Citation(**{key: c.get(key) for key in ("n", "document", "page", "lines", "section",
                                                            "meeting_date", "quote")}) for c in answer["citations"]]
    result["unsupported"] = unsupported_numbers(answer["answer"], citations, answer.get("derived", [])) \
        if answer.get("answerable") else []
    if not gold["answerable"]:
        return result
    sources = gold.get("sources", [])
    golds = gold.get("values", [])
    if golds:
        found = [g for g in golds if any(_matches_value(g, v) for v in answer.get("values", []))
                 or _value_in_text(g, answer, sources)]
        result["numeric_exact"] = len(found) == len(golds)
        result["values_found"] = f"{len(found)}/{len(golds)}"
    text = _normal(answer["answer"])
    phrases = gold.get("key_phrases") or []
    if phrases:
        result["key_phrase_recall"] = sum(_normal(phrase) in text for phrase in phrases) / len(phrases)
    if answer.get("answerable"):
        result["citation_ok"] = _cited(golds, phrases, sources, answer["citations"])
    else:
        result["citation_ok"] = False
    if sources:
        ranked = answer.get("retrieved") or answer["citations"]
        rank = next((position for position, passage in enumerate(ranked, start=1)
                     if any(_overlaps(source, passage) for source in sources)), None)
        result["rank"] = rank
    return result


# -- the report ------------------------------------------------------------------------------
def _share(flags: Iterable) -> float | None:
    flags = [bool(flag) for flag in flags]
    return round(sum(flags) / len(flags), 4) if flags else None


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)], 3)


def figures(results: list[dict]) -> dict:
    """The report's figures over a set of scored answers."""
    answerable = [r for r in results if r["answerable"]]
    gold_none = [r for r in results if not r["answerable"]]
    said_none = [r for r in results if not r["said_answerable"]]
    ranked = [r for r in results if "rank" in r]
    seconds = [r["seconds"] for r in results if r.get("seconds") is not None]
    phrase_scores = [r["key_phrase_recall"] for r in results if "key_phrase_recall" in r]
    return {
        "questions": len(results),
        "numeric_exact_match": _share(r["numeric_exact"] for r in results if "numeric_exact" in r),
        "citation_accuracy": _share(r["citation_ok"] for r in answerable),
        "key_phrase_recall": round(statistics.mean(phrase_scores), 4) if phrase_scores else None,
        "recall_at_5": _share(r["rank"] is not None and r["rank"] <= 5 for r in ranked),
        "recall_at_10": _share(r["rank"] is not None and r["rank"] <= 10 for r in ranked),
        "mrr": round(statistics.mean(1 / r["rank"] if r["rank"] else 0 for r in ranked), 4) if ranked else None,
        "unanswerable_precision": _share(not r["answerable"] for r in said_none) if gold_none else None,
        "unanswerable_recall": _share(not r["said_answerable"] for r in gold_none),
        "answerable_answered": _share(r["said_answerable"] for r in answerable),
        "unsupported_numbers": sum(len(r["unsupported"]) for r in results),
        "latency_p50": _percentile(seconds, 0.5),
        "latency_p95": _percentile(seconds, 0.95),
    }


def report(questions: list[dict], answers: list[dict]) -> dict:
    """Scores per question, and figures overall, per split and per kind."""
    by_id = {answer["id"]: answer for answer in answers}
    results = [score_answer(gold, by_id[gold["id"]]) for gold in questions if gold["id"] in by_id]
    splits = sorted({r["split"] for r in results})
    kinds = [kind for kind in KINDS if any(r["kind"] == kind for r in results)]
    return {
        "overall": figures(results),
        "splits": {split: figures([r for r in results if r["split"] == split]) for split in splits},
        "kinds": {kind: figures([r for r in results if r["kind"] == kind]) for kind in kinds},
        "questions": results,
    }


def regressions(current: dict, previous: dict) -> list[str]:
    """Each question that got worse since ``previous`` (a report), in words."""
    before = {r["id"]: r for r in previous.get("questions", [])}
    worse = []
    for now in current["questions"]:
        then = before.get(now["id"])
        if then is None:
            continue
        reasons = []
        if then.get("numeric_exact") and not now.get("numeric_exact"):
            reasons.append(f"numbers no longer match ({then.get('values_found')} -> {now.get('values_found')})")
        if (now.get("key_phrase_recall") or 0) < (then.get("key_phrase_recall") or 0):
            reasons.append(f"key phrases {then['key_phrase_recall']:.0%} -> {now.get('key_phrase_recall') or 0:.0%}")
        if then.get("citation_ok") and not now.get("citation_ok"):
            reasons.append("citation no longer holds the answer")
        if "rank" in then and (now.get("rank") or 99) > (then.get("rank") or 99):
            reasons.append(f"gold source rank {then.get('rank') or '-'} -> {now.get('rank') or '-'}")
        if not now["answerable"] and not then["said_answerable"] and now["said_answerable"]:
            reasons.append("now answers a question the papers cannot answer")
        if now["answerable"] and then["said_answerable"] and not now["said_answerable"]:
            reasons.append("now says the papers do not answer it")
        if len(now["unsupported"]) > len(then["unsupported"]):
            reasons.append(f"unsupported numbers {then['unsupported']} -> {now['unsupported']}")
        if reasons:
            worse.append(f"{now['id']} ({now['kind']}): {'; '.join(reasons)}")
    return worse


def _cell(value, metric: str) -> str:
    if value is None:
        return "-"
    if metric in ("mrr",):
        return f"{value:.2f}"
    if metric.startswith("latency"):
        return f"{value:.2f} s"
    if metric in ("unsupported_numbers", "questions"):
        return str(value)
    return f"{value:.0%}"


def markdown(current: dict, worse: list[str] | None = None, failures: bool = True) -> str:
    """The report as Markdown: a table of figures overall, per split and per kind, then (with
    ``failures``) the questions not fully right, then what got worse."""
    columns = ["questions"] + list(METRICS)
    header = "| | " + " | ".join(c.replace("_", " ") for c in columns) + " |\n|---|" + "---|" * len(columns) + "\n"
    rows = [("overall", current["overall"])] + [(f"split: {name}", f) for name, f in current["splits"].items()] + \
        [(f"kind: {name}", f) for name, f in current["kinds"].items()]
    lines = ["# Evaluation report", "", header + "\n".join(
        f"| {name} | " + " | ".join(_cell(f.get(c), c) for c in columns) + " |" for name, f in rows), ""]
    missed = [r for r in current["questions"] if r.get("numeric_exact") is False or (r.get("key_phrase_recall", 1) < 1)
              or r["answerable"] != r["said_answerable"] or r["unsupported"]]
    if missed and failures:
        lines += ["## Questions not fully right", ""]
        lines += [f"- {r['id']} [{r['split']}, {r['kind']}] {r['question']}: " + _failure(r) for r in missed]
        lines.append("")
    if worse is not None:
        lines += ["## Worse than the previous report", ""] + ([f"- {line}" for line in worse] or ["- none"]) + [""]
    return "\n".join(lines)


def _failure(result: dict) -> str:
    reasons = []
    if not result["answerable"] and result["said_answerable"]:
        reasons.append("answered a question the papers cannot answer")
    elif result["answerable"] and not result["said_answerable"]:
        reasons.append("said not answerable")
    if result.get("numeric_exact") is False and result["said_answerable"]:
        reasons.append(f"values {result['values_found']}")
    if result.get("key_phrase_recall", 1) < 1 and result["said_answerable"]:
        reasons.append(f"key phrases {result['key_phrase_recall']:.0%}")
    if result["unsupported"]:
        reasons.append(f"unsupported numbers {result['unsupported']}")
    return "; ".join(reasons)


def write(current: dict, answers: list[dict], out: Path, worse: list[str] | None = None) -> None:
    """answers.jsonl, report.json and report.md in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "answers.jsonl", "w", encoding="utf-8") as file:
        for answer in answers:
            file.write(json.dumps(answer, ensure_ascii=False) + "\n")
    (out / "report.json").write_text(json.dumps({**current, "worse": worse}, indent=1, ensure_ascii=False), encoding="utf-8")
    (out / "report.md").write_text(markdown(current, worse), encoding="utf-8")
