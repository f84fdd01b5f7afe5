"""`briefing links` output, `check --suggest` YAML and the summary without key points, as exact text."""

from __future__ import annotations

import json
import re
import textwrap

import pytest
import yaml
from tiny_briefing import MakeBriefing

from briefing.core.check import quote_selector, render_suggestions
from briefing.core.errors import NotInBriefing
from briefing.core.links_report import (
    render_links_json,
    render_links_text,
    require_passage,
    telling_sentence,
)
from briefing.core.loader import load_briefing
from briefing.core.locate import bundled_briefing
from briefing.core.model import Briefing, Link
from briefing.core.summary import best_sentence, clean_text, render_summary, sentences, wrap_text
from briefing.core.text import fold_for_match


@pytest.fixture
def tiny(make_briefing: MakeBriefing) -> Briefing:
    return load_briefing(make_briefing())


@pytest.fixture(scope="module")
def bundled() -> Briefing:
    return load_briefing(bundled_briefing())


def sample_links(b: Briefing) -> list[Link]:
    """The tiny briefing's curated ≠, and two made-up automatic links: output, not linker, is tested."""
    return [
        b.links[0],
        Link(
            "alpha:1",
            "beta:1",
            "same-event",
            0.4321,
            ("same date: 13 September", "both: spaceport"),
            False,
        ),
        Link("alpha:3", "beta:1", "background", 0.1, ("both: talks",), False),
    ]


WHOLE_60 = """\
Tiny summit briefing
Links: 1 curated, 2 suggested (automatic); each shown once,
under its first passage.
≈ same event · = same figure · + agrees · ≠ disagrees ·
← background · ~ related

[1 ¶1] Alpha Times (alpha:1): "Kim Jong Un met Vladimir
    Putin at the Vostochny Cosmodrome on 13 September."
  ≈ Beta Institute [2 ¶1] · same event · suggested
    (automatic, score 0.43)
    "The summit took place at a spaceport in the Russian Far
    East."
    why: same date: 13 September · both: spaceport

[1 ¶2] Alpha Times (alpha:2): "Russia fired 11 million
    shells in Ukraine last year."
  ≠ Beta Institute [2 ¶2] · disagrees
    Alpha Times [1 ¶2]: "Russia fired 11 million shells in
      Ukraine last year."
    Beta Institute [2 ¶2]: "Estimates put Russian shell use
      at 10 million rounds in 2022."
    why: shell figures differ

[1 ¶3] Alpha Times (alpha:3): "The leaders dined on crab
    dumplings after the talks."
  ← Beta Institute [2 ¶1] · background · suggested
    (automatic, score 0.10)
    "The summit took place at a spaceport in the Russian Far
    East."
    why: both: talks
"""

ONE_PASSAGE_60 = """\
Tiny summit briefing
Links of beta:1 [2 ¶1]: 0 curated, 2 suggested (automatic).
≈ same event · = same figure · + agrees · ≠ disagrees ·
← background · ~ related

[2 ¶1] Beta Institute (beta:1): "The summit took place at a
    spaceport in the Russian Far East."
  ≈ Alpha Times [1 ¶1] · same event · suggested (automatic,
    score 0.43)
    "Kim Jong Un met Vladimir Putin at the Vostochny
    Cosmodrome on 13 September."
    why: same date: 13 September · both: spaceport
  → Alpha Times [1 ¶3] · background · suggested (automatic,
    score 0.10)
    "The leaders dined on crab dumplings after the talks."
    why: both: talks
"""


def test_links_text_groups_by_first_passage_with_symbols_reasons_and_both_sides(
    tiny: Briefing,
) -> None:
    assert render_links_text(tiny, sample_links(tiny), width=60) == WHOLE_60


def test_links_of_one_passage_show_every_link_seen_from_it(tiny: Briefing) -> None:
    text = render_links_text(tiny, sample_links(tiny), width=60, passage_id="beta:1")
    assert text == ONE_PASSAGE_60


def test_links_text_never_runs_past_the_width_and_colours_only_when_asked(
    bundled: Briefing,
) -> None:
    from briefing.core.linking import all_links

    links = list(all_links(bundled))
    plain = render_links_text(bundled, links, width=50)
    assert max(len(line) for line in plain.splitlines()) <= 50
    assert "\x1b" not in plain
    coloured = render_links_text(bundled, links, width=50, color=True)
    assert "\x1b[1m" in coloured
    assert "\x1b" not in coloured.replace("\x1b[1m", "").replace("\x1b[2m", "").replace(
        "\x1b[0m", ""
    )


def test_links_text_with_no_links_says_so(tiny: Briefing) -> None:
    assert render_links_text(tiny, [], width=60).endswith("\n\nNo links.\n")


def test_article_text_with_escape_sequences_never_reaches_the_terminal(tiny: Briefing) -> None:
    link = Link("alpha:1", "beta:1", "related", 0.3, ("both: \x1b[31mred\x1b[0m",), False)
    assert "\x1b" not in render_links_text(tiny, [link], width=60)


