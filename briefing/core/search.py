"""Full-text search over passages: every word of the query, anywhere, case-insensitive."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.core.model import Briefing

_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def fold_same_length(text: str) -> str:
    """Lower-case and plain punctuation, one character for one, so offsets stay valid."""
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


@dataclass(frozen=True)
class Match:
    passage_id: str
    spans: tuple[tuple[int, int], ...]
    """Character ranges of the matched words in the passage text."""


@dataclass(frozen=True)
class Query:
    """A parsed query: words must all occur; "quoted words" must occur together."""

    terms: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        terms = [a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', fold_same_length(text))]
        return cls(tuple(t.strip() for t in terms if t.strip()))

    def __bool__(self) -> bool:
        return bool(self.terms)


class SearchIndex:
    """Folded passage texts kept ready; a search is a scan, fast enough for 15,000 passages."""

    def __init__(self, briefing: Briefing) -> None:
        self._texts = [(pid, fold_same_length(p.text)) for pid, p in briefing.passages.items()]

    def search(self, query: str | Query, limit: int | None = None) -> list[Match]:
        parsed = query if isinstance(query, Query) else Query.parse(query)
        if not parsed:
            return []
        results: list[Match] = []
        for pid, text in self._texts:
            if all(term in text for term in parsed.terms):
                results.append(Match(pid, tuple(_spans(text, parsed.terms))))
                if limit is not None and len(results) >= limit:
                    break
        return results


def _spans(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = []
    for term in terms:
        start = text.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = text.find(term, start + len(term))
    return sorted(spans)
