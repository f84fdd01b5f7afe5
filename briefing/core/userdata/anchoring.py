"""Anchor a note to a passage by its words, and find those words again after the article changes.

A paragraph number is no anchor: insert one paragraph above and every note moves to
the wrong text. An `Anchor` keeps what identifies the passage itself, after the W3C
Web Annotation TextQuoteSelector: the document id, an exact quote (the passage's
first words, lengthened until they are unique in the document), the whole passage
text, the edges of its neighbours (prefix/suffix), and the passage id it last had.

`Resolver.resolve` finds the passage again in a loaded, possibly edited, briefing:

1. the document is gone → **orphan**;
2. the quote is in exactly one passage of the document → **exact**;
3. otherwise the passage most like the anchored text (word-level difflib ratio of at
   least `MATCH_THRESHOLD`; neighbours and the old id break near-ties) →
   **re-anchored**;
4. nothing close enough → **orphan**.

Resolving never changes what is stored, so a note is never dropped: an orphan keeps
its anchor and shows up again should its text come back.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from briefing.core.model import Briefing, Passage
from briefing.core.text import fold_for_match

Status = Literal["exact", "re-anchored", "orphan"]

QUOTE_WORDS = 12
"""Words in a quote at first; more are added while the quote is not unique."""
CONTEXT_CHARS = 64
"""How much of each neighbour's edge is kept as prefix/suffix."""
MAX_TEXT_CHARS = 4000
"""Passage text kept for fuzzy matching; a paragraph is rarely over 1,500."""
MATCH_THRESHOLD = 0.6
"""Word-level similarity a changed passage needs to keep its notes. Editing a few words
scores about 0.9, adding a sentence about 0.8; two unrelated paragraphs of one article
score below 0.3."""
SHORTLIST = 8
"""Passages compared in full after a cheap word-overlap ranking, to bound the work."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Anchor:
    """What identifies a passage independently of its position."""

    doc: str
    quote: str
    """Folded exact words from the passage, unique in its document when anchored."""
    text: str
    """The passage's text as written when anchored (capped at MAX_TEXT_CHARS): shown for
    an orphan as it was, folded only to compare (older anchors hold it folded already)."""
    prefix: str = ""
    """The end of the passage before it in the document ("" for the first)."""
    suffix: str = ""
    """The start of the passage after it ("" for the last)."""
    hint: str = ""
    """The passage id it had when anchored: the tie-breaker, never the key."""


@dataclass(frozen=True)
class Resolution:
    """Where an anchor lands in a briefing, and how sure that is."""

    status: Status
    passage: str | None
    score: float = 0.0
    """1.0 for exact; the text similarity for re-anchored; the best seen for orphans."""
    reason: str = ""
    """Why an orphan is one, in words the reader can show."""


@dataclass(frozen=True)
class _Candidate:
    id: str
    folded: str
    words: tuple[str, ...]
    head: str
    tail: str


class Resolver:
    """Makes and resolves anchors against one loaded briefing (folded texts computed once)."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self._docs: dict[str, list[_Candidate]] = {}
        """Folded texts by document, made when a note first needs that document: every
        passage's words up front held 85 MB at 500 documents, for a reader with no notes."""
        self._anchors: dict[str, Anchor] = {}
        self._resolved: dict[Anchor, Resolution] = {}

    def _candidates(self, doc_id: str) -> list[_Candidate] | None:
        """The passages of a document, folded for matching; None when there is no such document."""
        candidates = self._docs.get(doc_id)
        if candidates is None:
            try:
                document = self.briefing.document(doc_id)
            except KeyError:
                return None
            candidates = self._docs[doc_id] = [_candidate(p) for p in document.passages]
        return candidates

    # -- anchoring --------------------------------------------------------

    def anchor(self, passage_id: str) -> Anchor:
        """The anchor of a passage of this briefing; ValueError for an unknown id."""
        if passage_id in self._anchors:
            return self._anchors[passage_id]
        passage = self.briefing.passages.get(passage_id)
        if passage is None:
            raise ValueError(f"no passage '{passage_id}' in this briefing")
        candidates = self._candidates(passage.doc)
        assert candidates is not None  # the passage's own document
        position = next(i for i, c in enumerate(candidates) if c.id == passage_id)
        this = candidates[position]
        anchor = Anchor(
            doc=passage.doc,
            quote=self._unique_quote(this, candidates),
            text=passage.text[:MAX_TEXT_CHARS],
            prefix=candidates[position - 1].tail if position > 0 else "",
            suffix=candidates[position + 1].head if position + 1 < len(candidates) else "",
            hint=passage_id,
        )
        self._anchors[passage_id] = anchor
        return anchor

    def quote(self, passage_id: str) -> str:
        return self.anchor(passage_id).quote

    @staticmethod
    def _unique_quote(this: _Candidate, candidates: list[_Candidate]) -> str:
        words = this.folded.split(" ")
        sizes = [*range(min(QUOTE_WORDS, len(words)), len(words), 4), len(words)]
        for size in sizes:
            quote = " ".join(words[:size])
            if sum(quote in c.folded for c in candidates) == 1:
                return quote
        # The same text twice in one document: no quote is unique, so the context and
        # the old id decide when resolving.
        return this.folded

    # -- resolving --------------------------------------------------------

    def resolve(self, anchor: Anchor) -> Resolution:
        cached = self._resolved.get(anchor)
        if cached is None:
            cached = self._resolved[anchor] = self._resolve(anchor)
        return cached

    def _resolve(self, anchor: Anchor) -> Resolution:
        candidates = self._candidates(anchor.doc)
        if candidates is None:
            return Resolution("orphan", None, 0.0, f"the source '{anchor.doc}' was removed")
        hits = [i for i, c in enumerate(candidates) if anchor.quote in c.folded]
        if len(hits) == 1:
            return Resolution("exact", candidates[hits[0]].id, 1.0)
        if hits:
            # The quote now occurs several times: the one most like the old passage.
            best = max(hits, key=lambda i: self._rank(anchor, candidates, i)[0])
            return Resolution("re-anchored", candidates[best].id, self._similarity(anchor, best))
        return self._fuzzy(anchor, candidates)

    def _fuzzy(self, anchor: Anchor, candidates: list[_Candidate]) -> Resolution:
        wanted = set(_folded_words(anchor.text))
        overlaps = []
        for i, candidate in enumerate(candidates):
            have = set(candidate.words)
            union = len(wanted | have)
            overlaps.append((-(len(wanted & have) / union if union else 0.0), i))
        best: tuple[float, int, float] | None = None
        seen = 0.0
        for _, i in sorted(overlaps)[:SHORTLIST]:
            rank, similarity = self._rank(anchor, candidates, i)
            seen = max(seen, similarity)
            if similarity >= MATCH_THRESHOLD and (best is None or rank > best[0]):
                best = (rank, i, similarity)
        if best is None:
            return Resolution(
                "orphan", None, seen, f"the passage is no longer in the source '{anchor.doc}'"
            )
        return Resolution("re-anchored", candidates[best[1]].id, best[2])

    def _similarity(self, anchor: Anchor, candidate: _Candidate | int) -> float:
        if isinstance(candidate, int):
            candidate = self._docs[anchor.doc][candidate]  # made by _resolve
        matcher = difflib.SequenceMatcher(None, _folded_words(anchor.text), candidate.words, False)
        return matcher.ratio()

    def _rank(self, anchor: Anchor, candidates: list[_Candidate], i: int) -> tuple[float, float]:
        """(rank, similarity): the text decides; neighbours and the old id break near-ties."""
        similarity = self._similarity(anchor, candidates[i])
        before = candidates[i - 1].tail if i > 0 else ""
        after = candidates[i + 1].head if i + 1 < len(candidates) else ""
        context = (_edge_match(anchor.prefix, before) + _edge_match(anchor.suffix, after)) / 2
        hint = 1.0 if candidates[i].id == anchor.hint else 0.0
        return similarity + 0.1 * context + 0.01 * hint, similarity


def _candidate(passage: Passage) -> _Candidate:
    folded = fold_for_match(passage.text)
    return _Candidate(
        passage.id,
        folded,
        _words(folded[:MAX_TEXT_CHARS]),
        folded[:CONTEXT_CHARS],
        folded[-CONTEXT_CHARS:],
    )


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


def _folded_words(text: str) -> tuple[str, ...]:
    return _words(fold_for_match(text))


def _edge_match(old: str, new: str) -> float:
    if not old or not new:
        return 1.0 if old == new else 0.0
    return difflib.SequenceMatcher(None, old, new, False).ratio()
