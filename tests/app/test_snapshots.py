"""The reader's look at fixed sizes, compared with stored SVG snapshots.

Update them after an intended change of look with `pytest tests/app --snapshot-update`
and review the report before committing.
"""

from __future__ import annotations

from briefing.core.model import Briefing
from briefing.tui.app import BriefingApp


def test_first_screen_80x24(snap_compare, bundled: Briefing):
    assert snap_compare(BriefingApp(bundled), terminal_size=(80, 24))


def test_notes_pane_brought_back_at_80x24(snap_compare, bundled: Briefing):
    assert snap_compare(BriefingApp(bundled), terminal_size=(80, 24), press=["j", "i"])


def test_help_at_80x24(snap_compare, bundled: Briefing):
    assert snap_compare(BriefingApp(bundled), terminal_size=(80, 24), press=["question_mark"])


def test_first_screen_160x48(snap_compare, bundled: Briefing):
    assert snap_compare(BriefingApp(bundled), terminal_size=(160, 48))


def test_followed_link_160x48(snap_compare, bundled: Briefing):
    assert snap_compare(BriefingApp(bundled), terminal_size=(160, 48), press=["j", "1"])


def test_search_results_160x48(snap_compare, bundled: Briefing):
    async def search(pilot):
        await pilot.press("slash", *"shells", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(BriefingApp(bundled), terminal_size=(160, 48), run_before=search)
