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


@pytest.fixture
def app(bundled: Briefing) -> BriefingApp:
    return BriefingApp(bundled)


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
    from textual.widgets import Static

    from briefing.tui.widgets.notes_panel import NotesPanel

    pane = reader(app).query_one(NotesPanel)
    return "\n".join(str(static.content) for static in pane.query(Static) if static.display)


def shown_lines(widget) -> list[str]:
    """The text a widget shows on screen now, one string per row."""
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]
