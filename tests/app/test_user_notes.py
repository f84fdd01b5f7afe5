"""The reader's own notes, bookmarks and place, driven by keys: saved, shown, restored."""

from __future__ import annotations

import sqlite3

from textual.widgets import Static, TextArea

from briefing.core.model import Briefing
from briefing.core.userdata.store import UserStore
from briefing.tui.app import BriefingApp
from briefing.tui.screens.confirm import ConfirmScreen, UnsavedNoteScreen
from briefing.tui.screens.note_editor import NoteEditor
from briefing.tui.screens.note_picker import NotePicker
from briefing.tui.widgets.title_bar import TitleBar

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


async def test_escape_with_nothing_typed_just_closes_the_editor(app: BriefingApp):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("a", "escape")
        assert reader(app) is app.screen


async def test_escape_never_throws_typed_text_away_without_asking(app: BriefingApp):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("a", *"draft", "escape")
        assert isinstance(app.screen, UnsavedNoteScreen)
        await pilot.press("escape")  # Esc again, by reflex: keeps editing, text intact
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "draft"
        await pilot.press(*" kept", "escape", "s")
        await settled(app, pilot)
        assert "draft kept" in notes_text(app)

        await pilot.press("e", *" and more", "escape", "d")  # discard: said so, by key
        await settled(app, pilot)
        assert reader(app) is app.screen
        assert "draft kept" in notes_text(app) and "and more" not in notes_text(app)


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
        # Said for as long as it lasts, not only in a toast.
        assert "read-only notes" in reader(app).query_one(TitleBar).visual.plain
        await pilot.press("a")
        assert not isinstance(app.screen, NoteEditor)
        said = [n.message for n in app._notifications][-1]
        assert said.startswith("Your notes are read-only because briefing cannot create")
        assert said.endswith(
            ": create it, or set BRIEFING_DATA_DIR to a folder you can write to, "
            "and reopen the briefing."
        )
        await pilot.press("j")
        assert current(app) == app.briefing.sections[0].passages[1]


async def test_the_title_bar_says_nothing_of_notes_when_they_can_be_saved(app: BriefingApp):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert "read-only" not in reader(app).query_one(TitleBar).visual.plain


async def test_the_editor_shows_the_passage_being_annotated(app: BriefingApp, bundled: Briefing):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("j")
        text = " ".join(bundled.passages[current(app)].text.split())
        await pilot.press("a")
        await pilot.pause()
        preview = app.screen.query_one("#note-passage", Static)
        rows = preview.render_lines(preview.region.reset_offset)
        shown = " ".join(row.text.strip() for row in rows if row.text.strip())
        assert shown.rstrip("…") and text.startswith(shown.rstrip("…"))


async def test_e_on_a_passage_with_two_notes_asks_which(app: BriefingApp):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await write_note(pilot, "older note")
        await write_note(pilot, "newer note")
        await pilot.press("e")
        assert isinstance(app.screen, NotePicker)
        await pilot.press("up", "enter")  # the newest is offered first; up is the older
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "older note"
        await pilot.press(*" edited", "ctrl+s")
        await settled(app, pilot)
        assert "older note edited" in notes_text(app) and "newer note" in notes_text(app)


async def test_another_readers_bookmark_is_never_removed_by_a_stale_view(
    app: BriefingApp, own_notes_store
):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("j")
        passage = current(app)
        other, _ = UserStore.open(own_notes_store)  # reader A, in another window
        with other:
            other.toggle_bookmark(app.briefing, passage)
        assert "★ bookmarked" not in notes_text(app)  # this view has not seen it yet
        await pilot.press("m")
        await settled(app, pilot)
        assert [n.message for n in app._notifications][-1] == (
            "Already bookmarked in another window"
        )
        assert "★ bookmarked" in notes_text(app)
        other, _ = UserStore.open(own_notes_store)
        with other:
            assert [b.passage for b in other.bookmarks(app.briefing)] == [passage]


async def test_notes_written_by_another_reader_show_on_the_next_move(
    app: BriefingApp, own_notes_store
):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("j")
        passage = current(app)
        other, _ = UserStore.open(own_notes_store)
        with other:
            other.add_note(app.briefing, passage, "from the other window")
        await pilot.press("j", "k")
        await settled(app, pilot)
        assert current(app) == passage
        assert "from the other window" in notes_text(app)


async def test_opening_says_when_notes_lost_their_passage(
    app: BriefingApp, own_notes_store, bundled: Briefing
):
    first, second = list(bundled.passages)[:2]
    store, _ = UserStore.open(own_notes_store)
    with store:
        for passage in (first, second):
            store.add_note(bundled, passage, "on words since rewritten")
    with sqlite3.connect(own_notes_store / "notes.db") as db:  # as if the article changed
        db.execute("UPDATE notes SET quote = 'zz qq', passage_text = 'zz qq xx yy ww'")
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        messages = [n.message for n in app._notifications]
        assert "2 of your notes no longer match their passage: press ' to see them" in messages


async def test_notes_kept_for_another_copy_of_the_briefing_are_offered(
    app: BriefingApp, own_notes_store, bundled: Briefing
):
    first = next(iter(bundled.passages))
    store, _ = UserStore.open(own_notes_store)
    with store:
        store.add_note(bundled, first, "made on another copy")
    with sqlite3.connect(own_notes_store / "notes.db") as db:  # kept under another key
        db.execute("UPDATE notes SET briefing = '/srv/old/copy'")
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        messages = [n.message for n in app._notifications]
        assert (
            "1 note kept with the briefing in /srv/old/copy is on a passage of this briefing: "
            "press ' to see it; c there copies it into your notes"
        ) in messages
        await pilot.press("apostrophe")
        shown = [
            (b.header.plain if b.header else "") + "\n" + b.body.plain for b in passages(app).blocks
        ]
        [entry] = [text for text in shown if "made on another copy" in text]
        assert bundled.citation(first) in entry
        assert "\nNotes kept with the briefing in /srv/old/copy" in shown


async def test_the_marks_list_footer_says_what_m_does_on_the_entry_focused(
    app: BriefingApp, bundled: Briefing
):
    """m unmarks a bookmark there, but bookmarks the passage of a note that has none."""
    from briefing.tui.widgets.key_bar import KeyBar

    async with app.run_test(size=(160, 48)) as pilot:
        await settled(app, pilot)
        await write_note(pilot, "check the date")
        await pilot.press("j", "m", "apostrophe")
        await settled(app, pilot)
        seen = {}
        for _ in range(2):
            block = passages(app).block
            kind = "note" if block.note_id is not None else "bookmark"
            seen[kind] = str(reader(app).query_one(KeyBar).render())
            await pilot.press("j")
            await pilot.pause()
        assert "m Unmark" in seen["bookmark"]
        assert "m Bookmark" in seen["note"] and "Unmark" not in seen["note"]
