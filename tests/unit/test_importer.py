"""`clean_article`: web clutter out, substance kept, metadata found — by general rules.

The five raw seeds are kept byte-identical in `content/docs/*.original.txt`; the
synthetic articles below are written in other styles to show that the rules
recognise shapes of clutter, not the strings of these five files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.article_blocks import CleanArticle
from briefing.core.article_header import iso_date
from briefing.core.documents import split_passages
from briefing.core.importer import clean_article, escape_markdown

SEEDS = Path(__file__).resolve().parents[2] / "content" / "docs"


def clean_seed(name: str) -> CleanArticle:
    return clean_article((SEEDS / f"{name}.original.txt").read_text(encoding="utf-8"))


def plain(article: CleanArticle) -> str:
    """The cleaned body as a reader sees it: passages' plain text, one per line."""
    return "\n".join(p.text for p in split_passages(article.body, "x"))


def reasons(article: CleanArticle) -> set[str]:
    return {removal.reason for removal in article.removed}


# -- the five seeds ---------------------------------------------------------------

KEPT = {
    "diplomat": [
        "They held a marathon meeting that lasted over five hours",
        "“We will always support the decisions of President Putin",
        "Kim also brought along Jo Chun Ryong, the general manager of North Korea’s military industry",
        "Russia had consumed 10 million to 11 million rounds of ammunition during 2022",
        "it would be desirable for Japan and South Korea to continue dialogue with China",
    ],
    "surge": [
        "Kim Jong-un’s September 2023 summit with Vladimir Putin attracted global attention",
        "Kim Il-sung nonetheless refused to join Comecon",
        "from 1992 to 1996, GDP had declined by 49.2%",
        "or his calling relations with Russia his ‘top priority’.",
    ],
    "garcia": [
        "recently convened with Russian President Vladimir Putin at a cosmodrome",
        "Du Hyeogn Cha, an analyst at Seoul’s Asan Institute for Policy Studies",
        "What was the main purpose of Kim Jong Un’s recent meeting with Vladimir Putin in Russia?",
        "North Korea has avoided foreign military exercises since the end of the Korean War in 1953",
        "Both nations could explore other areas of cooperation depending on evolving geopolitical circumstances.",
    ],
    "teneo": [
        "Reports of a planned Putin-Kim summit is only the latest instance of growing DPRK-Russia cooperation",
        "Russia stands in the same trench with the DPRK.",
        "the meeting is not coming out of the blue",
        "it raises the risk of an accidental encounter that could ignite a significant crisis.",
    ],
    "asianage": [
        "On September 13, North Korean leader Chairman Kim Jong-un embarked on his first foreign visit",
        "The most appealing ammunition to Russia is the BM-21 Grad",
        "Russia has exhausted up to 11 million shells in Ukraine last year",
        "part of a united front against Washington.",
    ],
}

REMOVED = {
    "diplomat": [
        "Diplomat Brief",
        "Weekly Newsletter",
        "Get briefed on the story of the week",
        "Get the Newsletter",
        "Enjoying this article?",
        "subscribe",
        "$5 a month",
        "Leave a Comment",
    ],
    "surge": ["5 November 2023", "PUBLICATION", "No comments"],
    "garcia": [
        "by Lucas Garcia",
        "AlexP",
        "September 13, 2023 - 4:15 pm",
        "hypocrisy much?",
        "Ronny87",
        "Self-reliance philosophy going out the window",
    ],
    "teneo": [
        "Client Portal",
        "Victor Cha",
        "Senior Advisor",
        "+1 (202) 365 3843",
        "victor.cha@teneo.com",
        "andrius.tursa@teneo.com",
        "© 2023 Teneo",
        "All rights reserved",
        "without the prior consent",
    ],
    "asianage": [
        "Published:",
        "12:58 AM",
        "- Collected",
        "M A Hossain is a political",
        "Latest News",
        "More From Editorial",
        "Go to Home Page",
        "Site Index",
    ],
}

