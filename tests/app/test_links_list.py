"""The links list (`L`), the marks list's counts and the sections pane's g/G, as a reader
meets them: keys pressed, what is shown and focused asserted."""

from __future__ import annotations

from briefing.tui.app import BriefingApp
from briefing.tui.history import View
from briefing.tui.widgets.sections_pane import SectionsPane

from .conftest import current, passages, reader, settled

BUSY = "teneo:4"
"""A passage with links by the author and by the linker, the author's listed in the YAML
in another order than their sources come in the briefing."""


async def test_a_bookmark_in_the_marks_list_counts_links_as_everywhere(app: BriefingApp):
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        reader(app).go(View("section", reader(app).briefing.sections_of(BUSY)[0]), BUSY)
        await pilot.pause()
        await pilot.press("m")
        await settled(app, pilot)
        in_section = passages(app).block.header.plain
        assert "suggested" in in_section and "★" in in_section
        await pilot.press("apostrophe")
        await pilot.pause()
        assert reader(app).history.current.view.kind == "mine"
        bookmark = next(b for b in passages(app).blocks if b.passage_id == BUSY)
        assert bookmark.header.plain == in_section


async def test_g_and_G_in_the_sections_pane_go_to_its_first_and_last_rows(app: BriefingApp):
    async with app.run_test(size=(140, 40)) as pilot:
        await settled(app, pilot)
        b = reader(app).briefing
        reading = current(app)
        await pilot.press("tab")
        pane = reader(app).query_one(SectionsPane)
        assert app.focused is pane
        for last, first in (("G", "g"), ("end", "home")):
            await pilot.press(last)
            await pilot.pause()
            assert pane.current == len(pane.blocks) - 1  # the last source
            assert current(app) == reading  # the text behind stays put
            await pilot.press(first)
            await pilot.pause()
            assert pane.current == 0
        await pilot.press("G", "enter")
        await pilot.pause()
        assert reader(app).history.current.view == View("source", b.documents[-1].id)
