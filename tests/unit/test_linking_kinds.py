"""Link kinds: same event, background, agreement and related say what two passages share."""

from __future__ import annotations

import pytest
from test_linking_entities import briefing_of

from briefing.core.linking import analyse, compute_links
from briefing.core.linking.kinds import document_times, link_kind, shared_phrase
from briefing.core.model import Link

FILLER = (
    "Gardeners in Lowmoor report a wet spring.\n\n"
    "The library extends its opening hours on Saturdays.\n\n"
    "A new bakery opened near the station."
)
DATES = {"a": "2024-05-20", "b": "2024-05-21", "c": "2024-05-22"}


def link_between(a: str, b: str, dates: dict[str, str] | None = DATES) -> Link:
    briefing = briefing_of({"a": a, "b": b, "c": FILLER}, dates)
    for link in compute_links(briefing):
        if {link.source, link.target} == {"a:1", "b:1"}:
            return link
    raise AssertionError("the two passages are not linked")


def kind_of(a: str, b: str, dates: dict[str, str] | None = DATES) -> str:
    briefing = briefing_of({"a": a, "b": b, "c": FILLER}, dates)
    analysis = analyse(briefing)
    return link_kind(analysis, "a:1", "b:1", [], document_times(briefing, analysis)).kind


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "On 14 May Mayor Ana Lestova opened the Varo Bridge with Governor Teo Brand.",
            "Governor Teo Brand cut the ribbon on the Varo Bridge on 14 May, beside Ana Lestova.",
        ),
        (
            "In July 2022 Freedonia recognised the independence of Eastmark and Westmark.",
            "Freedonia in July 2022 then recognised Eastmark and Westmark as independent states.",
        ),
    ],
)
def test_one_day_or_month_with_the_same_names_is_one_event(a: str, b: str) -> None:
    assert kind_of(a, b) == "same-event"


def test_a_month_with_only_one_name_is_not_yet_one_event() -> None:
    a = "In July 2022 Freedonia raised its tariffs on steel imports sharply."
    b = "Freedonia in July 2022 opened a consulate abroad for its growing diaspora."
    assert kind_of(a, b) != "same-event"


def test_two_days_of_one_month_with_the_same_names_are_not_one_event() -> None:
    a = "On 12 May Freedonia and Eastmark closed the Varo Strait to shipping."
    b = "On 19 May Freedonia and Eastmark reopened the Varo Strait to shipping."
    assert kind_of(a, b) != "same-event"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "In 1950 the Varo Bridge was built by Lestova Works after a long dispute.",
            "The Varo Bridge will close for repairs this year, Lestova Works said.",
        ),
        (
            "From 1961 to 1975 Lestova Works ran the Varo Bridge tolls for the province.",
            "Lestova Works wants to run the Varo Bridge tolls again, it said in 2024.",
        ),
    ],
)
def test_a_passage_of_the_distant_past_is_background(old: str, new: str) -> None:
    link = link_between(old, new)
    assert link.kind == "background"
    # The link points from the passage that needs the background to the one that gives it.
    assert (link.source, link.target) == ("b:1", "a:1")
    assert link.reasons[0].startswith("background: 19")


def test_a_time_reaching_the_present_is_not_background() -> None:
    old = "Lestova Works has not repaired the Varo Bridge since its opening in 1950."
    new = "The Varo Bridge will close for repairs this year, Lestova Works said."
    assert kind_of(old, new) != "background"


@pytest.mark.parametrize(
    ("a", "b", "phrase"),
    [
        (
            "“We will be together in the fight against imperialism,” the mayor told the council.",
            "As she put it, ‘together in the fight against imperialism’, and the hall cheered.",
            "together in the fight against imperialism",
        ),
        (
            "The minister called it a sacred duty to protect our rivers and forests from harm.",
            "Critics mocked his ‘sacred duty to protect our rivers and forests’ on television.",
            "sacred duty to protect our rivers and forests",
        ),
    ],
)
def test_a_sentence_said_in_the_same_words_is_agreement(a: str, b: str, phrase: str) -> None:
    link = link_between(a, b)
    assert link.kind == "agreement"
    assert f"same words: “{phrase}”" in link.reasons


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("They discussed joint military exercises at length.", "Joint military exercises loom."),
        ("Vladimir Putin met Kim Jong Un.", "Kim Jong Un met Vladimir Putin again."),
    ],
)
def test_a_shared_term_or_name_is_not_a_shared_sentence(a: str, b: str) -> None:
    briefing = briefing_of({"a": a, "b": b})
    analysis = analyse(briefing)
    assert shared_phrase(analysis, analysis.passages["a:1"], analysis.passages["b:1"]) == ""


def test_two_passages_sharing_only_a_topic_are_related() -> None:
    a = "Harwick voters care about the tram, the council says, and about bus fares."
    b = "Bus fares rose again in Harwick, and the council blamed fuel prices."
    assert kind_of(a, b) == "related"


def test_a_plan_for_the_future_is_not_background() -> None:
    plan = "The first trams on the Varo line are expected to run in 2032, the council says."
    vote = "The council voted for the Varo line trams in 2024 after a long debate."
    assert kind_of(plan, vote) != "background"
    assert kind_of(vote, plan) != "background"
