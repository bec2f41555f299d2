"""The indicator store under ``indexes/indicators/``: each paper's tables and values in files
named by the paper's content hash, the extractor's version and the catalogue's own hash (so an
unchanged paper is never re-read, and a changed catalogue maps every paper again), the official
statistics, and a list of the live papers. Every file is written whole, then renamed."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from .catalogue import CATALOGUE_FILE, Catalogue
from .config import Settings
from .documents import Document
from .indicators import COLUMNS, document_values
from .statistics import StatisticsLoad, load_statistics
from .structure import parse_blocks
from .tables import Table, extract_tables

EXTRACTOR_VERSION = 40  # raise when extraction changes, so stored papers are read again
_CATALOGUE_HASH = hashlib.sha256(CATALOGUE_FILE.read_bytes()).hexdigest()[:8]  # labels map to its indicators
_TABLE_FIELDS = ("id", "document", "page", "line_start", "line_end", "title", "heading_path", "header", "rows",
                 "row_lines", "label_columns", "agenda_item", "report_title")


def _write_atomically(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


class IndicatorStore:
    """Tidy indicator values from papers and official statistics, with the tables they came from."""

    def __init__(self, settings: Settings):
        self.folder = Path(settings.index_dir) / "indicators"
        self._values: pd.DataFrame | None = None
        self._tables: dict[str, dict] | None = None
        self._neighbours: pd.DataFrame | None = None

    def reset(self) -> None:
        """Forget what was read, so the next read sees the files as they are now."""
        self._values = self._tables = self._neighbours = None

    # -- writing -------------------------------------------------------------------------
    def _stem(self, sha256: str) -> Path:
        return self.folder / "documents" / f"{sha256[:16]}-v{EXTRACTOR_VERSION}-{_CATALOGUE_HASH}"

    def has(self, document: Document) -> bool:
        return self._stem(document.sha256).with_suffix(".parquet").exists()

    def add(self, document: Document, catalogue: Catalogue | None = None) -> int:
        """Extract a paper's tables and values into the store; returns how many values it holds."""
        blocks = parse_blocks(document)
        tables = extract_tables(document, blocks)
        values = document_values(document, tables, catalogue, blocks)
        stem = self._stem(document.sha256)
        records = [{name: getattr(table, name) for name in _TABLE_FIELDS} for table in tables]
        _write_atomically(stem.with_suffix(".tables.json"),
                          lambda path: path.write_text(json.dumps(records), encoding="utf-8"))
        _write_atomically(stem.with_suffix(".parquet"), lambda path: values.to_parquet(path, index=False))
        self._values = self._tables = None
        return len(values)

    def set_live(self, documents: dict[str, str]) -> None:
        """Record which papers (name -> content hash) the index holds; forget the others' files."""
        _write_atomically(self.folder / "live.json",
                          lambda path: path.write_text(json.dumps(documents, indent=1), encoding="utf-8"))
        keep = {self._stem(sha).name for sha in documents.values()}
        for path in (self.folder / "documents").glob("*"):
            if path.name.split(".")[0] not in keep:
                path.unlink(missing_ok=True)
        self._values = self._tables = None

    def add_statistics(self, folder: Path) -> StatisticsLoad:
        """Load every official statistics file of a folder, replacing those loaded before."""
        loaded = load_statistics(folder)
        _write_atomically(self.folder / "statistics.parquet", lambda path: loaded.values.to_parquet(path, index=False))
        _write_atomically(self.folder / "neighbours.parquet", lambda path: loaded.neighbours.to_parquet(path, index=False))
        about = {"folder": str(folder.resolve()), "files": loaded.files, "problems": loaded.problems,
                 "values": len(loaded.values), "loaded_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        _write_atomically(self.folder / "statistics.json",
                          lambda path: path.write_text(json.dumps(about, indent=1), encoding="utf-8"))
        self._values = self._neighbours = None
        return loaded

    # -- reading -------------------------------------------------------------------------
    def live(self) -> dict[str, str]:
        path = self.folder / "live.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def values(self) -> pd.DataFrame:
        """Every value: the live papers' and the official statistics'."""
        if self._values is None:
            frames = []
            for sha in self.live().values():
                path = self._stem(sha).with_suffix(".parquet")
                if path.exists():
                    frames.append(pd.read_parquet(path))
            statistics = self.folder / "statistics.parquet"
            if statistics.exists():
                frames.append(pd.read_parquet(statistics))
            frames = [frame for frame in frames if not frame.empty]
            values = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
            values = _of_authorities_named(values)
            text = [column for column in values.columns if column != "value"]
            self._values = values.astype({column: object for column in text})  # fast row access for the tools
        return self._values

    def neighbours(self) -> pd.DataFrame:
        """Each council's statistical neighbours (la_code, rank, neighbour_code)."""
        if self._neighbours is None:
            path = self.folder / "neighbours.parquet"
            self._neighbours = pd.read_parquet(path) if path.exists() else \
                pd.DataFrame(columns=["la_code", "la_name", "rank", "neighbour_code"])
        return self._neighbours

    def statistics_info(self) -> dict | None:
        path = self.folder / "statistics.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    def _table_records(self) -> dict[str, dict]:
        if self._tables is None:
            self._tables = {}
            for sha in self.live().values():
                path = self._stem(sha).with_suffix(".tables.json")
                if path.exists():
                    for record in json.loads(path.read_text(encoding="utf-8")):
                        self._tables[record["id"]] = record
        return self._tables

    def tables(self, document: str | None = None) -> list[Table]:
        """The stored tables, of one paper when named (by part of its file name)."""
        found = []
        for record in self._table_records().values():
            if document is None or document.lower() in record["document"].lower():
                found.append(Table(**record))
        return found

    def table(self, table_id: str) -> Table | None:
        record = self._table_records().get(table_id)
        return Table(**record) if record else None

    def info(self) -> dict:
        values = self.values()
        papers = values[values["source"] != "official"]
        return {
            "documents": len(self.live()), "tables": len(self._table_records()), "values": len(papers),
            "official_values": int((values["source"] == "official").sum()),
            "indicators": int(papers["indicator"].nunique()),
        }


def _of_authorities_named(values: pd.DataFrame) -> pd.DataFrame:
    """A paper's table whose title names one other local authority of the official statistics holds that
    authority's figures, not the paper's council's ("Impact in Leeds - Trends" in a Norfolk review)."""
    authorities = set(values.loc[(values["source"] == "official") & (values["geography"] == "local authority"),
                                 "council"].dropna())
    tables = values[values["source"] == "table"]
    for (title, council), rows in tables.groupby(["table_title", "council"], dropna=True).groups.items():
        named = [name for name in authorities - {council} if re.search(rf"\b{re.escape(name)}\b", title)]
        if len(named) == 1 and not re.search(rf"\b{re.escape(council)}\b", title):
            values.loc[rows, "council"] = named[0]
    return values
