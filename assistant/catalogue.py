"""The indicator catalogue (catalogue.yaml) and word matching of labels and questions to it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import Stemmer
import yaml

CATALOGUE_FILE = Path(__file__).with_name("catalogue.yaml")
_STOP = {"of", "the", "a", "an", "to", "in", "with", "and", "or", "for", "any", "one", "our", "on", "at", "by",
         "who", "that", "is", "are", "been", "have", "has", "had", "be", "it", "its", "we", "how", "what",
         "during", "this", "up", "date", "which"}
_SAME_WORDS = {"three": "3", "two": "2", "ten": "10", "kids": "children", "kid": "children", "child": "children",
               "sixth": "6th", "max": "maximum", "min": "minimum", "avg": "average", "vacant": "vacancies",
               "boys": "male", "boy": "male", "girls": "female", "girl": "female", "stopped": "ceased"}
_ORDINAL = re.compile(r"\b(\d{1,2})\s+(st|nd|rd|th)\b")  # a PDF's "6 th form" is the "sixth form"
_STEMMER = Stemmer.Stemmer("english")
_LOOKED_AFTER = re.compile(r"\b(?:child(?:ren)?\s+)?looked[\s-]+after(?:\s+child(?:ren)?)?\b")
_AND_OVER = re.compile(r"\b(\d{1,3})\s*\+(?!\s*\d)")
_SECTION = re.compile(r"(?<![\w'])s(?:ection|\.)?\s*(\d{1,3})\b")
_SPELT_OUT = re.compile(r"((?:[A-Z][\w'-]*\s+){2,8})\(([A-Z]{2,8})\)")  # "Early Help Family Focus (EHFF)"
GAP_WORDS = 2  # words of a label or term may stand this far apart in a question ("social work assessments")


@lru_cache(maxsize=50_000)
def words(text: str) -> frozenset[str]:
    """The stemmed content words of a text; "10k" and "10,000" read alike, so do "child protection"
    and "CP", "child in need" and "CIN", "looked after children" and "LAC", "child" and "children"; a hyphenated word counts both as its
    parts and joined ("re-referrals": re, referr, rereferr)."""
    return frozenset().union(*word_sequence(text))


@lru_cache(maxsize=50_000)
def word_sequence(text: str) -> tuple[frozenset[str], ...]:
    """A text's content words in order, each as the stems ``words`` reads in it."""
    text = text.lower().replace("10,000", "10000").replace("10k", "10000").replace("’", "'")
    text = _SECTION.sub(r"s\1", text)  # "section 20", "s.20" and "S20" read alike
    text = re.sub(r"\bchild(?:ren)? in need\b", "cin", text.replace("child protection", "cp"))
    text = _LOOKED_AFTER.sub("lac", text)  # "children looked after", "looked-after children" and "LAC" read alike
    text = _AND_OVER.sub(r"\1 and over", text)  # "16+" and "16 and over" read alike
    text = _ORDINAL.sub(r"\1\2", text)
    sequence = []
    for raw in re.findall(r"[a-z0-9%£][a-z0-9%£.'+-]*", text):
        raw = raw.strip(".'-")
        parts = [part for part in re.split(r"[-']", raw) if part]
        candidates = parts + ([raw.replace("-", "").replace("'", "")] if len(parts) > 1 else [])
        stems = {_STEMMER.stemWord(token) if token.isalpha() else token
                 for token in (_SAME_WORDS.get(candidate, candidate) for candidate in candidates)
                 if token and token not in _STOP}
        if stems:
            sequence.append(frozenset(stems))
    return tuple(sequence)


def unit_class(unit: str | None) -> str | None:
    """Units that can stand for one another: a rate is never a percentage, nor a count money."""
    if not unit:
        return None
    if unit in ("%", "percentage points"):
        return "%"
    if unit.startswith("rate"):
        return "rate"
    if unit.startswith("£"):
        return "£"
    return unit


