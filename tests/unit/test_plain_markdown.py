"""Property: a body split without the parser gives exactly the passages the parser gives.

Bodies are made of lines that open every block construct CommonMark knows, in any
order, with the spaces parsers disagree on: whatever the shortcut accepts must come
out as the parser reads it, and it must accept the plain articles it exists for.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.core.documents import blocks_without_parser, parsed_blocks
from briefing.core.plain_markdown import plain_blocks

LINES = [
    "A plain sentence.",
    "Wrapped text  ",
    "text with *emphasis* and `code` &amp; [a link](x)",
    "# A heading",
    "## Heading ##",
    "### C#",
    "#hashtag",
    "#",
    "####### seven",
    "#\tTabbed heading",
    "# \u00a0Spaced heading",
    "1. first",
    "2) second",
    "2023. A year",
    "2023 was a year",
    "- item",
    "* item",
    "+ item",
    "***",
    "---",
    "===",
    "___",
    "> quoted",
    "    indented code",
    "\tTabbed",
    "   three spaces",
    "```",
    "~~~",
    "<div>",
    "<!-- comment -->",
    "| a | b |",
    "[ref]: https://example.org",
    "\u00a0non-breaking start",
    "non-breaking end\u00a0",
    "\u2003",
    "",
    " ",
    "\t",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12))
def test_what_the_shortcut_reads_is_what_the_parser_reads(lines: list[str]) -> None:
    body = "\n".join(lines)
    shortcut = blocks_without_parser(body)
    if shortcut is not None:
        assert shortcut == parsed_blocks(body)


def test_plain_articles_take_the_shortcut_and_others_the_parser() -> None:
    body = "# Title\n\nFirst paragraph,\nwrapped.\n\n## Part two\nSecond paragraph."
    assert plain_blocks(body) == [
        ("heading", "Title", 1),
        ("paragraph", "First paragraph,\nwrapped.", 3),
        ("heading", "Part two", 6),
        ("paragraph", "Second paragraph.", 7),
    ]
    assert [b[0] for b in parsed_blocks(body)] == ["heading", "paragraph", "heading", "paragraph"]
    for other in ("- a list", "> a quote", "    code", "Text\n===", "[r]: /x", "1. item"):
        assert plain_blocks(f"Plain.\n\n{other}") is None


def test_the_bundled_articles_are_plain() -> None:
    docs = Path(__file__).parents[2] / "content" / "docs"
    bodies = [p.read_text(encoding="utf-8").split("---\n", 2)[2] for p in docs.glob("*.md")]
    assert sum(plain_blocks(body) is not None for body in bodies) >= len(bodies) - 1
