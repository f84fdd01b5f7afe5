"""A progress bar on stderr while a command waits on long work: the linker's first run.

A command that needs the automatic links of a briefing the cache has not seen (a warm
`summary` never does) can wait a minute at 500 documents. Silence for that long reads as a
hang, so the stages the linker reports (briefing.core.progress) are drawn as one Rich bar.
Nothing is drawn when stderr is not a terminal (a pipe, a log, CI), nor for work that is
over in under a second: a bar that flashes by tells nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from briefing.core import progress

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

SHOW_AFTER = 1.0
"""Seconds of work before the bar appears."""


class TerminalProgress:
    """A briefing.core.progress listener drawing the stage and its share done on `stream`."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self._stream = stream
        self._clock = clock
        self._started = clock()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == progress.OVER:
            self.close()  # before the command prints what it waited for
            return
        if self._bar is None:
            if self._clock() - self._started < SHOW_AFTER:
                return
            self._open()
        assert self._bar is not None
        if stage != self._stage or self._task is None:
            # One task per stage: an uncounted stage (total 0) is a bar that pulses, and a
            # task's total, once set, cannot be unset.
            if self._task is not None:
                self._bar.remove_task(self._task)
            self._stage = stage
            self._task = self._bar.add_task(stage, total=total or None)
        self._bar.update(self._task, completed=done, refresh=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()  # transient: the bar leaves no line behind
            self._bar, self._task, self._stage = None, None, ""

    def _open(self) -> None:
        # Deferred: importing rich takes about as long as a whole warm `summary`, and a
        # warm command never gets here.
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self._bar = Progress(
            TextColumn("finding links: {task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            console=Console(file=self._stream),
            transient=True,
            # Redrawn at each report, not by a thread of its own: the linker forks its
            # workers only in a process with one thread (see briefing.core.linking.parallel).
            auto_refresh=False,
            # What the command prints goes where it was meant to go, not above the bar:
            # the bar is down before the command prints (see `progress.over`).
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._bar.start()


@contextmanager
def shown_on(stream: TextIO) -> Iterator[None]:
    """Draw the progress of the work done in this block on `stream`, if it is a terminal."""
    if not stream.isatty():
        yield
        return
    listener = TerminalProgress(stream)
    try:
        with progress.reported_to(listener):
            yield
    finally:
        listener.close()
