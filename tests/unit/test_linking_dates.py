"""Dates: absolute forms, spans, and relative ones resolved against the document's date."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.core.linking.dates import find_dates, parse_document_date
from briefing.core.linking.tokens import normalise

REF = dt.date(2023, 9, 19)  # a Tuesday


def labels(text: str, reference: dt.date | None = REF) -> list[str]:
    return [d.label() for d in find_dates(normalise(text), reference)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 13 September Kim arrived", ["13 September 2023"]),
        ("On September 13, Kim arrived", ["13 September 2023"]),
        ("the forum on 10-13 September", ["10–13 September 2023"]),
        ("a trip from 10 to 19 September", ["10–19 September 2023"]),
        ("in July 2022 it recognised", ["July 2022"]),
        ("the first meeting, in 2019", ["2019"]),
        ("On January 20, 2023 the White House", ["20 January 2023"]),
        ("from 1995 to 1998 famine", ["1995–1998"]),
        ("for half a century (1945–90)", ["1945–1990"]),
        ("by the 2010s", ["2010–2019"]),
    ],
)
def test_absolute_dates(text: str, expected: list[str]) -> None:
    assert labels(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fired 11 million shells last year", ["2022"]),
        ("production rose this year", ["2023"]),
        ("oil supply rose in July", ["July 2023"]),
        ("talks are planned in December", ["December 2023"]),  # soon after the document: ahead
        ("the vote on Tuesday", ["19 September 2023"]),
        ("they met yesterday", ["18 September 2023"]),
        (
            "the summit in September 2023. A month later, in mid-October",
            ["September 2023", "October 2023", "October 2023"],
        ),
        (
            "On 15 September he left. He arrived a day later. The next day he flew home.",
            ["15 September 2023", "16 September 2023", "17 September 2023"],
        ),
        ("two years ago", ["2021"]),
    ],
)
def test_relative_dates_resolve_against_the_document_date(text: str, expected: list[str]) -> None:
    assert labels(text) == expected


def test_a_month_well_after_the_document_date_means_the_year_before() -> None:
    assert labels("in November the talks failed", dt.date(2024, 2, 10)) == ["November 2023"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fired 11 million shells last year", []),
        ("oil supply rose in July", ["July"]),
        ("On September 13, Kim arrived", ["13 September"]),
    ],
)
def test_without_a_document_date_relative_dates_stay_unresolved(
    text: str, expected: list[str]
) -> None:
    found = find_dates(text, None)
    assert [d.label() for d in found] == expected
    assert not any(d.resolved for d in found)


@pytest.mark.parametrize(
    "text",
    [
        "You may go.",
        "They march on.",
        "He said so days before the trip.",
        "The 152 mm M-1955 gun-howitzer.",
        "Old M- 1955 (D-20) guns.",
    ],
)
def test_words_that_only_look_like_dates(text: str) -> None:
    assert labels(text) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-09-19", dt.date(2023, 9, 19)),
        ("2023-09", dt.date(2023, 9, 1)),
        ("19 September 2023", dt.date(2023, 9, 19)),
        ("", None),
        ("soon", None),
    ],
)
def test_document_dates(value: str, expected: dt.date | None) -> None:
    assert parse_document_date(value) == expected


@pytest.mark.parametrize(
    "text",
    [
        "on 10.30 pm local time (2030 GMT) Friday the propellers turned",
        "The talks ended at 2100 hours.",
        "at 1930 the ferry moved off the sandbank",
        "By 1945 UTC the quay was clear.",
        "the siren sounded at 0615",
    ],
)
def test_a_clock_time_is_not_a_year(text: str) -> None:
    assert labels(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at 2019 prices the plan cost more", ["2019"]),
        ("By 2030, half the fleet will be electric.", ["2030"]),
        ("the 1945 treaty of Portlaw", ["1945"]),
    ],
)
def test_a_year_beside_a_clock_word_elsewhere_stays_a_year(text: str, expected: list[str]) -> None:
    assert labels(text) == expected


def test_a_clock_time_is_not_a_figure() -> None:
    from briefing.core.linking.dates import clock_times
    from briefing.core.linking.figures import find_figures

    text = normalise("At 10.30 pm local time (2030 GMT) the ferry moved 20 metres.")
    figures = find_figures(text, clock_times(text))
    assert [f.label() for f in figures] == ["20 metres"]
