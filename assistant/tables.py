"""Turn the tables of a paper into cells that know their row labels and column headers.

Rules come from shapes only: header rows hold no data figures; label columns sit left of the
first column headed by a period or a measure; a group label written only on a group's first
row is carried down; a row holding one label and nothing else is a section row; a row with
no label of its own (the "24 / 163" line under an indicator) continues the row above; a
headerless table right after a table of the same width continues it. Rows that a PDF-to-text
step shifted by one cell are put back in line with the label columns.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from .documents import Document
from .figures import parse_figure
from .periods import parse_period
from .structure import Block, parse_blocks, table_cells

REF = re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,2}[a-z]?$|^\d{1,2}[a-z]$", re.IGNORECASE)
POLARITY_WORDS = {"high": "higher", "higher": "higher", "bigger": "higher", "low": "lower",
                  "lower": "lower", "smaller": "lower", "info": "unknown"}
POLARITY_HEADER = re.compile(r"good perf|good is|polarity|bigger or smaller|higher or lower|good performance", re.IGNORECASE)
UNIT_HEADER = re.compile(r"^(data note|unit|measure type|type)$", re.IGNORECASE)
REF_HEADER = re.compile(r"^(ref|ref\.|no\.?|reference|id)$", re.IGNORECASE)
UNIT_NOTES = re.compile(r"^(count|number|percentage|percent|rate|rolling rate|rolling 12|rolling count|ratio|days|weeks|£m|£k|£)$", re.IGNORECASE)
MEASURE_WORDS = re.compile(
    r"target|england|national|nat\.|stat\.? ?neigh|\bsns?\b|statistical neighbour|region|e of e|top quartile|"
    r"previous ytd|\bytd\b|\brag\b|\bdot\b|direction|numerator|denominator|tolerance|prediction|forecast|"
    r"budget|variance|balance|outturn|£m|average|\bavg\b|total|%",
    re.IGNORECASE,
)
_BENCHMARK_HEADER = re.compile(r"england|national|nat\.|stat\.? ?neigh|statistical neighbour|\bsns?\b|region|e of e|"
                               r"top quartile", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")  # a caption is the last sentence before the ":"
_LONE_HEADER_WORDS = 3  # "Post" above "\tEstablished fte\tActual fte": the label column's header, printed on its own
SUBHEADING_WORDS = 2  # a continued table's heading this short ("Age", "Gender") names a part of what it continues
_TAG = re.compile(r"</?[a-z]+>|\*\*")
_POLARITY_NOTE = re.compile(r"(?<=\S)\s+good performance is typified by\b.*$", re.IGNORECASE)
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


def clean_cell(text: str) -> str:
    """A cell's text without inline markup, surrounding space or a closing note on which way is good
    ("FTE PNC rate per 100,000 of 10-17 population **Good performance is typified by a negative percentage")."""
    return " ".join(_POLARITY_NOTE.sub("", _TAG.sub("", text)).split())


def _is_data_figure(text: str) -> bool:
    """A number that is data, not a period or an indicator reference."""
    return parse_figure(text).is_number and not REF.match(text) and not parse_period(text)


def _is_text(text: str) -> bool:
    """Words (or a period): a cell that can label a row."""
    return bool(text) and parse_figure(text).status == "text"


@dataclass
class Cell:
    """One filled cell of a table body, with everything needed to read it."""

    row: int  # body row index
    column: int
    line: int  # document line number
    raw: str
    row_labels: list[str]  # section, carried group labels, the row's own label
    column_headers: list[str]  # merged header path, top to bottom
    row_period: str | None = None
    ref: str | None = None
    polarity: str | None = None
    unit_note: str | None = None
    continuation: bool = False  # the row had no label of its own and continues the one above


@dataclass
class Table:
    """A table of a paper with its provenance, its header rows, its realigned body and its cells."""

    id: str
    document: str
    page: str | None
    line_start: int
    line_end: int
    title: str
    heading_path: list[str]
    header: list[list[str]]
    rows: list[list[str]]
    row_lines: list[int]
    label_columns: int
    cells: list[Cell] = field(default_factory=list)
    column_refs: dict[int, str] = field(default_factory=dict)
    column_polarity: dict[int, str] = field(default_factory=dict)
    agenda_item: str | None = None
    report_title: str | None = None

    @property
    def width(self) -> int:
        return max(len(row) for row in self.header + self.rows)

    @property
    def corner(self) -> str:
        """The header text above the label columns ("Year Group", "Cease Reason"): what the rows list."""
        return " ".join(cell for row in self.header for cell in row[:self.label_columns] if cell)

    def column_path(self, column: int) -> list[str]:
        """The merged header of a column: each header row's text, spans carried right."""
        path = []
        for depth, row in enumerate(self.header):
            if _attribute_row(row, self.label_columns):
                continue
            text = row[column] if column < len(row) else ""
            if not text and depth < len(self.header) - 1 and column >= self.label_columns:
                for left in range(min(column, len(row)) - 1, self.label_columns - 1, -1):
                    if row[left]:
                        text = row[left]
                        break
            if text and text not in path and not REF.match(text) and not POLARITY_HEADER.search(text) \
                    and text.lower() not in POLARITY_WORDS:
                path.append(text)
        return path

    def frame(self) -> pd.DataFrame:
        """The whole table as a DataFrame: one column per merged header, plus the line number."""
        names, seen = [], Counter()
        for column in range(self.width):
            name = " / ".join(self.column_path(column)) or f"column {column + 1}"
            seen[name] += 1
            names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
        padded = [row + [""] * (self.width - len(row)) for row in self.rows]
        frame = pd.DataFrame(padded, columns=names)
        frame.insert(0, "line", self.row_lines)
        return frame


