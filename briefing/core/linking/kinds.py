"""The kind of an automatic link: disagreement, same figure, same event, background, agreement, related."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from briefing.core.linking.analysis import (
    WEIGHTS,
    Analysis,
    PassageFacts,
    month_days,
    unshared_months,
)
from briefing.core.linking.dates import parse_document_date
from briefing.core.linking.disagreements import Comparison
from briefing.core.linking.lexicon import MONTHS, STOPWORDS, WEEKDAYS
from briefing.core.linking.tokens import WORD, fold_word, stem
from briefing.core.model import Briefing

BACKGROUND_GAP = 5
"""Years by which everything a passage dates must precede the other's time to be its background."""
PHRASE_WORDS = 2
"""Content words (names aside) in a run two sentences share, to say one thing in the same words."""
PHRASE_TOKENS = 5
"""Words in that run, small ones included: a three-word term ('joint military exercises') is
a shared topic, not yet a shared sentence."""
AGREEMENT_SENTENCE = 0.2
"""Cosine of the best pair of sentences above which two passages make one claim."""
AGREEMENT_ITEMS = 3
"""Telling word pairs or rare words (names aside) a pair of sentences must share for that."""
CLAIM_SHARE = 0.15
"""Such a pair or word is in at most this share of the passages (and always in just two)."""

TELLING_SHARE = 0.4
"""Two passages of one event share two names in at most this share of the passages (the
share `Analysis.telling` takes by default)."""
DATED_NAME_SHARE = 0.6
"""A name beside the shared day may be a common one (the briefing's main actor), not a ubiquitous one."""

