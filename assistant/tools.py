"""The numeric tool layer: exact answers from the indicator store, every value with its source.

Plain typed functions on ``IndicatorTools`` (also offered as langchain tools):
``find_indicators``, ``series``, ``change``, ``compare``, ``largest_rows`` and ``table``. Suppressed and
suspect values are never used as figures; they are counted so answers can say so.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .catalogue import Catalogue, abbreviated, said_together, unit_class, word_sequence, words
from .periods import first_day, parse_period, term_label, term_parts, terms_named
from .store import IndicatorStore

_BRACKETED = re.compile(r"\([^()]*\)|\b\d+(?:\.\d+)?\s*(?:fte|wte)\b", re.IGNORECASE)  # and a post count: "- 3.0 fte Police Officers"
_UNIT_SUFFIX = re.compile(r"\s+-\s+(?:£[km]?|no\.?|number)\s*$", re.IGNORECASE)  # a column headed by its unit alone
_COUNT_PREFIX = re.compile(r"^\s*no(?:\.?\s+of\s+|\.\s+)", re.IGNORECASE)  # "No of cases active to EHFF": how many
_NAMING_PREFIX = re.compile(r"^\s*(?:including|use of)\s+", re.IGNORECASE)  # "Including Junior Attendance Centres"
_ACRONYM = re.compile(r"\b[A-Z][a-z]?[A-Z]{1,4}\b")  # "PRU", "EHCP", "CiC"
_ACRONYM_WORDS = 5  # the longest run of words an abbreviation stands for
_LINKS = {"of", "and", "in", "the", "for", "to", "with"}  # words an abbreviation may leave out ("Children in Care": CC)

BENCHMARKS = ("england", "statistical_neighbours", "region", "target", "stat_neighbour_best", "national_top_quartile")
_PROVENANCE = ["source", "document", "meeting_date", "page", "line", "table_id", "table_title", "row", "column", "quote"]
_SOURCE_ORDER = {"table": 0, "prose": 1, "official": 2}
TOTAL_ROW = re.compile(r"^\s*(?:grand |sub[ -]?)?total\b", re.IGNORECASE)  # a table's total row, its parts above it
_WHOLE_ROW = re.compile(r"^\s*(?:grand\s+)?total\b", re.IGNORECASE)  # the table's whole, not a sub-total
_DIRECTORATE_WORDS = words("children's services council county committee department total")
_TITLE_NAMES_TOPIC = 3  # a table that does not name what is ranked still lists it when its title shares this many words
_SIBLINGS = 3  # rows sharing a label's first part that a ranking of its parts needs
_EVERYDAY_WORDS = _DIRECTORATE_WORDS | words("looked after children care social work")  # nearly every question says them
_PERCENT = frozenset({"%"})
_NUMBER = words("number")
# says a label's "Number of": "how many", "the most / fewest S47 investigations completed"
_HOW_MANY = re.compile(r"\bhow many\b|\b(?:the\s+)?(?:most|fewest)\s+(?![\d%])(?!of\b|common\b|recent\b|likely\b)[a-z0-9]",
                       re.IGNORECASE)
_LONE_TABLE_WORDS = 1  # words of its table's headings a question must say to name a label of one word
_UNORDERED_WORDS = 3  # words a label must have for a question to name it out of order
# words a label said out of order need not say: "Average FTE over year": "in each year"; "resulted in": "ended up";
# "Total contacts": "contacts"
_LINKING_WORDS = words("over under per within during across each every resulted total")
WHOLE_ASKED = re.compile(r"\b(?:overall|in total|altogether|all told|the total|total number)\b", re.IGNORECASE)
_TOTAL_SUFFIX = re.compile(r"\s+(?:grand\s+)?total\s*$", re.IGNORECASE)  # "Non mainstream grand total"
_UNSPECIFIC_PARTS = words("other others all unknown not known none missing")  # "compared with other councils" names no "Other" row


@dataclass
class IndicatorMatch:
    """An indicator a text may mean, and where the store has values for it."""

    id: str
    name: str
    unit: str | None
    polarity: str
    score: float
    how: str  # "catalogue words", "similar label" or "label words"
    councils: list[str] = field(default_factory=list)
    values: int = 0


@dataclass
class Change:
    """How an indicator moved between two periods, judged by its polarity."""

    indicator: str
    council: str
    start: dict
    end: dict
    difference: float
    relative: float | None
    unit: str | None
    polarity: str
    direction: str  # "better", "worse", "no change" or "unknown (polarity not known)"
    conflicts: list[dict] = field(default_factory=list)


@dataclass
class Comparison:
    """A council's value beside its benchmarks, each with its source or its method."""

    indicator: str
    council: str
    value: dict
    benchmarks: list[dict]
    rank: int | None = None
    of: int | None = None
    quartile: int | None = None
    official_value: dict | None = None


