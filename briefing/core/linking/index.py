"""Inverted index from features to passages: candidate pairs without comparing all pairs."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class FlatVectors:
    """Sparse vectors laid end to end: item i's entries are `starts[i]:starts[i + 1]`, in
    its dict's order, each a feature's number (its place in `names`) and a weight."""

    names: Sequence[str]
    starts: np.ndarray
    features: np.ndarray
    weights: np.ndarray

    def __len__(self) -> int:
        return len(self.starts) - 1

    def rows(self) -> np.ndarray:
        """The item of each entry."""
        import numpy as np

        return np.repeat(np.arange(len(self)), np.diff(self.starts))

    def vector(self, i: int) -> dict[str, float]:
        """Item i as a dict, in its entries' order."""
        lo, hi = int(self.starts[i]), int(self.starts[i + 1])
        names = self.names
        return dict(
            zip(
                map(names.__getitem__, self.features[lo:hi].tolist()),
                self.weights[lo:hi].tolist(),
                strict=True,
            )
        )

    def only(self, keep: np.ndarray) -> FlatVectors:
        """The entries whose feature `keep` (by feature number) marks, in the same order."""
        import numpy as np

        used = keep[self.features]
        counts = np.bincount(self.rows()[used], minlength=len(self))
        starts = np.concatenate([[0], np.cumsum(counts)])
        return FlatVectors(self.names, starts, self.features[used], self.weights[used])


def flatten(
    bags: Sequence[dict[str, float]], numbers: dict[str, int], scale: np.ndarray | None = None
) -> FlatVectors:
    """`bags` as flat arrays, features numbered by `numbers` (0, 1, 2... in its order; it
    must hold them all), each weight times `scale[number]` if given: the same float as
    `w * scale_of[f]`, one multiplication.

    The bags are read by C-level iteration, with no Python loop per entry: at 15,000
    passages there are millions.
    """
    import numpy as np

    sizes = np.fromiter(map(len, bags), np.int64, len(bags))
    total = int(sizes.sum())
    features = np.fromiter(map(numbers.__getitem__, chain.from_iterable(bags)), np.int64, total)
    weights = np.fromiter(chain.from_iterable(b.values() for b in bags), np.float64, total)
    if scale is not None:
        weights *= scale[features]
    starts = np.concatenate([[0], np.cumsum(sizes)])
    return FlatVectors(list(numbers), starts, features, weights)


def _sizes(flat: FlatVectors) -> Counter[str]:
    """How many items have each feature (an item has a feature once)."""
    import numpy as np

    sizes = np.bincount(flat.features, minlength=len(flat.names))
    return Counter({flat.names[k]: int(sizes[k]) for k in np.flatnonzero(sizes).tolist()})


class _DictsOf(Sequence[dict[str, float]]):
    """The items of FlatVectors as dicts, each made when first asked for."""

    def __init__(self, flat: FlatVectors) -> None:
        self._flat = flat
        self._made: dict[int, dict[str, float]] = {}

    def __len__(self) -> int:
        return len(self._flat)

    def __getitem__(self, i: int) -> dict[str, float]:  # type: ignore[override]
        if not 0 <= i < len(self._flat):
            raise IndexError(i)
        found = self._made.get(i)
        if found is None:
            found = self._made[i] = self._flat.vector(i)
        return found


