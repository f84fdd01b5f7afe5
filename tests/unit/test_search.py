"""Search queries: words anywhere, "phrases" together, punctuation as a reader means it."""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_briefing import MakeBriefing

from briefing.core.loader import load_briefing
from briefing.core.search import Query, SearchIndex

ARTICLE = """\
---
title: Ferry
---

The ferry (Island Queen) left at dawn with 11 million litres of fuel.

Officials said the crossing, at 4.5 hours, was the longest this year.

A second boat, the Island Star, stayed in port.
"""


@pytest.fixture
def index(make_briefing: MakeBriefing) -> SearchIndex:
    folder: Path = make_briefing("title: T\ndocuments: [docs/ferry.md]\n", {"ferry": ARTICLE})
    return SearchIndex(load_briefing(folder, use_cache=False))


def found(index: SearchIndex, query: str) -> list[str]:
    return [m.passage_id for m in index.search(query)]


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ('"11 million', ("11 million",)),
        ('"11 million"', ("11 million",)),
        ("Island (Queen", ("island", "queen")),
        ("dawn.", ("dawn",)),
        ("(", ("(",)),
        ('"', ('"',)),
        ("4.5", ("4.5",)),
    ],
)
def test_query_terms(query: str, terms: tuple[str, ...]) -> None:
    assert Query.parse(query).terms == terms


def test_an_unclosed_quote_is_a_phrase_to_the_end(index: SearchIndex) -> None:
    assert found(index, '"11 million') == found(index, "11 million") == ["ferry:1"]
    assert found(index, '"million litres') == ["ferry:1"]
    assert found(index, '"litres million') == []


def test_punctuation_beside_a_word_is_not_required(index: SearchIndex) -> None:
    assert found(index, "Island (Queen") == ["ferry:1"]
    assert found(index, "Queen)") == ["ferry:1"]
    assert found(index, "crossing, year.") == ["ferry:2"]


def test_punctuation_alone_is_searched_as_typed(index: SearchIndex) -> None:
    assert found(index, "(") == ["ferry:1"]
    assert found(index, ",") == ["ferry:2", "ferry:3"]
    assert found(index, '"(Island Queen)"') == ["ferry:1"]


def test_highlights_cover_the_words_not_the_punctuation(make_briefing: MakeBriefing) -> None:
    briefing = load_briefing(
        make_briefing("title: T\ndocuments: [docs/ferry.md]\n", {"ferry": ARTICLE}),
        use_cache=False,
    )
    [match] = SearchIndex(briefing).search("(Queen")
    text = briefing.passages[match.passage_id].text
    assert [text[a:b] for a, b in match.spans] == ["Queen"]
