"""The nouns of an answer (``Answer``, ``Citation``, ``StatedValue``) and the offline composer:
numeric answers are sentences built from tool results, narrative answers are the best
sentences of the best passages, quoted; every statement carries a numbered citation.

Numbers are copied as the source printed them (``value_text``), never recomputed, except a
statistical-neighbour mean or median, which says so and cites the official file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import zip_longest

from .periods import period_spans
from .safety import looks_like_instruction
from .search import tokenize

_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"]
_LIST_NUMBER = re.compile(r"^\(?\d{1,2}[.)]$")
_HEADING_MARK = re.compile(r"^#{1,6}$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])|\n+")
QUOTE_CHARACTERS = 1000  # a citation's quote is cut to this length
FOCUS_WORDS = 90  # words of a passage the cross-encoder reads after a question (it stops at 160 tokens)
JUDGED_PASSAGES = 3  # passages whose sentences the cross-encoder rates (each costs about 0.1 s)
_WHAT_PERCENT = r"\bwhat\s*(%|per ?cent\b)"  # "What % of ..."
_QUANTITY = re.compile(r"\bhow (many|much)\b|\b(cost|spend|spent|budget|salar(y|ies)|wages?)\b|\bwhat (was |is |were |are )?"
                       r"(the )?((?:[\w-]+ ){0,2}[\w-]+(?:'s(?: (?!for\b|on\b|about\b|to\b|of\b|in\b)[\w-]+){0,4}?|s')? )?"
                       r"(number|amount|percentage|proportion|rate|total|average)\b"
                       rf"|{_WHAT_PERCENT}", re.IGNORECASE)
_PERCENTAGE_ASKED = re.compile(rf"\bpercentage\b|{_WHAT_PERCENT}", re.IGNORECASE)
_PERCENTAGE_STATED = re.compile(r"%|\bper ?cent\b", re.IGNORECASE)
_RATE_ASKED = re.compile(r"\bper\s*1?0{1,2},?000\b|\bper\s*1?0{1,2}k\b", re.IGNORECASE)  # "rate per 10,000"
_RATE_STATED = re.compile(r"\bper\s*(?:1?0{1,2},?000|1?0{1,2}k|1,000)\b|\brates?\b", re.IGNORECASE)
# not figures: a rate's unit ("per 10,000", "per 1,000"), an age range ("10-17 year olds", "aged 8-11")
_NOT_FIGURES = re.compile(r"\bper\s+1\d{0,2},?000\b|\baged\s+\d{1,2}\s*[-–]\s*\d{1,2}\b"
                          r"|\b\d{1,2}\s*[-–]\s*\d{1,2}(?=\s*(?:years?|yrs?|year-olds?)\b)", re.IGNORECASE)
# "4.4.1 The number", "2. Evidence", "3 Background"; not a count ("137 Children/YP have been referred")
_SECTION_NUMBER = re.compile(r"(?:^|(?<=\s[-•]\s))[\s\-•]*(?:\d+(?:\.\d+)+\.?|\d{1,2}\.|\d|\d+\))\s+(?=[*_]*[A-Z])")
TIME_SPENT = r"(?<!days )(?<!weeks )(?<!months )(?<!years )(?<!nights )(?<!hours )(?<!time )"  # "days spent out of care"
FUNDING = r"(?<!state-)(?<!state )fund\w*"  # money, but not "state-funded special schools"
_MONEY_ASKED = re.compile(rf"\b(cost\w*|{TIME_SPENT}spen[dt]\w*|budget\w*|{FUNDING}|salar(y|ies)|wages?|contract values?|"
                          r"value of (?:the |its |each )?contracts?)\b|£|\bhow much\b.*\bpa(?:ying|id|ys)\b", re.IGNORECASE)
BENCHMARK_ASKED = re.compile(r"\bwhat(?:'s| is| was| are| were)?\s+(?:the\s+)?(national|england|english|"
                             r"(?:statistical|stat) neighbou?rs?'?|regional|region's|(?:eastern|east of england)(?:\s+region)?)\b(?:\s+[\w-]+){0,2}?\s+"
                             r"(?:(?:average|rate|figure|benchmark|mean|median|level|percentage|proportion|share|comparator)\b|%)",
                             re.IGNORECASE)
_BENCHMARK_STATED = re.compile(r"\b(national\w*|england|english|(?:statistical|stat) neighbou?rs?'?|sns?|regional|region|"
                               r"eastern|east of england|comparators?|nationally)\b", re.IGNORECASE)
_MONEY_STATED = re.compile(r"£|\b(million|billion|pounds)\b", re.IGNORECASE)
_SALARY = re.compile(r"\b(salar(y|ies)|wages?|pay)\b", re.IGNORECASE)
_TITLE_SMALL_WORDS = {"and", "of", "the", "for", "in", "to", "on", "a", "an", "at", "by", "with", "&"}
_COUNTED = re.compile(r"\bhow many ((?:[\w'-]+ ){1,5}?)(?:were|was|did|had|have|has|are|is|do|does|in|of|at|on|"
                      r"per|there|will|would|could|can|according|actually|currently|still|really|now|already|"
                      r"usually|typically)\b", re.IGNORECASE)  # "how many families actually used ..."
# "how many of the young people on the programme are girls": what is counted is what they are (not "are placed ...")
_COUNTED_PART = re.compile(r"\bhow many of (?:[\w'-]+ ){1,8}?(?:are|were|is|was|have been|had been) "
                           r"(?!\w+ed\b|(?:in|on|at|with|from|under|over|still|now|currently|also|not|being|living)\b)"
                           r"((?:[\w'-]+ ?){1,3}?)"
                           r"(?=\s*[?,.]|\s+(?:in|at|on|by|during|according|per|from|since)\b|\s*$)", re.IGNORECASE)
# "how many children were electively home educated": what the counted are said to be, all of which a count must say
_COUNTED_STATE = re.compile(r"\bhow many (?!of\b)(?:[\w'-]+ ){1,5}?(?:were|are|was|is|have been|had been) "
                            r"((?:[a-z]+ly )?(?![a-z]+ly )(?:[a-z-]+ ){1,2}?[a-z-]+ed)\b", re.IGNORECASE)  # two words and more
_SPENT_ON = re.compile(r"\b(?:spen[dt]\w*|cost\w*|budget\w*)\s+(?:on|of|for)\s+((?:[\w'-]+\s*?){1,5}?)"
                       r"(?=\s+(?:in|at|during|by|for|according|per|from|between|over|last|this)\b|\s*[?,.]|\s*$)", re.IGNORECASE)
_COUNTED_SYNONYMS = {"kid": "children", "youngster": "young", "cic": "children", "lac": "children", "cla": "children",
                     "cin": "children", "yp": "young"}  # abbreviations count children, as their sentences say
_NEAR = 6  # words between a number and the thing it counts
_BENCHMARK_NEAR = 5  # words from a benchmark's name to its figure ("the national average standing at 59%")
_SECOND_QUESTION = re.compile(r",?\s+and\s+(?=(?:how|what|which|when|who|where|why|(?:by|for) how)\b)",
                              re.IGNORECASE)  # "..., and by how much ...": a second question
_DASHED_QUESTION = re.compile(r"\s+[-–—]\s+(?=(?:how|what|which|when|who|where|why|(?:by|for) how)\b)", re.IGNORECASE)
_ASKING = re.compile(r"^(?:how|what|which|when|who|where|why|is|are|was|were|did|does|do|has|have|can)\b", re.IGNORECASE)
# "what overall Ofsted judgement", "what rating did the inspection give": answered only by a grade
_JUDGEMENT_ASKED = re.compile(r"\b(?:judge?ments?|ratings?|grades?|rated?|judged|graded)\b", re.IGNORECASE)
_INSPECTION = re.compile(r"\b(?:ofsted|inspect\w*|hmip|cqc|judge?ments?)\b", re.IGNORECASE)
_JUDGEMENT_STATED = re.compile(r"\b(?:outstanding|good|requires? improvement|inadequate|satisfactory|special measures|"
                               r"serious weakness(?:es)?)\b", re.IGNORECASE)
# "did Norfolk go ahead and close the school", "did the director decide to publish a notice": answered only by an outcome
_OUTCOME_ASKED = re.compile(r"\b(?:go(?:ne)? ahead|went ahead|actually|in the end|end(?:ed)? up|eventually)\b|"
                            r"^\s*(?:did|has|have)\b[^?]*\bdecide\b", re.IGNORECASE)
_OUTCOME_STATED = re.compile(r"\b(?:closed|went ahead|gone ahead|approved|resolved|decided|took effect|implemented|"
                             r"(?:was|were|been|has|have|committee|members)\s+agreed|agreed\s+(?:to|that|the))\b", re.IGNORECASE)
_DECISION_WORDS = re.compile(r"\b(resolved|agreed|decided|recommend\w*|approved|noted)\b", re.IGNORECASE)
_GENERIC = set(tokenize("what did the committee council say said about how has have is was were are which who when "
                        "why tell me papers paper report reports there any our we please of a an in on for to and "
                        "or with by at from this that it its be been do does any many much"))


@dataclass
class Citation:
    """A numbered source: where a statement's words or figures are printed."""

    n: int
    document: str
    page: str | None
    lines: str
    section: str | None
    meeting_date: str | None
    quote: str
    council: str | None = None
    committee: str | None = None

    @property
    def location(self) -> str:
        """Where in the document: "p.7, lines 120-131" or "line 880"."""
        where = f"p.{self.page}, " if self.page else ""
        return where + (f"lines {self.lines}" if "-" in self.lines else f"line {self.lines}")


