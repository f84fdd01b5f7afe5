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
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

R = TypeVar("R")

FORKING_PLATFORMS = ("linux", "freebsd", "openbsd", "netbsd")

WORKERS_ENV = "BRIEFING_WORKERS"
"""A number of processes (1: this one only) to use instead of the machine's core count."""

MAX_WORKERS = 8
"""More processes than this gain little: the parts of the linker that run in one are longer."""

CHUNKS_PER_WORKER = 1
"""One chunk per worker: a chunk sets up afresh what it memoises per passage (the linker's
`derived`), so smaller chunks cost more than an uneven split does (describing the links of
500 documents on 2 cores: 6.1 s in 2 chunks, 8.1 s in 8)."""

_job: tuple[Callable[..., Any], Any] | None = None
"""The function and state of the chunks under way: set before the workers are forked."""

_in_worker = False
"""True in a forked worker: its chunk runs there, it never forks workers of its own."""


def worker_count() -> int:
    """How many processes may share the work now: 1 unless forking is safe here."""
    if not fork_is_safe():
        return 1
    wanted = os.environ.get(WORKERS_ENV, "").strip()
    if wanted.isdigit():
        return max(1, int(wanted))
    try:
        cores = len(os.sched_getaffinity(0))  # what this process may use, as in a container
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def fork_is_safe() -> bool:
    """A fork copies only the thread that calls it: another thread's locks stay held for
    ever in the child. And macOS's own libraries are not safe to use after a fork."""
    return (
        not _in_worker
        and sys.platform.startswith(FORKING_PLATFORMS)
        and threading.active_count() == 1
    )


def in_chunks(
    work: Callable[[Any, int, int], R], state: Any, size: int, *, least: int
) -> Iterator[R]:
    """`work(state, start, stop)` over 0..`size` in contiguous chunks, results in order.

    Forked workers share the chunks when there are at least `least` items and more than
    one process may run (`worker_count`); otherwise one chunk runs here. `work` must be a
    module-level function (a worker finds it by name) and its results picklable.
    """
    workers = worker_count() if size >= least else 1
    if workers == 1:
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
        with multiprocessing.get_context("fork").Pool(workers, _become_worker) as pool:
            yield from pool.imap(_run_chunk, bounds)
    finally:
        _job = None


def _become_worker() -> None:
    global _in_worker
    _in_worker = True
    # Ctrl-C reaches every process of the terminal's group: the parent alone handles it
    # (leaving the pool ends the workers), or each worker would print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(bounds: tuple[int, int]) -> Any:
    assert _job is not None, "a chunk ran outside in_chunks"
    work, state = _job
    return work(state, *bounds)
