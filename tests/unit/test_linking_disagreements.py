"""Disagreements: different figures or dates for one quantity or event, and only then."""

from __future__ import annotations

import pytest
from test_linking_entities import briefing_of

from briefing.core.linking import analyse, compute_links
from briefing.core.linking.disagreements import compare

DATES = {"a": "2023-09-19", "b": "2023-09-20"}


def kinds(a: str, b: str, dates: dict[str, str] | None = DATES) -> set[str]:
    briefing = briefing_of({"a": a, "b": b, "c": "An unrelated note on weather."}, dates)
    return {c.kind for c in compare(analyse(briefing), "a:1", "b:1")}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Officials said Russia had consumed 10 million to 11 million rounds of ammunition during 2022.",
            "Russia has exhausted up to 11 million shells in Ukraine last year, a fellow said.",
        ),
        (
            "Around 200 protesters gathered outside the town hall on Tuesday before the vote.",
            "On Tuesday we counted about 350 protesters outside the town hall.",
        ),
        (
            "The Eastside scheme will cost £412 million, according to Harwick City Council.",
            "The headline budget for the Eastside scheme is £450 million, Harwick City Council says.",
        ),
    ],
)
def test_different_figures_for_one_quantity_disagree(a: str, b: str) -> None:
    assert "figure-differs" in kinds(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one named subject, two weights, no date
        (
            "The 200,000-ton Varo Star is one of the largest ferries afloat.",
            "Tugs could not shift the 220,000-tonne Varo Star from the sandbank.",
        ),
        # a second measure agrees, so the two weights are of one thing
        (
            "The ferry, which weighs 220,000 tonnes and is 400 metres long, blocked the strait.",
            "The 200,000-ton freighter, 400-metre-long, blocked the strait.",
        ),
    ],
)
def test_one_thing_weighed_differently_disagrees(a: str, b: str) -> None:
    assert kinds(a, b, dates=None) >= {"figure-differs"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two named ships, each with its own weight
        (
            "The 200,000-ton Varo Star is one of the largest ferries afloat.",
            "Tugs could not shift the 220,000-tonne Eastmere Dawn from the sandbank.",
        ),
        # the same noun but figures far apart: two different crews
        (
            "The 12-member crew of the ferry was rescued at dawn.",
            "A 40-member crew of engineers was flown in later.",
        ),
        # a second measure that differs says nothing of one thing
        (
            "A ferry of 220,000 tonnes, 400 metres long, sailed.",
            "A ferry of 200,000 tonnes, 300 metres long, sailed.",
        ),
    ],
)
def test_no_disagreement_without_one_named_thing(a: str, b: str) -> None:
    assert "figure-differs" not in kinds(a, b, dates=None)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same unit in different years: two quantities
        ("Russia fired 11 million shells in 2022.", "Russia fired 7 million shells in 2023."),
        # a part and the whole, each agreed by the other side
        (
            "He said £250 million would come from the National Transport Fund.",
            "The £412 million cost will be met by a £250 million grant from the National Transport Fund.",
        ),
        # nothing said of the two figures meets
        ("Harwick has 14 stops on its bus line.", "Harwick planted 20 trees in the park."),
        # small counts are too common to compare
        ("The two nations met.", "The three nations met."),
        # one side has a date, the other none
        ("Exports reached 500 tonnes in 2021.", "Exports could reach 800 tonnes of grain."),
    ],
)
def test_no_disagreement_without_evidence_of_one_quantity(a: str, b: str) -> None:
    assert "figure-differs" not in kinds(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The council says the line will cost £412 million.",
            "The £412 million cost will be met by the council.",
        ),
        (
            "Officials said 3,833 tons of wheat flour were sent.",
            "Russia sent more than 3,833 tons of wheat flour.",
        ),
    ],
)
def test_equal_figures_are_the_same_figure(a: str, b: str) -> None:
    assert kinds(a, b) == {"same-figure"}


def test_two_days_for_one_departure_disagree() -> None:
    found = kinds(
        "On September 13, Kim Jong Un embarked on his first foreign visit.",
        "Kim left Pyongyang on 10 September in his armoured train.",
    )
    assert found == {"date-differs"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # different subjects
        ("Putin met Zhang Guoqing on September 12.", "On 13 September Kim held talks with Putin."),
        # the same subject meeting different people on different days
        ("Putin met Zhang Guoqing on 12 September.", "Putin met Kim Jong Un on 13 September."),
    ],
)
def test_different_days_of_different_events_do_not_disagree(a: str, b: str) -> None:
    assert "date-differs" not in kinds(a, b)


def test_the_same_day_for_one_event_is_the_same_event() -> None:
    briefing = briefing_of(
        {
            "a": "On September 13, Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome.",
            "b": "On 13 September Kim toured the Vostochny Cosmodrome and held talks with Putin.",
        },
        DATES,
    )
    (link,) = compute_links(briefing)
    assert link.kind == "same-event"
    assert "same date: 13 September 2023" in link.reasons


def test_a_disagreement_link_shows_both_values_with_their_sources() -> None:
    briefing = briefing_of(
        {
            "a": "The Eastside scheme will cost £412 million, according to Harwick City Council.",
            "b": "The headline budget for the Eastside scheme is £450 million, Harwick City Council says.",
        }
    )
    (link,) = compute_links(briefing)
    assert link.kind == "disagreement"
    assert link.reasons[0] == "differs: £412m (a) vs £450m (b)"


def test_a_figure_only_two_passages_give_is_the_same_figure() -> None:
    # '400-metre-long' and '400 metres' are one figure; no other passage gives it.
    found = kinds(
        "The ferry, which is 400 metres long, ran aground in the strait.",
        "Divers inspected the 400-metre-long hull for damage.",
    )
    assert found == {"same-figure"}


def test_a_figure_many_passages_give_needs_context_to_be_the_same() -> None:
    briefing = briefing_of(
        {
            "a": "The ferry, which is 400 metres long, ran aground in the strait.",
            "b": "Divers inspected the 400-metre-long hull for damage.",
            "c": "The new pier of Portlaw is 400 metres long.",
        },
        DATES,
    )
    assert compare(analyse(briefing), "a:1", "b:1") == []
