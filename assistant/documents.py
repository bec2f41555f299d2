"""The nouns of ingestion: a loaded document, its pages, and the chunks cut from it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class DocumentMeta:
    """What a whole paper is: whose, which committee, which meeting, what kind."""

    council: str | None = None
    committee: str | None = None
    meeting_date: str | None = None  # ISO date, YYYY-MM-DD
    document_type: str | None = None  # "agenda pack", "minutes" or "report"
    title: str | None = None


@dataclass
class Page:
    """A page of text. Text files are one page with no printed number.

    ``label`` is the page number as printed on the paper (or the PDF page number where the
    paper prints none); ``first_line`` is the document line number of the page's first line.
    """

    text: str
    label: str | None = None
    first_line: int = 1


@dataclass
class Document:
    """A loaded paper: its file name, content hash, metadata and pages."""

    path: str
    name: str
    sha256: str
    meta: DocumentMeta
    pages: list[Page]
    kind: str = "text"  # "text", "pdf" or "html"

    @property
    def line_count(self) -> int:
        return sum(page.text.count("\n") + 1 for page in self.pages)


@dataclass
class Chunk:
    """A searchable piece of a document, cut along its structure."""

    document: str
    text: str
    kind: str  # "prose" or "table"
    line_start: int
    line_end: int
    page: str | None = None
    heading_path: list[str] = field(default_factory=list)
    agenda_item: str | None = None
    agenda_title: str | None = None
    report_title: str | None = None
    part: int = 0  # a long table's parts count from 0
    meta: DocumentMeta = field(default_factory=DocumentMeta)

    @property
    def chunk_id(self) -> str:
        return f"{self.document}:{self.line_start}-{self.line_end}:{self.kind}"

    def embedding_text(self) -> str:
        """The text the model sees: the heading path first, so a chunk knows its context."""
        context = " > ".join(h for h in self.heading_path if h)
        return f"{context}\n{self.text}" if context else self.text

    def metadata(self) -> dict:
        """Flat metadata as Chroma stores it (no None values, lists joined)."""
        flat = {
            "document": self.document,
            "kind": self.kind,
            "line_start": self.line_start,
            "line_end": self.line_end,
            "page": self.page,
            "heading": " > ".join(self.heading_path),
            "agenda_item": self.agenda_item,
            "agenda_title": self.agenda_title,
            "report_title": self.report_title,
            "part": self.part,
            **asdict(self.meta),
        }
        flat["meeting_ts"] = iso_to_ordinal(self.meta.meeting_date)
        return {key: value for key, value in flat.items() if value is not None}


def iso_to_ordinal(date: str | None) -> int | None:
    """An ISO date as an int (20181231) so Chroma can filter date ranges with $gte/$lte."""
    if not date:
        return None
    return int(date.replace("-", "")[:8])