def test_links_json_is_the_export_shape(tiny: Briefing) -> None:
    data = json.loads(render_links_json(tiny, sample_links(tiny)))
    assert [d["id"] for d in data["documents"]] == ["alpha", "beta"]
    first, second = data["links"][:2]
    assert {"from", "to", "kind", "score", "reasons", "curated"} <= first.keys()
    assert (first["from"], first["to"], first["kind"], first["curated"]) == (
        "alpha:2",
        "beta:2",
        "disagreement",
        True,
    )
    assert second == {
        "from": "alpha:1",
        "to": "beta:1",
        "kind": "same-event",
        "symbol": "≈",
        "score": 0.4321,
        "reasons": ["same date: 13 September", "both: spaceport"],
        "curated": False,
    }


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ("alpha:9", "no such passage (nearest: 'alpha:3'; alpha has passages 1–3)"),
        ("alpah:2", "no such passage (did you mean 'alpha:2'? alpha has passages 1–3)"),
        ("zzz:9", "no document 'zzz' (documents: alpha, beta)"),
        ("bravo:1", "no document 'bravo' (documents: alpha, beta)"),
    ],
)
def test_an_unknown_passage_names_the_nearest_valid_id(
    tiny: Briefing, asked: str, message: str
) -> None:
    with pytest.raises(NotInBriefing) as caught:
        require_passage(tiny, asked)
    # No file and line: the id was asked for on the command line, the YAML is not at fault.
    assert str(caught.value) == f"{asked}: {message}"


@pytest.mark.parametrize(
    ("asked", "hint"),
    [
        ("beta", "beta has passages 1–2"),
        ("alpah", "alpha has passages 1–3"),
        ("alpha:x", "alpha has passages 1–3"),
        ("foo", "such as 'alpha:1'"),
        (":2", "such as 'alpha:1'"),
    ],
)
def test_a_passage_id_without_a_number_is_told_the_form(
    tiny: Briefing, asked: str, hint: str
) -> None:
    with pytest.raises(NotInBriefing) as caught:
        require_passage(tiny, asked)
    assert str(caught.value) == (
        f"{asked}: expected DOC:N, a document id and a passage number ({hint})"
    )


