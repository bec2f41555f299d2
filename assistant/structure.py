"""Read a document's structure: agenda items, reports, headings, paragraphs and whole tables.

The rules come from layout and wording common to English committee papers (an agenda list,
"Item No", "Report title:", "Minutes of the meeting held on", numbered headings), never from
a council's or a file's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .documents import Document
from .metadata import clean_line
from .periods import find_periods

_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$")
_LIST_ITEM = re.compile(r"^\s*([-•*]|\d{1,2}[.)])\s")  # "- ", "• ", "3. ", "2) "
_ITEM_NO = re.compile(r"^\W*item\s+no\.?\s*(\d{1,3})?\b", re.IGNORECASE)
_REPORT_TITLE = re.compile(r"^\W*(?:report title|subject of report)\s*:\s*(.+)$", re.IGNORECASE)
_MINUTES_START = re.compile(r"^\W*minutes of (?:the )?meeting held on\s+(.+)$", re.IGNORECASE)
_AGENDA_HEADING = re.compile(r"^\W*(supplementary\s+)?a\s?g\s?e\s?n\s?d\s?a\W*$", re.IGNORECASE)
_PAGE_REF = re.compile(r"\(?\s*\bpages?\s+[A-Z]?\d+(\s*[-–]\s*\d+)?\s*\)?\s*$", re.IGNORECASE)
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_NUMBER_CELL = re.compile(r"^[<>£$-]?\s*-?\d[\d,.]*\s*(%|m|k)?$|^\d+\s*/\s*\d+$")
_SECTION_ROW_CELLS = 4  # cells of the rows either side of a long section row


@dataclass
class Block:
    """A run of lines with one role: a heading, a paragraph, or a whole table."""

    kind: str  # "heading", "paragraph" or "table"
    lines: list[tuple[int, str]]  # (document line number, text)
    page: str | None
    heading_path: list[str] = field(default_factory=list)
    agenda_item: str | None = None
    agenda_title: str | None = None
    report_title: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)

    @property
    def line_start(self) -> int:
        return self.lines[0][0]

    @property
    def line_end(self) -> int:
        return self.lines[-1][0]


def is_table_row(line: str) -> bool:
    """A tab-separated row (two or more cells, or a continuation row that starts with a tab) or a Markdown pipe row."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return True
    if "\t" not in line:
        return False
    cells = [cell for cell in line.split("\t") if cell.strip()]
    return len(cells) >= 2 or (line.startswith("\t") and len(cells) >= 1)


def table_cells(line: str) -> list[str]:
    """The cells of a table row, tab- or pipe-separated."""
    stripped = line.strip()
    if stripped.startswith("|"):
        return [cell.strip() for cell in stripped.strip("|").split("|")]
    return [cell.strip() for cell in line.split("\t")]


def _looks_tabular(rows: list[str]) -> bool:
    """Two or more rows, and either three or more columns or numbers in most rows."""
    if len(rows) < 2:
        return False
    if any(_PIPE_RULE.match(row) for row in rows):
        return True
    if max(len([c for c in table_cells(row) if c]) for row in rows) >= 3:
        return True
    numeric_rows = sum(any(_NUMBER_CELL.match(c) for c in table_cells(row)) for row in rows)
    return numeric_rows * 2 >= len(rows)


def _heading_text(line: str, raw: str, previous_blank: bool, next_blank: bool) -> str | None:
    """The heading a line announces, or None when it is body text."""
    text = clean_line(raw)
    if not text or len(text) > 110 or text.endswith((".", ",", ";")) or is_table_row(raw):
        return None
    words = len(text.split())
    stripped = raw.strip()
    marked = stripped.startswith("#") or (stripped.startswith("**") and stripped.endswith("**"))
    if marked and words <= 16:
        return text
    numbered = _NUMBERED.match(text)
    if numbered and words <= 14 and numbered.group(2)[:1].isupper() and not text.endswith(":"):
        return text
    if previous_blank and next_blank and words <= 8 and text[:1].isupper() and not text.endswith(":"):
        if not any(ch.isdigit() for ch in text) and "@" not in text:
            return text
    return None


