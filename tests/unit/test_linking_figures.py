"""Figures: numbers with their units, ranges and bounds, normalised so equal quantities match."""

from __future__ import annotations

import pytest

from briefing.core.linking.analysis import figure_features
from briefing.core.linking.figures import find_figures
from briefing.core.linking.tokens import normalise


def only(text: str):
    figures = find_figures(normalise(text))
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "qualifier", "label"),
    [
        (
            "consumed 10 million to 11 million rounds of ammunition",
            10e6,
            11e6,
            "round",
            "",
            "10–11 million rounds",
        ),
        ("exhausted up to 11 million shells", 11e6, 11e6, "shell", "≤", "up to 11 million shells"),
        ("a settlement of US$11bn", 11e9, 11e9, "USD", "", "US$11bn"),
        ("almost 97% of its trade", 97, 97, "%", "≈", "about 97%"),
        ("sent 1,000 containers of equipment", 1000, 1000, "container", "", "1,000 containers"),
        ("a depot 200 kilometres from the border", 200, 200, "km", "", "200 kilometres"),
        # A figure written as an adjective reads as the count it is, unit inside and all.
        ("a 9.6-kilometre route", 9.6, 9.6, "km", "", "9.6 kilometres"),
        ("the 400-metre-long ferry", 400, 400, "metre", "", "400 metres"),
        ("a 220,000-tonne freighter", 220e3, 220e3, "tonne", "", "220,000 tonnes"),
        ("the 430-foot hull", 430, 430, "ft", "", "430 feet"),
        ("a 30-foot-high wall", 30, 30, "ft", "", "30 feet"),
        ("a 10-km-long queue", 10, 10, "km", "", "10 km"),
        ("more than 2,800 tons of corn", 2800, 2800, "tonne", ">", "over 2,800 tons"),
        ("between 10 and 20 people", 10, 20, "people", "", "10–20 people"),
        ("it will cost €1.2 billion", 1.2e9, 1.2e9, "EUR", "", "€1.2bn"),
        # A glued "m" counts millions before what is counted, and measures metres otherwise.
        ("exhausted 11m shells", 11e6, 11e6, "shell", "", "11 million shells"),
        ("about 10m barrels", 10e6, 10e6, "barrel", "≈", "about 10 million barrels"),
        ("a wall 10m high", 10, 10, "metre", "", "10 m"),
        ("a 10m wall", 10, 10, "metre", "", "10 m"),
        # An article before a multiplier is a number.
        ("a million rounds", 1e6, 1e6, "round", "", "1 million rounds"),
        ("half a million rounds", 5e5, 5e5, "round", "", "500,000 rounds"),
        # What is counted is the noun, not the words qualifying it.
        ("six military drones", 6, 6, "dron", "", "6 drones"),
        ("two partly Russian-occupied regions", 2, 2, "region", "", "2 regions"),
        ("in three broad categories", 3, 3, "categor", "", "3 categories"),
    ],
)
def test_figures_are_parsed_and_normalised(
    text: str, low: float, high: float, unit: str, qualifier: str, label: str
) -> None:
    figure = only(text)
    assert (figure.low, figure.high) == pytest.approx((low, high))
    assert figure.unit == unit or figure.unit.startswith(unit[:4])
    assert figure.qualifier == qualifier
    assert figure.label() == label


@pytest.mark.parametrize(
    "text",
    [
        "the 8th Party Congress",
        "the BM-21 launcher",
        "Covid-19 restrictions",
        "one of them",
        "2,800",
    ],
)
def test_ordinals_model_numbers_and_bare_numbers_are_not_figures(text: str) -> None:
    assert find_figures(normalise(text)) == []


def test_a_figure_without_a_unit_takes_the_previous_one_when_the_text_says_more() -> None:
    figures = find_figures(
        normalise("fired 11 million shells last year and 7 million more this year")
    )
    assert [f.unit for f in figures] == ["shell", "shell"]
    assert figures[1].low == 7e6


def test_dates_are_not_read_as_figures() -> None:
    skip = [(0, 12)]
    assert find_figures("13 September 2023", skip) == []


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("11 million shells", "11,000,000 shells"),
        ("11 million rounds", "11 million shells"),  # near-synonym units
        ("US$11bn", "$11 billion"),
        ("97%", "97 per cent"),
        ("11 million shells", "11m shells"),
        ("ten million shells", "10m shells"),
        ("500,000 rounds", "half a million rounds"),
        ("400 metres long", "a 400-metre-long ferry"),
        ("200,000 tons", "a 200,000-tonne freighter"),
        ("430 feet", "the 430-foot hull"),
    ],
)
def test_equal_quantities_give_the_same_feature(first: str, second: str) -> None:
    a = {k for k, _ in figure_features(only(first))}
    b = {k for k, _ in figure_features(only(second))}
    assert a & b


@pytest.mark.parametrize(
    ("first", "second"), [("US$11bn", "11 million shells"), ("11 km", "11 tons")]
)
def test_different_units_never_match(first: str, second: str) -> None:
    a = {k for k, _ in figure_features(only(first))}
    b = {k for k, _ in figure_features(only(second))}
    assert not a & b


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("about 200 protesters", "some 350 protesters"),
        ("10 million to 11 million rounds", "up to 12 million shells"),
        ("US$412m", "US$450m"),
    ],
)
def test_differing_figures_of_one_magnitude_and_unit_meet(first: str, second: str) -> None:
    a = {k for k, _ in figure_features(only(first)) if k.startswith("o:")}
    b = {k for k, _ in figure_features(only(second)) if k.startswith("o:")}
    assert a & b


@pytest.mark.parametrize(
    ("first", "second"),
    [("about 200 protesters", "about 3,500 protesters"), ("two nations", "three nations")],
)
def test_no_magnitude_in_common_for_small_counts_or_far_apart_figures(
    first: str, second: str
) -> None:
    a = {k for k, _ in figure_features(only(first)) if k.startswith("o:")}
    b = {k for k, _ in figure_features(only(second)) if k.startswith("o:")}
    assert not a & b


def test_vague_amounts_are_kept_but_never_matched() -> None:
    figures = find_figures(normalise("it has tens of millions of artillery shells"))
    assert figures and figures[0].qualifier == "~"
    assert figure_features(figures[0]) == []
