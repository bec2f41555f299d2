"""Read table cells as tidy indicator values: one row per value, with its period, measure,
unit, area, polarity, status and provenance. Figures stated in prose come in through
``prose.py`` and official statistics through ``statistics.py``, in the same columns."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from .catalogue import Catalogue
from .documents import Document
from .figures import Figure, parse_figure
from .periods import Period, find_periods, meeting_period, parse_period, period_spans
from .structure import Block
from .tables import Cell, Table

COLUMNS = [
    "source", "council", "geography", "la_code", "region", "document", "meeting_date", "table_id", "table_title",
    "label", "label_path", "indicator", "ref", "area", "period", "period_kind", "period_end", "period_source",
    "measure", "value", "value_text", "unit", "polarity", "status", "note", "page", "line", "row", "column", "quote",
]

# Column header words -> measure, most specific first.
_MEASURES = [
    (r"numerator", "numerator"), (r"denominator", "denominator"),
    (r"best stat|stat\.? ?neigh(?:bour)? best|best sn", "stat_neighbour_best"),
    (r"stat\.? ?neigh|\bsns?\b|statistical neighbour|^statistical$|sn avg|sn average|^yot famil", "statistical_neighbours"),
    (r"top quartile", "national_top_quartile"),
    (r"previous ytd|last year ytd", "previous_ytd"),
    (r"\bnat\b|nat\.|national|england", "england"),
    (r"region|e of e|eastern|east of england|^(?:north east|north west|yorkshire and (?:the )?humber|east midlands|"
     r"west midlands|london|south east|south west)$", "region"),
    (r"target", "target"),
    (r"tolerance.*red|^red$", "tolerance_red"), (r"tolerance.*green|^green$", "tolerance_green"),
    (r"\brag\b", "rag"), (r"\bdot\b|direction", "direction"),
    (r"\bytd\b|year to date", "ytd"),
    (r"prediction|forecast|projected", "forecast"),
    (r"variance", "variance"), (r"budget", "budget"), (r"balance", "balance"),
]
_TOTAL = re.compile(r"^(?:grand )?total\b", re.IGNORECASE)
_ANY_TOTAL = re.compile(r"\b(?:sub\s*-?\s*)?total\b", re.IGNORECASE)  # "Subtotal", "Mainstream grand total"
_BREAKDOWN = re.compile(r"\s+by\s+.*$", re.IGNORECASE)  # "LAC Ceases ... by cease reason"
_MEASURE_PATTERNS = [(re.compile(pattern, re.IGNORECASE), measure) for pattern, measure in _MEASURES]
_LATEST_MEASURES = {"target", "ytd", "rag", "direction", "tolerance_red", "tolerance_green", "previous_ytd"}
_UNIT_NOTES = {"percentage": "%", "percent": "%", "count": "count", "number": "count", "rolling 12": "count",
               "rolling count": "count", "days": "days", "weeks": "weeks", "£m": "£m"}


def measure_of(headers: list[str]) -> str:
    """The measure a column header names; plain values when it names none."""
    for text in reversed(headers):
        for pattern, measure in _MEASURE_PATTERNS:
            if pattern.search(text):
                return measure
    return "value"


def unit_of(figure: Figure, cell: Cell, label: str) -> str:
    """A value's unit: printed with it, else in its column header, row note or label, else its shape."""
    if figure.unit in ("%", "£m", "£", "percentage points"):
        return figure.unit
    headers = " ".join(cell.column_headers)
    if "£m" in headers or "£m" in label:
        return "£m"
    if "£" in headers:
        return "£"
    lowered = label.lower()
    note = (cell.unit_note or "").lower()
    if re.search(r"per 10,?000|per 10k|10k", lowered):
        return "rate per 10,000"
    if per := re.search(r"per (100,?000|1,?000)\b", lowered):  # "FTE PNC rate per 100,000 of 10-17 population"
        return f"rate per {int(per.group(1).replace(',', '')):,}"
    if "rate" in note:
        return "rate"
    if note in _UNIT_NOTES:
        return _UNIT_NOTES[note]
    duration = re.search(r"\b(days|weeks)\b", lowered)
    if duration:
        return duration.group(1)
    fractional = figure.value is not None and not float(figure.value).is_integer() and figure.value <= 100
    if fractional and re.search(r"(^|\s)%|percentage|\(%|% ", lowered + " " + headers.lower()):
        return "%"
    if figure.value is not None and float(figure.value).is_integer():
        return "count"
    return "number"


