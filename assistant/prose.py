"""Figures stated in sentences ("The most recent figure of 11.1% was still slightly higher than
the national and regional average of 10%") as indicator values, with the sentence as source.

A figure belongs to the indicator named just before it (or, failing that, just after it:
"13% of our children in care experienced 3 or more placement moves"; a clause further on that
happens to hold an indicator's words does not count), else the one named
earlier in its paragraph, else in its heading; a list item's, else the one the paragraph introducing the
list names last ("The DfE expect ... 90% of EHCP assessments within the 20 week timescale" then "- In 2016
we only achieved 5.8% performance"). Words just before a figure say what it is: "national" is
England, "statistical neighbours" the benchmark group, "target" a target. Its period is the
one written just after or nearest to it in the sentence, else (or when it is "currently")
the meeting date. A figure given for one of the council's localities ("West (93%)", "77.2% in
South") is that locality's, not the county's; a bound ("below 60%", "over 80%") is no value, nor a
bracketed figure of another subject joined on ("in foster placements (74%) and children placed in our own
provision (55%)"). A sentence opening "This is" speaks of what the figure-less sentence before it named
("We currently have 17 young refugees. This is 9% out of the total Children in Care cohort").
A bare number is a figure only where a list gives one count to an item ("At the end of December
2021:" then "- 80 children were subject to a Child Protection plan") or the council says it has one
("We currently have 17 young refugees"). A figure said only to be a "performance" ("- Our overall
performance in 2018 has increased to 14%") is of the indicator its section spoke of last, though a
paragraph naming none came between.
"""

from __future__ import annotations

import re

from .catalogue import Catalogue, Indicator, unit_class
from .documents import Document
from .figures import parse_figure
from .periods import meeting_period, parse_period, period_spans
from .safety import looks_like_instruction
from .structure import Block, parse_blocks

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(£])")
_FIGURE = re.compile(
    r"£\s?\d[\d,]*(?:\.\d+)?\s?(?:m\b|k\b|million\b|bn\b)?|\b\d[\d,]*(?:\.\d+)?\s?%|\b\d[\d,]*(?:\.\d+)?(?=\s+per\s+10,?000)"
)
_LEAD_MEASURES = [
    (re.compile(r"statistical neighbour|stat\.? neighbour|\bsns?\b", re.IGNORECASE), "statistical_neighbours"),
    (re.compile(r"national|england", re.IGNORECASE), "england"),
    (re.compile(r"regional|region|eastern|east of england|south west", re.IGNORECASE), "region"),
    (re.compile(r"\btarget|\bexpects?\b", re.IGNORECASE), "target"),  # "The DfE expect all Local Authorities to ... 90%"
    (re.compile(r"(?<!over the )(?<!in the )(?<!during the )last year|previous year|a year (ago|earlier)", re.IGNORECASE),
     "previous_year"),  # "43% last year", not "19% over the last year"
    (re.compile(r"\bbudget\b", re.IGNORECASE), "budget"),
]
_BEFORE_A_PERIOD = {"at", "the", "end", "of", "in", "by", "as", "for", "on", "during"}
LEAD_WORDS = 8  # benchmark words ("national", "statistical neighbours") this close before a figure say what it is
FOLLOWING_WORDS = 12  # a figure's indicator named after it is named within these words
_NOW = re.compile(r"\b(currently|now|at present|latest|most recent)\b", re.IGNORECASE)
_BOUND = re.compile(r"\b(below|under|over|above|(less|more|fewer) than|at least|up to|in excess of)\W*$", re.IGNORECASE)
_COUNTYWIDE = re.compile(r"\b(county|overall|national|statistical neighbour|england|region)", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"^\W*(a year (ago|earlier)|last year|the previous year)\b", re.IGNORECASE)
_IN_YEAR = re.compile(r"\b(?:in|during)\s+((?:19|20)\d{2})\b(?![-/]\d)", re.IGNORECASE)  # a bare year as a figure's period
_ITEM = re.compile(r"^\s*[-•*]\s")  # a list item: "- In 2016 we only achieved 5.8% performance"
_COUNT_ITEM = re.compile(r"^\s*[-•*]\s*(\d{1,3}(?:,\d{3})*|\d+)\s+(?![-–%]|per\b)([A-Za-z].*)$")  # "- 80 children were ..."
_JOINER = re.compile(r"^[\s,&()]*(and|&|,)?[\s,&()]*$", re.IGNORECASE)
_ANAPHOR = re.compile(r"^(?:this|that|these|it)\s+(?:is|was|are|were|represents?)\b", re.IGNORECASE)
# a figure said to be a "performance" ("Our overall performance in 2018 has increased to 14%"), not one it indicates
_PERFORMANCE = re.compile(r"\bperformance(?:\s+(?:in|during|for|of|at|has|have|had|is|was|been|now|increased|improved|risen|rose|"
                          r"fallen|fell|dropped|decreased|to|from|(?:19|20)\d\d))*\s*$", re.IGNORECASE)
