"""What a suggested link says it rests on: names as the passages write them, telling items only."""

from __future__ import annotations

from test_linking_entities import briefing_of

from briefing.core.linking import compute_links
from briefing.core.model import Briefing, Link


def link_between(briefing: Briefing, a: str, b: str) -> Link:
    for link in compute_links(briefing):
        if {link.source, link.target} == {a, b}:
            return link
    raise AssertionError(f"no link between {a} and {b}")


def test_a_name_is_shown_as_both_passages_write_it() -> None:
    briefing = briefing_of(
        {
            "a": "Then Mayor Ana Lestova opened the trade fair.\n\n"
            "Lestova praised the new cranes at the quay.",
            "b": "Critics of Lestova praised the cranes of the port.",
        }
    )
    reasons = " ".join(link_between(briefing, "a:1", "b:1").reasons)
    assert "Lestova" in reasons
    assert "Ana Lestova" not in reasons
