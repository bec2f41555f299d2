"""Read the periods that papers write ("Apr 17", "2018/19", "Aut 15-16", "Q2 2019-20",
"31 March 2019", "Oct 16 - Sep 17") and normalise them so they sort and compare."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .metadata import MONTHS

MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))  # longest first: "sept" before "sep"
_YEAR = r"(?:19|20)?\d{2}"
_MONTH_YEAR = re.compile(rf"^(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?({MONTH_NAMES})\.?[\s\-'’/]*({_YEAR})$", re.IGNORECASE)
_FINANCIAL_YEAR = re.compile(r"^(?:fy\s*)?((?:19|20)\d{2})\s*[-/–]\s*((?:19|20)?\d{2})$", re.IGNORECASE)
_SHORT_YEAR_PAIR = re.compile(r"^(\d{2})\s*[-/–]\s*(\d{2})$")
_ISO = re.compile(r"^((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?$")
_YEAR_ONLY = re.compile(r"^((?:19|20)\d{2})$")
_TERM = re.compile(r"^(aut(?:umn)?|spr(?:ing)?|sum(?:mer)?)\.?\s*(?:term\s*)?(\d{2}|\d{4})\s*[-/–]\s*(\d{2})$", re.IGNORECASE)
_QUARTER = re.compile(r"^(?:q|quarter\s*)([1-4])\s*((?:19|20)\d{2}\s*[-/–]\s*\d{2}|(?:19|20)\d{2})?$", re.IGNORECASE)
_RANGE = re.compile(r"^(.+?)\s*(?:-|–|to)\s*(.+?)(?:\s+cohort.*)?$", re.IGNORECASE)
_LABEL_RANGE = re.compile(r"^(\d{4}-\d{2}) to (\d{4}-\d{2})$")  # a range's own label: "2015-10 to 2016-09"
_FIND = re.compile(
    rf"\b(?:(?<![\d.,])\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{MONTH_NAMES})\.?[\s\-'’]*(?:19|20)?\d{{2}}\b(?![-/–]\d)"  # not "March 2018-19"
    rf"|\b(?:aut|spr|sum)\w*\.?\s*\d{{2}}\s*[-/]\s*\d{{2}}\b"
    r"|\b(?:fy\s*)?(?:19|20)\d{2}\s*[-/–]\s*(?:19|20)?\d{2}\b"
    r"|\bq[1-4]\s*(?:19|20)\d{2}(?:\s*[-/]\s*\d{2})?\b",
    re.IGNORECASE,
)
BARE_YEAR = re.compile(r"(?<!\bAct )(?<!\bRegulations )\b(?:19|20)\d{2}\b")
_TERM_MONTHS = {"aut": (9, 12, 0), "spr": (1, 4, 1), "sum": (4, 7, 1)}
_TERM_NAMES = {"aut": "autumn", "spr": "spring", "sum": "summer"}
_TERM_ASKED = re.compile(r"\b(aut(?:umn)?|spr(?:ing)?|summer)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """A normalised period: ``label`` such as "2018-04", "2018-19", "2015-16 autumn",
    "2019-03-31" or "2016-10 to 2017-09"; ``kind`` (month, financial_year, year, term,
    quarter, date, range); ``end`` the last day it covers, for ordering."""

    label: str
    kind: str
    end: date

    @property
    def sort_key(self) -> str:
        return self.end.isoformat()


def _full_year(text: str) -> int:
    year = int(text)
    if year < 100:
        year += 2000 if year < 70 else 1900
    return year


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _financial_year(start: int) -> Period:
    return Period(f"{start}-{str(start + 1)[-2:]}", "financial_year", date(start + 1, 3, 31))


def parse_period(text: str) -> Period | None:
    """The period a short piece of text names, or None. "Apr 17" is April 2017; "2018/19" and
    "FY 2018-19" are the year to 31 March 2019; "16-17 Total" is 2016-17."""
    text = " ".join(text.replace("’", "'").split()).strip(" .:,;()")
    text = re.sub(r"\s+(total|ytd|year to date)$", "", text, flags=re.IGNORECASE)
    if not text or len(text) > 40:
        return None
    match = _MONTH_YEAR.match(text)
    if match:
        day, month, year = match.group(1), MONTHS[match.group(2).lower()], _full_year(match.group(3))
        if day:
            try:
                snapshot = date(year, month, int(day))
            except ValueError:
                return None
            return Period(snapshot.isoformat(), "date", snapshot)
        return Period(f"{year}-{month:02d}", "month", _month_end(year, month))
    match = _FINANCIAL_YEAR.match(text)
    if match and _full_year(match.group(2)[-2:]) == int(match.group(1)) + 1:
        return _financial_year(int(match.group(1)))
    match = _ISO.match(text)
    if match:
        year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
        if not 1 <= month <= 12:
            return None
        if day:
            snapshot = date(year, month, int(day))
            return Period(snapshot.isoformat(), "date", snapshot)
        return Period(f"{year}-{month:02d}", "month", _month_end(year, month))
    match = _SHORT_YEAR_PAIR.match(text)
    if match:
        start, end = _full_year(match.group(1)), _full_year(match.group(2))
        return _financial_year(start) if end == start + 1 else None
    match = _YEAR_ONLY.match(text)
    if match:
        year = int(match.group(1))
        return Period(str(year), "year", date(year, 12, 31))
    match = _TERM.match(text)
    if match:
        term = match.group(1)[:3].lower()
        start = _full_year(match.group(2)[-2:])
        if _full_year(match.group(3)) != start + 1:
            return None
        first, last, offset = _TERM_MONTHS[term]
        school_year = f"{start}-{str(start + 1)[-2:]}"
        return Period(term_label(school_year, _TERM_NAMES[term]), "term", _month_end(start + offset, last))
    match = _QUARTER.match(text)
    if match and match.group(2):
        quarter, year_text = int(match.group(1)), match.group(2)
        fy = _FINANCIAL_YEAR.match(year_text)
        start = int(fy.group(1)) if fy else int(year_text)
        end_month = 3 + 3 * quarter
        end_year = start + (end_month > 12)
        return Period(f"{start}-{str(start + 1)[-2:]} Q{quarter}", "quarter", _month_end(end_year, (end_month - 1) % 12 + 1))
    match = _LABEL_RANGE.match(text) or _RANGE.match(text)
    if match:
        first, last = parse_period(match.group(1)), parse_period(match.group(2))
        if first and last and first.kind == last.kind == "month" and first.end < last.end:
            return Period(f"{first.label} to {last.label}", "range", last.end)
    return None


def term_label(school_year: str, term: str) -> str:
    """A school term's period label: the year's, then the term ("2017-18 autumn")."""
    return f"{school_year} {term}"


def term_parts(label: str) -> tuple[str, str]:
    """A term's period label read back: its school year and its term ("2017-18", "autumn")."""
    school_year, _, term = str(label).partition(" ")
    return school_year, term