class FeatureIndex:
    """Weighted feature vectors of passages and the postings that pair them up."""

    def __init__(
        self,
        vectors: Sequence[dict[str, float]],
        groups: Sequence[int],
        *,
        max_postings: int = MAX_POSTINGS,
        norms: Sequence[float] | None = None,
        flat: FlatVectors | None = None,
    ) -> None:
        self.vectors = vectors
        self.groups = groups
        """Passages in one group (one document) are never paired."""
        self.norms = (
            list(norms) if norms is not None else [math.hypot(*v.values()) or 1.0 for v in vectors]
        )
        """Given when the vectors hold only the features that can pair (the norms need all)."""
        self.max_postings = max_postings
        self._flat = flat
        """The same vectors as arrays, when the caller has them (see `from_flat`)."""
        # How many items have each feature, counted at C speed: the bulk pairing needs only
        # these, the postings lists are built when the loops below first ask for them.
        self.sizes = _sizes(flat) if flat is not None else Counter(chain.from_iterable(vectors))
        self._kept = {f for f, size in self.sizes.items() if 2 <= size <= max_postings}
        self._group_end = _group_ends(groups)

    @classmethod
    def from_flat(
        cls,
        flat: FlatVectors,
        groups: Sequence[int],
        *,
        norms: Sequence[float],
        max_postings: int = MAX_POSTINGS,
    ) -> FeatureIndex:
        """The index of vectors laid out as arrays, with no dict made for them: an item's
        dict (`vectors[i]`) is made when first asked for, as `dot` does for a few pairs."""
        return cls(_DictsOf(flat), groups, max_postings=max_postings, norms=norms, flat=flat)

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
        # Postings as one array sorted by (feature, item): `feature * n + item` ascending (an
        # item has a feature once, so the keys are distinct and any sort gives one order).
        entry_keys = features * n + rows
        order = np.argsort(entry_keys)
        posting_keys = entry_keys[order]
        posting_items, posting_weights = rows[order], weights[order]
        del order  # millions of entries at 500 documents: each array goes once it has served
        # Each entry pairs with its feature's postings from the first item after its own
        # group's run (or after itself, when groups come back and each partner is tested)
        # to the end of the feature's postings.
        runs = self._group_end is not None
        after = np.asarray(self._group_end, np.int64) if runs else np.arange(1, n + 1)
        starts = np.searchsorted(posting_keys, entry_keys + (after[rows] - rows))
        del entry_keys, posting_keys, after
        counts = np.cumsum(np.bincount(features))[features] - starts
        del features
        groups = None if runs else np.asarray(self.groups, np.int64)
        keys, dots = [], []
        for lo, hi in entry_blocks(rows, counts, PAIRS_PER_BLOCK):
            # Keys counted from the block's first item keep the packed sort's ints small.
            first = int(rows[lo])
            pairs, products = expand_products(
                (rows[lo:hi] - first) * n,
                weights[lo:hi],
                starts[lo:hi],
                counts[lo:hi],
                posting_items,
                posting_weights,
            )
            if groups is not None:
                other = groups[pairs // n + first] != groups[pairs % n]
                pairs, products = pairs[other], products[other]
            block_keys, block_dots = _sum_by_key(pairs, products)
            keys.append(block_keys + first * n)
            dots.append(block_dots)
        if not keys:
            return np.zeros(0, np.int64), np.zeros(0)
        return np.concatenate(keys), np.concatenate(dots)

    def _entries(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every (item, feature number, weight) of a kept feature, in items' vectors' order."""
        import numpy as np

        flat = self._flat or flatten(self.vectors, {f: k for k, f in enumerate(self.sizes)})
        kept = np.fromiter(map(self._kept.__contains__, flat.names), bool, len(flat.names))
        used = kept[flat.features]
        return flat.rows()[used], flat.features[used], flat.weights[used]

    def cosines(self) -> dict[int, float]:
        n, norms = len(self.vectors), self.norms
        return {
            key: dot / (norms[key // n] * norms[key % n]) for key, dot in self.pair_dots().items()
        }


PAIRS_PER_BLOCK = 1 << 16
"""Products expanded at once: a few MB of arrays, which stay in the processor's cache
(at 500 documents, blocks of 2**16 products were as fast as any size from 2**13 to 2**19,
and a third faster than 2**22 at 100 documents)."""
_POSITION_BITS = 23
"""Bits of a product's position in its block, packed below its pair's key to sort both at once."""


def entry_blocks(rows: np.ndarray, counts: np.ndarray, limit: int) -> list[tuple[int, int]]:
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


def expand_products(
    bases: np.ndarray,
    weights: np.ndarray,
    starts: np.ndarray,
    counts: np.ndarray,
    posting_items: np.ndarray,
    posting_weights: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (base + partner) and products of each entry with its postings
    `starts[k]:starts[k] + counts[k]`, in the order the loops take them.

    Arrays are updated in place where they can be: at this size, memory traffic is the cost.
    """
    import numpy as np

    total = int(counts.sum())
    # Position of each product in the postings: its entry's start plus its rank in the entry.
    positions = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    positions += np.arange(total)
    pairs = np.repeat(bases, counts)
    pairs += posting_items[positions]
    products = np.repeat(weights, counts)
    products *= posting_weights[positions]
    return pairs, products


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
    packed = keys << _POSITION_BITS
    packed |= np.arange(len(keys))
    packed.sort()
    order = packed & ((1 << _POSITION_BITS) - 1)
    packed >>= _POSITION_BITS
    new = np.empty(len(keys), bool)
    new[0] = True
    np.not_equal(packed[1:], packed[:-1], out=new[1:])
    sums = np.bincount(np.cumsum(new) - 1, weights=values[order])
    return packed[new], sums


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


def top_pair_arrays(
    keys: np.ndarray, scores: np.ndarray, n: int, per_item: int, *, least: float
) -> dict[int, float]:
    """The pairs (keys i*n+j ascending) scoring at least `least` that are among the
    `per_item` best of either member, with their scores. Ties are broken by pair order
    (the smaller key wins), so the result is deterministic."""
    enough = scores >= least
    keys, scores = keys[enough], scores[enough]
    first, second = member_places(keys, scores, n)
    chosen = (first < per_item) | (second < per_item)
    return dict(zip(keys[chosen].tolist(), scores[chosen].tolist(), strict=True))


def member_places(keys: np.ndarray, scores: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Where each pair (keys i*n+j ascending, i < j) stands among the pairs of i, and among
    those of j: 0 for a member's best pair. Better scores first, equal scores by the smaller key.

    i < j is how a pair's two entries are told apart below; a key with i >= j is refused
    rather than given a wrong place (a millisecond at 500 documents).
    """
    import numpy as np

    if len(keys) and not (keys // n < keys % n).all():
        raise ValueError("member_places needs pair keys i*n+j with i < j")

    bits = max(1, len(keys).bit_length())
    by_rank = _best_first(scores, bits)
    ranks = np.empty(len(keys), np.int64)
    ranks[by_rank] = np.arange(len(keys))
    # Each pair stands once for each member; sorted by member then rank, packed in one int
    # so that numpy's fast sort of plain ints does it.
    packed = np.sort((np.concatenate(np.divmod(keys, n)) << bits) | np.concatenate([ranks, ranks]))
    members = packed >> bits
    # Place within a member's run: its position less the position where the run begins.
    begins = np.flatnonzero(np.concatenate([[True], members[1:] != members[:-1]]))
    place = np.arange(len(packed)) - np.repeat(begins, np.diff(np.append(begins, len(packed))))
    # Back from (member, rank) order to the pairs' order: a pair's first member is the
    # smaller, so of its two entries the one whose member is its first comes from i.
    pair = by_rank[packed & ((1 << bits) - 1)]
    from_first = members == keys[pair] // n
    first, second = np.empty(len(keys), np.int64), np.empty(len(keys), np.int64)
    first[pair[from_first]] = place[from_first]
    second[pair[~from_first]] = place[~from_first]
    return first, second


def _best_first(scores: np.ndarray, bits: int) -> np.ndarray:
    """Positions of `scores` best first, equal scores by position: the order of (score, -key)
    when keys come ascending.

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
