"""Inverted index from features to passages: candidate pairs without comparing all pairs."""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cached_property
from itertools import chain
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

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
        self.max_postings = max_postings
        # How many items have each feature, counted at C speed: the bulk pairing needs only
        # these, the postings lists are built when the loops below first ask for them.
        self.sizes = Counter(chain.from_iterable(vectors))
        self._kept = {f for f, size in self.sizes.items() if 2 <= size <= max_postings}
        self._group_end = _group_ends(groups)

    @cached_property
    def postings(self) -> dict[str, list[int]]:
        """The items having each feature, in order."""
        members: dict[str, list[int]] = {}
        for i, vector in enumerate(self.vectors):
            for feature in vector:
                if feature in members:
                    members[feature].append(i)
                else:
                    members[feature] = [i]
        return members

    @cached_property
    def _weights(self) -> dict[str, list[float]]:
        """Kept postings' weights: the pairing loops touch no feature too common to count."""
        vectors = self.vectors
        return {f: [vectors[i][f] for i in self.postings[f]] for f in self._kept}

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
        other, kept = self.vectors[j], self._kept
        return sum(w * other[f] for f, w in self.vectors[i].items() if f in other and f in kept)

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

    def pair_dot_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """`pair_dots` as two arrays, keys ascending and their dots: the same floats, in bulk.

        Each dot is summed in the order `dots_after` sums it (item i's features in its
        vector's order), so every float is the one the loops give, not merely close to it.
        """
        import numpy as np  # deferred: only linking needs it, not the reader's start

        rows, features, weights = self._entries()
        n = len(self.vectors)
        # Postings as one array sorted by (feature, item): `feature * n + item` ascending.
        order = np.argsort(features, kind="stable")
        posting_items, posting_weights = rows[order], weights[order]
        posting_keys = features[order] * n + posting_items
        # Each entry pairs with its feature's postings from the first item after its own
        # group's run (or after itself, when groups come back and each partner is tested).
        runs = self._group_end is not None
        after = np.asarray(self._group_end, np.int64) if runs else np.arange(1, n + 1)
        starts = np.searchsorted(posting_keys, features * n + after[rows])
        counts = np.searchsorted(posting_keys, features * n + n) - starts
        groups = None if runs else np.asarray(self.groups, np.int64)
        keys, dots = [], []
        for lo, hi in _blocks(rows, counts, PAIRS_PER_BLOCK):
            i, j, products = _expand(
                rows[lo:hi],
                weights[lo:hi],
                starts[lo:hi],
                counts[lo:hi],
                posting_items,
                posting_weights,
            )
            if groups is not None:
                other = groups[i] != groups[j]
                i, j, products = i[other], j[other], products[other]
            block_keys, block_dots = _sum_by_key(i * n + j, products)
            keys.append(block_keys)
            dots.append(block_dots)
        if not keys:
            return np.zeros(0, np.int64), np.zeros(0)
        return np.concatenate(keys), np.concatenate(dots)

    def _entries(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every (item, feature number, weight) of a kept feature, in items' vectors' order."""
        import numpy as np

        kept = self._kept
        # Numbered over all features (-1 for those too common or too rare to pair), so the
        # vectors are flattened by C-level iteration, with no Python loop per entry.
        numbers = {f: k if f in kept else -1 for k, f in enumerate(self.sizes)}
        sizes = np.fromiter(map(len, self.vectors), np.int64, len(self.vectors))
        total = int(sizes.sum())
        rows = np.repeat(np.arange(len(self.vectors)), sizes)
        features = np.fromiter(
            chain.from_iterable(map(numbers.__getitem__, v) for v in self.vectors), np.int64, total
        )
        weights = np.fromiter(
            chain.from_iterable(v.values() for v in self.vectors), np.float64, total
        )
        used = features >= 0
        return rows[used], features[used], weights[used]

    def cosines(self) -> dict[int, float]:
        n, norms = len(self.vectors), self.norms
        return {
            key: dot / (norms[key // n] * norms[key % n]) for key, dot in self.pair_dots().items()
        }


PAIRS_PER_BLOCK = 1 << 20
"""Products expanded at once: about 100 MB of arrays, however large the briefing."""
_POSITION_BITS = 23
"""Bits of a product's position in its block, packed below its pair's key to sort both at once."""


def _blocks(rows: np.ndarray, counts: np.ndarray, limit: int) -> list[tuple[int, int]]:
    """Runs of entries of whole items with at most `limit` products (or one item, if more).

    An item's dots are summed within one block, so a block never splits an item.
    """
    import numpy as np

    if len(rows) == 0:
        return []
    # Entries where a new item begins, and the products done when the previous ones end.
    cuts = np.append(np.flatnonzero(rows[1:] != rows[:-1]) + 1, len(rows))
    done_at = np.cumsum(counts)[cuts - 1]
    blocks = []
    lo, done, k = 0, 0, 0
    while k < len(cuts):
        k = max(int(np.searchsorted(done_at, done + limit, side="right")), k + 1)
        hi = int(cuts[k - 1])
        blocks.append((lo, hi))
        lo, done = hi, int(done_at[k - 1])
    return blocks


def _expand(
    rows: np.ndarray,
    weights: np.ndarray,
    starts: np.ndarray,
    counts: np.ndarray,
    posting_items: np.ndarray,
    posting_weights: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each entry's products with its postings `starts[k]:starts[k] + counts[k]`, in order."""
    import numpy as np

    total = int(counts.sum())
    # Position of each product in the postings: its entry's start plus its rank in the entry.
    first = np.cumsum(counts) - counts
    positions = np.arange(total) + np.repeat(starts - first, counts)
    i = np.repeat(rows, counts)
    j = posting_items[positions]
    products = np.repeat(weights, counts) * posting_weights[positions]
    return i, j, products


def _sum_by_key(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys ascending and the sum of each one's values, added in their order.

    A sort by key alone would need to be stable to keep that order; packing each value's
    position below its key makes every packed key distinct, so numpy's fast unstable sort
    keeps it. `bincount` then adds each key's values one by one, first to last, as the
    dict loops do (numpy's `add.reduceat` would sum pairwise, changing the last bits).
    """
    import numpy as np

    if len(keys) == 0:
        return keys, values
    assert len(keys) < 1 << _POSITION_BITS and int(keys.max()) < 1 << (63 - _POSITION_BITS)
    packed = np.sort((keys << _POSITION_BITS) | np.arange(len(keys)))
    order = packed & ((1 << _POSITION_BITS) - 1)
    sorted_keys = packed >> _POSITION_BITS
    new = np.empty(len(keys), bool)
    new[0] = True
    np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=new[1:])
    sums = np.bincount(np.cumsum(new) - 1, weights=values[order])
    return sorted_keys[new], sums


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


def top_pair_arrays(
    keys: np.ndarray, scores: np.ndarray, n: int, per_item: int, *, least: float
) -> dict[int, float]:
    """`top_pairs` of the pairs (keys i*n+j ascending) scoring at least `least`: the same
    pairs, ties broken the same way (the smaller key wins), picked by sorting, not heaps."""
    import numpy as np

    enough = scores >= least
    keys, scores = keys[enough], scores[enough]
    bits = max(1, len(keys).bit_length())
    by_rank = _best_first(scores, bits)
    ranks = np.empty(len(keys), np.int64)
    ranks[by_rank] = np.arange(len(keys))
    # Each pair stands once for each member; sorted by member then rank, packed in one int
    # so that numpy's fast sort of plain ints does it.
    packed = np.sort((np.concatenate(np.divmod(keys, n)) << bits) | np.concatenate([ranks, ranks]))
    members = packed >> bits
    # Place within a member's run: its position less the position where the run begins.
    place = np.arange(len(packed)) - np.searchsorted(members, members)
    chosen = by_rank[packed[place < per_item] & ((1 << bits) - 1)]
    return dict(zip(keys[chosen].tolist(), scores[chosen].tolist(), strict=True))


def _best_first(scores: np.ndarray, bits: int) -> np.ndarray:
    """Positions of `scores` best first, equal scores by position: the order of (score, -key)
    when keys come ascending, as the heaps of TopPairs order them.

    numpy's stable sort of floats is several times slower than its plain one; the plain one
    puts equal scores side by side in any order, and a sort of ints packing each run of
    equal scores above the positions puts them back in order.
    """
    import numpy as np

    order = np.argsort(-scores)
    if len(order) == 0:
        return order
    ordered = scores[order]
    runs = np.concatenate([[0], np.cumsum(ordered[1:] != ordered[:-1])])
    return np.sort((runs << bits) | order) & ((1 << bits) - 1)


def candidate_count(index: FeatureIndex) -> int:
    """How many pairs the index would score: bounded by max_postings × feature occurrences."""
    total = 0
    for size in index.sizes.values():
        if 2 <= size <= index.max_postings:
            total += size * (size - 1) // 2
    return total
