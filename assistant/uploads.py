"""Papers added from the chat page: saved under the corpus folder with safe names, ingested one
by one (so a bad file fails alone and the progress can be shown), then the Assistant is
refreshed so the next answer can use them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from .ingest import FileOutcome, Ingester
from .loaders import SUPPORTED_SUFFIXES

UPLOADS = "uploads"


def safe_name(name: str) -> str:
    """A file name with no folders and no odd characters ("../x y.pdf" -> "x_y.pdf")."""
    base = Path(name.replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "paper"
    return f"{stem[:120]}{suffix}"


def add_papers(assistant, files: list[tuple[str, bytes]], on_progress: Callable[[int, int, str], None] | None = None
               ) -> list[FileOutcome]:
    """Save and ingest uploaded files; returns one outcome per file (failed ones say why)."""
    folder = Path(assistant.settings.corpus_dir) / UPLOADS
    folder.mkdir(parents=True, exist_ok=True)
    ingester = Ingester(assistant.settings, index=assistant.index, embedder=assistant.searcher.embedder,
                        echo=lambda *_: None)
    outcomes = []
    for number, (name, content) in enumerate(files, start=1):
        target = folder / safe_name(name)
        if on_progress:
            on_progress(number - 1, len(files), target.name)
        if target.suffix not in SUPPORTED_SUFFIXES:
            outcomes.append(FileOutcome(name, "failed", f"unsupported file type '{target.suffix or 'none'}' "
                                                        f"(use {', '.join(sorted(SUPPORTED_SUFFIXES))})"))
            continue
        temporary = target.with_name(f".{target.name}.part")
        temporary.write_bytes(content)
        temporary.replace(target)
        summary = ingester.run([target], progress=False)
        outcome = summary.outcomes[0]
        if outcome.status == "failed":
            target.unlink(missing_ok=True)  # keep the corpus folder to papers that went in
        outcome.path = name
        outcomes.append(outcome)
    if on_progress:
        on_progress(len(files), len(files), "")
    assistant.refresh()
    return outcomes