def _agenda_entries(lines: list[str]) -> dict[str, str]:
    """Numbered entries of the agenda list: from the agenda heading to the first report."""
    entries: dict[str, str] = {}
    inside = False
    for raw in lines:
        text = clean_line(raw)
        if _AGENDA_HEADING.match(raw.strip().strip("#* ")) or _AGENDA_HEADING.match(text):
            inside = True
            continue
        if not inside:
            continue
        if _REPORT_TITLE.match(text) or _MINUTES_START.match(text) or _ITEM_NO.match(text):
            break
        text = re.sub(r"^[-•]\s*", "", text)
        match = _NUMBERED.match(text)
        if match and "." not in match.group(1):
            number, title = match.group(1), _PAGE_REF.sub("", match.group(2)).strip(" .*")
            if not entries or int(number) > int(list(entries)[-1]):
                entries[number] = title
    return entries


def _match_agenda(title: str, entries: dict[str, str]) -> str | None:
    """The agenda number whose entry best matches a report title (None if none is close)."""
    def norm(text: str) -> str:
        return re.sub(r"[^a-z0-9 ]", "", text.lower())

    best, best_score = None, 0.0
    for number, entry in entries.items():
        a, b = norm(title), norm(entry)
        score = SequenceMatcher(None, a, b).ratio()
        if a and b and (a.startswith(b) or b.startswith(a)):
            score = max(score, 0.9)
        if score > best_score:
            best, best_score = number, score
    return best if best_score >= 0.6 else None


def parse_blocks(document: Document) -> list[Block]:
    """Split a document into blocks, each tagged with its agenda item, report and heading path."""
    all_lines = [line for page in document.pages for line in page.text.split("\n")]
    entries = _agenda_entries(all_lines)
    report_title = document.meta.title if document.meta.document_type != "agenda pack" else None
    state = _State(entries=entries, report_title=report_title)
    blocks: list[Block] = []
    for page in document.pages:
        lines = page.text.split("\n")
        index = 0
        while index < len(lines):
            raw = lines[index]
            number = page.first_line + index
            if not raw.strip():
                index += 1
                continue
            if is_table_row(raw):
                end = index
                while end < len(lines) and (is_table_row(lines[end]) or _section_row(lines, end)
                                            or _wrapped_apart(lines, end)):
                    end += 1
                rows = lines[index:end]
                if _looks_tabular(rows):
                    run = [(page.first_line + i, lines[i]) for i in range(index, end)]
                    blocks.append(state.block("table", run, page.label))
                    index = end
                    continue
            text = clean_line(raw)
            state.observe(text)
            previous_blank = index == 0 or not lines[index - 1].strip()
            next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
            heading = _heading_text(text, raw, previous_blank, next_blank)
            if heading and _NUMBERED.match(text) and (
                    _introduces_list(lines, index) or not previous_blank and _continues_list(lines[index - 1], raw)):
                heading = None  # "1. A prevalence of ..." under "several key areas:", or "2. ..." under "1. ...": a list item
            if heading:
                state.push_heading(heading)
                blocks.append(state.block("heading", [(number, raw.strip())], page.label))
                index += 1
                continue
            end = index + 1
            while end < len(lines) and lines[end].strip() and not _starts_block(lines, end):
                end += 1
            run = [(page.first_line + i, lines[i].rstrip()) for i in range(index, end)]
            for i in range(index + 1, end):
                state.observe(clean_line(lines[i]))
            blocks.append(state.block("paragraph", run, page.label))
            index = end
    return blocks