def textwrap_reference(text: str, width: int, first: str, rest: str) -> list[str]:
    """What wrap_text must equal: textwrap's wrapping, with no-break spaces shown as spaces."""
    lines = textwrap.wrap(
        text,
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [first.rstrip()]
    return [line.replace("\u00a0", " ") for line in lines]


@pytest.mark.parametrize("width", [30, 47, 80])
@pytest.mark.parametrize("indents", [("", ""), ("  • ", "    "), ("    ", "      ")])
def test_the_fast_wrap_is_textwraps_wrap(
    bundled: Briefing, width: int, indents: tuple[str, str]
) -> None:
    texts = [clean_text(p.text) for p in bundled.passages.values()]
    texts += ["", "x" * 200, "[1\u00a0¶2] [3\u00a0¶4] tail " * 5, "long" * 30 + " end"]
    for text in texts:
        assert wrap_text(text, width, *indents) == textwrap_reference(text, width, *indents), text


TALKS = "The talks ran late into the night, aides said. "
SHELLS = "They spoke of some 11 million shells fired over the past year. "
DINNER = "Then the delegations went in to dinner together."


def test_the_telling_sentence_is_the_one_with_a_figure() -> None:
    assert telling_sentence(TALKS + SHELLS + DINNER) == SHELLS.strip()
    assert telling_sentence(TALKS + DINNER) == TALKS.strip()


def test_the_telling_sentence_is_the_one_the_reasons_speak_of() -> None:
    text = (
        "Reports of the trip first came on 4 September. "
        + TALKS
        + ("The train left the capital on 10 September, officials said.")
    )
    reasons = ("Start of the trip: 13 September vs left the capital on 10 September",)
    assert telling_sentence(text, reasons) == (
        "The train left the capital on 10 September, officials said."
    )


def test_a_short_fragment_cut_at_an_abbreviation_joins_the_next_sentence() -> None:
    assert sentences("Mr. Lee spoke first at the long meeting. Then it ended, late.") == [
        "Mr. Lee spoke first at the long meeting. Then it ended, late."
    ]
    assert best_sentence(TALKS + SHELLS, "how many shells: 11 million") == SHELLS.strip()
    assert best_sentence(TALKS + SHELLS, "") == TALKS.strip()


# -- check --suggest -------------------------------------------------------

UNPLACED = """\
title: Tiny summit briefing
documents: [docs/alpha.md, docs/beta.md]
sections:
  - id: meeting
    title: The meeting
    passages:
      - {doc: alpha, quote: "Vostochny Cosmodrome"}
      - {doc: beta, quote: "spaceport in the Russian Far East"}
  - id: shells
    title: Shells
    passages:
      - {doc: alpha, quote: "11 million shells"}
"""


def test_suggestions_are_yaml_grouped_by_section_with_a_reason_per_passage(
    make_briefing: MakeBriefing,
) -> None:
    briefing = load_briefing(make_briefing(UNPLACED))
    text = render_suggestions(briefing)
    data = yaml.safe_load(text)
    unplaced = {"alpha:3", "beta:2"}
    assert set(data) <= {"meeting", "shells"}
    suggested = {quote_target(briefing, ref) for refs in data.values() for ref in refs} | set(
        re_unfit(text)
    )
    assert suggested == unplaced
    for pid in unplaced:
        assert any(line.lstrip().startswith(f"# {pid} ") for line in text.splitlines())


def quote_target(briefing: Briefing, ref: dict[str, str]) -> str:
    """The one passage a quote selector matches, as `briefing check` resolves it."""
    folded = fold_for_match(ref["quote"])
    hits = [
        p.id for p in briefing.document(ref["doc"]).passages if folded in fold_for_match(p.text)
    ]
    assert len(hits) == 1, (ref, hits)
    return hits[0]


def re_unfit(text: str) -> list[str]:
    """Passages listed as fitting no section (a comment each)."""
    return [line.split()[1] for line in text.splitlines() if line.startswith("#   ")]


def test_every_passage_placed_is_one_line(tiny: Briefing) -> None:
    assert (
        render_suggestions(tiny)
        == "# every passage is in a section: nothing to suggest (5 passages)\n"
    )


def test_every_bundled_passage_gets_a_short_quote_that_matches_it_alone(bundled: Briefing) -> None:
    for pid in bundled.passages:
        ref = yaml.safe_load(quote_selector(bundled, pid))
        assert quote_target(bundled, ref) == pid
        assert len(ref["quote"]) <= 70 or ref["quote"] == fold_for_match(bundled.passages[pid].text)


def test_a_quote_with_quote_marks_and_backslashes_survives_yaml(
    make_briefing: MakeBriefing,
) -> None:
    docs = {
        "alpha": '---\ntitle: A\n---\n\nHe said "go" \\ now "go" \\ now.\n\nHe said "go" \\ now.\n',
        "beta": "---\ntitle: B\n---\n\nOther words.\n",
    }
    briefing = load_briefing(
        make_briefing("title: T\ndocuments: [docs/alpha.md, docs/beta.md]\n", docs)
    )
    ref = yaml.safe_load(quote_selector(briefing, "alpha:1"))
    assert quote_target(briefing, ref) == "alpha:1"


# -- summary without key points -------------------------------------------

ONE_SOURCE = """\
title: Harbour notes
documents: [docs/log.md]
sections:
  - id: arrivals
    title: Arrivals
    intro: Who came in.
    passages:
      - {doc: log, quote: "The ferry docked"}
      - {doc: log, quote: "A tanker waited"}
"""
LOG = "---\ntitle: Harbour log\npublisher: Port Office\n---\n\nThe ferry docked at six. Crews unloaded.\n\nA tanker waited offshore.\n"

SUMMARY_60 = """\
Arrivals
--------
Who came in.

  No key points written for this section. Quoted from the
  sources instead: the passages other sources corroborate
  most ('also' cites those sources).
  • "The ferry docked at six. Crews unloaded." [1 ¶1]
"""


def test_a_section_without_key_points_quotes_its_best_passage(make_briefing: MakeBriefing) -> None:
    briefing = load_briefing(make_briefing(ONE_SOURCE, {"log": LOG}))
    text = render_summary(briefing, width=60)
    assert text.endswith(SUMMARY_60)


def test_without_key_points_the_passages_other_sources_back_are_cited(
    make_briefing: MakeBriefing,
) -> None:
    """Second briefing style: several sources, no key points; the picks cite their backers."""
    yaml_text = """\
    title: Tiny summit briefing
    documents: [docs/alpha.md, docs/beta.md]
    sections:
      - id: shells
        title: Shells
        passages:
          - {doc: alpha, quote: "11 million shells"}
          - {doc: beta, quote: "10 million rounds"}
          - {doc: alpha, quote: "crab dumplings"}
    links:
      - from: {doc: alpha, quote: "11 million shells"}
        to: {doc: beta, quote: "10 million rounds"}
        kind: agreement
    """
    briefing = load_briefing(make_briefing(yaml_text))
    text = render_summary(briefing, width=100)
    assert "No key points written for this section." in text
    bullets = [line for line in text.splitlines() if line.startswith("  • ")]
    assert bullets[0].startswith(
        '  • "Russia fired 11 million shells in Ukraine last year." [1 ¶2]; also'
    )
    assert "[2 ¶2]" in bullets[0].split("; also", 1)[1]
    markdown = render_summary(briefing, width=100, fmt="markdown")
    assert "*No key points written for this section." in markdown
    assert '- "Russia fired 11 million shells in Ukraine last year." [1 ¶2]; also' in markdown


def test_a_quoted_passage_that_quotes_someone_keeps_its_quotes_single() -> None:
    """`links` quotes passages in double quotes: the passage's own become single ones, so
    the quote does not seem to end where the speaker's words begin."""
    from briefing.core.linking import all_links

    bundled = load_briefing(bundled_briefing())
    out = render_links_text(bundled, list(all_links(bundled)), width=400)
    assert "he praised 'comrade Putin' and depicted" in out
    assert not re.search(r'(^|\s)""', out)
