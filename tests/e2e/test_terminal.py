"""The installed `briefing` command in a real pseudo-terminal, read back through a terminal emulator."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pexpect
import pyte
import pytest

from briefing.core.loader import load_briefing

COLUMNS, ROWS = 120, 36
TIMEOUT = 20.0


def briefing_command() -> list[str]:
    """The console script installed beside this Python, else the module."""
    script = Path(sys.executable).with_name("briefing")
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefing"]


class Terminal:
    """A child process on a pty, its output fed into a pyte screen."""

    def __init__(self, argv: list[str], cwd: Path) -> None:
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        env.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(ROWS))
        self.child = pexpect.spawn(argv[0], argv[1:], cwd=str(cwd), env=env,
                                   dimensions=(ROWS, COLUMNS))

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self) -> None:
        try:
            data = self.child.read_nonblocking(65536, timeout=0.05)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            return
        self.stream.feed(data)

    def wait_for(self, predicate, what: str) -> None:
        """Read output until the screen satisfies `predicate` (a condition, not a fixed delay)."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            self.pump()
            if predicate(self.text()):
                return
            if not self.child.isalive():
                break
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{self.text()}")

    def send(self, keys: str) -> None:
        self.child.send(keys)


@pytest.mark.skipif(shutil.which("stty") is None, reason="needs a POSIX terminal")
def test_reader_in_a_real_terminal_follows_a_link_goes_back_and_quits(tmp_path: Path):
    briefing = load_briefing()
    first_section = briefing.sections[0]
    origin = next(pid for pid in first_section.passages if briefing.links_for(pid))
    position = first_section.passages.index(origin)
    target = briefing.links_for(origin)[0].other(origin)
    origin_citation = briefing.citation(origin)
    target_citation = briefing.citation(target)

    term = Terminal(briefing_command(), cwd=tmp_path)
    try:
        term.wait_for(lambda s: briefing.title in s and first_section.title in s, "the first screen")
        for _ in range(position):
            term.send("j")
        term.wait_for(lambda s: f"{origin_citation}  {origin}" in s, f"focus on {origin}")

        term.send("1")
        term.wait_for(lambda s: f"{target_citation}  {target}" in s, f"the link target {target}")

        term.send("\x7f")  # backspace: back
        term.wait_for(lambda s: f"{origin_citation}  {origin}" in s, f"back on {origin}")

        term.send("q")
        term.child.expect(pexpect.EOF, timeout=TIMEOUT)
    finally:
        term.child.close()
    assert term.child.exitstatus == 0
