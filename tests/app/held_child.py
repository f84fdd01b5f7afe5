"""What a test's linker child runs instead of the linker: it forks workers and holds them.

Imported in the spawned child, so it imports no textual (the test checks that too).
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from briefing.core import progress
from briefing.core.linking import parallel
from briefing.core.model import Briefing

PIDS = "BRIEFING_TEST_HELD_PIDS"
"""The file where the child and each of its workers write their process id, a line each."""


def hold(briefing: Briefing) -> None:
    """Say so, then wait in two forked workers until the child is ended."""
    _note(f"{os.getpid()} {'textual' in sys.modules}")
    progress.report("held", 0, 0)
    for _ in parallel.in_chunks(_hold_one, None, 2, least=1):
        pass


def _hold_one(state: None, start: int, stop: int) -> None:
    _note(str(os.getpid()))
    threading.Event().wait()  # until the signal that ends this worker


def _note(line: str) -> None:
    with open(os.environ[PIDS], "a", encoding="utf-8") as pids:
        pids.write(line + "\n")


def pids_written() -> list[str]:
    path = Path(os.environ[PIDS])
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def fail(briefing: Briefing) -> None:
    raise ValueError("no good")


def die(briefing: Briefing) -> None:
    """End the child at once, as the kernel's out-of-memory killer would, saying nothing."""
    os._exit(3)
