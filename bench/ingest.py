"""Benchmark ingest and search on the built-in corpus; prints figures, asserts nothing.

    .venv/bin/python bench/ingest.py [--corpus corpus] [--queries 50]

Cold ingest into a fresh index (model load included), unchanged re-ingest, then warm search
latency. Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.chunking import chunk_document  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.embeddings import Embedder  # noqa: E402
from assistant.index import PaperIndex  # noqa: E402
from assistant.ingest import Ingester, discover  # noqa: E402
from assistant.loaders import load_document  # noqa: E402
from assistant.search import Searcher  # noqa: E402

QUERIES = [
    "who was elected chair of the scrutiny sub-committee",
    "placement stability children with three or more placements",
    "care leavers in education, employment or training",
    "why is the budget overspent",
    "health assessments for looked after children",
    "rate of children in care per 10,000",
    "what did the committee resolve about unlawful exclusions",
    "front door redesign North Somerset",
    "corporate parenting strategy progress",
    "social worker recruitment and agency staff",
]


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default="corpus")
    parser.add_argument("--queries", type=int, default=50, help="timed searches after warm-up")
    args = parser.parse_args()
    corpus = Path(args.corpus)

    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(index_dir=Path(folder) / "index")
        started = time.perf_counter()
        embedder = Embedder(settings.embedding_model)
        embedder.model  # noqa: B018 - model load is part of a cold ingest
        load_seconds = time.perf_counter() - started

        files, _ = discover([corpus])
        t0 = time.perf_counter()
        documents = [load_document(f, settings.max_file_bytes) for f in files]
        pages = sum(len(d.pages) for d in documents)
        chunks = [c for d in documents for c in chunk_document(d, embedder.count_tokens)]
        parse_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        embedder.embed_documents([c.embedding_text() for c in chunks])
        embed_seconds = time.perf_counter() - t0

        index = PaperIndex(settings)
        t0 = time.perf_counter()
        cold = Ingester(settings, index=index, embedder=embedder, echo=lambda line: None).run([corpus], progress=False)
        cold_seconds = time.perf_counter() - t0 + load_seconds
        t0 = time.perf_counter()
        Ingester(settings, index=index, embedder=embedder, echo=lambda line: None).run([corpus], progress=False)
        warm_seconds = time.perf_counter() - t0

        searcher = Searcher(index, embedder)
        for query in QUERIES:  # warm-up, builds the keyword index
            searcher.search(query)
        timings = []
        for n in range(args.queries):
            t0 = time.perf_counter()
            searcher.search(QUERIES[n % len(QUERIES)], k=5)
            timings.append((time.perf_counter() - t0) * 1000)
        timings.sort()

        print(f"corpus: {len(documents)} documents, {pages} pages, {len(chunks)} chunks, "
              f"{cold.total('tables')} tables")
        print(f"model load: {load_seconds:.1f} s")
        print(f"parse + chunk: {parse_seconds:.2f} s ({pages / parse_seconds:.0f} pages/s, {len(chunks) / parse_seconds:.0f} chunks/s)")
        print(f"embedding alone: {len(chunks) / embed_seconds:.1f} chunks/s")
        print(f"cold ingest, model load included: {cold_seconds:.1f} s = {cold.total('chunks') / cold_seconds:.1f} chunks/s")
        print(f"unchanged re-ingest: {warm_seconds:.2f} s")
        print(f"index size: {_size(settings.index_dir) / 2**20:.1f} MB")
        print(f"search latency (warm, {len(timings)} queries): p50 {statistics.median(timings):.0f} ms, "
              f"p95 {timings[int(len(timings) * 0.95) - 1]:.0f} ms")
        print(f"peak memory: {_peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
