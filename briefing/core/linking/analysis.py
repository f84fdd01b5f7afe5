"""Read every passage of a briefing once: its names, dates, figures and terms, as weighted features."""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from briefing.core import progress
from briefing.core.collector import collector_paused
from briefing.core.linking import parallel
from briefing.core.linking.dates import (
    DateMention,
    clock_times,
    digit_runs,
    find_dates,
    parse_document_date,
)
from briefing.core.linking.entities import Entity, Merger, merge_entities
from briefing.core.linking.figures import Figure, NumberMemo, find_figures, value_key
from briefing.core.linking.mentions import (
    CasingStats,
    Mention,
    MentionMemo,
    acronym_definitions,
    count_held_runs,
    extract_mentions,
)
from briefing.core.linking.terms import (
    CONCEPT_OF,
    Casing,
    SentenceWords,
    Term,
    TermMemo,
    find_terms,
    folded_counts,
)
from briefing.core.linking.tokens import fold_word, normalise, sentences, stem
from briefing.core.model import Briefing, Passage

# How much one shared feature of each kind is worth, before its rarity (IDF) is applied.
# A shared name or exact figure says more about "the same fact" than a shared word;
# a near-synonym says less than the word itself.
WEIGHTS: dict[str, float] = {
    "e": 1.6,  # a name (merged over its variants)
    "t": 0.9,  # a content word (stem)
    "n": 0.4,  # (factor) a word that is part of a name: the name itself counts already
    "b": 1.3,  # two neighbouring content words
    "c": 1.2,  # a near-synonym group (commoner than its words, so its IDF is lower)
    "g": 0.7,  # (factor) a word of a near-synonym group: the group carries part of it
    "k": 0.8,  # two neighbouring words by their synonym groups
    "p": 0.6,  # a word's first letters (PREFIX of them): its family
    "D": 2.5,  # a day, year known
    "d": 1.3,  # a day, year unknown on at least one side
    "M": 1.5,  # a month, year known
    "m": 0.5,  # a month, year unknown
    "Y": 1.0,  # a year
    "f": 2.4,  # a figure with its unit
    "o": 1.2,  # a figure's order of magnitude with its unit
}


READING = "reading the sources"
"""What the reader is told the linker is doing while it reads (see briefing.core.progress)."""

PREFIX = 6
"""Letters of a word that name its family: 'harmon-y/-ise', 'naviga-tion/-ble'."""


@dataclass
class PassageFacts:
    """What one passage says, as the linker sees it."""

    id: str
    doc: str
    text: str
    """Normalised text (typography folded, initialisms undotted): all offsets refer to it."""
    sentences: list[tuple[int, int]]
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)
    """Feature → weight before IDF (kind weight times how telling the item is).

    The passage's content words and word pairs (see terms.find_terms) are read into
    these features and then dropped: kept, they were a fifth of a large briefing's memory.
    """
    sentence_features: list[dict[str, float]] = field(default_factory=list)
    """One bag per sentence; a passage of one sentence shares its bag with `features`."""
    derived: dict[str, object] = field(default_factory=dict)
    """Things worked out from the above on first use (the one-off events of disagreements.py)."""

    def sentence_of(self, offset: int) -> int:
        starts = self.derived.get("starts")
        if starts is None:
            starts = self.derived["starts"] = [s for s, _ in self.sentences]
        return max(0, bisect.bisect_right(starts, offset) - 1)  # type: ignore[arg-type]


@dataclass
class Analysis:
    """Every passage read, the merged names, and how rare each feature is."""

    passages: dict[str, PassageFacts]
    entities: dict[str, Entity]
    idf: dict[str, float]
    df: Counter[str]
    words: dict[str, str]
    """Stem → its most common written form, for reasons ('harbour' → 'harbours')."""
    memo: dict[str, object] = field(default_factory=dict)
    """Things worked out from the above on first use (each feature's label in reasons)."""

    def telling(self, key: str, share: float = 0.4) -> bool:
        """Whether a feature is rare enough to say something: in at most `share` of the
        passages (and always when in just two, however small the briefing)."""
        return self.df.get(key, 0) <= max(2, share * len(self.passages))


