"""Two passages' figures and dates for one quantity or event: the same, or different (≠).

Conservative by design: a false "disagrees" misleads a reader more than a
missing one, so a difference is reported only when the two figures count the
same thing (same unit), are tied to the same date, and their sentences share
more than the unit; and two dates only when the same subject does the same
one-off thing ("left", "signed") in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.core.linking.analysis import Analysis, PassageFacts, unit_key
from briefing.core.linking.dates import DateMention
from briefing.core.linking.figures import Figure, value_key
from briefing.core.linking.lexicon import EVENT_VERBS, STOPWORDS
from briefing.core.linking.terms import CONCEPT_OF
from briefing.core.linking.tokens import WORD, fold_word, stem

CONTEXT_SHARE = 0.4
"""A shared word or name counts as context only if at most this share of passages has it."""
MAX_RATIO = 4.0
"""Two figures further apart than this are taken to count different things."""

_EVENT_OF: dict[str, int] = {
    word: number for number, group in enumerate(EVENT_VERBS) for word in group.split()
}


@dataclass(frozen=True)
class Comparison:
    """One figure or date of each passage, judged equal or different."""

    kind: str
    """'same-figure' | 'figure-differs' | 'same-date' | 'date-differs'"""
    first: str
    """Label of the first passage's value ('10–12 million tonnes')."""
    second: str
    weight: float = 1.0


def compare(analysis: Analysis, a: str, b: str) -> list[Comparison]:
    """Every equal or differing figure and date between passages `a` and `b`."""
    fa, fb = analysis.passages[a], analysis.passages[b]
    return compare_figures(analysis, fa, fb) + compare_dates(analysis, fa, fb)


def compare_figures(analysis: Analysis, fa: PassageFacts, fb: PassageFacts) -> list[Comparison]:
    results: list[Comparison] = []
    if not fa.figures or not fb.figures:
        return results
    # Figures compare only within one unit (equal ones too): most pairs of passages share
    # none, and each figure is tested only against the other side's figures of its unit.
    units_b = _by_unit(fb)
    if _by_unit(fa).keys().isdisjoint(units_b):
        return results
    seen: set[tuple[str, str]] = set()
    # A figure with an equal partner on the other side is accounted for: '£250m of £412m'
    # beside '£412m' and '£250m' is two agreements, not a disagreement of £250m with £412m.
    equal = {
        (i, j)
        for i, x in enumerate(fa.figures)
        for j in units_b.get(unit_key(x), ())
        if _same(x, fb.figures[j])
    }
    matched_x = {i for i, _ in equal}
    matched_y = {j for _, j in equal}
    labels_a, labels_b = _labels(fa), _labels(fb)
    anchors_a, anchors_b = _anchors(fa), _anchors(fb)
    for i, x in enumerate(fa.figures):
        if not _comparable(x):
            continue
        for j in units_b.get(unit_key(x), ()):
            y = fb.figures[j]
            if not _comparable(y):
                continue
            same = (i, j) in equal
            if not same and (i in matched_x or j in matched_y):
                continue
            anchor_x, anchor_y = anchors_a[i], anchors_b[j]
            if anchor_x and anchor_y and not _overlap(anchor_x, anchor_y):
                continue  # the same unit in different years: different quantities
            labels = (labels_a[i], labels_b[j])
            if labels in seen:
                continue
            if same:
                # Equal figures of one unit are rarely a coincidence (unless as small as "two
                # nations"); a little context suffices, or a second measure of the same thing.
                if _telling(x) and (
                    _shared_context(analysis, fa, x.start, fb, y.start) >= 1
                    or (anchor_x and anchor_y)
                    or _second_measure(fa, x, fb, y, equal=False)
                    or _only_these_two(analysis, x)
                ):
                    results.append(Comparison("same-figure", *labels, weight=_weight(x)))
                    seen.add(labels)
                continue
            if max(x.high, y.high) > MAX_RATIO * min(x.high, y.high):
                continue
            # A difference needs the same date and shared context; with no date on either
            # side, much shared context including a name. A date on one side only: no.
            dated = anchor_x is not None and anchor_y is not None
            undated = anchor_x is None and anchor_y is None
            if not _near_words(fa, x) & _near_words(fb, y):
                continue  # what is said of the two figures ('cost' / 'budget') must meet
            if _one_thing(fa, x, fb, y):
                # 'The 200,000-ton Varo Star' / 'the 220,000-tonne Varo Star'; or a ship 400
                # metres long in both, weighing 200,000 and 220,000 tonnes.
                results.append(Comparison("figure-differs", *labels, weight=_weight(x)))
                seen.add(labels)
                continue
            if dated or undated:
                shared = _shared_context(analysis, fa, x.start, fb, y.start)
                if (dated and shared >= 1) or (
                    undated and shared >= 3 and _shared_name(analysis, fa, x.start, fb, y.start)
                ):
                    results.append(Comparison("figure-differs", *labels, weight=_weight(x)))
                    seen.add(labels)
    return results