def _council_names(council: str | None) -> set[str]:
    """How a column header names the paper's own council: "Norfolk", "County", or its initials as a
    council ("NCC", "NSC")."""
    if not council:
        return {"county"}
    initials = "".join(word[0] for word in council.lower().split())
    return {"county", council.lower(), f"{initials}cc", f"{initials}c"}


def _areas(table: Table, council: str | None) -> dict[int, str]:
    """Columns that stand for an area: headed by the county or council, or siblings of such a
    column under the same parent header (the locality columns of a RAG block)."""
    names = {"council", "la"} | _council_names(council)
    paths = {column: table.column_path(column) for column in range(table.label_columns, table.width)}
    areas: dict[int, str] = {}
    parents = set()
    for column, path in paths.items():
        if path and path[-1].lower() in names:
            areas[column] = "county"
            parents.add(tuple(path[:-1]))
    for column, path in paths.items():
        if column not in areas and path and parents and tuple(path[:-1]) in parents and path[:-1] \
                and measure_of(path[-1:]) == "value":
            areas[column] = path[-1]
    return areas


def localities(tables: list[Table], council: str | None) -> set[str]:
    """The localities (districts) a document's tables give beside the county: the area columns,
    and the plain headers that run on from them (a group header printed one column short leaves
    "Yarmouth" under the next group)."""
    found = set()
    for table in tables:
        areas = _areas(table, council)
        column = max(areas, default=table.width) + 1
        while column < table.width and (path := table.column_path(column)) and measure_of(path[-1:]) == "value" \
                and not find_periods(path[-1]):
            found.add(path[-1])
            column += 1
        found |= set(areas.values())
    return found - {"county"}


def _descriptive(headers: list[str], council: str | None) -> str:
    """The words of a column header that describe what is counted, not when or against what."""
    kept = []
    for text in headers:
        if find_periods(text) or measure_of([text]) != "value" or text.lower() in _council_names(council):
            continue
        kept.append(text)
    return " - ".join(kept)