def analyse(briefing: Briefing) -> Analysis:
    """Read all passages of `briefing` (two passes: names need the whole briefing's casing)."""
    with collector_paused():
        return _analyse(briefing)


def _analyse(briefing: Briefing) -> Analysis:
    # Three passes over the passages: their words, dates and figures; their names; features.
    passes = 3 * len(briefing.passages)
    read = _read_all(briefing, passes)
    facts, words = read.facts, read.words
    stats = CasingStats(*map(folded_counts, read.casing.split()), held_runs=read.held)
    raw, definitions = _names_of_all(list(facts.values()), stats, passes)
    doc_of = {pid: fact.doc for pid, fact in facts.items()}
    texts = {pid: fact.text for pid, fact in facts.items()}
    resolved, entities, merger = merge_entities(raw, doc_of, definitions, stats, texts)
    phrases = _phrase_index(_defined_phrases(definitions, merger))
    forms = _written_forms(words.values())
    shared = _Shared()
    for pid, fact in progress.counted(facts.items(), READING, passes, 2 * len(facts)):
        fact.mentions = resolved[pid]
        fact.sentence_features = _features(fact, words.pop(pid), phrases, shared)
        fact.features = passage_features(fact.sentence_features)
    df: Counter[str] = Counter()
    for fact in facts.values():
        df.update(fact.features.keys())
    total = max(len(facts), 1)
    idf = {f: rarity(total, n) for f, n in df.items()}
    return Analysis(facts, entities, idf, df, forms)


READ_IN_PARALLEL = 1_000
"""Passages to read before forked workers share the first pass: fewer take a few tenths
of a second, too little to be worth starting a pool (10-30 ms) and sending back what
each chunk read."""


class _ReadAll(NamedTuple):
    """The first pass over a whole briefing, in briefing order."""

    facts: dict[str, PassageFacts]
    words: dict[str, list[SentenceWords]]
    """Content words and word pairs per passage: only needed until the features are made."""
    casing: Casing
    held: Counter[str]
    """Capitalised runs opening on a common word (see mentions.count_held_runs)."""


class _Reading(NamedTuple):
    """What the first pass reads, in briefing order."""

    passages: list[tuple[str, Passage, dt.date | None]]
    """Each passage with its document's id and date."""
    passes: int
    """Items in all of the reading's progress."""


class _Read(NamedTuple):
    """The first pass over the passages `start` to `stop`."""

    facts: list[PassageFacts]
    words: list[list[SentenceWords]]
    casing: Casing
    held: Counter[str]
    stop: int


def _read_all(briefing: Briefing, passes: int) -> _ReadAll:
    """The first pass, chunk by chunk (in other processes when the briefing is large)."""
    references = {d.id: parse_document_date(d.date) for d in briefing.documents}
    every = [(d.id, p, references[d.id]) for d in briefing.documents for p in d.passages]
    state = _Reading(every, passes)
    whole = _ReadAll({}, {}, Casing(), Counter())
    # Repeated sentences share one reading, as when one memo reads them all (see
    # terms.TermMemo): each chunk's come back as copies of their own.
    sentence_words: dict[str, SentenceWords] = {}
    for chunk in parallel.in_chunks(_read, state, len(every), least=READ_IN_PARALLEL):
        for fact, words in zip(chunk.facts, chunk.words, strict=True):
            whole.facts[fact.id] = fact
            if len(chunk.facts) < len(every):  # one of several chunks
                words = _shared_readings(fact, words, sentence_words)
            whole.words[fact.id] = words
        # Merged in briefing order: every count, and every first use's order, as one
        # pass over the whole briefing makes them.
        whole.casing.written.update(chunk.casing.written)
        whole.casing.openers.update(chunk.casing.openers)
        whole.held.update(chunk.held)
        progress.report(READING, chunk.stop, passes)
    return whole


