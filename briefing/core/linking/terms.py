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


def find_terms(
    text: str,
    spans: Sequence[tuple[int, int]],
    casing: tuple[Counter[str], Counter[str]] | None = None,
) -> tuple[list[Term], list[tuple[str, str, int]]]:
    """Content words of each sentence, and the pairs of neighbouring content words.

    Pairs ('fair deal', 'joint exercis') do not cross punctuation, so two
    sources that share a phrase score above two that share its words apart.
    When `casing` (capitalised-inside-a-sentence, lower-case counters) is given,
    every word's casing is counted on the way, for telling names from sentence starts.
    """
    terms: list[Term] = []
    pairs: list[tuple[str, str, int]] = []
    for index, (start, end) in enumerate(spans):
        first = True
        for chunk in _BREAK.split(text[start:end]):
            previous: str | None = None
            for word in WORD.findall(chunk):
                if casing is not None:
                    if word[0].islower():
                        casing[1][fold_word(word)] += 1
                    elif not first and word[0].isupper():
                        casing[0][fold_word(word)] += 1
                first = False
                info = _word_info(word)
                if info is None:
                    continue
                folded, word_stem, parts = info
                terms.append(Term(word_stem, folded, index))
                for part, part_stem in parts:
                    terms.append(Term(part_stem, part, index))
                if previous is not None:
                    pairs.append((previous, word_stem, index))
                previous = word_stem
    return terms, pairs


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