def terms_named(text: str) -> list[str]:
    """The school terms a text names ("the autumn term", "Spr"), as periods name them: "autumn"."""
    return list(dict.fromkeys(_TERM_NAMES[match.lower()[:3]] for match in _TERM_ASKED.findall(text)))


def first_day(period: Period) -> date:
    """The first day a period covers (its ``end`` is the last)."""
    if period.kind == "month":
        return period.end.replace(day=1)
    if period.kind == "financial_year":
        return period.end.replace(year=period.end.year - 1, month=4, day=1)
    if period.kind == "year":
        return period.end.replace(month=1, day=1)
    return period.end


def period_spans(text: str):
    """Each period written inside a longer text, with where it starts and ends."""
    for match in _FIND.finditer(text):
        period = parse_period(match.group(0))
        if period:
            yield match.start(), match.end(), period


def find_periods(text: str) -> list[Period]:
    """Every period written inside a longer text, in order ("Balance April 2018 £m")."""
    return [period for _, _, period in period_spans(text)]


def periods_named(text: str) -> list[Period]:
    """The periods a text names, bare years too ("In 2021 there were 9684 contacts"), but not an
    Act's year ("the Children Act 1989")."""
    found, rest = [], text
    for start, end, period in sorted(period_spans(text), reverse=True):
        found.append(period)
        rest = rest[:start] + " " + rest[end:]
    years = [parse_period(year) for year in BARE_YEAR.findall(rest)]
    return sorted(found + [year for year in years if year], key=lambda period: period.end)


def meeting_period(meeting_date: str | None) -> Period | None:
    """The period of a figure dated only by its meeting: the meeting day itself."""
    if not meeting_date:
        return None
    day = date.fromisoformat(meeting_date)
    return Period(day.isoformat(), "date", day)


def official_period(time_period: str, time_identifier: str) -> Period | None:
    """A DfE ``time_period`` ("2024", "201819") read with its ``time_identifier``.

    A "Reporting year" or "Financial year" 2024 is the year to 31 March 2024 ("2023-24"), so
    it lines up with the "2023-24" that papers print; an "Academic year" 202324 is 2023-24.
    """
    text = str(time_period).strip()
    kind = time_identifier.strip().lower()
    if re.fullmatch(r"\d{6}", text):
        return _financial_year(int(text[:4]))
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if kind in ("reporting year", "financial year"):
            return _financial_year(year - 1)
        return Period(str(year), "year", date(year, 12, 31))
    return parse_period(text)