# "We currently have 17 young refugees": a count the council says it has, named in the next few words
_WE_HAVE = re.compile(r"\bwe\s+(?:currently\s+|now\s+|still\s+)?have\s+(\d{1,3}(?:,\d{3})+|\d+)\s+(?!%|per\b)((?:[A-Za-z][\w'-]*\s*){1,4})",
                      re.IGNORECASE)
_ANOTHER_SUBJECT = re.compile(r"^\W*(?:and|while|whilst|but)\s+(?:\w+\s+){2,}\($", re.IGNORECASE)  # ") and children placed in our own provision ("


def _lead_measures(lead: str) -> list[str]:
    """Benchmark words in the text before a figure, in the order written: within ``LEAD_WORDS`` of
    it ("better than the national average and the percentage ... adopted (17%)" is the council's
    own 17%), or anywhere before it for a budget ("The budget for high needs funding ... is £28.440m")."""
    lead = lead.rsplit(")", 1)[-1]  # "(at national)" spoke of the figure before
    near = len(lead) - len(" ".join(lead.split()[-LEAD_WORDS:])) - 1
    found = []
    for pattern, measure in _LEAD_MEASURES:
        for match in pattern.finditer(lead):
            if match.start() >= near or measure == "budget":
                found.append((match.start(), measure))
    return [measure for _, measure in sorted(found)]


def prose_values(document: Document, catalogue: Catalogue, blocks: list[Block] | None = None,
                 localities: set[str] = frozenset()) -> list[dict]:
    """Value rows for every figure that prose states about a catalogue indicator (``localities``:
    the council's districts that the document's tables name)."""
    meta = document.meta
    fallback = meeting_period(meta.meeting_date)
    places = "(" + "|".join(re.escape(name) for name in sorted(localities, key=len, reverse=True)) + r")\b" \
        if localities else None
    rows: list[dict] = []
    introduced: Indicator | None = None  # what the paragraph before a list speaks of: its items speak of it too
    lead_period = None  # the period a list's lead line names: its items' counts are of it
    section, topic = None, None  # a heading's section, and the indicator it spoke of last
    for block in blocks if blocks is not None else parse_blocks(document):
        if block.kind != "paragraph":
            introduced = lead_period = None
            continue
        if block.heading_path != section:
            section, topic = block.heading_path, None
        heading = block.heading_path[-1] if block.heading_path else ""
        item = _ITEM.match(block.lines[0][1])
        current: Indicator | None = catalogue.match(heading) or (introduced if item else None)
        text = " ".join(line.strip().lstrip("-•* ") for _, line in block.lines)
        spoken_of = None  # what a sentence without a figure named: "This is 9%" after it is of it
        for sentence in _SENTENCE.split(text):
            if looks_like_instruction(sentence):
                continue
            pending: list[str] = []
            taken: set[int] = set()  # periods written right after an earlier figure: they are its own
            area = "county"
            figures = list(_FIGURE.finditer(sentence))
            anaphoric = bool(_ANAPHOR.match(sentence) and spoken_of and figures)
            if anaphoric:  # "We currently have 17 young refugees. This is 9% out of ...": of the refugees, as a share
                first = figures[0]
                current = _specific(catalogue, spoken_of, _unit(first.group(0), sentence[first.end():])) or current
            spoken_of = None if figures else sentence
            rows += _counts_we_have(document, block, catalogue, sentence, fallback)
            for index, match in enumerate(figures):
                lead = sentence[figures[index - 1].end() if index else 0:match.start()]
                following = sentence[match.end():figures[index + 1].start()] if index + 1 < len(figures) else sentence[match.end():]
                joined = bool(_JOINER.match(lead)) and ")" not in lead  # "70% & 69%", not "84%) and 53%"
                near = " ".join(lead.split()[-15:])  # the clause closest to the figure names it best
                named = _specific(catalogue, near) or _specific(catalogue, lead)
                if named is None and not joined:  # "13% of our children in care experienced ..."
                    named = _specific(catalogue, " ".join(following.split()[:FOLLOWING_WORDS]))
                if anaphoric and named and unit_mismatch(named, _unit(match.group(0), sentence[match.end():]) or named.unit):
                    named = None  # "This is 9% out of the total Children in Care cohort" is no count of children in care
                if named is None and index and _ANOTHER_SUBJECT.match(lead) and not _lead_measures(lead):
                    continue  # "in foster placements (74%) and children placed in our own provision (55%)": not the same measure
                if named is None and current is None and _PERFORMANCE.search(near):
                    named = topic  # "- Our overall performance in 2018 has increased to 14%": the section's indicator
                current = named or current
                area = _area(lead, following, places, meta.council, area)
                measures = _lead_measures(_YEAR_BEFORE.sub("", lead) if index else lead)  # "62.2% a year ago to 48%"
                if measures:
                    pending = measures
                elif not joined:
                    pending = []
                if current is None:
                    continue
                figure = parse_figure(match.group(0))
                if not figure.is_number or _BOUND.search(lead):
                    continue
                unit = _unit(match.group(0), sentence[match.end():])
                if unit is None or unit_mismatch(current, unit):
                    continue
                if unit_class(unit) == "£":  # money is stated, not benchmarked: "national" there is no England figure
                    pending = [measure for measure in pending if measure == "budget"]
                last = index + 1 == len(figures)
                if len(pending) > 1 and (last or not _JOINER.match(following)):
                    these, pending = pending, []  # "the national and regional average of 10%"
                elif pending:
                    these = [pending.pop(0)]  # "national and statistical neighbour averages (70% & 69%)"
                else:
                    these = ["previous_year" if _YEAR_BEFORE.match(following) else "value"]
                now = _NOW.search(" ".join(lead.split()[-5:]))
                period = (None if now else _nearest_period(sentence, match.start(), match.end(), taken)) or fallback
                line = _line_of(block, match.group(0))
                source = "sentence" if period is not fallback else "current" if now else "meeting"
                for measure in these:
                    rows.append(_row(document, block, current, period, source, measure, figure.value, match.group(0),
                                     unit, area if measure in ("value", "previous_year") else "county", line, sentence))
        if not item:
            introduced = current
        topic = current or topic
        rows += _listed_counts(document, block, catalogue, lead_period, fallback)
        lead_period = _list_lead_period(block, lead_period)
    return rows