def _shared_readings(
    fact: PassageFacts, words: list[SentenceWords], known: dict[str, SentenceWords]
) -> list[SentenceWords]:
    """`words`, each sentence's reading replaced by an earlier chunk's of the same sentence."""
    text = fact.text
    return [
        known.setdefault(text[start:end], read)
        for (start, end), read in zip(fact.sentences, words, strict=True)
    ]


def _read(state: _Reading, start: int, stop: int) -> _Read:
    """Each passage's sentences, dates, figures and content words, and the casing of its words."""
    casing = Casing()
    held: Counter[str] = Counter()
    memo = TermMemo()
    numbers: NumberMemo = {}
    facts: list[PassageFacts] = []
    words: list[list[SentenceWords]] = []
    # In a forked worker no one listens: its chunk is told when it is done (see _read_all).
    chunk = state.passages[start:stop]
    for document, passage, reference in progress.counted(chunk, READING, state.passes, start):
        text = normalise(passage.text)
        fact = PassageFacts(passage.id, document, text, sentences(text))
        runs = digit_runs(text)
        clocks = clock_times(text, runs)
        fact.dates = find_dates(text, reference, clocks, runs)
        skip = [(d.start, d.end) for d in fact.dates] + clocks
        fact.figures = find_figures(text, skip, fact.sentences, numbers)
        words.append(find_terms(text, fact.sentences, casing, memo))
        count_held_runs(text, held)
        facts.append(fact)
    return _Read(facts, words, casing, held, stop)


def _names_of_all(
    facts: list[PassageFacts], stats: CasingStats, passes: int
) -> tuple[dict[str, list[Mention]], list[tuple[str, str]]]:
    """The second pass: each passage's names, and the acronyms defined.

    Read in this process: in forked workers (500 documents, 2 cores) each half took three
    quarters of the whole pass's time (one memo of names per worker, and a forked worker
    runs this pass about 1.7 times slower): the pass gained 7% at the median of 14
    alternating runs, 12% at best.
    """
    mentions: dict[str, list[Mention]] = {}
    definitions: list[tuple[str, str]] = []
    runs = MentionMemo()
    for fact in progress.counted(facts, READING, passes, len(facts)):
        mentions[fact.id] = extract_mentions(fact.text, fact.sentences, stats, runs)
        definitions += acronym_definitions(fact.text)
    return mentions, definitions


def rarity(total: int, count: int) -> float:
    """Inverse document frequency of a feature found in `count` of `total` passages.

    Smoothed by one passage: in a small briefing, a word two passages share by chance
    would otherwise outweigh a name or a figure that several sources give.
    """
    return math.log(1 + total / (count + 1))


def _defined_phrases(
    definitions: list[tuple[str, str]], merger: Merger
) -> dict[tuple[str, ...], str]:
    """Lower-case phrases an acronym was defined as ('regional transport authority')."""
    phrases: dict[tuple[str, ...], str] = {}
    for acronym, words in definitions:
        parts = words.split()
        if parts and parts[0][:1].islower():
            stems = tuple(stem(w) for w in parts if w.lower() not in ("of", "the", "and", "for"))
            phrases[stems] = merger.find(acronym)
    return phrases


