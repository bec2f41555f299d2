"""The evaluation harness: the gold set checked against the papers, the scorer on real answers,
`assistant eval`, and the floors the whole set must stay above."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant import evaluation
from assistant.cli import main

from conftest import CORPUS

ROOT = Path(__file__).resolve().parent.parent
GOLD = evaluation.load_questions(ROOT / "eval" / "questions.jsonl")
PROBES = evaluation.load_questions(ROOT / "eval" / "probes.jsonl")  # written later, apart from the gold set
FLOORS = json.loads((ROOT / "eval" / "floors.json").read_text(encoding="utf-8"))
OUTPUT = ROOT / "test-output" / "eval"


def _lines(document: str, lines: str) -> str:
    numbers = [int(n) for n in re.findall(r"\d+", lines)[:2]]
    text = (CORPUS / document).read_text(encoding="utf-8").splitlines()
    return " ".join(text[numbers[0] - 1:numbers[-1]])


def test_gold_set_has_every_kind_both_splits_and_150_questions():
    assert len(GOLD) >= 150
    assert len({q["id"] for q in GOLD}) == len(GOLD)
    for split in ("dev", "heldout"):
        assert {q["kind"] for q in GOLD if q["split"] == split} == set(evaluation.KINDS), split
    assert all(q["answerable"] == (q["kind"] != "unanswerable") for q in GOLD)


@pytest.mark.parametrize("question", GOLD + PROBES, ids=[q["id"] for q in GOLD + PROBES])
def test_gold_answer_is_printed_where_its_sources_say(question):
    """Every quote is at its lines; every gold number is in a quote; every key phrase in a source."""
    if not question["answerable"]:
        assert not question["sources"] and not question["values"]
        return
    assert question["sources"] and (question["values"] or question["key_phrases"])
    held = ""
    for source in question["sources"]:
        text = " ".join(_lines(source["document"], source["lines"]).split())
        assert " ".join(source["quote"].split()) in text, source
        held += " " + text
    for value in question["values"]:
        assert evaluation._holds_number(value, held), value
    for phrase in question["key_phrases"]:
        assert evaluation._normal(phrase) in evaluation._normal(held), phrase


def _gold(identifier: str) -> dict:
    return next(q for q in GOLD if q["id"] == identifier)


def _first(kind: str, numeric: bool) -> dict:
    return next(q for q in GOLD if q["kind"] == kind and bool(q["values"]) == numeric)


def test_scorer_marks_a_wrong_number_an_invented_number_and_a_refusal(assistant):
    gold = _first("lookup", numeric=True)
    answer = assistant.ask(gold["question"]).to_json(gold["id"])
    right = evaluation.score_answer(gold, answer)
    assert right["numeric_exact"] and right["citation_ok"] and right["unsupported"] == []
    wrong = json.loads(json.dumps(answer))
    for value in wrong["values"]:
        value["value"] = (value["value"] or 0) + 7
    wrong["answer"] = re.sub(r"\d+(?:\.\d+)?", lambda m: str(float(m.group()) + 7), wrong["answer"])
    scored = evaluation.score_answer(gold, wrong)
    assert scored["numeric_exact"] is False and scored["unsupported"], "a changed figure is in no source"
    refused = {**answer, "answerable": False, "citations": [], "values": [], "answer": "The papers do not say."}
    scored = evaluation.score_answer(gold, refused)
    assert scored["numeric_exact"] is False and scored["citation_ok"] is False


def test_scorer_reads_key_phrases_ranks_and_unanswerable_questions(assistant):
    gold = _first("fact", numeric=False)
    answer = assistant.ask(gold["question"]).to_json(gold["id"])
    scored = evaluation.score_answer(gold, answer)
    assert "rank" in scored and "key_phrase_recall" in scored
    blank = {**answer, "answer": "Nothing relevant.", "retrieved": [], "citations": []}
    scored = evaluation.score_answer(gold, blank)
    assert scored["key_phrase_recall"] == 0 and scored["rank"] is None
    none = next(q for q in GOLD if not q["answerable"])
    declined = evaluation.score_answer(none, assistant.ask(none["question"]).to_json(none["id"]))
    figures = evaluation.figures([declined, {**declined, "said_answerable": True}])
    assert figures["unanswerable_recall"] == (0.5 if not declined["said_answerable"] else 0.0)


def test_scorer_reads_a_count_written_in_words():
    # "renovation of existing Norfolk County Council properties (currently three)"
    three = {"value": 3, "unit": "count"}
    assert evaluation._holds_number(three, "existing properties (currently three)")
    assert evaluation._holds_number(three, "3 properties")
    assert not evaluation._holds_number(three, "currently thirteen properties")


def test_compare_lists_each_question_that_got_worse():
    results = [{"id": "a", "kind": "lookup", "split": "dev", "answerable": True, "said_answerable": True,
                "numeric_exact": True, "values_found": "1/1", "unsupported": [], "citation_ok": True, "rank": 1},
               {"id": "b", "kind": "unanswerable", "split": "dev", "answerable": False, "said_answerable": False,
                "unsupported": []}]
    before = {"questions": results}
    after = {"questions": [{**results[0], "numeric_exact": False, "values_found": "0/1", "rank": 7},
                           {**results[1], "said_answerable": True}]}
    worse = evaluation.regressions(after, before)
    assert len(worse) == 2
    assert "numbers no longer match (1/1 -> 0/1)" in worse[0] and "gold source rank 1 -> 7" in worse[0]
    assert "now answers a question the papers cannot answer" in worse[1]
    assert evaluation.regressions(before, before) == []


def test_eval_command_writes_reports_and_compares(corpus_index, tmp_path, capsys):
    settings = corpus_index[0]
    picked = [_first("lookup", True), _first("fact", False), next(q for q in GOLD if not q["answerable"])]
    questions = tmp_path / "gold.jsonl"
    questions.write_text("".join(json.dumps(q) + "\n" for q in picked), encoding="utf-8")
    index = ["--index-dir", str(settings.index_dir)]
    assert main(index + ["eval", "--questions", str(questions), "--out", str(tmp_path / "one")]) == 0
    out = capsys.readouterr().out
    assert "| overall | 3 |" in out and "numeric exact match" in out
    report = json.loads((tmp_path / "one" / "report.json").read_text())
    assert report["overall"]["questions"] == 3 and set(report["kinds"]) == {"lookup", "fact", "unanswerable"}
    assert len((tmp_path / "one" / "answers.jsonl").read_text().splitlines()) == 3
    assert "# Evaluation report" in (tmp_path / "one" / "report.md").read_text()
    perfect = [{**r, "numeric_exact": True if "numeric_exact" in r else None, "citation_ok": r["answerable"],
                "key_phrase_recall": 1.0 if "key_phrase_recall" in r else None, "rank": 1 if "rank" in r else None,
                "said_answerable": r["answerable"], "unsupported": []} for r in report["questions"]]
    previous = tmp_path / "previous.json"
    previous.write_text(json.dumps({**report, "questions": [{k: v for k, v in r.items() if v is not None}
                                                             for r in perfect]}))
    code = main(index + ["eval", "--questions", str(questions), "--out", str(tmp_path / "two"),
                         "--compare", str(previous)])
    out = capsys.readouterr().out
    short = [r["id"] for r in report["questions"] if r.get("numeric_exact") is False or r.get("citation_ok") is False
             and r["answerable"] or r.get("key_phrase_recall", 1) < 1 or r.get("rank", 1) != 1
             or r["said_answerable"] != r["answerable"]]
    assert code == (1 if short else 0)
    assert all(f"  {identifier} (" in out for identifier in short)
    assert len(json.loads((tmp_path / "two" / "report.json").read_text())["worse"]) == len(short)


def test_whole_gold_set_stays_above_its_floors(assistant):
    """Floors are set at what the system reaches and only ever go up (eval/floors.json)."""
    answers = evaluation.run(lambda question: assistant.ask(question).to_json(), GOLD)
    report = evaluation.report(GOLD, answers)
    evaluation.write(report, answers, OUTPUT)
    overall = report["overall"]
    for metric, floor in FLOORS.items():
        if evaluation.METRICS[metric] == "lower":
            assert overall[metric] <= floor, (metric, overall[metric], (OUTPUT / "report.md"))
        else:
            assert overall[metric] >= floor, (metric, overall[metric], (OUTPUT / "report.md"))
