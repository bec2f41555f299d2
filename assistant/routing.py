"""Read a question: what it asks for (a value, a trend, a comparison, the largest; what was said,
decided or recommended; who; when), about which indicator, council and period. A follow-up
("and in Northumberland?", "what about care leavers?") takes what it leaves out from the turn
before."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from .answers import BENCHMARK_ASKED, FUNDING, TIME_SPENT
from .catalogue import abbreviated, unit_class, words
from .metadata import MONTHS
from .periods import BARE_YEAR, MONTH_NAMES, Period, first_day, parse_period, period_spans, periods_named

_FAR_MORE_WORDS = 3  # a label said out of order wins over a catalogue phrase of this many fewer words
_TREND = re.compile(r"\b(chang\w*|trend\w*|over time|improv\w*|worse\w*|better|deteriorat\w*|increas\w*|decreas\w*|"
                    r"gone (up|down)|went (up|down)|go(ing|es) (up|down)|com(e|es|ing) (up|down)|up or down|risen|rose|rising|fallen|fell|falling|since|"
                    r"progress\w*|moved?|each of the (?:last|past)|year (?:by|on) year|each year)\b", re.IGNORECASE)
_MONTH_LIST = re.compile(rf"\b(?:{MONTH_NAMES})\.?\s*,\s*(?:{MONTH_NAMES})\b", re.IGNORECASE)  # "in Jan, Feb and Mar 2018": each
_COMPARE = re.compile(r"\b(compar\w*|benchmark\w*|statistical neighbours?|neighbours?|national\w*|england|average|"
                      r"target\w*|better than|worse than|higher than|lower than|against|region\w*|rank\w*|quartile|"
                      r"(?:who|which)(?:'s|\s+is|\s+was|\s+are|\s+were)?\s+(?:higher|lower|better|worse))\b", re.IGNORECASE)
_WHICH_MOST = re.compile(r"\bwhich\s+((?:[\w'/-]+\s+){0,8}?[\w'/-]+)\s+(?:had|has|have|was|were|is|are|made up|made|"
                         r"accounted for|accounts for|saw|received|carr(?:y|ies|ied)|generat(?:es|ed)|show(?:s|ed)|"
                         r"record(?:s|ed)|report(?:s|ed)|fac(?:es|ed)|produc(?:es|ed)|sen[dt]s?|spen[dt]s?|gets?|got|takes?|took|"
                         r"uses?|used|costs?|need(?:s|ed)?|requir(?:es|ed))\b"
                         r"(?=.*\b(?:most|largest|biggest|highest|greatest)\b)", re.IGNORECASE)
_WHAT_MOST = re.compile(r"\bwhat\s+(?:is|was|are|were)\s+the\s+(?:most\s+common|commonest|biggest|largest|highest|greatest)"
                        r"\s+((?:[\w'/-]+\s+){0,2}?[\w'/-]+(?:\s+of\s+[\w'/-]+)?)(?=\s+(?:for|in|among|across|behind|why|"
                        r"that|when|where|children|young|people|pupils|families|is|was|are|were)\b|\s*[?,.]|$)", re.IGNORECASE)
# "which month had the most contacts", "in which year were fewest ...": the period of a run that is highest or lowest
_PEAK = re.compile(r"\bwhich\s+(month|year|quarter|term)\b(?!\s+group)(?=.*\b(?:(most|highest|largest|biggest|greatest|peak\w*)|"
                   r"(fewest|lowest|least|smallest))\b)", re.IGNORECASE)
QUOTED = re.compile(r"(?:^|(?<=\s))['‘\"“]([^'’\"”]{6,}?)['’\"”](?=\W|$)")  # a row label the question quotes
_SET_ASIDE = re.compile(r"\b(?:leaving|leave|setting|set|putting|put)\s+aside\s*$|\b(?:excluding|except(?:\s+for)?|apart from|"
                        r"other than|not counting|ignoring|besides|without)\s*$", re.IGNORECASE)
_MEASURE_WORDS = re.compile(r"^(?:rate|percentage|proportion|number|figure|level|share|amount|value|total|score)\b",
                            re.IGNORECASE)  # "the highest rate of ...": a measure, not the rows of a table
_PLACES = re.compile(r"\b(council|authorit\w*|localit\w*|district|area|region)\b", re.IGNORECASE)
_EXTREME = re.compile(r"\b(highest|lowest|largest|biggest|smallest|most|least|total)\b", re.IGNORECASE)
_VALUE = re.compile(r"\b(how many|how much|what(?:['’]s| is| was| were| are) the|number of|give (?:me )?the numbers|rate|percentage|proportion|share|figure|"
                    r"level|per 10,?000|how (is|are|was|were|has|have))\b|%", re.IGNORECASE)
_NARRATIVE = re.compile(r"\b(say|said|says|discuss\w*|decid\w*|decision\w*|resolv\w*|resolution\w*|agree\w*|"
                        r"recommend\w*|why|who|when|what (did|does|do|will|is being|are being)|actions?|plan\w*|"
                        r"concern\w*|ask\w*|explain\w*|reason\w*|done about|doing about|strategy|summar\w*|"
                        r"vot\w*|motions?)\b",
                        re.IGNORECASE)
_DECISION = re.compile(r"\b(decid\w*|decision\w*|resolv\w*|resolution\w*|agree\w*|recommend\w*|approv\w*|endors\w*|"
                       r"asked to|vot\w*|motions?)\b", re.IGNORECASE)
_FOLLOW_UP = re.compile(r"^\s*(and|what about|how about|and what about|same for|now for|what of|in)\b", re.IGNORECASE)
_SHORT_YEARS = re.compile(r"(?<![\w£$.,/-])(?<!aged )(?<!ages )(?:fy\s*)?(1\d|2\d)\s*[-/]\s*(\d{2})(?![\w%/.-])"
                          r"(?!\s*(?:years?|yrs?)\b)", re.IGNORECASE)
_SHARED_YEAR = re.compile(rf"\b({MONTH_NAMES})\.?(?:\s*,\s*(?:{MONTH_NAMES})\.?)*\s*(?:-|–|to|,?\s*and|through|until)\s*({MONTH_NAMES})\.?"
                          r"(?:\s+((?:19|20)\d{2})|\s*[-'’]\s?(\d{2}))\b", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\s+((?:19|20)\d{2}(?:[-/]\d{2})?|\w+\s+(?:19|20)\d{2})\b", re.IGNORECASE)
_YEAR_TO = re.compile(r"\b(?:over|in|during|for)\s+the\s+(?:year|12 months|twelve months)\s+(?:up\s+)?(?:to|ending)\s+$",
                      re.IGNORECASE)  # "over the year to April 2018": from April 2017
_YEAR_BEFORE = re.compile(r"\b(?:a|the)\s+year\s+(?:before|earlier|previously)\b|\ba\s+year\s+ago\b|\bprevious\s+year\b|"
                          r"\bsame\s+(?:time|month|point)\s+(?:last|the\s+previous|a)\s+year\b", re.IGNORECASE)
_LAST_YEAR = re.compile(r"(?<!\bwith )(?<!\bthan )(?<!\bsince )(?<!\bfrom )\blast year\b", re.IGNORECASE)  # "than last year" compares
_HOW_MUCH_MONEY = (r"\bhow much\b(?!\s+(?:higher|lower|more|less|bigger|smaller|better|worse)\b)"  # not "how much did they go up"
                   r"(?!(?:\s+[\w'-]+){1,5}?\s+(?:go(?:ne)?|went|come|came)\s+(?:up|down)\b)"
                   r"(?!(?:\s+[\w'-]+){1,5}?\s+(?:ris\w*|rose|f[ae]ll\w*|gr[eo]w\w*|increas\w*|decreas\w*|drop\w*|chang\w*|"
                   r"improv\w*|jump\w*|reduc\w*)\b)")
_MONEY = re.compile(rf"{_HOW_MUCH_MONEY}|\bcost\w*|\b{TIME_SPENT}spen[dt]\w*|\bbudget\w*|\b{FUNDING}|\ballowance\b|£", re.IGNORECASE)
_PAPER_NOUN = (r"(?:report|reports|paper|papers|pack|update|meeting|review|tables|dashboard|minutes|agenda|panel|"
               r"committee|sub-committee|proposals|business case|plan)")
_SOURCE_CLAUSE = re.compile(rf"\b(?:according to|as (?:reported|set out|shown) in|per the)\s+[^,;?()]*?\b{_PAPER_NOUN}\b"
                            rf"[^,;?()]*|\([^()]*\b{_PAPER_NOUN}\b[^()]*\)|^\s*in\s+[^,?]*\b{_PAPER_NOUN}\s*,",
                            re.IGNORECASE)  # "according to the December 2020 performance tables": which paper, not what
_PAPER_AFTER = re.compile(rf"^(?:\s+[\w'’&-]+){{0,5}}?\s+{_PAPER_NOUN}\b", re.IGNORECASE)
_PAPER_BEFORE = re.compile(rf"\b(?:{_PAPER_NOUN}\s+(?:of|from|dated|on)|(?!plan\b){_PAPER_NOUN}\s+in|reported\s+(?:in|on|to\s+\w+)|"
                           r"reported\s+by\s+(?:[\w'’&-]+\s+){1,3}in|(?:at|in)\s+(?:its|the|their))\s*$", re.IGNORECASE)
_BENCHMARK_COMPARED = re.compile(r"\bcompar\w*\s+(?:with|to|against)\s+(?:the\s+)?(national|england|english|regional|"
                                 r"(?:statistical|stat) neighbou?rs?'?)\s+(?:[\w-]+\s+)?(?:average|rate|figure|mean|"
                                 r"level|percentage)\b", re.IGNORECASE)  # "compare with the England average": only it
_PERCENTAGE_ASKED = re.compile(r"\b(percentage|proportion|share|per ?cent)\b|%", re.IGNORECASE)
_RATE_ASKED = re.compile(r"\brate\b|\bper (?:10,?000|10k|100,?000)\b", re.IGNORECASE)
_COUNT_ASKED = re.compile(r"\bhow many\b|\bnumber of\b|\bthe number\b", re.IGNORECASE)
_SHARE = re.compile(r"\bshare of\b", re.IGNORECASE)
_FRAME_WORDS = words("versus vs both either each other end last previous current latest recent over into from between about "
                     "as be being was were did does do go when tell me say said help children child young people kids "
                     "care social average time timely week month quarter year s service services council committee sub-committee "
                     "panel scrutiny meeting what's why how which where if would should so those via through more than like under "
                     "old got made give given done figure sns sn eastern "
                     "pack performance report reports paper papers update review found start beginning january february "
                     "march april may june july august september october november december")  # how it asks, and when
_PLACE_NAMED = re.compile(r"\b(?:in|for|across|around|of)\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s+"
                          r"(?:area|locality|district|town|ward|patch)\b")  # "in the Weston-super-Mare area"
_PERIOD_END = re.compile(r"\b(?:at\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?(?=(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
                         r"[a-z]*\b|(?:year|quarter|month|q[1-4]|(?:19|20)\d\d)\b)", re.IGNORECASE)  # "end of April": no plan ended
PAPER_LAG_DAYS = 100  # a meeting's minutes are printed in the pack of a meeting up to three months later


@dataclass
class Route:
    """What a question asks and about what."""

    question: str
    numeric: set[str] = field(default_factory=set)  # "value", "trend", "compare", "extreme"
    narrative: str | None = None  # "said", "decided", "who", "when" or None
    indicators: list[str] = field(default_factory=list)  # catalogue ids or paper labels, best first
    council: str | None = None
    others: list[str] = field(default_factory=list)  # more councils a comparison names ("Norfolk and North Somerset")
    area: str = "county"  # or a locality the question names
    start: str | None = None
    end: str | None = None
    papers: tuple[str, str] | None = None  # meeting dates (ISO, inclusive) of the papers the question names
    money: bool = False  # asks how much, what it costs: only money figures answer it
    follow_up: bool = False
    parts: list["Route"] = field(default_factory=list)  # one per council when each names its own paper or period
    qualifiers: frozenset[str] = frozenset()  # what the question says its indicator does not ("referred to Stronger Families")
    rows_of: str | None = None  # "which year group had the most ...": the rows of a paper's table it ranks
    peak: tuple[str, str] | None = None  # ("month", "highest") of "which month had the most contacts"
    other_unit: str | None = None  # an indicator it names whose figures are in another unit (a share for how many)
    benchmark: str | None = None  # "what is the national average for ...": the benchmark asked for itself

    @property
    def is_numeric(self) -> bool:
        return bool(self.indicators) and (bool(self.numeric) or not self.narrative)

    def context(self) -> dict:
        """What a follow-up may inherit."""
        return {"indicators": self.indicators, "council": self.council, "area": self.area,
                "start": self.start, "end": self.end, "papers": self.papers}


def quoted_phrases(question: str) -> list[str]:
    """The row labels a question quotes as what it asks, not those it sets aside ("leaving aside 'other budgets'")."""
    return [match.group(1) for match in QUOTED.finditer(question) if not _SET_ASIDE.search(question[:match.start()])]


def _without_set_aside(question: str) -> str:
    """A question without the quoted rows it sets aside, which name nothing it asks for."""
    for match in reversed(list(QUOTED.finditer(question))):
        if _SET_ASIDE.search(question[:match.start()]):
            question = question[:match.start()] + " " + question[match.end():]
    return question


def benchmark_asked(question: str) -> str | None:
    """The benchmark a question asks for as its answer ("what is the national average for PEPs":
    "england"; "what's the statistical neighbour average": "statistical_neighbours"), or as the one
    to compare with ("how does it compare with the England average"), if any."""
    asked = BENCHMARK_ASKED.search(question) or _BENCHMARK_COMPARED.search(question)
    if not asked:
        return None
    name = asked.group(1).lower()
    return "region" if "region" in name or "east" in name else "statistical_neighbours" if "neighbour" in name else "england"


def _narrowest(matches: list, tools) -> list[str]:
    """The indicators matched, less a broad one whose part the words name more fully, and its other parts:
    "care leavers in suitable accommodation" asks for that part, not every care leaver's figure."""
    parts_of = {m.id: set(getattr(tools.catalogue.get(m.id), "includes", ())) for m in matches}
    score = {m.id: m.score for m in matches if m.how == "catalogue words"}
    named = set(score)
    narrowed = {broad for broad in named if any(score.get(part, 0) > score[broad] for part in parts_of[broad])}
    dropped = narrowed | {part for broad in narrowed for part in parts_of[broad] - named}
    return [m.id for m in matches if m.id not in dropped]


