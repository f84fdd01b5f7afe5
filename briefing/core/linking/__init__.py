"""The automatic linker: names, figures, dates and rare terms shared across sources.

Public API (plain Python, no UI):
    auto_links(briefing) / all_links(briefing) -> links for surfaces (cached; use these)
    compute_links(briefing, *, per_passage=8) -> list[Link]
    suggest_sections(briefing) -> dict[passage id, SectionSuggestion]
    corroborated_passages(briefing, section_id, limit) -> list[passage id]
    analyse(briefing) -> Analysis   (names with mentions, dates, figures per passage)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.core.linking.analysis import Analysis, analyse
    from briefing.core.linking.corroboration import corroborated_passages
    from briefing.core.linking.derived import all_links, auto_links
    from briefing.core.linking.linker import compute_links
    from briefing.core.linking.sections import SectionSuggestion, suggest_sections

# Imported on first use: the linker's modules cost ~100 ms to import, which a
# cache hit (links read back from the user's cache) should never pay.
_HOMES = {
    "Analysis": "analysis",
    "analyse": "analysis",
    "corroborated_passages": "corroboration",
    "all_links": "derived",
    "auto_links": "derived",
    "compute_links": "linker",
    "SectionSuggestion": "sections",
    "suggest_sections": "sections",
}

__all__ = [
    "Analysis",
    "SectionSuggestion",
    "all_links",
    "analyse",
    "auto_links",
    "compute_links",
    "corroborated_passages",
    "suggest_sections",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
