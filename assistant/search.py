"""Search the indexed chunks: dense (Chroma) and keyword (BM25) results fused by reciprocal rank.

Filters (council, committee, meeting dates, document) are resolved against the manifest into
the set of live document versions a result may come from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .embeddings import Embedder
from .index import DocumentRecord, PaperIndex

RRF_K = 60
EACH_BEST = 2  # of each retriever's best hits, all are among those search returns
BUDGET_MONTH = re.compile(r"\bmonth\s+(\d{1,2})\b(?!\s*(?:19|20)\d{2})", re.IGNORECASE)  # "at Month 6", not "Month 2011"
_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")


@dataclass
class Filters:
    """Which documents a search may return results from; None means any."""

    council: str | None = None
    committee: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    document: str | None = None

    def admits(self, record: DocumentRecord) -> bool:
        meta = record.meta
        date = meta.get("meeting_date") or ""
        return (
            _contains(meta.get("council"), self.council)
            and _contains(meta.get("committee"), self.committee)
            and _contains(record.name, self.document)
            and (not self.since or (date and date >= self.since))
            and (not self.until or (date and date <= self.until))
        )


def _contains(value: str | None, wanted: str | None) -> bool:
    """Case-insensitive containment, with hyphens and spaces alike ('sub-committee' ~ 'sub committee')."""
    if not wanted:
        return True
    def norm(text: str) -> str:
        return " ".join(re.sub(r"[-_'’]", " ", text.lower()).split())
    return bool(value) and norm(wanted) in norm(value)


@dataclass
class Hit:
    """A ranked chunk with where it came from and how it scored."""

    chunk_id: str
    text: str
    metadata: dict
    score: float  # fused reciprocal-rank score
    similarity: float | None = None  # cosine similarity from the dense search
    keyword_rank: int | None = None  # rank in the BM25 results
    sources: list[str] = field(default_factory=list)

    @property
    def location(self) -> str:
        """'page 7' for a PDF, 'lines 120-131' for text."""
        meta = self.metadata
        lines = f"lines {meta['line_start']}-{meta['line_end']}"
        return f"page {meta['page']}, {lines}" if meta.get("page") else lines


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(text: str) -> list[str]:
    """Lower-cased word stems, so 'exclusions' meets 'exclusion' and 'placements' 'placement'."""
    return _stemmer().stemWords(_TOKEN.findall(text.lower()))


class Searcher:
    """Hybrid search over one index; the keyword index is built from the live chunks on first use."""

    def __init__(self, index: PaperIndex, embedder: Embedder):
        self.index = index
        self.embedder = embedder
        self._keyword = None
        self._positions = None
        self._spelling = None
        self._months = None

    @property
    def spelling(self):
        """The papers' words, to put a question's misspellings right (see ``spelling``)."""
        if self._spelling is None:
            from .spelling import Spelling

            _, _, texts, metas = self._keyword_index()
            self._spelling = Spelling(meta.get("heading", "") + " " + text for text, meta in zip(texts, metas))
        return self._spelling

    def _keyword_index(self):
        if self._keyword is None:
            import bm25s

            ids, texts, metas = self.index.live_chunks()
            retriever = bm25s.BM25()
            if texts:
                corpus = [tokenize(meta.get("heading", "") + " " + text) for text, meta in zip(texts, metas)]
                retriever.index(corpus, show_progress=False)
            self._keyword = (retriever, ids, texts, metas)
        return self._keyword

    def months_reported(self) -> set[int]:
        """The budget-monitoring months the papers name ("Month 2"): their forecasts are of those months."""
        if self._months is None:
            _, _, texts, _ = self._keyword_index()
            self._months = {int(number) for text in texts for number in BUDGET_MONTH.findall(text)}
        return self._months

    def refresh(self) -> None:
        """Forget the keyword index (and the papers' words and budget months) after the index changed."""
        self._keyword = None
        self._positions = None
        self._spelling = None
        self._months = None

    def following(self, hit: Hit) -> Hit | None:
        """The chunk right after a hit in its document (overlapping it, or from the next line on), for
        an answer that reads on past a chunk's end."""
        _, ids, texts, metas = self._keyword_index()
        if self._positions is None:
            self._positions = {(meta.get("version"), meta.get("seq")): n for n, meta in enumerate(metas)}
        n = self._positions.get((hit.metadata.get("version"), (hit.metadata.get("seq") or 0) + 1))
        if n is None or metas[n].get("line_start", 0) > hit.metadata.get("line_end", 0) + 2:
            return None  # none, or a line other than a blank one lies between (a heading left unindexed)
        return Hit(chunk_id=ids[n], text=texts[n], metadata=metas[n], score=0.0)

    def search(self, query: str, k: int = 5, filters: Filters | None = None, mode: str = "hybrid") -> list[Hit]:
        """The k best chunks for a query, best first."""
        self.index.check_model(self.embedder.model_name)
        filters = filters or Filters()
        records = [r for r in self.index.documents().values() if filters.admits(r)]
        if not records:
            return []
        versions = {record.version for record in records}
        pool = max(k * 4, 20)
        ranked: dict[str, Hit] = {}
        leaders: list[str] = []  # each retriever's own best hits
        if mode in ("hybrid", "dense"):
            for rank, hit in enumerate(self._dense(query, versions, pool)):
                ranked[hit.chunk_id] = hit
                hit.score += 1 / (RRF_K + rank + 1)
                leaders += [hit.chunk_id] if rank < EACH_BEST else []
        if mode in ("hybrid", "keyword"):
            for rank, hit in enumerate(self._bm25(query, versions, pool)):
                merged = ranked.setdefault(hit.chunk_id, hit)
                merged.keyword_rank = rank + 1
                merged.sources = sorted(set(merged.sources) | {"keyword"})
                merged.score += 1 / (RRF_K + rank + 1)
                leaders += [hit.chunk_id] if rank < EACH_BEST else []
        fused = sorted(ranked.values(), key=lambda hit: hit.score, reverse=True)
        # a passage one retriever ranks first but the other misses entirely is not fused away
        kept = fused[:k]
        kept_ids = {hit.chunk_id for hit in kept}
        missing = [ranked[i] for i in dict.fromkeys(leaders) if i not in kept_ids][:k // 2]
        return sorted(kept[:k - len(missing)] + missing, key=lambda hit: hit.score, reverse=True)

    def _dense(self, query: str, versions: set[str], pool: int) -> list[Hit]:
        vector = self.embedder.embed_query(query)
        found = self.index.chunks.query(
            query_embeddings=[vector],
            n_results=pool,
            where={"version": {"$in": sorted(versions)}},
            include=["documents", "metadatas", "distances"],
        )
        return [
            Hit(chunk_id=i, text=text, metadata=meta, score=0.0, similarity=1 - distance, sources=["dense"])
            for i, text, meta, distance in zip(
                found["ids"][0], found["documents"][0], found["metadatas"][0], found["distances"][0]
            )
        ]

    def _bm25(self, query: str, versions: set[str], pool: int) -> list[Hit]:
        retriever, ids, texts, metas = self._keyword_index()
        tokens = tokenize(query)
        if not ids or not tokens:
            return []
        results, scores = retriever.retrieve([tokens], k=len(ids), show_progress=False)
        hits = []
        for position, score in zip(results[0], scores[0]):
            meta = metas[position]
            if score <= 0 or meta.get("version") not in versions:
                continue
            hits.append(Hit(chunk_id=ids[position], text=texts[position], metadata=meta, score=0.0, sources=[]))
            if len(hits) >= pool:
                break
        return hits
