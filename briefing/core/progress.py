"""How far long work in the data layer has got, told to whoever listens in this thread.

The linker's first run over a large briefing takes a minute; the reader shows how far it
is. A listener is set for one thread's work (`reported_to`) rather than passed down
through every call between the reader and the linker's loops, and costs nothing when no
one listens (the CLI, the tests).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

Listener = Callable[[str, int, int], None]
"""Called with a stage ('reading the sources'), the items done and the items in all
(0 in all: a stage whose items are not counted)."""

OVER = ""
"""The stage reported once the long work is over (see `over`)."""

_listener: ContextVar[Listener | None] = ContextVar("progress listener", default=None)


@contextmanager
def reported_to(listener: Listener) -> Iterator[None]:
    """Tell `listener` the progress of the work done in this block, in this thread."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def stop_listening() -> None:
    """Tell no one in this context from now on: a forked worker's parent listens instead."""
    _listener.set(None)


def report(stage: str, done: int, total: int) -> None:
    """Say that `done` of `total` items of `stage` are done (callers call it now and then,
    not for every item: a listener may do real work)."""
    listener = _listener.get()
    if listener is not None:
        listener(stage, done, total)


def over() -> None:
    """Say that the long work is over: a listener showing a bar takes it down before the
    caller prints its results where the bar was."""
    report(OVER, 0, 0)


def counted(items: Iterable[T], stage: str, total: int, before: int = 0) -> Iterator[T]:
    """`items`, reporting `stage` about 50 times as they are done: `before` plus those done so
    far, of `total` (a stage may run over several loops)."""
    if _listener.get() is None:
        yield from items
        return
    step = max(1, total // 50)
    report(stage, before, total)
    for done, item in enumerate(items, before + 1):
        yield item
        if done % step == 0:
            report(stage, done, total)
