"""The committee papers assistant: ask questions of councils' committee papers, with citations."""

__version__ = "0.1.0"
