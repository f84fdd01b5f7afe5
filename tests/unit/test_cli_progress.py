"""A command waiting on the linker's first run draws a progress bar on a terminal's stderr."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from tiny_briefing import MakeBriefing

from briefing import cli, cli_progress
from briefing.cli_progress import TerminalProgress
from briefing.core import progress
from briefing.core.linking import auto_links
from briefing.core.loader import load_briefing

SHOW_CURSOR = "\x1b[?25h"
ERASE_LINE = "\x1b[2K"


class FakeTerminal(io.StringIO):
    """What Rich writes to a terminal, kept: Rich draws live bars only on a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_short_work_draws_nothing_and_long_work_draws_its_stage_and_share_done():
    terminal, clock = FakeTerminal(), Clock()
    bar = TerminalProgress(terminal, clock)
    bar("reading the sources", 10, 300)
    assert terminal.getvalue() == ""  # over in under a second: no bar flashes by

    clock.now += cli_progress.SHOW_AFTER
    bar("reading the sources", 150, 300)
    drawn = terminal.getvalue()
    assert "finding links: reading the sources" in drawn
    assert "50%" in drawn

    bar("describing the links", 1, 4)
    assert "finding links: describing the links" in terminal.getvalue()[len(drawn) :]
    bar.close()


def test_a_stage_that_is_not_counted_shows_no_share(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cli_progress, "SHOW_AFTER", 0.0)
    terminal = FakeTerminal()
    bar = TerminalProgress(terminal)
    bar("reading the sources", 300, 300)
    bar("comparing the passages", 0, 0)
    last = terminal.getvalue().rsplit("finding links:", 1)[1]
    bar.close()
    assert last.startswith(" comparing the passages")
    assert "%" not in last  # not '0%' of the stage before: nothing is counted here


def test_export_on_a_terminal_shows_the_linker_at_work_and_leaves_stdout_alone(
    make_briefing: MakeBriefing,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    path = make_briefing()
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cold cache"))
    monkeypatch.setattr(cli_progress, "SHOW_AFTER", 0.0)  # the tiny briefing links at once
    terminal = FakeTerminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert cli.main(["export", str(path)]) == 0
    assert "finding links: reading the sources" in terminal.getvalue()
    exported = capsys.readouterr().out
    assert exported.startswith("{") and "finding links" not in exported


def test_a_command_whose_stderr_is_not_a_terminal_draws_nothing(
    make_briefing: MakeBriefing,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    path = make_briefing()
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cold cache"))
    monkeypatch.setattr(cli_progress, "SHOW_AFTER", 0.0)
    log = io.StringIO()  # a pipe or a log file
    monkeypatch.setattr("sys.stderr", log)
    assert cli.main(["export", str(path)]) == 0
    assert log.getvalue() == ""


def test_the_bar_is_taken_down_once_the_links_are_ready(
    make_briefing: MakeBriefing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # Down before the command prints: a live bar redrawn over a summary would eat its lines.
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cold cache"))
    heard: list[str] = []
    with progress.reported_to(lambda stage, done, total: heard.append(stage)):
        auto_links(load_briefing(make_briefing()))
    assert heard[0] == "reading the sources"
    assert heard[-1] == progress.OVER

    monkeypatch.setattr(cli_progress, "SHOW_AFTER", 0.0)
    terminal = FakeTerminal()
    bar = TerminalProgress(terminal)
    bar("describing the links", 3, 4)
    drawn = len(terminal.getvalue())
    bar(progress.OVER, 0, 0)
    stopping = terminal.getvalue()[drawn:]
    assert SHOW_CURSOR in stopping
    assert stopping.endswith(ERASE_LINE)  # transient: the bar's line is wiped, not left