class _Shared:
    """What reading a briefing's passages into features keeps from one passage to the next.

    One object for each feature key and weight: names, dates and figures make their keys
    and weights afresh in each passage, and a briefing of 500 documents held millions of
    equal strings and floats, one per use. And the features of each content word and the
    words of each name, worked out once: a briefing's vocabulary and names are far fewer
    than their uses.
    """

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}
        self.weights: dict[float, float] = {}
        self.term_keys: tuple[TermKeys, TermKeys] = ({}, {})
        """By whether the word is part of a name, each content word's features (see
        `_term_keys`), by the word: a Term's stem is the stem of its word."""
        self.name_words: dict[tuple[str, str], frozenset[str]] = {}
        self.pair_keys: dict[tuple[str, str], tuple[tuple[str, float], ...]] = {}
        """Each pair of neighbouring stems' features (see `_pair_keys`), by the pair: a
        plain dict, by the tuple `pairwise` gives, costs half a bounded cache's call."""
        self.name_keys: dict[str, tuple[str, float]] = {}
        """Each merged name's feature and weight, by its key (see `_name_feature`)."""

    def key(self, key: str) -> str:
        return self.keys.setdefault(key, key)

    def weight(self, weight: float) -> float:
        return self.weights.setdefault(weight, weight)

    def words_of(self, mention: Mention) -> frozenset[str]:
        """The words of a name and of its written form, folded, and their stems."""
        found = self.name_words.get((mention.key, mention.text))
        if found is None:
            words = set(mention.key.split())
            words.update(fold_word(w) for w in mention.text.replace("-", " ").split())
            words.update([stem(w) for w in words])
            found = self.name_words[(mention.key, mention.text)] = frozenset(words)
        return found


TermKeys = dict[str, tuple[tuple[str, float], ...]]


def _features(
    fact: PassageFacts,
    sentence_words: list[SentenceWords],
    phrases: PhraseIndex,
    shared: _Shared,
) -> list[dict[str, float]]:
    """One feature bag per sentence; a passage's bag is their union (see `passage_features`)."""
    bags: list[dict[str, float]] = [{} for _ in fact.sentences] or [{}]
    last = len(bags) - 1
    name_keys = shared.name_keys
    for mention in fact.mentions:
        found = name_keys.get(mention.key)
        if found is None:
            found = name_keys[mention.key] = _name_feature(mention.key, shared)
        key, weight = found
        bag = bags[min(mention.sentence, last)]
        if bag.setdefault(key, weight) < weight:  # the higher weight (all are above zero)
            bag[key] = weight
    # Words of a name already count through the name; alone they count for less, so that
    # "Ana Lestova Okafor" is one strong match and not three, yet "High Moors" still meets "Freedonian High Moors".
    in_names = set().union(*map(shared.words_of, fact.mentions))
    # A sentence's words make the same features wherever the same of its words are part
    # of a name: a repeated sentence's are worked out once, and its bag is shared when
    # nothing else is added to it (a copy is made first when something is: see `add`).
    borrowed: set[int] = set()
    for sentence, words in enumerate(sentence_words):
        named = frozenset(in_names.intersection(words.looked))
        plain = words.features.get(named)
        if plain is None:
            plain = words.features[named] = _word_features(words, named, shared)
        if bags[sentence]:
            bags[sentence].update(plain)  # names' keys ('e:') are never a word's
        else:
            bags[sentence] = plain
            borrowed.add(sentence)

    def add(sentence: int, key: str, weight: float) -> None:
        sentence = min(sentence, last)
        if sentence in borrowed:
            bags[sentence] = dict(bags[sentence])
            borrowed.discard(sentence)
        bag = bags[sentence]
        if weight > bag.get(key, 0.0):
            bag[shared.key(key)] = shared.weight(weight)

    if phrases:
        # The stems outside names, sentence by sentence, are only looked at for the
        # phrases acronyms were defined as: most briefings define none.
        by_sentence = _unnamed_stems(sentence_words, in_names)
        for sentence, key in _phrase_hits(by_sentence, phrases):
            add(sentence, "e:" + key, WEIGHTS["e"])
    for date in fact.dates:
        for key, weight in date_features(date):
            add(fact.sentence_of(date.start), key, weight)
    for figure in fact.figures:
        for key, weight in figure_features(figure):
            add(fact.sentence_of(figure.start), key, weight)
    return bags


