"""Benchmark answering; prints figures, asserts nothing.

    .venv/bin/python bench/answer.py [--index-dir indexes] [--repeat 5]

Cold start (``Assistant.load``: index, indicator store, model, keyword index), then warm
latency p50/p95 per question kind, and peak memory. Run `assistant ingest` (with
`--statistics`) on the index first.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.assistant import Assistant  # noqa: E402
from assistant.config import Settings  # noqa: E402

QUESTIONS = {
    "numeric": [
        "How has placement stability changed in Norfolk?",
        "What was the rate of looked after children per 10,000 in Norfolk in March 2018?",
        "How are care leavers doing in North Somerset?",
        "What is the forecast overspend on legal costs?",
        "Are we better than our statistical neighbours on care leavers in education or work?",
    ],
    "narrative": [
        "Who was elected chair of the scrutiny sub-committee?",
        "What did the committee decide about health assessments?",
        "Why is the children's services budget overspent?",
        "What is North Somerset doing about children missing from home?",
        "What did Northumberland say about its corporate parenting strategy?",
    ],
    "not in the papers": [
        "How many children were adopted in Rutland in 2016?",
        "What did the committee say about potholes on the A47?",
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", default="indexes")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    assistant = Assistant.load(Settings.from_env(index_dir=Path(args.index_dir)))
    print(f"cold start (Assistant.load, model and keyword index included): {time.perf_counter() - started:.1f} s")
    for question in (q for group in QUESTIONS.values() for q in group):  # first answers load per-indicator indexes
        assistant.ask(question)
    for kind, questions in QUESTIONS.items():
        timings = []
        for _ in range(args.repeat):
            for question in questions:
                begun = time.perf_counter()
                assistant.ask(question)
                timings.append((time.perf_counter() - begun) * 1000)
        timings.sort()
        print(f"{kind:18} p50 {statistics.median(timings):6.0f} ms  p95 {timings[int(0.95 * len(timings)) - 1]:6.0f} ms"
              f"  ({len(timings)} answers)")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print("aims: numeric p95 under 300 ms, narrative p95 under 1500 ms, cold start under 10 s")


if __name__ == "__main__":
    main()
