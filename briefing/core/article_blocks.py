"""An article's text as blocks of lines, the state of its cleaning, and what was taken out.

Shared by the importer's steps (briefing.core.article_header takes the head of an
article, briefing.core.importer its clutter): each marks blocks removed, with why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.core.furniture import ENDS_SENTENCE

# A line that opens a sentence: with ENDS_SENTENCE before it, a new paragraph may start here.
STARTS_SENTENCE = re.compile(r"^[\"“‘(]?[A-Z0-9]")


@dataclass(frozen=True)
class Removal:
    """Something the importer took out, where it was, and why."""

    reason: str
    first_line: int
    last_line: int
    text: str

    @property
    def lines(self) -> str:
        if self.first_line == self.last_line:
            return f"line {self.first_line}"
        return f"lines {self.first_line}-{self.last_line}"


@dataclass(frozen=True)
class CleanArticle:
    """The result of cleaning: front matter fields, a Markdown body, and the report."""

    fields: dict[str, str]
    body: str
    removed: tuple[Removal, ...]
    found: tuple[str, ...]
    """What was moved to the front matter, e.g. 'date 2023-09-19 (from the dateline)'."""


@dataclass
class Block:
    lines: list[str]
    line: int
    removed: str = ""
    heading: bool = False
    caption: bool = False
    """Under a picture (it had a credit or a viewer button): a paragraph, never a heading."""
    beside_meta: bool = False
    """Beside a language menu, reading time or buttons: a name alone here is a byline."""

    @property
    def last_line(self) -> int:
        return self.line + len(self.lines) - 1

    @property
    def text(self) -> str:
        """Plain text for classification: Markdown markers stripped, lines joined."""
        joined = " ".join(line.strip() for line in self.lines)
        joined = re.sub(r"^#{1,6}\s+", "", joined)
        joined = re.sub(r"\*\*|__", "", joined)
        return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", joined).strip()

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def single_line(self) -> bool:
        return len(self.lines) == 1


@dataclass
class Cleaner:
    blocks: list[Block]
    markdown: bool
    fields: dict[str, str] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)
    cut: list[Removal] = field(default_factory=list)
    """Removals of part of a block (a dateline opening a paragraph)."""
    agency: tuple[str, int] | None = None
    """The wire agency a dateline names, and its line: the publisher if nothing else is."""

    def live(self) -> list[Block]:
        return [b for b in self.blocks if not b.removed]

    def remove(self, block: Block, reason: str) -> None:
        if not block.removed:
            block.removed = reason


def split_blocks(text: str, *, markdown: bool = False) -> list[Block]:
    blocks: list[Block] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append(Block(current, start))
            current = []
    if current:
        blocks.append(Block(current, start))
    # A block of several very long lines is one paragraph per line, not one wrapped paragraph.
    result: list[Block] = []
    for block in blocks:
        if len(block.lines) > 1 and all(len(line) > 200 for line in block.lines):
            result.extend(Block([line], block.line + i) for i, line in enumerate(block.lines))
        elif len(block.lines) > 1 and not markdown:
            result.extend(_split_at_paragraph_ends(block))
        else:
            result.append(block)
    return result


HARD_WRAP_MAX = 100
"""Text wrapped by hand is wrapped at 100 columns or fewer; a longer line is a whole paragraph."""


def _split_at_paragraph_ends(block: Block) -> list[Block]:
    """Plain text without blank lines: a new paragraph where a line ends a sentence early.

    Hard-wrapped lines fill the width they were wrapped at, even where a sentence
    happens to end; so a line break after a sentence starts a new paragraph only
    when that line stops well short of the block's longest line, or is itself
    longer than any hand wrap (one paragraph per line).
    """
    widest = max(len(line.strip()) for line in block.lines)
    parts: list[Block] = []
    start = 0
    for i in range(len(block.lines) - 1):
        line, following = block.lines[i].strip(), block.lines[i + 1].strip()
        short = len(line) < 0.75 * widest or len(line) > HARD_WRAP_MAX
        if short and ENDS_SENTENCE.search(line) and STARTS_SENTENCE.match(following):
            parts.append(Block(block.lines[start : i + 1], block.line + start))
            start = i + 1
    parts.append(Block(block.lines[start:], block.line + start))
    return parts


def merge_removals(blocks: list[Block]) -> list[Removal]:
    """Adjacent blocks removed for the same reason are reported once."""
    merged: list[Removal] = []
    previous: Block | None = None
    for block in blocks:
        if not block.removed or block.removed.startswith(("title", "separator")):
            previous = None
            continue
        if previous is not None and previous.removed == block.removed and merged:
            last = merged[-1]
            merged[-1] = Removal(last.reason, last.first_line, block.last_line, last.text)
        else:
            merged.append(Removal(block.removed, block.line, block.last_line, block.text))
        previous = block
    return merged
