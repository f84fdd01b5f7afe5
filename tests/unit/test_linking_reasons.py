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
            "The harbour cranes were new.\n\nThe quay was long.",
            "b": "Critics of Lestova praised the fair.\n\nRain fell all day.",
        }
    )
    reasons = " ".join(link_between(briefing, "a:1", "b:1").reasons)
    assert "Lestova" in reasons
    assert "Ana Lestova" not in reasons


def test_common_words_are_no_reason_and_a_bare_year_is_no_date() -> None:
    briefing = briefing_of(
        {
            "a": "Officials cited a million reasons in 2023 to focus on the main plan.\n\n"
            "Rain fell.\n\nThe quay was long.\n\nCranes rusted.",
            "b": "In 2023 officials cited the main focus: a million more.\n\n"
            "Snow fell.\n\nThe pier was short.\n\nGulls cried.",
        }
    )
    link = link_between(briefing, "a:1", "b:1")
    assert not any(r.startswith(("both:", "same date:")) for r in link.reasons), link.reasons
    assert link.reasons == ("similar wording",)


def test_words_of_stance_are_no_reason_though_rare_and_shared() -> None:
    # 'regarding', 'apparently' and 'Tuesday' are rare here, as such words are in a small briefing;
    # 'tariffs' is what the two passages have in common.
    briefing = briefing_of(
        {
            "a": "Regarding tariffs, the ministers apparently agreed on Tuesday.\n\n"
            "Rain fell.\n\nThe quay was long.\n\nCranes rusted.",
            "b": "Apparently nothing was settled regarding tariffs on Tuesday.\n\n"
            "Snow fell.\n\nThe pier was short.\n\nGulls cried.",
        }
    )
    reasons = link_between(briefing, "a:1", "b:1").reasons
    assert reasons == ("both: tariffs",), reasons


def test_a_pair_of_words_is_shown_only_as_a_phrase_both_passages_write() -> None:
    briefing = briefing_of(
        {
            "a": "The ministers met to discuss harbour tariffs.\n\nRain fell.\n\nThe quay was long.",
            "b": "A meeting to discuss harbour tariffs was held.\n\nSnow fell.\n\nGulls cried.",
            "c": "The meeting discuss item was odd.\n\nWind blew.\n\nThe pier was short.",
        }
    )
    reasons = " ".join(link_between(briefing, "a:1", "b:1").reasons)
    assert "harbour tariffs" in reasons
    assert "meeting discuss" not in " ".join(
        r for link in compute_links(briefing) for r in link.reasons
    )


def test_two_days_of_one_month_are_not_the_same_date() -> None:
    dates = {"a": "2023-05-30", "b": "2023-05-30"}
    briefing = briefing_of(
        {
            "a": "The Varo Star ran aground in the strait on 12 May.\n\nRain fell.\n\nGulls cried.",
            "b": "The Varo Star was refloated from the strait on 19 May.\n\nSnow fell.",
        },
        dates,
    )
    reasons = link_between(briefing, "a:1", "b:1").reasons
    assert not any(r.startswith("same date") for r in reasons), reasons


def test_a_day_and_its_month_are_the_same_month() -> None:
    dates = {"a": "2023-05-30", "b": "2023-05-30"}
    briefing = briefing_of(
        {
            "a": "The Varo Star ran aground in the strait on 12 May.\n\nRain fell.\n\nGulls cried.",
            "b": "The Varo Star ran aground in the strait in May.\n\nSnow fell.",
        },
        dates,
    )
    assert "same date: May 2023" in link_between(briefing, "a:1", "b:1").reasons