REASONS = {
    "diplomat": {"subscription prompt", "comment thread furniture"},
    "surge": {"dateline (moved to front matter)", "comment thread furniture"},
    "garcia": {"byline (moved to front matter)", "reader comments"},
    "teneo": {"site navigation", "contact details", "copyright footer"},
    "asianage": {
        "dateline (moved to front matter)",
        "repeated title with image caption",
        "author's note (kept in front matter)",
        "site navigation",
    },
}


@pytest.mark.parametrize(("seed", "sentence"), [(s, x) for s, xs in KEPT.items() for x in xs])
def test_substance_survives(seed: str, sentence: str) -> None:
    assert sentence in plain(clean_seed(seed))


@pytest.mark.parametrize(("seed", "clutter"), [(s, x) for s, xs in REMOVED.items() for x in xs])
def test_clutter_is_removed(seed: str, clutter: str) -> None:
    assert clutter not in plain(clean_seed(seed))


@pytest.mark.parametrize("seed", sorted(REASONS))
def test_each_removal_is_reported_with_a_reason(seed: str) -> None:
    article = clean_seed(seed)
    assert reasons(article) == REASONS[seed]
    for removal in article.removed:
        assert removal.first_line <= removal.last_line
        assert removal.text.strip()


def test_title_does_not_repeat_in_the_body() -> None:
    for seed in REASONS:
        article = clean_seed(seed)
        assert not plain(article).startswith(article.fields["title"]), seed


@pytest.mark.parametrize(
    ("seed", "fields"),
    [
        ("diplomat", {"title": "3 Takeaways From the North Korea-Russia Summit"}),
        (
            "surge",
            {
                "title": "The surge of activity in relations between North Korea and Russia",
                "date": "2023-11-05",
            },
        ),
        (
            "garcia",
            {
                "title": "A Summit in Russia Between Kim Jong Un and Vladimir Putin: "
                "Exploring Mutual Interests",
                "author": "Lucas Garcia",
            },
        ),
        (
            "teneo",
            {
                "title": "NORTH KOREA/RUSSIA: Planned summit meeting just the tip of a "
                "dangerous iceberg",
                "publisher": "Teneo",
            },
        ),
        (
            "asianage",
            {
                "title": "The Significance of the Putin-Kim Summit",
                "date": "2023-09-19",
                "author": "M A Hossain",
                "author_note": "M A Hossain is a political and defense analyst based in Bangladesh.",
            },
        ),
    ],
)
def test_metadata_is_found_and_nothing_is_invented(seed: str, fields: dict[str, str]) -> None:
    assert clean_seed(seed).fields == fields


def test_seed_headings_become_markdown_headings() -> None:
    body = clean_seed("surge").body
    assert "\n## Manifestly military\n" in body
    assert "\n## Burden of history\n" in body


def test_dead_links_are_kept_as_plain_text() -> None:
    article = clean_seed("teneo")
    assert "as we highlighted in January, the meeting" in plain(article)
    assert "](#)" not in article.body
    assert "1 link to nowhere kept as plain text" in article.found


def test_cleaning_is_deterministic() -> None:
    assert clean_seed("garcia") == clean_seed("garcia")


# -- synthetic articles in other styles -------------------------------------------

HARBOUR = """\
Posted on March 3, 2021

City Council Approves Harbour Bridge Repairs

By Maria Okonkwo

The city council voted 7-2 on Tuesday to fund repairs to the Harbour Bridge, ending a two-year dispute over who should pay.

Engineers found corrosion in three of the bridge's eight support cables during an inspection last spring.

Support independent journalism — become a member for $8/month.

The repairs are expected to take eighteen months, during which one lane in each direction will stay open.

Copyright (c) 2021 Foo Media. All rights reserved.
"""

