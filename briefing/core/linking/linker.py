"""compute_links: for every passage, the passages of other sources that speak of the same fact."""

from __future__ import annotations

import math
from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from briefing.core import progress
from briefing.core.collector import collector_paused
from briefing.core.linking import parallel
from briefing.core.linking.analysis import (
    Analysis,
    PassageFacts,
    analyse,
    month_days,
    unshared_months,
)
from briefing.core.linking.dates import MONTH_NAMES, DateMention
from briefing.core.linking.disagreements import Comparison, compare
from briefing.core.linking.index import (
    MAX_POSTINGS,
    FeatureIndex,
    FlatVectors,
    flatten,
    member_places,
    top_pair_arrays,
)
from briefing.core.linking.kinds import Kind, document_times, link_kind, passage_words
from briefing.core.linking.lexicon import COMMON_WORDS, MONTHS, VAGUE_WORDS, WEEKDAYS
from briefing.core.linking.tokens import stem
from briefing.core.model import Briefing, Link

if TYPE_CHECKING:
    import numpy as np

SENTENCE_SHARE = 0.45
"""Weight of the best-matching pair of sentences against the passages as wholes.

A long paragraph often tells several facts; one of its sentences may match a
short passage closely while the whole paragraph, diluted, does not.
"""
SENTENCE_NORM_FLOOR = 4.0
"""A one-clause sentence sharing one rare word is not a strong match: short norms are floored."""
LENGTH_POWER = 0.75
"""Pivoted length normalisation: cosine divides by the norms to this power, not the full norms.

A long passage tells several facts, so it is the right partner of more passages than a
short one; the full cosine would rank it below any short passage sharing one word.
"""
SCORE_HALF = 0.25
"""The similarity shown as 0.5: scores are squashed into 0..1 (x / (x + half)), order kept."""
MIN_SCORE = 0.02
"""Below this, two passages share only common words: no link."""
EVIDENCE_BOOST = 1.25
"""An equal or differing figure or date of one event is strong evidence of one fact."""
TIME_CONFLICT_PENALTY = 0.7
"""How much of a shared name's weight is lost when the two passages date it differently."""
SURE_RANK = 5
"""A pair among the first five of either passage is always kept: the links a reader sees first."""
MUTUAL_DEPTH = 1.25
"""Beyond those, a pair is kept only when both passages rank it among this many times
`per_passage` best: a link both would rank high, not one a hub gathers from all sides."""
REASON_ITEMS = 3
DESCRIBE_IN_PARALLEL = 2_000
"""Links to describe before other processes share the work: fewer take under a second."""
_DATE_KINDS = frozenset("DdM")
"""Feature kinds a 'same date' reason names: a day or a month of a year (no bare year)."""
_ITEM_KINDS = frozenset("ebt")
"""Feature kinds a 'both:' reason names: names, words and word pairs."""
NAME_SHARE = 0.6
"""A name is shown as a reason only when at most this share of the passages (and at
least two) name it: a name in most passages explains nothing."""
TERM_SHARE = 0.06
"""A word or pair of words is shown as a reason only when at most this share of the
passages (and at least two) use it: 'dredging', not 'officials'."""
WEAK_REASON = "similar wording"
"""What a link says when it rests on nothing telling: no name, figure, date or rare word."""
WEAK_LINK_SHARE = 0.9
"""A link resting on nothing telling ranks below an equal one that names what it shares."""


def compute_links(
    briefing: Briefing, *, per_passage: int = 8, analysis: Analysis | None = None
) -> list[Link]:
    """Automatic links between passages of different documents, best first.

    For each passage, its `per_passage` best partners in other documents (beyond its first
    five, only those that rank it high too: see `_mutual`); one Link per unordered pair
    (source before target in briefing order, except that a background link points from
    the passage that needs it to the one giving it), scored
    in 0..1, with the reasons a reader sees. Pairs the briefing's author already
    linked are left out. Deterministic: the same briefing gives the same links.
    """
    if per_passage < 1:
        raise ValueError(f"per_passage must be at least 1, not {per_passage}")
    with collector_paused():
        return _compute_links(briefing, per_passage, analysis or analyse(briefing))


