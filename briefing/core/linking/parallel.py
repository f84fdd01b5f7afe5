"""The linker's per-passage work spread over the machine's cores, in forked processes.

A forked worker inherits what the parent has worked out so far (the analysis of 500
documents is hundreds of megabytes) without a copy or a pickle: only each chunk's
results travel back. Forking is safe only in a process with one thread, and only where
fork is the platform's way (Linux, the BSDs); anywhere else — the reader, whose worker
thread runs beside its event loop, or macOS — the chunks run here, one after the other,
and give the same results.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

R = TypeVar("R")

WORKERS_ENV = "BRIEFING_WORKERS"
"""Set to a number of processes (1: this one only) to override the machine's core count."""

MAX_WORKERS = 8
"""More processes than this gain little: the parts of the linker that run in one are longer."""

CHUNKS_PER_WORKER = 1
"""Chunks are smaller than a worker's share, so that an uneven one does not hold up the rest."""

_job: tuple[Callable[..., Any], Any] | None = None
"""The function and state of the chunks under way: set before the workers are forked."""


def worker_count() -> int:
    """How many processes may share the work now: 1 unless forking is safe here."""
    wanted = os.environ.get(WORKERS_ENV, "").strip()
    if wanted:
        try:
            return max(1, int(wanted))
        except ValueError:
            pass  # an unreadable setting is no setting: the machine decides
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return 1
    if threading.active_count() > 1:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))  # what this process may use, as in a container
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def in_chunks(
    work: Callable[[Any, int, int], R], state: Any, size: int, *, least: int
) -> Iterator[R]:
    """`work(state, start, stop)` over 0..`size` in contiguous chunks, results in order.

    Forked workers share the chunks when there are at least `least` items and more than
    one process may run (`worker_count`); otherwise one chunk runs here. `work` must be a
    module-level function (a worker finds it by name) and its results picklable.
    """
    workers = worker_count() if size >= least else 1
    if workers == 1 or threading.active_count() > 1:
        yield work(state, 0, size)
        return
    count = min(size, workers * CHUNKS_PER_WORKER)
    bounds = [(size * k // count, size * (k + 1) // count) for k in range(count)]
    yield from _forked(work, state, bounds, workers)


def _forked(
    work: Callable[[Any, int, int], R],
    state: Any,
    bounds: list[tuple[int, int]],
    workers: int,
) -> Iterator[R]:
    import multiprocessing

    global _job
    _job = (work, state)
    try:
        # maxtasksperchild is left unset: a worker's memos (a sentence read once) serve
        # every chunk it takes.
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_run_chunk, bounds)
    finally:
        _job = None


def _run_chunk(bounds: tuple[int, int]) -> Any:
    assert _job is not None, "a chunk ran outside in_chunks"
    work, state = _job
    return work(state, *bounds)