LIGHTHOUSE = """\
Why the Lighthouse Keepers Left

Written by Tomas Lindqvist

For two centuries, keepers lived on the rocks of Skarv Island, tending a lamp that warned ships off the reef.

Automation arrived in 1987, and the last keeper, Elin Berg, rowed ashore for good that autumn.

7 Comments

sailor_mike on 12 June 2022 at 14:05

My grandfather knew Elin! Great piece.

OldSalt99 on 13 June 2022 at 09:41

The reef still claims a boat every few years.

Add a comment
"""

MEKONG = """\
## Water Security in the Mekong Basin

Dams upstream have changed the timing of the Mekong's flood pulse, with consequences for fisheries downstream.

Cambodia's Tonle Sap lake depends on the reverse flow of the river each wet season.

**Press enquiries**

Dana Whitfield
Communications Lead
+44 20 7946 0958
press@riverwatch.example.org

The views expressed are those of the authors and do not necessarily reflect the views of RiverWatch.

© 2022 RiverWatch Institute. All rights reserved.
"""

MILLET = """\
Farmers Turn to Drought-Resistant Millet

12 August 2023

Across the Sahel, farmers who once planted maize are switching to millet varieties bred to survive long dry spells, according to agronomists at three regional research stations.

The shift began after a 2019 newsletter from the regional agriculture ministry, which circulated among cooperatives and described trial plots where millet yields held steady even as rainfall fell by a third; within two seasons, cooperative leaders said, most members in the pilot districts had planted at least one field of the new seed.

Sign up for our weekly Earth dispatch

Get the best climate reporting in your inbox every Friday.

Seed banks in Niger and Mali now hold more than forty local millet varieties.

Priya Raman is a freelance journalist covering agriculture in West Africa.

Follow us on social media
"""

SYNTHETIC = {
    "harbour": (
        HARBOUR,
        {
            "date": "2021-03-03",
            "title": "City Council Approves Harbour Bridge Repairs",
            "author": "Maria Okonkwo",
            "publisher": "Foo Media",
        },
        [
            "The city council voted 7-2 on Tuesday",
            "Engineers found corrosion",
            "The repairs are expected to take eighteen months",
        ],
        ["Posted on", "By Maria", "independent journalism", "$8/month", "Copyright", "Foo Media"],
    ),
    "lighthouse": (
        LIGHTHOUSE,
        {"title": "Why the Lighthouse Keepers Left", "author": "Tomas Lindqvist"},
        ["For two centuries, keepers lived", "the last keeper, Elin Berg, rowed ashore"],
        [
            "Written by",
            "7 Comments",
            "sailor_mike",
            "Great piece",
            "OldSalt99",
            "claims a boat",
            "Add a comment",
        ],
    ),
    "mekong": (
        MEKONG,
        {"title": "Water Security in the Mekong Basin", "publisher": "RiverWatch Institute"},
        ["Dams upstream have changed the timing", "Tonle Sap lake depends on the reverse flow"],
        [
            "Press enquiries",
            "Dana Whitfield",
            "+44 20",
            "press@riverwatch",
            "do not necessarily reflect",
            "©",
        ],
    ),
    "millet": (
        MILLET,
        {
            "title": "Farmers Turn to Drought-Resistant Millet",
            "date": "2023-08-12",
            "author": "Priya Raman",
            "author_note": "Priya Raman is a freelance journalist covering agriculture in West Africa.",
        },
        [
            "Across the Sahel, farmers who once planted maize",
            "The shift began after a 2019 newsletter from the regional agriculture ministry",
            "Seed banks in Niger and Mali",
        ],
        ["12 August 2023", "Sign up", "in your inbox", "Priya Raman is", "Follow us"],
    ),
}


@pytest.mark.parametrize("name", sorted(SYNTHETIC))
def test_synthetic_article_is_cleaned_by_the_same_rules(name: str) -> None:
    raw, fields, kept, removed = SYNTHETIC[name]
    article = clean_article(raw)
    text = plain(article)
    assert article.fields == fields
    for sentence in kept:
        assert sentence in text
    for clutter in removed:
        assert clutter not in text