def extract_tables(document: Document, blocks: list[Block] | None = None) -> list[Table]:
    """Every table of a document, parsed into cells."""
    blocks = blocks if blocks is not None else parse_blocks(document)
    stem = document.name.rsplit(".", 1)[0]
    tables: list[Table] = []
    previous_block: Block | None = None
    earlier_block: Block | None = None  # the block before that: the caption above a lone header cell
    headings: Counter = Counter()  # a heading printed again is a page's running header
    carried: set[str] = set()  # tables going on past a running header, and their parts
    only_headings = False  # nothing but headings since the last table: a page break
    for block in blocks:
        if block.kind == "heading":
            headings[_heading_text(block)] += 1
        elif block.kind == "paragraph" and _PAGE_NUMBER.match(block.text):
            continue  # a page's footer: neither a caption nor text between two tables
        elif block.kind == "paragraph":
            only_headings = False
        if block.kind == "table":
            rows, lines, gap = [], [], False
            for number, raw in block.lines:
                if _PIPE_RULE.match(raw) or not raw.strip():
                    gap = not raw.strip()
                    continue
                row = [clean_cell(cell) for cell in table_cells(raw)]
                rest = [text for text in row if text]
                labels = [column for column, text in enumerate(rows[-1]) if _is_text(text)] \
                    if gap and rows and len(rest) == 1 else []
                if labels:
                    rows[-1][labels[-1]] += " " + rest[0]  # the rest of a wrapped label, printed apart
                else:
                    rows.append(row)
                    lines.append(number)
                gap = False
            before = tables[-1] if tables and tables[-1].report_title == block.report_title else None
            title, goes_on = _title(block, previous_block, earlier_block), before is not None and only_headings
            if goes_on and headings[title] > 1:  # under a page's running header, the table before goes on
                title = before.title
            elif goes_on and before.id in carried and len(title.split()) <= SUBHEADING_WORDS:
                title = f"{before.title.split(' > ')[0]} > {title}"  # "Age": of the children who ceased care
            else:
                goes_on = False
            table = _parse(f"{stem}#L{block.line_start}", document.name, block, rows, lines, title, before)
            tables.append(table)
            if goes_on:
                carried.add(table.id)
            only_headings = True
        previous_block, earlier_block = block, previous_block
    return tables


