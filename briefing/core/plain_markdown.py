"""The blocks of a Markdown body that holds only paragraphs and '#' headings, found without a parser.

Most articles are just that, and splitting them by their blank lines gives the blocks
CommonMark gives, at a tenth of the parser's cost (the parser was 0.8 s of loading 500
documents). Any line that could open another construct (a list, a quote, code, HTML, a
rule, an underlined heading, a link definition) sends the whole body to the parser: the
shortcut never has to know what such a line means.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

OTHER_CONSTRUCT = frozenset("#>-*+_=`~<|[ \t")
"""Characters that may open a block other than a paragraph line, at a line's start.

'#' opens a heading (checked below) or, alone, nothing certain; indentation may be
code or a list's continuation; '|' and '[' a table or a link reference definition."""

ATX_HEADING = re.compile(r"#{1,6}[ \t]+(?P<text>.*?[^ \t])[ \t]*")
"""A '#' heading with text, as CommonMark reads it when its text does not end in '#'."""

ORDERED_ITEM = re.compile(r"\d{1,9}[.)](?:[ \t]|$)")


class _Other(Exception):
    """The body holds something besides paragraphs and '#' headings: the parser must read it."""


def plain_blocks(body: str) -> list[tuple[str, str, int]] | None:
    """(kind, content, 1-based line) of each block: 'heading' or 'paragraph', with the
    content CommonMark gives its inline parser. None when the body holds anything else."""
    if "\r" in body or "\0" in body:
        return None  # the parser rewrites these first
    try:
        return list(_blocks(body.split("\n")))
    except _Other:
        return None


def _blocks(lines: list[str]) -> Iterator[tuple[str, str, int]]:
    paragraph: list[str] = []
    start = 0
    for number, line in enumerate(lines):
        if not line.strip(" \t"):  # CommonMark's blank line: spaces and tabs only
            if paragraph:
                yield "paragraph", _paragraph(paragraph), start + 1
                paragraph = []
            continue
        first = line[0]
        if first.isdigit() and ORDERED_ITEM.match(line):
            raise _Other
        if first not in OTHER_CONSTRUCT:
            if not paragraph:
                start = number
            paragraph.append(line)
            continue
        heading = ATX_HEADING.fullmatch(line) if first == "#" else None
        if heading is None or heading["text"].endswith("#"):
            raise _Other
        if paragraph:  # a heading ends a paragraph without a blank line
            yield "paragraph", _paragraph(paragraph), start + 1
            paragraph = []
        yield "heading", _trimmed(heading["text"]), number + 1
    if paragraph:
        yield "paragraph", _paragraph(paragraph), start + 1


def _paragraph(lines: list[str]) -> str:
    return _trimmed("\n".join(lines).strip(" \t"))


def _trimmed(content: str) -> str:
    """`content`, provided no other space opens or closes it: parsers (and their versions)
    differ on which other spaces they trim, so the parser reads such text."""
    if content[0].isspace() or content[-1].isspace():
        raise _Other
    return content