@dataclass
class Passage:
    """A sentence chosen to answer a question: its hit, the share of the question's words it
    holds, and the cross-encoder's rating when one judged it."""

    sentence: str
    hit: object
    coverage: float
    relevance: float | None = None


@dataclass
class StatedValue:
    """A figure the answer states, and the citation that holds it."""

    indicator: str | None
    label: str
    council: str | None
    area: str
    period: str | None
    measure: str
    value: float | None
    unit: str | None
    citation: int


@dataclass
class Answer:
    """What the assistant says, whether the papers answer it, and everything behind it."""

    question: str
    text: str
    answerable: bool
    kind: str  # "numeric", "narrative", "mixed" or "none"
    values: list[StatedValue] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    chart: list[dict] = field(default_factory=list)  # one series per indicator and council
    context: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)
    derived: list[float] = field(default_factory=list)  # numbers the answer computed (a mean, a rank)
    retrieved: list[dict] = field(default_factory=list)  # ranked sources looked at: {"document", "lines"}
    backend: str = "offline"  # or the LLM that wrote the text

    def to_json(self, identifier=None) -> dict:
        """The stable JSON object of the evaluation interface (see the README)."""
        return {
            "id": identifier, "question": self.question, "answer": self.text, "answerable": self.answerable,
            "values": [{key: value for key, value in asdict(v).items()} for v in self.values],
            "citations": [{key: getattr(c, key) for key in ("n", "document", "page", "lines", "section",
                                                              "meeting_date", "quote")} for c in self.citations],
            "derived": self.derived, "retrieved": self.retrieved[:10],
            "seconds": round(sum(self.timings.values()), 3),
        }