@dataclass(frozen=True)
class Indicator:
    """One canonical indicator: what it is, how it is measured, how people name it."""

    id: str
    name: str
    definition: str
    unit: str
    polarity: str
    phrases: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    statistics: tuple[dict, ...] = field(default_factory=tuple)
    includes: tuple[str, ...] = ()

    def score(self, tokens: frozenset[str], spoken: tuple[frozenset[str], ...]) -> int:
        """How strongly a text (its ``words`` and ``word_sequence``) names this indicator: the word count of
        its longest matching phrase; none when it says an excluded term, in order ("18 months", not "month by
        month ... Apr-18")."""
        if any(said_together(word_sequence(term), spoken) for term in self.exclude if words(term)):
            return 0
        return max((len(words(phrase)) for phrase in self.phrases if words(phrase) and words(phrase) <= tokens), default=0)


class Catalogue:
    """All indicators, looked up by id or matched by words."""

    def __init__(self, indicators: list[Indicator]):
        self.indicators = indicators
        self.by_id = {indicator.id: indicator for indicator in indicators}

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls, path: Path = CATALOGUE_FILE) -> "Catalogue":
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls([
            Indicator(
                id=entry["id"], name=entry["name"], definition=entry["definition"], unit=entry["unit"],
                polarity=entry["polarity"], phrases=tuple(str(p) for p in entry.get("phrases", [])),
                exclude=tuple(str(e) for e in entry.get("exclude", [])),
                statistics=tuple(entry.get("statistics", [])),
                includes=tuple(entry.get("includes", [])),
            )
            for entry in entries
        ])

    def get(self, indicator_id: str | None) -> Indicator | None:
        return self.by_id.get(indicator_id) if indicator_id else None

    @cached_property
    def vocabulary(self) -> list[str]:
        """Every word of every phrase (stemmed)."""
        return sorted({token for indicator in self.indicators for phrase in indicator.phrases for token in words(phrase)})

    def correct(self, text: str, spelt_right: Collection[str] = ()) -> str:
        """A question with misspelt catalogue words put right ("placment" -> "placement"); words
        ``spelt_right`` (the papers' own: "contract" is no misspelt "contact") are left alone."""
        known = set(self.vocabulary)
        fixed = []
        for word in text.split():
            stem = next(iter(words(word)), None)
            if stem and stem not in known and stem.isalpha() and len(stem) >= 5 \
                    and word.lower().strip(".,;:?!'’\"()") not in spelt_right:
                close = difflib.get_close_matches(stem, self.vocabulary, n=1, cutoff=0.85)
                if close:
                    word = close[0]
            fixed.append(word)
        return " ".join(fixed)

    def matches(self, text: str, unit: str | None = None) -> list[tuple[Indicator, int]]:
        """Indicators whose phrases a text holds, best first; with a unit, only indicators measured in it."""
        tokens, spoken = words(text), word_sequence(text)
        wanted = unit_class(unit)
        found = []
        for indicator in self.indicators:
            score = indicator.score(tokens, spoken)
            if score and (wanted is None or unit_class(indicator.unit) == wanted):
                found.append((indicator, score))
        found.sort(key=lambda pair: -pair[1])
        return found

    def match(self, text: str, unit: str | None = None) -> Indicator | None:
        """The indicator a label names, or None."""
        found = self.matches(text, unit)
        return found[0][0] if found else None


def abbreviated(text: str) -> str:
    """A text with each name it spells out before its abbreviation said by the abbreviation alone: "cases active
    to the Early Help Family Focus (EHFF) teams" says "cases active to EHFF" as a paper's label does."""
    def shorten(match: re.Match) -> str:
        spelt, short = match.group(1).split(), match.group(2)
        named = spelt[-len(short):]
        return f"{' '.join(spelt[:-len(short)])} {short} " if "".join(w[0] for w in named).upper() == short else match.group(0)
    return _SPELT_OUT.sub(shorten, text)


def said_together(wanted: tuple[frozenset[str], ...], spoken: tuple[frozenset[str], ...], gap: int = GAP_WORDS) -> bool:
    """Whether a text's content words (``spoken``, in order) say a label's or term's (``wanted``) in its
    order, at most ``gap`` words apart ("social work assessments" says "Social Work Assessments")."""
    def from_position(index: int, start: int) -> bool:
        if index == len(wanted):
            return True
        window = range(start, min(len(spoken), start + gap + 2) if index else len(spoken))  # "non-maintained": one word
        return any(wanted[index] <= spoken[n] and from_position(index + 1, n) for n in window)
    return from_position(0, 0)
