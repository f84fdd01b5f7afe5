"""The automatic linker: names, figures, dates and rare terms shared across sources.

Public API (plain Python, no UI):
    auto_links(briefing) / all_links(briefing) -> links for surfaces (cached; use these)
    compute_links(briefing, *, per_passage=8) -> list[Link]
    suggest_sections(briefing) -> dict[passage id, SectionSuggestion]
    corroborated_passages(briefing, section_id, limit) -> list[passage id]
    analyse(briefing) -> Analysis   (names with mentions, dates, figures per passage)
"""

from briefing.core.linking.analysis import Analysis, analyse
from briefing.core.linking.corroboration import corroborated_passages
from briefing.core.linking.derived import all_links, auto_links
from briefing.core.linking.linker import compute_links
from briefing.core.linking.sections import SectionSuggestion, suggest_sections

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
