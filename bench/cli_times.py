"""Wall time of the CLI commands that must start fast, beside `python -c pass`."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench.timing import Result, repeat, table, wall_time


def briefing_script() -> str:
    script = Path(sys.executable).with_name("briefing")
    return str(script) if script.exists() else "briefing"


def run(runs: int, briefing_path: str | None = None) -> str:
    target = [briefing_path] if briefing_path else []
    exe = briefing_script()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "briefing summary": [exe, "summary", *target],
        "briefing check": [exe, "check", *target],
        "briefing export": [exe, "export", *target],
    }
    with tempfile.TemporaryDirectory() as cwd:  # away from the checkout, as a user would run it
        results = [
            Result(name, repeat(lambda argv=argv: wall_time(argv, cwd), runs))
            for name, argv in commands.items()
        ]
    return table(results, baseline="python -c pass")