@pytest.mark.parametrize(
    ("footer", "publisher"),
    [
        ("© 2022 Example News.", "Example News"),
        ("Copyright 2021 Foo Media", "Foo Media"),
        ("(c) 2019-2023 Bar & Co, all rights reserved.", "Bar & Co"),
        ("Copyright © 2020 Baz Daily. This article may not be reproduced.", "Baz Daily"),
    ],
)
def test_publisher_comes_from_any_copyright_footer(footer: str, publisher: str) -> None:
    raw = f"Headline Here\n\nA sentence of news that stays in the text.\n\n{footer}\n"
    article = clean_article(raw)
    assert article.fields["publisher"] == publisher
    assert plain(article) == "A sentence of news that stays in the text."


def test_paragraph_that_merely_mentions_a_newsletter_is_kept() -> None:
    """A long paragraph of substance next to a real prompt must not be swept up with it."""
    article = clean_article(MILLET)
    assert "subscription prompt" in reasons(article)
    assert "within two seasons, cooperative leaders said" in plain(article)
    [prompt] = [r for r in article.removed if r.reason == "subscription prompt"]
    assert prompt.text == "Sign up for our weekly Earth dispatch"


def test_article_without_clutter_is_left_whole() -> None:
    raw = (
        "A Quiet Week in Parliament\n\n"
        "Members debated the budget for three days without a vote.\n\n"
        "The speaker adjourned the house until Monday.\n"
    )
    article = clean_article(raw)
    assert article.removed == ()
    assert article.fields == {"title": "A Quiet Week in Parliament"}
    assert plain(article).split("\n") == [
        "Members debated the budget for three days without a vote.",
        "The speaker adjourned the house until Monday.",
    ]


def test_escape_sequences_in_raw_text_are_dropped() -> None:
    raw = "Title Here\n\nThe \x1b[31mred\x1b[0m text\x07 stays readable.\n"
    assert plain(clean_article(raw)) == "The red text stays readable."


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("19 September 2023", "2023-09-19"),
        ("September 19, 2023", "2023-09-19"),
        ("Sept. 19 2023", "2023-09-19"),
        ("2023-09-19", "2023-09-19"),
        ("31 February 2023", ""),
        ("2023-13-01", ""),
        ("next Tuesday", ""),
    ],
)
def test_iso_date(text: str, iso: str) -> None:
    assert iso_date(text) == iso


# -- escape_markdown --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Stars *like this* and **bold** stay stars.",
        "snake_case and __dunder__ names",
        "Footnote [1] and [bold] and [link](https://example.org)",
        "# not a heading",
        "#",
        "1. not a list item",
        "2) nor this",
        "1986. A year to remember.",
        "<b>not html</b> and <https://example.org>",
        "&amp; and &#39; stay as typed",
        "> not a quote",
        "- not an item",
        "+ nor this",
        "* nor this",
        "---",
        "===",
        "~~~ not a fence",
        "```",
        "`code` stays in ticks",
        "back\\slash and \\* escaped",
        "![image](x.png) alt text",
    ],
)
def test_escape_markdown_reads_back_as_the_same_text(text: str) -> None:
    [passage] = split_passages(escape_markdown(text), "d")
    assert passage.text == text


def test_imported_body_reads_back_as_the_raw_text() -> None:
    raw = "Odd Characters\n\nPrices rose 5* in [2023] for <items> & more_things #1.\n"
    assert plain(clean_article(raw)) == "Prices rose 5* in [2023] for <items> & more_things #1."


def test_reimporting_the_seeds_gives_the_bundled_bodies_byte_for_byte() -> None:
    for document in sorted(SEEDS.glob("*.md")):
        stored = document.read_text(encoding="utf-8").split("---\n", 2)[2].lstrip("\n")
        assert clean_seed(document.stem).body == stored, document.stem


