"""`render_summary` (text and Markdown) and `export_json`: exact, wrapped, cited, safe."""

from __future__ import annotations

import json
import re

import pytest
from tiny_briefing import ALPHA, BETA, BRIEFING, MakeBriefing

from briefing.core.errors import NotInBriefing
from briefing.core.export import export_json
from briefing.core.loader import load_briefing
from briefing.core.locate import bundled_briefing
from briefing.core.model import Briefing, Link
from briefing.core.summary import render_summary


@pytest.fixture
def tiny(make_briefing: MakeBriefing) -> Briefing:
    return load_briefing(make_briefing())


@pytest.fixture(scope="module")
def bundled() -> Briefing:
    return load_briefing(bundled_briefing())


TEXT_60 = """\
Tiny summit briefing
====================

Two sources on one meeting.

Sources
[1] Alpha on the summit
    Alpha Times · Ann Writer · 2023-09-19
[2] Beta explains
    Beta Institute · no byline · undated

The meeting
-----------
Where and when the leaders met.

  • The leaders met at a spaceport in the Far East. [1 ¶1]
    [2 ¶1]

Shells
------
How many shells Russia used.

  • The sources differ on the number of shells. [1 ¶2]
    [2 ¶2]

Where the sources disagree
--------------------------
  • Alpha says 11 million. [2 ¶2]
"""

MARKDOWN_60 = """\
# Tiny summit briefing

Two sources on one meeting.

## Sources

1. *Alpha on the summit* — Alpha Times · Ann Writer ·
   2023-09-19
2. *Beta explains* — Beta Institute · no byline · undated

## The meeting

Where and when the leaders met.

- The leaders met at a spaceport in the Far East. [1 ¶1]
  [2 ¶1]

## Shells

How many shells Russia used.

- The sources differ on the number of shells. [1 ¶2] [2 ¶2]

## Where the sources disagree

- Alpha says 11 million. [2 ¶2]
"""


def test_text_summary_is_exact(tiny: Briefing) -> None:
    assert render_summary(tiny, width=60) == TEXT_60


def test_markdown_summary_is_exact(tiny: Briefing) -> None:
    assert render_summary(tiny, width=60, fmt="markdown") == MARKDOWN_60


def test_disagreement_notes_close_the_summary_of_their_sections_only(tiny: Briefing) -> None:
    assert "Where the sources disagree" in render_summary(tiny, width=60, section_id="shells")
    assert "Where the sources disagree" not in render_summary(tiny, width=60, section_id="meeting")


def test_one_section_only(tiny: Briefing) -> None:
    out = render_summary(tiny, width=60, section_id="shells")
    assert out == TEXT_60.split("The meeting\n")[0] + "Shells" + TEXT_60.split("\nShells")[1]


def test_unknown_section_names_the_nearest(tiny: Briefing) -> None:
    with pytest.raises(NotInBriefing) as excinfo:
        render_summary(tiny, section_id="shell")
    # No file and line: the id was asked for, the YAML is not at fault.
    assert str(excinfo.value) == "shell: no such section (did you mean 'shells'?)"


def test_unknown_section_far_from_any_lists_them(tiny: Briefing) -> None:
    with pytest.raises(NotInBriefing) as excinfo:
        render_summary(tiny, section_id="zzz")
    assert str(excinfo.value) == "zzz: no such section (sections: meeting, shells)"