def _place(things: str) -> bool:
    """What a ranking question ranks is places ("which council", "which locality"), not the
    lines of a table ("which spending area")."""
    return bool(_PLACES.search(things)) and not re.search(r"\b(spend\w*|budget\w*|cost\w*|service\w*)\b", things,
                                                          re.IGNORECASE)


def find_area(question: str, areas: dict[str, str]) -> str | None:
    """A locality the question names, written as the papers write it. Short names that are also
    common words ("North", "West") count only when the question speaks of a locality."""
    speaks_of_localities = re.search(r"\blocalit(y|ies)\b|\bdistrict\b", question, re.IGNORECASE)
    for area in sorted(areas, key=len, reverse=True):
        if re.search(rf"\b{re.escape(area)}\b", question) and (len(area) >= 5 or speaks_of_localities):
            return area
    return None


def find_councils(question: str, councils: list[str]) -> list[str]:
    """The councils a question names, in ``councils`` order (the papers' councils come before the
    regions of the official files); a name inside a longer one ("Somerset" in "North Somerset")
    does not count."""
    spans = {}
    for council in councils:
        match = re.search(rf"\b{re.escape(council)}\b", question, re.IGNORECASE)
        if match:
            spans[council] = match.span()
    inside = {council for council, (start, end) in spans.items()
              if any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans.values())}
    return [council for council in spans if council not in inside]


