"""Official statistics in the Department for Education's tidy CSV layout, read by one generic
loader: geography and time columns, then filter columns (words), then measure columns
(numbers or suppression codes). Measures map to catalogue indicators through the catalogue's
``statistics`` entries. The statistical neighbour groupings file (SN1 ... SN10) is read too."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .catalogue import Catalogue
from .indicators import COLUMNS
from .periods import official_period

TIME_AND_PLACE = {
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
    "region_name", "old_la_code", "new_la_code", "la_name", "lad_code", "lad_name", "pcon_code", "pcon_name",
    "opportunity_area_code", "opportunity_area_name", "english_devolved_area_code", "english_devolved_area_name",
}
SUPPRESSION_CODES = {"c": "suppressed", "z": "not applicable", "x": "not available", "low": "fewer than 0.5",
                     "k": "suppressed", "u": "low reliability", "": "none"}
LEVELS = {"national": "national", "regional": "regional", "local authority": "local authority"}


@dataclass
class StatisticsLoad:
    """What a statistics folder gave: tidy values, neighbour groupings, and per-file notes."""

    values: pd.DataFrame
    neighbours: pd.DataFrame
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def measure_unit(column: str) -> str:
    """A measure column's unit, read from its name."""
    name = column.lower()
    if "per_10000" in name or "per_10k" in name:
        return "rate per 10,000"
    if "percent" in name or name.endswith("_rate") or "_rate_" in name or name.endswith("rate_fte"):
        return "%"
    if "fte" in name or "caseload" in name:
        return "FTE" if "caseload" not in name else "count"
    return "count"


def _is_measure(series: pd.Series) -> bool:
    """A column of numbers (suppression codes allowed)."""
    values = series.dropna().astype(str).str.strip()
    values = values[~values.str.lower().isin(SUPPRESSION_CODES)]
    if values.empty:
        return False
    return pd.to_numeric(values.str.replace(",", ""), errors="coerce").notna().mean() > 0.95


def read_tidy_file(path: Path, catalogue: Catalogue) -> pd.DataFrame:
    """One tidy DfE file as value rows. Raises ValueError when the file is not in that layout."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw.columns = [column.strip() for column in raw.columns]
    missing = {"time_period", "time_identifier", "geographic_level"} - set(raw.columns)
    if missing:
        raise ValueError(f"not in the DfE tidy layout (no {', '.join(sorted(missing))} column)")
    raw = raw.reset_index(names="row_index")
    raw = raw[raw["geographic_level"].str.lower().isin(LEVELS)]
    others = [column for column in raw.columns if column not in TIME_AND_PLACE and column != "row_index"]
    measures = [column for column in others if _is_measure(raw[column])]
    filters = [column for column in others if column not in measures]
    if not measures:
        raise ValueError("no measure columns (numbers) found")
    periods = {
        key: official_period(*key)
        for key in raw[["time_period", "time_identifier"]].drop_duplicates().itertuples(index=False, name=None)
    }
    long = raw.melt(id_vars=[c for c in raw.columns if c not in measures], value_vars=measures,
                     var_name="measure_column", value_name="raw")
    level = long["geographic_level"].str.lower().map(LEVELS)
    council = long.get("la_name", pd.Series("", index=long.index)).where(level == "local authority", "")
    council = council.where(level != "regional", long.get("region_name", ""))
    council = council.where(level != "national", "England")
    text = long["raw"].str.strip()
    numbers = pd.to_numeric(text.str.replace(",", ""), errors="coerce")
    status = text.str.lower().map(lambda code: "ok" if code not in SUPPRESSION_CODES else
                                  ("none" if code == "" else "suppressed"))
    status = status.where(numbers.isna(), "ok")
    label = long["measure_column"]
    for column in filters:
        label = label + " | " + column + ": " + long[column]
    period = [periods[(tp, ti)] for tp, ti in zip(long["time_period"], long["time_identifier"])]
    frame = pd.DataFrame({
        "source": "official", "council": council, "geography": level,
        "la_code": long.get("old_la_code", pd.Series("", index=long.index)),
        "region": long.get("region_name", pd.Series("", index=long.index)),
        "document": path.name, "meeting_date": None, "table_id": path.stem, "table_title": path.stem,
        "label": label, "label_path": label, "indicator": None, "ref": None, "area": "county",
        "period": [p.label if p else None for p in period], "period_kind": [p.kind if p else None for p in period],
        "period_end": [p.sort_key if p else None for p in period], "period_source": "official",
        "measure": "value", "value": numbers, "value_text": text,
        "unit": long["measure_column"].map(measure_unit), "polarity": "unknown", "status": status,
        "note": text.str.lower().map(lambda code: SUPPRESSION_CODES.get(code) if code in SUPPRESSION_CODES and code else None),
        "page": None, "line": long["row_index"].astype(int) + 2, "row": council,
        "column": long["measure_column"],
        "quote": council + ", " + long["time_period"] + ", " + label + " = " + text,
    })
    for indicator in catalogue.indicators:
        for matcher in indicator.statistics:
            mask = long["measure_column"] == matcher["measure"]
            for column, wanted in (matcher.get("where") or {}).items():
                mask &= long[column] == wanted if column in long else False
            frame.loc[mask, ["indicator", "unit", "polarity"]] = [indicator.id, indicator.unit, indicator.polarity]
    return frame[COLUMNS]


def read_neighbours(path: Path) -> pd.DataFrame:
    """A statistical neighbour groupings file: each authority's ten neighbours, closest first."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    raw.columns = [column.strip() for column in raw.columns]
    code = next((c for c in raw.columns if re.fullmatch(r"la (num|number|code)", c, re.IGNORECASE)), None)
    name = next((c for c in raw.columns if re.fullmatch(r"la name", c, re.IGNORECASE)), None)
    ranks = [c for c in raw.columns if re.fullmatch(r"SN\d{1,2}", c)]
    if not code or not ranks:
        raise ValueError("not a statistical neighbour file (no LA code and SN1 ... SN10 columns)")
    rows = [
        {"la_code": row[code].strip(), "la_name": row[name].strip() if name else "", "rank": int(rank[2:]),
         "neighbour_code": row[rank].strip()}
        for _, row in raw.iterrows() for rank in ranks if row[rank].strip()
    ]
    return pd.DataFrame(rows, columns=["la_code", "la_name", "rank", "neighbour_code"])


def load_statistics(folder: Path, catalogue: Catalogue | None = None) -> StatisticsLoad:
    """Every CSV in a folder: tidy files become values, a groupings file gives neighbours; a file
    that is neither is reported and skipped."""
    catalogue = catalogue or Catalogue.load()
    frames, neighbours, files, problems = [], [], [], []
    for path in sorted(folder.glob("*.csv")):
        try:
            header = path.read_text(encoding="utf-8-sig", errors="replace").split("\n", 1)[0]
            if re.search(r"(^|,)SN1(,|$)", header):
                neighbours.append(read_neighbours(path))
            else:
                frames.append(read_tidy_file(path, catalogue))
            files.append(path.name)
        except (ValueError, pd.errors.ParserError, UnicodeDecodeError, OSError) as error:
            problems.append(f"{path.name}: {error}")
    values = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    groups = pd.concat(neighbours, ignore_index=True) if neighbours else \
        pd.DataFrame(columns=["la_code", "la_name", "rank", "neighbour_code"])
    return StatisticsLoad(values, groups, files, problems)
