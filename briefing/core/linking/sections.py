"""Suggest a section for each passage the briefing does not place, from what it resembles."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.core.linking.analysis import Analysis, analyse, text_word_features
from briefing.core.linking.index import PAIRS_PER_BLOCK, entry_blocks, expand_products, flatten
from briefing.core.linking.linker import compute_links
from briefing.core.linking.terms import find_terms
from briefing.core.linking.tokens import normalise, sentences
from briefing.core.model import Briefing, Link, Section

if TYPE_CHECKING:
    import numpy as np

CENTROID_SHARE = 0.6
"""Weight of likeness to the section as a whole, against links to its passages."""
NEIGHBOUR_BONUS = 0.15
"""A passage next to one of a section's passages in the same article likely continues it."""
MIN_SUGGESTION = 0.05


@dataclass(frozen=True)
class SectionSuggestion:
    """The section an unplaced passage fits best, how well (0..1), and why."""

    section_id: str
    score: float
    reasons: tuple[str, ...]


def suggest_sections(
    briefing: Briefing,
    *,
    links: list[Link] | None = None,
    analysis: Analysis | None = None,
) -> dict[str, SectionSuggestion]:
    """For every passage no section lists, the section it fits best (when any fits at all).

    Fit mixes three things: likeness to the section's passages taken together
    (the cosine to their centroid), the links the passage has to them (automatic
    and curated), and being next to one of them in its own article. A section that
    lists no passage yet, as `briefing init` writes them, is known by the words of
    its title and intro instead.
    """
    placed = {pid for section in briefing.sections for pid in section.passages}
    unplaced = [pid for pid in briefing.passages if pid not in placed]
    sections = [s for s in briefing.sections if s.passages or _described(s)]
    if not unplaced or not sections:
        return {}
    analysis = analysis or analyse(briefing)
    if links is None:
        links = [*briefing.links, *compute_links(briefing, analysis=analysis)]
    vectors = _unit_vectors(analysis, set().union(*(s.passages for s in sections)))
    centroids = [
        _centroid([vectors[p] for p in s.passages if p in vectors])
        if s.passages
        else _described_vector(analysis, s)
        for s in sections
    ]
    likenesses = section_likeness(analysis, unplaced, centroids)
    home: dict[str, list[int]] = defaultdict(list)
    for number, section in enumerate(sections):
        for pid in section.passages:
            home[pid].append(number)
    linked = _linked(links, set(unplaced), home)
    suggestions: dict[str, SectionSuggestion] = {}
    for pid, row in zip(unplaced, likenesses, strict=True):
        likeness = row.tolist()
        by_section = linked.get(pid, {})
        neighbours = _neighbours(briefing, pid, home)
        # Ties go to the first section. A section with neither links nor a neighbour
        # scores its likeness alone, so of those only the best can win: score it and
        # the few sections that have links or a neighbour in full.
        candidates = {_best_likeness(likeness), *by_section, *neighbours}
        best: tuple[float, int] | None = None
        for number in sorted(candidates):
            partners = sorted(by_section.get(number, ()), reverse=True)
            link_part = 1.0 - math.prod(1.0 - min(score, 0.9) for score, _ in partners[:3])
            score = CENTROID_SHARE * likeness[number] + (1 - CENTROID_SHARE) * link_part
            score += NEIGHBOUR_BONUS if number in neighbours else 0.0
            rounded = round(min(score, 1.0), 4)
            if best is None or rounded > best[0]:
                best = (rounded, number)
        if best and best[0] >= MIN_SUGGESTION:
            number = best[1]
            partners = sorted(by_section.get(number, ()), reverse=True)
            reasons = _reasons(briefing, partners, neighbours.get(number))
            if not sections[number].passages:
                reasons = _described_reasons(analysis, pid, sections[number])
            suggestions[pid] = SectionSuggestion(sections[number].id, best[0], reasons)
    return suggestions


def section_likeness(
    analysis: Analysis, passages: list[str], centroids: list[dict[str, float]]
) -> Iterator[np.ndarray]:
    """The cosines of each passage with each section's centroid: a row per passage, made a
    few at a time (a table of them all grows with passages times sections).

    Each passage's row is summed from its own features, in their order, through the
    sections whose centroid has them: never pair by pair, and in bulk, since at 500
    documents and 100 sections that is 34 million products. Every sum is taken in the
    order a loop over the passage's features would take it, so the floats are the ones
    such a loop gives (a passage's norm too: `bincount` adds one weight after another).
    """
    import numpy as np  # deferred: only the linker needs it, not the reader's start

    numbers = {f: k for k, f in enumerate(analysis.idf)}
    idf = np.fromiter(analysis.idf.values(), np.float64, len(numbers))
    flat = flatten([_features(analysis, pid) for pid in passages], numbers, scale=idf)
    rows = flat.rows()
    norms = np.sqrt(np.bincount(rows, weights=flat.weights * flat.weights, minlength=len(flat)))
    norms[norms == 0.0] = 1.0
    units = flat.weights / norms[rows]
    # Each feature's sections in their order, with the feature's weight in their centroid
    # (a centroid has a feature once, so the keys sorted are distinct).
    width = len(centroids)
    sections_flat = flatten(centroids, numbers)
    order = np.argsort(sections_flat.features * width + sections_flat.rows())
    owners = sections_flat.features[order]
    sections, weights = sections_flat.rows()[order], sections_flat.weights[order]
    starts = np.searchsorted(owners, flat.features)
    counts = np.searchsorted(owners, flat.features, side="right") - starts
    done = 0  # rows given so far: a passage without features has a row of zeros
    for lo, hi in entry_blocks(rows, counts, PAIRS_PER_BLOCK):
        first, last = int(rows[lo]), int(rows[hi - 1]) + 1
        cells, products = expand_products(
            (rows[lo:hi] - first) * width,
            units[lo:hi],
            starts[lo:hi],
            counts[lo:hi],
            sections,
            weights,
        )
        yield from np.zeros((first - done, width))
        yield from np.bincount(cells, weights=products, minlength=(last - first) * width).reshape(
            last - first, width
        )
        done = last
    yield from np.zeros((len(passages) - done, width))


