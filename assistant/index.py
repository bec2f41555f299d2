"""The Chroma store: chunk vectors plus a manifest of the indexed documents.

Embedded (``PersistentClient`` under the index folder) by default, or a ``chroma run`` server
when ``chroma_url`` is set: the same code either way. The manifest is a second collection with
one record per document; writing a document's record is the commit that makes its new version
searchable, so a crash half-way through leaves the previous version in service.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urlparse

from .config import Settings
from .documents import Chunk, Document

INDEX_RECORD = "__index__"
SEARCH_BREADTH = 500  # the candidates an HNSW query explores (ef_search): at the size of a council's papers, all of them


class ModelMismatch(Exception):
    """The index was built with another embedding model than the one configured."""


@dataclass
class DocumentRecord:
    """What the manifest knows of one indexed document."""

    name: str
    sha256: str
    path: str
    pages: int
    chunks: int
    tables: int
    ingested_at: str
    meta: dict

    @property
    def version(self) -> str:
        return self.sha256[:16]


def make_client(settings: Settings):
    """A chromadb client: HTTP when a server URL is configured, else persistent on disk."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "localhost",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.index_dir / "chroma"), settings=chroma_settings)


class PaperIndex:
    """Chunks with their vectors, and the manifest that says which versions are live."""

    def __init__(self, settings: Settings, client=None):
        self.settings = settings
        self.client = client or make_client(settings)
        self.chunks = self.client.get_or_create_collection(
            settings.collection, configuration={"hnsw": {"space": "cosine", "ef_search": SEARCH_BREADTH}},
            embedding_function=None,
        )
        if (self.chunks.configuration_json.get("hnsw") or {}).get("ef_search", 0) < SEARCH_BREADTH:  # made before: widen it
            self.chunks.modify(configuration={"hnsw": {"ef_search": SEARCH_BREADTH}})
        self.manifest = self.client.get_or_create_collection(
            settings.collection + "-manifest", embedding_function=None
        )

    @property
    def location(self) -> str:
        return self.settings.chroma_url or str(self.settings.index_dir.resolve())

    # -- the manifest ---------------------------------------------------------------------

    def info(self) -> dict:
        """The index record: model, creation and last ingest times (empty for a new index)."""
        found = self.manifest.get(ids=[INDEX_RECORD])
        return dict(found["metadatas"][0]) if found["ids"] else {}

    def check_model(self, model_name: str) -> None:
        """Refuse to mix models: vectors from two models are not comparable."""
        built_with = self.info().get("model")
        if built_with and built_with != model_name:
            raise ModelMismatch(
                f"the index at {self.location} was built with embedding model '{built_with}', "
                f"but '{model_name}' is configured; set ASSISTANT_EMBEDDING_MODEL={built_with} "
                "or use a new index folder (ASSISTANT_INDEX_DIR) and ingest again"
            )

    def documents(self) -> dict[str, DocumentRecord]:
        """Every live document, by file name."""
        found = self.manifest.get(include=["documents"])
        records = {}
        for record_id, body in zip(found["ids"], found["documents"]):
            if record_id != INDEX_RECORD:
                records[record_id] = DocumentRecord(**json.loads(body))
        return records

    def _touch(self, model_name: str) -> None:
        now = _now()
        info = self.info()
        info.update({"model": model_name, "last_ingest": now})
        info.setdefault("created", now)
        self.manifest.upsert(ids=[INDEX_RECORD], embeddings=[[0.0]], documents=["index"], metadatas=[info])

    # -- writing ------------------------------------------------------------------------------

    def replace_document(self, document: Document, chunks: list[Chunk], vectors: list[list[float]],
                         model_name: str) -> DocumentRecord:
        """Swap a document in whole: add the new version, commit it, then drop the old one."""
        self.check_model(model_name)
        version = document.sha256[:16]
        ids = [f"{version}:{number:05d}" for number in range(len(chunks))]
        metadatas = [{**chunk.metadata(), "version": version, "seq": n} for n, chunk in enumerate(chunks)]
        batch = 500
        for start in range(0, len(chunks), batch):
            self.chunks.upsert(
                ids=ids[start:start + batch],
                embeddings=vectors[start:start + batch],
                documents=[c.text for c in chunks[start:start + batch]],
                metadatas=metadatas[start:start + batch],
            )
        record = DocumentRecord(
            name=document.name,
            sha256=document.sha256,
            path=document.path,
            pages=len(document.pages),
            chunks=len(chunks),
            tables=sum(chunk.kind == "table" and chunk.part == 0 for chunk in chunks),
            ingested_at=_now(),
            meta=document.meta.__dict__.copy(),
        )
        self._commit(record)
        self._touch(model_name)
        self.chunks.delete(where={"$and": [{"document": document.name}, {"version": {"$ne": version}}]})
        return record

    def _commit(self, record: DocumentRecord) -> None:
        self.manifest.upsert(
            ids=[record.name],
            embeddings=[[0.0]],
            documents=[json.dumps(record.__dict__)],
            metadatas=[{"sha256": record.sha256}],
        )

    def remove_document(self, name: str) -> None:
        """Drop a document: first from the manifest (so it stops being served), then its chunks."""
        self.manifest.delete(ids=[name])
        self.chunks.delete(where={"document": name})

    def collect_garbage(self) -> int:
        """Delete chunks of versions no manifest record points to (left by an interrupted ingest)."""
        live = [record.version for record in self.documents().values()]
        where = {"version": {"$nin": live}} if live else None
        stale = self.chunks.get(where=where, include=[])["ids"]
        if stale:
            self.chunks.delete(ids=stale)
        return len(stale)

    # -- reading ------------------------------------------------------------------------------

    def live_chunks(self) -> tuple[list[str], list[str], list[dict]]:
        """Ids, texts and metadata of every chunk of a live document version."""
        live = [record.version for record in self.documents().values()]
        if not live:
            return [], [], []
        found = self.chunks.get(where={"version": {"$in": live}}, include=["documents", "metadatas"])
        # in document order, whatever order the store returns them in: keyword ranks break ties by position
        rows = sorted(zip(found["ids"], found["documents"], found["metadatas"]),
                      key=lambda row: (row[2].get("document") or "", row[2].get("version") or "", row[2].get("seq") or 0))
        return [row[0] for row in rows], [row[1] for row in rows], [row[2] for row in rows]

    def chunk_count(self) -> int:
        return sum(record.chunks for record in self.documents().values())


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
