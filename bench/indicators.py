"""Benchmark the indicator store and the numeric tools; prints figures, asserts nothing.

    .venv/bin/python bench/indicators.py [--corpus corpus] [--statistics ../shared/statistics]

Extraction time for the corpus (load, tables, values); tables, cells and values found;
coverage, the share of numeric cells inside detected tables that became values with a
period and a unit; official statistics load time; tool latency p50/p95 (warm).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import Settings  # noqa: E402
from assistant.figures import parse_figure  # noqa: E402
from assistant.ingest import discover  # noqa: E402
from assistant.loaders import load_document  # noqa: E402
from assistant.store import IndicatorStore  # noqa: E402
from assistant.tables import extract_tables  # noqa: E402
from assistant.tools import IndicatorTools  # noqa: E402

CALLS = [
    ("find_indicators", ("placement stability",)),
    ("find_indicators", ("care leavers in work or education",)),
    ("series", ("placement_stability_short", "Norfolk")),
    ("series", ("cla_rate", "Norfolk")),
    ("change", ("placement_stability_short", "Norfolk", "Jan 2018", "Apr 2018")),
    ("change", ("care_leavers_eet", "North Somerset")),
    ("compare", ("placement_stability_short", "Norfolk", "Apr 2018")),
    ("compare", ("placement_stability_short", "Northumberland")),
    ("compare", ("cla_rate", "North Somerset")),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="corpus")
    parser.add_argument("--statistics", default=str(Path(__file__).resolve().parents[2] / "shared" / "statistics"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    files, _ = discover([Path(args.corpus)])
    with tempfile.TemporaryDirectory() as folder:
        store = IndicatorStore(Settings(index_dir=Path(folder)))
        started = time.perf_counter()
        documents = [load_document(path, 10**9) for path in files]
        live = {}
        for document in documents:
            store.add(document)
            live[document.name] = document.sha256
        store.set_live(live)
        extraction = time.perf_counter() - started

        numeric = covered = cells = 0
        values = store.values()
        tables = [table for document in documents for table in extract_tables(document)]
        from_tables = values[values["source"] == "table"]
        complete = from_tables[from_tables["period"].notna() & from_tables["unit"].notna()]
        complete_cells = set(zip(complete["table_id"], complete["line"], complete["column"], complete["value_text"]))
        for table in tables:
            for cell in table.cells:
                cells += 1
                if parse_figure(cell.raw).is_number:
                    numeric += 1
                    covered += (table.id, cell.line, " / ".join(cell.column_headers), cell.raw) in complete_cells
        print(f"corpus: {len(documents)} papers; extraction {extraction:.2f} s "
              f"({extraction / len(documents) * 1000:.0f} ms a paper, load and parse included)")
        print(f"tables: {len(tables)}; filled cells: {cells}; numeric cells: {numeric}")
        print(f"values: {len(from_tables)} from tables, {int((values['source'] == 'prose').sum())} from prose; "
              f"{int(values['indicator'].notna().sum())} matched to catalogue indicators")
        print(f"coverage: {covered / numeric:.1%} of numeric table cells became values with a period and a unit (aim 95%)")
        print(f"statuses: {values['status'].value_counts().to_dict()}")

        if Path(args.statistics).is_dir():
            started = time.perf_counter()
            loaded = store.add_statistics(Path(args.statistics))
            print(f"official statistics: {len(loaded.files)} files, {len(loaded.values)} values "
                  f"in {time.perf_counter() - started:.2f} s")
        tools = IndicatorTools(store)
        for name, call_args in CALLS:  # warm up: the store and per-indicator indexes load once
            getattr(tools, name)(*call_args)
        timings: dict[str, list[float]] = {}
        for _ in range(args.repeat):
            for name, call_args in CALLS:
                started = time.perf_counter()
                getattr(tools, name)(*call_args)
                timings.setdefault(name, []).append((time.perf_counter() - started) * 1000)
        every = sorted(t for values_ms in timings.values() for t in values_ms)
        for name, values_ms in timings.items():
            values_ms.sort()
            print(f"{name:16} p50 {statistics.median(values_ms):6.1f} ms  p95 {values_ms[int(0.95 * len(values_ms)) - 1]:6.1f} ms")
        print(f"all tools        p95 {every[int(0.95 * len(every)) - 1]:6.1f} ms (aim under 20 ms)")


if __name__ == "__main__":
    main()
