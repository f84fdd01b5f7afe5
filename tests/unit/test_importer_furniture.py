"""Page furniture out of an import: buttons, reading times, picture credits, menus, boxes.

Each rule is shown on made-up text, beside a real sentence of the same look that stays.
"""

from __future__ import annotations

import pytest

from briefing.core.article_blocks import CleanArticle
from briefing.core.documents import split_passages
from briefing.core.importer import clean_article

HEADLINE = "Ferry service to Gullholm resumes after the storm"
LEAD = "The ferry to Gullholm sailed again on Tuesday after four days in port, the operator said."
MORE = "About 300 passengers were waiting at the quay in Marrow Bay when the first boat left."


def plain(article: CleanArticle) -> list[str]:
    """The cleaned body as passages' plain text, one per passage."""
    return [p.text for p in split_passages(article.body, "x")]


def removed(article: CleanArticle) -> set[tuple[str, str, str]]:
    return {(r.reason, r.lines, r.text) for r in article.removed}


# -- share and page buttons -----------------------------------------------------------

BUTTONS = [
    "Share this article",
    "Send this page to someone via email",
    "Copy link",
    "Follow us",
    "Subscribe",
    "Listen to this article",
    "Print",
    "Share on Facebook",
    "Listen to this article · 4 min",
    "Advertisement",
]


@pytest.mark.parametrize("button", BUTTONS)
def test_a_button_above_the_headline_is_no_title_and_is_reported(button: str) -> None:
    article = clean_article(f"{button}\n\n{HEADLINE}\n\n{LEAD}\n\n{MORE}\n")
    assert article.fields["title"] == HEADLINE
    assert plain(article) == [LEAD, MORE]
    assert ("share and page buttons", "line 1", button) in removed(article)


def test_with_no_headline_a_button_is_still_no_title() -> None:
    article = clean_article(f"Send this page to someone via email\n\n{LEAD}\n\n{MORE}\n")
    assert "title" not in article.fields
    assert plain(article) == [LEAD, MORE]


def test_a_column_of_buttons_and_network_names_goes_as_one() -> None:
    raw = f"{HEADLINE}\n\nShare\nFacebook\nTwitter\nEmail\n\n{LEAD}\n\nPrint\n\n{MORE}\n"
    article = clean_article(raw)
    assert plain(article) == [LEAD, MORE]
    assert ("share and page buttons", "lines 3-6", "Share Facebook Twitter Email") in removed(
        article
    )
    assert ("share and page buttons", "line 10", "Print") in removed(article)


@pytest.mark.parametrize(
    "sentence",
    [
        "Share prices in the ferry operator fell 3% on Monday.",
        "Print runs of the timetable were cut by half, the operator said.",
        "Follow-up checks on the hull are due next week.",
        "Subscribers to the season ticket will get a refund.",
        "Listen to the harbour master and you hear a tired man.",
    ],
)
def test_sentences_that_start_like_buttons_are_kept(sentence: str) -> None:
    article = clean_article(f"{HEADLINE}\n\n{sentence}\n\n{LEAD}\n")
    assert plain(article) == [sentence, LEAD]


def test_one_network_name_alone_is_a_heading_of_the_article_not_a_button() -> None:
    article = clean_article(f"{HEADLINE}\n\n{LEAD}\n\nTwitter\n\n{MORE}\n")
    assert "\n## Twitter\n" in article.body


# -- picture furniture: viewer buttons and credits --------------------------------------


def test_a_viewer_button_glued_to_a_caption_is_cut_and_the_caption_kept() -> None:
    raw = f"{HEADLINE}\n\n{LEAD}\n\nView image in full screen A deckhand ties up at Gullholm.\n\n{MORE}\n"
    article = clean_article(raw)
    assert plain(article) == [LEAD, "A deckhand ties up at Gullholm.", MORE]
    assert ("image viewer button", "line 5", "View image in full screen") in removed(article)


