"""compute_links: ranked links across sources, deterministic, never within one document or twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_linking_entities import briefing_of

from briefing.core.linking import analyse, compute_links
from briefing.core.linking.index import FeatureIndex, candidate_count, top_pair_arrays
from briefing.core.loader import load_briefing
from briefing.core.model import LINK_KINDS, Briefing, Link

SECOND = Path(__file__).resolve().parent.parent / "data" / "second_briefing"


@pytest.fixture(scope="module")
def bundled() -> Briefing:
    return load_briefing()


@pytest.fixture(scope="module")
def second() -> Briefing:
    return load_briefing(SECOND)


@pytest.mark.parametrize("which", ["bundled", "second"])
def test_links_are_well_formed(which: str, request: pytest.FixtureRequest) -> None:
    briefing: Briefing = request.getfixturevalue(which)
    links = compute_links(briefing)
    assert links
    pairs = [frozenset((link.source, link.target)) for link in links]
    assert len(pairs) == len(set(pairs)), "one link per unordered pair"
    for link in links:
        assert briefing.passages[link.source].doc != briefing.passages[link.target].doc
        assert 0.0 < link.score <= 1.0
        assert link.kind in LINK_KINDS
        assert not link.curated
        assert link.reasons and all(isinstance(r, str) and r for r in link.reasons)


@pytest.mark.parametrize("which", ["bundled", "second"])
def test_links_are_deterministic(which: str, request: pytest.FixtureRequest) -> None:
    briefing: Briefing = request.getfixturevalue(which)
    assert compute_links(briefing) == compute_links(briefing)


def test_curated_pairs_are_never_duplicated(second: Briefing) -> None:
    curated = {frozenset((link.source, link.target)) for link in second.links}
    assert curated
    automatic = {frozenset((link.source, link.target)) for link in compute_links(second)}
    assert not curated & automatic
    without = compute_links(second._replace(links=()))
    assert curated & {frozenset((link.source, link.target)) for link in without}


@pytest.mark.parametrize("per_passage", [1, 3, 8])
def test_every_passage_keeps_its_best_partners(second: Briefing, per_passage: int) -> None:
    links = compute_links(second._replace(links=()), per_passage=per_passage)
    touching: dict[str, int] = {}
    for link in links:
        for pid in (link.source, link.target):
            touching[pid] = touching.get(pid, 0) + 1
    assert touching
    # Each passage gets its own best per_passage, plus any passage whose best it is.
    assert all(count >= min(per_passage, 1) for count in touching.values())
    assert len(links) <= per_passage * len(second.passages)


def test_per_passage_must_be_positive(second: Briefing) -> None:
    with pytest.raises(ValueError):
        compute_links(second, per_passage=0)


def test_no_links_within_a_single_document(second: Briefing) -> None:
    alone = second._replace(documents=second.documents[:1], links=(), sections=())
    assert compute_links(alone) == []


def test_reasons_name_what_is_shared(bundled: Briefing) -> None:
    links = compute_links(bundled._replace(links=()))
    by_pair = {frozenset((link.source, link.target)): link for link in links}
    jo = by_pair[frozenset(("diplomat:12", "asianage:4"))]
    assert any("Jo Chun Ryong" in reason for reason in jo.reasons)
    meeting = by_pair[frozenset(("diplomat:1", "surge:4"))]
    assert "same date: 13 September" in meeting.reasons


def test_the_bundled_briefing_shows_its_known_disagreements(bundled: Briefing) -> None:
    links = compute_links(bundled._replace(links=()))
    by_pair = {frozenset((link.source, link.target)): link for link in links}
    shells = by_pair[frozenset(("diplomat:15", "asianage:4"))]
    assert shells.kind == "disagreement"
    assert shells.reasons[0] == (
        "differs: 10–11 million rounds (Diplomat) vs up to 11 million shells (Asian Age)"
    )
    trip = by_pair[frozenset(("surge:3", "asianage:1"))]
    assert trip.kind == "disagreement"
    # Conservative: only a handful of the hundreds of links say "disagrees".
    assert sum(link.kind == "disagreement" for link in links) <= 5


def _vectors(briefing: Briefing) -> tuple[list[dict[str, float]], list[int]]:
    analysis = analyse(briefing)
    facts = list(analysis.passages.values())
    vectors = [{f: w * analysis.idf[f] for f, w in fact.features.items()} for fact in facts]
    docs = {d.id: i for i, d in enumerate(briefing.documents)}
    return vectors, [docs[fact.doc] for fact in facts]


@pytest.mark.parametrize("max_postings", [2, 5, 20])
def test_candidate_pairs_are_bounded_by_the_postings_cap(
    second: Briefing, max_postings: int
) -> None:
    vectors, groups = _vectors(second)
    index = FeatureIndex(vectors, groups, max_postings=max_postings)
    occurrences = sum(len(v) for v in vectors)
    pairs = index.pair_dots()
    assert len(pairs) <= candidate_count(index) <= max_postings * occurrences
    for key in pairs:
        i, j = divmod(key, len(vectors))
        assert i < j and groups[i] != groups[j]


def test_pairs_come_only_from_shared_features() -> None:
    vectors = [{"a": 1.0}, {"a": 1.0, "b": 1.0}, {"b": 2.0}, {"c": 1.0}]
    index = FeatureIndex(vectors, [0, 1, 2, 2])
    assert index.pair_dots() == {0 * 4 + 1: 1.0, 1 * 4 + 2: 2.0}


def test_top_pairs_keeps_each_items_best() -> None:
    import numpy as np

    n = 4
    keys = np.array([0 * n + 1, 0 * n + 2, 0 * n + 3, 2 * n + 3])
    # 0 and 1 are each other's best; 2's best is 0, and 3's best is 2.
    kept = top_pair_arrays(keys, np.array([0.9, 0.5, 0.1, 0.2]), n, 1, least=0.0)
    assert set(kept) == {0 * n + 1, 0 * n + 2, 2 * n + 3}


def test_a_link_is_a_model_link() -> None:
    assert Link("a:1", "b:1", "related", 0.5, ("both: x",), curated=False).other("a:1") == "b:1"


def _score(docs: dict[str, str], a: str, b: str) -> float:
    from test_linking_entities import briefing_of

    for link in compute_links(briefing_of(docs)):
        if {link.source, link.target} == {a, b}:
            return link.score
    return 0.0


def test_a_name_set_in_another_year_is_another_event() -> None:
    docs = {
        "q": "The Port Varo regatta drew Lee Min Ho and the navy in 2002.",
        "s": "In 2002 the Port Varo regatta drew Lee Min Ho and the navy.",
        "o": "In 2019 the Port Varo regatta drew Lee Min Ho and the navy.",
        "f": "A note on the weather.",
    }
    assert _score(docs, "q:1", "s:1") > _score(docs, "q:1", "o:1")


def test_months_of_one_year_do_not_set_a_name_at_two_times() -> None:
    # The first sentence dates the meeting and names a person of the talks two months before.
    docs = {
        "q": "In April 2019 Lee Min Ho met Ana Lestova, two months after his talks with "
        "Teo Brand in Port Varo fell apart.",
        "s": "Talks between Lee Min Ho and Teo Brand in Port Varo fell apart in February 2019.",
        "n": "Talks between Lee Min Ho and Teo Brand in Port Varo fell apart.",
        "f": "A note on the weather.",
    }
    assert _score(docs, "q:1", "s:1") >= _score(docs, "q:1", "n:1")


def hub_briefing() -> Briefing:
    """Seven passages on one strike rank each other first; each also shares a word with a
    survey that shares a rare word with twelve short notes, and ranks them all higher."""
    rare = ["zorbel", "quindle", "marvex", "tolpan", "brisket", "caldor"]
    rare += ["fennick", "gorvath", "hastle", "jinvor", "pellum", "rastik"]
    places = ["roof", "barn", "mill", "quay", "shed", "gate"]
    places += ["yard", "lane", "dock", "wall", "tower", "bridge"]
    docs = {
        f"a{i}": f"Ana Lestova and the Portlaw dockers met Tom Varga about the crane strike "
        f"at pier {i}; the weather held."
        for i in range(7)
    }
    docs["hub"] = f"Weather aside, the survey logged {', '.join(rare)}."
    for j, (word, place) in enumerate(zip(rare, places, strict=True)):
        docs[f"b{j}"] = f"A {word} nested on the {place}."
    return briefing_of(docs)


def hub_partners(links: list[Link]) -> set[str]:
    return {
        link.source if link.target == "hub:1" else link.target
        for link in links
        if "hub:1" in (link.source, link.target)
    }


def test_a_hub_keeps_only_the_links_one_side_ranks_first_or_both_rank_high() -> None:
    # The survey is among the best eight of each strike passage, but ranks them all below
    # its twelve notes: no link between them.
    links = compute_links(hub_briefing())
    assert hub_partners(links) == {f"b{j}:1" for j in range(12)}
    strike = {
        frozenset((link.source, link.target))
        for link in links
        if link.source.startswith("a") and link.target.startswith("a")
    }
    assert len(strike) == 21  # every pair of the seven strike passages


def test_a_pair_both_sides_rank_low_is_kept_when_both_give_one_day() -> None:
    from briefing.core.linking.linker import _mutual

    # Passage 0 ranks passage 1 seventh, passage 1 ranks passage 0 thirteenth.
    n = 40
    short = {0 * n + j: 1.0 - j / 100 for j in range(2, 8)}  # 0's six better partners
    short[0 * n + 1] = 0.9
    short.update({1 * n + j: 0.95 - j / 1000 for j in range(8, 20)})  # 1's twelve better
    kept = {0 * n + 1: 0.9}
    no_days = [frozenset()] * n
    assert _mutual(kept, short, n, 8, no_days) == {}
    days = [frozenset({"D:2024-05-12"})] * 2 + [frozenset()] * (n - 2)
    assert _mutual(kept, short, n, 8, days) == kept