def _by_unit(fact: PassageFacts) -> dict[str, list[int]]:
    """Each unit key of the passage's figures with those figures' places, in order; gathered
    once per passage."""
    found = fact.derived.get("figures by unit")
    if found is None:
        found = {}
        for i, figure in enumerate(fact.figures):
            found.setdefault(unit_key(figure), []).append(i)
        fact.derived["figures by unit"] = found
    return found  # type: ignore[return-value]


def _labels(fact: PassageFacts) -> list[str]:
    """Each figure's label, made once per passage: a passage is compared with many."""
    found = fact.derived.get("figure labels")
    if found is None:
        found = fact.derived["figure labels"] = [figure.label() for figure in fact.figures]
    return found  # type: ignore[return-value]


CLOSE_RATIO = 1.5
"""Two figures of one thing told apart by its name or a second measure, not by a date, differ
by at most this much: further apart, they are more likely two quantities."""


def _one_thing(fa: PassageFacts, x: Figure, fb: PassageFacts, y: Figure) -> bool:
    """Whether two figures of one unit are evidently of one thing, with no date to tie them:
    both describe the same name or noun ('the 200,000-ton Varo Star'), or their sentences
    agree on a second measure of it (400 metres long in both)."""
    if not (_telling(x) and _telling(y)):
        return False
    if max(x.high, y.high) > CLOSE_RATIO * min(x.high, y.high):
        return False
    head_x, head_y = _head(fa, x), _head(fb, y)
    if head_x and head_x == head_y:
        return True
    return _second_measure(fa, x, fb, y, equal=True)


def _second_measure(
    fa: PassageFacts, x: Figure, fb: PassageFacts, y: Figure, *, equal: bool
) -> bool:
    """Whether the two figures' sentences also give a second figure, of another unit, that is
    the same on both sides (`equal`) or at least close: two measures of one thing."""
    sentence_a, sentence_b = fa.sentence_of(x.start), fb.sentence_of(y.start)
    for u in fa.figures:
        if u is x or fa.sentence_of(u.start) != sentence_a or not _comparable(u):
            continue
        if unit_key(u) == unit_key(x) or not _telling(u):
            continue
        for v in fb.figures:
            if v is y or fb.sentence_of(v.start) != sentence_b or unit_key(v) != unit_key(u):
                continue
            if not _comparable(v):
                continue
            if _same(u, v) or (
                not equal and max(u.high, v.high) <= CLOSE_RATIO * min(u.high, v.high)
            ):
                return True
    return False


_ADJECTIVE_GAP = re.compile(r"(?:\s*,?\s*[\d.,]+[-‐][A-Za-z][\w-]*)*,?\s+")
"""Between a figure written as an adjective and what it describes: 'the 220,000-tonne,
400-metre-long ship' describes the ship."""


def _head(fact: PassageFacts, figure: Figure) -> str | None:
    """The name or noun a figure written as an adjective describes ('the 200,000-ton Varo
    Star': the name 'varo star'; 'a 12-member council': 'council'); None otherwise."""
    if "-" not in figure.text and "‐" not in figure.text:
        return None
    gap = _ADJECTIVE_GAP.match(fact.text, figure.end)
    if not gap:
        return None
    at = gap.end()
    for mention in fact.mentions:
        if mention.start == at:
            return "e:" + mention.key
    word = WORD.match(fact.text, at)
    if not word or not _content(word.group()):
        return None
    return "t:" + stem(fold_word(word.group()))


