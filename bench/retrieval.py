"""Measure narrative retrieval: recall@5, recall@10 and MRR of hybrid search, with and without
the cross-encoder rerank, and the rerank's latency; prints figures, asserts nothing.

    .venv/bin/python bench/retrieval.py [--index-dir indexes] [--rerank-top 8 12]

A hit is relevant when it is from the gold document and its lines hold the gold line.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import Settings  # noqa: E402
from assistant.embeddings import Embedder  # noqa: E402
from assistant.index import PaperIndex  # noqa: E402
from assistant.rerank import CrossEncoder  # noqa: E402
from assistant.search import Searcher  # noqa: E402

N18, N20 = "norfolk_2018-07-10_childrens-services-committee.txt", "norfolk_2020-12-02_childrens-services-scrutiny-sub-committee.txt"
NS, NB = "north-somerset_2022-03-10_children-young-people-policy-scrutiny-panel.txt", "northumberland_2019-06-06_family-and-children-overview-scrutiny.txt"
GOLD = [  # question, document, a line that answers it
    ("Who was elected chair of the scrutiny sub-committee?", N20, 151),
    ("Who became vice-chair?", N20, 157),
    ("What is the Mockingbird model and how far has North Somerset taken it?", NS, 101),
    ("What did the Bright Spots survey of children in care find?", NS, 104),
    ("What is the Inside Out project?", N20, 528),
    ("What is No Wrong Door?", N20, 596),
    ("What did Red Quadrant recommend about SEN transport?", N18, 2096),
    ("Who is North Somerset's partner in practice for the front door redesign?", NS, 95),
    ("What did members ask about unlawful exclusions?", N18, 95),
    ("Why did the percentage of stable placements drop?", N18, 707),
    ("When was the Stronger Families service launched?", N20, 426),
    ("How was the sub-committee meeting held during coronavirus?", N20, 11),
    ("What was referred to the Corporate Parenting Board about health outcomes?", N20, 229),
    ("What are the capacity issues with initial health assessments?", N18, 1748),
    ("How is Northumberland increasing staying put arrangements?", NB, 45),
    ("How is the directorate moving children from residential care into fostering?", N18, 1851),
]


def _rank(hits, document: str, line: int) -> int | None:
    for position, hit in enumerate(hits, start=1):
        meta = hit.metadata
        if meta["document"] == document and meta["line_start"] <= line <= meta["line_end"]:
            return position
    return None


def _figures(ranks: list[int | None]) -> str:
    recall5 = sum(1 for r in ranks if r and r <= 5) / len(ranks)
    recall10 = sum(1 for r in ranks if r and r <= 10) / len(ranks)
    mrr = statistics.mean(1 / r if r else 0 for r in ranks)
    return f"recall@5 {recall5:.0%}  recall@10 {recall10:.0%}  MRR {mrr:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", default="indexes")
    parser.add_argument("--rerank-top", type=int, nargs="+", default=[8, 12])
    args = parser.parse_args()
    settings = Settings.from_env(index_dir=Path(args.index_dir))
    searcher = Searcher(PaperIndex(settings), Embedder(settings.embedding_model))
    searcher.search("warm up", k=1)
    pool = {question: searcher.search(question, k=20) for question, _, _ in GOLD}
    print(f"{len(GOLD)} questions")
    print(f"hybrid search          {_figures([_rank(pool[q], d, l) for q, d, l in GOLD])}")
    encoder = CrossEncoder()
    encoder.score("warm up", ["warm up"])
    for top in args.rerank_top:
        ranks, seconds = [], []
        for question, document, line in GOLD:
            started = time.perf_counter()
            reranked = encoder.rerank(question, pool[question], top)
            seconds.append(time.perf_counter() - started)
            ranks.append(_rank(reranked, document, line))
        seconds.sort()
        print(f"+ rerank top {top:<3}      {_figures(ranks)}  rerank p50 {statistics.median(seconds) * 1000:.0f} ms, "
              f"p95 {seconds[int(0.95 * len(seconds)) - 1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