# -- the header of a news page: menu, headline, byline, dateline ------------------

TRIBUNE = """\
Front page · World · Business · Culture · Weather

Harbour authority approves new ferry terminal

By Lena Morales, Transport Correspondent
PORTVIEW, Ill., June 3, 2024 -- The harbour authority voted on Monday to build a second ferry terminal on the north quay, at a cost of $12 million.

Work is due to start in the autumn and last two years, the authority said.

12 comments
kayak_joe: About time.
marina.b: Who pays for the parking?

Copyright 2024 Portview Tribune. Write to us at letters@tribune.example
"""

WEEKLY = """\
FEATURES

Why the night trains came back
by Oskar Lind and Mira Sato

Tuesday, 4 June 2024

Sleeper services that were cut a decade ago are running again on three routes.

Operators say demand has doubled since 2021.

Share on Mastodon | Bluesky | Email
Read more: Cheap fares end in July; A guide to station lockers
"""

BULLETIN = """\
# Rivers rise across the valley

_Valley Community Radio — Sunday 9 June 2024_

Three villages were cut off on Saturday as the river rose two metres overnight.
"""


def test_a_menu_row_is_no_title_and_byline_dateline_and_comments_are_taken() -> None:
    article = clean_article(TRIBUNE)
    assert article.fields == {
        "title": "Harbour authority approves new ferry terminal",
        "author": "Lena Morales",
        "date": "2024-06-03",
        "publisher": "Portview Tribune",
    }
    assert plain(article).splitlines() == [
        "The harbour authority voted on Monday to build a second ferry terminal on the north "
        "quay, at a cost of $12 million.",
        "Work is due to start in the autumn and last two years, the authority said.",
    ]
    removed = {(r.reason, r.lines, r.text) for r in article.removed}
    assert ("site navigation", "line 1", "Front page · World · Business · Culture · Weather") in (
        removed
    )
    assert ("dateline (moved to front matter)", "line 6", "PORTVIEW, Ill., June 3, 2024 --") in (
        removed
    )
    assert ("reader comments", "lines 10-12") in {(r.reason, r.lines) for r in article.removed}
    assert any("role 'Transport Correspondent' dropped" in note for note in article.found)


def test_a_section_label_glued_byline_weekday_date_and_share_block() -> None:
    article = clean_article(WEEKLY)
    assert article.fields == {
        "title": "Why the night trains came back",
        "author": "Oskar Lind and Mira Sato",
        "date": "2024-06-04",
    }
    assert plain(article).splitlines() == [
        "Sleeper services that were cut a decade ago are running again on three routes.",
        "Operators say demand has doubled since 2021.",
    ]
    assert {r.reason for r in article.removed} == {
        "section label",
        "byline (moved to front matter)",
        "dateline (moved to front matter)",
        "share and related links",
    }


def test_an_emphasised_source_and_date_line_gives_publisher_and_date() -> None:
    article = clean_article(BULLETIN)
    assert article.fields == {
        "title": "Rivers rise across the valley",
        "publisher": "Valley Community Radio",
        "date": "2024-06-09",
    }
    assert plain(article) == (
        "Three villages were cut off on Saturday as the river rose two metres overnight."
    )


@pytest.mark.parametrize(
    "line",
    [
        "Home | About",  # two items: too few for a menu
        "Prices rose 4% | Wages rose 2% | Rents rose 9% in the year to May, the office said.",
        "By contrast, the council kept the old rate",
    ],
)
def test_lines_that_only_resemble_menus_or_bylines_are_kept(line: str) -> None:
    article = clean_article(f"A Headline Here\n\n{line}\n\nA sentence of news that stays.\n")
    assert line.split()[0] in plain(article)