def test_a_viewer_button_on_its_own_line_goes_and_the_caption_is_no_heading() -> None:
    raw = f"{HEADLINE}\n\n{LEAD}\n\nEnlarge this image\nDeckhands at the quay\n\n{MORE}\n"
    article = clean_article(raw)
    assert plain(article) == [LEAD, "Deckhands at the quay", MORE]
    assert "## Deckhands" not in article.body


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("Deckhands at the quay in Marrow Bay [Getty]", "[Getty]"),
        ("Deckhands at the quay in Marrow Bay (Getty Images)", "(Getty Images)"),
        # A wire service is told by its shape (an initialism), never by its name.
        ("Deckhands at the quay in Marrow Bay [WSX]", "[WSX]"),
        ("Deckhands at the quay in Marrow Bay (WSX-NPA Photo)", "(WSX-NPA Photo)"),
        # An agency's name written out, in square brackets, is a credit as its initials are.
        ("Deckhands at the quay in Marrow Bay [Wirewell]", "[Wirewell]"),
        (
            "Deckhands at the quay in Marrow Bay [Agence Nordique-Presse]",
            "[Agence Nordique-Presse]",
        ),
        ("Deckhands at the quay in Marrow Bay [Jo Penn/Wirewell]", "[Jo Penn/Wirewell]"),
        ("Deckhands at the quay in Marrow Bay. Photo: AFP", "Photo: AFP"),
        (
            "Deckhands at the quay (Photo by Jo Penn/AFP via Getty Images)",
            "(Photo by Jo Penn/AFP via Getty Images)",
        ),
        ("Deckhands at the quay | Photograph: Jo Penn", "| Photograph: Jo Penn"),
    ],
)
def test_a_picture_credit_ending_a_caption_is_cut(caption: str, credit: str) -> None:
    article = clean_article(f"{HEADLINE}\n\n{LEAD}\n\n{caption}\n\n{MORE}\n")
    kept = caption[: caption.index(credit)].rstrip()
    assert plain(article) == [LEAD, kept, MORE]
    assert ("image credit", "line 5", credit) in removed(article)
    # The caption, its credit gone, reads like a heading: it must stay a paragraph.
    assert "\n## " not in article.body


@pytest.mark.parametrize(
    "sentence",
    [
        "The operator bought the rights to the photos from Getty Images in 2019.",
        "He showed the council members a folder of papers and (pictures of the damaged quay)",
        "The crossing takes 40 minutes. It costs twelve crowns each way, the operator said. (AFP)",
        "Nobody at the ferry company or on the council took the credit: Everyone blamed the weather",
        # A digest's long paragraph citing its sources in brackets is no caption.
        f"{LEAD} {MORE} {LEAD} {MORE} {LEAD} [Reuters, AFP]",
        f"{LEAD} {MORE} {LEAD} {MORE} {LEAD} [Wirewell, Nordpress Agency]",
    ],
)
def test_text_that_names_a_picture_agency_or_ends_in_brackets_is_kept(sentence: str) -> None:
    article = clean_article(f"{HEADLINE}\n\n{sentence}\n\n{MORE}\n")
    assert plain(article) == [sentence, MORE]
    assert "image credit" not in {r.reason for r in article.removed}


@pytest.mark.parametrize(
    "caption",
    [
        # An initialism alone in round brackets abbreviates a name: the caption's own words.
        "The ferry is inspected by the Harbour Safety Board (HSB)",
        "Inspectors check the life rafts before the ferry sails (HSB)",
        # A name written out in round brackets is the caption's own words too.
        "Deckhands at the quay on Gullholm (Marrow Bay)",
    ],
)
def test_a_caption_ending_in_its_own_bracketed_words_keeps_them(caption: str) -> None:
    article = clean_article(f"{HEADLINE}\n\n{LEAD}\n\n{caption}\n\n{MORE}\n")
    assert caption in article.body
    assert "image credit" not in {r.reason for r in article.removed}


# -- reading time -------------------------------------------------------------------------


def test_a_reading_time_alone_or_opening_a_paragraph_is_removed() -> None:
    raw = f"{HEADLINE}\n\n2 min read\n\n4 min read {LEAD}\n\n{MORE}\n"
    article = clean_article(raw)
    assert plain(article) == [LEAD, MORE]
    assert ("reading time", "line 3", "2 min read") in removed(article)
    assert ("reading time", "line 5", "4 min read") in removed(article)


