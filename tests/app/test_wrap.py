"""Line breaking of the reading and notes panes: hanging lines and unbroken citations."""

from __future__ import annotations

import pytest

from briefing.tui.wrap import wrap_ranges


def lines(text: str, width: int, indent: int = 0) -> list[str]:
    return [text[start:end].strip() for start, end in wrap_ranges(text, width, indent)]


def test_lines_after_the_first_are_narrower_by_the_indent():
    text = "✎ one two three four five six seven"
    assert lines(text, 12) == ["✎ one two", "three four", "five six", "seven"]
    assert lines(text, 12, indent=2) == ["✎ one two", "three four", "five six", "seven"]
    assert lines("aaaa bbbb cccc dddd", 9, indent=2) == ["aaaa bbbb", "cccc", "dddd"]


@pytest.mark.parametrize("width", range(6, 20))
def test_a_no_break_space_keeps_a_citation_whole(width: int):
    text = "Context: see also [2\N{NO-BREAK SPACE}¶4] [5\N{NO-BREAK SPACE}¶4] here"
    for line in lines(text, width):
        assert line.count("[") == line.count("]")