def text_word_features(text: str) -> dict[str, float]:
    """The features of the content words and word pairs of a short normalised text that
    is no passage (a section's title and intro), weighted as in a passage, with no word
    read as part of a name."""
    shared = _Shared()
    bag: dict[str, float] = {}
    for words in find_terms(text, sentences(text)):
        for key, weight in _word_features(words, frozenset(), shared).items():
            if weight > bag.get(key, 0.0):
                bag[key] = weight
    return bag


def _is_named(word: str, named: AbstractSet[str]) -> bool:
    """Whether a content word is part of a name of its passage (a compound when all its parts are)."""
    return word in named if "-" not in word else all(p in named for p in word.split("-"))


def _word_features(
    words: SentenceWords, named: AbstractSet[str], shared: _Shared
) -> dict[str, float]:
    """The features of a sentence's content words and of its pairs of neighbouring words,
    given those of its words that are part of a name (see `SentenceWords.looked`)."""
    bag: dict[str, float] = {}
    plain_keys, named_keys = shared.term_keys
    for word_stem, word in words.terms:
        # A compound is part of a name when all its parts are (inline: a call per word costs).
        in_name = word in named if "-" not in word else all(p in named for p in word.split("-"))
        known = named_keys if in_name else plain_keys
        keys = known.get(word)
        if keys is None:
            keys = known[word] = _term_keys(word_stem, word, in_name)
        for key, weight in keys:  # the higher weight (all are above zero) in one look-up
            if bag.setdefault(key, weight) < weight:
                bag[key] = weight
    pair_keys = shared.pair_keys
    for stems in words.runs:
        for pair in pairwise(stems):  # neighbouring content words
            first, second = pair
            if first not in named and second not in named:
                keys = pair_keys.get(pair)
                if keys is None:
                    keys = pair_keys[pair] = _pair_keys(first, second)
                for key, weight in keys:
                    if bag.setdefault(key, weight) < weight:
                        bag[key] = weight
    return bag


def _unnamed_stems(
    sentence_words: list[SentenceWords], in_names: AbstractSet[str]
) -> dict[int, list[str]]:
    """The stems of each sentence's content words outside names (sentences with none left out)."""
    by_sentence: dict[int, list[str]] = {}
    for sentence, words in enumerate(sentence_words):
        stems = [s for s, word in words.terms if not _is_named(word, in_names)]
        if stems:
            by_sentence[sentence] = stems
    return by_sentence


def _name_feature(key: str, shared: _Shared) -> tuple[str, float]:
    """The feature of a merged name and its weight, worked out once per name and briefing
    (see `_Shared.name_keys`): a briefing's names are far fewer than their mentions."""
    # A full name is more telling than one word of it ("Lee Dal Su" over "Lee").
    weight = WEIGHTS["e"] * (1.0 if " " in key else 0.8)
    return shared.key("e:" + key), shared.weight(weight)


PhraseIndex = dict[str, list[tuple[int, tuple[str, ...], str]]]
"""First stem → (order, stems, entity key) of the phrases an acronym was defined as."""


def _phrase_hits(by_sentence: dict[int, list[str]], index: PhraseIndex) -> list[tuple[int, str]]:
    """(sentence, entity key) of each defined phrase a sentence's stems spell, phrase by phrase.

    Found from each stem's phrases (an index by first stem), not by trying every phrase of
    the briefing on every sentence: a briefing's acronyms grow with its size.
    """
    if not index:
        return []
    hits: set[tuple[int, int, str]] = set()
    for sentence, stems in by_sentence.items():
        for i, first in enumerate(stems):
            for order, phrase, key in index.get(first, ()):
                if tuple(stems[i : i + len(phrase)]) == phrase:
                    hits.add((order, sentence, key))
        for order, _, key in index.get("", ()):
            hits.add((order, sentence, key))  # an empty phrase is in every sentence
    return [(sentence, key) for _, sentence, key in sorted(hits)]


