"""The benchmark's synthetic briefings: valid, and growing in every part with their size."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.probe import queries
from bench.synthetic import build
from briefing.core.check import check_briefing
from briefing.core.loader import load_briefing
from briefing.core.search import SearchIndex


@pytest.fixture(scope="module")
def small_and_larger(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("synthetic")
    return load_briefing(build(folder / "5", 5)), load_briefing(build(folder / "15", 15))


def test_a_synthetic_briefing_checks_without_errors(tmp_path: Path):
    report = check_briefing(build(tmp_path, 10))
    assert report.errors == 0, [p.format() for p in report.problems]
    assert len(report.briefing.documents) == 10


def test_sections_annotations_and_links_grow_with_the_documents(small_and_larger):
    small, larger = small_and_larger
    assert len(larger.documents) == 3 * len(small.documents)
    assert 28 * 15 <= len(larger.passages) <= 32 * 15
    assert len(larger.sections) > len(small.sections)
    assert len(larger.annotations) > len(small.annotations)
    assert len(larger.links) > len(small.links) >= 0
    assert larger.links, "stories are linked by the author, as in a real briefing"


def test_the_long_option_gives_one_large_source_and_section(tmp_path: Path):
    briefing = load_briefing(build(tmp_path, 3, long=90))
    assert len(briefing.documents[0].passages) == 90
    assert briefing.sections[0].passages == tuple(p.id for p in briefing.documents[0].passages)


def test_the_probe_queries_find_passages(small_and_larger):
    _, larger = small_and_larger
    index = SearchIndex(larger)
    found = [index.search(q) for q in queries([p.text for p in larger.passages.values()])]
    assert len(found) == 3 and all(found)