def _features(analysis: Analysis, pid: str) -> dict[str, float]:
    fact = analysis.passages.get(pid)
    return fact.features if fact is not None else {}


def _rounded_likeness(likeness: float) -> float:
    return round(min(CENTROID_SHARE * likeness, 1.0), 4)


def _best_likeness(likeness: list[float]) -> int:
    """The first section whose likeness alone scores best (after rounding, as suggestions are)."""
    top = max(range(len(likeness)), key=likeness.__getitem__)
    target = _rounded_likeness(likeness[top])
    # Only an earlier section within a rounding step of the best can tie with it.
    near = (target - 0.0001) / CENTROID_SHARE
    return next(
        (n for n in range(top) if likeness[n] > near and _rounded_likeness(likeness[n]) == target),
        top,
    )


def _linked(
    links: list[Link], unplaced: set[str], home: dict[str, list[int]]
) -> dict[str, dict[int, list[tuple[float, str]]]]:
    """Unplaced passage → section number → (score, partner) for each link into that section.

    Only the pairs a link joins get an entry. Every kind of link counts,
    disagreements too: they are about the same thing.
    """
    linked: dict[str, dict[int, list[tuple[float, str]]]] = {}
    for link in links:
        for here, there in ((link.source, link.target), (link.target, link.source)):
            if here not in unplaced:
                continue
            for number in home.get(there, ()):
                by_section = linked.setdefault(here, {})
                by_section.setdefault(number, []).append(
                    (1.0 if link.curated else link.score, there)
                )
    return linked


def _unit_vectors(analysis: Analysis, wanted: set[str]) -> dict[str, dict[str, float]]:
    return {pid: _unit_vector(analysis, pid) for pid in analysis.passages if pid in wanted}


def _unit_vector(analysis: Analysis, pid: str) -> dict[str, float]:
    """A passage's features weighted by their IDF, of length 1 (empty when not analysed)."""
    fact = analysis.passages.get(pid)
    if fact is None:
        return {}
    idf = analysis.idf
    vector = {f: w * idf[f] for f, w in fact.features.items()}
    norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
    return {f: x / norm for f, x in vector.items()}


def _centroid(vectors: list[dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for vector in vectors:
        for f, x in vector.items():
            total[f] += x
    norm = math.sqrt(sum(x * x for x in total.values())) or 1.0
    return {f: x / norm for f, x in total.items()}


def _described(section: Section) -> str:
    """The words a section says it is about: its title and intro."""
    return normalise(f"{section.title}. {section.intro}".strip(" ."))


def _described_vector(analysis: Analysis, section: Section) -> dict[str, float]:
    """A section's title and intro read as a passage is, of length 1: the centroid of a
    section with no passages. Only features some passage has count (no other can match)."""
    vector = {
        key: weight * analysis.idf[key]
        for key, weight in text_word_features(_described(section)).items()
        if key in analysis.idf
    }
    norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
    return {f: x / norm for f, x in vector.items()}


def _described_reasons(analysis: Analysis, pid: str, section: Section) -> tuple[str, ...]:
    """'words of its title: ferry, strike': the title and intro words the passage shares."""
    fact = analysis.passages.get(pid)
    features = fact.features if fact is not None else {}
    text = _described(section)
    shared = dict.fromkeys(
        term.word
        for words in find_terms(text, sentences(text))
        for term in words.terms
        if "t:" + term.stem in features
    )
    where = "title and intro" if section.intro.strip() else "title"
    if not shared:  # a synonym or a word of the same family
        return (f"near the words of its {where}",)
    return (f"words of its {where}: {', '.join(shared)}",)


def _neighbours(briefing: Briefing, pid: str, home: dict[str, list[int]]) -> dict[int, str]:
    """Section number → the passage next to `pid` in its article that the section lists."""
    passage = briefing.passages[pid]
    found: dict[int, str] = {}
    for offset in (-1, 1):
        other = f"{passage.doc}:{passage.index + offset}"
        for number in home.get(other, ()):
            found.setdefault(number, other)
    return found


def _reasons(
    briefing: Briefing, partners: list[tuple[float, str]], neighbour: str | None
) -> tuple[str, ...]:
    reasons = []
    if partners:
        cited = ", ".join(dict.fromkeys(briefing.citation(p) for _, p in partners[:3]))
        reasons.append(f"linked to {len(partners)} of its passages: {cited}")
    if neighbour:
        reasons.append(f"next to {briefing.citation(neighbour)} in the same article")
    if not reasons:
        reasons.append("like its passages in names and words")
    return tuple(reasons)
