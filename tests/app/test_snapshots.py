"""The reader's look at fixed sizes, compared with stored SVG snapshots.

Update them after an intended change of look with `pytest tests/app --snapshot-update`
and review the report before committing. Every snapshot waits for the background work
(the notes store, the linker) so that what it shows does not depend on timing.
"""

from __future__ import annotations

from briefing.core.model import Briefing
from briefing.tui.app import BriefingApp


def pressing(*keys: str):
    """Let the background work finish, then press the keys and let it finish again."""

    async def run(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run


def test_first_screen_80x24(snap_compare, bundled: Briefing):
    assert snap_compare(BriefingApp(bundled), terminal_size=(80, 24), run_before=pressing())


def test_notes_pane_brought_back_at_80x24(snap_compare, bundled: Briefing):
    assert snap_compare(BriefingApp(bundled), terminal_size=(80, 24), run_before=pressing("j", "i"))


def test_help_at_80x24(snap_compare, bundled: Briefing):
    assert snap_compare(
        BriefingApp(bundled), terminal_size=(80, 24), run_before=pressing("question_mark")
    )


def test_first_screen_160x48(snap_compare, bundled: Briefing):
    assert snap_compare(BriefingApp(bundled), terminal_size=(160, 48), run_before=pressing())


def test_followed_link_160x48(snap_compare, bundled: Briefing):
    assert snap_compare(
        BriefingApp(bundled), terminal_size=(160, 48), run_before=pressing("j", "1")
    )


def test_search_results_160x48(snap_compare, bundled: Briefing):
    assert snap_compare(
        BriefingApp(bundled),
        terminal_size=(160, 48),
        run_before=pressing("slash", *"shells", "enter"),
    )


def test_timeline_80x24(snap_compare, bundled: Briefing):
    assert snap_compare(BriefingApp(bundled), terminal_size=(80, 24), run_before=pressing("T"))


def test_people_160x48(snap_compare, bundled: Briefing):
    assert snap_compare(BriefingApp(bundled), terminal_size=(160, 48), run_before=pressing("P"))


def test_coverage_80x24(snap_compare, bundled: Briefing):
    assert snap_compare(BriefingApp(bundled), terminal_size=(80, 24), run_before=pressing("C"))