def table_values(table: Table, document: Document, catalogue: Catalogue | None = None) -> list[dict]:
    """The tidy value rows of one table."""
    catalogue = catalogue or Catalogue.load()
    meta = document.meta
    areas = _areas(table, meta.council)
    has_column_periods = any(find_periods(" ".join(table.column_path(c))) for c in range(table.width))
    latest = _latest_period(table)
    fallback = _title_period(table) or meeting_period(meta.meeting_date)
    series_units = _series_units(table)
    shares = _share_columns(table)
    rows: list[dict] = []
    row_unit = _row_value_units(table)
    for cell in table.cells:
        figure = parse_figure(cell.raw)
        measure = measure_of(cell.column_headers)
        if figure.status == "symbol":
            measure = "direction" if figure.unit == "direction" else "rag"
        elif figure.status == "text":
            if measure not in ("rag", "direction"):
                continue
            figure = Figure("symbol", text=cell.raw)
        row_label = cell.row_labels[-1] if cell.row_labels else ""
        described = _descriptive(cell.column_headers, meta.council)
        if cell.row_period or not row_label:
            label = described or row_label
        elif described and not has_column_periods and cell.column not in areas:
            label = f"{row_label} - {described}"
        else:
            label = row_label
        if not label:
            continue
        path = [table.title] + [text for text in cell.row_labels if text != label] + [label]
        period, period_source = _cell_period(cell, measure, latest, fallback)
        unit = unit_of(figure, cell, label) if figure.status == "ok" else None
        if unit in ("count", "number") and cell.column in shares:
            unit = "%"
        wanted = unit if figure.status == "ok" else row_unit.get(cell.row)  # a RAG mark rates the row's unit
        # the row's own label first: "Contacts - No." under "Contact & Referrals" counts contacts, not referrals
        indicator = catalogue.match(label, wanted) or catalogue.match(" ".join(path[1:]), wanted)
        if indicator is None and _TOTAL.match(row_label):  # a breakdown's total counts what the table counts
            indicator = catalogue.match(_BREAKDOWN.sub("", table.title), wanted)
        base = {
            "source": "table", "council": meta.council, "geography": "local authority", "la_code": None, "region": None,
            "document": document.name, "meeting_date": meta.meeting_date, "table_id": table.id,
            "table_title": table.title, "label": label, "label_path": " > ".join(path),
            "indicator": indicator.id if indicator else None, "ref": cell.ref,
            "area": areas.get(cell.column, "county"),
            "period": period.label if period else None, "period_kind": period.kind if period else None,
            "period_end": period.sort_key if period else None, "period_source": period_source,
            "polarity": cell.polarity or (indicator.polarity if indicator else "unknown"),
            "note": None, "page": table.page, "line": cell.line, "row": " > ".join(cell.row_labels),
            "column": " / ".join(cell.column_headers), "quote": _quote(table, cell),
        }
        if figure.numerator is not None and figure.denominator is not None:
            for part, number in (("numerator", figure.numerator), ("denominator", figure.denominator)):
                rows.append({**base, "measure": part, "value": number, "value_text": cell.raw,
                             "unit": "count", "status": "ok"})
            continue
        if cell.continuation and measure == "value" and figure.status != "ok":
            continue  # an empty "/" under an indicator: no numerator or denominator that month
        status = {"ok": "ok", "symbol": "ok"}.get(figure.status, figure.status)
        note = None
        suspicion = _suspect(figure, unit, series_units.get(_series(cell))) if figure.status == "ok" else None
        if suspicion:
            status, note = "suspect", suspicion
            if base["indicator"] is None:  # its printed unit is the doubtful part, so match on words alone
                named = catalogue.match(" ".join(path[1:]) or label) or catalogue.match(label)
                base["indicator"] = named.id if named else None
        if figure.comparator:
            note = "; ".join(filter(None, [note, f"printed as {cell.raw}"]))
        rows.append({**base, "measure": measure, "value": figure.value, "value_text": figure.text or cell.raw,
                     "unit": unit if figure.status == "ok" else figure.unit, "status": status, "note": note})
    return rows


def _quote(table: Table, cell: Cell) -> str:
    """The source row as text, cells joined by " | " (what a citation quotes)."""
    row = table.rows[cell.row]
    return " | ".join(text for text in row if text)[:400]


def _row_value_units(table: Table) -> dict[int, str]:
    """The unit of each body row's first plain value, for the row's RAG marks and arrows."""
    units: dict[int, str] = {}
    for cell in table.cells:
        figure = parse_figure(cell.raw)
        if cell.row not in units and figure.is_number and not cell.row_period:
            units[cell.row] = unit_of(figure, cell, cell.row_labels[-1] if cell.row_labels else "")
    return units


def _share_columns(table: Table) -> set[int]:
    """Columns of percentages printed without "%": plain numbers up to 100, some with decimals, whose rows
    other than totals add up to 100 (the share of children with an EHCP in each type of school placement)."""
    columns: dict[int, list[float]] = {}
    for cell in table.cells:
        figure = parse_figure(cell.raw)
        if cell.row_period or not figure.is_number or figure.unit or figure.numerator is not None:
            continue
        label = cell.row_labels[-1] if cell.row_labels else ""
        columns.setdefault(cell.column, []).append(None if _ANY_TOTAL.search(label) else figure.value)
    return {column for column, values in columns.items()
            if len(parts := [v for v in values if v is not None]) >= 4 and all(0 <= v <= 100 for v in parts)
            and any(not float(v).is_integer() for v in parts) and abs(sum(parts) - 100) <= 0.5}


