"""Inverted index from features to passages: candidate pairs without comparing all pairs."""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence

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
        norms: Sequence[float] | None = None,
    ) -> None:
        self.vectors = vectors
        self.groups = groups
        """Passages in one group (one document) are never paired."""
        self.norms = (
            list(norms) if norms is not None else [math.hypot(*v.values()) or 1.0 for v in vectors]
        )
        """Given when the vectors hold only the features that can pair (the norms need all)."""
        members: dict[str, list[int]] = {}
        for i, vector in enumerate(vectors):
            for feature in vector:
                if feature in members:
                    members[feature].append(i)
                else:
                    members[feature] = [i]
        self.postings = members
        self.max_postings = max_postings
        # Kept postings with their weights: the pairing loops touch no feature too common to count.
        self._weights: dict[str, list[float]] = {
            f: [vectors[i][f] for i in items]
            for f, items in members.items()
            if 2 <= len(items) <= max_postings
        }
        self._group_end = _group_ends(groups)

    def dots_after(self, i: int) -> dict[int, float]:
        """Dot products of item i with every later item of another group sharing a kept feature.

        Groups are runs of consecutive items (a document's passages), so the later items of
        other groups are those after the end of i's run: found by bisection, never tested one
        by one.
        """
        postings, weights = self.postings, self._weights
        acc: dict[int, float] = {}
        get = acc.get
        end = self._group_end
        if end is not None:
            last = end[i] - 1
            for feature, w in self.vectors[i].items():
                ws = weights.get(feature)
                if ws is None:
                    continue
                items = postings[feature]
                start = bisect_right(items, last)
                if start < len(items):
                    for j, weight in zip(items[start:], ws[start:], strict=True):
                        acc[j] = get(j, 0.0) + w * weight
            return acc
        groups = self.groups
        gi = groups[i]
        for feature, w in self.vectors[i].items():
            ws = weights.get(feature)
            if ws is None:
                continue
            items = postings[feature]
            for k in range(bisect_right(items, i), len(items)):
                j = items[k]
                if groups[j] != gi:
                    acc[j] = get(j, 0.0) + w * ws[k]
        return acc

    def dot(self, i: int, j: int) -> float:
        """The dot product of items i and j over their shared kept features."""
        other, weights = self.vectors[j], self._weights
        return sum(w * other[f] for f, w in self.vectors[i].items() if f in other and f in weights)

    def pair_dots(self) -> dict[int, float]:
        """Dot products of every pair of items in different groups sharing a kept feature.

        Keys are `i * n + j` with i < j (ints hash and compare faster than tuples).
        """
        n = len(self.vectors)
        dots: dict[int, float] = {}
        for i in range(n):
            base = i * n
            for j, dot in self.dots_after(i).items():
                dots[base + j] = dot
        return dots

    def cosines(self) -> dict[int, float]:
        n, norms = len(self.vectors), self.norms
        return {
            key: dot / (norms[key // n] * norms[key % n]) for key, dot in self.pair_dots().items()
        }


def _group_ends(groups: Sequence[int]) -> list[int] | None:
    """For each item, the index just after its group's run; None if a group comes back later."""
    ends = [0] * len(groups)
    seen: set[int] = set()
    start = 0
    for i in range(1, len(groups) + 1):
        if i == len(groups) or groups[i] != groups[start]:
            if groups[start] in seen:
                return None
            seen.add(groups[start])
            for k in range(start, i):
                ends[k] = i
            start = i
    return ends


class TopPairs:
    """The pairs that are among the `per_item` best of either member, gathered as they come.

    Ties are broken by pair order (the smaller key wins), so the result is deterministic.
    """

    def __init__(self, n: int, per_item: int) -> None:
        self.n = n
        self.per_item = per_item
        self._heaps: list[list[tuple[float, int]]] = [[] for _ in range(n)]
        self.floor = [-math.inf] * n
        """The worst score a full heap holds: anything below it is rejected without a tuple."""

    def add(self, i: int, j: int, score: float) -> None:
        key = i * self.n + j
        for side in (i, j):
            if score < self.floor[side]:
                continue
            heap = self._heaps[side]
            entry = (score, -key)
            if len(heap) < self.per_item:
                heapq.heappush(heap, entry)
                if len(heap) == self.per_item:
                    self.floor[side] = heap[0][0]
            elif entry > heap[0]:
                heapq.heapreplace(heap, entry)
                self.floor[side] = heap[0][0]

    def add_all(self, scores: Iterable[tuple[int, float]]) -> None:
        n = self.n
        for key, score in scores:
            i, j = divmod(key, n)
            self.add(i, j, score)

    def kept(self) -> dict[int, float]:
        kept: dict[int, float] = {}
        for heap in self._heaps:
            for score, neg_key in heap:
                kept[-neg_key] = score
        return kept


def top_pairs(scores: dict[int, float], n: int, per_item: int) -> dict[int, float]:
    """The pairs that are among the `per_item` best of either member, with their scores."""
    top = TopPairs(n, per_item)
    top.add_all(scores.items())
    return top.kept()


def candidate_count(index: FeatureIndex) -> int:
    """How many pairs the index would score: bounded by max_postings × feature occurrences."""
    total = 0
    for members in index.postings.values():
        size = len(members)
        if 2 <= size <= index.max_postings:
            total += size * (size - 1) // 2
    return total
