"""The inverted index: partners found from shared features only, common ones skipped, best kept."""

from __future__ import annotations

import random

import pytest

from briefing.core.linking.index import FeatureIndex, flatten, member_places, top_pair_arrays


def _brute_force(vectors: list[dict[str, float]], groups: list[int], cap: int) -> dict[int, float]:
    """Every pair of different groups, over the features at most `cap` items have."""
    df: dict[str, int] = {}
    for vector in vectors:
        for f in vector:
            df[f] = df.get(f, 0) + 1
    n = len(vectors)
    dots: dict[int, float] = {}
    for i in range(n):
        for j in range(i + 1, n):
            if groups[i] == groups[j]:
                continue
            shared = [f for f in vectors[i] if f in vectors[j] and 2 <= df[f] <= cap]
            if shared:
                dots[i * n + j] = sum(vectors[i][f] * vectors[j][f] for f in shared)
    return dots


def _random_vectors(seed: int, n: int) -> list[dict[str, float]]:
    rng = random.Random(seed)
    words = [f"w{k}" for k in range(40)]
    return [
        {w: rng.choice([0.5, 1.0, 2.0]) for w in rng.sample(words, rng.randint(1, 8))}
        for _ in range(n)
    ]


@pytest.mark.parametrize("contiguous", [True, False])
@pytest.mark.parametrize("cap", [3, 100])
def test_pair_dots_are_those_of_every_pair_compared(contiguous: bool, cap: int) -> None:
    vectors = _random_vectors(7, 30)
    # Documents' passages come in runs; a group that comes back later is read the slow way.
    groups = [i // 4 for i in range(30)] if contiguous else [i % 5 for i in range(30)]
    dots = FeatureIndex(vectors, groups, max_postings=cap).pair_dots()
    expected = _brute_force(vectors, groups, cap)
    assert dots.keys() == expected.keys()
    assert all(dots[k] == pytest.approx(v) for k, v in expected.items())


def test_a_feature_every_passage_has_never_pairs_them() -> None:
    vectors = [{"said": 1.0, f"own{i}": 1.0} for i in range(6)]
    index = FeatureIndex(vectors, list(range(6)), max_postings=5)
    assert index.pair_dots() == {}


def test_a_rare_shared_name_still_pairs_among_common_words() -> None:
    vectors = [
        {"said": 1.0, "e:port varo": 2.0} if i in (1, 4) else {"said": 1.0} for i in range(6)
    ]
    index = FeatureIndex(vectors, list(range(6)), max_postings=5)
    assert index.pair_dots() == {1 * 6 + 4: 4.0}
    assert index.dot(1, 4) == 4.0


def _places_by_hand(scores: dict[int, float], n: int) -> dict[int, tuple[int, int]]:
    """Each pair's place among its first member's pairs and its second's: best score first,
    then the smaller key."""
    ranked: dict[int, list[int]] = {}
    for key in sorted(scores, key=lambda k: (-scores[k], k)):
        for member in divmod(key, n):
            ranked.setdefault(member, []).append(key)
    return {key: tuple(ranked[m].index(key) for m in divmod(key, n)) for key in scores}


def _tied_scores(seed: int, n: int) -> dict[int, float]:
    """Few distinct scores: ties everywhere, which the smaller key must win both ways."""
    rng = random.Random(seed)
    return {
        i * n + j: rng.choice([0.1, 0.2, 0.3, 0.5])
        for i in range(n)
        for j in range(i + 1, n)
        if rng.random() < 0.6
    }


def test_each_pair_is_placed_among_each_members_pairs() -> None:
    import numpy as np

    n = 30
    scores = _tied_scores(5, n)
    keys = np.array(sorted(scores), np.int64)
    first, second = member_places(keys, np.array([scores[k] for k in sorted(scores)]), n)
    got = dict(zip(keys.tolist(), zip(first.tolist(), second.tolist(), strict=True), strict=True))
    assert got == _places_by_hand(scores, n)


@pytest.mark.parametrize("key", [3 * 30 + 1, 4 * 30 + 4])
def test_a_pair_key_with_its_members_reversed_or_equal_is_refused(key: int) -> None:
    import numpy as np

    keys = np.array([1 * 30 + 2, key], np.int64)
    with pytest.raises(ValueError, match="i < j"):
        member_places(np.sort(keys), np.array([0.5, 0.4]), 30)


def _uneven_vectors(seed: int, n: int) -> list[dict[str, float]]:
    """Weights with many bits, so that summing in another order shows in the last ones."""
    rng = random.Random(seed)
    words = [f"w{k}" for k in range(30)]
    return [{w: rng.random() * 10 for w in rng.sample(words, rng.randint(0, 12))} for _ in range(n)]


@pytest.mark.parametrize("contiguous", [True, False])
@pytest.mark.parametrize("cap", [3, 100])
def test_the_bulk_dots_are_the_loops_dots_to_the_last_bit(contiguous: bool, cap: int) -> None:
    vectors = _uneven_vectors(11, 60)
    groups = [i // 5 for i in range(60)] if contiguous else [i % 7 for i in range(60)]
    index = FeatureIndex(vectors, groups, max_postings=cap)
    keys, dots = index.pair_dot_arrays()
    expected = index.pair_dots()
    assert keys.tolist() == sorted(expected)
    # Exactly equal, not approximately: a last-bit difference can flip a tie between links.
    assert dots.tolist() == [expected[k] for k in sorted(expected)]


def test_an_index_of_flat_vectors_is_the_index_of_their_dicts() -> None:
    vectors = _uneven_vectors(5, 40)
    numbers = {f: k for k, f in enumerate(sorted({f for v in vectors for f in v}))}
    groups = [i // 3 for i in range(40)]
    flat = FeatureIndex.from_flat(
        flatten(vectors, numbers), groups, norms=[1.0] * 40, max_postings=6
    )
    plain = FeatureIndex(vectors, groups, max_postings=6)
    assert [flat.vectors[i] for i in range(40)] == vectors
    assert flat.pair_dots() == plain.pair_dots()
    assert flat.pair_dot_arrays()[1].tolist() == plain.pair_dot_arrays()[1].tolist()
    assert flat.dot(0, 7) == plain.dot(0, 7)


@pytest.mark.parametrize("least", [0.0, 0.25])
def test_the_best_pairs_are_each_members_best(least: float) -> None:
    import numpy as np

    n = 30
    scores = _tied_scores(8, n)
    keys = np.array(sorted(scores), np.int64)
    values = np.array([scores[k] for k in sorted(scores)])
    enough = {k: s for k, s in scores.items() if s >= least}
    expected = {k: enough[k] for k, places in _places_by_hand(enough, n).items() if min(places) < 4}
    assert top_pair_arrays(keys, values, n, 4, least=least) == expected
