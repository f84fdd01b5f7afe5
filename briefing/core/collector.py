"""Pause the cycle collector while many long-lived objects are built at once."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
"""Pauses under way, in every thread: the collector is the process's, and the reader reads
its links back in one worker while another reads the earlier links."""
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Reading 15,000 passages, or turning a large cache entry back into a briefing, makes
    millions of small objects that all live on: the collections they would trigger find
    nothing to free, and cost a tenth of the linker's time and a third of the cache read.

    The collector runs again when the last pause ends, if it ran before the first began.
    """
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
