"""The reading and notes panes, and their scrollbars, reuse their styled lines, and show
exactly what Textual draws."""

from __future__ import annotations

from functools import partial

from textual._styles_cache import StylesCache
from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.widget import Widget

from briefing.core.model import Briefing
from briefing.tui.app import BriefingApp
from briefing.tui.widgets.block_view import BlockView
from briefing.tui.widgets.notes_panel import NotesPanel
from briefing.tui.widgets.passage_list import PassageList

from .conftest import current, reader, settled

SIZE = (120, 40)


def drawn(pane: Widget) -> list[list[object]]:
    """The pane's lines as drawn now, all of their width: segments, with their styles."""
    return [list(strip) for strip in pane.render_lines(Region(0, 0, *pane.region.size))]


def drawn_by_textual(pane: Widget) -> list[list[object]]:
    """The same lines styled by Textual's own StylesCache, from nothing kept."""
    ours = pane._styles_cache
    pane._styles_cache = StylesCache()
    if isinstance(pane, ScrollBar):  # and its lines as Textual's ScrollBar makes them
        pane._render_content = partial(ScrollBar._render_content, pane)  # type: ignore[method-assign]
        pane.refresh()
    try:
        return drawn(pane)
    finally:
        pane._styles_cache = ours
        vars(pane).pop("_render_content", None)


def panes(app: BriefingApp) -> list[Widget]:
    """The reading and notes panes and their scrollbars."""
    views: list[BlockView] = [reader(app).query_one(PassageList), reader(app).query_one(NotesPanel)]
    return [*views, *(view.vertical_scrollbar for view in views)]


async def test_after_moving_following_and_back_the_panes_show_what_textual_draws(
    app: BriefingApp, bundled: Briefing
):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        origin = next(p for p in bundled.sections[0].passages if bundled.links_for(p))
        while current(app) != origin:
            await pilot.press("j")
        for key in ("j", "k", "1", "backspace", "j", "k", "1"):
            await pilot.press(key)
            await pilot.pause()
            for pane in panes(app):
                assert drawn(pane) == drawn_by_textual(pane), (key, pane)


async def test_a_theme_change_redraws_the_lines_in_the_new_theme(app: BriefingApp):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        dark = [drawn(pane) for pane in panes(app)]
        app.theme = "textual-light"
        await pilot.pause()
        for pane, old in zip(panes(app), dark, strict=True):
            assert drawn(pane) != old, pane
            assert drawn(pane) == drawn_by_textual(pane), pane
