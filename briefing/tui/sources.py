"""Each source's colour, the same everywhere in the reader.

Colours are theme variables (`$source-0` ... `$source-7`) so the .tcss and any
styled text can use them, and a theme may override them.
"""

from __future__ import annotations

from collections import Counter

from briefing.core.model import Briefing
from briefing.core.text import strip_controls

SOURCE_COLOURS = (
    "#e8853d",  # orange
    "#4c9be8",  # blue
    "#3cb77f",  # green
    "#c07ae0",  # violet
    "#e05a72",  # rose
    "#2fb5b5",  # teal
    "#c9a227",  # ochre
    "#8c8ff0",  # periwinkle
)
"""Mid-light hues that stay legible as badges on dark and light themes alike."""


def theme_variables() -> dict[str, str]:
    return {f"source-{i}": colour for i, colour in enumerate(SOURCE_COLOURS)}


def source_slot(briefing: Briefing, doc_id: str) -> int:
    """Which of the colours a document wears: by its order in the briefing."""
    return (briefing.document(doc_id).number - 1) % len(SOURCE_COLOURS)


def badge_style(briefing: Briefing, doc_id: str) -> str:
    """Style text for a document's badge: dark text on the source's colour."""
    return f"bold #101010 on $source-{source_slot(briefing, doc_id)}"


def ink_style(briefing: Briefing, doc_id: str) -> str:
    """Style text for a document's name written in its colour."""
    return f"bold $source-{source_slot(briefing, doc_id)}"


def source_label(briefing: Briefing, doc_id: str) -> str:
    """A document's name in lists, with its number where another source has the same name
    ('Harbour Post [3]'): a desk's briefing holds many articles of one publisher."""
    shared = briefing.memo.get("shared source names")
    if shared is None:
        counts = Counter(strip_controls(d.short_name).casefold() for d in briefing.documents)
        shared = briefing.memo["shared source names"] = {n for n, k in counts.items() if k > 1}
    document = briefing.document(doc_id)
    name = strip_controls(document.short_name)
    return f"{name} [{document.number}]" if name.casefold() in shared else name
