"""The linker's work shared by forked processes: the same results, in order, and only where safe."""

from __future__ import annotations

import os
import signal
import sys
import threading

import pytest

from briefing.core import progress
from briefing.core.linking import compute_links, linker, parallel
from briefing.core.loader import load_briefing
from briefing.core.model import Briefing


def chunk_owner(state: str, start: int, stop: int) -> tuple[str, int, int, int]:
    """A chunk's bounds and the process that worked on it."""
    return state, start, stop, os.getpid()


def counting_chunk(state: object, start: int, stop: int) -> int:
    return sum(1 for _ in parallel.counted(range(start, stop), start))


def dying_chunk(state: object, start: int, stop: int) -> None:
    if start > 0:
        os.kill(os.getpid(), signal.SIGKILL)


def failing_chunk(state: object, start: int, stop: int) -> None:
    if start > 0:
        raise ValueError(f"cannot read item {start}")


@pytest.fixture
def two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many chunks each forked run had: a stray thread would make the work silently
    run here, and a test comparing results could then not fail."""
    calls: list[int] = []
    real = parallel._forked

    def spy(work, state, bounds, *rest):
        calls.append(len(bounds))
        return real(work, state, bounds, *rest)

    monkeypatch.setattr(parallel, "_forked", spy)
    return calls


def test_the_first_chunk_runs_here_the_others_in_forked_processes_in_order(
    monkeypatch, forks
) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "3")
    results = list(parallel.in_chunks(chunk_owner, "state", 12, least=5))
    assert forks == [3]
    assert [(start, stop) for _, start, stop, _ in results] == [(0, 4), (4, 8), (8, 12)]
    assert all(state == "state" for state, *_ in results)
    pids = [pid for *_, pid in results]
    assert pids[0] == os.getpid()
    assert os.getpid() not in pids[1:]


def test_a_chunk_no_process_can_be_forked_for_runs_here_in_its_turn(monkeypatch, forks) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "3")
    real_fork = os.fork
    calls = []

    def fork_once() -> int:
        calls.append(1)
        if len(calls) > 1:
            raise OSError(11, "Resource temporarily unavailable")
        return real_fork()

    monkeypatch.setattr(os, "fork", fork_once)
    results = list(parallel.in_chunks(chunk_owner, "s", 12, least=5))
    assert [(start, stop) for _, start, stop, _ in results] == [(0, 4), (4, 8), (8, 12)]
    pids = [pid for *_, pid in results]
    assert pids[0] == pids[2] == os.getpid() != pids[1]
    assert forks == [3]


def test_progress_never_goes_back_when_a_chunk_runs_here_in_its_turn(monkeypatch, forks) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")

    def refused() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    told: list[int] = []
    with progress.reported_to(lambda stage, done, total: told.append(done)):
        done = sum(parallel.in_chunks(counting_chunk, None, 6400, least=5, stage="counting"))
    assert done == 6400 and forks == [2]
    assert told == sorted(told) and told[-1] > 3200


def test_a_worker_that_dies_is_an_error_not_a_hang(two_workers, forks) -> None:
    with pytest.raises(RuntimeError, match="stopped \\(signal 9\\)"):
        list(parallel.in_chunks(dying_chunk, None, 10, least=5))


def test_leaving_early_ends_the_workers(two_workers, forks, monkeypatch) -> None:
    started: list[int] = []
    real = parallel._fork

    def recorded(*args):
        worker = real(*args)
        started.append(worker[0])
        return worker

    monkeypatch.setattr(parallel, "_fork", recorded)
    chunks = parallel.in_chunks(chunk_owner, "s", 10, least=5)
    assert next(chunks)[3] == os.getpid()
    chunks.close()
    assert len(started) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(started[0], os.WNOHANG)  # ended and reaped: not even a zombie left


def test_small_work_runs_here_in_one_chunk(two_workers, forks) -> None:
    assert list(parallel.in_chunks(chunk_owner, "s", 4, least=5)) == [("s", 0, 4, os.getpid())]
    assert forks == []


def test_one_worker_asked_for_runs_here(monkeypatch, forks) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    assert list(parallel.in_chunks(chunk_owner, "s", 100, least=5)) == [("s", 0, 100, os.getpid())]
    assert forks == []


def test_a_process_with_other_threads_never_forks(two_workers, forks) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel.worker_count() == 1
        assert len(list(parallel.in_chunks(chunk_owner, "s", 100, least=5))) == 1
    finally:
        stop.set()
        thread.join()
    assert forks == []


def test_no_fork_where_fork_is_not_the_platforms_way(two_workers, monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert parallel.worker_count() == 1


def test_an_unreadable_setting_leaves_the_count_to_the_machine(monkeypatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "many")
    assert 1 <= parallel.worker_count() <= parallel.MAX_WORKERS


def test_a_workers_error_reaches_the_caller_as_itself(two_workers, forks) -> None:
    with pytest.raises(ValueError, match="cannot read item 5"):
        list(parallel.in_chunks(failing_chunk, None, 10, least=5))
    assert forks == [2]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_what_the_workers_have_done_is_reported_here(workers, forks, monkeypatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, workers)
    told: list[tuple[str, int, int]] = []
    with progress.reported_to(lambda *report: told.append(report)):
        done = sum(parallel.in_chunks(counting_chunk, None, 1000, least=5, stage="counting"))
    assert done == 1000
    assert forks == ([2] if workers == "2" else [])
    assert {stage for stage, _, _ in told} == {"counting"}
    assert all(total == 1000 for _, _, total in told)
    assert max(done for _, done, _ in told) > 0


@pytest.fixture(scope="module")
def bundled() -> Briefing:
    return load_briefing()


def test_links_described_in_two_processes_are_the_links_described_in_one(
    bundled: Briefing, two_workers, forks, monkeypatch
) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    alone = compute_links(bundled)
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    monkeypatch.setattr(linker, "DESCRIBE_IN_PARALLEL", 10)
    shared = compute_links(bundled)
    assert forks == [2]
    assert shared == alone