_NOT_CONTENT = STOPWORDS | frozenset(MONTHS) | frozenset(WEEKDAYS)
_CLAUSE_START = re.compile(r"[,;:()\"“”.!?]")
_SINCE = re.compile(r"\b(?:since|until now|ever since|for the first time since)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Kind:
    kind: str
    reversed: bool = False
    """For background: the second passage is the one that needs the first as its background."""
    phrase: str = ""
    """Words two sentences share in a row ('a fair deal for every family in the city')."""


def document_times(briefing: Briefing, analysis: Analysis) -> dict[str, int]:
    """Each document's present: its own date's year, else the latest year its passages give."""
    times: dict[str, int] = {}
    for document in briefing.documents:
        date = parse_document_date(document.date)
        if date:
            times[document.id] = date.year
            continue
        years = [
            y
            for p in document.passages
            if p.id in analysis.passages
            for y in _years(analysis.passages[p.id])[1]
        ]
        if years:
            times[document.id] = max(years)
    return times


def link_kind(
    analysis: Analysis,
    a: str,
    b: str,
    comparisons: list[Comparison],
    now: dict[str, int],
) -> Kind:
    """Differing figures or dates first, then equal ones, one event, background, one claim."""
    kinds = {c.kind for c in comparisons}
    if kinds & {"figure-differs", "date-differs"}:
        return Kind("disagreement")
    if "same-figure" in kinds:
        return Kind("same-figure")
    if "same-date" in kinds or shared_day_and_names(analysis, a, b):
        return Kind("same-event")
    fa, fb = analysis.passages[a], analysis.passages[b]
    if _is_background(fb, fa, now):
        return Kind("background")
    if _is_background(fa, fb, now):
        return Kind("background", reversed=True)
    phrase = shared_phrase(analysis, fa, fb)
    if phrase or _one_claim(analysis, fa, fb):
        return Kind("agreement", phrase=phrase)
    return Kind("related")


def shared_day_and_names(analysis: Analysis, a: str, b: str) -> bool:
    """One day in a sentence of each, sharing a name (or one month, sharing two names); two
    not-ubiquitous names in common.

    The second name may sit in another sentence than the day ('On 13 May the mayor
    arrived. At the Town Hall she met Lee Dal Su'): a passage tells one event at a time.
    """
    fa, fb = analysis.passages[a], analysis.passages[b]
    days_a, days_b = _day_keys(fa), _day_keys(fb)
    # The cheapest tests first: most pairs lack a day on one side, or two names in common.
    if not any(days_a) or not any(days_b):
        return False
    if len(_telling_names(analysis, fa) & _telling_names(analysis, fb)) < 2:
        return False
    # '23 March' and '29 March' share the month's key, but not a date.
    apart = set(unshared_months(month_days(fa), month_days(fb)))
    names_b = _dated_names(analysis, fb)
    for days, names in zip(days_a, _dated_names(analysis, fa), strict=True):
        if not days:
            continue
        for other_days, other_names in zip(days_b, names_b, strict=True):
            if not other_days:
                continue
            when = (days & other_days) - apart
            if not when:
                continue
            # A month is a wider net than a day: it needs two names beside it, not one.
            if len(names & other_names) >= (1 if any(k[0] in "Dd" for k in when) else 2):
                return True
    return False


def _telling_names(analysis: Analysis, fact: PassageFacts) -> set[str]:
    """The passage's names that are not in most passages, worked out once."""
    found = fact.derived.get("telling names")
    if found is None:
        # analysis.telling(k), its limit worked out once for all the passage's names.
        limit, df = max(2, TELLING_SHARE * len(analysis.passages)), analysis.df
        found = fact.derived["telling names"] = {
            k for k in fact.features if k.startswith("e:") and df.get(k, 0) <= limit
        }
    return found  # type: ignore[return-value]


def _dated_names(analysis: Analysis, fact: PassageFacts) -> list[set[str]]:
    """Each sentence's names that may stand beside a shared day (DATED_NAME_SHARE), worked
    out once."""
    found = fact.derived.get("dated names")
    if found is None:
        # analysis.telling(k, DATED_NAME_SHARE), its limit worked out once.
        limit, df = max(2, DATED_NAME_SHARE * len(analysis.passages)), analysis.df
        found = fact.derived["dated names"] = [
            {k for k in bag if k.startswith("e:") and df.get(k, 0) <= limit}
            for bag in fact.sentence_features
        ]
    return found  # type: ignore[return-value]


def _day_keys(fact: PassageFacts) -> list[set[str]]:
    """Each sentence's day and month features, worked out once."""
    found = fact.derived.get("day keys")
    if found is None:
        found = fact.derived["day keys"] = [
            {k for k in bag if k[0] in "DdM"} for bag in fact.sentence_features
        ]
    return found  # type: ignore[return-value]


def _pair_keys(fact: PassageFacts) -> list[set[str]]:
    """Each sentence's word-pair features, worked out once."""
    found = fact.derived.get("pair keys")
    if found is None:
        found = fact.derived["pair keys"] = [
            {k for k in bag if k[0] == "b"} for bag in fact.sentence_features
        ]
    return found  # type: ignore[return-value]


def _name_words(fact: PassageFacts) -> set[str]:
    """The words of the passage's names, worked out once."""
    found = fact.derived.get("name words")
    if found is None:
        found = fact.derived["name words"] = {w for m in fact.mentions for w in m.key.split()}
    return found  # type: ignore[return-value]


def _sentence_norms(analysis: Analysis, fact: PassageFacts) -> list[float]:
    """Each sentence's norm of IDF-weighted features, worked out once."""
    found = fact.derived.get("sentence norms")
    if found is None:
        idf = analysis.idf
        found = fact.derived["sentence norms"] = [
            sum((w * idf[k]) ** 2 for k, w in bag.items()) ** 0.5 for bag in fact.sentence_features
        ]
    return found  # type: ignore[return-value]


def _years(fact: PassageFacts) -> tuple[bool, list[int]]:
    """Whether the passage speaks of a time reaching the present ('since 1953'), and the last
    year of each of its other dates; worked out once per passage, as a passage has many links."""
    found = fact.derived.get("years")
    if found is None:
        found = fact.derived["years"] = _find_years(fact)
    return found  # type: ignore[return-value]


def _find_years(fact: PassageFacts) -> tuple[bool, list[int]]:
    present = False
    years: list[int] = []
    for date in fact.dates:
        if date.year is None:
            continue
        clause = _CLAUSE_START.split(fact.text[max(0, date.start - 60) : date.start])[-1]
        if _SINCE.search(clause):
            present = True
            continue
        years.append(date.year_end or date.year)
    return present, years


def _is_background(old: PassageFacts, new: PassageFacts, now: dict[str, int]) -> bool:
    """Whether `old` tells only of a past well before the time `new` speaks of, and well
    before its own document's present (a plan for 2030 is no background to 2024)."""
    present, old_years = _years(old)
    if present or not old_years:
        return False
    latest = max(old_years)
    if old.doc in now and latest > now[old.doc] - BACKGROUND_GAP:
        return False
    new_present, new_years = _years(new)
    new_time = now.get(new.doc) if new_present or not new_years else max(new_years)
    if new_time is None:
        return False
    return latest <= new_time - BACKGROUND_GAP


def _one_claim(analysis: Analysis, fa: PassageFacts, fb: PassageFacts) -> bool:
    """A sentence of each alike enough, with enough telling items in common, to make one claim."""
    claims_a, every_a = _claim_keys(analysis, fa)
    claims_b, every_b = _claim_keys(analysis, fb)
    # A pair of sentences shares at most the items the passages share: most pairs of
    # passages share too few for a claim, and no sentence of theirs is compared.
    if len(every_a & every_b) < AGREEMENT_ITEMS:
        return False
    for i, keys_a in enumerate(claims_a):
        if len(keys_a) < AGREEMENT_ITEMS:
            continue
        for j, keys_b in enumerate(claims_b):
            shared = keys_a & keys_b
            if len(shared) < AGREEMENT_ITEMS or _claim_items(shared) < AGREEMENT_ITEMS:
                continue
            if _alike(analysis, fa, i, fb, j):
                return True
    return False


def _alike(analysis: Analysis, fa: PassageFacts, i: int, fb: PassageFacts, j: int) -> bool:
    """Whether sentence `i` of `fa` and `j` of `fb` are alike enough (AGREEMENT_SENTENCE)."""
    norm_a, norm_b = _sentence_norms(analysis, fa)[i], _sentence_norms(analysis, fb)[j]
    if not norm_a or not norm_b:
        return False
    bag_a, bag_b = fa.sentence_features[i], fb.sentence_features[j]
    idf = analysis.idf
    dot = sum(bag_a[k] * bag_b[k] * idf[k] ** 2 for k in bag_a.keys() & bag_b.keys())
    return dot / (norm_a * norm_b) >= AGREEMENT_SENTENCE


ClaimKeys = tuple[list[set[str]], set[str]]
"""Each sentence's keys a claim can be made of (see `_claim_keys`), and all of them."""


def _claim_keys(analysis: Analysis, fact: PassageFacts) -> ClaimKeys:
    """Each sentence's telling word pairs, and telling words weighing more than a word of a
    name: the keys `_claim_items` counts, picked once per passage rather than per pair of
    sentences (a word must weigh that much on both sides)."""
    found = fact.derived.get("claim keys")
    if found is None:
        df = analysis.df
        # analysis.telling(key, CLAIM_SHARE), its limit worked out once.
        limit = max(2, CLAIM_SHARE * len(analysis.passages))
        least = WEIGHTS["t"] * WEIGHTS["n"]
        sentences = [
            {
                k
                for k, weight in bag.items()
                if (k[0] == "b" or (k[0] == "t" and weight > least)) and df.get(k, 0) <= limit
            }
            for bag in fact.sentence_features
        ]
        found = fact.derived["claim keys"] = (sentences, set().union(*sentences))
    return found  # type: ignore[return-value]


def _claim_items(shared: set[str]) -> int:
    """How many telling words and word pairs two sentences share (`shared`: the
    `_claim_keys` of both), beyond names: what a claim says.

    A word of a shared pair ('bus' of 'bus fare') is that pair again, and names are who
    the claim is about, not what it says.
    """
    pairs = [k for k in shared if k[0] == "b"]
    in_pairs = {w for k in pairs for w in k[2:].split()}
    return len(pairs) + sum(1 for k in shared if k[0] == "t" and k[2:] not in in_pairs)


def shared_phrase(analysis: Analysis, fa: PassageFacts, fb: PassageFacts) -> str:
    """The longest run of words two sentences share, if it holds PHRASE_WORDS content words
    that are not all one name ('a fair deal for every family in the city')."""
    best: tuple[int, str] = (0, "")
    names: set[str] | None = None
    pairs_b = _pair_keys(fb)
    # Such a run holds two neighbouring content words, a word-pair feature: only sentences
    # sharing one are compared word by word.
    for i, pairs_a in enumerate(_pair_keys(fa)):
        if not pairs_a or i >= len(fa.sentences):
            continue
        for j, other in enumerate(pairs_b):
            if j >= len(fb.sentences) or pairs_a.isdisjoint(other):
                continue
            if names is None:
                names = _name_words(fa) | _name_words(fb)
            found = _longest_common_run(_words(fa, i), _words(fb, j), names)
            if found[0] > best[0]:
                best = found
    content, phrase = best
    return phrase if content >= PHRASE_WORDS and len(phrase.split()) >= PHRASE_TOKENS else ""


Token = tuple[str, str, str, bool]
"""(stem, word as written, folded word, whether a content word)."""


@dataclass(frozen=True, slots=True)
class _Words:
    """One sentence's words, read once per passage and kept with it (see `_words`)."""

    tokens: list[Token]
    stems: list[str]
    where: dict[str, list[int]]
    """Each stem with its positions in `stems`."""
    content: list[int]
    """The positions of content words, in order."""


@dataclass(frozen=True, slots=True)
class PassageWords:
    """Every word of a passage, read once and kept with it while its links are described:
    the shared phrases (here) and the word pairs of reasons (linker.py) read the same words."""

    tokens: list[Token]
    stems: list[str]
    starts: array[int]
    """Where each word starts in the passage's text (it ends its length further on)."""


def passage_words(fact: PassageFacts) -> PassageWords:
    """The passage's words (see `PassageWords`), kept with it."""
    found = fact.derived.get("passage words")
    if found is None:
        matches = list(WORD.finditer(fact.text))
        tokens = list(map(_token, map(itemgetter(0), matches)))
        found = fact.derived["passage words"] = PassageWords(
            tokens,
            list(map(itemgetter(0), tokens)),
            array("i", map(re.Match.start, matches)),
        )
    return found  # type: ignore[return-value]


def _words(fact: PassageFacts, sentence: int) -> _Words:
    """The words of one sentence, kept with the passage: it is compared with many."""
    cache = fact.derived.setdefault("words", {})
    assert isinstance(cache, dict)
    found = cache.get(sentence)
    if found is None:
        # A sentence's words are the passage's words that start in it: no word spans two
        # sentences, as a sentence ends at a space or a line break.
        words = passage_words(fact)
        start, end = fact.sentences[sentence]
        first = bisect_left(words.starts, start)
        last = bisect_left(words.starts, end, first)
        stems = words.stems[first:last]
        where: dict[str, list[int]] = {}
        for j, word_stem in enumerate(stems):
            if word_stem in where:
                where[word_stem].append(j)
            else:
                where[word_stem] = [j]
        tokens = words.tokens[first:last]
        content = [k for k, token in enumerate(tokens) if token[3]]
        found = cache[sentence] = _Words(tokens, stems, where, content)
    return found  # type: ignore[no-any-return]


@lru_cache(maxsize=131072)
def _token(word: str) -> Token:
    """One word read once per spelling: a briefing's words repeat far more than they vary."""
    folded = fold_word(word)
    content = len(word) > 2 and not word[0].isdigit() and folded not in _NOT_CONTENT
    return (stem(word), word, folded, content)


def _longest_common_run(a: _Words, b: _Words, names: set[str]) -> tuple[int, str]:
    """(telling words, text) of the common run of stems holding the most telling words:
    content words outside names (a name repeated, 'Mayor Ana Lestova', is no claim).
    Of equal runs, the one that reaches that many first, word by word of `a`, then of `b`.

    Each maximal run (one diagonal of matching stems) is measured once from its start, rather
    than carrying a table of run lengths from word to word: most stems match nowhere or once.
    """
    tokens, stems_a, stems_b, content = a.tokens, a.stems, b.stems, a.content
    end_a, end_b = len(stems_a), len(stems_b)
    best = best_i = best_j = best_start = 0
    for i, word_stem in enumerate(stems_a):
        matches = b.where.get(word_stem)
        if matches is None:
            continue
        for j in matches:
            if i and j and stems_a[i - 1] == stems_b[j - 1]:
                continue  # inside a run already measured from its start
            x, y = i + 1, j + 1
            while x < end_a and y < end_b and stems_a[x] == stems_b[y]:
                x += 1
                y += 1
            # Its telling words are its content words outside names; the place a run
            # reaches its count at is that of its last one (its count reached there first).
            count, last = 0, i
            for k in content[bisect_left(content, i) : bisect_left(content, x)]:
                if tokens[k][2] not in names:
                    count += 1
                    last = k
            if count and (
                count > best or (count == best and (last, j + last - i) < (best_i, best_j))
            ):
                best, best_i, best_j, best_start = count, last, j + last - i, i
    if not best:
        return 0, ""
    return best, " ".join(map(itemgetter(1), tokens[best_start : best_i + 1]))
