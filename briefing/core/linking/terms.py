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
    """One content word (a tuple: made once per word and briefing, used by the million)."""

    stem: str
    word: str
    """The word as written, lower case, for reasons."""


class SentenceWords:
    """The content words of one sentence, read once however often a briefing repeats it.

    Wire copy repeats whole sentences from one source to the next: each distinct
    sentence of a briefing is read once, and its repeats share what was read.
    """

    __slots__ = ("features", "looked", "runs", "terms")

    def __init__(self, terms: tuple[Term, ...], runs: tuple[tuple[str, ...], ...]) -> None:
        self.terms = terms
        self.runs = runs
        """Neighbouring content words between two punctuation marks, as stems: each two
        neighbours make a pair."""
        looked = {term.word for term in terms}
        looked.update(part for term in terms if "-" in term.word for part in term.word.split("-"))
        looked.update(word_stem for run in runs for word_stem in run)
        self.looked = tuple(looked)
        """Every word, hyphen part and run stem, once: those a name of the passage can take
        over (a tuple: a set of them for each distinct sentence weighs five times as much)."""
        self.features: dict[frozenset[str], dict[str, float]] = {}
        """Its feature bag by the words of `looked` that are part of a name in the passage,
        filled by the analysis (see analysis._features)."""


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


class TermMemo:
    """What reading a briefing's words keeps from one passage to the next: each distinct
    sentence read, and each word's Terms (made once, shared by every sentence)."""

    def __init__(self) -> None:
        self.sentences: dict[str, tuple[SentenceWords, list[str]]] = {}
        """Each sentence read, with its words as written and '' for each break between
        them (for `Casing`)."""
        self.words: dict[str, tuple[Term, ...]] = {}


def find_terms(
    text: str,
    spans: Sequence[tuple[int, int]],
    casing: Casing | None = None,
    memo: TermMemo | None = None,
) -> list[SentenceWords]:
    """Content words of each sentence, and the runs of neighbouring content words.

    Each two neighbours of a run make a pair ('fair deal', 'joint exercis'); runs do not
    cross punctuation, so two sources that share a phrase score above two that share its
    words apart. When `casing` is given, every word's casing is counted on the way, for
    telling names from sentence starts. `memo`, kept over a whole briefing, reads each
    distinct sentence once: passages then share what was read rather than each holding
    its own copies.
    """
    memo = TermMemo() if memo is None else memo
    known = memo.sentences
    found: list[SentenceWords] = []
    written: list[str] = []
    openers: list[str] = []
    for start, end in spans:
        sentence = text[start:end]
        read = known.get(sentence)
        if read is None:
            read = known[sentence] = _read_sentence(sentence, memo.words)
        words, as_written = read
        found.append(words)
        if casing is not None:
            written += as_written
            opener = next(filter(None, as_written), None)  # the first word, not a break
            if opener is not None:
                openers.append(opener)
    if casing is not None:
        casing.written.update(written)  # counted in C, a list at a time
        casing.openers.update(openers)
    return found


def _read_sentence(
    sentence: str, known: dict[str, tuple[Term, ...]]
) -> tuple[SentenceWords, list[str]]:
    terms: list[Term] = []
    runs: list[tuple[str, ...]] = []
    # Searched as a string of its own: the same words as a search of the passage between
    # the sentence's ends, as the pattern never looks behind or past what it matches.
    written = _WORDS_AND_BREAKS.findall(sentence)
    stems: list[str] = []
    for word in written:
        if not word:  # a break: a run of neighbours ends here
            if len(stems) > 1:
                runs.append(tuple(stems))
            stems = []
            continue
        found = known.get(word)
        if found is None:
            found = known[word] = _terms_of(word)
        if found:
            terms += found
            stems.append(found[0][0])  # its stem (by index: a NamedTuple's name is slower)
    if len(stems) > 1:
        runs.append(tuple(stems))
    return SentenceWords(tuple(terms), tuple(runs)), written


def folded_counts(written: Counter[str]) -> Counter[str]:
    """Counts of words as written, as counts of their folded forms (see `fold_word`)."""
    folded: Counter[str] = Counter()
    for word, count in written.items():
        folded[fold_word(word)] += count
    return folded


def _terms_of(word: str) -> tuple[Term, ...]:
    """The word's Term, then those of its hyphen parts; none for a word that is not content."""
    info = _word_info(word)
    if info is None:
        return ()
    folded, word_stem, parts = info
    return (
        Term(word_stem, folded),
        *(Term(part_stem, part) for part, part_stem in parts),
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
