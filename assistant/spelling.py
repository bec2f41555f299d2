"""Misspelt words of a question put right against the words of the indexed papers ("independant"
-> "independent", "placments" -> "placements"), so search and the cross-encoder read what was meant.

A word is left alone when the papers hold it, or another form of it ("according": the papers say
"accordingly"; an inflected word whose stem they hold), when it is short, or when no word of the
papers with its first letter and at least ``MIN_LETTERS`` letters is close enough (``CUTOFF``,
difflib's ratio). "independant" keeps the stem of "independent" but is no inflection of it, so it
is put right; "Frome" is not made "from".
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from .search import tokenize

CUTOFF = 0.85
MIN_LETTERS = 5
_WORD = re.compile(r"[A-Za-z]+")
_INFLECTED = re.compile(r"(?:s|ed|ing|ly|ers?)$")


class Spelling:
    """The papers' words, and the question's words put right by them."""

    def __init__(self, texts: Iterable[str]):
        counts = Counter(word for text in texts for word in _WORD.findall(text.lower()))
        self.words = set(counts)
        self.stems = set(tokenize(" ".join(counts)))
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for word, _ in counts.most_common():
            self._by_initial[word[0]].append(word)

    def correct(self, text: str) -> str:
        """The text with each word the papers do not know replaced by the closest word they do."""
        return _WORD.sub(lambda match: self._word(match.group()), text)

    def _word(self, word: str) -> str:
        lower = word.lower()
        if len(lower) < MIN_LETTERS or lower in self.words or _INFLECTED.search(lower) and set(tokenize(lower)) <= self.stems:
            return word
        candidates = [known for known in self._by_initial.get(lower[0], []) if len(known) >= MIN_LETTERS]
        close = difflib.get_close_matches(lower, candidates, n=1, cutoff=CUTOFF)
        if not close:  # nor is a name made a short word ("Frome" is no misspelt "from")
            return word
        return close[0].capitalize() if word[0].isupper() else close[0]
