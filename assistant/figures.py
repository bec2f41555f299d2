"""Read one figure as papers print it: "14.7%", "24 / 163", "£1.847m", "1,876", "<15%", "x", "-", "↑"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?|[-+]?\.\d+"  # "+3%": a change, signed
_FIGURE = re.compile(
    rf"^(?P<cmp>[<>≤≥]=?)?\s*(?P<pound>£)?\s*(?P<num>{_NUMBER})\s*(?P<suffix>%|m|k|bn|million|billion|pp)?$",
    re.IGNORECASE,
)
_RATIO = re.compile(rf"^(?P<num>{_NUMBER})\s*/\s*(?P<den>{_NUMBER})$")
_BRACKETED = re.compile(rf"^\((?P<inner>£?\s*(?:{_NUMBER})\s*(?:%|m|k)?)\)$")
SUPPRESSED = {"x", "c", "z", "low", "k", "u", "*", "..", "n/k", "[c]", "[x]", "[z]", "[low]"}
NONE = {"-", "–", "—", "n/a", "na", "nil", "none", "/", "#n/a"}
DIRECTION = set("↑↓↗↘→←⬆⬇▲▼•.")
RAG = set("★■✖●▲◆✓✔✗✘") | {"red", "amber", "green", "r", "a", "g", "ra", "ag"}


@dataclass(frozen=True)
class Figure:
    """What a cell or phrase holds: a number with its unit, a ratio, a code, or nothing usable.

    ``status`` is "ok", "suppressed" (x, c, ...), "none" (-), "symbol" (an arrow or RAG mark,
    kept in ``text``) or "text" (not a figure at all).
    """

    status: str
    value: float | None = None
    unit: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    comparator: str | None = None
    text: str | None = None

    @property
    def is_number(self) -> bool:
        return self.status == "ok"


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def parse_figure(raw: str) -> Figure:
    """Read a cell. Units come from the figure itself ("%", "£", "m"); a bare number has none."""
    text = " ".join(raw.replace("\u2212", "-").split()).strip()
    text = re.sub(r"</?[a-z]+>", "", text).strip(" *")
    lowered = text.lower()
    if not text:
        return Figure("none")
    if lowered in SUPPRESSED:
        return Figure("suppressed", text=text)
    if lowered in NONE:
        return Figure("none", text=text)
    if all(ch in DIRECTION for ch in text.replace(" ", "")):
        return Figure("symbol", text=text, unit="direction")
    if lowered in RAG or all(ch in RAG for ch in text.replace(" ", "")):
        return Figure("symbol", text=text, unit="rag")
    bracketed = _BRACKETED.match(text)
    if bracketed:  # accounting style: (1.2) is minus 1.2
        inner = parse_figure(bracketed.group("inner"))
        if inner.is_number:
            return Figure("ok", -inner.value, inner.unit)
    ratio = _RATIO.match(text)
    if ratio:
        numerator, denominator = _number(ratio.group("num")), _number(ratio.group("den"))
        return Figure("ok", numerator / denominator * 100 if denominator else None, "%", numerator, denominator)
    match = _FIGURE.match(text)
    if not match:
        return Figure("text", text=text)
    value = _number(match.group("num"))
    suffix = (match.group("suffix") or "").lower()
    unit = None
    if suffix == "%":
        unit = "%"
    elif suffix == "pp":
        unit = "percentage points"
    elif match.group("pound"):
        if suffix in ("m", "million"):
            unit = "£m"
        elif suffix == "k":
            unit, value = "£m", value / 1000
        elif suffix in ("bn", "billion"):
            unit, value = "£m", value * 1000
        else:
            unit = "£"
    elif suffix:
        return Figure("text", text=text)
    comparator = match.group("cmp") or None
    return Figure("ok", value, unit, comparator=comparator)
