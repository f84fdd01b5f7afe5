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
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from briefing.core import progress

R = TypeVar("R")
T = TypeVar("T")

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

_stage: tuple[str | None, int] | None = None
"""The stage and size of the chunk running in this process, for `counted`."""

_done: Any = None
"""Items the workers have done (a counter in shared memory), while they work."""

TELL_EVERY = 64
"""Items a worker goes through between two counts: a count takes a lock."""

POLL_SECONDS = 0.25
"""How often the sharing process reports what the workers have done, while it waits."""

_in_worker = False
"""True in a forked worker: its chunk runs there, it never forks workers of its own."""


def worker_count() -> int:
    """How many processes may share the work now: 1 unless forking is safe here."""
    return wanted_workers() if fork_is_safe() else 1


def wanted_workers() -> int:
    """Processes to share the work where forking is safe: `BRIEFING_WORKERS`, else the cores."""
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
    work: Callable[[Any, int, int], R],
    state: Any,
    size: int,
    *,
    least: int,
    stage: str | None = None,
) -> Iterator[R]:
    """`work(state, start, stop)` over 0..`size` in contiguous chunks, results in order.

    Forked workers share the chunks when there are at least `least` items and more than
    one process may run (`worker_count`); otherwise one chunk runs here. `work` must be a
    module-level function (a worker finds it by name) and its results picklable. With a
    `stage`, how many of the `size` items are done is reported under it (see
    briefing.core.progress) as `work` goes through them with `counted`.
    """
    global _stage
    workers = worker_count() if size >= least else 1
    if workers == 1:
        _stage = (stage, size)
        try:
            yield work(state, 0, size)
        finally:
            _stage = None
        return
    count = min(size, workers * CHUNKS_PER_WORKER)
    bounds = [(size * k // count, size * (k + 1) // count) for k in range(count)]
    yield from _forked(work, state, bounds, workers, stage)


def counted(items: Iterable[T], start: int) -> Iterator[T]:
    """A chunk's items, the first being item `start` of the whole, told as they are done:
    to this process's listener when it works alone; when forked workers share the work,
    added to their common count, which the process that shared it out reports."""
    stage, total = _stage or (None, 0)
    if _done is None:
        yield from progress.counted(items, stage, total, start) if stage else items
        return
    done = _done
    since = 0
    for item in items:
        yield item
        since += 1
        if since == TELL_EVERY:
            with done.get_lock():
                done.value += since
            since = 0
            if stage and not _in_worker:
                progress.report(stage, done.value, total)
    with done.get_lock():
        done.value += since


def _forked(
    work: Callable[[Any, int, int], R],
    state: Any,
    bounds: list[tuple[int, int]],
    workers: int,
    stage: str | None,
) -> Iterator[R]:
    """The first chunk here, the others in `workers` - 1 forked processes meanwhile: one
    fork fewer, and one chunk's results that need no pickling."""
    import multiprocessing

    global _job, _done, _stage
    context = multiprocessing.get_context("fork")
    size = bounds[-1][1]
    _job, _done, _stage = (work, state), context.Value("q", 0), (stage, size)
    try:
        try:
            # maxtasksperchild is left unset: a worker's memos (a sentence read once)
            # serve every chunk it takes.
            pool = context.Pool(workers - 1, _become_worker)
        except OSError:  # no more processes allowed, or no memory for them: alone, then
            _done = None
            yield work(state, 0, size)
            return
        with pool:
            results = pool.imap(_run_chunk, bounds[1:])
            yield work(state, *bounds[0])
            while True:
                if stage:
                    progress.report(stage, _done.value, size)
                try:
                    yield results.next(timeout=POLL_SECONDS)
                except multiprocessing.TimeoutError:
                    continue
                except StopIteration:
                    return
    finally:
        _job = _done = _stage = None


def _become_worker() -> None:
    global _in_worker
    _in_worker = True
    # Ctrl-C reaches every process of the terminal's group: the parent alone handles it
    # (leaving the pool ends the workers), or each worker would print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A listener inherited from the parent would draw its bar from here too.
    progress.stop_listening()


def _run_chunk(bounds: tuple[int, int]) -> Any:
    assert _job is not None, "a chunk ran outside in_chunks"
    work, state = _job
    return work(state, *bounds)