def _compute_links(briefing: Briefing, per_passage: int, analysis: Analysis) -> list[Link]:
    # Re-weigh a short list (twice what is kept) with the costlier time check, then keep the best.
    progress.report("comparing the passages", 0, 0)  # a few seconds at most, not counted
    ids, short, dots = score_pairs(analysis, 2 * per_passage)
    n = len(ids)
    curated = {frozenset((link.source, link.target)) for link in briefing.links}
    times = {pid: _names_in_time(fact) for pid, fact in analysis.passages.items()}
    months = {pid: month_days(fact) for pid, fact in analysis.passages.items()}
    for key in short:
        i, j = divmod(key, n)
        a, b = ids[i], ids[j]
        if times[a] and times[b]:
            dot = dots[key]
            if dot:
                conflicted = _conflicted_weight(analysis, a, b, times[a], times[b])
                short[key] *= 1.0 - TIME_CONFLICT_PENALTY * min(1.0, conflicted / dot)
        if months[a] and months[b]:
            unshared = unshared_months(months[a], months[b])
            if unshared:
                dot = dots[key]
                if dot:
                    weight = _features_weight(analysis, a, b, unshared)
                    short[key] *= 1.0 - min(1.0, weight / dot)
    kept = top_pair_arrays(*_pair_arrays(short), n, per_passage, least=MIN_SCORE)
    days = [_day_keys(analysis.passages[pid]) for pid in ids]
    kept = _mutual(kept, short, n, per_passage, days)
    names = {d.id: d.short_name for d in briefing.documents}
    now = document_times(briefing, analysis)
    keys = sorted(kept)
    state = _Describing(analysis, ids, keys, kept, curated, names, now)
    links = []
    for chunk in parallel.in_chunks(
        _describe, state, len(keys), least=DESCRIBE_IN_PARALLEL, stage="describing the links"
    ):
        links.extend(chunk)
    links.sort(key=lambda link: (-link.score, link.source, link.target))
    return links


class _Describing(NamedTuple):
    """What describing a link reads: the analysis and the pairs kept, by key."""

    analysis: Analysis
    ids: list[str]
    keys: list[int]
    kept: dict[int, float]
    curated: set[frozenset[str]]
    names: dict[str, str]
    now: dict[str, int]


def _describe(state: _Describing, start: int, stop: int) -> list[Link]:
    """The links of the kept pairs `start` to `stop` (in key order), with kind, score and reasons."""
    analysis, ids, keys = state.analysis, state.ids, state.keys
    n = len(ids)
    facts = analysis.passages
    links = []
    current = -1
    first = keys[start] // n if start < stop else 0
    for key in parallel.counted(keys[start:stop], start):
        i, j = divmod(key, n)
        a, b = ids[i], ids[j]
        if i != current:
            # Pairs come by their first passage: those before this one, with every later
            # partner, are all done (a passage with no later partner too, though it never
            # came first), and what they worked out for them (their words by sentence,
            # events...) is let go now rather than held for the whole briefing.
            for done in range(max(current, first), i):
                facts[ids[done]].derived.clear()
            current = i
        if frozenset((a, b)) in state.curated:
            continue
        comparisons = compare(analysis, a, b)
        kind = link_kind(analysis, a, b, comparisons, state.now)
        score = state.kept[key]
        if kind.kind in ("disagreement", "same-figure", "same-event"):
            score *= EVIDENCE_BOOST
        score = score / (score + SCORE_HALF)
        reasons = link_reasons(analysis, a, b, comparisons, state.names, kind)
        if reasons == (WEAK_REASON,):
            score *= WEAK_LINK_SHARE  # common words in common: nothing a reader could check
        # A background link points from the passage that needs it to the one that gives it.
        source, target = (b, a) if kind.reversed else (a, b)
        links.append(Link(source, target, kind.kind, round(score, 4), reasons, curated=False))
    for fact in facts.values():
        fact.derived.clear()
    return links


def _day_keys(fact: PassageFacts) -> frozenset[str]:
    return frozenset(k for k in fact.features if k[0] in "Dd" and k[1] == ":")


