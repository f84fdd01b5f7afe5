"""Greedy word wrap that returns character ranges, fast enough to lay out thousands of passages.

Only line *boundaries* are computed here; styled text is sliced per visible line
when drawn, so laying out a 2,000-passage section costs tens of milliseconds.
"""

from __future__ import annotations

from rich.cells import cell_len


def wrap_ranges(text: str, width: int, indent: int = 0) -> list[tuple[int, int]]:
    """(start, end) offsets of each line of `text` wrapped to `width` cells.

    Explicit newlines start a new line; a word longer than the width is cut.
    Trailing spaces belong to the line they end and are not counted. With `indent`,
    every line but the first is `indent` cells narrower (drawn indented, under a label).
    Only spaces break a line: a no-break space keeps a citation such as `[2 ¶4]` whole.
    """
    width = max(width, 4)
    rest = max(4, width - indent)
    ranges: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        _wrap_paragraph(paragraph, offset, width if offset == 0 else rest, rest, ranges)
        offset += len(paragraph) + 1
    return ranges


def _wrap_paragraph(
    text: str, base: int, width: int, rest: int, out: list[tuple[int, int]]
) -> None:
    """Wrap one paragraph: its first line to `width` cells, the others to `rest`."""
    line_start = 0
    line_cells = 0
    position = 0
    for word in text.split(" "):
        cells = len(word) if word.isascii() else cell_len(word)
        if line_cells and line_cells + cells > width:
            out.append((base + line_start, base + position))
            line_start, line_cells = position, 0
            width = rest
        while cells > width:  # a word wider than the line is cut where it must be
            cut = _cut(text, position, width)
            out.append((base + line_start, base + cut))
            line_start = cut
            width = rest
            word = text[cut : position + len(word)]
            position = cut
            cells = len(word) if word.isascii() else cell_len(word)
        line_cells += cells + 1
        position += len(word) + 1
    out.append((base + line_start, base + len(text)))


def _cut(text: str, start: int, width: int) -> int:
    cells = 0
    for i in range(start, len(text)):
        cells += cell_len(text[i])
        if cells > width:
            return i
    return len(text)