def _phrase_index(phrases: dict[tuple[str, ...], str]) -> PhraseIndex:
    index: PhraseIndex = {}
    for order, (phrase, key) in enumerate(phrases.items()):
        index.setdefault(phrase[0] if phrase else "", []).append((order, phrase, key))
    return index


def _term_keys(word_stem: str, word: str, named: bool) -> tuple[tuple[str, float], ...]:
    """The features of one content word, in the order they are added to its sentence's bag.

    Worked out once per word and briefing (see `_Shared.term_keys`).
    """
    groups = () if named else CONCEPT_OF.get(word_stem, ())
    # A word of a synonym group shares its weight with the group, so that the same word on
    # both sides counts about as much as any other shared word, and a synonym a little less.
    share = WEIGHTS["g"] if groups else 1.0
    keys = [("t:" + word_stem, WEIGHTS["t"] * share * (WEIGHTS["n"] if named else 1.0))]
    if named:
        return _positive(keys)
    # A word of several senses spreads its weight over them, so it counts once in all.
    keys.extend((f"c:{group}", WEIGHTS["c"] / len(groups) ** 0.5) for group in groups)
    # Word families the stemmer leaves apart ("propaganda" / "propagandise") share a prefix.
    if len(word) > PREFIX + 1 and "-" not in word:
        keys.append(("p:" + word[:PREFIX], WEIGHTS["p"]))
    return _positive(keys)


def _pair_keys(first: str, second: str) -> tuple[tuple[str, float], ...]:
    """The features of two neighbouring content words: the pair itself and the same phrase
    in other words ('large meeting' / 'big gathering'), the pair of their synonym
    groups or of one word and the other's group.

    Worked out once per pair and briefing (see `_Shared.pair_keys`).
    """
    keys = [(f"b:{first} {second}", WEIGHTS["b"])]
    if WEIGHTS["k"]:
        keys.extend((key, WEIGHTS["k"]) for key in _pair_senses(first, second))
    return _positive(keys)