def test_a_reading_time_inside_a_pasted_block_splits_it() -> None:
    # Title repeated, standfirst, reading time and a credited caption with no blank line.
    raw = (
        f"{HEADLINE}\n\n{HEADLINE}\n{LEAD}\n2 min read\n"
        "The first boat leaves Marrow Bay [Getty]\n\n"
        f"{MORE}\n"
    )
    article = clean_article(raw)
    assert article.fields["title"] == HEADLINE
    assert plain(article) == [LEAD, "The first boat leaves Marrow Bay", MORE]
    assert {r.reason for r in article.removed} == {"repeated title", "reading time", "image credit"}


@pytest.mark.parametrize(
    "sentence",
    [
        "2 minutes read like hours when the sea is this rough, one passenger said.",
        "5 min read-outs of the weather are broadcast from the bridge.",
    ],
)
def test_sentences_that_start_with_minutes_are_kept(sentence: str) -> None:
    assert plain(clean_article(f"{HEADLINE}\n\n{sentence}\n\n{MORE}\n")) == [sentence, MORE]


# -- byline bar with a language menu ----------------------------------------------------


@pytest.mark.parametrize(
    "bar",
    [
        "Mara Quill\n  • English\n  • Arabic",
        "Mara Quill • English • Français",
        "Mara Quill | 3 min read",
    ],
)
def test_a_name_in_a_byline_bar_is_the_author_and_the_menu_goes(bar: str) -> None:
    article = clean_article(f"{HEADLINE}\n\n\n{bar}\n\n{LEAD}\n\n{MORE}\n")
    assert article.fields["author"] == "Mara Quill"
    assert plain(article) == [LEAD, MORE]
    reasons = {r.reason for r in article.removed}
    assert "byline (moved to front matter)" in reasons
    assert reasons & {"language menu", "reading time"}


def test_a_name_alone_without_a_byline_bar_is_no_author() -> None:
    article = clean_article(f"{HEADLINE}\n\nMara Quill\n\n{LEAD}\n")
    assert "author" not in article.fields


def test_a_section_label_in_the_bar_is_no_author() -> None:
    article = clean_article(f"{HEADLINE}\n\nMiddle North\n  • English\n  • Arabic\n\n{LEAD}\n")
    assert "author" not in article.fields


def test_one_word_items_without_english_among_them_are_no_language_menu() -> None:
    raw = f"{HEADLINE}\n\n{LEAD}\n\n• Harbours\n• Ferries\n\n{MORE}\n"
    article = clean_article(raw)
    assert "Harbours" in article.body and "Ferries" in article.body
    assert "language menu" not in {r.reason for r in article.removed}


def test_a_list_of_languages_the_article_introduces_is_kept() -> None:
    raw = f"{HEADLINE}\n\n{LEAD}\n\nThe timetable is printed in:\n\n• English\n• Arabic\n\n{MORE}\n"
    article = clean_article(raw)
    assert "English" in article.body and "Arabic" in article.body
    assert "language menu" not in {r.reason for r in article.removed}


# -- a box after the article --------------------------------------------------------------


def test_a_spec_box_after_the_last_paragraph_is_removed_and_reported() -> None:
    raw = (
        f"{HEADLINE}\n\n{LEAD}\n\n{MORE}\n\nTHE SPECS\n\n      \n\n \n\n"
        "Engine: 2.0-litre\n\n \n\nGearbox: 6-speed manual\n\n \n\nPrice:\n"
    )
    article = clean_article(raw)
    assert plain(article) == [LEAD, MORE]
    assert "\n## " not in article.body
    assert ("box after the article", "lines 7-21", "THE SPECS") in removed(article)


def test_labelled_lines_that_are_sentences_or_mid_article_are_kept() -> None:
    interview = "ONE QUESTION\n\nQ: When will the second boat run?\n\nA: Next spring, she said."
    article = clean_article(f"{HEADLINE}\n\n{LEAD}\n\n{interview}\n")
    assert "\nA: Next spring, she said.\n" in article.body
    assert "box after the article" not in {r.reason for r in article.removed}
    box_mid = f"{HEADLINE}\n\nFAST FACTS\n\nLength: 12 km\n\nOpened: 1931\n\n{LEAD}\n\n{MORE}\n"
    assert "box after the article" not in {r.reason for r in clean_article(box_mid).removed}