def unit_fits(question: str, units: set[str]) -> bool:
    """Whether figures in these units (classes: "%", "£", "count", "rate" ...) can answer what a
    question asks: a percentage, money, or how many. "What percentage ... placed more than 20 miles
    from home" is not answered by a count of children's homes."""
    if not units or "number" in units:  # a bare number may be a count or a percentage printed without "%"
        return True
    if _RATE_ASKED.search(question):
        return bool(units & {"rate", "%"})
    if _PERCENTAGE_ASKED.search(question):  # "what was the number ... and what % of contacts was that": both
        return "%" in units or (bool(_COUNT_ASKED.search(question)) and not units <= {"%", "£", "rate"})
    if _MONEY.search(question):
        return "£" in units
    if _COUNT_ASKED.search(question):
        return not units <= {"%", "£", "rate"}
    return True


def topic_question(question: str, council: str | None = None) -> str:
    """A question as a passage answers it: without the paper it names ("as set out in the March 2022
    report"), which says where to look, and without the council whose papers alone are searched; a
    "share of" asked is the "percentage of" that papers print."""
    text = _SHARE.sub("percentage of", _SOURCE_CLAUSE.sub(" ", question))
    if council:
        name = rf"\b{re.escape(council)}(?:\s+(?:County\s+)?Council\b)?"
        text = re.sub(rf"{name}['’]s?", " ", text, flags=re.IGNORECASE)  # "in Norfolk's review": "in review"
        text = re.sub(rf"(?:\b(?:in|for|at|by)\s+)?{name}", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+([,;?.])", r"\1", " ".join(text.split()))
    return re.sub(r"^[\s,;]+|[,;]+(?=[?.]?$)", "", text)


def qualifiers(question: str, councils: list[str], covered: frozenset[str]) -> frozenset[str]:
    """The words of a question's topic that the words naming its indicator do not cover: "Stronger Families"
    in "how many children were referred to Stronger Families?" asked of referrals to social care. What is
    asked (how many, the trend, a comparison), when, where and of which paper are not its topic."""
    topic = topic_question(question)
    for council in councils:
        topic = topic_question(topic, council)
    for pattern in (_TREND, _MONTH_LIST, _COMPARE, _EXTREME, _VALUE, _PLACES):
        topic = pattern.sub(" ", topic)
    topic = _with_shared_years(topic)
    topic = _without(topic, period_spans(topic))
    return frozenset(word for word in words(topic) - covered - _FRAME_WORDS if word.isalpha())


def council_clauses(question: str, councils: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Where each council's own words are in a question that names several: from each mention of it
    to the next council's mention ("North Somerset in March 2022 compare with", "Norfolk's average
    caseload in the July 2018 Norfolk committee pack")."""
    mentions = sorted((match.start(), council) for council in councils
                      for match in re.finditer(rf"\b{re.escape(council)}\b", question, re.IGNORECASE))
    clauses: dict[str, list[tuple[int, int]]] = {}
    for (start, council), (end, _) in zip(mentions, mentions[1:] + [(len(question), None)]):
        clauses.setdefault(council, []).append((start, end))
    return clauses


def find_council(question: str, councils: list[str]) -> str | None:
    """The council a question names first (see ``find_councils``)."""
    return next(iter(find_councils(question, councils)), None)


def _paper_spans(question: str) -> list[tuple[int, int, Period]]:
    """Where a question names papers by date ("in the July 2018 report", "at its 22 May 2018 meeting",
    "the December 2020 scrutiny tables", "reported by North Somerset in March 2022", "Northumberland
    (June 2019)", "the 2014 Norfolk business case")."""
    spans = list(period_spans(question))
    spans += [(match.start(), match.end(), parse_period(match.group(0))) for match in BARE_YEAR.finditer(question)
              if not any(start <= match.start() < end for start, end, _ in spans) and _PAPER_AFTER.match(question[match.end():])]
    return [(start, end, period) for start, end, period in spans
            if period.kind in ("month", "date", "year")
            and (_PAPER_AFTER.match(question[end:]) or _PAPER_BEFORE.search(question[:start])
                 or period.kind != "year" and question[:start].rstrip().endswith("("))]


def _meeting_dates(spans: list[tuple[int, int, Period]], question: str) -> tuple[str, str] | None:
    """The range of meeting dates the named papers may have; minutes come up to three months later."""
    if not spans:
        return None
    since = min(first_day(period) for _, _, period in spans)
    until = max(period.end for _, _, period in spans)
    if spans[-1][2].kind == "date" or re.search(r"\b(meeting|minutes)\b", question, re.IGNORECASE):
        until += timedelta(days=PAPER_LAG_DAYS)
    return since.isoformat(), until.isoformat()


def _without(question: str, spans: list[tuple[int, int, Period]]) -> str:
    """The question with those spans blanked (same length), so they are not read as periods."""
    for start, end, _ in spans:
        question = question[:start] + " " * (end - start) + question[end:]
    return question


def paper_reference(question: str) -> tuple[tuple[str, str] | None, str]:
    """The papers a question names by date as a range of meeting dates, and the question with those
    dates taken out, so they are not read as the period of a figure."""
    spans = _paper_spans(question)
    return _meeting_dates(spans, question), _without(question, spans)


def papers_held(papers: tuple[str, str], meetings: list[str]) -> tuple[str, str] | None:
    """The meeting dates of the papers a question names, if any paper met then, reaching on to a
    pack up to ``PAPER_LAG_DAYS`` later that prints the meeting's minutes ("discussed at the May 2018
    committee"); None when no paper did ("their own LAC review in April 2017" is a child's review)."""
    since, until = papers
    later = (date.fromisoformat(until) + timedelta(days=PAPER_LAG_DAYS)).isoformat()
    for last in (until, later):
        if not meetings or any(since <= meeting <= last for meeting in meetings):
            return since, last
    return None


def _with_full_years(question: str) -> str:
    """A question's short years written in full ("16-17 and 17-18", "FY17/18" as "2016-17 and
    2017-18", "2017-18"), so they are read as periods; ages ("16-17 year olds", "aged 16-17") stay."""
    def full(match: re.Match) -> str:
        first, second = int(match.group(1)), int(match.group(2))
        return f"20{first:02d}-{second:02d}" if second == first + 1 else match.group(0)
    return _SHORT_YEARS.sub(full, question)


def _with_shared_years(question: str) -> str:
    """A run of months that names its year once written with a year for each ("Jan-Apr 2018",
    "between January and April 2018", "Jan, Feb and Mar 2018" as "Jan 2018 to Apr 2018"; "Nov-Feb 2018"
    starts in 2017)."""
    def both(match: re.Match) -> str:
        first, last = match.group(1), match.group(2)
        year = int(match.group(3)) if match.group(3) else 2000 + int(match.group(4))
        start_year = year if MONTHS[first.lower()] <= MONTHS[last.lower()] else year - 1
        return f"{first} {start_year} to {last} {year}"
    return _SHARED_YEAR.sub(both, question)


def _periods(question: str, newest: date | None) -> tuple[str | None, str | None]:
    question = _with_shared_years(_with_full_years(question))
    since = _SINCE.search(question)
    if since:
        return since.group(1), None
    if _LAST_YEAR.search(question) and newest and not _YEAR_BEFORE.search(question):
        year = newest.year - 1
        return f"{year}", f"{year}"
    found = periods_named(question)
    if not found:
        return None, None
    if len(found) == 1:  # one period named: that period exactly, or the year up to a month
        month = re.fullmatch(r"(\d{4})-(\d{2})", found[0].label)
        ahead = next((start for start, _, period in period_spans(question) if period == found[0]), None)
        if month and ahead is not None and _YEAR_TO.search(question[:ahead]):
            return f"{int(month.group(1)) - 1}-{month.group(2)}", found[0].label
        if _YEAR_BEFORE.search(question):  # "in April 18, compared with a year before": from April 2017
            return _a_year_before(found[0]), found[0].label
        return found[0].label, found[0].label
    return found[0].label, found[-1].label


def _a_year_before(period: Period) -> str:
    """The label of the period a year before a month's, a year's or a financial year's ("2018-04": "2017-04")."""
    year, rest = period.label[:4], period.label[4:]
    if period.kind == "financial_year":
        return f"{int(year) - 1}-{int(rest[1:]) - 1:02d}"
    return f"{int(year) - 1}{rest}" if period.kind in ("month", "year") else period.label


def _council_parts(whole: Route, question: str, named: list[str], newest: date | None,
                   meetings: list[str]) -> list[Route]:
    """A question that names, for each of its councils, a paper or period of its own ("Northumberland's
    June 2019 review ... Norfolk's December 2020 pack") is answered council by council; the indicator and
    what is asked stay those of the whole question. A paper no meeting held is its figures' period ("Norfolk
    (April 2018 MI report)": the April 2018 figures of the July 2018 pack)."""
    parts, spans = [], _paper_spans(question)
    for council, ranges in council_clauses(question, named).items():
        own = [span for span in spans if any(start <= span[0] < end for start, end in ranges)]
        papers = _meeting_dates(own, question)
        papers = papers and papers_held(papers, meetings)
        undated = _without(question, own if papers else [])
        start, end = _periods(" ".join(undated[a:b] for a, b in ranges), newest)
        parts.append(replace(whole, council=council, others=[], papers=papers, start=start, end=end, parts=[]))
    dated = {(part.papers, part.start, part.end) for part in parts}
    return parts if len(dated) > 1 else []


def route(question: str, tools, councils: list[str], newest: date | None = None,
          previous: dict | None = None) -> Route:
    """Route a question; ``previous`` is the last turn's context for follow-ups."""
    result = Route(question=question)
    named = find_councils(question, councils)
    result.council, result.others = (named[0], named[1:]) if named else (None, [])
    areas = tools.areas() if tools else {}
    unnamed = question  # "North" in "North Somerset" is no locality
    for council in named:
        unnamed = re.sub(rf"\b{re.escape(council)}\b", " ", unnamed, flags=re.IGNORECASE)
    area = find_area(unnamed, {a: c for a, c in areas.items() if not result.council or c == result.council})
    if area:
        result.area, result.council = area, result.council or areas[area]
    elif (place := _PLACE_NAMED.search(unnamed)) and place.group(1) not in councils:
        result.area = place.group(1)  # a locality the papers do not break their figures down by
    result.papers, undated = paper_reference(question)
    if result.papers and tools:
        result.papers = papers_held(result.papers, tools.meeting_dates())
        undated = undated if result.papers else question  # not a paper: its date is the figure's period
    result.start, result.end = _periods(undated, newest)
    asked = _PERIOD_END.sub(" ", _SOURCE_CLAUSE.sub(" ", _without_set_aside(question)))
    stripped = re.sub(re.escape(result.council), " ", asked, flags=re.IGNORECASE) if result.council else asked
    matches = tools.find_indicators(stripped) if tools else []
    fitting = {m.id for m in matches if unit_fits(  # its figures can answer what is asked: a percentage, money, how many
        question, tools.label_units(m.id) if m.how == "similar label" else {unit_class(m.unit)})}
    catalogue = [m for m in matches if m.how != "similar label" and m.values and m.id in fitting]
    strongest = max((m.score for m in catalogue), default=0)
    quoted = [label for phrase in quoted_phrases(question) for label in tools.labels_quoted(phrase)] if tools else []
    said_among = tools.labels_among(asked) if tools else []  # rows said out of order ("Norfolk Constabulary": the council too)
    # a row named in full and in order, or one the question says more of
    labels = quoted[:2] or (list(dict.fromkeys(tools.fuller_label(label, said_among) for label in tools.labels_in(asked)[:2]))
                            if tools else [])
    # a row of the papers named in full ("legal costs") wins over a looser catalogue match ("overspend")
    named_labels = [label for label in labels if (label in quoted or tools.label_strength(label) > strongest)
                    and unit_fits(question, tools.label_units(label))]
    result.indicators = named_labels or _narrowest(catalogue, tools)
    if not result.indicators:
        result.indicators = [m.id for m in matches if m.values and m.score >= 0.5 and m.id in fitting][:2]
    # a label said out of order: when nothing else answers, or when a catalogue phrase says far less and does not read its rows
    if tools and not named_labels:
        among = [label for label in said_among if unit_fits(question, tools.label_units(label))][:2]
        among = among[:1] + [label for label in among[1:] if tools.label_strength(label) == tools.label_strength(among[0])
                             and words(label) != words(among[0])]  # a tie of two rows, not one row printed twice
        if among and (not result.indicators or catalogue and tools.label_strength(among[0]) > strongest + _FAR_MORE_WORDS
                      and tools.label_indicator(among[0]) not in result.indicators):  # not a row the indicator reads
            result.indicators = among
    if result.indicators and not named_labels:  # a label named in full is what is asked; a catalogue phrase may be less
        # a name spelt out before the abbreviation a label uses ("Early Help Family Focus (EHFF)") qualifies nothing
        result.qualifiers = qualifiers(abbreviated(question), named, tools.indicator_words(result.indicators[0]))
    result.other_unit = next((m.id for m in matches if m.how != "similar label" and m.values and m.id not in fitting), None)
    result.money = bool(_MONEY.search(question))
    result.benchmark = benchmark_asked(question)
    ranked = _WHICH_MOST.search(question) or _WHAT_MOST.search(question)  # "what was the most common cease reason"
    peak = _PEAK.search(question)
    if peak:
        result.peak = (peak.group(1).lower(), "highest" if peak.group(2) else "lowest")
    elif ranked and not _place(ranked.group(1)) and not _MEASURE_WORDS.match(ranked.group(1)):
        result.rows_of = ranked.group(1)
    for pattern, kind in ((_TREND, "trend"), (_MONTH_LIST, "trend"), (_COMPARE, "compare"), (_EXTREME, "extreme"),
                          (_VALUE, "value")):
        if pattern.search(question):
            result.numeric.add(kind)
    if _NARRATIVE.search(question):
        result.narrative = "decided" if _DECISION.search(question) else "said"
        if re.match(r"^\s*who\b", question, re.IGNORECASE):
            result.narrative = "who"
        elif re.match(r"^\s*when\b", question, re.IGNORECASE):
            result.narrative = "when"
    if len(named) > 1:
        result.parts = _council_parts(result, question, named, newest, tools.meeting_dates() if tools else [])
    result.follow_up = bool(previous) and (bool(_FOLLOW_UP.match(question)) or len(question.split()) <= 5)
    if result.follow_up:
        if not result.indicators:  # "and in Northumberland?": the same indicator, and period
            result.indicators = list(previous.get("indicators") or [])
            result.numeric = result.numeric or {"trend"}
            if not (result.start or result.end):
                result.start, result.end = previous.get("start"), previous.get("end")
            if result.area == "county" and not result.council:  # "and in March?" stays in Breckland
                result.area = previous.get("area") or "county"
        result.council = result.council or previous.get("council")
    return result