def _restore_empty_columns(body: list[list[str]], before: Table, width: int) -> list[list[str]]:
    """Put back the columns a continued table lost: text taken from a PDF drops a column that is
    empty in every row, so it is assumed to be the one that was empty in the table before."""
    missing = before.width - width
    if not missing:
        return body
    empty = [column for column in range(before.label_columns, before.width)
             if all(column >= len(row) or not row[column] for row in before.rows)]
    if len(empty) < missing:
        return body
    restored = []
    for row in body:
        row = list(row)
        for column in empty[:missing]:
            row.insert(column, "")
        restored.append(row)
    return restored


def _title(block: Block, previous: Block | None, earlier: Block | None = None) -> str:
    """A caption line just above the table, else the nearest heading, else the report title; the header of
    its label column printed alone above a header row that leaves that column empty ("Post") is no caption:
    the line above it is."""
    if previous is not None and previous.kind == "paragraph" and len(previous.lines) == 1 and earlier is not None \
            and len(previous.lines[0][1].split()) <= _LONE_HEADER_WORDS and block.lines[0][1].startswith("\t"):
        return _title(block, earlier)
    if previous is not None and previous.kind == "paragraph":
        last = clean_cell(previous.lines[-1][1]).lstrip("#-• ").strip()
        if last.endswith(":"):  # "... Ofsted recommendations. Below is a record of the workforce position as at June 2018:"
            last = _SENTENCE_END.split(last)[-1]
        if (last.endswith(":") and len(last.split()) <= 25) or (len(previous.lines) == 1 and len(last.split()) <= 12):
            return last.rstrip(":").strip()
    if previous is not None and previous.kind == "heading":
        return _heading_text(previous)
    if block.heading_path:
        return block.heading_path[-1]
    return block.report_title or f"Table at line {block.line_start}"


def _heading_text(block: Block) -> str:
    return clean_cell(block.lines[-1][1]).lstrip("# ").strip()


def _header_rows(rows: list[list[str]]) -> int:
    """How many leading rows are headers: rows with no data figure, before the first data row."""
    count = 0
    for index, row in enumerate(rows[:-1]):
        filled = [cell for cell in row if cell]
        if not filled or any(_is_data_figure(cell) for cell in filled):
            break
        if count and len(filled) == 1 and row[0] and (len(row) > 2 or len(rows[index - 1]) > 2):
            break  # a section row opens the body (its empty cells printed, or lost)
        count += 1
        if count == 4:
            break
    return count


def _label_end(row: list[str]) -> int:
    """Where a row's labels end: after its last word cell before the first run of data.

    A number followed by words ("2", "Non-maintained special schools"; "3.1", "Assessments
    authorised") is a row number or reference, so it belongs to the labels.
    """
    last_text = -1
    for index, cell in enumerate(row):
        if _is_text(cell) and not POLARITY_HEADER.search(cell):
            last_text = index
        elif _is_data_figure(cell) or parse_figure(cell).status in ("symbol", "suppressed"):
            following = next((c for c in row[index + 1:] if c), "")
            if last_text >= 0 and not _is_text(following):
                break
    return last_text + 1


def _first_value_column(header: list[list[str]], width: int) -> int:
    """The first column whose header names a period or a measure (0 when none does)."""
    for column in range(width):
        texts = [row[column] for row in header if column < len(row) and row[column]]
        if any(parse_period(text) or MEASURE_WORDS.search(text) for text in texts):
            return column
    return 0


def _realign(row: list[str], end: int, label_columns: int) -> list[str]:
    """Undo a one-cell shift of a row's labels (ending at ``end``) against the table's label columns."""
    if end == 0 or end == label_columns:
        return row
    if end == label_columns + 1 and "" in row[:end]:
        empty = row.index("")
        return row[:empty] + row[empty + 1:]
    if end == label_columns - 1:
        return [""] + row
    return row


def _benchmark_run(header: list[list[str]]) -> tuple[int, int] | None:
    """The first and last of the contiguous header columns that name benchmarks ("Stat neigh avg,
    Best stat neigh, Nat. avg, Nat. top quartile, Eastern region"), if three or more do."""
    width = max((len(row) for row in header), default=0)
    columns = [column for column in range(width)
               if any(column < len(row) and _BENCHMARK_HEADER.search(row[column]) for row in header)]
    if len(columns) < 3 or columns[-1] - columns[0] != len(columns) - 1:
        return None
    return columns[0], columns[-1]


