"""Load a paper from disk into a ``Document``: PDF (pypdf), text, Markdown or HTML.

Every failure is a ``LoadError`` whose message says, in one line, why the file can't go in.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from .documents import Document, Page
from .metadata import apply_sidecar, infer_meta, sidecar_for

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES
READER_VERSION = 7  # part of every document's version: raise when reading or chunking changes, so papers are read again

_INLINE_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_NUMBER_CELL = re.compile(r"^[<>£]?-?\d[\d,.]*\s?(%|m|k)?$")
_CELL = re.compile(r"\S+(?: {1,2}\S+)*")  # a run of words; three or more spaces end a cell
_PAGE_NUMBER = re.compile(r"^\W{0,3}(?:page\s+)?([A-Z]?\d{1,4})\W{0,3}$", re.IGNORECASE)


class LoadError(Exception):
    """A file that cannot be ingested; the message is the reason, for the user."""


def load_document(path: Path, max_bytes: int) -> Document:
    """Read one file into a Document, or raise LoadError saying why it can't be read."""
    path = Path(path)
    if not path.exists():
        raise LoadError("no such file or directory")
    if not path.is_file():
        raise LoadError("not a regular file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = " ".join(sorted(SUPPORTED_SUFFIXES))
        raise LoadError(f"unsupported file type '{suffix or '(none)'}' (supported: {supported})")
    size = path.stat().st_size
    if size == 0:
        raise LoadError("empty file")
    if size > max_bytes:
        raise LoadError(
            f"too large ({size / 2**20:.0f} MB; the limit is {max_bytes / 2**20:.0f} MB, "
            "set ASSISTANT_MAX_FILE_MB to raise it)"
        )
    raw = path.read_bytes()
    sidecar = sidecar_for(path)
    sha = hashlib.sha256(raw + (sidecar.read_bytes() if sidecar else b"") + f"\nread v{READER_VERSION}".encode()).hexdigest()
    if suffix in PDF_SUFFIXES:
        pages, kind = _pdf_pages(path), "pdf"
    elif suffix in HTML_SUFFIXES:
        pages, kind = [Page(text=_html_to_text(_decode(raw)))], "html"
    else:
        pages, kind = [Page(text=_clean_text(_decode(raw)))], "text"
    if not any(page.text.strip() for page in pages):
        raise LoadError("no text found (a scanned PDF needs OCR first)" if kind == "pdf" else "no text found")
    meta = infer_meta(path.name, "\n".join(page.text for page in pages))
    if sidecar:
        try:
            meta = apply_sidecar(meta, sidecar)
        except ValueError as error:  # json.JSONDecodeError is a ValueError
            raise LoadError(f"bad sidecar {sidecar.name}: {error}") from error
    return Document(path=str(path.resolve()), name=path.name, sha256=sha, meta=meta, pages=pages, kind=kind)


def _decode(raw: bytes) -> str:
    """Decode text as UTF-8, else Windows-1252 (common in council exports); refuse binary."""
    sample = raw[:65536]
    if b"\x00" in sample or _control_ratio(sample) > 0.05:
        raise LoadError("binary content, not text")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LoadError("unreadable text encoding")  # pragma: no cover - latin-1 decodes anything


def _control_ratio(sample: bytes) -> float:
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / max(len(sample), 1)


def _clean_text(text: str) -> str:
    """Normalise newlines and strip HTML fragments left in a text rendering, line by line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        if "<" in line or "&" in line:
            line = html.unescape(_INLINE_TAG.sub("", line))
        lines.append(line.replace("\xa0", " ").rstrip())
    return "\n".join(lines)


def _html_to_text(markup: str) -> str:
    """Render HTML as text lines: headings as Markdown, table rows tab-separated."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for hidden in soup(["script", "style", "head", "noscript"]):
        hidden.decompose()
    lines: list[str] = []
    blocks = "h1 h2 h3 h4 h5 h6 p li tr pre caption dt dd".split()
    for element in soup.find_all(blocks + ["table"]):
        if element.name == "table" or element.find_parent(blocks):
            continue
        if element.name == "tr":
            cells = [_squash(cell.get_text(" ")) for cell in element.find_all(["th", "td"])]
            lines.append("\t".join(cells))
            continue
        text = _squash(element.get_text(" "))
        if not text:
            continue
        if element.name[0] == "h" and element.name[1:].isdigit():
            lines += ["", "#" * int(element.name[1]) + " " + text, ""]
        else:
            lines += [text, ""]
    return "\n".join(lines)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _pdf_pages(path: Path) -> list[Page]:
    """Extract each PDF page with pypdf's layout mode, keeping table columns as tabs."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("encrypted PDF (needs a password); save an unprotected copy")
        texts, anchors = [], []
        for page in reader.pages:
            text, anchors = _layout_to_text(page.extract_text(extraction_mode="layout"), anchors)
            texts.append(text)
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise LoadError(f"not a readable PDF ({type(error).__name__}: {error})") from error
    except Exception as error:  # pypdf raises many types on damaged files
        if "encrypt" in str(error).lower() or "decrypt" in str(error).lower():
            raise LoadError("encrypted PDF (needs a password); save an unprotected copy") from error
        raise LoadError(f"not a readable PDF ({type(error).__name__}: {error})") from error
    labels = _printed_page_numbers(texts)
    pages, line = [], 1
    for text, label in zip(texts, labels):
        pages.append(Page(text=text, label=label, first_line=line))
        line += text.count("\n") + 1
    return pages


def _layout_to_text(text: str, previous: list[int] | None = None) -> tuple[str, list[int]]:
    """Turn layout-mode lines into our text convention: table rows become tab-separated cells.

    A run of lines cut into cells by wide gaps is a table when one of them has three or more
    cells, or when three or more two-cell lines end in figures. Its columns are where cells start; each cell goes to its column, so a row that
    starts with empty cells (the "24 / 163" line under an indicator) keeps them. A table whose
    columns line up with the previous table's (continued after a heading or a page break)
    takes that table's columns, so a column left empty in every row stays in place. Returns
    the text and the last table's columns.
    """
    previous = previous or []
    raw_lines = text.split("\n")
    cells = [[(m.start(), m.end(), m.group(0)) for m in _CELL.finditer(line)] for line in raw_lines]
    lines = [" ".join(line.split()) for line in raw_lines]
    index = 0
    while index < len(raw_lines):
        end = index
        while end < len(raw_lines) and len(cells[end]) >= 2:
            end += 1
        run = cells[index:end]
        two_column = len(run) >= 3 and sum(bool(_NUMBER_CELL.match(row[-1][2])) for row in run) * 2 > len(run)
        if run and (max(len(row) for row in run) >= 3 or two_column):
            anchors = _column_starts([cell for row in cells[index:end] for cell in row])
            if previous and all(any(abs(a - p) <= 2 for p in previous) for a in anchors):
                anchors = previous
            for number in range(index, end):
                lines[number] = _aligned_row(cells[number], anchors)
            previous = anchors
        index = end + 1 if end == index else end
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n"), previous


def _column_starts(cells: list[tuple[int, int, str]], tolerance: int = 2) -> list[int]:
    """The character columns where a table's cells start, near-equal starts merged."""
    starts: list[int] = []
    for start in sorted(cell[0] for cell in cells):
        if not starts or start > starts[-1] + tolerance:
            starts.append(start)
    return starts


def _aligned_row(row: list[tuple[int, int, str]], anchors: list[int], tolerance: int = 2) -> str:
    """A row's cells placed in the table's columns, empty columns kept, joined by tabs."""
    placed = [""] * len(anchors)
    for start, end, text in row:
        column = max(i for i, anchor in enumerate(anchors) if anchor <= start + tolerance)
        placed[column] = f"{placed[column]} {text}".strip()
    while placed and not placed[-1]:
        placed.pop()
    return "\t".join(placed)


def _printed_page_numbers(texts: list[str]) -> list[str]:
    """The page numbers a paper prints in its header or footer, else the PDF page numbers.

    A printed number is accepted when most pages carry one at a constant offset from
    their position in the PDF; pages without one get theirs from that offset.
    """
    offsets: dict[int, int] = {}
    for index, text in enumerate(texts, start=1):
        for number in _edge_numbers(text):
            offsets[number - index] = offsets.get(number - index, 0) + 1
    if offsets:
        offset, votes = max(offsets.items(), key=lambda item: item[1])
        if votes >= max(2, len(texts) // 2) or (len(texts) == 1 and votes == 1):
            return [str(index + offset) for index in range(1, len(texts) + 1)]
    return [str(index) for index in range(1, len(texts) + 1)]


def _edge_numbers(text: str) -> list[int]:
    """Bare numbers on the first or last two non-blank lines of a page."""
    lines = [line for line in text.split("\n") if line.strip()]
    numbers = []
    for line in lines[:2] + lines[-2:]:
        match = _PAGE_NUMBER.match(line.strip())
        if match and match.group(1).isdigit():
            numbers.append(int(match.group(1)))
    return numbers