def _unit(printed: str, after: str) -> str | None:
    """A figure's unit: as printed ("74%", "£2.1m"), else a rate when "per 10,000" follows it."""
    return parse_figure(printed).unit or ("rate per 10,000" if "10" in after[:12] else None)


def _listed_counts(document: Document, block: Block, catalogue: Catalogue, lead, fallback) -> list[dict]:
    """Counts a list gives one to an item ("At the end of December 2021:" then "- 80 children were
    subject to a Child Protection plan"): a number opening an item, of the count indicator the
    words after it name; of the period the item names, else the one its list's lead line names,
    else ``fallback`` (the meeting's)."""
    rows = []
    for number, line in block.lines:
        match = _COUNT_ITEM.match(line)
        if not match:
            continue
        named = _specific(catalogue, " ".join(match.group(2).split()[:FOLLOWING_WORDS]))
        if named is None or named.unit != "count":
            continue
        spans = list(period_spans(match.group(2)))
        period, source = (spans[-1][2], "sentence") if spans else (lead, "sentence") if lead else (fallback, "meeting")
        text = line.strip().lstrip("-•* ")
        rows.append(_row(document, block, named, period, source, "value", float(match.group(1).replace(",", "")),
                         match.group(1), "count", "county", number, text))
    return rows


def _counts_we_have(document: Document, block: Block, catalogue: Catalogue, sentence: str, fallback) -> list[dict]:
    """The count a sentence says the council has ("We currently have 17 young refugees"): a number
    said just before a count indicator's name, of the period written, else the meeting's."""
    rows = []
    for match in _WE_HAVE.finditer(sentence):
        after = match.group(2).split()
        named = next((found for size in range(1, len(after) + 1)
                      if (found := _specific(catalogue, " ".join(after[:size]), "count"))), None)
        if named is None:
            continue
        now = _NOW.search(match.group(0))
        period = (None if now else _nearest_period(sentence, match.start(1), match.end(1), set())) or fallback
        source = "sentence" if period is not fallback else "current" if now else "meeting"
        rows.append(_row(document, block, named, period, source, "value", float(match.group(1).replace(",", "")),
                         match.group(1), "count", "county", _line_of(block, match.group(0).split()[-1]), sentence))
    return rows


