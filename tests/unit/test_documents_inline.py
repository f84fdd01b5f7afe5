"""Passage text of plain paragraphs (read without the inline parser) and of marked-up ones."""

from __future__ import annotations

import pytest

from briefing.core.documents import split_passages


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("Wrapped\nline.", "Wrapped line."),
        ("One trailing space \nthen more.", "One trailing space then more."),
        ("Two trailing spaces  \nbreak the line.", "Two trailing spaces\nbreak the line."),
        ("Tab before the break\t\nstays.", "Tab before the break\t stays."),
        ("Indented\n     continuation.", "Indented continuation."),
        ("Backslash break\\\nhere.", "Backslash break\nhere."),
        ("Some *emphasis* and `code`.", "Some emphasis and code."),
        ("An &amp; entity and \\*escapes\\*.", "An & entity and *escapes*."),
        ("A [reference][r] link.\n\n[r]: https://example.org", "A reference link."),
        ("An ![image](x.png) and <https://a.b>.", "An image and https://a.b."),
        ("Plain ! and ] and ~ are text.", "Plain ! and ] and ~ are text."),
    ],
)
def test_paragraph_text_is_what_a_reader_sees(body: str, text: str) -> None:
    assert split_passages(body, "d")[0].text == text
