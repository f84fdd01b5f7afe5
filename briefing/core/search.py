"""Full-text search over passages: every word of the query, anywhere, case-insensitive."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from briefing.core.model import Briefing

_FOLD = (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\u00a0", " "))
_GAP = "\x00"
"""Between passages in the searched corpus: no passage text or query term holds it."""


def fold_same_length(text: str) -> str:
    """Lower-case and plain punctuation, one character for one, so offsets stay valid."""
    # str.replace per character is C-speed; str.translate with a dict is ten times slower.
    if not text.isascii():
        for fancy, plain in _FOLD:
            if fancy in text:
                text = text.replace(fancy, plain)
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(frozen=True)
class Match:
    passage_id: str
    spans: tuple[tuple[int, int], ...]
    """Character ranges of the matched words in the passage text."""


_TERM = re.compile(r'"([^"]*)(?:"|$)|(\S+)')
"""A "quoted phrase" (an unclosed quote runs to the end of the query), or a word."""
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")


@dataclass(frozen=True)
class Query:
    """A parsed query: words must all occur; "quoted words" must occur together.

    A word is matched without the punctuation around it, as it may be written
    differently in the text: `(Lestova` finds "Lestova", `end.` finds "end". A word
    that is only punctuation (`(`, `%`, `[1]`'s brackets) is matched as typed,
    and so is a quoted phrase.
    """

    terms: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        folded = fold_same_length(text)
        if folded.strip() and not folded.strip('" '):
            return cls(('"',))  # quote marks alone: look for a quote mark, like any other sign
        terms: list[str] = []
        for phrase, word in _TERM.findall(folded):
            term = _bare(word) if word else phrase.strip()
            if term:
                terms.append(term)
        return cls(tuple(terms))

    def __bool__(self) -> bool:
        return bool(self.terms)


class SearchIndex:
    """All folded passage texts in one string: a search finds its longest word with str.find
    (C-speed, passage to passage) and checks the other words only where that one occurs."""

    def __init__(self, briefing: Briefing) -> None:
        self._ids = list(briefing.passages)
        texts = [fold_same_length(p.text).replace(_GAP, " ") for p in briefing.passages.values()]
        self._texts = texts
        self._starts: list[int] = []
        offset = 0
        for text in texts:
            self._starts.append(offset)
            offset += len(text) + len(_GAP)
        self._corpus = _GAP.join(texts)

    def search(self, query: str | Query, limit: int | None = None) -> list[Match]:
        parsed = query if isinstance(query, Query) else Query.parse(query)
        terms = tuple(t for t in (term.replace(_GAP, "") for term in parsed.terms) if t)
        if not terms:
            return []
        anchor = max(terms, key=len)
        results: list[Match] = []
        corpus, starts, texts = self._corpus, self._starts, self._texts
        position = corpus.find(anchor)
        while position != -1:
            i = bisect_right(starts, position) - 1
            text = texts[i]
            if all(term in text for term in terms):
                results.append(Match(self._ids[i], tuple(_spans(text, terms))))
                if limit is not None and len(results) >= limit:
                    break
            if i + 1 >= len(starts):
                break
            position = corpus.find(anchor, starts[i + 1])
        return results


def _bare(word: str) -> str:
    """A word without the punctuation at its edges, unless it is all punctuation."""
    return _EDGE_PUNCTUATION.sub("", word) or word


def _spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = []
    for term in terms:
        start = text.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = text.find(term, start + len(term))
    return sorted(spans)