def test_section_without_key_points_quotes_its_passages(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace(
        "    key_points:\n      - text: The sources differ on the number of shells.\n"
        '        cite: [{doc: alpha, quote: "11 million"}, {doc: beta, quote: "10 million"}]\n',
        "",
    )
    out = render_summary(load_briefing(make_briefing(text)), width=60, section_id="shells")
    _, _, drawn = out.partition("How many shells Russia used.\n\n")
    assert drawn.startswith("  No key points written for this section. Quoted from the")
    assert "  • " in drawn
    assert set(re.findall(r"\[\d+ ¶\d+\]", drawn)) <= {"[1 ¶2]", "[2 ¶2]"}


@pytest.mark.parametrize("width", [29, 1001])
def test_width_out_of_range_is_refused(tiny: Briefing, width: int) -> None:
    with pytest.raises(ValueError, match="width must be between 30 and 1000"):
        render_summary(tiny, width=width)


def test_long_titles_wrap_to_the_width(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace("title: The meeting", "title: " + "Meeting " * 8).replace(
        "title: Tiny summit briefing", "title: " + "Briefing " * 8
    )
    out = render_summary(load_briefing(make_briefing(text)), width=30)
    assert max(len(line) for line in out.splitlines()) <= 30


def assert_citations_whole(out: str) -> None:
    for line in out.splitlines():
        for match in re.finditer("¶", line):
            assert re.search(r"\[\d+ $", line[: match.start()]), line
            assert re.match(r"¶\d+\]", line[match.start() :]), line
        assert not re.search(r"\[\d+$", line), line


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_bundled_summary_keeps_citations_whole_and_lines_short(bundled: Briefing, fmt: str) -> None:
    citations = len(re.findall(r"\[\d+ ¶\d+\]", render_summary(bundled, width=1000, fmt=fmt)))
    for width in range(30, 101):
        out = render_summary(bundled, width=width, fmt=fmt)
        assert_citations_whole(out)
        # Markdown headings cannot wrap; every other line fits.
        lines = [line for line in out.splitlines() if not line.startswith("#")]
        assert max(len(line) for line in lines) <= width, width
        # Wrapping never loses or invents a citation.
        assert len(re.findall(r"\[\d+ ¶\d+\]", out)) == citations, width


def test_bundled_summary_cites_every_key_point(bundled: Briefing) -> None:
    out = render_summary(bundled, width=100)
    assert out.startswith(bundled.title + "\n")
    assert "[1 ¶" in out
    points = [p for s in bundled.sections for p in s.key_points]
    body, _, disagreements = out.partition("\nWhere the sources disagree\n")
    assert body.count("  • ") == len(points)
    notes = [n for n in bundled.annotations if n.kind == "disagreement"]
    assert disagreements.count("  • ") == len(notes)


def test_summary_without_color_has_no_escape(bundled: Briefing) -> None:
    assert "\x1b" not in render_summary(bundled, width=80, color=False)


def test_summary_with_color_uses_only_our_styles(bundled: Briefing) -> None:
    out = render_summary(bundled, width=80, color=True)
    assert "\x1b[1m" in out
    assert "\x1b[2m[1 ¶" in out
    assert "\x1b" not in re.sub(r"\x1b\[[012]m", "", out)


HOSTILE_DOC = """\
---
title: "Evil \\e[31mred\\e[0m title\\a"
publisher: "Pub\\e]0;owned\\a"
author: "\\e[2JWiper"
---

Text with \x1b[31mcolour\x1b[0m, a bell\x07 and [bold]markup[/bold].
"""


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("color", [False, True])
def test_escape_sequences_in_content_never_reach_the_output(
    make_briefing: MakeBriefing, fmt: str, color: bool
) -> None:
    text = """\
    title: "Brief \\e[5mblink\\e[0m"
    description: "Desc \\e]8;;http://x\\a link"
    documents: [docs/evil.md]
    sections:
      - id: s
        title: "Sec \\e[7mrev"
        intro: "Intro \\x9b31m here"
        key_points:
          - text: "Point \\e[1mbold\\a"
            cite: [{doc: evil, quote: "[bold]markup"}]
    """
    briefing = load_briefing(make_briefing(text, {"evil": HOSTILE_DOC}))
    out = render_summary(briefing, width=60, fmt=fmt, color=color)
    ours = re.sub(r"\x1b\[[012]m", "", out) if color else out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", ours)
    assert "Evil red title" in out
    assert "Point bold" in out


def test_summary_is_deterministic(make_briefing: MakeBriefing) -> None:
    folder = make_briefing()
    first = render_summary(load_briefing(folder), width=72)
    assert render_summary(load_briefing(folder), width=72) == first
    assert export_json(load_briefing(folder)) == export_json(load_briefing(folder))


# -- export -----------------------------------------------------------------------

SHAPE = {
    "documents": {"id", "title", "publisher", "author", "date", "url"},
    "passages": {"id", "doc", "index", "text"},
    "sections": {"id", "title", "passages"},
    "annotations": {"passage", "kind", "text"},
    "links": {"from", "to", "kind", "score", "reasons", "curated"},
}


def check_shape(data: dict) -> None:
    assert {"title", *SHAPE} <= set(data)
    assert isinstance(data["title"], str)
    for key, required in SHAPE.items():
        assert isinstance(data[key], list), key
        for item in data[key]:
            assert required <= set(item), (key, required - set(item))
    for passage in data["passages"]:
        assert isinstance(passage["index"], int)
        assert passage["id"] == f"{passage['doc']}:{passage['index']}"
    for section in data["sections"]:
        assert all(isinstance(pid, str) for pid in section["passages"])
    for link in data["links"]:
        assert isinstance(link["reasons"], list)
        assert isinstance(link["curated"], bool)
        assert isinstance(link["score"], int | float)


def test_export_of_the_tiny_briefing(tiny: Briefing) -> None:
    data = json.loads(export_json(tiny))
    check_shape(data)
    assert data["title"] == "Tiny summit briefing"
    assert {k: data["documents"][0][k] for k in SHAPE["documents"]} == {
        "id": "alpha",
        "title": "Alpha on the summit",
        "publisher": "Alpha Times",
        "author": "Ann Writer",
        "date": "2023-09-19",
        "url": "",
    }
    assert [p["id"] for p in data["passages"]] == [
        "alpha:1",
        "alpha:2",
        "alpha:3",
        "beta:1",
        "beta:2",
    ]
    assert data["passages"][1]["text"] == "Russia fired 11 million shells in Ukraine last year."
    assert [(s["id"], s["passages"]) for s in data["sections"]] == [
        ("meeting", ["alpha:1", "beta:1", "alpha:3"]),
        ("shells", ["alpha:2", "beta:2"]),
    ]
    assert data["annotations"] == [
        {"passage": "beta:2", "kind": "disagreement", "text": "Alpha says 11 million.", "cites": []}
    ]
    link, *automatic = data["links"]
    assert all(not a["curated"] and a["from"] != a["to"] for a in automatic)
    assert {k: link[k] for k in SHAPE["links"]} == {
        "from": "alpha:2",
        "to": "beta:2",
        "kind": "disagreement",
        "score": 1.0,
        "reasons": ["shell figures differ"],
        "curated": True,
    }


def test_export_of_the_bundled_briefing_has_the_promised_shape(bundled: Briefing) -> None:
    data = json.loads(export_json(bundled))
    check_shape(data)
    ids = {p["id"] for p in data["passages"]}
    for section in data["sections"]:
        assert set(section["passages"]) <= ids
    for link in data["links"]:
        assert {link["from"], link["to"]} <= ids


def test_export_gives_each_record_a_line_of_its_own(bundled: Briefing) -> None:
    out = export_json(bundled)
    data = json.loads(out)
    records = [
        json.loads(line.strip().rstrip(","))
        for line in out.splitlines()[1:-1]
        if line.startswith("    ")
    ]
    lists = [v for v in data.values() if isinstance(v, list)]
    assert records == [record for value in lists for record in value]
    assert any(r.get("id") == data["passages"][-1]["id"] for r in records)


def test_an_untitled_source_is_listed_by_its_publisher_saying_it_is_untitled(
    make_briefing: MakeBriefing,
) -> None:
    untitled = BETA.replace("title: Beta explains\n", "")
    briefing = load_briefing(make_briefing(None, {"alpha": ALPHA, "beta": untitled}))
    assert "[2] Beta Institute (untitled)\n" in render_summary(briefing, width=60)
    assert "2. *Beta Institute (untitled)* —" in render_summary(briefing, width=60, fmt="markdown")


@pytest.mark.parametrize(
    ("reasons", "backed"),
    [(("both: Vostochny",), True), (("similar wording",), False)],
)
def test_a_link_on_common_words_alone_backs_up_no_quoted_passage(
    make_briefing: MakeBriefing,
    monkeypatch: pytest.MonkeyPatch,
    reasons: tuple[str, ...],
    backed: bool,
) -> None:
    text = BRIEFING.replace(
        "    key_points:\n      - text: The leaders met at a spaceport in the Far East.\n"
        '        cite:\n          - {doc: alpha, quote: "Vostochny Cosmodrome"}\n'
        '          - {doc: beta, quote: "spaceport"}\n',
        "",
    )
    briefing = load_briefing(make_briefing(text))
    first, second = briefing.section("meeting").passages[:2]
    link = Link(first, second, "related", 0.5, reasons, curated=False)
    monkeypatch.setattr("briefing.core.linking.all_links", lambda _: (link,))
    out = render_summary(briefing, width=200, section_id="meeting")
    assert "No key points written for this section." in out
    assert ("; also [2 ¶1]" in out) is backed


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_new_briefing_says_what_it_lacks_under_each_heading(tmp_path, fmt: str) -> None:
    """Straight after `init`: no bare headings, but what is missing and how to add it."""
    from briefing.core.scaffold import init_briefing

    init_briefing(tmp_path / "new", None)
    briefing = load_briefing(tmp_path / "new", use_cache=False)
    lines = render_summary(briefing, width=80, fmt=fmt).splitlines()
    quote = "'" if fmt == "text" else "`"  # plain text quotes a command, Markdown codes it
    assert any(f"None yet: add articles with {quote}briefing import" in line for line in lines)
    # With no sources, nothing to suggest from: the section says only that it is empty.
    empty = [line for line in lines if line.strip("*") == "No passages yet."]
    assert len(empty) == len(briefing.sections) > 0
