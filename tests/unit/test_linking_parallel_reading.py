"""The linker's reading passes shared by forked processes read a briefing as one process does."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from test_linking_entities import briefing_of

from briefing.core import progress
from briefing.core.linking import analysis, parallel
from briefing.core.linking.analysis import READING, Analysis, analyse
from briefing.core.linking.mentions import count_held_runs
from briefing.core.linking.terms import Casing, find_terms
from briefing.core.linking.tokens import normalise, sentences
from briefing.core.loader import load_briefing
from briefing.core.model import Briefing

WIRE = "The Coastal Trade Forum (CTF) opened in Port Avel on 4 March 2025, with 1,200 delegates."
"""A sentence wire copy repeats from source to source: read once, whichever process reads it."""


def _wire_briefing() -> Briefing:
    """Documents that repeat one sentence from the first to the last, as agencies' copy does."""
    return briefing_of(
        {
            "first": f"{WIRE} Ada Penn spoke first.\n\nShipping rose by 12% last year.",
            "second": "Ada Penn said the CTF would meet again.\n\nThe talks ended on 6 March.",
            "third": "Lee Dal Su arrived late.\n\nHe spoke of 300 tonnes of grain.",
            "fourth": f"Officials said so. {WIRE}\n\nLee Dal Su and Ada Penn met at the CTF on 5 March.",
        },
        dates={"first": "2025-03-04", "second": "2025-03-06", "fourth": "2025-03-07"},
    )


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every briefing of more than one passage is read in chunks, by forked workers; the
    list gets one entry per pool of them, so a test can tell the work really was shared
    (a stray thread would have kept it in this process)."""
    monkeypatch.setattr(analysis, "READ_IN_PARALLEL", 2)
    started: list[int] = []
    forked = parallel._forked

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(len(args[2]))  # the chunks' bounds
        return forked(*args, **kwargs)

    monkeypatch.setattr(parallel, "_forked", counting)
    return started


def _serial(briefing: Briefing, monkeypatch: pytest.MonkeyPatch) -> Analysis:
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    return analyse(briefing)


def _assert_same(shared: Analysis, alone: Analysis) -> None:
    assert list(shared.passages) == list(alone.passages)
    for pid, fact in alone.passages.items():
        other = shared.passages[pid]
        assert (other.doc, other.text, other.sentences) == (fact.doc, fact.text, fact.sentences)
        assert other.dates == fact.dates, pid
        assert other.figures == fact.figures, pid
        assert other.mentions == fact.mentions, pid
        # In the same order too: a bag's order is the order its features are summed in.
        assert list(other.features.items()) == list(fact.features.items()), pid
        assert other.sentence_features == fact.sentence_features, pid
    assert shared.entities == alone.entities
    assert list(shared.idf.items()) == list(alone.idf.items())
    assert shared.words == alone.words


@pytest.mark.parametrize("workers", ["2", "3"])
def test_a_briefing_read_by_forked_workers_reads_as_in_one_process(
    workers: str, forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    briefing = load_briefing()
    alone = _serial(briefing, monkeypatch)
    assert not forks
    monkeypatch.setenv(parallel.WORKERS_ENV, workers)
    shared = analyse(briefing)
    assert forks == [int(workers)], "the first pass, in forked chunks"
    _assert_same(shared, alone)


def test_a_sentence_repeated_in_another_chunk_reads_the_same(
    forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    briefing = _wire_briefing()
    alone = _serial(briefing, monkeypatch)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    shared = analyse(briefing)
    assert forks == [2]
    _assert_same(shared, alone)
    # Read in the second chunk: the acronym as the first chunk defined it, the wire's figure.
    assert "coastal trade forum" in {m.key for m in shared.passages["fourth:2"].mentions}
    assert [f.low for f in shared.passages["fourth:1"].figures] == [1200]


def test_progress_is_told_by_this_process_as_the_chunks_are_done(
    forks: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    briefing = _wire_briefing()
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    told = tmp_path / "told"  # a file, so that a report from a forked worker would show too
    total = 3 * len(briefing.passages)

    def listen(stage: str, done: int, of: int) -> None:
        with told.open("a") as out:
            out.write(f"{os.getpid()} {stage} {done} {of}\n")

    with progress.reported_to(listen):
        analyse(briefing)
    assert forks == [2]
    reports = [line.split(" ", 1) for line in told.read_text().splitlines()]
    assert {pid for pid, _ in reports} == {str(os.getpid())}
    done = [int(rest.split()[-2]) for _, rest in reports]
    assert all(rest.startswith(READING) and rest.endswith(f" {total}") for _, rest in reports)
    assert done == sorted(done) and done[-1] == total
    passages = len(briefing.passages)
    assert {passages // 2, passages, 2 * passages} <= set(done)


def test_a_small_briefing_is_read_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[object] = []
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    monkeypatch.setattr(parallel, "_forked", lambda *args: started.append(args))
    briefing = load_briefing()
    assert len(briefing.passages) < analysis.READ_IN_PARALLEL
    assert analyse(briefing).passages
    assert not started


def test_the_casing_counted_in_chunks_is_the_whole_briefings(
    forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Names are told from sentence starts by these counts: every one, in the same order,
    # as one reading of the whole briefing counts them.
    briefing = load_briefing()
    casing, held = Casing(), Counter[str]()
    for passage in briefing.passages.values():
        text = normalise(passage.text)
        find_terms(text, sentences(text), casing)
        count_held_runs(text, held)
    monkeypatch.setenv(parallel.WORKERS_ENV, "3")
    shared = analysis._read_all(briefing, 0)
    assert forks == [3]
    assert list(shared.casing.written.items()) == list(casing.written.items())
    assert list(shared.casing.openers.items()) == list(casing.openers.items())
    assert list(shared.held.items()) == list(held.items())


def test_a_sentence_repeated_in_another_chunk_shares_one_reading(
    forks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As when one process reads them all: a large briefing's repeats would otherwise
    # each hold a copy of what they say.
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    read = analysis._read_all(_wire_briefing(), 0)
    assert forks == [2]
    first, last = read.words["first:1"][0], read.words["fourth:1"][1]
    assert first is last
    assert read.words["first:1"][1] is not read.words["fourth:2"][0]
