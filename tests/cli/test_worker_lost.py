"""A linker worker killed mid-run (as for want of memory) is one line on stderr, not a traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cli_support import clean_env

# The real CLI, with the describing shared out from ten links on, and the second chunk's
# worker killed as the kernel's out-of-memory killer would kill it.
KILLED_WORKER = textwrap.dedent(
    """
    import os, signal, sys
    from briefing.core.linking import linker
    described = linker._describe

    def killed(state, start, stop):
        if start > 0:
            os.kill(os.getpid(), signal.SIGKILL)
        return described(state, start, stop)

    linker._describe = killed
    linker.DESCRIBE_IN_PARALLEL = 10
    from briefing import cli
    sys.exit(cli.main(["export"]))
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_a_killed_worker_is_one_line_that_says_what_to_do_and_prints_nothing_else(
    tmp_path: Path,
):
    result = subprocess.run(
        [sys.executable, "-c", KILLED_WORKER],
        cwd=tmp_path,
        env=clean_env(BRIEFING_WORKERS="2", BRIEFING_CACHE_DIR=str(tmp_path / "cache")),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "briefing: error: a worker process of the linker stopped (signal 9), most likely for "
        "want of memory: run it again with BRIEFING_WORKERS=1 to link in one process"
    ]
    assert result.stdout == ""  # no half of an export