def _mutual(
    kept: dict[int, float],
    short: dict[int, float],
    n: int,
    per_passage: int,
    days: list[frozenset[str]],
) -> dict[int, float]:
    """The kept pairs that one passage ranks among its first few (SURE_RANK) or both rank
    among their best (MUTUAL_DEPTH times `per_passage`), or that give one day (`days`: each
    passage's day features): two accounts of that day's event are worth a link however low.

    A passage that shares common words with most of the briefing is among the best of many
    passages; kept from their side alone, it gathered dozens of links, most of them ones it
    would rank low itself. Ranks come from `short`, which holds every passage's best partners.
    """
    sure = min(SURE_RANK, per_passage)
    depth = max(per_passage, round(MUTUAL_DEPTH * per_passage))
    keys, scores = _pair_arrays(short)
    first, second = member_places(keys, scores, n)
    chosen = (first < sure) | (second < sure) | ((first < depth) & (second < depth))
    ranked_high = set(keys[chosen].tolist())
    return {
        key: score
        for key, score in kept.items()
        if key in ranked_high or days[key // n] & days[key % n]
    }


def _pair_arrays(scores: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs' keys, ascending, and their scores, as arrays for index.member_places."""
    import numpy as np

    keys = np.sort(np.fromiter(scores, np.int64, len(scores)))
    return keys, np.fromiter(map(scores.__getitem__, keys.tolist()), np.float64, len(keys))


def score_pairs(
    analysis: Analysis, per_passage: int
) -> tuple[list[str], dict[int, float], dict[int, float]]:
    """Passage ids in briefing order, the pairs (key i*n+j, i<j) among the `per_passage` best
    of either passage with their similarity, and those pairs' dot products (as wholes).

    Similarity mixes the cosine of the passages' weighted features with the
    best cosine between one sentence of each; both come from inverted indexes,
    so only pairs sharing some not-too-common feature are ever scored. Each passage's
    partners are scored in one go and only the best kept: no table of every pair is built.
    """
    import numpy as np  # deferred: the reader's start and a warm `summary` never link

    ids = list(analysis.passages)
    n = len(ids)
    doc_numbers: dict[str, int] = {}
    groups = [doc_numbers.setdefault(analysis.passages[p].doc, len(doc_numbers)) for p in ids]

    idf, df = analysis.idf, analysis.df
    numbers = {f: k for k, f in enumerate(idf)}
    idfs = np.fromiter(idf.values(), np.float64, len(idf))
    # Only features two to MAX_POSTINGS passages share can pair two passages (or two sentences
    # of different passages): the others are left out of the indexes, though not of the norms.
    pairable = np.fromiter((2 <= df.get(f, 0) <= MAX_POSTINGS for f in idf), bool, len(idf))
    facts = [analysis.passages[p] for p in ids]
    # Each array is let go as soon as it has served: at 500 documents each holds millions
    # of entries, and all of them at once were the peak of a first open's memory.
    passages = flatten([fact.features for fact in facts], numbers, idfs)
    passage_norms = _norms(passages)
    passages = passages.only(pairable)
    pair_keys, dots = FeatureIndex.from_flat(
        passages, groups, norms=passage_norms
    ).pair_dot_arrays()
    del passages
    pnorms = [x**LENGTH_POWER for x in passage_norms]

    sentences = flatten([bag for fact in facts for bag in fact.sentence_features], numbers, idfs)
    snorms = [max(norm, SENTENCE_NORM_FLOOR) ** LENGTH_POWER for norm in _norms(sentences)]
    sentences = sentences.only(pairable)
    owner = [i for i, fact in enumerate(facts) for _ in fact.sentence_features]
    sentence_index = FeatureIndex.from_flat(sentences, [groups[o] for o in owner], norms=snorms)
    del sentences
    best = _best_sentence_cosines(sentence_index, owner, snorms, n, pair_keys)
    del sentence_index
    first, second = np.divmod(pair_keys, n)
    norms = np.asarray(pnorms)
    # The same float operations, in the same order, as the loop over each passage's partners.
    whole = dots / (norms[first] * norms[second])
    scores = (1 - SENTENCE_SHARE) * whole + SENTENCE_SHARE * best
    short = top_pair_arrays(pair_keys, scores, n, per_passage, least=MIN_SCORE)
    kept = np.fromiter(short, np.int64, len(short))
    return (
        ids,
        short,
        dict(zip(short, dots[np.searchsorted(pair_keys, kept)].tolist(), strict=True)),
    )


def _norms(flat: FlatVectors) -> list[float]:
    """Each vector's length (1.0 for an empty one), by math.hypot over its weights in order,
    as the scores have always been worked out: numpy's own sum would differ in the last bits."""
    norms: list[float] = []
    starts = flat.starts.tolist()
    # Rows a few thousand at a time: the weights of all of them as Python floats took 100 MB.
    for first in range(0, len(starts) - 1, NORM_ROWS):
        bounds = starts[first : first + NORM_ROWS + 1]
        weights = flat.weights[bounds[0] : bounds[-1]].tolist()
        base = bounds[0]
        norms.extend(
            math.hypot(*weights[lo - base : hi - base]) or 1.0 for lo, hi in pairwise(bounds)
        )
    return norms


NORM_ROWS = 4096


def _best_sentence_cosines(
    sentence_index: FeatureIndex,
    owner: list[int],
    snorms: list[float],
    n: int,
    pair_keys: np.ndarray,
) -> np.ndarray:
    """For each pair of passages (`pair_keys`, i*n+j), the best cosine between a sentence
    of each, 0.0 where no two of their sentences share a kept feature.

    Every pair of sentences sharing a feature makes a pair of passages sharing it (a
    passage's features are its sentences'), so each should fall on one of `pair_keys`;
    one that does not is left out, as the loops left it.
    """
    import numpy as np

    keys, dots = sentence_index.pair_dot_arrays()
    si, sj = np.divmod(keys, len(owner))
    del keys  # as in score_pairs: each array goes once it has served
    norms = np.asarray(snorms)
    cosines = dots / (norms[si] * norms[sj])
    del dots
    passages = np.asarray(owner, np.int64)
    targets = passages[si] * n + passages[sj]
    del si, sj
    slots = np.minimum(np.searchsorted(pair_keys, targets), max(len(pair_keys) - 1, 0))
    found = pair_keys[slots] == targets if len(pair_keys) else np.zeros(len(targets), bool)
    # A maximum is the same whatever the order, unlike the sums of the dots.
    best = np.zeros(len(pair_keys))
    np.maximum.at(best, slots[found], cosines[found])
    return best


def _names_in_time(fact: PassageFacts) -> dict[str, set[tuple[int, int]]]:
    """Each name of a passage with the (year, month or 0) of the dates in its sentences.

    When a name's sentences carry no date, the passage's dates stand in, provided
    they all fall in one month. Names with no time at all are left out.
    """
    dated = [(fact.sentence_of(d.start), _date_times(d)) for d in fact.dates if d.resolved]
    if not dated:
        return {}
    whole = {t for _, times in dated for t in times}
    fallback = whole if len(whole) == 1 else set()
    result: dict[str, set[tuple[int, int]]] = {}
    for mention in fact.mentions:
        times = {t for sentence, ts in dated if sentence == mention.sentence for t in ts}
        if times or fallback:
            result.setdefault(mention.key, set()).update(times or fallback)
    return result


def _conflicted_weight(
    analysis: Analysis,
    a: str,
    b: str,
    times_a: dict[str, set[tuple[int, int]]],
    times_b: dict[str, set[tuple[int, int]]],
) -> float:
    """Weight of the names two passages share but set at different times.

    'Port Varo in 2002' and 'Port Varo in March 2017' share a rare name but
    tell two events; so do 'Lestova … in 1945' and 'Lestova … in 1950'.
    """
    fa, fb = analysis.passages[a].features, analysis.passages[b].features
    weight = 0.0
    for name in times_a.keys() & times_b.keys():
        if not _times_overlap(times_a[name], times_b[name]):
            key = "e:" + name
            idf = analysis.idf.get(key, 0.0)
            weight += fa.get(key, 0.0) * fb.get(key, 0.0) * idf * idf
    return weight


def _features_weight(analysis: Analysis, a: str, b: str, keys: list[str]) -> float:
    """The part of two passages' dot product that `keys` make."""
    fa, fb = analysis.passages[a].features, analysis.passages[b].features
    idf = analysis.idf
    return sum(fa.get(k, 0.0) * fb.get(k, 0.0) * idf.get(k, 0.0) ** 2 for k in keys)


def _date_times(date: DateMention) -> list[tuple[int, int]]:
    assert date.year is not None
    last = date.year_end or date.year
    if last - date.year > 12:
        return [(date.year, 0), (last, 0)]
    return [(y, date.month or 0) for y in range(date.year, last + 1)]


def _times_overlap(a: set[tuple[int, int]], b: set[tuple[int, int]]) -> bool:
    """Whether two sets of (year, month) meet. Months of one year count as meeting: a
    sentence often dates one thing and names a person of another event months apart
    ('in April, two months after the talks with X fell apart'), while years apart
    are two events ('Port Varo in 2002' / 'in 2017')."""
    return any(ya == yb for ya, _ in a for yb, _ in b)


def link_reasons(
    analysis: Analysis,
    a: str,
    b: str,
    comparisons: list[Comparison],
    names: dict[str, str],
    kind: Kind | None = None,
) -> tuple[str, ...]:
    """'differs: … (A) vs … (B)', 'same figure: …', 'same date: …', 'same words: “…”',
    'background: 1950 (B)', 'both: X · Y · word'."""
    doc_a, doc_b = names[analysis.passages[a].doc], names[analysis.passages[b].doc]
    reasons: list[str] = []
    if kind and kind.kind == "background":
        old, doc_old = (a, doc_a) if kind.reversed else (b, doc_b)
        reasons.append(f"background: {_time_span(analysis.passages[old])} ({doc_old})")
    if kind and kind.phrase:
        reasons.append(f"same words: “{kind.phrase}”")
    for c in comparisons:
        if c.kind in ("figure-differs", "date-differs"):
            reason = f"differs: {c.first} ({doc_a}) vs {c.second} ({doc_b})"
        elif c.kind == "same-figure":
            reason = f"same figure: {c.first}"
        else:
            continue
        if reason not in reasons:
            reasons.append(reason)
    fact_a, fact_b = analysis.passages[a], analysis.passages[b]
    dates_a, items_a = _reason_features(analysis, fact_a)
    dates_b, items_b = _reason_features(analysis, fact_b)
    idf = analysis.idf
    # A bare year ("2023") explains nothing; a day or a month of a year does, unless both
    # passages give different days of that month.
    shared_dates = dates_a.keys() & dates_b.keys()
    if shared_dates and not any(r.startswith("differs") for r in reasons):
        unshared: set[str] = set()
        if any(k[0] == "M" for k in shared_dates):
            unshared = set(unshared_months(month_days(fact_a), month_days(fact_b)))
        date = _most_telling([k for k in shared_dates if k not in unshared], dates_a, dates_b, idf)
        if date:
            reasons.append(f"same date: {date_label(date[0])}")
    # Beyond four reasons none is shown: the names and words would not be.
    items = []
    if len(reasons) < 4:
        shared = _most_telling(items_a.keys() & items_b.keys(), items_a, items_b, idf)
        items = _shared_items(analysis, shared, a, b)
    if items:
        reasons.append("both: " + " · ".join(items))
    elif not reasons:
        # Only common words or near-synonyms in common: nothing to name.
        reasons.append(WEAK_REASON)
    return tuple(reasons[:4])


ReasonFeatures = tuple[dict[str, float], dict[str, float]]
"""A passage's features a reason can name: its days and months, and its names and words."""


def _most_telling(
    keys: Iterable[str], fa: dict[str, float], fb: dict[str, float], idf: dict[str, float]
) -> list[str]:
    """`keys` most telling first (ties by key): by their share of the two passages' dot product."""
    # Negated weights sort as plain tuples, with no key function.
    return [k for _, k in sorted([(-(fa[k] * fb[k] * idf[k] * idf[k]), k) for k in keys])]


def _reason_features(analysis: Analysis, fact: PassageFacts) -> ReasonFeatures:
    """The passage's features a reason can name, picked once per passage: its days and
    months, and the names and words telling enough to show (the tests `_shared_items`
    would make, done here once rather than per link). Bare years, synonym groups, word
    families, figures' keys, common words and names in most passages never show, and are
    most of what two passages share. Dates and items apart: each link asks for them apart."""
    found = fact.derived.get("reason features")
    if found is None:
        keys = _reason_keys(analysis)
        dates: dict[str, float] = {}
        items: dict[str, float] = {}
        for key, weight in fact.features.items():
            if key in keys:
                (dates if key[0] in _DATE_KINDS else items)[key] = weight
        found = fact.derived["reason features"] = (dates, items)
    return found  # type: ignore[return-value]


def _reason_keys(analysis: Analysis) -> frozenset[str]:
    """Every feature of the briefing a reason can name (see `_reason_features`).

    Decided once per distinct feature rather than once per passage having it: a briefing's
    features repeat (every feature is in `df`), and a set lookup is all a passage then needs.
    """
    found = analysis.memo.get("reason keys")
    if found is None:
        total = len(analysis.passages)
        # The limits of analysis.telling(key, NAME_SHARE) and `_telling_words`.
        name_limit = max(2, NAME_SHARE * total)
        word_limit = max(2, TERM_SHARE * total)
        keys = []
        for key, count in analysis.df.items():
            kind = key[0]
            if kind in _DATE_KINDS:
                keys.append(key)
            elif kind not in _ITEM_KINDS or key[1] != ":":
                continue
            elif kind == "e":
                if count <= name_limit:
                    keys.append(key)
            elif count <= word_limit and _telling_words(key[2:].split()):
                keys.append(key)
        found = analysis.memo["reason keys"] = frozenset(keys)
    return found  # type: ignore[return-value]


def _time_span(fact: PassageFacts) -> str:
    """'1950', '1945–1989': the years a passage of the past speaks of."""
    years = sorted({y for d in fact.dates if d.year for y in (d.year, d.year_end or d.year)})
    if not years:
        return "earlier"
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def _shared_items(analysis: Analysis, keys: list[str], a: str, b: str) -> list[str]:
    """The most telling names and words passages `a` and `b` share, without repeating a
    name's own words. `keys` are names and words of both passages' `_reason_features`, most
    telling first: rare enough to show, so no test of that is made here.

    A name is shown as the two passages write it (see `written_name`), never only as the
    merged entity's display form, which neither passage may contain.
    """
    items: list[str] = []
    lowered: set[str] = set()
    covered: set[str] = set()
    fact_a, fact_b = analysis.passages[a], analysis.passages[b]
    labels = _item_labels(analysis)
    for key in keys:
        kind = key[0]
        found = labels.get(key)
        if found is None:
            found = labels[key] = _item_label(analysis, key)
        label, words, covers = found
        if kind == "e":
            label = written_name(analysis, key[2:], a, b) or label
        elif kind == "b":
            # A pair of words is shown only as a phrase both passages write side by side
            # ('police overtime', not 'meeting to discuss'), as `a` writes it.
            written = _side_by_side(fact_a, key)
            if written is None or _side_by_side(fact_b, key) is None:
                continue
            label = written
        folded = label.lower()
        if folded in lowered or words <= covered:
            continue
        items.append(label)
        lowered.add(folded)
        covered |= covers
        if len(items) == REASON_ITEMS:
            break
    return items


ItemLabel = tuple[str, frozenset[str], frozenset[str]]


def _item_labels(analysis: Analysis) -> dict[str, ItemLabel]:
    """Each feature's `_item_label`, as the links so far asked for it: links share them."""
    return analysis.memo.setdefault("item labels", {})  # type: ignore[return-value]


def _item_label(analysis: Analysis, key: str) -> ItemLabel:
    """A name's or word's label, its words (hyphen parts too) and the words it covers in a
    reason (plurals too)."""
    kind, _, value = key.partition(":")
    if kind == "e":
        entity = analysis.entities.get(value)
        label = entity.name if entity else value
        words = set(value.split())
    elif kind == "b":
        first, _, second = value.partition(" ")
        label = f"{analysis.words.get(first, first)} {analysis.words.get(second, second)}"
        words = {first, second}
    else:
        label = analysis.words.get(value, value)
        words = {value}
    words |= {part for w in words for part in w.split("-")}
    covers = frozenset(words | {w.rstrip("s") for w in words})
    return label, frozenset(words), covers


COMMON_STEMS = frozenset(stem(word) for word in COMMON_WORDS)
VAGUE_STEMS = frozenset(stem(word) for word in (*VAGUE_WORDS, *WEEKDAYS, *MONTHS))
"""Stems no reason names even in a pair: words of stance, and days' and months' names
(a shared date is said as one: 'same date: 14 March', never 'both: tuesday')."""


def _telling_words(stems: list[str]) -> bool:
    """Whether a word or a pair of words (their stems) may be shown as what a link rests on.

    A pair with one common word still says something ('new tariffs'); a word of stance
    says nothing even in a pair ('regarding tariffs': the tariffs are what is shared, and
    shown alone if telling).
    """
    return not all(part in COMMON_STEMS for part in stems) and not any(
        part in VAGUE_STEMS for part in stems
    )


def _side_by_side(fact: PassageFacts, key: str) -> str | None:
    """The word pair `key` ('b:…') as the passage first writes its two words side by side,
    lower-cased; None if it never does. Kept with the passage: its links ask again.

    Only the pairs links ask for are looked for, each by its first word's places: a passage
    has many pairs, and its links name a few.
    """
    found = fact.derived.setdefault("side by side", {})
    assert isinstance(found, dict)
    if key not in found:
        found[key] = _find_side_by_side(fact, key)
    return found[key]  # type: ignore[no-any-return]


def _find_side_by_side(fact: PassageFacts, key: str) -> str | None:
    """`_side_by_side`, looked for from each place of the pair's first word, in order."""
    first, second = key[2:].split(" ", 1)
    words = passage_words(fact)
    stems, tokens, text = words.stems, words.tokens, fact.text
    last = len(stems) - 1
    k = -1
    while True:
        try:
            k = stems.index(first, k + 1, last)
        except ValueError:
            return None
        if stems[k + 1] != second:
            continue
        # Side by side: nothing but white space between them.
        gap = text[words.starts[k] + len(tokens[k][1]) : words.starts[k + 1]]
        if not gap or gap == " " or gap.isspace():
            return f"{tokens[k][1]} {tokens[k + 1][1]}".lower()


def written_name(analysis: Analysis, key: str, a: str, b: str) -> str | None:
    """The name `key` as passages `a` and `b` write it: the longest spelling both use, else
    the spelling of `a` that the entity's display name is, else `a`'s longest one.

    'Portlaw' in both passages is 'Portlaw', whatever longer name it was merged with.
    """
    forms_a, folds_a, _ = _written_forms(analysis.passages[a], key)
    if not forms_a:
        return None
    forms_b, folds_b, in_b = _written_forms(analysis.passages[b], key)
    if forms_b == forms_a:
        # Written alike in both (the most common case): every spelling is common, and the
        # longest of them, as a name is usually written, is the one shown.
        return max(forms_a, key=_written_order)
    common = [form for form, fold in zip(forms_a, folds_a, strict=True) if fold in in_b]
    if not common:
        # 'PORTLAW' in one, 'Staff Writer PORTLAW' in the other: the words both contain.
        common = [
            form
            for form in {*forms_a, *forms_b}
            if any(_contains(other, form) for other in {*forms_a, *in_b} if other != form)
        ]
    if common:
        # Of 'PORTLAW' and 'Portlaw', the one written as names usually are.
        folded = {form.casefold() for form in common}
        common += [form for form, fold in zip(forms_b, folds_b, strict=True) if fold in folded]
        return max(common, key=_written_order)
    entity = analysis.entities.get(key)
    if entity and entity.name in forms_a:
        return entity.name
    return max(forms_a, key=lambda form: (len(form), form))


def _written_order(form: str) -> tuple[int, bool, str]:
    """Of two spellings of a name, the longer, then the one not all in capitals, then by text."""
    return (len(form), not form.isupper(), form)


def _contains(longer: str, shorter: str) -> bool:
    words, part = longer.casefold().split(), shorter.casefold().split()
    return len(part) < len(words) and any(
        words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1)
    )


WrittenForms = tuple[list[str], list[str], frozenset[str]]
"""A name's spellings in one passage, those casefolded, and the set of those."""
_NOT_WRITTEN: WrittenForms = ([], [], frozenset())


def _written_forms(fact: PassageFacts, key: str) -> WrittenForms:
    """How a passage writes the name `key`, casefolded too (worked out once per passage)."""
    forms = fact.derived.get("written names")
    if forms is None:
        by_key: dict[str, list[str]] = {}
        for m in fact.mentions:
            by_key.setdefault(m.key, []).append(m.text)
        forms = fact.derived["written names"] = {
            k: (texts, folds, frozenset(folds))
            for k, texts in by_key.items()
            for folds in ([text.casefold() for text in texts],)
        }
    return forms.get(key, _NOT_WRITTEN)  # type: ignore[union-attr]


def date_label(key: str) -> str:
    """'D:2024-05-14' → '14 May 2024', 'd:05-14' → '14 May', 'M:2021-04' → 'April 2021'."""
    kind, _, value = key.partition(":")
    parts = [int(x) for x in value.split("-")]
    if kind == "D":
        return f"{parts[2]} {MONTH_NAMES[parts[1]]} {parts[0]}"
    if kind == "d":
        return f"{parts[1]} {MONTH_NAMES[parts[0]]}"
    if kind == "M":
        return f"{MONTH_NAMES[parts[1]]} {parts[0]}"
    if kind == "m":
        return MONTH_NAMES[parts[0]]
    return str(parts[0])
