"""After an edit, the reader shows the links found before it until the linker has found the new ones."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from briefing.core.linking import auto_links
from briefing.core.loader import load_briefing
from briefing.core.model import Link
from briefing.tui import insight as insight_module
from briefing.tui.app import BriefingApp
from briefing.tui.insight import build_insight

from .conftest import current, notes_text, reader, settled

SIZE = (120, 40)
SECOND = Path(__file__).parents[1] / "data" / "second_briefing"
EDITED = "voice:1"
"""The passage the edit changes; the first passage shown links to it."""
EARLIER = "those found before the last edit"


@pytest.fixture
def edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, tuple[Link, ...]]:
    """A briefing linked once, then edited in one passage; and the links from before."""
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "second"
    shutil.copytree(SECOND, folder)
    before = auto_links(load_briefing(folder))
    doc = folder / "docs" / "voice.md"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(
        text.replace("on Tuesday evening while", "on a cold Tuesday evening while"), "utf-8"
    )
    return folder, before


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The linker waits until the test sets the event."""
    release = threading.Event()

    def slow(briefing):
        assert release.wait(30), "the test never let the linker finish"
        return build_insight(briefing)

    monkeypatch.setattr(insight_module, "build_insight", slow)
    return release


async def recalled(app: BriefingApp, pilot) -> str:
    """Wait until the earlier links are read back and shown (the linker itself is held);
    the passage focused then."""
    recalling = [w for w in app.workers if w.group == "earlier links"]
    await app.workers.wait_for_complete(recalling)
    await pilot.pause()
    here = current(app)
    assert here is not None
    return here


def touches(link: Link, pid: str) -> bool:
    return pid in (link.source, link.target)


async def test_the_links_found_before_an_edit_are_shown_until_the_new_ones_come(
    edited, held: threading.Event
):
    folder, before = edited
    briefing = load_briefing(folder)
    app = BriefingApp(briefing)
    async with app.run_test(size=SIZE) as pilot:
        here = await recalled(app, pilot)
        mine = [link for link in before if touches(link, here)]
        assert any(touches(link, EDITED) for link in mine), "the test wants a link to the edit"
        kept = [link for link in mine if not touches(link, EDITED)]
        assert kept, "the test wants links the edit leaves alone"
        screen = reader(app)
        assert screen.links_here() == [*briefing.links_for(here), *kept]
        text = notes_text(app)
        assert f"Suggested ({len(kept)}) by the linker" in text
        assert EARLIER in text
        first = screen.links_here()[0]
        await pilot.press("1")  # followed as any other link
        await pilot.pause()
        assert current(app) == first.other(here)
        held.set()
        await settled(app, pilot)
        assert EARLIER not in notes_text(app)
        assert screen.insight is not None
        there = current(app)
        assert screen.links_here() == [*briefing.links_for(there), *screen.insight.links[there]]


async def test_a_briefing_never_linked_shows_curated_links_only_until_the_linker_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: threading.Event
):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    briefing = load_briefing(SECOND)
    app = BriefingApp(briefing)
    async with app.run_test(size=SIZE) as pilot:
        here = await recalled(app, pilot)
        assert reader(app).links_here() == briefing.links_for(here)
        assert EARLIER not in notes_text(app)
        held.set()
        await settled(app, pilot)