def test_hard_wrapped_lines_are_joined_but_separate_sentences_on_lines_are_not() -> None:
    wrapped = (
        "The council met on Tuesday to debate the budget. After four\n"
        "hours it voted. The mayor said the result was fair and that\n"
        "she would sign it.\n"
    )
    separate = (
        "The council met on Tuesday.\n"
        "The mayor said the result was fair and that she would sign it on Thursday.\n"
    )
    assert plain(clean_article(f"Headline\n\n{wrapped}")) == " ".join(wrapped.split())
    assert plain(clean_article(f"Headline\n\n{separate}")).splitlines() == separate.splitlines()


@pytest.mark.parametrize(
    ("first", "date", "kept"),
    [
        ("NEW YORK, May 2, 2024 — The leaders met at the port.", "2024-05-02", "The leaders met"),
        ("Springfield, Ill., (AP) May 2, 2024 -- The leaders met.", "2024-05-02", "The leaders"),
        # Not a dateline: no place before the date, so the words stay as written.
        ("On 13 September 2023 - the leaders met.", None, "On 13 September 2023 - the"),
    ],
)
def test_a_wire_dateline_opening_the_text_gives_the_date(
    first: str, date: str | None, kept: str
) -> None:
    article = clean_article(f"Headline Here\n\n{first}\n\nMore news follows here.\n")
    assert article.fields.get("date") == date
    assert plain(article).startswith(kept)


def test_a_plain_byline_with_a_date_gives_author_and_date() -> None:
    article = clean_article("Headline Here\n\nBy Jane Doe, 2 May 2024\n\nThe leaders met.\n")
    assert article.fields == {"title": "Headline Here", "author": "Jane Doe", "date": "2024-05-02"}
    assert plain(article) == "The leaders met."


# -- a wire dateline with no date: `PLACE (Agency) —` -------------------------------

REST = "The harbour reopened on Monday after a week of repairs, the port authority said."


@pytest.mark.parametrize(
    ("dateline", "reason", "agency"),
    [
        ("OGDENVILLE (Wirewell) -", "dateline (place and agency)", "Wirewell"),
        ("Capital City, Nordland (NPA) –", "dateline (place and agency)", "NPA"),
        ("SHELBYVILLE, (Nordpress) —", "dateline (place and agency)", "Nordpress"),
        ("NORTH HAVERBROOK, Nordland (AP) —", "dateline (place and agency)", "AP"),
        ("BRUNSWICK (dpa) -", "dateline (place and agency)", "dpa"),  # set in capitals
        (
            "OGDENVILLE, Sept 12 (Wirewell) -",
            "dateline (a day without a year, not taken as the date)",
            "Wirewell",
        ),
        (
            "OGDENVILLE, 12 Sept. (Wirewell Agency) --",
            "dateline (a day without a year, not taken as the date)",
            "Wirewell Agency",
        ),
    ],
)
def test_a_wire_dateline_without_a_date_is_taken_off_the_first_paragraph(
    dateline: str, reason: str, agency: str
) -> None:
    # Hard-wrapped: the paragraph's second line is kept as it was.
    first, second = REST.split(" after ")
    article = clean_article(f"Headline Here\n\n{dateline} {first}\nafter {second}\n\nMore.\n")
    assert plain(article).splitlines() == [REST, "More."]
    assert (reason, "line 3", dateline) in {(r.reason, r.lines, r.text) for r in article.removed}
    assert "date" not in article.fields
    assert article.fields["publisher"] == agency
    assert any(
        note.startswith(f"agency {agency} in the dateline, line 3") for note in article.found
    )


def test_a_dateline_on_a_line_of_its_own_goes_with_its_line() -> None:
    alone = clean_article(f"Headline Here\n\nOGDENVILLE (Wirewell) -\n{REST}\n")
    apart = clean_article(f"Headline Here\n\nOGDENVILLE (Wirewell) —\n\n{REST}\n")
    assert plain(alone) == plain(apart) == REST
    assert ("line 3", "OGDENVILLE (Wirewell) -") in {(r.lines, r.text) for r in alone.removed}
    assert ("line 3", "OGDENVILLE (Wirewell) —") in {(r.lines, r.text) for r in apart.removed}


