"""Content words: stems, adjacent pairs of them, and the near-synonym group each belongs to."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from briefing.core.linking.lexicon import (
    CONCEPT_GROUPS,
    CONCEPT_STOP,
    MONTHS,
    NUMBER_WORDS,
    STOPWORDS,
)
from briefing.core.linking.tokens import WORD, fold_word, stem

_BREAK = re.compile(r"[,;:()\"“”\[\]!?]|\s[-–—]\s")
_WORDS_AND_BREAKS = re.compile(rf"({WORD.pattern})|{_BREAK.pattern}")
"""A sentence's words, and '' for each break between them, in one scan: a break's
characters are never in a word, nor a word's in a break, so these are the words found
between the breaks."""
_SKIP = STOPWORDS | frozenset(MONTHS) | frozenset(NUMBER_WORDS)


def _concepts() -> dict[str, tuple[int, ...]]:
    table: dict[str, tuple[int, ...]] = {}
    # Groups headed by one word are one group: a word listed in both must not count twice.
    first_of: dict[str, int] = {}
    for number, group in enumerate(CONCEPT_GROUPS):
        number = first_of.setdefault(group.split()[0], number)
        for word in group.split():
            key = stem(word)
            if word not in CONCEPT_STOP and number not in table.get(key, ()):
                table[key] = (*table.get(key, ()), number)
    return table


CONCEPT_OF: dict[str, tuple[int, ...]] = _concepts()
"""Stem → the near-synonym groups it belongs to (a word may have several senses)."""

CONCEPT_NAMES: tuple[str, ...] = tuple(group.split()[0] for group in CONCEPT_GROUPS)
"""A readable word for each group ('weapon', 'meeting'), used in reasons."""


class Term(NamedTuple):
    """One content word of a sentence (a tuple: a passage holds hundreds, made by the million)."""

    stem: str
    word: str
    """The word as written, lower case, for reasons."""
    sentence: int


Run = tuple[int, list[str]]
"""(sentence, stems): neighbouring content words of a sentence between two punctuation marks."""


class Casing:
    """How a briefing writes each word, counted while its terms are read: for telling
    names from sentence starts.

    Every word is counted as written, and each sentence's first word apart; they are
    told apart by case once per word (`split`), not once per use.
    """

    def __init__(self) -> None:
        self.written: Counter[str] = Counter()
        self.openers: Counter[str] = Counter()

    def split(self) -> tuple[Counter[str], Counter[str]]:
        """(capitalised inside a sentence, lower case) counts of the words as written; fold
        them with `folded_counts`."""
        capitals: Counter[str] = Counter()
        lowers: Counter[str] = Counter()
        for word, count in self.written.items():
            if not word:
                continue  # a break between words (see `_WORDS_AND_BREAKS`)
            if word[0].islower():
                lowers[word] = count
            elif word[0].isupper():
                count -= self.openers.get(word, 0)  # a capital opening a sentence says nothing
                if count:
                    capitals[word] = count
        return capitals, lowers


TermMemo = dict[int, dict[str, tuple[Term, ...]]]
"""Sentence number → word → its Terms (none for a word that is not content)."""


def find_terms(
    text: str,
    spans: Sequence[tuple[int, int]],
    casing: Casing | None = None,
    memo: TermMemo | None = None,
) -> tuple[list[Term], list[Run]]:
    """Content words of each sentence, and the runs of neighbouring content words.

    Each two neighbours of a run make a pair ('fair deal', 'joint exercis'); runs do not
    cross punctuation, so two sources that share a phrase score above two that share its
    words apart. When `casing` is given, every word's casing is counted on the way, for
    telling names from sentence starts. `memo`, kept over a whole briefing, gives each
    word one set of Terms per sentence number: passages then share them rather than each
    holding its own copies.
    """
    terms: list[Term] = []
    runs: list[Run] = []
    memo = {} if memo is None else memo
    written: list[str] = []
    openers: list[str] = []
    for index, (start, end) in enumerate(spans):
        known = memo.get(index)
        if known is None:
            known = memo[index] = {}
        words = _WORDS_AND_BREAKS.findall(text, start, end)
        if casing is not None:
            written += words
            opener = next(filter(None, words), None)  # the first word, not a break
            if opener is not None:
                openers.append(opener)
        stems: list[str] = []
        for word in words:
            if not word:  # a break: a run of neighbours ends here
                if len(stems) > 1:
                    runs.append((index, stems))
                stems = []
                continue
            found = known.get(word)
            if found is None:
                found = known[word] = _terms_of(word, index)
            if found:
                terms += found
                stems.append(found[0][0])  # its stem (by index: a NamedTuple's name is slower)
        if len(stems) > 1:
            runs.append((index, stems))
    if casing is not None:
        casing.written.update(written)  # counted in C, a list at a time
        casing.openers.update(openers)
    return terms, runs


def folded_counts(written: Counter[str]) -> Counter[str]:
    """Counts of words as written, as counts of their folded forms (see `fold_word`)."""
    folded: Counter[str] = Counter()
    for word, count in written.items():
        folded[fold_word(word)] += count
    return folded


def _terms_of(word: str, sentence: int) -> tuple[Term, ...]:
    """The word's Term, then those of its hyphen parts; none for a word that is not content."""
    info = _word_info(word)
    if info is None:
        return ()
    folded, word_stem, parts = info
    return (
        Term(word_stem, folded, sentence),
        *(Term(part_stem, part, sentence) for part, part_stem in parts),
    )


@lru_cache(maxsize=131072)
def _word_info(word: str) -> tuple[str, str, tuple[tuple[str, str], ...]] | None:
    """(folded, stem, hyphen parts with their stems) of a content word; None for the rest."""
    folded = fold_word(word)
    if folded in _SKIP or len(folded) < 3 or folded[0].isdigit():
        return None
    parts: tuple[tuple[str, str], ...] = ()
    if "-" in folded:
        parts = tuple(
            (part, stem(part))
            for part in folded.split("-")
            if len(part) >= 3 and part not in _SKIP and not part[0].isdigit()
        )
    return folded, stem(folded), parts
