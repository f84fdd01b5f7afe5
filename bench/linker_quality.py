"""Score the automatic linker against tests/data/gold_links.yaml, beside a plain TF-IDF baseline.

Run by hand from the repository root:  python -m bench.linker_quality [--misses] [--halves] [--no-synonyms]

Only automatic links count: the briefing is linked with its curated links removed.
recall@5 (a→b): the gold partner b is among a's five best links.
recall@5 (either): b is in a's top five, or a in b's.
recall@5 (per passage): for each passage with k gold partners, how many are in its top five,
  out of min(k, 5). A passage with more than five gold partners cannot place them all in a
  top five, so a→b counts such misses against the linker although no ranking could avoid
  them; this column is the attainable form of the same measure.
negatives in top 3: a negative pair where either passage is in the other's top three.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from briefing.core.linking import compute_links
from briefing.core.linking.lexicon import STOPWORDS
from briefing.core.loader import load_briefing
from briefing.core.model import Briefing
from briefing.core.text import fold_for_match

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold_links.yaml"
Ranking = dict[str, list[str]]


def resolve(briefing: Briefing, ref: dict[str, str]) -> str:
    """The passage a {doc, quote} selector points at (it must match exactly one)."""
    quote = fold_for_match(ref["quote"])
    matches = [
        p.id for p in briefing.document(ref["doc"]).passages if quote in fold_for_match(p.text)
    ]
    if len(matches) != 1:
        raise SystemExit(f"gold selector {ref} matches {len(matches)} passages")
    return matches[0]


def load_gold(briefing: Briefing) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    pairs = [
        (resolve(briefing, p["a"]), resolve(briefing, p["b"]), p.get("difficulty", ""))
        for p in data["pairs"]
    ]
    negatives = [(resolve(briefing, n["a"]), resolve(briefing, n["b"])) for n in data["negatives"]]
    return pairs, negatives


def linker_ranking(briefing: Briefing, per_passage: int = 8) -> tuple[Ranking, float, list]:
    start = time.perf_counter()
    links = compute_links(briefing._replace(links=()), per_passage=per_passage)
    elapsed = time.perf_counter() - start
    touching: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for link in links:
        touching[link.source].append((-link.score, link.target))
        touching[link.target].append((-link.score, link.source))
    return (
        {pid: [other for _, other in sorted(items)] for pid, items in touching.items()},
        elapsed,
        links,
    )


@contextmanager
def without_synonyms() -> Iterator[None]:
    """The linker as if the lexicon had no near-synonym groups.

    The groups are a hand-written list, read while looking at some briefing: the linker's
    lead over this row is what rests on that list rather than on names, figures and dates.
    """
    from briefing.core.linking import terms

    saved = dict(terms.CONCEPT_OF)
    terms.CONCEPT_OF.clear()
    _clear_linking_caches()
    try:
        yield
    finally:
        terms.CONCEPT_OF.update(saved)
        _clear_linking_caches()


def _clear_linking_caches() -> None:
    """Forget what the linking modules worked out per word (it holds the synonym groups)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("briefing.core.linking"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def tfidf_ranking(briefing: Briefing) -> Ranking:
    """Plain TF-IDF: lower-case words minus stopwords, raw counts, smoothed IDF, cosine."""
    passages = list(briefing.passages.values())
    counts = [
        Counter(w for w in _TOKEN.findall(p.text.lower()) if w not in STOPWORDS) for p in passages
    ]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(passages)
    idf = {w: math.log((1 + n) / (1 + d)) + 1 for w, d in df.items()}
    vectors = []
    for c in counts:
        v = {w: tf * idf[w] for w, tf in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({w: x / norm for w, x in v.items()})
    ranking: Ranking = {}
    for i, p in enumerate(passages):
        scored = []
        for j, q in enumerate(passages):
            if q.doc == p.doc:
                continue
            small, large = sorted((vectors[i], vectors[j]), key=len)
            cosine = sum(x * large.get(w, 0.0) for w, x in small.items())
            if cosine > 0:
                scored.append((-cosine, q.id))
        ranking[p.id] = [pid for _, pid in sorted(scored)]
    return ranking


def measure(ranking: Ranking, pairs, negatives) -> dict[str, float]:
    def top(pid: str, k: int) -> list[str]:
        return ranking.get(pid, [])[:k]

    strict = sum(b in top(a, 5) for a, b, _ in pairs) / len(pairs)
    either = sum(b in top(a, 5) or a in top(b, 5) for a, b, _ in pairs) / len(pairs)
    hard = [(a, b) for a, b, d in pairs if d == "hard"]
    hard_either = sum(b in top(a, 5) or a in top(b, 5) for a, b in hard) / max(len(hard), 1)
    negative = sum(b in top(a, 3) or a in top(b, 3) for a, b in negatives) / len(negatives)
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b, _ in pairs:
        partners[a].add(b)
        partners[b].add(a)
    found = sum(len(set(top(pid, 5)) & gold) for pid, gold in partners.items())
    possible = sum(min(5, len(gold)) for gold in partners.values())
    return {
        "strict": strict,
        "either": either,
        "hard": hard_either,
        "capped": found / possible,
        "negatives": negative,
    }


def _partner_counts(pairs) -> Counter[str]:
    counts: Counter[str] = Counter()
    for a, b, _ in pairs:
        counts[a] += 1
        counts[b] += 1
    return counts


def print_misses(briefing: Briefing, pairs, mine: Ranking, baseline: Ranking) -> None:
    """Each missed gold pair: how far down each side's ranking the other is, how many of each
    side's top five are other gold partners (a top five full of them cannot take one more),
    the TF-IDF rank, and what the linker saw in common."""
    deep, _, links = linker_ranking(briefing, per_passage=len(briefing.passages))
    by_pair = {frozenset((link.source, link.target)): link for link in links}
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b, _ in pairs:
        partners[a].add(b)
        partners[b].add(a)

    def rank(ranking: Ranking, pid: str, other: str) -> int | None:
        found = ranking.get(pid, [])
        return found.index(other) + 1 if other in found else None

    print(
        "\nmissed pairs: rank of b for a / of a for b (all links kept), gold partners in the"
        " top 5 of a / of b, TF-IDF rank (best side), shared features"
    )
    causes: Counter[str] = Counter()
    for a, b, d in pairs:
        if b in mine.get(a, [])[:5] or a in mine.get(b, [])[:5]:
            continue
        ranks = [rank(deep, a, b), rank(deep, b, a)]
        crowd = [len(set(deep.get(x, [])[:5]) & (partners[x] - {y})) for x, y in ((a, b), (b, a))]
        tfidf = min((r for r in (rank(baseline, a, b), rank(baseline, b, a)) if r), default=None)
        best = min((r for r in ranks if r), default=None)
        if max(crowd) >= 4:
            cause = "behind other gold partners"
        elif best is not None and best <= 10:
            cause = "rank 6-10"
        else:
            cause = "beyond rank 10"
        causes[cause] += 1
        link = by_pair.get(frozenset((a, b)))
        shown = "/".join(str(r) if r else "-" for r in ranks)
        print(
            f"  {a:12} {b:12} {d:5} {shown:>7}  gold {crowd[0]}/{crowd[1]}  tf-idf {tfidf or '-':>2}"
            f"  {'; '.join(link.reasons) if link else ''}"
        )
    print("  " + ", ".join(f"{cause}: {n}" for cause, n in causes.most_common()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.linker_quality", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--misses", action="store_true", help="list the gold pairs missed and the negatives linked"
    )
    parser.add_argument(
        "--no-synonyms",
        action="store_true",
        help="also score the linker without its near-synonym groups (how much rests on that list)",
    )
    parser.add_argument(
        "--halves",
        action="store_true",
        help="also score each half of the gold set (pairs and negatives taken alternately)",
    )
    options = parser.parse_args(argv)
    briefing = load_briefing()
    pairs, negatives = load_gold(briefing)
    mine, elapsed, links = linker_ranking(briefing)
    baseline = tfidf_ranking(briefing)
    rows = [
        ("automatic linker", measure(mine, pairs, negatives)),
        ("TF-IDF cosine", measure(baseline, pairs, negatives)),
    ]
    if options.no_synonyms:
        with without_synonyms():
            bare, _, _ = linker_ranking(briefing)
        rows.append(("without synonyms", measure(bare, pairs, negatives)))
    if options.halves:
        # Two halves that disagree on a change say it moved a pair or two, not the linker.
        rows += [
            (f"linker, half {h + 1}", measure(mine, pairs[h::2], negatives[h::2])) for h in (0, 1)
        ]
    hard = sum(1 for *_, d in pairs if d == "hard")
    print(
        f"gold: {len(pairs)} pairs ({hard} hard), {len(negatives)} negatives; "
        f"{len(briefing.passages)} passages; linked in {elapsed * 1000:.0f} ms, {len(links)} links"
    )
    print(
        f"{'':18} {'recall@5 a→b':>13} {'either':>7} {'hard, either':>13}"
        f" {'per passage':>12} {'negatives in top 3':>19}"
    )
    for name, m in rows:
        print(
            f"{name:18} {m['strict']:13.3f} {m['either']:7.3f} {m['hard']:13.3f}"
            f" {m['capped']:12.3f} {m['negatives']:19.3f}"
        )
    crowded = sum(1 for n in _partner_counts(pairs).values() if n > 5)
    print(f"passages with more than five gold partners: {crowded}")
    kinds = Counter(link.kind for link in links)
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    if options.misses:
        by_pair = {frozenset((link.source, link.target)): link for link in links}
        print_misses(briefing, pairs, mine, baseline)
        print("\nnegatives linked in a top 3:")
        for a, b in negatives:
            if b in mine.get(a, [])[:3] or a in mine.get(b, [])[:3]:
                link = by_pair.get(frozenset((a, b)))
                print(f"  {a:12} {b:12} {link.reasons if link else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
