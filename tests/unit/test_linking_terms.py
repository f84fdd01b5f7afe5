"""Words as the linker weighs them: synonym groups, phrases in other words, rarity in small briefings."""

from __future__ import annotations

import math

import pytest
from test_linking_entities import briefing_of

from briefing.core.linking import analyse, compute_links
from briefing.core.linking.analysis import rarity
from briefing.core.linking.lexicon import CONCEPT_GROUPS
from briefing.core.linking.terms import CONCEPT_OF
from briefing.core.linking.tokens import stem


def features(text: str) -> dict[str, float]:
    return analyse(briefing_of({"a": text, "b": "Nothing here."})).passages["a:1"].features


def best_partner(query: str, candidates: list[str]) -> int:
    """Index of the candidate the linker ranks first for `query` (each in its own document)."""
    docs = {"q": query} | {f"c{i}": text for i, text in enumerate(candidates)}
    links = compute_links(briefing_of(docs))
    touching = [link for link in links if "q:1" in (link.source, link.target)]
    best = max(touching, key=lambda link: link.score)
    return int(best.other("q:1").split(":")[0][1:])


def test_groups_headed_by_one_word_are_one_group() -> None:
    heads: dict[str, list[int]] = {}
    for number, group in enumerate(CONCEPT_GROUPS):
        heads.setdefault(group.split()[0], []).append(number)
    for numbers in heads.values():
        for number in numbers:
            for word in CONCEPT_GROUPS[number].split():
                assert len(set(CONCEPT_OF.get(stem(word), ()))) == len(
                    CONCEPT_OF.get(stem(word), ())
                )
                assert not set(numbers[1:]) & set(CONCEPT_OF.get(stem(word), ()))


@pytest.mark.parametrize("word", ["pandemic", "summit", "officials"])
def test_a_word_counts_once_however_many_groups_list_it(word: str) -> None:
    weights = [w for k, w in features(f"The {word} was long.").items() if k.startswith("c:")]
    assert weights
    assert math.isclose(sum(w * w for w in weights), max(weights) ** 2 * len(weights))
    assert sum(w * w for w in weights) <= 1.2**2 + 1e-9


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("They want arms technology.", "k:c0 technology"),
        ("Food aid arrived by sea.", "k:food c"),
    ],
)
def test_neighbouring_words_are_also_read_by_their_synonym_groups(text: str, key: str) -> None:
    keys = [k for k in features(text) if k.startswith("k:")]
    assert any(k.startswith(key) for k in keys), keys


def test_a_phrase_in_other_words_outranks_the_same_words_scattered() -> None:
    query = "Freedonia wants weapons technology from its neighbour, officials said."
    close = "Officials think Freedonia is after arms know-how above all."
    scattered = "Arms, officials think, and Freedonia know-how."
    assert best_partner(query, [scattered, close]) == 1


def test_a_word_two_passages_share_by_chance_weighs_less_in_a_small_briefing() -> None:
    # Smoothed: a word in two of ten passages is rarer than one in five, but not twice as telling.
    assert rarity(10, 2) > rarity(10, 5)
    assert rarity(10, 2) < math.log(1 + 10 / 2)


def test_a_long_passage_telling_the_fact_outranks_a_short_one_sharing_a_common_word() -> None:
    query = "Mayor Ana Lestova opened the Varo Bridge on Monday after a long delay."
    long = (
        "The council met to discuss the budget, the school year and the parks. "
        "Mayor Ana Lestova opened the Varo Bridge, the council noted, and thanked the builders. "
        "Then the library hours, the bins and the summer fair were discussed in turn."
    )
    short = "The delay was long."
    assert best_partner(query, [short, long]) == 1
