"""Incremental ingest: unchanged files are not re-embedded, changed ones are swapped whole, deleted ones dropped."""

import pytest

from assistant.embeddings import Embedder
from assistant.index import ModelMismatch, PaperIndex
from assistant.ingest import Ingester
from assistant.search import Filters, Searcher

NORTH_SOMERSET = "north-somerset_2022-03-10_children-young-people-policy-scrutiny-panel.txt"
NORTHUMBERLAND = "northumberland_2019-06-06_family-and-children-overview-scrutiny.txt"


class CountingEmbedder(Embedder):
    """The real model, counting the texts it embeds."""

    def __init__(self, shared: Embedder):
        super().__init__(shared.model_name)
        self.__dict__["model"] = shared.model  # reuse the loaded weights
        self.embedded = 0

    def embed_documents(self, texts):
        self.embedded += len(texts)
        return super().embed_documents(texts)


@pytest.fixture
def ingester(make_settings, embedder):
    settings = make_settings()
    return Ingester(settings, index=PaperIndex(settings), embedder=CountingEmbedder(embedder), echo=lambda line: None)


def _texts(ingester, query, document):
    searcher = Searcher(ingester.index, ingester.embedder)
    return [hit.text for hit in searcher.search(query, k=20, filters=Filters(document=document))]


def test_unchanged_files_are_not_embedded_again(ingester, papers):
    first = ingester.run([papers], progress=False)
    assert first.count("indexed") == 2 and first.embedded_chunks > 0
    embedded = ingester.embedder.embedded
    second = ingester.run([papers], progress=False)
    assert second.count("unchanged") == 2 and second.count("indexed") == 0
    assert ingester.embedder.embedded == embedded
    assert second.total("chunks") == first.total("chunks")


def test_changed_file_replaces_its_old_chunks(ingester, papers):
    ingester.run([papers], progress=False)
    path = papers / NORTH_SOMERSET
    path.write_text(path.read_text().replace("Front Door", "Family Hub Gateway"))
    summary = ingester.run([papers], progress=False)
    assert [o.status for o in summary.outcomes if o.path.endswith(NORTH_SOMERSET)] == ["indexed"]
    texts = " ".join(_texts(ingester, "redesign of our front door", NORTH_SOMERSET))
    assert "Family Hub Gateway" in texts and "Front Door" not in texts
    live = ingester.index.documents()[NORTH_SOMERSET]
    stored = ingester.index.chunks.get(where={"document": NORTH_SOMERSET}, include=["metadatas"])
    assert {meta["version"] for meta in stored["metadatas"]} == {live.version}


def test_deleted_file_is_dropped(ingester, papers):
    ingester.run([papers], progress=False)
    (papers / NORTHUMBERLAND).unlink()
    summary = ingester.run([papers], progress=False)
    assert summary.removed == [NORTHUMBERLAND]
    assert set(ingester.index.documents()) == {NORTH_SOMERSET}
    assert not ingester.index.chunks.get(where={"document": NORTHUMBERLAND}, include=[])["ids"]


def test_crash_before_commit_keeps_the_previous_version(ingester, papers, monkeypatch):
    ingester.run([papers], progress=False)
    path = papers / NORTH_SOMERSET
    path.write_text(path.read_text().replace("Front Door", "Family Hub Gateway"))

    def crash(record):
        raise RuntimeError("power cut")

    monkeypatch.setattr(ingester.index, "_commit", crash)
    summary = ingester.run([papers], progress=False)
    assert summary.failed == 1 and any("power cut" in outcome.reason for outcome in summary.outcomes)
    texts = " ".join(_texts(ingester, "redesign of our front door", NORTH_SOMERSET))
    assert "Front Door" in texts and "Family Hub Gateway" not in texts
    monkeypatch.undo()
    ingester.run([papers], progress=False)  # the next ingest clears the orphaned chunks and commits
    texts = " ".join(_texts(ingester, "redesign of our front door", NORTH_SOMERSET))
    assert "Family Hub Gateway" in texts and "Front Door" not in texts


def test_an_index_built_with_another_model_is_refused(ingester, papers):
    ingester.run([papers], progress=False)
    other = Searcher(ingester.index, Embedder("sentence-transformers/paraphrase-MiniLM-L3-v2"))
    with pytest.raises(ModelMismatch, match="built with embedding model 'all-MiniLM-L6-v2'"):
        other.search("care leavers")
