"""Ingest papers: find files, skip unchanged ones, load, chunk, embed and swap each in whole.

A file that cannot be read gets one line saying why; the others still go in, and nothing
already indexed is lost.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .chunking import chunk_document
from .config import Settings
from .documents import Chunk, Document
from .embeddings import Embedder
from .index import PaperIndex
from .loaders import SUPPORTED_SUFFIXES, LoadError, load_document
from .store import IndicatorStore

# Files that describe a folder rather than being a paper in it.
FOLDER_NOTES = {"readme.md", "sources.md", "readme.txt", "license", "license.md"}


@dataclass
class FileOutcome:
    """What happened to one file: indexed, unchanged, skipped or failed (with the reason)."""

    path: str
    status: str
    reason: str = ""
    pages: int = 0
    chunks: int = 0
    tables: int = 0


@dataclass
class IngestSummary:
    """The counts an ingest reports."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    embedded_chunks: int = 0

    def count(self, status: str) -> int:
        return sum(outcome.status == status for outcome in self.outcomes)

    @property
    def failed(self) -> int:
        return self.count("failed")

    def total(self, attribute: str) -> int:
        return sum(getattr(outcome, attribute) for outcome in self.outcomes)

    def describe(self) -> str:
        return (
            f"{len(self.outcomes)} files: {self.count('indexed')} indexed, {self.count('unchanged')} unchanged, "
            f"{self.count('skipped')} skipped, {self.failed} failed; {len(self.removed)} removed. "
            f"{self.total('pages')} pages, {self.total('chunks')} chunks, {self.total('tables')} tables "
            f"in {self.seconds:.1f} s"
        )


def discover(paths: list[Path]) -> tuple[list[Path], list[FileOutcome]]:
    """The files to ingest under the given paths, and outcomes for paths that can't be used."""
    files, outcomes = [], []
    for path in paths:
        if path.is_dir():
            for candidate in sorted(p for p in path.rglob("*") if p.is_file()):
                if candidate.name.startswith(".") or candidate.name.endswith(".meta.json"):
                    continue
                if candidate.name.lower() in FOLDER_NOTES:
                    outcomes.append(FileOutcome(str(candidate), "skipped", "describes the folder, not a paper"))
                elif candidate.suffix.lower() not in SUPPORTED_SUFFIXES:
                    outcomes.append(FileOutcome(str(candidate), "skipped", f"unsupported file type '{candidate.suffix}'"))
                else:
                    files.append(candidate)
        else:
            files.append(path)  # a missing or unsupported file named outright fails in the loader
    return files, outcomes


class Ingester:
    """Brings an index up to date with a set of files."""

    def __init__(self, settings: Settings, index: PaperIndex | None = None, embedder: Embedder | None = None,
                 echo=print):
        self.settings = settings
        self.index = index or PaperIndex(settings)
        self.embedder = embedder or Embedder(settings.embedding_model, settings.embed_batch_size)
        self.store = IndicatorStore(settings)
        self.echo = echo

    def run(self, paths: list[Path], progress: bool = True) -> IngestSummary:
        """Ingest the files under paths; drop indexed documents whose files were deleted from those folders."""
        started = time.perf_counter()
        self.index.check_model(self.embedder.model_name)
        self.index.collect_garbage()
        summary = IngestSummary()
        files, summary.outcomes = discover(paths)
        known = self.index.documents()
        pending: list[tuple[Document, list[Chunk], FileOutcome]] = []
        for path in files:
            outcome = FileOutcome(str(path), "indexed")
            try:
                document = load_document(path, self.settings.max_file_bytes)
            except LoadError as error:
                outcome.status, outcome.reason = "failed", str(error)
            except OSError as error:
                outcome.status, outcome.reason = "failed", f"cannot read ({error.strerror or error})"
            else:
                self._extract_indicators(document)
                record = known.get(document.name)
                if record and record.sha256 == document.sha256:
                    outcome.status = "unchanged"
                    outcome.pages, outcome.chunks, outcome.tables = record.pages, record.chunks, record.tables
                else:
                    chunks = chunk_document(document, self.embedder.count_tokens, self.settings.chunk_tokens,
                                            self.settings.chunk_overlap_tokens)
                    pending.append((document, chunks, outcome))
            summary.outcomes.append(outcome)
        for outcome in summary.outcomes:
            if outcome.status in ("failed", "skipped"):
                self.echo(f"{outcome.status.upper()} {outcome.path}: {outcome.reason}")
        self._embed_and_swap(pending, summary, progress)
        summary.removed = self._remove_deleted(paths)
        self.store.set_live({name: record.sha256 for name, record in self.index.documents().items()})
        summary.seconds = time.perf_counter() - started
        return summary

    def _extract_indicators(self, document: Document) -> None:
        """Put a paper's tables and stated figures in the indicator store (once per content)."""
        if self.store.has(document):
            return
        try:
            self.store.add(document)
        except Exception as error:  # a table the reader cannot parse must not keep the paper out
            self.echo(f"WARNING {document.path}: indicator values not extracted ({type(error).__name__}: {error})")

    def _embed_and_swap(self, pending, summary: IngestSummary, progress: bool) -> None:
        from tqdm import tqdm

        total = sum(len(chunks) for _, chunks, _ in pending)
        with tqdm(total=total, unit="chunk", desc="embedding", disable=not progress or not total,
                  file=sys.stderr) as bar:
            for document, chunks, outcome in pending:
                try:
                    vectors = []
                    for start in range(0, len(chunks), self.settings.embed_batch_size):
                        batch = chunks[start:start + self.settings.embed_batch_size]
                        vectors += self.embedder.embed_documents([c.embedding_text() for c in batch])
                        bar.update(len(batch))
                    record = self.index.replace_document(document, chunks, vectors, self.embedder.model_name)
                except Exception as error:  # one document's failure must not stop the others
                    outcome.status, outcome.reason = "failed", f"could not index ({type(error).__name__}: {error})"
                    self.echo(f"FAILED {outcome.path}: {outcome.reason}")
                    continue
                summary.embedded_chunks += len(chunks)
                outcome.pages, outcome.chunks, outcome.tables = record.pages, record.chunks, record.tables

    def _remove_deleted(self, paths: list[Path]) -> list[str]:
        """Documents indexed from one of these folders whose file is gone."""
        folders = {path.resolve() for path in paths if path.is_dir()}
        removed = []
        for name, record in self.index.documents().items():
            stored = Path(record.path).resolve()
            if not stored.exists() and any(folder == stored.parent or folder in stored.parents for folder in folders):
                self.index.remove_document(name)
                removed.append(name)
        return removed
