"""Run `python -m briefing` as a user would: a subprocess, in a clean folder, clean environment."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import Run, clean_env


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """`run("summary", "--width", "50")`: the CLI in tmp_path, output captured as text."""

    def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "briefing", *args],
            cwd=tmp_path,
            env=env or clean_env(),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            check=False,
        )

    return run_cli