def _positive(keys: list[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
    """The features that weigh something: one of no weight is never added to a bag."""
    return tuple(key for key in keys if key[1] > 0)


def _pair_senses(first: str, second: str) -> list[str]:
    senses_a = [f"c{g}" for g in CONCEPT_OF.get(first, ())]
    senses_b = [f"c{g}" for g in CONCEPT_OF.get(second, ())]
    keys = [f"k:{a} {b}" for a in [*senses_a, first] for b in [*senses_b, second]]
    return [k for k in keys if k != f"k:{first} {second}"]


def passage_features(bags: list[dict[str, float]]) -> dict[str, float]:
    if len(bags) == 1:
        return bags[0]  # the union of one bag is that bag: shared, not copied
    merged = dict(bags[0])
    for bag in bags[1:]:
        # Copied in C, then the few keys two sentences share set back to the higher weight:
        # the keys in the order they are first met, as adding them one by one would.
        higher = {key: merged[key] for key in merged.keys() & bag.keys() if merged[key] > bag[key]}
        merged.update(bag)
        merged.update(higher)
    return merged


def date_features(date: DateMention) -> list[tuple[str, float]]:
    """Keys at each precision: a day matches a day, and more weakly its month and year."""
    out: list[tuple[str, float]] = []
    days = date.days()
    per_day = 1.0 if len(days) <= 1 else 0.75
    for month, day in days:
        if date.year:
            out.append((f"D:{date.year}-{month:02d}-{day:02d}", WEIGHTS["D"] * per_day))
        out.append((f"d:{month:02d}-{day:02d}", WEIGHTS["d"] * per_day))
    if date.month:
        if date.year:
            out.append((f"M:{date.year}-{date.month:02d}", WEIGHTS["M"]))
        out.append((f"m:{date.month:02d}", WEIGHTS["m"]))
    if date.year:
        last = date.year_end or date.year
        years = range(date.year, last + 1) if last - date.year <= 12 else (date.year, last)
        # A span of years says less about each of them than one year does.
        weight = WEIGHTS["Y"] * (1.0 if last == date.year else 0.6)
        out.extend((f"Y:{y}", weight) for y in years)
    return out


def figure_features(figure: Figure) -> list[tuple[str, float]]:
    """The figure's exact values with their unit, and its order of magnitude with the unit.

    Two sources giving one quantity differently ('about 200 protesters', 'some 350
    protesters') meet on the magnitude: weaker than an equal figure. Small counts ('two
    nations'), spans of time and vague amounts ('tens of millions') have none.
    """
    if figure.qualifier == "~":
        return []
    unit = unit_key(figure)
    out = [(f"o:{unit}:{order}", WEIGHTS["o"]) for order in _orders(figure)]
    # "3,833 tons" is more telling than "two goals"; a span of time ("four years") least.
    telling = min(1.0, 0.35 + 0.2 * figure.digits)
    if figure.is_duration or figure.unit == "times":
        telling *= 0.35
    return out + [(f"f:{unit}:{value_key(v)}", WEIGHTS["f"] * telling) for v in figure.values]


def _orders(figure: Figure) -> list[int]:
    if figure.is_duration or figure.unit == "times" or figure.high < 100:
        return []
    low, high = math.floor(math.log10(figure.low)), math.floor(math.log10(figure.high))
    return list(range(low, min(high, low + 2) + 1))


MonthDays = dict[str, tuple[frozenset[tuple[int, int]], bool]]


def month_days(fact: PassageFacts) -> MonthDays:
    """Each month feature of a passage ('M:2021-03', 'm:03') with the days it gives in that
    month and whether it also names the month alone ('in March'). Kept with the passage."""
    known = fact.derived.get("month days")
    if known is not None:
        return known  # type: ignore[return-value]
    found: dict[str, tuple[set[tuple[int, int]], bool]] = {}
    for date in fact.dates:
        if not date.month:
            continue
        keys = [f"m:{date.month:02d}"] + ([f"M:{date.year}-{date.month:02d}"] if date.year else [])
        for key in keys:
            days, _ = found.setdefault(key, (set(), False))
            days.update(date.days())
            if not date.day:
                found[key] = (days, True)
    result = {key: (frozenset(days), alone) for key, (days, alone) in found.items()}
    fact.derived["month days"] = result
    return result


def unshared_months(a: MonthDays, b: MonthDays) -> list[str]:
    """Months both passages name only by days, and by different days: '23 March' and
    '29 March' are two dates, not one month in common."""
    return [
        key
        for key in a.keys() & b.keys()
        if not a[key][1] and not b[key][1] and a[key][0] and b[key][0] and not a[key][0] & b[key][0]
    ]


def unit_key(figure: Figure) -> str:
    """Units compare by near-synonym group: 'tonnes' and 'tons' count the same thing."""
    return _unit_key(figure.unit)


@lru_cache(maxsize=4096)
def _unit_key(unit: str) -> str:
    groups = CONCEPT_OF.get(unit)
    return f"c{groups[0]}" if groups else unit


def _written_forms(words: Iterable[list[SentenceWords]]) -> dict[str, str]:
    # Each (stem, word) pair counted once per distinct sentence, times its uses: taken in
    # the order sentences are first used, the pairs' first uses order the stems as
    # counting term by term does.
    uses: Counter[SentenceWords] = Counter()
    for passage in words:
        uses.update(passage)
    pairs: Counter[Term] = Counter()
    for sentence, count in uses.items():
        for term in sentence.terms:
            pairs[term] += count
    forms: dict[str, dict[str, int]] = defaultdict(dict)
    for (word_stem, word), count in pairs.items():
        forms[word_stem][word] = count
    return {s: max(c, key=lambda w: (c[w], -len(w), w)) for s, c in forms.items()}