def _series(cell: Cell) -> tuple[str, int]:
    """The run of values a cell belongs to: its column when periods run down the rows, else its row."""
    return ("column", cell.column) if cell.row_period else ("row", cell.row)


def _series_units(table: Table) -> dict[tuple[str, int], str]:
    """The unit most values of each series are printed in ("%" or a plain number)."""
    units: dict[tuple[str, int], Counter] = {}
    for cell in table.cells:
        figure = parse_figure(cell.raw)
        if figure.is_number and figure.numerator is None:
            units.setdefault(_series(cell), Counter())["%" if figure.unit == "%" else "number"] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in units.items() if sum(counter.values()) >= 3}


def _suspect(figure: Figure, unit: str | None, series_unit: str | None) -> str | None:
    """Why a value cannot be trusted as printed, or None."""
    if unit == "%" and figure.value is not None and figure.value > 100:
        if series_unit == "number":
            return f"a percentage ({figure.value:g}%) in a row of plain numbers: probably mistyped"
        if figure.value > 1000:
            return f"a percentage above 1000 ({figure.value:g}%)"
    return None


def _latest_period(table: Table) -> Period | None:
    periods = [p for column in range(table.width) for p in find_periods(" ".join(table.column_path(column)))]
    periods += [p for cell in table.cells if cell.row_period for p in find_periods(cell.row_period)]
    return max(periods, key=lambda p: p.end) if periods else None


def _title_period(table: Table) -> Period | None:
    """The period a table's title names: its last, or the range its last two span ("LAC Ceases
    September 2019 to September 2020"); a date the figures stand "as at" only when it names no
    other ("BUDGET 2018/19 (as at 19 June 2018)" is the 2018/19 budget)."""
    spans = list(period_spans(table.title))
    covered = [span for span in spans if not re.search(r"\bas (?:at|of)\s*$", table.title[:span[0]], re.IGNORECASE)]
    spans = covered or spans
    if len(spans) >= 2:
        joined = parse_period(table.title[spans[-2][0]:spans[-1][1]])
        if joined and joined.kind == "range":
            return joined
    return spans[-1][2] if spans else None


def _cell_period(cell: Cell, measure: str, latest: Period | None, fallback: Period | None) -> tuple[Period | None, str]:
    """A value's period: its column header's, else its row's, else the table's latest (for
    targets, RAG and year-to-date columns), else the table title's or the meeting date."""
    for text in reversed(cell.column_headers):
        whole = parse_period(text)  # "16-17 Total" is a period as a whole, not inside a longer text
        found = [whole] if whole else find_periods(text)
        if found:
            return found[-1], "column"
    if cell.row_period:  # "Oct 16 - Sep 17" is a span as a whole
        whole = parse_period(cell.row_period)
        found = [whole] if whole else find_periods(cell.row_period)
        if found:
            return found[-1], "row"
    if measure in _LATEST_MEASURES and latest:
        return latest, "table"
    return fallback, "meeting" if fallback and fallback.kind == "date" else "title"


def values_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows as a DataFrame with the store's columns in order."""
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    frame["line"] = pd.to_numeric(frame["line"], errors="coerce").astype("Int64")
    return frame


def document_values(document: Document, tables: list[Table], catalogue: Catalogue | None = None,
                    blocks: list[Block] | None = None) -> pd.DataFrame:
    """Every value of a document's tables and prose, as one tidy DataFrame (``blocks``: the
    document already parsed, so it is not parsed again)."""
    from .prose import prose_values

    catalogue = catalogue or Catalogue.load()
    rows = [row for table in tables for row in table_values(table, document, catalogue)]
    rows += prose_values(document, catalogue, blocks, localities(tables, document.meta.council))
    return values_frame(rows)

