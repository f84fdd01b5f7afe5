"""The one door through which surfaces get automatic links: the CLI, the export and the reader.

Keeping a single entry point lets the cache (see briefing.core.cache) sit in one
place: a surface asks for the links of a briefing and never calls the linker itself.
"""

from __future__ import annotations

from briefing.core.model import Briefing, Link


def auto_links(briefing: Briefing) -> tuple[Link, ...]:
    """The briefing's automatic links, best first; curated pairs are never repeated."""
    from briefing.core.linking.linker import compute_links

    return tuple(compute_links(briefing))


def all_links(briefing: Briefing) -> tuple[Link, ...]:
    """Curated links first (in the YAML's order), then the automatic ones."""
    return (*briefing.links, *auto_links(briefing))
