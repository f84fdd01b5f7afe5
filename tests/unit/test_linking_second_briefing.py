"""The linker on a second, unrelated briefing: links, disagreements, section suggestions, corroboration."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.linking import compute_links, corroborated_passages, suggest_sections
from briefing.core.linking.sections import SectionSuggestion
from briefing.core.loader import load_briefing
from briefing.core.model import Briefing

SECOND = Path(__file__).resolve().parent.parent / "data" / "second_briefing"


@pytest.fixture(scope="module")
def second() -> Briefing:
    return load_briefing(SECOND)


@pytest.fixture(scope="module")
def links(second: Briefing) -> dict[frozenset[str], object]:
    return {frozenset((link.source, link.target)): link for link in compute_links(second)}


@pytest.mark.parametrize(
    ("a", "b", "kind", "reason"),
    [
        (
            "herald:2",
            "transit:2",
            "disagreement",
            "differs: £412m (Herald) vs £450m (Transit Weekly)",
        ),
        (
            "herald:3",
            "voice:1",
            "disagreement",
            "differs: about 200 protesters (Herald) vs about 350 protesters (Voice)",
        ),
        ("herald:2", "voice:2", "same-figure", "same figure: £412m"),
        ("herald:6", "transit:4", "same-figure", "same figure: 18,000 passengers"),
        ("herald:3", "voice:2", "same-figure", "same figure: 86 trees"),
        ("voice:1", "council:1", "same-event", "same date: 12 March 2024"),
    ],
)
def test_links_found_on_the_second_briefing(links, a: str, b: str, kind: str, reason: str) -> None:
    link = links[frozenset((a, b))]
    assert link.kind == kind
    assert reason in link.reasons


def test_names_are_reasons(links) -> None:
    link = links[frozenset(("herald:5", "voice:5"))]
    assert any("Dev Raman" in reason for reason in link.reasons)


def test_no_false_disagreement_between_a_grant_and_the_whole_cost(links) -> None:
    link = links.get(frozenset(("herald:5", "council:4")))
    assert link is not None and link.kind == "same-figure"


def _without_document(briefing: Briefing, doc: str) -> Briefing:
    sections = tuple(
        s._replace(
            passages=tuple(p for p in s.passages if not p.startswith(doc + ":")),
            key_points=(),
        )
        for s in briefing.sections
    )
    return briefing._replace(sections=sections)


def test_every_placed_passage_gets_no_suggestion(second: Briefing) -> None:
    assert suggest_sections(second) == {}


@pytest.mark.parametrize("doc", ["herald", "transit", "voice", "council"])
def test_unplaced_passages_are_offered_a_section(second: Briefing, doc: str) -> None:
    suggestions = suggest_sections(_without_document(second, doc))
    ids = [p.id for p in second.document(doc).passages]
    assert set(suggestions) == set(ids)
    for suggestion in suggestions.values():
        assert isinstance(suggestion, SectionSuggestion)
        assert 0 < suggestion.score <= 1
        assert suggestion.reasons


def test_suggestions_mostly_agree_with_the_authors_placement(second: Briefing) -> None:
    right = total = 0
    for doc in ("herald", "transit", "voice", "council"):
        for pid, suggestion in suggest_sections(_without_document(second, doc)).items():
            total += 1
            right += suggestion.section_id in second.sections_of(pid)
    assert right >= 0.7 * total
    assert (
        suggest_sections(_without_document(second, "voice"))["voice:3"].section_id == "opposition"
    )
    assert (
        suggest_sections(_without_document(second, "herald"))["herald:3"].section_id == "opposition"
    )


def test_suggestions_are_deterministic(second: Briefing) -> None:
    stripped = _without_document(second, "transit")
    assert suggest_sections(stripped) == suggest_sections(stripped)


@pytest.mark.parametrize("section", ["decision", "money", "opposition"])
def test_corroborated_passages_come_from_the_section_and_several_sources(
    second: Briefing, section: str
) -> None:
    stripped = _without_document(second, "none")
    chosen = corroborated_passages(stripped, section, 3)
    assert chosen
    assert len(chosen) == len(set(chosen)) <= 3
    assert set(chosen) <= set(second.section(section).passages)
    if len(chosen) > 1:
        assert len({second.passages[p].doc for p in chosen}) > 1
    assert corroborated_passages(stripped, section, 3) == chosen


def test_the_first_citation_is_backed_by_several_other_sources(second: Briefing) -> None:
    (first,) = corroborated_passages(second, "money", 1)
    backers = {
        second.passages[link.other(first)].doc
        for link in [*second.links, *compute_links(second)]
        if first in (link.source, link.target) and link.kind != "disagreement"
    }
    assert len(backers) >= 2


def test_no_citations_for_a_limit_below_one(second: Briefing) -> None:
    assert corroborated_passages(second, "money", 0) == []
