"""The briefing model's records: copies and pickles carry the fields, not what was cached;
what a source is called where space is short."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from briefing.core.linking import auto_links
from briefing.core.loader import load_briefing
from briefing.core.model import Document
from briefing.core.short_names import SHORT_NAME_LIMIT, title_opening


def test_a_pickled_briefing_carries_its_fields_not_its_cached_links() -> None:
    briefing = load_briefing()
    auto_links(briefing)  # kept in the briefing's memo, with the links' key
    assert briefing.memo
    copy = pickle.loads(pickle.dumps(briefing))
    assert copy == briefing
    assert copy.memo == {}
    assert len(pickle.dumps(briefing)) == len(pickle.dumps(briefing._replace()))


def test_a_changed_copy_starts_with_nothing_cached() -> None:
    briefing = load_briefing()
    auto_links(briefing)
    copy = briefing._replace(links=())
    assert copy.memo == {}
    assert copy.links == () and copy.documents == briefing.documents


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # Cut at a word, never ending on a word that leads on to the cut part.
        ("3 Takeaways From the Ferry Strike in Marrow Bay", "3 Takeaways"),
        ("The surge of activity across the strait", "Surge"),  # as telling without its article
        ("the surge of ferry traffic across the strait", "Surge of ferry"),
        # A leading article goes when that lets more of what the title says in.
        ("A Strike in Marrow Bay Ends After Talks", "Strike in Marrow"),
        ("The Significance of the Harbour Vote", "Significance"),
        ("Exclusive: Ferry strike ends after talks", "Exclusive: Ferry"),
        ("Ferry Talks: what was agreed", "Ferry Talks"),
        # What fits is kept whole, as written.
        ("Ferry strike off", "Ferry strike off"),
        ("  Ferry   strike  ", "Ferry strike"),
        # One word longer than a badge: cut, and said to be cut.
        ("Internationalisation of harbours", "Internationalis…"),
        ("", ""),
    ],
)
def test_a_title_s_opening_is_a_short_name_cut_at_a_word(title: str, expected: str) -> None:
    opening = title_opening(title)
    assert opening == expected
    assert len(opening) <= SHORT_NAME_LIMIT


def test_a_source_is_named_by_its_label_publisher_title_then_id() -> None:
    title = "A Strike in Marrow Bay Ends After Talks"
    untitled = Document("strike-marrow-bay-ends", 1, Path("docs/strike.md"))
    assert untitled.short_name == "strike-marrow-bay-ends"
    assert untitled._replace(title=title).short_name == "Strike in Marrow"
    assert untitled._replace(title=title, publisher="Harbour Post").short_name == "Harbour Post"
    labelled = untitled._replace(title=title, publisher="Harbour Post", label="Post")
    assert labelled.short_name == "Post"
    # The untitled heading says what the source is known by.
    assert untitled._replace(publisher="Harbour Post").heading == "Harbour Post (untitled)"