def _only_these_two(analysis: Analysis, figure: Figure) -> bool:
    """Whether an exact, not small figure ('400 metres') is in just the two passages compared:
    the briefing gives it nowhere else, so the two passages give the same one."""
    if figure.high < 100 or figure.is_range:
        return False
    key = f"f:{unit_key(figure)}:{value_key(figure.low)}"
    return analysis.df.get(key, 0) == 2


def _same(x: Figure, y: Figure) -> bool:
    return unit_key(x) == unit_key(y) and (
        (x.same_value(y) and x.qualifier == y.qualifier) or _equal_enough(x, y)
    )


NEAR = 6
"""Content words each side of a figure that say what it is the figure of."""


def _near_words(fact: PassageFacts, figure: Figure) -> set[str]:
    """Stems and near-synonym groups of the words around a figure, in its sentence, unit aside.

    Worked out once per figure and kept with the passage: a passage is compared with many.
    """
    cache = fact.derived.setdefault("near words", {})
    assert isinstance(cache, dict)
    if figure not in cache:
        cache[figure] = _find_near_words(fact, figure)
    return cache[figure]


def _find_near_words(fact: PassageFacts, figure: Figure) -> set[str]:
    sentence = fact.sentence_of(figure.start)
    start, end = fact.sentences[sentence]
    before = WORD.findall(fact.text, start, figure.start)
    after = WORD.findall(fact.text, figure.end, end)
    words: set[str] = set()
    for word in [w for w in before if _content(w)][-NEAR:] + [w for w in after if _content(w)][
        :NEAR
    ]:
        word_stem = stem(word)
        if word_stem == figure.unit:
            continue
        words.add(word_stem)
        words.update(f"c{g}" for g in CONCEPT_OF.get(word_stem, ()))
    return words


def _content(word: str) -> bool:
    folded = fold_word(word)
    return len(folded) > 2 and folded not in STOPWORDS and not folded[0].isdigit()


def _comparable(figure: Figure) -> bool:
    return figure.qualifier != "~" and not figure.is_duration and figure.unit != "times"


def _equal_enough(x: Figure, y: Figure) -> bool:
    """'more than 2,800 tons' and '2,800 tons' give one figure; 'up to 11' and '10–11' do not."""
    loose = {"≈", ">", "≥", ""}
    return x.same_value(y) and x.qualifier in loose and y.qualifier in loose


def _telling(figure: Figure) -> bool:
    """'3,120 tons', '64%', 'US$7bn' are telling; 'two nations' is not."""
    return figure.digits >= 2 or figure.high >= 10 or figure.unit in ("%",) or figure.unit.isupper()


def _shared_name(
    analysis: Analysis, fa: PassageFacts, offset_a: int, fb: PassageFacts, offset_b: int
) -> bool:
    bag_a = fa.sentence_features[fa.sentence_of(offset_a)]
    bag_b = fb.sentence_features[fb.sentence_of(offset_b)]
    return any(
        k.startswith("e:") and analysis.telling(k, CONTEXT_SHARE)
        for k in bag_a.keys() & bag_b.keys()
    )


def _weight(figure: Figure) -> float:
    return min(1.0, 0.35 + 0.2 * figure.digits)


def _anchors(fact: PassageFacts) -> list[DateMention | None]:
    """Each figure's date (see `_find_anchor`), found once per passage: it is compared with many."""
    found = fact.derived.get("anchors")
    if found is None:
        found = fact.derived["anchors"] = [_find_anchor(fact, figure) for figure in fact.figures]
    return found  # type: ignore[return-value]


def _find_anchor(fact: PassageFacts, figure: Figure) -> DateMention | None:
    """The date nearest the figure within its sentence: the time the figure is about.

    With no date in the sentence, the passage's date stands in when it has just one, and
    that one is a day: the day of the event the passage tells.
    """
    sentence = fact.sentence_of(figure.start)
    best: tuple[int, DateMention] | None = None
    for date in fact.dates:
        if fact.sentence_of(date.start) != sentence or (not date.resolved and not date.month):
            continue
        distance = min(abs(date.start - figure.end), abs(figure.start - date.end))
        if best is None or distance < best[0]:
            best = (distance, date)
    if best:
        return best[1]
    dated = [d for d in fact.dates if d.resolved or d.month]
    if dated and dated[0].day and all(d.label() == dated[0].label() for d in dated):
        return dated[0]
    return None