def _list_lead_period(block: Block, before):
    """The period a list's lead line names ("- At the end of December 2021:"), for the items after it:
    kept while items follow, forgotten at a paragraph that is no item."""
    last = block.lines[-1][1].rstrip()
    if last.endswith(":"):
        spans = list(period_spans(last))
        return spans[-1][2] if spans else None
    return before if _ITEM.match(block.lines[0][1]) else None


def _row(document: Document, block: Block, indicator: Indicator, period, source: str, measure: str, value: float,
         printed: str, unit: str, area: str, line: int, sentence: str) -> dict:
    """One prose value row, with the sentence it was read from."""
    meta = document.meta
    heading = block.heading_path[-1] if block.heading_path else ""
    return {
        "source": "prose", "council": meta.council, "geography": "local authority",
        "la_code": None, "region": None, "document": document.name, "meeting_date": meta.meeting_date,
        "table_id": None, "table_title": heading or block.report_title, "label": indicator.name,
        "label_path": " > ".join(block.heading_path), "indicator": indicator.id, "ref": None, "area": area,
        "period": period.label if period else None, "period_kind": period.kind if period else None,
        "period_end": period.sort_key if period else None, "period_source": source,
        "measure": measure, "value": value, "value_text": printed, "unit": unit,
        "polarity": indicator.polarity, "status": "ok", "note": None, "page": block.page,
        "line": line, "row": None, "column": None, "quote": sentence.strip()[:600],
    }


def _area(lead: str, following: str, names: str | None, council: str | None, previous: str) -> str:
    """The area a figure is for: a locality named just after it ("77.2% in South"), else the one
    named last before it in its clause ("Great Yarmouth have high performance (76.6%") unless the
    county or a benchmark is named after it, else one named a few words after it ("39% of children
    on CP plans in the North"), else the county if named before it, else the previous figure's.
    ``names``: the pattern of the document's localities, None when it has none."""
    if names is None:
        return "county"
    right_after = re.match(r"\W*in (?:the )?" + names, following)
    soon_after = re.match(r"\W*(?:\S+\s+){0,8}?in (?:the )?" + names, following)
    named = list(re.finditer(r"\b" + names, lead))
    countywide = [match.start() for match in _COUNTYWIDE.finditer(lead)]
    countywide += [match.start() for match in re.finditer(rf"\b{re.escape(council)}\b", lead)] if council else []
    if right_after:
        return right_after.group(1)
    if named and named[-1].start() > max(countywide, default=-1):
        return named[-1].group(1)
    if soon_after:
        return soon_after.group(1)
    return "county" if countywide else previous


def _specific(catalogue: Catalogue, text: str, unit: str | None = None) -> Indicator | None:
    """The indicator a phrase names (with ``unit``, one measured in it), unless it is a broad one ("care
    leavers") that stands for several: a sentence's figure needs the specific one (a heading may still name a broad one)."""
    found = catalogue.match(text, unit)
    return found if found and not found.includes else None


def unit_mismatch(indicator: Indicator, unit: str) -> bool:
    """A percentage cannot be a count indicator's value, nor a count a percentage's."""
    return unit_class(indicator.unit) != unit_class(unit)


def _nearest_period(sentence: str, start: int, end: int, taken: set[int]):
    """The period written just after a figure ("9% in September 2018", "40% (71 out of 176) at the
    end of January 2019"), else the nearest one that is not ``taken`` (written just after another
    figure: "from 20% in February 2018 to 16%"); records in ``taken`` the one it gives."""
    spans = list(period_spans(sentence))
    spans += [(match.start(1), match.end(1), parse_period(match.group(1))) for match in _IN_YEAR.finditer(sentence)
              if not any(begin <= match.start(1) < finish for begin, finish, _ in spans)]  # "In 2016 we only achieved 5.8%"
    spans = [span for span in spans if span[0] not in taken]
    after = [(begin, period) for begin, _, period in spans if 0 <= begin - end <= 8 or 0 <= begin - end <= 40
             and set(re.sub(r"\([^()]*\)", " ", sentence[end:begin]).lower().split()) <= _BEFORE_A_PERIOD]
    if after:
        taken.add(after[0][0])
        return after[0][1]
    distances = [(min(abs(start - begin), abs(start - finish)), period) for begin, finish, period in spans]
    return min(distances, key=lambda pair: pair[0])[1] if distances else None


def _line_of(block, figure_text: str) -> int:
    """The document line where a figure is written."""
    for number, line in block.lines:
        if figure_text in line:
            return number
    return block.line_start