# -- a repeated headline ------------------------------------------------------------------


def test_a_headline_repeated_over_each_part_is_no_heading() -> None:
    raw = f"{HEADLINE}\n\n{HEADLINE}\n\n{LEAD}\n\n{HEADLINE}\n\n{MORE}\n"
    article = clean_article(raw)
    assert article.fields["title"] == HEADLINE
    assert plain(article) == [LEAD, MORE]
    assert "## " not in article.body
    assert [r.lines for r in article.removed if r.reason == "repeated title"] == [
        "line 3",
        "line 7",
    ]


def test_a_heading_that_only_begins_like_the_headline_is_kept() -> None:
    heading = "Ferry service to Gullholm resumes after the storm: what changes"
    article = clean_article(f"{HEADLINE}\n\n{LEAD}\n\n{heading}\n\n{MORE}\n")
    assert f"\n## {heading}\n" in article.body


@pytest.mark.parametrize(
    "top",
    [f"News: {HEADLINE}", f"{HEADLINE} | Harbour Post", f"Opinion – {HEADLINE}"],
)
def test_a_label_beside_the_headline_goes_when_the_text_repeats_it_bare(top: str) -> None:
    article = clean_article(f"{top}\n\n{HEADLINE}\n\n{LEAD}\n\n{HEADLINE}\n\n{MORE}\n")
    assert article.fields["title"] == HEADLINE
    assert plain(article) == [LEAD, MORE]
    assert any(note.startswith("label ") for note in article.found)


def test_a_title_with_a_colon_is_kept_whole_when_nothing_repeats_part_of_it() -> None:
    title = "Gullholm ferry: the crossing resumes"
    article = clean_article(f"{title}\n\n{LEAD}\n\n{MORE}\n")
    assert article.fields["title"] == title


# -- more furniture at the top: search boxes, follow links, section names, tags ------------


def test_search_box_follow_link_section_name_and_tags_at_the_top_are_no_title() -> None:
    raw = (
        "Connect with us\n\nHi, what are you looking for?\n\nLatest News\n\n"
        f"{HEADLINE}\n\n#Ferries #Weather\n\n{LEAD}\n\n{MORE}\n"
    )
    article = clean_article(raw)
    assert article.fields["title"] == HEADLINE
    assert plain(article) == [LEAD, MORE]
    assert {r.reason for r in article.removed} == {
        "share and page buttons",
        "section label",
        "topic tags",
    }


@pytest.mark.parametrize(
    ("top", "title"),
    [
        # A short headline of capitalised words is no section name.
        (f"Harbour Reopens\n\n{HEADLINE}", "Harbour Reopens"),
        ("# Latest News\n\nWhat the council decided on the ferry timetable", "Latest News"),
    ],
)
def test_a_short_headline_or_a_marked_heading_stays_the_title(top: str, title: str) -> None:
    assert clean_article(f"{top}\n\n{LEAD}\n").fields["title"] == title


def test_a_line_that_starts_with_a_number_sign_is_no_tag() -> None:
    line = "#1 on the list of repairs is the north quay."
    assert line in plain(clean_article(f"{HEADLINE}\n\n{line}\n\n{LEAD}\n"))[0]


def test_a_button_word_on_its_own_line_inside_a_wrapped_paragraph_is_text() -> None:
    wrapped = (
        "The operator said the new winter timetable for the Gullholm crossing would go to\n"
        "Print\n"
        "on Friday and be posted at the quay in Marrow Bay the following week.\n"
    )
    article = clean_article(f"{HEADLINE}\n\n{wrapped}\n{MORE}\n")
    assert plain(article) == [" ".join(wrapped.split()), MORE]
    assert not article.removed


def test_a_name_beside_topic_tags_is_no_author() -> None:
    article = clean_article(f"{HEADLINE}\n\n#Ferries #Weather\n\nMara Quill\n\n{LEAD}\n")
    assert "author" not in article.fields
