"""Settings: every tunable in one place, read from environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_MODEL = "all-MiniLM-L6-v2"


@dataclass(frozen=True)
class Settings:
    """Where the index lives, which model embeds, and how chunks are cut.

    Every field can be set by an ``ASSISTANT_*`` environment variable (see ``from_env``).
    """

    index_dir: Path = Path("indexes")
    corpus_dir: Path = Path("corpus")
    embedding_model: str = DEFAULT_MODEL
    chroma_url: str | None = None
    collection: str = "committee_papers"
    chunk_tokens: int = 256
    chunk_overlap_tokens: int = 32
    max_file_bytes: int = 100 * 1024 * 1024
    embed_batch_size: int = 32
    statistics_dir: Path | None = None
    rerank_top: int = 20  # passages the cross-encoder reorders for narrative answers (0: none)
    llm: str = "none"  # "none", "ollama:MODEL" or "openai:MODEL"
    llm_base_url: str | None = None
    llm_api_key: str | None = None

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        """Build settings from ``ASSISTANT_*`` variables, then apply explicit overrides (None is ignored)."""
        env = os.environ
        settings = cls(
            index_dir=Path(env.get("ASSISTANT_INDEX_DIR", "indexes")),
            corpus_dir=Path(env.get("ASSISTANT_CORPUS_DIR", "corpus")),
            embedding_model=env.get("ASSISTANT_EMBEDDING_MODEL", DEFAULT_MODEL),
            chroma_url=env.get("ASSISTANT_CHROMA_URL") or None,
            collection=env.get("ASSISTANT_COLLECTION", "committee_papers"),
            chunk_tokens=int(env.get("ASSISTANT_CHUNK_TOKENS", 256)),
            chunk_overlap_tokens=int(env.get("ASSISTANT_CHUNK_OVERLAP_TOKENS", 32)),
            max_file_bytes=int(env.get("ASSISTANT_MAX_FILE_MB", 100)) * 1024 * 1024,
            statistics_dir=Path(env["ASSISTANT_STATISTICS_DIR"]) if env.get("ASSISTANT_STATISTICS_DIR") else None,
            rerank_top=int(env.get("ASSISTANT_RERANK_TOP", 20)),
            llm=env.get("ASSISTANT_LLM", "none"),
            llm_base_url=env.get("ASSISTANT_LLM_BASE_URL") or None,
            llm_api_key=env.get("ASSISTANT_LLM_API_KEY") or None,
        )
        return replace(settings, **{k: v for k, v in overrides.items() if v is not None})
