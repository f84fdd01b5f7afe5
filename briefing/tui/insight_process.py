"""The linker's first run over a large briefing, in a process of its own beside the reader.

In a thread of the reader, 25 s of linking 500 documents shared the reader's
interpreter lock and its 600 MB heap: a key took 15-22 ms to repaint instead of 8,
with spikes of half a second, and the reader stayed large afterwards. A spawned
child has its own lock and heap, and a single thread, where the linker could fork
its workers (briefing.core.linking.parallel). The child
stores what it finds in the cache, as any first run does, and the reader then reads
it back exactly as a second open would: links, views and the cache stay what the
in-thread run gives.

Plain Python, no textual: the child imports only this module and the linker.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from briefing.core import cache, progress

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from briefing.core.model import Briefing, Document

LARGE_BRIEFING = 2_000
"""Passages from which the linker runs in a child (500 documents have 15,000). Below it
the run is over in a few seconds in a thread, not worth a process that takes half a
second to start; the bundled briefing and the tests stay there."""

POLL = 0.1
"""Seconds between two looks at whether the reader closed while the child works."""

GRACE = 2.0
"""Seconds the child has to end itself and its workers before it is killed."""

NICENESS = 10
"""How far the child (and the workers it forks) stand back for the reader when the cores
are busy: a key must not wait for a slice of CPU behind the linker."""

DOCUMENTS_AT_ONCE = 25
"""Documents per pickle sent to the child (about 3 ms of this process's lock each)."""


Build = Callable[["Briefing"], object]
"""What the child runs over the briefing: build_insight, which stores what it finds."""


class LinkerFailed(Exception):
    """The linker raised in the child, or the child ended without a word; says which."""


def wanted(briefing: Briefing) -> bool:
    """Whether this briefing's linking goes to a child: large, and a cache to hand it back by."""
    return len(briefing.passages) >= LARGE_BRIEFING and _cache_writable()


def _cache_writable() -> bool:
    folder = cache.cache_dir()
    if folder is None:
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def link_apart(
    briefing: Briefing, cancelled: Callable[[], bool], build: Build | None = None
) -> None:
    """Link `briefing` in a child process that stores the results in the cache.

    Progress is reported here, as the linker reports it there. Returns when the child has
    stored everything, when `cancelled()` turns true (the child is then ended), or at
    once when no child can start: either way `build_insight` afterwards reads what was
    stored, or builds it in this process. Raises LinkerFailed when the child fails.
    `build` is what the child runs (build_insight unless told; a module-level function).
    """
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("spawn")  # a fork would copy the reader's threads
    ours, theirs = context.Pipe()
    try:
        child = start(context, briefing, theirs, build)
    except Exception:  # no child (no interpreter to spawn, say): link in this process
        ours.close()
        return
    finally:
        theirs.close()
    try:
        _send_documents(ours, briefing)
        while not cancelled():
            ready = wait([ours, child.sentinel], POLL)
            if ours.poll():
                if _heard(ours.recv()):
                    child.join(GRACE)  # it is leaving by itself
                    return
            elif child.sentinel in ready:
                raise LinkerFailed(_stopped(child))
    except (EOFError, OSError):  # the child is gone, with nothing said
        raise LinkerFailed(_stopped(child)) from None
    finally:
        _end(child)
        ours.close()


def start(context: Any, briefing: Briefing, conn: Connection, build: Build | None) -> BaseProcess:
    """The child, started with the briefing less its documents, which follow (`_send_documents`)."""
    _tracker_started()
    frame = briefing._replace(documents=())
    child = context.Process(target=run_child, args=(frame, conn, build), name="briefing-linker")
    child.start()
    return child


def _send_documents(conn: Connection, briefing: Briefing) -> None:
    """The documents, a few at a time, then None: pickled at once (8 MB at 500 documents)
    they held this process's lock for 70 to 200 ms, and a key's repaint waited as long."""
    documents = briefing.documents
    for first in range(0, len(documents), DOCUMENTS_AT_ONCE):
        conn.send(documents[first : first + DOCUMENTS_AT_ONCE])
    conn.send(None)


def _tracker_started() -> None:
    """Start multiprocessing's resource tracker with a real stderr, before the first child.

    The tracker is handed sys.stderr's file number, and under Textual sys.stderr is a
    capture whose number is -1: the start fails with "bad value(s) in fds_to_keep"
    (Textual issue 3593). Started once, the tracker serves every later child.
    """
    if os.name != "posix":
        return  # spawning on Windows needs no tracker
    from multiprocessing import resource_tracker

    with open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
        resource_tracker.ensure_running()


def _heard(message: tuple[Any, ...]) -> bool:
    """Act on one message from the child; True once it has stored everything."""
    what, *details = message
    if what == "progress":
        progress.report(*details)
        return False
    if what == "failed":
        raise LinkerFailed(details[0])
    return what == "stored"


def _stopped(child: BaseProcess) -> str:
    """What a user is told of a child that ended without a word (killed, most likely)."""
    child.join(GRACE)  # its end is seen a moment before its exit status can be read
    if child.exitcode is not None and child.exitcode < 0:
        return f"the linker's process stopped (signal {-child.exitcode})"
    return f"the linker's process stopped (exit status {child.exitcode})"


def _end(child: BaseProcess) -> None:
    """Stop the child if it still runs, and with it the workers it forked."""
    if child.is_alive():
        child.terminate()  # its handler raises SystemExit: the linker ends its workers
        child.join(GRACE)
    # Whatever is left of its process group: the child itself, stuck in a long call the
    # handler cannot interrupt, or the workers of a child that was killed outright (by
    # the kernel when memory ran out, say), which would otherwise wait for work forever.
    if hasattr(os, "killpg") and child.pid is not None:
        with contextlib.suppress(OSError):  # nothing left: the usual case
            os.killpg(child.pid, signal.SIGKILL)
    elif child.is_alive():
        child.kill()
    child.join()


# -- in the child ---------------------------------------------------------------


def run_child(frame: Briefing, conn: Connection, build: Build | None = None) -> None:
    """The child's work: `build` (build_insight) with progress sent to the reader."""
    _silence()
    _leave_on_terminate()
    with contextlib.suppress(AttributeError, OSError):  # no os.nice on Windows
        os.nice(NICENESS)
    briefing = _with_documents(frame, conn)
    if build is None:
        from briefing.tui.insight import build_insight as build
    own = os.getpid()

    def forward(stage: str, done: int, total: int) -> None:
        if os.getpid() == own:  # never from a forked worker: the pipe has one writer
            conn.send(("progress", stage, done, total))

    try:
        with progress.reported_to(forward):
            build(briefing)
        conn.send(("stored",))
    except Exception as exc:  # told to the reader, which shows it
        # A closed pipe (the reader is gone) lands here too, and ends the child quietly.
        with contextlib.suppress(OSError):
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))


def _with_documents(frame: Briefing, conn: Connection) -> Briefing:
    documents: list[Document] = []
    while (some := conn.recv()) is not None:
        documents.extend(some)
    return frame._replace(documents=tuple(documents))


def _leave_on_terminate() -> None:
    """SIGTERM unwinds the child, so that the linker ends the workers it forked (they
    end on SIGTERM themselves: see briefing.core.linking.parallel); a group of its own
    lets the reader kill them all if that does not happen in time."""
    signal.signal(signal.SIGTERM, _exit)
    with contextlib.suppress(AttributeError, OSError):
        os.setpgid(0, 0)


def _exit(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _silence() -> None:
    """Output to /dev/null: the child shares the reader's terminal, and a warning printed
    there would scribble over the screen."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        os.close(null)
