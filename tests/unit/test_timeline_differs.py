"""The timeline's '≠ … gives …' lines: each other source's date once, however often found."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from briefing.core.linking.disagreements import Comparison
from briefing.core.model import Link
from briefing.tui import insight


def test_a_differing_date_found_twice_is_listed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # One pair of passages, linked twice (the author's link and the linker's), each
    # comparison giving the same two dates twice: as a 100-document briefing showed it,
    # '≠ Outlet 20 [20 ¶27] gives 14 September 2022' four times over.
    twice = [Comparison("date-differs", "13 September", "14 September")] * 2
    monkeypatch.setattr(insight, "compare", lambda analysis, a, b: twice)
    analysis = SimpleNamespace(passages={"a:1": None, "b:1": None})
    links = [
        Link("a:1", "b:1", "disagreement", 1.0, (), curated=True),
        Link("a:1", "b:1", "disagreement", 0.8, (), curated=False),
    ]
    found = insight._differing_dates(analysis, links)  # type: ignore[arg-type]
    assert found == {
        ("a:1", "13 September"): [("b:1", "14 September")],
        ("b:1", "14 September"): [("a:1", "13 September")],
    }
