"""Suggest a section for each passage the briefing does not place, from what it resembles."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from briefing.core.linking.analysis import Analysis, analyse
from briefing.core.linking.linker import compute_links
from briefing.core.model import Briefing, Link

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
    and curated), and being next to one of them in its own article.
    """
    placed = {pid for section in briefing.sections for pid in section.passages}
    unplaced = [pid for pid in briefing.passages if pid not in placed]
    sections = [s for s in briefing.sections if s.passages]
    if not unplaced or not sections:
        return {}
    analysis = analysis or analyse(briefing)
    if links is None:
        links = [*briefing.links, *compute_links(briefing, analysis=analysis)]
    vectors = _unit_vectors(analysis)
    centroids = {
        s.id: _centroid([vectors[p] for p in s.passages if p in vectors]) for s in sections
    }
    members = {s.id: set(s.passages) for s in sections}
    linked: dict[str, dict[str, list[tuple[float, str]]]] = defaultdict(lambda: defaultdict(list))
    # Every kind of link counts, disagreements too: they are about the same thing.
    for link in links:
        for here, there in ((link.source, link.target), (link.target, link.source)):
            for section in sections:
                if there in members[section.id]:
                    linked[here][section.id].append((1.0 if link.curated else link.score, there))
    suggestions: dict[str, SectionSuggestion] = {}
    for pid in unplaced:
        best: tuple[float, str, tuple[str, ...]] | None = None
        for section in sections:
            likeness = _dot(vectors.get(pid, {}), centroids[section.id])
            partners = sorted(linked[pid][section.id], reverse=True)
            link_part = 1.0 - math.prod(1.0 - min(score, 0.9) for score, _ in partners[:3])
            neighbour = _neighbour(briefing, pid, members[section.id])
            score = CENTROID_SHARE * likeness + (1 - CENTROID_SHARE) * link_part
            score += NEIGHBOUR_BONUS if neighbour else 0.0
            reasons = _reasons(briefing, partners, neighbour)
            candidate = (round(min(score, 1.0), 4), section.id, reasons)
            if best is None or candidate[0] > best[0]:
                best = candidate
        if best and best[0] >= MIN_SUGGESTION:
            suggestions[pid] = SectionSuggestion(best[1], best[0], best[2])
    return suggestions


def _unit_vectors(analysis: Analysis) -> dict[str, dict[str, float]]:
    vectors = {}
    for pid, fact in analysis.passages.items():
        vector = {f: w * analysis.idf[f] for f, w in fact.features.items()}
        norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
        vectors[pid] = {f: x / norm for f, x in vector.items()}
    return vectors


def _centroid(vectors: list[dict[str, float]]) -> dict[str, float]:
    total: dict[str, float] = defaultdict(float)
    for vector in vectors:
        for f, x in vector.items():
            total[f] += x
    norm = math.sqrt(sum(x * x for x in total.values())) or 1.0
    return {f: x / norm for f, x in total.items()}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(f, 0.0) for f, x in a.items())


def _neighbour(briefing: Briefing, pid: str, members: set[str]) -> str | None:
    passage = briefing.passages[pid]
    for offset in (-1, 1):
        other = f"{passage.doc}:{passage.index + offset}"
        if other in members:
            return other
    return None


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
