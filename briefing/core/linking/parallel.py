"""The linker's per-passage work spread over the machine's cores, in forked processes.

A forked worker inherits what the parent has worked out so far (the analysis of 500
documents is hundreds of megabytes) without a copy or a pickle: only each chunk's
results travel back, pickled through a pipe. Forking is safe only in a process with one
thread, and only where fork is the platform's way (Linux, the BSDs); anywhere else — the
reader, whose worker thread runs beside its event loop, or macOS — the chunks run here,
one after the other, and give the same results.

Each worker is a bare `os.fork` that works on one chunk, writes its pickle and ends with
`os._exit`: no pool, no queue, no lock shared between processes. multiprocessing's pool
was tried first and, about once in a dozen runs of 500 documents, a worker it was ending
hung on a lock, and the linker with it.
"""

from __future__ import annotations

import mmap
import os
import pickle
import select
import signal
import struct
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from briefing.core import progress
from briefing.core.errors import WorkerLost

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

TELL_EVERY = 64
"""Items a chunk goes through between two updates of its count."""

POLL_SECONDS = 0.25
"""How often the sharing process reports what the workers have done, while it waits."""

_COUNT = struct.Struct("q")

_stage: tuple[str | None, int] | None = None
"""The stage and size of the work under way in this process, for `counted`."""

_counts: mmap.mmap | None = None
"""While workers share the work: items done per chunk, in memory they all share. Each
chunk's count is written by its own process only, so no lock is needed."""

_slot = 0
"""The chunk this process works on (0: the sharing process's own)."""

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
    one process may run (`worker_count`); otherwise one chunk runs here. The results of
    `work` must pickle. With a `stage`, how many of the `size` items are done is reported
    under it (see briefing.core.progress) as `work` goes through them with `counted`.
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
    yield from _forked(work, state, bounds, stage)


def counted(items: Iterable[T], start: int) -> Iterator[T]:
    """A chunk's items, the first being item `start` of the whole, told as they are done:
    to this process's listener when it works alone; when workers share the work, in the
    chunk's count, which the process that shared it out reports."""
    stage, total = _stage or (None, 0)
    counts = _counts
    if counts is None:
        yield from progress.counted(items, stage, total, start) if stage else items
        return
    where = _COUNT.size * _slot
    telling = bool(stage) and not _in_worker
    step = max(TELL_EVERY, total // 50)  # told about 50 times in all, as progress.counted does
    done = 0
    for done, item in enumerate(items, 1):
        yield item
        if done % TELL_EVERY == 0:
            _COUNT.pack_into(counts, where, done)
            if telling and done % step < TELL_EVERY:
                progress.report(stage, _all_done(), total)  # type: ignore[arg-type]
    _COUNT.pack_into(counts, where, done)


def _all_done() -> int:
    assert _counts is not None
    return sum(n for (n,) in _COUNT.iter_unpack(_counts))


def _forked(
    work: Callable[[Any, int, int], R],
    state: Any,
    bounds: list[tuple[int, int]],
    stage: str | None,
) -> Iterator[R]:
    """The first chunk here, each other in a forked worker of its own meanwhile (on 2
    cores: one fork, and half the results need no pickling)."""
    global _stage, _counts, _slot
    size = bounds[-1][1]
    _stage, _counts, _slot = (stage, size), mmap.mmap(-1, _COUNT.size * len(bounds)), 0
    workers: list[tuple[int, int] | None] = []
    try:
        for slot, (start, stop) in enumerate(bounds[1:], 1):
            workers.append(_fork(work, state, start, stop, slot))
        yield work(state, *bounds[0])
        for number, worker in enumerate(workers):
            if worker is None:  # it could not be forked: its chunk runs here, in its turn
                _slot = number + 1  # counted in its own place, not over this process's chunk
                yield work(state, *bounds[number + 1])
            else:
                workers[number] = None  # _result closes its pipe and waits for it, come what may
                yield _result(worker, stage, size)
    finally:
        for worker in workers:  # left early (an error, Ctrl-C): the rest are not wanted
            if worker is not None:
                _end(worker)
        _stage, _counts, _slot = None, None, 0


def _fork(
    work: Callable[[Any, int, int], R], state: Any, start: int, stop: int, slot: int
) -> tuple[int, int] | None:
    """A worker for one chunk: its process id and the pipe its result comes through; None
    when no process can be forked now (too many, or no memory for one)."""
    try:
        reading, writing = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        return None
    if pid == 0:
        status = 1
        try:
            os.close(reading)
            _become_worker(slot)
            try:
                outcome: tuple[bool, Any] = (True, work(state, start, stop))
            except BaseException as error:  # raised again where the work was shared out
                outcome = (False, error)
            _send(writing, outcome)
            status = 0
        finally:
            os._exit(status)  # never back into the parent's code, its exit handlers or buffers
    os.close(writing)
    return pid, reading


def _become_worker(slot: int) -> None:
    global _in_worker, _slot
    _in_worker, _slot = True, slot
    # Ctrl-C reaches every process of the terminal's group: the parent alone handles it
    # (and ends the workers), or each worker would print a traceback. A handler the
    # parent set for SIGTERM is the parent's: a worker just ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A listener inherited from the parent would draw its bar from here too.
    progress.stop_listening()


def _send(fd: int, outcome: tuple[bool, Any]) -> None:
    try:
        data = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # an error that does not pickle is told as its text
        data = pickle.dumps((False, RuntimeError(f"{outcome[1]!r} ({error})")))
    with open(fd, "wb") as pipe:
        pipe.write(data)


def _result(worker: tuple[int, int], stage: str | None, size: int) -> Any:
    """A worker's result, read to the end of its pipe; its error raised here."""
    pid, fd = worker
    parts = []
    try:
        while True:
            if stage:
                progress.report(stage, _all_done(), size)
            ready, _, _ = select.select([fd], [], [], POLL_SECONDS)
            if not ready:
                continue
            part = os.read(fd, 1 << 20)
            if not part:
                break
            parts.append(part)
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    if not parts:
        raise WorkerLost(
            f"a worker process of the linker stopped ({_how(status)}), most likely for want "
            f"of memory: run it again with {WORKERS_ENV}=1 to link in one process"
        )
    ok, value = pickle.loads(b"".join(parts))
    if not ok:
        raise value
    return value


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def _end(worker: tuple[int, int]) -> None:
    pid, fd = worker
    os.close(fd)
    try:
        os.kill(pid, signal.SIGKILL)  # it holds nothing another process waits for
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass  # gone already