class Citer:
    """Hands out citation numbers, one per distinct source passage, and keeps what else the
    answer rests on: the numbers it computed and the passages search ranked for it."""

    def __init__(self, documents: dict | None = None):
        self.citations: list[Citation] = []
        self.derived: list[float] = []  # numbers the answer computes (a mean, a rank), for the number check
        self.searched: list[list[dict]] = []  # sources each part looked at, best first: {"document", "lines"}
        self._keys: dict[tuple, int] = {}
        self.documents = documents or {}

    def cite(self, document: str, lines: str, quote: str, page=None, section=None, meeting_date=None) -> int:
        key = (document, lines, quote.strip()[:120])  # two sentences of one line are two sources
        if key not in self._keys:
            meta = self.documents.get(document, {})
            self.citations.append(Citation(
                n=len(self.citations) + 1, document=document, page=str(page) if page not in (None, "") else None,
                lines=lines, section=section, meeting_date=meeting_date or meta.get("meeting_date"),
                quote=_cut(quote.strip(), QUOTE_CHARACTERS), council=meta.get("council"), committee=meta.get("committee")))
            self._keys[key] = len(self.citations)
        return self._keys[key]

    def mark(self) -> tuple[int, int]:
        """How much has been cited and derived so far, to ``restore`` when a part is dropped."""
        return len(self.citations), len(self.derived)

    def restore(self, mark: tuple[int, int]) -> None:
        """Forget the citations and derived numbers made since ``mark``."""
        cited, derived = mark
        del self.citations[cited:], self.derived[derived:]
        self._keys = {key: n for key, n in self._keys.items() if n <= cited}

    def looked_at(self, cited: int = 0, since: int = 0) -> None:
        """Make what one part of an answer looked at one ranking: the sources it cites (those from
        citation ``cited`` on: the rows of its figures, the passages it quotes), then the passages
        its searches (those from ``since`` on) ranked."""
        own = [{"document": citation.document, "lines": citation.lines} for citation in self.citations[cited:]]
        self.searched[since:] = [own + [source for ranking in self.searched[since:] for source in ranking]]

    def retrieved(self) -> list[dict]:
        """The ranked sources the answer looked at, taking each part's first, then each one's second,
        and so on (the evaluation's retrieval recall reads these)."""
        unique = []
        for sources in zip_longest(*self.searched):
            for source in sources:
                if source and source not in unique:
                    unique.append(source)
        return unique

    def cite_value(self, row: dict) -> int:
        """Cite the row or sentence a value was read from."""
        line = row.get("line")
        lines = str(int(line)) if line is not None else ""
        section = row.get("table_title") if row.get("source") == "table" else row.get("label_path") or row.get("table_title")
        return self.cite(row["document"], lines, row.get("quote") or "", row.get("page"), section, row.get("meeting_date"))


