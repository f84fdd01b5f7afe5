"""Fixtures for the reader tests: the bundled briefing, an app factory, screen helpers."""

from __future__ import annotations

import pytest

from briefing.core.loader import load_briefing
from briefing.core.model import Briefing
from briefing.tui.app import BriefingApp
from briefing.tui.screens.reader import ReaderScreen
from briefing.tui.widgets.passage_list import PassageList


@pytest.fixture(scope="session")
def bundled() -> Briefing:
    return load_briefing()


@pytest.fixture(autouse=True)
def own_notes_store(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """Each test has its own notes store: no saved place or note carries over."""
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def app(bundled: Briefing) -> BriefingApp:
    return BriefingApp(bundled)


async def settled(app: BriefingApp, pilot) -> None:
    """Wait until background work (opening the notes store, saving) is done and drawn."""
    await app.workers.wait_for_complete()
    await pilot.pause()


def reader(app: BriefingApp) -> ReaderScreen:
    screen = app.screen
    assert isinstance(screen, ReaderScreen), f"expected the reader, got {screen!r}"
    return screen


def passages(app: BriefingApp) -> PassageList:
    return reader(app).query_one(PassageList)


def current(app: BriefingApp) -> str | None:
    return passages(app).passage_id


def notes_text(app: BriefingApp) -> str:
    """Everything the notes pane says now, as plain text."""
    from briefing.tui.widgets.notes_panel import NotesPanel

    pane = reader(app).query_one(NotesPanel)
    return "\n".join(
        (block.header.plain + "\n" if block.header else "") + block.body.plain
        for block in pane.blocks
    )


def line_of_block(view, predicate) -> int:
    """Row, within the widget, of the first on-screen line of the first block matching `predicate`."""
    index = next(i for i, block in enumerate(view.blocks) if predicate(block))
    start, _ = view._ensure_layout().span(index)
    return start - round(view.scroll_y) + view.styles.padding.top


def shown_lines(widget) -> list[str]:
    """The text a widget shows on screen now, one string per row."""
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


async def toasts(app: BriefingApp, pilot) -> str:
    """The text of every notification on screen, once those just sent are drawn."""
    await pilot.pause()  # a notification is mounted on the next turn, then drawn
    await pilot.pause()
    return "\n".join(toast.render().plain for toast in app.screen.query("Toast"))
