"""Notes kept with another briefing on the same sources: named, shown on their passage, copied."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.loader import load_briefing
from briefing.core.model import Briefing
from briefing.core.userdata.store import UserStore
from briefing.tui.app import BriefingApp
from briefing.tui.screens.note_editor import NoteEditor
from briefing.tui.screens.note_picker import NotePicker

from .conftest import current, notes_text, passages, reader, settled, shown_lines

SIZE = (120, 40)


@pytest.fixture
def other(tmp_path: Path, bundled: Briefing) -> Briefing:
    """A briefing of its own built on a copy of one of the bundled sources."""
    source = bundled.documents[3]
    folder = tmp_path / "mine"
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / source.path.name).write_text(
        source.path.read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "briefing.yaml").write_text(
        f"id: 0123456789abcdef\ntitle: My own reading\ndocuments: [docs/{source.path.name}]\n"
        "sections: []\n",
        encoding="utf-8",
    )
    return load_briefing(folder)


def noted(store_dir: Path, briefing: Briefing, passage: str, text: str) -> None:
    store, _ = UserStore.open(store_dir)
    with store:
        store.add_note(briefing, passage, text)


def shown(app: BriefingApp) -> list[str]:
    return [
        (b.header.plain if b.header else "") + "\n" + b.body.plain for b in passages(app).blocks
    ]


async def test_a_note_of_the_bundled_briefing_is_shown_on_its_passage_and_named_so(
    own_notes_store, bundled: Briefing, other: Briefing
):
    passage = bundled.documents[3].passages[0].id
    noted(own_notes_store, bundled, passage, "Check the wording")
    app = BriefingApp(other)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        messages = [n.message for n in app._notifications]
        assert (
            "1 note kept with the bundled briefing is on a passage of this briefing: "
            "press ' to see it; c there copies it into your notes"
        ) in messages
        assert not any("content" in m or "site-packages" in m for m in messages)

        await pilot.press("apostrophe")
        lead = passages(app).blocks[0].body.plain
        assert "no longer found" not in lead
        assert "1 note kept with other briefings" in lead
        [entry] = [text for text in shown(app) if "Check the wording" in text]
        assert other.citation(passage) in entry
        assert any(
            b.kind == "heading" and b.body.plain == "Notes kept with the bundled briefing"
            for b in passages(app).blocks
        )
        # Focused on the entry, the notes pane shows the passage and the note under its keeper.
        assert passages(app).block.note_id is not None
        assert "Notes kept with the bundled briefing" in notes_text(app)
        assert "c copies it into your notes here" in notes_text(app)

        await pilot.press("enter")  # opens its passage here
        await settled(app, pilot)
        assert current(app) == passage
        assert "Check the wording" in notes_text(app)
        assert "Your notes" not in notes_text(app)  # not the reader's own on this briefing
        assert passages(app).block.header.plain.endswith("  ✎ +1")

        await pilot.press("e")  # another briefing's note: e writes one of the reader's own
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one("TextArea").text == ""
        await pilot.press("escape")
        assert reader(app) is app.screen


async def test_c_copies_it_into_this_briefings_notes_and_the_bundled_one_keeps_its_own(
    own_notes_store, bundled: Briefing, other: Briefing
):
    passage = bundled.documents[3].passages[0].id
    noted(own_notes_store, bundled, passage, "Check the wording")
    app = BriefingApp(other)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("apostrophe", "c")
        await settled(app, pilot)
        said = [n.message for n in app._notifications][-1]
        assert said == "Note copied into your notes here; the bundled briefing keeps its own"
        # Now the reader's own: listed as theirs, no longer offered, editable here.
        lead = passages(app).blocks[0].body.plain
        assert "\n0 bookmarks, 1 note · Enter opens" in lead
        assert "kept with" not in "\n".join(shown(app))
        await pilot.press("enter")
        await settled(app, pilot)
        assert current(app) == passage
        assert "✎ 1" in passages(app).block.header.plain
        assert "Your notes\n✎ Check the wording" in notes_text(app)
        await pilot.press("e")
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one("TextArea").text == "Check the wording"
        await pilot.press("escape")

    store, _ = UserStore.open(own_notes_store)
    with store:
        assert [(n.text, n.passage, n.elsewhere) for n in store.notes(bundled)] == [
            ("Check the wording", passage, "")
        ]
        assert [(n.text, n.elsewhere) for n in store.notes(other)] == [("Check the wording", "")]


async def test_a_copy_edited_here_is_still_yours_and_the_original_is_not_offered_again(
    own_notes_store, bundled: Briefing, other: Briefing
):
    passage = bundled.documents[3].passages[0].id
    noted(own_notes_store, bundled, passage, "Check the wording")
    app = BriefingApp(other)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("apostrophe", "c")
        await settled(app, pilot)
        await pilot.press("enter")
        await settled(app, pilot)
        await pilot.press("e")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("end", *" (edited here)", "ctrl+s")
        await settled(app, pilot)
        assert passages(app).block.header.plain.endswith("  ✎ 1")
        assert "Your notes\n✎ Check the wording (edited here)" in notes_text(app)
        assert "kept with" not in notes_text(app)
        assert "c copies" not in notes_text(app)
        await pilot.press("apostrophe")
        assert "kept with" not in "\n".join(shown(app))
        await pilot.press("c")  # nothing left to copy: no second copy
        said = [n.message for n in app._notifications][-1]
        assert said == "No note of another briefing here to copy"

    app = BriefingApp(load_briefing(other.root))  # opened again: still no offer
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert not any("kept with" in n.message for n in app._notifications)
        await pilot.press("apostrophe")
        assert [text for text in shown(app) if "Check the wording" in text] == [
            text for text in shown(app) if "Check the wording (edited here)" in text
        ]
        assert "kept with" not in "\n".join(shown(app))


async def test_c_on_a_passage_with_two_offered_notes_asks_which(
    own_notes_store, bundled: Briefing, other: Briefing
):
    passage = bundled.documents[3].passages[0].id
    noted(own_notes_store, bundled, passage, "first thought")
    noted(own_notes_store, bundled, passage, "second thought")
    app = BriefingApp(other)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert current(app) == passage
        assert "c copies one into your notes here" in notes_text(app)
        await pilot.press("c")
        assert isinstance(app.screen, NotePicker)
        await pilot.pause()
        rows = [row.strip() for row in shown_lines(app.screen.query_one("#pick-notes"))]
        for thought in ("first thought", "second thought"):  # each says which keeps it
            row = next(i for i, text in enumerate(rows) if text.startswith(thought))
            assert rows[row + 1] == "kept with the bundled briefing"
        await pilot.press("up", "enter")  # the older of the two
        await settled(app, pilot)
        assert "Your notes\n✎ first thought" in notes_text(app)
        assert "Notes kept with the bundled briefing\n✎ second thought" in notes_text(app)
        assert passages(app).block.header.plain.endswith("  ✎ 1+1")


async def test_a_note_on_a_passage_this_briefing_lacks_is_not_called_lost(
    own_notes_store, bundled: Briefing, other: Briefing
):
    elsewhere = bundled.documents[3].passages[1].id
    noted(own_notes_store, bundled, elsewhere, "on a paragraph cut here")
    source = other.documents[0].path
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace(bundled.passages[elsewhere].text, "A paragraph written anew."),
        encoding="utf-8",
    )
    app = BriefingApp(load_briefing(other.root))
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("apostrophe")
        lead = passages(app).blocks[0].body.plain
        assert "no longer found" not in lead
        [entry] = [text for text in shown(app) if "on a paragraph cut here" in text]
        assert "its passage is not in this briefing" in entry
        while passages(app).block.note_id is None:
            await pilot.press("j")
        assert "A note kept with the bundled briefing" in notes_text(app)
        assert "No passage here." not in notes_text(app)
        await pilot.press("enter")  # nowhere to go: it says why rather than nothing
        said = [n.message for n in app._notifications][-1]
        assert said == (
            "This note is kept with the bundled briefing, on a passage this briefing does not have"
        )
