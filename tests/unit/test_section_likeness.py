"""A passage's likeness to each section, worked out in bulk, is the loop's to the last bit."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from briefing.core.linking import analyse
from briefing.core.linking.sections import section_likeness
from briefing.core.loader import load_briefing


def looped(features: dict[str, float], idf: dict[str, float], centroid: dict[str, float]) -> float:
    vector = {f: w * idf[f] for f, w in features.items()}
    norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
    total = 0.0
    for f, x in vector.items():
        if f in centroid:
            total += (x / norm) * centroid[f]
    return total


SECOND = Path(__file__).parents[1] / "data" / "second_briefing"


@pytest.mark.parametrize("briefing_path", [None, SECOND])
def test_bulk_likeness_equals_the_loop(briefing_path: Path | None) -> None:
    briefing = load_briefing(briefing_path)
    analysis = analyse(briefing)
    # Each section's centroid stands in as any vector: what matters is the sums.
    centroids = [
        {f: w for p in s.passages for f, w in analysis.passages[p].features.items()}
        for s in briefing.sections
    ]
    passages = [*briefing.passages, "no-such:passage"]  # a passage with no features: zeros
    rows = list(section_likeness(analysis, passages, centroids))
    assert len(rows) == len(passages)
    for pid, row in zip(passages, rows, strict=True):
        fact = analysis.passages.get(pid)
        features = fact.features if fact else {}
        assert row.tolist() == [looped(features, analysis.idf, c) for c in centroids]