def _cut(text: str, characters: int) -> str:
    """A text cut to at most ``characters`` at a space, so no number is cut in two."""
    return text if len(text) <= characters else text[:characters + 1].rsplit(" ", 1)[0]


def format_value(row: dict) -> str:
    """A value as its source printed it, with its unit where the print left it off."""
    text = str(row.get("value_text") or "").strip()
    unit = row.get("unit")
    if row.get("source") == "official" or not text:
        text = f"{row['value']:g}" if row.get("value") is not None else text
    if unit == "%" and not text.endswith("%"):
        return text + "%"
    if unit == "£m" and not text.startswith("£"):
        return f"£{text}m"
    if unit in ("£", "£k") and not text.startswith("£"):  # a column headed "£"
        return f"£{text}{'k' if unit == '£k' and not text.lower().endswith('k') else ''}"
    if unit and unit.startswith("rate per") and "per" not in text:
        return f"{text} {unit.removeprefix('rate ')}"  # "323 per 100,000"
    return text


def format_period(period: str | None, kind: str | None = None, source: str | None = None) -> str:
    """A month ("2018-04") as "April 2018", a day as "10 July 2018" (or "as reported to the
    10 July 2018 meeting" when the meeting date is all a figure has), other periods as written."""
    if not period:
        return "(period not given)"
    if kind == "month" or (kind is None and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period)):
        year, month = period.split("-")
        return f"{_MONTH_NAMES[int(month) - 1]} {year}"
    if re.fullmatch(r"\d{4}-\d{2} to \d{4}-\d{2}", period):  # a range of months: "September 2019 to September 2020"
        return " to ".join(format_period(month, "month") for month in period.split(" to "))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period):
        day = date.fromisoformat(period)
        text = f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"
        return f"as reported to the {text} meeting" if source in ("meeting",) else text
    return period


def stated(row: dict, citation: int) -> StatedValue:
    """A value row as the answer states it (a RAG mark or arrow has no number: value None)."""
    value = row.get("value")
    value = None if value is None or value != value else float(value)  # NaN is no number
    return StatedValue(row.get("indicator"), row.get("label") or "", row.get("council"), row.get("area") or "county",
                       row.get("period"), row.get("measure") or "value", value, row.get("unit"), citation)


_NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?")
_TIME_UNIT = re.compile(r"(?:years?|months?|weeks?|days?|hours?|times?)\b", re.IGNORECASE)
NUMBER_WORDS = {word: n for n, word in enumerate("two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                                                 "fifteen sixteen seventeen eighteen nineteen twenty".split(), start=2)}


def numbers_in(text: str) -> list[float]:
    """The numbers a text states, citation markers ("[3]") left out."""
    text = re.sub(r"\[\d+\]", " ", text)
    return [float(match.replace(",", "")) for match in _NUMBER.findall(text)]


def unsupported_numbers(text: str, citations: list[Citation], derived: list[float] = ()) -> list[float]:
    """Numbers in an answer that none of its cited passages holds (and that it did not derive,
    such as a neighbours' mean). An honest answer has none."""
    held = {round(number, 6) for citation in citations for number in numbers_in(citation.quote)}
    held |= {round(number, 6) for citation in citations for number in numbers_in(citation.document)}
    held |= {round(number, 6) for number in derived}
    text = re.sub(r"\bper 1(?:0|00)?,000\b", " ", undated(text))  # the unit of a rate, as answers write it
    return [number for number in numbers_in(text) if round(number, 6) not in held]


def undated(text: str) -> str:
    """A text without its periods, dates, years and section numbers ("5.2 No Wrong Door"): they
    say when or where, not how much."""
    text = _SECTION_NUMBER.sub(" ", text)
    for start, end, _ in sorted(period_spans(text), reverse=True):
        text = text[:start] + " " + text[end:]
    return re.sub(r"\b(?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|"
                  r"November|December) (?:19|20)\d{2}\b|\b(?:19|20)\d{2}(?:\s*[-–/]\s*\d{2}\b)?", " ", text)


def sentences_of(text: str) -> list[str]:
    """A passage's sentences (list items and table rows count as sentences, and so does a short
    line that states a figure: "Cost of new Education Inclusion Service £3.229m")."""
    parts = [" ".join(part.split()).strip(" -•*#") for part in _SENTENCE.split(text)]
    return [part for part in parts if len(part.split()) >= 8 or len(part.split()) >= 4
            and (part[-1:] in ".!?:" or states_a_quantity(part))]


def _is_title(sentence: str) -> bool:
    """A heading or running header ("Family and Children's Services Overview and Scrutiny 6 June
    2019"): capitalised words only, no figure but a date, no full stop. It names, it does not answer."""
    text = undated(sentence)
    named = re.findall(r"[A-Za-z][\w'’-]*", text)
    return (sentence[-1:] not in ".!?:" and not re.search(r"\d", text) and len(named) <= 20
            and all(word[0].isupper() or word.lower() in _TITLE_SMALL_WORDS for word in named))


def content_words(text: str) -> set[str]:
    """The stems that carry a question's meaning."""
    return set(tokenize(text)) - _GENERIC


def focus(question: str, text: str) -> str:
    """The part of a passage a cross-encoder should read: the passage itself, or when the sentence
    holding most of the question's words lies past the first ``FOCUS_WORDS`` words (beyond the
    model's token limit), the passage from the sentence before that one, or from the sentence
    that introduces the list it is an item of ("several key areas ...:") when that is near enough."""
    wanted, sentences = content_words(question), sentences_of(text)
    if not sentences:
        return text
    best = max(range(len(sentences)), key=lambda n: len(wanted & set(tokenize(sentences[n]))))
    if sum(len(sentence.split()) for sentence in sentences[:best + 1]) <= FOCUS_WORDS:
        return text
    start = max(0, best - 1)
    introduction = next((n for n in range(best - 1, -1, -1) if sentences[n].endswith(":")), None)
    if introduction is not None and sum(len(s.split()) for s in sentences[introduction:best + 1]) <= FOCUS_WORDS:
        start = introduction  # the best sentence is read with the list's introduction
    return " ".join(sentences[start:])


def question_parts(question: str) -> list[str]:
    """The questions a compound question asks ("When did the consultation run, and how many
    responses were received?" asks two); a plain question is its own one part."""
    parts = [part.strip() for part in _SECOND_QUESTION.split(question, maxsplit=1)]
    if len(parts) == 1:  # "How far is ... growing its Mockingbird model with the recovery funding - how many hub carers"
        parts = [part.strip() for part in _DASHED_QUESTION.split(question, maxsplit=1)]
        parts = parts if _ASKING.match(parts[0]) else [question]  # "MASH repeat contacts - what was ...": one question
    return parts if len(parts) == 2 and all(len(part.split()) >= 3 for part in parts) else [question]


def _judged(hits: list, wanted: set[str]) -> list:
    """The passages the cross-encoder reads: the first ``JUDGED_PASSAGES``, and the one further down
    holding the sentence that, under its heading, has most of the question's words (a rare name
    search ranked lower; the resolution under the item a question names)."""
    head, rest = hits[:JUDGED_PASSAGES], hits[JUDGED_PASSAGES:]
    if not rest or not wanted:
        return head
    def best_coverage(hit) -> float:
        heading = set(tokenize(hit.metadata.get("heading") or ""))
        return max((len(wanted & (heading | set(tokenize(sentence)))) for sentence in sentences_of(hit.text)), default=0)
    return head + [max(rest, key=best_coverage)]


def best_sentences(question: str, hits: list, limit: int = 3, decisions: bool = False, names: bool = False,
                   judge: Callable[[str, list[str]], list[float]] | None = None,
                   framed: Callable[[str, object], str] | None = None) -> list[Passage]:
    """The sentences of the retrieved passages that best answer a question, without repeats.
    ``judge`` (a cross-encoder's ``score``) rates each sentence of the passages ``_judged`` picks
    against the question, read as ``framed`` gives it (with its heading and what follows, say);
    without a judge, the share of the question's words a sentence holds rates it. Each question a
    compound question asks rates the sentences apart, and the best answers to each are kept. Headings are
    left out unless the question asks for ``names`` (who chairs: "Wendy Thomson, Managing Director")."""
    wanted = content_words(question)
    framed = framed or (lambda sentence, hit: sentence)
    candidates, read = [], []
    for rank, hit in enumerate(_judged(hits, wanted) if judge else hits):
        for sentence in sentences_of(hit.text):
            if not looks_like_instruction(sentence) and (names or not _is_title(sentence)):
                text = framed(sentence, hit)
                coverage = len(wanted & set(tokenize(text))) / max(1, len(wanted))
                candidates.append((sentence, hit, rank, coverage))
                read.append(text)
    if judge and candidates:  # each question asked rates each sentence, alone and in its frame
        asked = question_parts(question)
        sentences = [c[0] for c in candidates]
        relevance = [[max(pair) for pair in zip(judge(part, sentences), judge(part, read))] for part in asked]
    else:
        asked, relevance = [question], None
    table = []  # per question asked: each candidate's score
    for number_asked, part in enumerate(asked):
        scores, quantity = [], asks_quantity(part)
        for number, (sentence, hit, rank, coverage) in enumerate(candidates):
            if relevance is not None:  # cross-encoder logits: a few points separate good from poor
                on_topic = coverage >= 0.5
                score = relevance[number_asked][number] + 2 * coverage \
                    + (2.0 if decisions and on_topic and _DECISION_WORDS.search(sentence) else 0) \
                    + (2.0 if quantity and gives_the_quantity(part, read[number] if sentence.endswith(":") else sentence)
                       else 0)  # "First Time Entrant Analysis:" gives what follows it
            else:
                score = coverage + 0.3 / (rank + 1) + (0.5 if decisions and _DECISION_WORDS.search(sentence) else 0)
            scores.append(score - (0.2 if hit.metadata.get("kind") == "table" else 0))
        table.append(scores)
    best = [max(scores, default=0) for scores in table]
    scored = []
    for number, (sentence, hit, rank, coverage) in enumerate(candidates):
        # good enough for some question asked: near the best answer to it
        close = any(scores[number] >= (top - 3 if relevance is not None else 0.6 * top) for scores, top in zip(table, best))
        if close:
            rated = max(row[number] for row in relevance) if relevance is not None else None
            scored.append((max(scores[number] for scores in table), Passage(sentence, hit, coverage, rated)))
    scored.sort(key=lambda item: -item[0])
    chosen: list[Passage] = []
    for score, passage in scored:
        words = set(tokenize(passage.sentence))
        if any(len(words & set(tokenize(other.sentence))) / max(1, len(words | set(tokenize(other.sentence)))) > 0.5
               for other in chosen):
            continue
        chosen.append(passage)
        if len(chosen) == limit:
            break
    return chosen


def excerpt(text: str, sentence: str, more: str = "", words: int = 60, lead: int = 0) -> tuple[str, bool]:
    """A sentence with what follows it (the list a sentence introduces, the resolution after
    "the Committee considered"), verbatim, to the first sentence end after about ``words`` words,
    or ``words`` past the colon that introduces a list; with ``lead``, from the start of its
    paragraph when that is at most ``lead`` words before it;
    it reads on into ``more`` (the next chunk, which starts with a few lines of this one or right
    after it) when the passage ends first. Returns the quote and whether it used ``more``."""
    flat = " ".join(text.split())
    start = flat.find(sentence)
    if start < 0:
        return sentence, False
    body, own = flat[start:], len(flat) - start
    if more:
        body += " " + _after_overlap(flat.split(), more.split())
    tokens, count, limit = [], 0, words
    split = body.split(" ")
    for position, token in enumerate(split):
        if count >= limit + words or (count >= limit and (token in ("-", "•") or tokens[-1][-1:] in ".!?;:"
                                                      and not _LIST_NUMBER.match(tokens[-1]))):  # "4." starts an item
            break
        if looks_like_instruction(" ".join(tokens[-12:] + [token])) or tokens and _HEADING_MARK.match(token):
            break  # an instruction to the reader, or the next section's heading ("#### 4.7 Family Networking")
        tokens.append(token)
        count += 1
        introduces = token.endswith(":") or token.endswith(";") and split[position + 1:position + 2] in (["-"], ["•"])
        if introduces and count < limit:  # "change in six key areas:" - the list it introduces is read
            limit = count + words
    quote = " ".join(tokens).rstrip(" -•")
    opening = _paragraph_opening(text, sentence, lead) if lead else ""
    return (f"{opening} {quote}" if opening else quote), len(quote) > own


def _paragraph_opening(text: str, sentence: str, most: int) -> str:
    """The words of a sentence's paragraph before it, when there are at most ``most``: what "This is
    9%" or "we were successful in our bid" speaks of."""
    for paragraph in text.split("\n"):
        flat = " ".join(paragraph.split())
        at = flat.find(sentence)
        if at >= 0:
            opening = flat[:at].strip().lstrip("-• ").strip()
            fits = len(opening.split()) <= most and not looks_like_instruction(opening)
            return opening if fits else ""
    return ""


def _after_overlap(here: list[str], following: list[str], longest: int = 60) -> str:
    """The words of the next chunk past the lines it repeats from this one (it starts with them, or
    holds this one's last eight words); all of it when it starts where this one ends."""
    shared = next((k for k in range(min(longest, len(here), len(following)), 2, -1) if here[-k:] == following[:k]), 0)
    if not shared:
        tail = here[-8:]
        shared = next((n + len(tail) for n in range(len(following) - len(tail) + 1) if following[n:n + len(tail)] == tail), 0)
    return " ".join(following[shared:])


def asks_quantity(question: str) -> bool:
    """Whether a question asks how many or how much, or a benchmark's figure (so only a sentence
    with a number answers it)."""
    return bool(_QUANTITY.search(question) or BENCHMARK_ASKED.search(question) or _RATE_ASKED.search(question))


def counted(question: str) -> set[str]:
    """The stems of what a question counts ("how many families did ..." -> famili; "how many of the
    young people are girls" -> girl) or spends money
    on ("how much did Norfolk spend on free school meals" -> free, school, meal); not a period it
    names ("budget for 2018-19")."""
    match = _COUNTED_PART.search(question) or _COUNTED.search(question) or _SPENT_ON.search(question)
    stems = content_words(undated(match.group(1))) if match else set()
    return {name for stem in stems for name in (stem, _COUNTED_SYNONYMS.get(stem, stem))}


def answers_a_part(question: str, text: str) -> bool:
    """Whether a text can answer one of the questions a compound question asks: a part that asks
    no quantity, judgement or outcome, or one whose quantity, judgement or outcome it gives."""
    return any(gives_the_quantity(part, text) and gives_the_judgement(part, text) and gives_the_outcome(part, text)
               for part in question_parts(question))


def gives_the_outcome(question: str, text: str) -> bool:
    """Whether a text can answer a question asking what came of a proposal ("did Norfolk go ahead and close
    Winterton Primary School"): it reports something closed, decided, agreed or approved, not only proposed. A
    question asking how many or what share asks a figure, however it says it ("what % ... actually detail a plan")."""
    asked = _OUTCOME_ASKED.search(question) and not asks_quantity(question)
    return not asked or bool(_OUTCOME_STATED.search(text))


def gives_the_judgement(question: str, text: str) -> bool:
    """Whether a text can answer a question asking for an inspection's judgement or rating: it names
    a grade ("Requires Improvement", "good or outstanding"). A question asking how much is left to
    ``gives_the_quantity`` ("what % of schools were judged good"), one on a risk's rating is not asked."""
    asked = _JUDGEMENT_ASKED.search(question) and _INSPECTION.search(question) and not asks_quantity(question)
    return not asked or bool(_JUDGEMENT_STATED.search(text))


def gives_the_quantity(question: str, text: str) -> bool:
    """Whether a text can answer a how-many or how-much question: it states a number (money for a
    cost, a percentage for a percentage, a rate for a rate per 10,000, pay for a salary, a
    benchmark's after its name), and names what the question counts beside a count (a count of
    children centres does not answer how many families; a share is not a count), and all it says they
    were ("how many children were electively home educated")."""
    if not asks_quantity(question):
        return True
    if _MONEY_ASKED.search(question) and not _MONEY_STATED.search(text):
        return False
    if _PERCENTAGE_ASKED.search(question) and not _PERCENTAGE_STATED.search(text):
        return False
    if _SALARY.search(question) and not _SALARY.search(text):
        return False
    if _RATE_ASKED.search(question) and not _RATE_STATED.search(text):  # a count is not a rate per 10,000
        return False
    if BENCHMARK_ASKED.search(question):  # "what is the national average": a figure just after "national"
        words = undated(text).split()
        return any(numbers_in(word) and _BENCHMARK_STATED.search(" ".join(words[max(0, n - _BENCHMARK_NEAR):n]))
                   for n, word in enumerate(words))
    state = _COUNTED_STATE.search(question)
    if state and not content_words(state.group(1)) <= set(tokenize(text)):
        return False  # "53 designated children centres ... in their own homes" counts none electively home educated
    things = counted(question)
    words = _NOT_FIGURES.sub(" ", undated(text)).split()
    given = _qualifying_numbers(question)
    stated = {n for n, word in enumerate(words) if numbers_in(word) and not _qualifies(words, n, given)}
    if not things:
        return bool(stated)
    # the thing counted is named within a few words of a number, written in figures or words ("Four new Special
    # Schools"), other than one the question qualifies it by; a count, not a share ("7% of our children's population")
    return any((n in stated or _counts_in_words(word, words[n + 1:n + 2])) and "%" not in word
               and things & set(tokenize(" ".join(words[max(0, n - _NEAR):n + _NEAR + 1]))) for n, word in enumerate(words))


def _qualifying_numbers(question: str) -> set[tuple[str, str]]:
    """The numbers a question qualifies what it asks by, with the word beside them: ("3", "months")
    and ("for", "3") of "in pre-proceedings for 3 months or more", ("tier", "4") of "Tier 4 posts"."""
    words = [_bare(word) for word in undated(question).split()]
    pairs = set()
    for n, word in enumerate(words):
        if numbers_in(word):
            if n + 1 < len(words):
                pairs.add((word, words[n + 1]))
            if n > 0:
                pairs.add((words[n - 1], word))
    return pairs


def _qualifies(words: list[str], n: int, given: set[tuple[str, str]]) -> bool:
    """Whether a text's number at ``n`` is one the question qualifies by, printed beside the same word."""
    number = _bare(words[n])
    return (n + 1 < len(words) and (number, _bare(words[n + 1])) in given) or (n > 0 and (_bare(words[n - 1]), number) in given)


def _bare(word: str) -> str:
    return word.lower().strip(",.;:()?!'\"")


def _counts_in_words(word: str, following: list[str]) -> bool:
    """A count written in words ("Four new Special Schools"), not an age or a time ("under the age of ten years")."""
    return word.lower().strip(",.;:()") in NUMBER_WORDS and not (following and _TIME_UNIT.match(following[0]))


def states_a_quantity(text: str) -> bool:
    """Whether a text gives a number other than a date, a period, a section number or the base
    of a rate ("twice the number per 10,000")."""
    return bool(numbers_in(_NOT_FIGURES.sub(" ", undated(text))))