def _overlap(x: DateMention, y: DateMention) -> bool:
    if x.year and y.year:
        x_years = range(x.year, (x.year_end or x.year) + 1)
        y_years = range(y.year, (y.year_end or y.year) + 1)
        if not set(x_years) & set(y_years):
            return False
    return not (x.month and y.month and x.month != y.month)


def _shared_context(
    analysis: Analysis, fa: PassageFacts, offset_a: int, fb: PassageFacts, offset_b: int
) -> int:
    """Informative names and words the two sentences share, the figure's own unit aside."""
    context_a = _context_keys(analysis, fa)[fa.sentence_of(offset_a)]
    return len(context_a & _context_keys(analysis, fb)[fb.sentence_of(offset_b)])


def _context_keys(analysis: Analysis, fact: PassageFacts) -> list[set[str]]:
    """Each sentence's names, words and near-synonym groups in at most CONTEXT_SHARE of the
    passages: what `_shared_context` counts, picked once per passage, not per figure pair."""
    found = fact.derived.get("context keys")
    if found is None:
        # analysis.telling(key, CONTEXT_SHARE), its limit worked out once for all keys.
        limit = max(2, CONTEXT_SHARE * len(analysis.passages))
        df = analysis.df
        found = fact.derived["context keys"] = [
            {key for key in bag if key[0] in "etc" and df.get(key, 0) <= limit}
            for bag in fact.sentence_features
        ]
    return found  # type: ignore[return-value]


def compare_dates(analysis: Analysis, fa: PassageFacts, fb: PassageFacts) -> list[Comparison]:
    """Same day for one event, or two days for one subject's one-off event (left, signed...)."""
    results: list[Comparison] = []
    events_a = _events(fa)
    events_b = _events(fb) if events_a else []
    for subject, verb, date_a, objects_a in events_a:
        for subject_b, verb_b, date_b, objects_b in events_b:
            if subject != subject_b or verb != verb_b:
                continue
            if objects_a and objects_b and not objects_a & objects_b:
                continue  # the mayor met one minister on the 12th and another on the 13th
            if date_a.year and date_b.year and date_a.year != date_b.year:
                continue
            if date_a.month != date_b.month:
                continue
            days_a, days_b = set(date_a.days()), set(date_b.days())
            if days_a & days_b:
                results.append(Comparison("same-date", date_a.label(), date_b.label()))
            elif len(days_a) == 1 and len(days_b) == 1:
                results.append(Comparison("date-differs", date_a.label(), date_b.label()))
    return results


def _events(fact: PassageFacts) -> list[tuple[str, int, DateMention, frozenset[str]]]:
    """(subject, verb group, day, names after the verb) per sentence with a day and a one-off verb."""
    if "events" not in fact.derived:
        fact.derived["events"] = _find_events(fact)
    return fact.derived["events"]  # type: ignore[return-value]


def _find_events(fact: PassageFacts) -> list[tuple[str, int, DateMention, frozenset[str]]]:
    found: list[tuple[str, int, DateMention, frozenset[str]]] = []
    if not any(d.day for d in fact.dates):
        return found
    for index, (start, end) in enumerate(fact.sentences):
        days = [d for d in fact.dates if d.day and start <= d.start < end]
        if not days:
            continue
        mentions = [m for m in fact.mentions if m.sentence == index]
        for match in WORD.finditer(fact.text, start, end):
            word = fold_word(match.group())
            group = _EVENT_OF.get(word)
            if group is None:
                continue
            # The subject: the nearest name before the verb in the same sentence.
            before = [m for m in mentions if m.start < match.start()]
            if not before:
                continue
            subject = before[-1].key
            objects = frozenset(m.key for m in mentions if m.start > match.start())
            date = min(days, key=lambda d: abs(d.start - match.start()))
            found.append((subject, group, date, objects))
    return found
