"""The reader's own notes, bookmarks and place, driven by keys: saved, shown, restored."""

from __future__ import annotations

from textual.widgets import TextArea

from briefing.core.model import Briefing
from briefing.tui.app import BriefingApp
from briefing.tui.screens.confirm import ConfirmScreen
from briefing.tui.screens.note_editor import NoteEditor

from .conftest import current, notes_text, passages, reader, settled

SIZE = (120, 40)


async def write_note(pilot, text: str) -> None:
    await pilot.press("a")
    assert isinstance(pilot.app.screen, NoteEditor)
    await pilot.press(*text)
    await pilot.press("ctrl+s")
    await settled(pilot.app, pilot)


async def test_a_note_is_saved_shown_in_the_sidebar_and_marked_on_the_passage(
    app: BriefingApp, bundled: Briefing
):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("j")
        passage = current(app)
        await write_note(pilot, "Check the date")
        assert "Your notes" in notes_text(app)
        assert "Check the date" in notes_text(app)
        header = passages(app).block.header.plain
        assert "✎ 1" in header
        assert current(app) == passage


async def test_editing_and_deleting_a_note_asks_first(app: BriefingApp):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await write_note(pilot, "first")
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.query_one(TextArea).text == "first"
        await pilot.press(*" and second", "ctrl+s")
        await settled(app, pilot)
        assert "first and second" in notes_text(app)

        await pilot.press("e", "ctrl+d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: back in the editor, nothing deleted
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+d", "y")
        await settled(app, pilot)
        assert "first and second" not in notes_text(app)
        assert "Your notes" not in notes_text(app)


async def test_escape_in_the_editor_saves_nothing(app: BriefingApp):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("a", *"draft", "escape")
        await settled(app, pilot)
        assert "draft" not in notes_text(app)


async def test_bookmarks_toggle_and_the_list_jumps_to_them(app: BriefingApp, bundled: Briefing):
    order = bundled.sections[0].passages
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("j", "j", "m")
        await settled(app, pilot)
        marked = order[2]
        assert "★ bookmarked" in notes_text(app)
        await pilot.press("n")  # elsewhere
        await pilot.press("apostrophe")
        assert reader(app).sub_title == "Your bookmarks and notes"
        assert current(app) == marked
        await pilot.press("enter")
        assert reader(app).sub_title == bundled.sections[0].title
        assert current(app) == marked
        await pilot.press("m")
        await settled(app, pilot)
        assert "★ bookmarked" not in notes_text(app)


async def test_notes_list_opens_the_noted_passage(app: BriefingApp, bundled: Briefing):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("n", "j")
        noted = current(app)
        await write_note(pilot, "look again")
        await pilot.press("p", "apostrophe")
        block = passages(app).block
        assert block.kind == "entry" and block.passage_id == noted
        await pilot.press("enter")
        assert current(app) == noted


async def test_reopening_returns_to_the_last_place_and_history(bundled: Briefing):
    first = BriefingApp(bundled)
    async with first.run_test(size=SIZE) as pilot:
        await settled(first, pilot)
        await pilot.press("n", "j", "j")
        place = current(first)
        section = reader(first).sub_title
        await pilot.press("1")
        target = current(first)
        await pilot.press("backspace")
        await settled(first, pilot)
    second = BriefingApp(bundled)
    async with second.run_test(size=SIZE) as pilot:
        await settled(second, pilot)
        assert reader(second).sub_title == section
        assert current(second) == place
        await pilot.press("right")  # the forward history came back too
        assert current(second) == target


async def test_a_read_only_store_says_so_and_the_reader_still_works(
    app: BriefingApp, tmp_path, monkeypatch
):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(blocker / "data"))
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any("read-only" in m.lower() or "cannot" in m.lower() for m in messages), messages
        await pilot.press("a")
        assert not isinstance(app.screen, NoteEditor)
        await pilot.press("j")
        assert current(app) == app.briefing.sections[0].passages[1]