def _section_row(lines: list[str], index: int) -> bool:
    """A label between two rows of a table ("Non mainstream 0-25", its empty cells lost): a row of the
    table that names the rows below it, not the table's end. A long one stands between rows of as many
    cells, under the table's header or over rows of periods ("Use of custody rate per 1,000 of 10-17
    population" over "Jan 17 - Dec 17"); over other rows it titles a table of its own."""
    line = lines[index].strip()
    if not (0 < index < len(lines) - 1 and is_table_row(lines[index - 1]) and is_table_row(lines[index + 1])
            and bool(line) and not line.endswith((".", ",", ";", ":"))
            and not _LIST_ITEM.match(line) and not re.match(r"#\s", line)):
        return False
    if len(line.split()) <= 6:
        return True
    above, below = (table_cells(lines[index + step]) for step in (-1, 1))
    header = not any(_NUMBER_CELL.match(cell) for cell in above)
    return len(above) == len(below) >= _SECTION_ROW_CELLS and (header or bool(find_periods(below[0])))


def _wrapped_apart(lines: list[str], index: int) -> bool:
    """A blank line before the rest of a wrapped label ("1  Post-16 further education high needs
    top-up  2.800  0.553", blank, "funding", then more rows): the table goes on past both."""
    if 1 < index and not lines[index - 1].strip() and _wrapped_apart(lines, index - 1):
        return True
    if not (0 < index < len(lines) - 2) or lines[index].strip() or "\t" not in lines[index - 1]:
        return False
    after = [cell for cell in lines[index + 1].split("\t") if cell.strip()]
    return (len(after) == 1 and len(after[0].split()) <= 3 and not after[0].strip().endswith((".", ":"))
            and (lines[index + 1].startswith("\t") or is_table_row(lines[index + 2])))


def _introduces_list(lines: list[str], index: int) -> bool:
    """Whether the last text line before this one (at most two blank lines up) ends with a colon,
    announcing a list."""
    before = next((line.strip() for line in reversed(lines[max(0, index - 3):index]) if line.strip()), "")
    return before.endswith(":")


def _continues_list(previous: str, line: str) -> bool:
    """Whether a numbered line is the next item of the numbered list on the line above it."""
    before, this = _NUMBERED.match(clean_line(previous)), _NUMBERED.match(clean_line(line))
    if not (before and this):
        return False
    *stem, last = this.group(1).split(".")
    *stem_before, last_before = before.group(1).split(".")
    return stem == stem_before and int(last) == int(last_before) + 1


def _starts_block(lines: list[str], index: int) -> bool:
    """Whether a line begins a new block: a table row, a list item or a heading."""
    raw = lines[index]
    if is_table_row(raw) or _LIST_ITEM.match(raw):
        return True
    next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
    return _heading_text(clean_line(raw), raw, False, next_blank) is not None and raw.strip().startswith(("#", "**"))


@dataclass
class _State:
    """Where the reader is: the agenda item, the report and the headings above the current line."""

    entries: dict[str, str]
    report_title: str | None = None
    agenda_item: str | None = None
    pending_item: str | None = None
    headings: list[tuple[int, str]] = field(default_factory=list)

    def observe(self, text: str) -> None:
        """Notice lines that start a new report, minutes or agenda item."""
        item = _ITEM_NO.match(text)
        if item:
            self.pending_item = item.group(1)
            return
        title = _REPORT_TITLE.match(text)
        minutes = _MINUTES_START.match(text)
        if title or minutes:
            if title:
                self.report_title = title.group(1).strip(" *")
                number = self.pending_item or _match_agenda(self.report_title, self.entries)
            else:
                self.report_title = "Minutes of the meeting held on " + re.split(r"\s+at\s+", minutes.group(1))[0]
                number = next((n for n, entry in self.entries.items() if "minutes" in entry.lower()), None)
            self.agenda_item, self.pending_item, self.headings = number, None, []

    def push_heading(self, text: str) -> None:
        numbered = _NUMBERED.match(text)
        level = numbered.group(1).count(".") + 1 if numbered else 9
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self.headings.append((level, text))

    def block(self, kind: str, lines: list[tuple[int, str]], page: str | None) -> Block:
        top = [self.report_title] if self.report_title else []
        return Block(
            kind=kind,
            lines=lines,
            page=page,
            heading_path=top + [text for _, text in self.headings],
            agenda_item=self.agenda_item,
            agenda_title=self.entries.get(self.agenda_item) if self.agenda_item else None,
            report_title=self.report_title,
        )
