"""`briefing` piped (`briefing | head`) says it needs a terminal instead of drawing into the pipe."""

from __future__ import annotations

import pytest
from cli_support import Run

NEEDS_TERMINAL = "briefing: the reader needs a terminal; for text use 'briefing summary'"


@pytest.mark.parametrize("args", [(), ("open",)])
def test_the_reader_refuses_a_stdout_that_is_not_a_terminal(run: Run, args: tuple[str, ...]):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [NEEDS_TERMINAL]
    assert result.stdout == ""  # not one escape code in the pipe
