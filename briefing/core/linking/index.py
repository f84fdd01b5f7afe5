"""Inverted index from features to passages: candidate pairs without comparing all pairs."""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Sequence

MAX_POSTINGS = 100
"""A feature shared by more passages than this is too common to point at one fact.

It is skipped when pairing passages, which bounds the work per feature at
MAX_POSTINGS² and the whole index at MAX_POSTINGS × (feature occurrences in the
briefing): linear in its size, however many passages share the word "said".
"""


class FeatureIndex:
    """Weighted feature vectors of passages and the postings that pair them up."""

    def __init__(
        self,
        vectors: Sequence[dict[str, float]],
        groups: Sequence[int],
        *,
        max_postings: int = MAX_POSTINGS,
    ) -> None:
        self.vectors = vectors
        self.groups = groups
        """Passages in one group (one document) are never paired."""
        self.norms = [math.sqrt(sum(w * w for w in v.values())) or 1.0 for v in vectors]
        postings: dict[str, list[int]] = defaultdict(list)
        for i, vector in enumerate(vectors):
            for feature in vector:
                postings[feature].append(i)
        self.postings = postings
        self.max_postings = max_postings

    def pair_dots(self) -> dict[int, float]:
        """Dot products of every pair of passages in different groups sharing a kept feature.

        Keys are `i * n + j` with i < j (ints hash and compare faster than tuples).
        """
        n = len(self.vectors)
        vectors, groups = self.vectors, self.groups
        dots: dict[int, float] = defaultdict(float)
        for feature, members in self.postings.items():
            size = len(members)
            if size < 2 or size > self.max_postings:
                continue
            weights = [vectors[i][feature] for i in members]
            for a in range(size - 1):
                i, wi, gi = members[a], weights[a], groups[members[a]]
                base = i * n
                for b in range(a + 1, size):
                    j = members[b]
                    if groups[j] != gi:
                        dots[base + j] += wi * weights[b]
        return dots

    def cosines(self) -> dict[int, float]:
        n, norms = len(self.vectors), self.norms
        return {
            key: dot / (norms[key // n] * norms[key % n]) for key, dot in self.pair_dots().items()
        }


def top_pairs(scores: dict[int, float], n: int, per_item: int) -> dict[int, float]:
    """The pairs that are among the `per_item` best of either member, with their scores."""
    best: list[list[tuple[float, int]]] = [[] for _ in range(n)]
    for key, score in scores.items():
        i, j = divmod(key, n)
        for side in (i, j):
            heap = best[side]
            entry = (score, -key)  # ties broken by pair order, so the result is deterministic
            if len(heap) < per_item:
                heapq.heappush(heap, entry)
            elif entry > heap[0]:
                heapq.heapreplace(heap, entry)
    kept: dict[int, float] = {}
    for heap in best:
        for score, neg_key in heap:
            kept[-neg_key] = score
    return kept


def candidate_count(index: FeatureIndex) -> int:
    """How many pairs the index would score: bounded by max_postings × feature occurrences."""
    total = 0
    for members in index.postings.values():
        size = len(members)
        if 2 <= size <= index.max_postings:
            total += size * (size - 1) // 2
    return total
