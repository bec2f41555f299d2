"""Cut a document's blocks into chunks that fit the embedding model.

Prose chunks gather the headings and paragraphs of one report or agenda item up to the token
limit (the heading path, embedded with each chunk, counts too), with a little overlap; a long
paragraph is split at sentences. A table is never
cut inside a row: a long table is split by rows and every part repeats the header row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import groupby
from typing import NamedTuple

from .documents import Chunk, Document
from .structure import Block, parse_blocks

TokenCounter = Callable[[str], int]
MIN_BODY_WORDS = 4  # a chunk of headings and stray labels ("Chair", "Item No 5.") says nothing
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9(\"'‘“•-])")


class Piece(NamedTuple):
    """A line, or part of a long one, on its way into a prose chunk."""

    line: int
    text: str
    page: str | None
    body: bool  # from a paragraph, not a heading


def chunk_document(document: Document, count_tokens: TokenCounter, max_tokens: int = 256,
                   overlap_tokens: int = 32) -> list[Chunk]:
    """All chunks of a document, in reading order.

    Within one report (or agenda item) consecutive headings and paragraphs are packed together;
    a chunk closes when the next piece would not fit, at a heading once it is half full, and
    before every table.
    """
    chunker = _Chunker(document, count_tokens, max_tokens, overlap_tokens)
    chunks: list[Chunk] = []
    for _, blocks in groupby(parse_blocks(document), key=lambda b: (b.report_title, b.agenda_item)):
        run: list[Block] = []
        for block in blocks:
            if block.kind == "table":
                chunks += chunker.prose(run) + chunker.table(block)
                run = []
            else:
                run.append(block)
        chunks += chunker.prose(run)
    return chunks


class _Chunker:
    def __init__(self, document: Document, count_tokens: TokenCounter, max_tokens: int, overlap_tokens: int):
        self.document = document
        self.count = count_tokens
        self.max_tokens = max_tokens
        self.overlap_tokens = overlap_tokens

    def _make(self, block: Block, kind: str, pieces: list[tuple[int, str]], page: str | None,
              first_line: int | None = None) -> Chunk:
        return Chunk(
            document=self.document.name,
            text="\n".join(text for _, text in pieces),
            kind=kind,
            line_start=first_line or pieces[0][0],
            line_end=pieces[-1][0],
            page=page,
            heading_path=list(block.heading_path),
            agenda_item=block.agenda_item,
            agenda_title=block.agenda_title,
            report_title=block.report_title,
            meta=self.document.meta,
        )

    def _budget(self, block: Block) -> int:
        """Tokens left for the body once the heading path (which is embedded too) is counted."""
        context = " > ".join(block.heading_path)
        return self.max_tokens - (self.count(context) - 1 if context else 0)

    def prose(self, blocks: list[Block]) -> list[Chunk]:
        """Pack headings and paragraphs into chunks, splitting long paragraphs at sentences.

        A chunk with fewer than MIN_BODY_WORDS words of paragraph text is dropped: its headings
        live on in the heading paths of the chunks around it.
        """
        packed: list[tuple[Block, list[Piece]]] = []
        current: list[Piece] = []
        anchor: Block | None = None
        budget = self.max_tokens
        for block in blocks:
            if block.kind == "heading" and current and self._size(current) * 2 >= budget:
                packed.append((anchor, current))
                current, anchor = [], None
            if anchor is None:
                anchor, budget = block, self._budget(block)
            for number, line in block.lines:
                for text in self._split_to_fit(line.strip(), budget):
                    piece = Piece(number, text, block.page, block.kind == "paragraph")
                    if current and self._size(current + [piece]) > budget:
                        packed.append((anchor, current))
                        anchor, budget = block, self._budget(block)
                        current = self._overlap(current, text, budget)
                    current = current + [piece]
        if current:
            packed.append((anchor, current))
        return [
            self._make(block, "prose", [(p.line, p.text) for p in pieces], pieces[0].page)
            for block, pieces in packed
            if sum(len(p.text.split()) for p in pieces if p.body) >= MIN_BODY_WORDS
        ]

    def _size(self, pieces: list[Piece]) -> int:
        return self.count("\n".join(p.text for p in pieces))

    def _overlap(self, previous: list[Piece], following: str, budget: int) -> list[Piece]:
        """The last sentence of the previous chunk, when it is short and fits beside the next piece."""
        last = previous[-1]
        tail = _SENTENCE_END.split(last.text)[-1]
        if self.count(tail) > self.overlap_tokens or self.count(tail + "\n" + following) > budget:
            return []
        return [Piece(last.line, tail, last.page, last.body)]

    def _split_to_fit(self, text: str, budget: int) -> list[str]:
        """A line as pieces that fit: whole if it fits, else sentences, else runs of words."""
        if self.count(text) <= budget:
            return [text]
        pieces, current = [], ""
        for sentence in _SENTENCE_END.split(text):
            if self.count(sentence) > budget:
                if current:
                    pieces.append(current)
                    current = ""
                pieces += self._split_words(sentence, budget)
                continue
            joined = f"{current} {sentence}".strip()
            if current and self.count(joined) > budget:
                pieces.append(current)
                current = sentence
            else:
                current = joined
        if current:
            pieces.append(current)
        return pieces

    def _split_words(self, text: str, budget: int) -> list[str]:
        pieces, current = [], []
        for word in text.split():
            if current and self.count(" ".join(current + [word])) > budget:
                pieces.append(" ".join(current))
                current = []
            current.append(word)
        if current:
            pieces.append(" ".join(current))
        return pieces

    def table(self, block: Block) -> list[Chunk]:
        """A whole table as one chunk, or split by rows with the header row repeated.

        A header too long to repeat (prose laid out in cells) is kept as an ordinary row, and a
        row too long for the model even alone is split at sentences.
        """
        budget = self._budget(block)
        if self.count(block.text) <= budget:
            return [self._make(block, "table", block.lines, block.page)]
        header, rows = block.lines[0], block.lines[1:]
        if self.count(header[1]) * 2 > budget:
            header, rows = None, block.lines
        head = [header] if header else []
        parts: list[tuple[list[tuple[int, str]], bool]] = []  # (rows, with header)
        current: list[tuple[int, str]] = []
        for row in rows:
            if self.count("\n".join(t for _, t in head + [row])) > budget:
                parts += [(current, True)] if current else []
                parts += [([(row[0], piece)], False) for piece in self._split_to_fit(row[1], budget)]
                current = []
            elif current and self.count("\n".join(t for _, t in head + current + [row])) > budget:
                parts.append((current, True))
                current = [row]
            else:
                current.append(row)
        parts += [(current, True)] if current else []
        if header and not any(with_header for _, with_header in parts):
            parts.insert(0, ([], True))  # every row was too long to sit beside the header: keep it alone
        chunks = []
        for number, (part, with_header) in enumerate(parts):
            lines = head + part if with_header else part
            # The first part starts at the header; later parts at their own first row.
            chunk = self._make(block, "table", lines, block.page, first_line=None if number == 0 else part[0][0])
            chunk.part = number
            chunks.append(chunk)
        return chunks