def _align_benchmarks(header: list[list[str]], body: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """Put a dashboard's benchmark cells under their headers. Text taken from a PDF shifts them a
    cell: when rows print a figure past the last benchmark header, the header lost a cell before
    them (its names move one right); a row whose last figure stands one before the last header,
    after an empty cell (the next-to-last benchmark is often blank), lost a cell before its
    benchmarks (they move one right)."""
    run = _benchmark_run(header)
    if run is None:
        return header, body
    first, last = run
    if any(len(row) > last + 1 and row[last + 1] for row in body) \
            and not any(len(row) > last + 1 and row[last + 1] for row in header):
        moved = []
        for row in header:
            row = row + [""] * (last + 2 - len(row))
            named = any(_BENCHMARK_HEADER.search(cell) for cell in row[first:last + 1])
            moved.append(row[:first] + [""] + row[first:last + 1] + row[last + 2:] if named else row)
        return moved, body
    aligned = []
    for row in body:
        filled = [column for column, cell in enumerate(row) if cell]
        if filled and filled[-1] == last - 1 and not row[last - 2] \
                and sum(1 for cell in row[first - 1:last - 2] if cell) >= 2:
            row = row[:first - 1] + [""] + row[first - 1:last]
        aligned.append(row)
    return header, aligned


def _align_over_arrows(header: list[list[str]], body: list[list[str]], label_columns: int) -> list[list[str]]:
    """A header printed over a column of direction arrows, beside a column of figures headed by
    nothing of its own, names those figures: the text lost a cell before it ("Norfolk 2017-18
    2018-19 | | Prediction 2019-20" over "2.3% 2.0% 1.4% ↓")."""
    def column(rows: list[list[str]], index: int) -> list[str]:
        return [row[index] for row in rows if index < len(row) and row[index]]

    header = [list(row) for row in header]
    for index in range(label_columns + 1, max((len(row) for row in header), default=0)):
        over, marks, figures = column(header, index), column(body, index), column(body, index - 1)
        if over and marks and not column(header, index - 1) and figures \
                and all(parse_figure(mark).unit == "direction" for mark in marks) \
                and all(parse_figure(cell).status in ("ok", "none", "suppressed") for cell in figures) \
                and any(parse_figure(cell).is_number for cell in figures):
            for row in header:
                if index < len(row):
                    row[index - 1], row[index] = row[index], ""
    return header


def _with_corner(row: list[str], width: int) -> list[str]:
    """A header row one cell short whose last cell names a benchmark ("Norfolk, Regional, ...,
    National") lost its empty corner cell above the labels (text taken from a PDF drops it)."""
    if len(row) == width - 1 and row[0] and MEASURE_WORDS.search(row[-1]):
        return [""] + row
    return row


def _parse(table_id: str, document: str, block: Block, rows: list[list[str]], lines: list[int],
           title: str, before: Table | None) -> Table:
    width = max(len(row) for row in rows)
    count = _header_rows(rows)
    header, body, body_lines = rows[:count], rows[count:], lines[count:]
    header = [_with_corner(row, width) for row in header]
    if not header and before is not None and before.header and 0 <= before.width - width <= 2:
        header = before.header  # a table continued after a heading or page break
        body = _restore_empty_columns(body, before, width)
    ends = [_label_end(row) for row in body]
    label_ends = Counter(end for end in ends if end)
    modal = label_ends.most_common(1)[0][0] if label_ends else 0
    label_columns = modal or _first_value_column(header, width)
    if header and before is not None and header is before.header:
        label_columns = before.label_columns
    body = [_realign(row, end, label_columns) for row, end in zip(body, ends)]
    header, body = _align_benchmarks(header, body)
    header = _align_over_arrows(header, body, label_columns)
    table = Table(
        id=table_id, document=document, page=block.page, line_start=block.line_start,
        line_end=block.line_end, title=title, heading_path=list(block.heading_path), header=header,
        rows=body, row_lines=body_lines, label_columns=label_columns,
        agenda_item=block.agenda_item, report_title=block.report_title,
    )
    _column_attributes(table)
    table.cells = list(_cells(table))
    return table


def _attribute_row(row: list[str], label_columns: int) -> str | None:
    """Whether a header row gives each column's indicator reference ("ref") or polarity."""
    filled = [cell for cell in row[label_columns:] if cell]
    label = next((cell for cell in row[:label_columns] if cell), "")
    if filled and all(REF.match(cell) for cell in filled):
        return "ref"
    if POLARITY_HEADER.search(label):
        return "polarity"
    return None


def _column_attributes(table: Table) -> None:
    """Indicator references and polarities written in header rows, per column."""
    for row in table.header:
        kind = _attribute_row(row, table.label_columns)
        if kind == "ref":
            table.column_refs.update({c: cell for c, cell in enumerate(row) if cell and c >= table.label_columns})
        elif kind == "polarity":
            for column, cell in enumerate(row):
                if column >= table.label_columns and cell.lower() in POLARITY_WORDS:
                    table.column_polarity[column] = POLARITY_WORDS[cell.lower()]


def _cells(table: Table):
    """Walk the body: track the section, carried labels and row attributes; yield filled cells."""
    paths = [table.column_path(column) for column in range(table.width)]
    attribute_columns = {
        column: kind for column, path in enumerate(paths) for text in path[-1:]
        for kind in ("polarity" if POLARITY_HEADER.search(text) else "unit" if UNIT_HEADER.match(text)
                     else "ref" if REF_HEADER.match(text) else None,)
        if kind
    }
    for row in table.header:  # a polarity header such as "Good is" sits in a value column
        for column, text in enumerate(row):
            if text and POLARITY_HEADER.search(text) and column >= table.label_columns:
                attribute_columns[column] = "polarity"
    section: str | None = None
    carry: dict[int, str] = {}
    attributes: dict[str, str | None] = {}
    for index, row in enumerate(table.rows):
        filled = [(column, cell) for column, cell in enumerate(row) if cell]
        if len(filled) == 1 and filled[0][0] == 0 and _is_text(filled[0][1]) and table.width > 2:
            section, carry, attributes = filled[0][1], {}, {}
            continue
        labels = row[:table.label_columns]
        own: dict[str, str | None] = {"ref": None, "polarity": None, "unit": None}
        period, texts = None, {}
        for column, cell in enumerate(labels):
            if not cell:
                continue
            kind = attribute_columns.get(column)
            if kind == "polarity" or cell.lower() in POLARITY_WORDS:
                own["polarity"] = POLARITY_WORDS.get(cell.lower(), "unknown")
            elif kind == "unit" or UNIT_NOTES.match(cell):
                own["unit"] = cell
            elif REF.match(cell) or kind == "ref":
                own["ref"] = cell
            elif parse_period(cell):
                period = cell
            elif _is_text(cell) or not any(_is_text(other) for other in labels):
                texts[column] = cell  # a bare number labels a row only when no words do ("Year 2")
        continuation = not texts and not period
        if texts:
            first = min(texts)
            carry = {column: text for column, text in carry.items() if column < first}
            carry.update(texts)
            attributes = own
        elif own["ref"] or own["polarity"]:
            attributes = own
        for column in range(table.label_columns, len(row)):
            if row[column] and attribute_columns.get(column) == "polarity":
                attributes = {**attributes, "polarity": POLARITY_WORDS.get(row[column].lower(), "unknown")}
        for column in range(table.label_columns, len(row)):
            raw = row[column]
            if not raw or column in attribute_columns:
                continue
            yield Cell(
                row=index, column=column, line=table.row_lines[index], raw=raw,
                row_labels=([section] if section else []) + [carry[c] for c in sorted(carry)],
                column_headers=paths[column], row_period=period,
                ref=attributes.get("ref") or table.column_refs.get(column),
                polarity=attributes.get("polarity") or table.column_polarity.get(column),
                unit_note=attributes.get("unit"), continuation=continuation,
            )
