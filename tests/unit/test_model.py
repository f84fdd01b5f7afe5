"""The briefing model's records: copies and pickles carry the fields, not what was cached."""

from __future__ import annotations

import pickle

from briefing.core.linking import auto_links
from briefing.core.loader import load_briefing


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
