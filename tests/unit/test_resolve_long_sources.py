"""Quote selectors into a long source (found through its word index) resolve as in a short one."""

from __future__ import annotations

import pytest
from tiny_briefing import MakeBriefing

from briefing.core.loader import inspect_briefing
from briefing.core.resolve import INDEXED_PASSAGES

PASSAGES = INDEXED_PASSAGES * 2
LONG = "---\ntitle: A long source\n---\n\n" + "\n\n".join(
    f"Paragraph {n} tells of crate {n * 7} at the harbour, said the clerk."
    for n in range(1, PASSAGES + 1)
)
OTHER = "---\ntitle: Another\n---\n\nThe harbour was quiet.\n"


def resolved(make_briefing: MakeBriefing, quote: str) -> tuple[tuple[str, ...], list[str]]:
    yaml_text = (
        "title: Long\ndocuments: [docs/long.md, docs/other.md]\n"
        "sections:\n  - id: s\n    title: S\n    passages:\n"
        f"      - {{doc: long, quote: {quote!r}}}\n"
    )
    folder = make_briefing(yaml_text, {"long": LONG, "other": OTHER})
    briefing, problems = inspect_briefing(folder)
    assert briefing is not None
    passages = briefing.sections[0].passages if briefing.sections else ()
    return passages, [p.message for p in problems if p.severity == "error"]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("tells of crate 700 at", "long:100"),
        ("aragraph 100 tel", "long:100"),  # cut words at both ends
        ("crate 7 at", "long:1"),
        ("Paragraph  3   tells", "long:3"),  # white space folded like any quote
        (f"crate {PASSAGES * 7} at the harbour, said the clerk.", f"long:{PASSAGES}"),
    ],
)
def test_a_quote_in_a_long_source_finds_its_one_passage(
    make_briefing: MakeBriefing, quote: str, expected: str
) -> None:
    assert resolved(make_briefing, quote) == ((expected,), [])


def test_a_quote_in_many_passages_of_a_long_source_lists_the_first_five(
    make_briefing: MakeBriefing,
) -> None:
    _, errors = resolved(make_briefing, "at the harbour, said")
    assert errors == [
        f"quote in a passage of section 's' matches {PASSAGES} passages "
        "(long:1, long:2, long:3, long:4, long:5): quote more words to pick one"
    ]


def test_a_quote_in_no_passage_of_a_long_source_shows_the_closest(
    make_briefing: MakeBriefing,
) -> None:
    _, errors = resolved(make_briefing, "Paragraph 12 tells of crate 85")
    assert len(errors) == 1
    assert errors[0].startswith(
        "quote in a passage of section 's' matches no passage of 'long'; closest is long:12: "
    )
