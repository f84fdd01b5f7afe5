"""A program on a pseudo-terminal, its output read back through the pyte terminal emulator.

Shared by the end-to-end test and the benchmarks (`bench/`).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte


def briefing_command() -> list[str]:
    """The console script installed beside this Python, else the module."""
    script = Path(sys.executable).with_name("briefing")
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefing"]


class Terminal:
    """A child process on a pty, its output fed into a pyte screen."""

    def __init__(
        self,
        argv: list[str],
        cwd: Path,
        columns: int = 120,
        rows: int = 36,
        env: dict[str, str] | None = None,
    ) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        environment = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        environment.update(TERM="xterm-256color", COLUMNS=str(columns), LINES=str(rows))
        environment.update(env or {})
        self.child = pexpect.spawn(
            argv[0], argv[1:], cwd=str(cwd), env=environment, dimensions=(rows, columns)
        )

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, timeout: float = 0.01) -> float | None:
        """Feed waiting output into the screen; return when it arrived (None if none did).

        The arrival time is taken before the emulator parses the bytes, so that
        timings measure the program, not this pure-Python terminal emulator.
        """
        try:
            data = self.child.read_nonblocking(65536, timeout=timeout)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return None
        arrived = time.perf_counter()
        self.stream.feed(data)
        return arrived

    def wait_for(self, predicate: Callable[[str], bool], what: str, timeout: float = 20.0) -> float:
        """Read output until the screen satisfies `predicate`; return the seconds until the
        output that completed it arrived."""
        start = time.perf_counter()
        deadline = start + timeout
        while time.perf_counter() < deadline:
            arrived = self.pump()
            if arrived is not None and predicate(self.text()):
                return arrived - start
            if not self.child.isalive() and self.pump() is None:
                break
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{self.text()}")

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def close(self) -> None:
        self.child.close(force=True)