@pytest.mark.parametrize(
    "first",
    [
        "Officials (who declined to be named) - The harbour will reopen on Monday.",
        "The harbour reopened, and Officials (who declined to be named) - said it was safe.",
        "Officials (Wirewell) - said the harbour would reopen on Monday.",  # no sentence after
        "the port (Wirewell) - The harbour will reopen on Monday.",
        "OGDENVILLE (Wirewell) The harbour will reopen on Monday.",  # no dash
        "OGDENVILLE (Wirewell)-The harbour will reopen on Monday.",  # a hyphen, not a dash
        "Ogdenville (dpa) - The harbour will reopen on Monday.",  # lower case, place not in capitals
        "Jane Roe (R) - Nordland said the harbour will reopen.",  # a party, not an agency
        "OGDENVILLE (Ogdenville Harbour Authority Press) - The harbour will reopen.",
        "Ogdenville Harbour Authority Press Office (OHAPO) - The harbour will reopen.",
        # Words and their abbreviation, ticker or party: a place only in a dateline's capitals.
        "Capital City (NPA) – The harbour will reopen on Monday.",
        "Acme Corp (ACME) — Shares of the harbour operator rose on Monday.",
        "Harbour Council (HC) — The council voted on Monday.",
        "HARBOUR COUNCIL (HC) — The council voted on Monday.",  # its initials: no agency
        "Minister Jane Roe (Greens) — The government fell on Monday.",
        "Justice Ann Doe (Ret.) — The court ruled on Monday.",
    ],
)
def test_sentences_that_only_resemble_a_dateline_are_kept(first: str) -> None:
    article = clean_article(f"Headline Here\n\n{first}\n\nMore news follows here.\n")
    assert plain(article).splitlines()[0] == first
    assert "publisher" not in article.fields
    assert not any(r.reason.startswith("dateline") for r in article.removed)


def test_a_dateline_further_down_than_the_first_paragraph_is_kept() -> None:
    later = "OGDENVILLE (Wirewell) - The ferry sails again on Tuesday."
    article = clean_article(f"Headline Here\n\n{REST}\n\n{later}\n")
    assert plain(article).splitlines() == [REST, later]
    assert "publisher" not in article.fields


def test_the_agency_never_replaces_a_publisher_the_text_names() -> None:
    footer = clean_article(
        f"Headline Here\n\nOGDENVILLE (Wirewell) - {REST}\n\n"
        "© 2024 Portview Tribune. All rights reserved.\n"
    )
    assert footer.fields["publisher"] == "Portview Tribune"
    assert plain(footer) == REST
    # The credit cut from the text is said, not lost without a word.
    assert (
        "agency Wirewell in the dateline, line 3, not taken as publisher: the text names"
        " Portview Tribune"
    ) in footer.found
    source_line = clean_article(
        "# Headline Here\n\n_Valley Community Radio — Sunday 9 June 2024_\n\n"
        f"OGDENVILLE (Wirewell) - {REST}\n"
    )
    assert source_line.fields["publisher"] == "Valley Community Radio"
    assert plain(source_line) == REST


def test_a_dated_dateline_gives_its_agency_and_goes_when_the_date_is_already_known() -> None:
    dated = clean_article(f"Headline Here\n\nOgdenville, Ill., (AP) May 2, 2024 -- {REST}\n")
    assert dated.fields["date"] == "2024-05-02"
    assert dated.fields["publisher"] == "AP"
    known = clean_article(
        f"Headline Here\n\nPublished: 3 May 2024\n\nOGDENVILLE, May 2, 2024 (Wirewell) — {REST}\n"
    )
    assert known.fields["date"] == "2024-05-03"
    assert plain(known) == REST
    assert (
        "dateline (its date already in front matter)",
        "OGDENVILLE, May 2, 2024 (Wirewell) —",
    ) in {(r.reason, r.text) for r in known.removed}