class IndicatorError(LookupError):
    """The store holds nothing that answers the request; the message says what it does hold."""


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts, missing values as None."""
    columns = list(frame.columns)
    return [{key: (None if value is pd.NA or (isinstance(value, float) and math.isnan(value)) else value)
             for key, value in zip(columns, row)} for row in frame.itertuples(index=False, name=None)]


class IndicatorTools:
    """Lookups, series, changes and comparisons over the indicator store."""

    def __init__(self, store: IndicatorStore, embedder=None, catalogue: Catalogue | None = None):
        self.store = store
        self.embedder = embedder
        self.catalogue = catalogue or Catalogue.load()
        self._by_indicator: dict[str, pd.DataFrame] | None = None
        self._by_council: dict[tuple[str, str], pd.DataFrame] = {}
        self._official_by_period: dict[str, dict[str, pd.DataFrame]] = {}
        self._paper_values: pd.DataFrame | None = None
        self._councils: dict[str, list[str]] = {}
        self._label_words: dict[str, tuple[frozenset[str], tuple[frozenset[str], ...]]] | None = None  # words, in order
        self._lone_label_words: dict[str, tuple[frozenset[str], list[frozenset[str]]]] | None = None
        self._areas: dict[str, str] | None = None
        self._label_vectors: tuple[list[str], np.ndarray] | None = None
        self._meetings: list[str] | None = None
        self.papers_words: set[str] = set()  # the indexed papers' words, never misspellings (set by the assistant)

    def reset(self) -> None:
        """Forget everything read from the store, after an ingest changed it."""
        self.store.reset()
        self._by_indicator = self._paper_values = self._label_vectors = self._label_words = self._areas = None
        self._lone_label_words = None
        self._meetings = None
        self._by_council, self._official_by_period, self._councils = {}, {}, {}

    # -- indexes -------------------------------------------------------------------------
    def _values(self) -> pd.DataFrame:
        return self.store.values()

    def _grouped(self) -> dict[str, pd.DataFrame]:
        if self._by_indicator is None:
            values = self._values()
            values = values.assign(council_key=values["council"].str.lower())
            self._by_indicator = {key: frame for key, frame in values.groupby("indicator", dropna=True)}
        return self._by_indicator

    def _papers(self) -> pd.DataFrame:
        """The values read from papers (not official statistics), with a lower-case council key."""
        if self._paper_values is None:
            values = self._values()
            papers = values[values["source"] != "official"]
            self._paper_values = papers.assign(council_key=papers["council"].str.lower())
        return self._paper_values

    def meeting_dates(self) -> list[str]:
        """The meeting dates (ISO) of the papers figures were read from (routing asks on every question)."""
        if self._meetings is None:
            self._meetings = sorted(set(self._papers()["meeting_date"].dropna()))
        return self._meetings

    def _official(self, indicator: str) -> dict[str, pd.DataFrame]:
        """An indicator's official values, by period."""
        if indicator not in self._official_by_period:
            rows = self._rows(indicator)
            rows = rows[(rows["source"] == "official") & (rows["measure"] == "value")]
            self._official_by_period[indicator] = {period: frame for period, frame in rows.groupby("period")}
        return self._official_by_period[indicator]

    def _council_rows(self, indicator: str, council: str) -> pd.DataFrame:
        """An indicator's rows for one council (kept, as answers ask for the same few often)."""
        key = (indicator, council.lower())
        if key not in self._by_council:
            rows = self._rows(indicator)
            keys = rows["council_key"] if "council_key" in rows else rows["council"].str.lower()
            self._by_council[key] = rows[keys == council.lower()]
        return self._by_council[key]

    def _rows(self, indicator: str) -> pd.DataFrame:
        """Rows of a catalogue indicator, or of the paper labels a free text names."""
        grouped = self._grouped()
        if indicator in grouped:
            return grouped[indicator]
        if indicator in self.catalogue.by_id:
            return self._values().iloc[0:0]
        papers = self._papers()
        exact = papers[papers["label"].str.lower() == indicator.lower()]
        if not exact.empty:
            return exact
        wanted = words(indicator)
        labels = papers["label"].drop_duplicates()
        hits = [label for label in labels if wanted and wanted <= words(label)]
        return papers[papers["label"].isin(hits)]

    # -- tools ---------------------------------------------------------------------------
    def find_indicators(self, text: str, council: str | None = None, limit: int = 5) -> list[IndicatorMatch]:
        """Indicators a question's words may mean: catalogue phrases first, then labels in the
        papers that are similar in meaning (embedding) or hold the same words."""
        values = self._papers()
        if council:
            values = values[values["council_key"] == council.lower()]
        found: dict[str, IndicatorMatch] = {}
        for indicator, score in self.catalogue.matches(text) or \
                self.catalogue.matches(self.catalogue.correct(text, self.papers_words)):
            found[indicator.id] = IndicatorMatch(indicator.id, indicator.name, indicator.unit, indicator.polarity,
                                                 float(score), "catalogue words")
            for part in map(self.catalogue.get, indicator.includes):
                found.setdefault(part.id, IndicatorMatch(part.id, part.name, part.unit, part.polarity,
                                                         score - 0.5, f"part of {indicator.name.lower()}"))
        for label, similarity in self._similar_labels(text, values):
            rows = values[values["label"] == label]
            key = rows["indicator"].dropna().iloc[0] if rows["indicator"].notna().any() else label
            if key not in found:
                entry = self.catalogue.get(key)
                found[key] = IndicatorMatch(key, entry.name if entry else label, entry.unit if entry else rows["unit"].iloc[0],
                                            entry.polarity if entry else rows["polarity"].iloc[0], similarity, "similar label")
        for match in found.values():
            rows = self._council_rows(match.id, council) if council else self._rows(match.id)
            match.councils = self.series_councils(match.id) if not council else sorted(set(rows["council"]))
            match.values = len(rows)
        ranked = sorted(found.values(), key=lambda m: (m.values == 0, -m.score))
        return ranked[:limit]

    def labels_in(self, text: str) -> list[str]:
        """Paper labels of two or more words that a text names in full and in order ("legal costs"),
        longest first; what a label says in brackets qualifies it and need not be named ("Independent/non
        maintained schools (including 6 th forms)"). A label of words nearly every question says (the directorate's
        "Children's Services" totals, a "Looked After" row of Leeds figures) is not one; nor are its words scattered
        through a question ("children ... placed more than 20 miles from home" names no "Children's Homes"). Its "%"
        and a leading "Number of" must be said, anywhere ("how many" says it, of a row no catalogue indicator
        reads; so does "the most" or "the fewest" of them); an abbreviation the text uses may say a run of its words; "overall" says a closing "(grand) total".
        A label of one word is named with a word of its table's headings ("boys as a share of children starting to
        be LAC": "Male" under "Children who started to be looked after")."""
        labels = self._labels_words()
        asked, spoken = words(text), {word_sequence(text), word_sequence(abbreviated(text))}

        def named(held: frozenset[str], sequence: tuple[frozenset[str], ...], said: frozenset[str] = asked) -> bool:
            return held <= said and (_PERCENT not in sequence or "%" in said) \
                and any(said_together(_said_in_order(sequence), order) for order in spoken)  # "re-referral rate": no "%"
        found = [label for label, (held, sequence) in labels.items() if named(held, sequence)]
        if _HOW_MANY.search(text):  # the "Number of" of a row no catalogue indicator reads (its phrases name that one)
            found += [label for label, (held, sequence) in labels.items() if label not in found
                      and named(held, sequence, asked | _NUMBER) and self.label_indicator(label) is None]
        if WHOLE_ASKED.search(text):  # "non-mainstream provision overall" names the "Non mainstream grand total"
            parts = {label: part for label in labels if label not in found and _TOTAL_SUFFIX.search(label)
                     and (part := _label_words(_TOTAL_SUFFIX.sub("", label)))[0] and not part[0] <= _EVERYDAY_WORDS
                     and named(*part)}
            found += [label for label, (held, _) in parts.items()  # not its "Mainstream grand total" too
                      if not any(held < other for other, _ in parts.values())]
        found += [label for label, (held, headings) in self._lone_labels().items()
                  if held <= asked and any(len(heading & asked) >= _LONE_TABLE_WORDS for heading in headings)]
        short = set(_ACRONYM.findall(text))  # "an alternative provision academy or PRU": "... / Pupil referral unit"
        found += [label for label in labels if short and label not in found
                  and any(named(*form) for form in _shortened_words(label, short))]
        return sorted(found, key=lambda label: -len(labels[label][0]) if label in labels else -1)

    def labels_among(self, text: str) -> list[str]:
        """Paper labels of three or more words that a text says all of, in any order ("the average number of
        agency social workers (FTE) in each of the last three years" says "Average FTE over year"), longest first,
        an abbreviation the text uses standing for a run of a label's words: for when nothing it names in order can answer it."""
        labels, asked = self._labels_words(), words(text)
        short = set(_ACRONYM.findall(text))  # "max caseload of a qualified SW": "... of qualified social workers"

        def said(label: str, held: frozenset[str]) -> bool:
            return any(len(named) >= _UNORDERED_WORDS and named - _LINKING_WORDS <= asked
                       for named in [held] + [form[0] for form in _shortened_words(label, short)])
        found = [label for label, (held, _) in labels.items() if said(label, held)]
        return sorted(found, key=lambda label: -len(labels[label][0]))

    def fuller_label(self, label: str, among: list[str]) -> str:
        """Of the labels a text says out of order (``among``, from ``labels_among``), one of the same units with all
        the words of ``label`` and more, else ``label`` ("the police officers Norfolk Constabulary seconds" says
        "Norfolk Constabulary - 3.0 fte Police Officers - £", not only "Norfolk Constabulary - £")."""
        labels = self._labels_words()
        if label not in labels:
            return label
        return next((other for other in among if labels[label][0] < labels[other][0]
                     and labels[other][0] - labels[label][0] - _NUMBER  # not the "Number of" beside a "% of"
                     and self.label_units(other) == self.label_units(label)), label)

    def labels_quoted(self, phrase: str) -> list[str]:
        """Paper labels that say a phrase a question quotes, in its order ("'any other reason'" in "Care
        ceased for any other reason"), shortest first."""
        labels = self._labels_words()
        wanted, sequence = words(phrase), word_sequence(phrase)
        if len(wanted) < 2:  # one word quoted ("the 'family' comparator group") names no row of several
            return []
        found = [label for label, (held, said) in labels.items() if wanted <= held and said_together(sequence, said)]
        return sorted(found, key=lambda label: len(labels[label][0]))

    def _labels_words(self) -> dict[str, tuple[frozenset[str], tuple[frozenset[str], ...]]]:
        """Each table label a question can name, with its words and their order (read once): two or
        more words, brackets, a unit suffix and a "No of" prefix aside, not only words nearly every question says."""
        if self._label_words is None:
            papers = self._papers()
            labels = sorted(set(papers[papers["source"] == "table"]["label"].dropna()))  # in one order, whatever the hash seed
            self._label_words = {}
            for label in labels:
                held, sequence = _label_words(label)
                if len(held) >= 2 and not held <= _EVERYDAY_WORDS:
                    self._label_words[label] = (held, sequence)
        return self._label_words

    def _lone_labels(self) -> dict[str, tuple[frozenset[str], list[frozenset[str]]]]:
        """Each table label of one word a question can name ("Male", "Died"), with its word and, for each table
        printing it, the words of the headings above it that say which figures it counts (read once). Its word
        is in no longer label: "Education" beside "Education Services - Total contacts" names neither."""
        if self._lone_label_words is None:
            papers = self._papers()
            rows = papers[papers["source"] == "table"].drop_duplicates(["label", "label_path"])
            longer = frozenset().union(*(held for held, _ in self._labels_words().values()))
            self._lone_label_words = {}
            for label, path in sorted(zip(rows["label"].dropna(), rows["label_path"].fillna(""))):
                held, _ = _label_words(label)
                if len(held) != 1 or held <= _EVERYDAY_WORDS | _UNSPECIFIC_PARTS | longer or TOTAL_ROW.match(label) \
                        or not label.strip().isalpha():
                    continue
                headings = words(path.rpartition(">")[0]) - _EVERYDAY_WORDS - _LINKING_WORDS - held
                self._lone_label_words.setdefault(label, (held, []))[1].append(headings)
        return self._lone_label_words

    @staticmethod
    def label_strength(label: str) -> int:
        """How many words name a paper label, weighed against a catalogue phrase: its "No of" aside."""
        return len(words(_COUNT_PREFIX.sub("", label)))

    def part_named(self, question: str, table_id: str) -> str | None:
        """The one row of a table a question names by all its words, not a total: the part of the table's total it
        asks for ("permanent exclusions from Norfolk secondary schools": the exclusion table's "Secondary" row)."""
        papers = self._papers()
        labels = papers.loc[(papers["table_id"] == table_id) & (papers["source"] == "table"), "label"].dropna().unique()
        asked = words(question)
        named = []
        for label in labels:
            held, _ = _label_words(label)
            if held and held <= asked and not held <= _EVERYDAY_WORDS | _UNSPECIFIC_PARTS and not TOTAL_ROW.match(label):
                named.append(label)
        return named[0] if len(named) == 1 else None

    def total_beside(self, row: dict) -> dict | None:
        """The whole a ranked row is part of: its table's total in the same column ("Grand Total 417" under
        the cease reasons), else None."""
        papers = self._papers()
        totals = papers[(papers["table_id"] == row["table_id"]) & (papers["column"] == row["column"])
                        & (papers["measure"] == row["measure"]) & papers["value"].notna()
                        & papers["row"].fillna("").str.match(_WHOLE_ROW)]
        return _records(totals)[-1] if not totals.empty else None

    def label_indicator(self, label: str) -> str | None:
        """The catalogue indicator a paper label's figures are filed under, if any."""
        papers = self._papers()
        filed = papers.loc[papers["label"] == label, "indicator"].dropna()
        return filed.iloc[0] if not filed.empty else None

    def label_units(self, label: str) -> set[str]:
        """The unit classes ("%", "£", "count" ...) of the figures a paper label heads."""
        papers = self._papers()
        return {unit_class(unit) for unit in papers.loc[papers["label"] == label, "unit"].dropna()} - {None}

    def _similar_labels(self, text: str, values: pd.DataFrame, threshold: float = 0.55) -> list[tuple[str, float]]:
        """Paper labels close in meaning to a text (needs the embedder), else sharing its words."""
        labels = sorted(set(values["label"].dropna()))
        if not labels:
            return []
        if self.embedder is None:  # every word of the text, in the shortest labels
            wanted = words(text)
            held = [label for label in labels if wanted and wanted <= words(label)]
            return [(label, len(wanted) / len(words(label))) for label in sorted(held, key=lambda l: len(words(l)))[:5]]
        if self._label_vectors is None or self._label_vectors[0] != labels:
            self._label_vectors = (labels, np.array(self.embedder.embed_documents(labels)))
        query = np.array(self.embedder.embed_query(text))
        matrix = self._label_vectors[1]
        similarity = matrix @ query / (np.linalg.norm(matrix, axis=1) * np.linalg.norm(query) + 1e-9)
        order = np.argsort(-similarity)[:5]
        return [(labels[i], float(similarity[i])) for i in order if similarity[i] >= threshold]

    def series(self, indicator: str, council: str, area: str = "county", measure: str = "value",
               start: str | None = None, end: str | None = None, include_unusable: bool = False) -> pd.DataFrame:
        """The values of an indicator for a council over time, oldest first, each with its source.
        Values for the same period from different papers are all kept; ``conflict`` marks
        periods whose sources disagree."""
        rows = self._council_rows(indicator, council)
        rows = rows[(rows["measure"] == measure) & (rows["area"].str.lower() == area.lower())]
        if not include_unusable:  # RAG marks and arrows are words, not numbers
            rows = rows[(rows["status"] == "ok") & (rows["value"].notna() | rows["measure"].isin(["rag", "direction"]))]
        if start:
            rows = rows[rows["period_end"] >= _period_bound(start, "start")]
        if end:  # a school year's terms ("2017-18 summer") count within the year "2017-18"
            rows = rows[(rows["period_end"] <= _period_bound(end, "end"))
                        | (rows["period_kind"] == "term") & (rows["period"].map(lambda label: term_parts(label)[0]) == end)]
        rows = rows.assign(_order=rows["source"].map(_SOURCE_ORDER)).sort_values(
            ["period_end", "_order", "meeting_date"], ascending=[True, True, False]).drop(columns="_order")
        spread = rows.assign(rounded=rows["value"].round(6)).groupby(["period", "unit"])["rounded"].transform("nunique")
        return rows.assign(conflict=spread > 1).reset_index(drop=True)

    def areas(self) -> dict[str, str]:
        """Localities the papers report (area -> council), such as a county's districts."""
        if self._areas is None:
            papers = self._papers()
            local = papers[papers["area"].notna() & (papers["area"] != "county")]
            self._areas = dict(zip(local["area"], local["council"]))
        return self._areas

    def series_councils(self, indicator: str) -> list[str]:
        """The councils whose papers report an indicator (official statistics cover them all)."""
        if indicator not in self._councils:
            rows = self._rows(indicator)
            self._councils[indicator] = sorted(set(rows[rows["source"] != "official"]["council"].dropna()))
        return self._councils[indicator]

    def unusable(self, indicator: str, council: str) -> list[dict]:
        """Suppressed or suspect values of an indicator, which answers must mention, not use."""
        rows = self._rows(indicator)
        rows = rows[(rows["council"].str.lower() == council.lower()) & (rows["status"].isin(["suspect", "suppressed"]))]
        return _records(rows)

    def change(self, indicator: str, council: str, start: str | None = None, end: str | None = None) -> Change:
        """The value at ``start`` (or the earliest) and at ``end`` (or the latest), the
        difference, the relative change, and whether that is better or worse."""
        rows = self.series(indicator, council)
        dated = rows[rows["period_source"] != "meeting"]
        rows = dated if len(dated["period"].unique()) >= 2 else rows
        if rows.empty:
            raise IndicatorError(self._nothing(indicator, council))
        first = _at(rows, start, "start")
        last = _at(rows, end, "end")
        if first is None or last is None or first["period"] == last["period"]:
            raise IndicatorError(f"only one period of {self.name(indicator)} for {council} "
                                 f"({rows['period'].iloc[-1]}): no change to measure")
        difference = last["value"] - first["value"]
        relative = difference / first["value"] if first["value"] else None
        polarity = last.get("polarity") or "unknown"
        if abs(difference) < 1e-9:
            direction = "no change"
        elif polarity in ("higher", "lower"):
            direction = "better" if (difference > 0) == (polarity == "higher") else "worse"
        else:
            direction = "unknown (polarity not known)"
        conflicts = _records(rows[rows["conflict"] & rows["period"].isin([first["period"], last["period"]])])
        return Change(indicator, council, first, last, round(difference, 6), relative, last.get("unit"), polarity,
                      direction, conflicts)

    def previous_year(self, value: dict) -> dict | None:
        """The figure a paper prints beside a value for a year before ("higher than the same time last year at 43%")."""
        if value.get("source") == "official":
            return None
        papers = self._papers()
        rows = papers[(papers["measure"] == "previous_year") & (papers["document"] == value["document"])
                      & (papers["line"] == value["line"]) & (papers["label"] == value["label"]) & papers["value"].notna()]
        return _records(rows.head(1))[0] if not rows.empty else None

    def compare(self, indicator: str, council: str, period: str | None = None,
                against: str | tuple[str, ...] = BENCHMARKS, label: str | None = None,
                table_id: str | None = None) -> Comparison:
        """A council's value (of the row ``label`` of table ``table_id``, if given and held) beside England, statistical
        neighbours, region and target: as the papers print them (in the rows that print the value
        itself, when any do), and from official statistics (neighbours' mean and median; rank and quartile
        among all councils) when the store holds them for that period."""
        against = (against,) if isinstance(against, str) else tuple(against)
        rows = self.series(indicator, council)
        if rows.empty:
            raise IndicatorError(self._nothing(indicator, council))
        if label is not None and (rows["label"] == label).any():
            rows = rows[rows["label"] == label]
        if table_id is not None and (rows["table_id"] == table_id).any():
            rows = rows[rows["table_id"] == table_id]
        value = _at(rows, period, "end") if period else _latest(rows)
        if value is None:
            raise IndicatorError(f"no {self.name(indicator)} for {council} in {period}; "
                                 f"periods held: {', '.join(rows['period'].unique()[-8:])}")
        mine = self._council_rows(indicator, council)
        printed_rows = _records(mine[mine["measure"].isin(against) & (mine["status"] == "ok") & mine["value"].notna()])
        printed_rows = _same_measure(printed_rows, mine, value)
        benchmarks = []
        for kind in against:
            printed = self._printed_benchmark(printed_rows, kind, value)
            if printed and (value["source"] != "official" or "same period" in printed["basis"]):
                benchmarks.append(printed)
        official = self._official_benchmarks(indicator, council, value, against)
        benchmarks += official.pop("benchmarks")
        return Comparison(indicator, council, value, benchmarks, **official)

    def largest_rows(self, things: str, topic: str, council: str | None, period: str | None = None,
                     papers: tuple[str, str] | None = None, measure: str = "value") -> list[dict]:
        """The rows of the paper table that lists ``things`` ("year group", "cease reason"), largest
        first (of ``council``'s papers, else any): the table whose label header or title names them
        (or, failing that, whose title shares several words of ``topic``) and whose title, then column
        headers, share most of ``topic``'s words (a table that names only some of ``things`` must share
        another of them); its column for ``period`` (a total column first; a forecast only for the period
        it forecasts), else its latest; total rows, and lines restating a total, left out. Failing a
        table, column groups, then a dashboard's rows that split one measure. Empty when none lists them."""
        wanted, about = words(things), words(topic)
        topical = about - wanted - words(council or "")  # what else the question is about
        values = self._papers()
        if council:
            values = values[values["council_key"] == council.lower()]
        values = values[(values["source"] == "table")
                        & values["measure"].isin([measure, "forecast"] if measure == "value" else [measure])
                        & (values["status"] == "ok") & values["value"].notna()]
        if papers:
            dates = values["meeting_date"].fillna("")
            values = values[(dates >= papers[0]) & (dates <= papers[1])]
        best, chosen = (0, 0, 0), None
        for table_id, rows in values.groupby("table_id"):
            table = self.store.table(table_id)
            if table is None:
                continue
            title, columns = words(table.title), words(" ".join(rows["column"]))
            named = len(wanted & (words(table.corner) | title))
            score = (named, len(about & title), len(about & columns))
            if named < len(wanted) and not topical & (title | columns):
                continue  # "team" of "which team type ..." in a youth offending team's budget, and nothing else asked
            if (named or len((topical - _DIRECTORATE_WORDS) & title) >= _TITLE_NAMES_TOPIC) and score > best:
                best, chosen = score, rows
        if chosen is None:
            return self._largest_columns(values, about - wanted, period) or self._largest_siblings(values, wanted, period)
        asked = parse_period(period) if period else None
        own = list(dict.fromkeys(chosen[chosen["measure"] == measure]["column"]))  # a forecast only when asked for its period
        columns = list(dict.fromkeys(chosen["column"])) if asked else own
        if asked is not None:  # a term of the period when the question names one ("the autumn term of 2016-17")
            periods = [term_label(asked.label, term) for term in terms_named(topic)] + [asked.label]
            columns = next((found for wanted in periods if (found := [
                c for c in columns if (chosen[chosen["column"] == c]["period"] == wanted).any()])), own)
        if not columns:
            return []
        column = next((c for c in columns if "total" in c.lower()), columns[-1])  # else the latest
        rows = chosen[chosen["column"] == column]
        totals = rows["row"].str.contains(TOTAL_ROW, na=False)
        rows = rows[~totals & ~rows["value"].isin(rows.loc[totals, "value"])]  # nor a line restating the total
        return rows.sort_values("value", ascending=False, kind="stable").to_dict("records")

    def _largest_columns(self, values: pd.DataFrame, topic: set[str], period: str | None) -> list[dict]:
        """The column groups of a paper table, largest first, when they are what is ranked ("which
        source made the most contacts": Police, Education Services ... each with its own "Total
        contacts" column): the sub-column three or more groups share whose header holds a word of
        ``topic``, in the row for ``period``, else the latest. Empty when no table has one."""
        parts = values["column"].fillna("").str.rsplit(" / ", n=1, expand=True)
        if parts.shape[1] < 2:
            return []
        grouped = values.assign(group=parts[0], sub=parts[1]).dropna(subset=["sub"])
        grouped = grouped[~grouped["group"].str.contains(TOTAL_ROW, na=False)]
        best, chosen = 0, None
        for _, rows in grouped.groupby(["table_id", "sub"]):
            shared = len(topic & words(rows["sub"].iloc[0]))
            if shared > best and rows["group"].nunique() >= 3:
                best, chosen = shared, rows
        if chosen is None:
            return []
        chosen = _of_period_or_latest(chosen, period)
        ranked = chosen.assign(row=chosen["group"], ranked=chosen["sub"]).drop(columns=["group", "sub"])  # a line a group
        return ranked.sort_values("value", ascending=False, kind="stable").to_dict("records")

    def _largest_siblings(self, values: pd.DataFrame, things: frozenset[str], period: str | None) -> list[dict]:
        """The rows of a dashboard that split one measure into what is ranked ("% of S47's with an
        outcome - Concerns are substantiated ...", "... - not substantiated"), largest first: three or
        more rows of a table whose labels share the part before " - ", which names ``things``; their
        figures for ``period``, else the latest. Empty when no table has them."""
        split = values["label"].fillna("").str.split(" - ", n=1, expand=True)
        if split.shape[1] < 2 or not things:
            return []
        rows = values.assign(whole=split[0], part=split[1]).dropna(subset=["part"])
        rows = rows[rows["whole"].map(lambda whole: things <= words(whole)) & (rows["measure"] == "value")
                    & ~(rows["whole"].str.contains("%", regex=False) & (rows["unit"] != "%"))]  # a "%" label's count column
        groups = [group for _, group in rows.groupby(["table_id", "whole"]) if group["label"].nunique() >= _SIBLINGS]
        if not groups:
            return []
        asked = parse_period(period) if period else None
        label = asked.label if asked is not None else None
        chosen = max(groups, key=lambda group: ((group["period"] == label).any(), group["period_end"].max()))
        chosen = _of_period_or_latest(chosen, period).drop_duplicates("label")
        ranked = chosen.assign(row=chosen["part"], ranked=chosen["whole"]).drop(columns=["whole", "part"])
        return ranked.sort_values("value", ascending=False, kind="stable").to_dict("records")

    def table(self, table_id: str) -> pd.DataFrame:
        """A whole table of a paper as a DataFrame (one column per merged header, and its lines)."""
        table = self.store.table(table_id)
        if table is None:
            raise IndicatorError(f"no table {table_id!r}; `assistant indicators tables DOCUMENT` lists them")
        return table.frame()

    # -- helpers -------------------------------------------------------------------------
    def indicator_words(self, indicator: str) -> frozenset[str]:
        """The words that name an indicator: its catalogue name, definition and phrases, and the labels
        of its rows in the papers; a paper's row is named by its table's title and sections too ("NORFOLK
        YOUTH OFFENDING TEAM BUDGET" > "PARTNERS 'IN-KIND' CONTRIBUTION – SECONDED STAFF" > "Norfolk Constabulary")."""
        entry = self.catalogue.get(indicator)
        named = [entry.name, entry.definition, *entry.phrases] if entry else [indicator]
        rows = self._rows(indicator)
        held = ["label"] if entry else ["label", "label_path", "table_title"]
        return frozenset().union(*map(words, named + sorted(set(rows[held].stack().dropna()))))

    def name(self, indicator: str) -> str:
        """An indicator's name from the catalogue, or the label itself (without a unit column's "- £")."""
        entry = self.catalogue.get(indicator)
        return entry.name if entry else _UNIT_SUFFIX.sub("", indicator)

    def _nothing(self, indicator: str, council: str) -> str:
        rows = self._rows(indicator)
        papers = sorted(set(rows[rows["source"] != "official"]["council"].dropna()))
        official = rows[(rows["source"] == "official") & (rows["geography"] == "local authority")]["council"].nunique()
        held = [f"the papers report it for {', '.join(papers)}"] if papers else []
        held += [f"official statistics cover {official} councils"] if official else []
        return f"no usable values of {self.name(indicator)} for {council}" + (f"; {'; '.join(held)}" if held else "")

    def _printed_benchmark(self, printed: list[dict], kind: str, value: dict) -> dict | None:
        """A benchmark the papers print: for the same period, else beside the value in the
        same paper, else the nearest earlier one (a table's cell before a sentence's figure); of
        those, one of the value's own table first (its row label may be another table's too)."""
        rows = [row for row in printed if row["measure"] == kind]
        tests = (("same period", lambda row: row["period"] == value["period"]),
                 ("same paper", lambda row: row["document"] == value["document"]),
                 ("nearest earlier", lambda row: (row["period_end"] or "") <= (value["period_end"] or "")))
        for basis, test in tests:
            candidates = [row for row in rows if test(row)]
            if candidates:
                chosen = max(candidates, key=lambda row: (row["table_id"] == value["table_id"], row["period_end"] or "",
                                                          -_SOURCE_ORDER[row["source"]]))
                return {"kind": kind, "value": chosen["value"], "unit": chosen["unit"], "period": chosen["period"],
                        "basis": f"printed in the paper ({basis})", "source": chosen}
        return None

    def _official_benchmarks(self, indicator: str, council: str, value: dict, against: tuple[str, ...]) -> dict:
        """England, region and statistical neighbours from official statistics for the value's period;
        the council's rank among all councils when the indicator has a better direction."""
        result: dict = {"benchmarks": [], "rank": None, "of": None, "quartile": None, "official_value": None}
        official = self._official(indicator).get(value["period"])
        if official is None:
            return result
        usable = official[(official["status"] == "ok") & official["value"].notna()]
        mine = usable[usable["council"].str.lower() == council.lower()]
        if not mine.empty:
            result["official_value"] = _records(mine.head(1))[0]
        if "england" in against:
            england = usable[usable["geography"] == "national"]
            if not england.empty:
                row = _records(england.head(1))[0]
                result["benchmarks"].append({"kind": "england", "value": row["value"], "unit": row["unit"],
                                             "period": row["period"], "basis": "official statistics", "source": row})
        councils = usable[usable["geography"] == "local authority"]
        me = official[(official["council"].str.lower() == council.lower())]
        if "region" in against and not me.empty:
            region = usable[(usable["geography"] == "regional") & (usable["council"] == me["region"].iloc[0])]
            if not region.empty:
                row = _records(region.head(1))[0]
                result["benchmarks"].append({"kind": "region", "value": row["value"], "unit": row["unit"],
                                             "period": row["period"], "basis": f"official statistics ({row['council']})",
                                             "source": row})
        if "statistical_neighbours" in against and not me.empty:
            codes = self.store.neighbours()
            codes = codes[codes["la_code"] == str(me["la_code"].iloc[0])].sort_values("rank")["neighbour_code"]
            group = councils[councils["la_code"].isin(set(codes))]
            if not group.empty:
                result["benchmarks"].append({
                    "kind": "statistical_neighbours", "value": round(float(group["value"].mean()), 2),
                    "median": float(group["value"].median()), "unit": group["unit"].iloc[0], "period": value["period"],
                    "basis": f"official statistics: mean of {len(group)} of {len(codes)} statistical neighbours "
                             f"(median {group['value'].median():g})",
                    "neighbours": dict(zip(group["council"], group["value"])),
                    "source": _records(group.head(1))[0],
                })
        polarity = mine["polarity"].iloc[0] if not mine.empty else None
        if polarity in ("higher", "lower") and len(councils) > 3:  # no rank where no direction is better
            ranks = councils["value"].rank(ascending=polarity == "lower", method="min")
            position = int(ranks[councils["council"].str.lower() == council.lower()].iloc[0])
            result.update(rank=position, of=len(councils), quartile=min(4, 1 + (position - 1) * 4 // len(councils)))
        return result

    def as_langchain_tools(self) -> list:
        """The same tools for a langchain agent; each returns JSON-ready data."""
        from langchain_core.tools import StructuredTool

        def find(text: str, council: str | None = None) -> list[dict]:
            """Find indicators that a question's words may mean, with the councils that report them."""
            return [vars(match) for match in self.find_indicators(text, council)]

        def series(indicator: str, council: str, measure: str = "value", start: str | None = None,
                   end: str | None = None) -> list[dict]:
            """An indicator's values for a council over time, each with its source document, page and line."""
            return _records(self.series(indicator, council, measure=measure, start=start, end=end)[
                ["period", "measure", "value", "unit", "label", "conflict"] + _PROVENANCE])

        def change(indicator: str, council: str, start: str | None = None, end: str | None = None) -> dict:
            """How an indicator changed between two periods, and whether that is better or worse."""
            return vars(self.change(indicator, council, start, end))

        def compare(indicator: str, council: str, period: str | None = None) -> dict:
            """A council's value beside England, statistical neighbours, region and target."""
            return vars(self.compare(indicator, council, period))

        def largest(things: str, topic: str, council: str, period: str | None = None) -> list[dict]:
            """The rows of a paper table that lists ``things`` (e.g. "year group"), largest first, with sources."""
            return [{key: row.get(key) for key in ["label", "column", "period", "value", "unit", *_PROVENANCE]}
                    for row in self.largest_rows(things, topic, council, period)[:5]]

        return [StructuredTool.from_function(function, name=name) for name, function in
                (("find_indicators", find), ("series", series), ("change", change), ("compare", compare),
                 ("largest_rows", largest))]


def _label_words(label: str) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """The words of a label a question must say, and their order: brackets, a unit suffix, a "No of", "Including" or
    "Use of" prefix aside ("... Grant - £"), and its "%" out of the words ("National - %" names a place, not what is counted)."""
    unbracketed = _NAMING_PREFIX.sub("", _COUNT_PREFIX.sub("", _UNIT_SUFFIX.sub("", _BRACKETED.sub(" ", label))))
    return words(unbracketed) - {"%"}, word_sequence(unbracketed)


def _shortened_words(label: str, short: set[str]) -> list[tuple[frozenset[str], tuple[frozenset[str], ...]]]:
    """The words (``_label_words``) of a label with a run of its words said by the abbreviation a question uses
    ("Pupil referral unit" as "PRU", "Children in Care" as "CiC")."""
    found = list(re.finditer(r"[A-Za-z]+", label))
    versions = []
    for first in range(len(found)):
        for last in range(first + 1, min(first + _ACRONYM_WORDS, len(found))):
            run = found[first:last + 1]
            for initials in ("".join(m.group(0)[0] for m in run),
                             "".join(m.group(0)[0] for m in run if m.group(0).lower() not in _LINKS)):
                kept = next((abbreviation for abbreviation in short if abbreviation.upper() == initials.upper()), None)
                whole = len(run) == len(found)  # a name alone is no row: "DfE funding" asks no "Department for Education"
                if kept and len(initials) >= 2 and not whole:
                    versions.append(label[:run[0].start()] + kept + label[run[-1].end():])
    return [_label_words(version) for version in versions]


def _said_in_order(sequence: tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...]:
    """The words of a label a question must say in their order: its "%" and a leading "Number of" may
    stand anywhere ("repeat contacts: what was the number and what % of contacts was that")."""
    kept = tuple(word for word in sequence if word != _PERCENT)
    return kept[1:] if kept and kept[0] == {"number"} and len(kept) > 2 else kept


def _period_bound(text: str, side: str) -> str:
    """A period's first or last day as an ISO date, for filtering a series by range."""
    period = parse_period(text)
    if period is None:
        raise IndicatorError(f"cannot read {text!r} as a period (try 'Apr 2018', '2018-19' or '2018')")
    return period.sort_key if side == "end" else first_day(period).isoformat()


def _same_measure(printed: list[dict], values: pd.DataFrame, value: dict) -> list[dict]:
    """The printed benchmarks of rows that print the value itself for its period (its own row, or
    another table's row of the same measure: "RCL & FRCL EET - %" beside "Percentage of Relevant and
    Former Relevant Care Leavers in EET"); all of them when none does. Another row of the indicator
    ("% of adoptions completed within 12 months" beside "Percentage of children adopted") is
    another measure, and its benchmarks are not this value's."""
    same = values[(values["measure"] == "value") & (values["period"] == value["period"])
                  & (values["value"] == value["value"])]
    labels = set(same["label"]) | {value["label"]}
    return [row for row in printed if row["label"] in labels] or printed


def _at(rows: pd.DataFrame, period: str | None, side: str) -> dict | None:
    """The value for a named period (the first source, in source order), or the series' first or last."""
    if period is None:
        return _records(rows.head(1))[0] if side == "start" else _latest(rows)
    wanted = parse_period(period)
    if wanted is None:
        raise IndicatorError(f"cannot read {period!r} as a period (try 'Apr 2018', '2018-19' or '2018')")
    exact = rows[rows["period"] == wanted.label]
    if not exact.empty:
        return _records(exact.head(1))[0]
    inside = rows[(rows["period_end"] >= _period_bound(period, "start")) & (rows["period_end"] <= wanted.sort_key)]
    if inside.empty:
        return None
    return _records(inside.tail(1) if side == "end" else inside.head(1))[0]


def _latest(rows: pd.DataFrame) -> dict:
    """The newest period's value (from a table before prose when both give it)."""
    newest = rows[rows["period_end"] == rows["period_end"].max()]
    return _records(newest.head(1))[0]


def _of_period_or_latest(rows: pd.DataFrame, period: str | None) -> pd.DataFrame:
    """The rows of the period asked, when they hold it; else those of their latest period."""
    asked = parse_period(period) if period else None
    if asked is not None and (rows["period"] == asked.label).any():
        return rows[rows["period"] == asked.label]
    return rows[rows["period_end"] == rows["period_end"].max()]
