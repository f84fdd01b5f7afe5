"""Which passages of a section other sources back up most: what a summary without key points cites."""

from __future__ import annotations

from collections import defaultdict

from briefing.core.linking.linker import compute_links
from briefing.core.model import Briefing, Link

SAME_SECTION_WEIGHT = 1.5
"""Corroboration by a passage of the same section is closer to the section's point."""
REPEAT_SOURCE_DISCOUNT = 0.6
"""Each further pick from an already cited source counts this much less: cite several sources."""


def corroborated_passages(
    briefing: Briefing, section_id: str, limit: int = 3, *, links: list[Link] | None = None
) -> list[str]:
    """The passages of a section most corroborated across sources, best first, from varied sources.

    Ranks by the number of other sources that back a passage, then by the
    strength of that backing (links within the section count more); picks
    greedily so that a second passage from an already cited source must beat
    the others by a margin. Deterministic; ties go to briefing order.
    """
    if limit < 1:
        return []
    section = briefing.section(section_id)
    if links is None:
        links = [*briefing.links, *compute_links(briefing)]
    members = set(section.passages)
    backing: dict[str, float] = defaultdict(float)
    sources: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.kind == "disagreement":
            continue
        score = 1.0 if link.curated else link.score
        for here, there in ((link.source, link.target), (link.target, link.source)):
            if here in members:
                sources[here].add(briefing.passages[there].doc)
                backing[here] += score * (SAME_SECTION_WEIGHT if there in members else 1.0)
    order = {pid: i for i, pid in enumerate(section.passages)}
    remaining = [pid for pid in section.passages if pid in briefing.passages]
    chosen: list[str] = []
    cited: dict[str, int] = defaultdict(int)
    while remaining and len(chosen) < limit:

        def value(pid: str) -> tuple[float, int]:
            discount = REPEAT_SOURCE_DISCOUNT ** cited[briefing.passages[pid].doc]
            return (discount * (len(sources[pid]) + backing[pid]), -order[pid])

        best = max(remaining, key=value)
        if not sources[best] and chosen:
            break  # nothing else is backed by another source
        chosen.append(best)
        cited[briefing.passages[best].doc] += 1
        remaining.remove(best)
    return chosen
