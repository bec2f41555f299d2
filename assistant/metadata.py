"""Infer a paper's council, committee, meeting date and type from its text and file name.

A sidecar ``NAME.meta.json`` beside the file overrides any inferred field.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from .documents import DocumentMeta

MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
_MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
_TEXT_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_PATTERN})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MEETING_DATE_LABEL = re.compile(r"^\W*date(?: of meeting)?\W*:", re.IGNORECASE)
_NAMED_COUNCIL = re.compile(
    r"\b((?:[A-Z][a-z]+[ -]){1,3}?)(?:County |Borough |City |District |Metropolitan Borough )?Council\b"
)
_COMMITTEE_WORDS = re.compile(r"\b(committee|sub[- ]committee|panel|board|cabinet|forum)\b", re.IGNORECASE)
_AGENDA_HEADING = re.compile(r"^\W*(supplementary\s+)?a\s?g\s?e\s?n\s?d\s?a\W*$", re.IGNORECASE)
_MINUTES_HEADING = re.compile(r"^\W*minutes of the\b", re.IGNORECASE)
_MARKUP = re.compile(r"[*#_`|]+")
SIDECAR_FIELDS = ("council", "committee", "meeting_date", "document_type", "title")


def parse_date(text: str) -> str | None:
    """The first date written like '2nd December 2020' or '2020-12-02' in text, as ISO."""
    match = _TEXT_DATE.search(text)
    if match:
        day, month, year = int(match.group(1)), MONTHS[match.group(2).lower()], int(match.group(3))
    else:
        match = _ISO_DATE.search(text)
        if not match:
            return None
        year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def clean_line(line: str) -> str:
    """A line without Markdown markup or surrounding white space."""
    return " ".join(_MARKUP.sub(" ", line).split())


def infer_meta(file_name: str, text: str) -> DocumentMeta:
    """Metadata from the paper's opening lines, its file name and its wording."""
    head = [clean_line(line) for line in text.split("\n")[:60]]
    head = [line for line in head if line]
    committee = _committee(head)
    document_type = _document_type(text)
    title = _title(head)
    if document_type == "agenda pack":
        agenda = next((line for line in head if _AGENDA_HEADING.match(line)), "Agenda")
        kind = "Supplementary agenda" if "supplementary" in agenda.lower() else "Agenda"
        title = f"{kind}: {committee}" if committee else kind
    return DocumentMeta(
        council=_council(file_name, text),
        committee=committee,
        meeting_date=_meeting_date(file_name, head),
        document_type=document_type,
        title=title,
    )


def apply_sidecar(meta: DocumentMeta, sidecar: Path) -> DocumentMeta:
    """Override inferred fields with those of a JSON sidecar; unknown keys are refused."""
    values = json.loads(sidecar.read_text(encoding="utf-8"))
    if not isinstance(values, dict):
        raise ValueError(f"{sidecar.name} must hold a JSON object")
    unknown = set(values) - set(SIDECAR_FIELDS)
    if unknown:
        raise ValueError(f"{sidecar.name}: unknown field(s) {', '.join(sorted(unknown))}")
    if values.get("meeting_date"):
        values["meeting_date"] = parse_date(str(values["meeting_date"])) or values["meeting_date"]
    return DocumentMeta(**{**meta.__dict__, **values})


def sidecar_for(path: Path) -> Path | None:
    """The sidecar of a paper: ``paper.pdf.meta.json`` or ``paper.meta.json``."""
    for candidate in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if candidate.is_file():
            return candidate
    return None


def _council(file_name: str, text: str) -> str | None:
    """The council's short name as the DfE writes it ('Norfolk', 'North Somerset').

    A file named ``council-slug_YYYY-MM-DD_...`` names its council; otherwise the council the
    text names most often.
    """
    slug = file_name.split("_")[0] if _ISO_DATE.search(file_name) and "_" in file_name else ""
    if slug:
        words = slug.replace("-", " ")
        found = re.search(rf"\b{re.escape(words)}\b", text, re.IGNORECASE)
        written = found.group(0) if found else words
        return written if written[:1].isupper() and not written.isupper() else words.title()
    counts: dict[str, int] = {}
    for match in _NAMED_COUNCIL.finditer(text):
        name = match.group(1).strip(" -")
        if name.split()[0] not in {"The", "One", "Our", "This", "Each", "Every", "A"}:
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get) if counts else None


def _committee(head: list[str]) -> str | None:
    """The first opening line that names a committee, panel or board."""
    for line in head[:15]:
        match = _COMMITTEE_WORDS.search(line)
        if not match or len(line) > 120 or line.lower().startswith(("minutes", "cabinet member")):
            continue
        name = re.sub(r"^(report to( the)?|meeting of( the)?)\s+", "", line, flags=re.IGNORECASE)
        name = _TEXT_DATE.sub("", name)
        name = name[: _COMMITTEE_WORDS.search(name).end()].strip(" ,:-")
        return _readable_case(name)
    return None


def _readable_case(name: str) -> str:
    if not name.isupper():
        return name
    small = {"and", "of", "the", "for", "in", "on"}
    return " ".join(w.lower() if i and w.lower() in small else w.capitalize() for i, w in enumerate(name.split()))


def _meeting_date(file_name: str, head: list[str]) -> str | None:
    for line in head:
        if _MEETING_DATE_LABEL.match(line) and parse_date(line):
            return parse_date(line)
    from_name = parse_date(file_name)
    if from_name:
        return from_name
    for line in head[:10]:
        if parse_date(line):
            return parse_date(line)
    return None


def _document_type(text: str) -> str:
    """'agenda pack' if the paper opens with an agenda, 'minutes' if it is minutes, else 'report'."""
    opening = [clean_line(line) for line in text.split("\n")[:200]]
    if any(_AGENDA_HEADING.match(line) for line in opening if line):
        return "agenda pack"
    if any(_MINUTES_HEADING.match(line) for line in opening[:20] if line):
        return "minutes"
    return "report"


def _title(head: list[str]) -> str | None:
    """A report's subject ('Subject of Report:', 'Report title:'), else its first line that is not a date or committee."""
    for line in head:
        match = re.match(r"^(subject of report|report title)\s*:\s*(.+)$", line, re.IGNORECASE)
        if match:
            return match.group(2).strip()
    for line in head[:6]:
        if not _COMMITTEE_WORDS.search(line) and not parse_date(line) and not _NAMED_COUNCIL.search(line):
            if not _AGENDA_HEADING.match(line) and len(line) > 12:
                return line
    return None
