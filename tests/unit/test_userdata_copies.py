"""Copies of another briefing's notes: known by where they came from, never offered back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tiny_briefing import write_briefing

from briefing.core.loader import load_briefing
from briefing.core.model import Briefing
from briefing.core.userdata.anchoring import Resolver
from briefing.core.userdata.store import UserStore

pytestmark = pytest.mark.usefixtures("data")
"""Every test keeps its user data in its own folder (conftest's `data`), never in the real home."""


@pytest.fixture
def store() -> UserStore:
    opened, warnings = UserStore.open()
    assert warnings == []
    yield opened
    opened.close()


def on_same_sources(tmp_path: Path, name: str) -> Briefing:
    """A briefing of its own (`id: name`) on the tiny briefing's sources."""
    folder = write_briefing(tmp_path / name)
    (folder / "briefing.yaml").write_text(f"id: {name}\n" + (folder / "briefing.yaml").read_text())
    return load_briefing(folder)


def texts(store: UserStore, briefing: Briefing) -> list[tuple[str, bool]]:
    """(text, offered from elsewhere) of every note the briefing lists."""
    return [(n.text, bool(n.elsewhere)) for n in store.notes(briefing)]


def test_an_edited_copy_is_still_a_copy_the_original_is_not_offered_again(
    store: UserStore, tmp_path: Path
) -> None:
    one, two = on_same_sources(tmp_path, "one"), on_same_sources(tmp_path, "two")
    store.add_note(one, "alpha:2", "count the shells")
    [offered] = store.notes(two)
    copy_id = store.copy_note(offered.id, two, "alpha:2")
    store.update_note(copy_id, "count the shells (edited here)")
    assert texts(store, two) == [("count the shells (edited here)", False)]
    with UserStore.open()[0] as again:  # and after reopening
        assert texts(again, two) == [("count the shells (edited here)", False)]
        # The original's briefing is not offered the copy of its own note either.
        assert texts(again, one) == [("count the shells", False)]
    # Copying again (a stale offer in another window) makes no second copy.
    assert store.copy_note(offered.id, two, "alpha:2") == copy_id
    assert len(store.notes(two)) == 1


def test_a_third_briefing_is_offered_a_note_and_its_copies_once(
    store: UserStore, tmp_path: Path
) -> None:
    one, two = on_same_sources(tmp_path, "one"), on_same_sources(tmp_path, "two")
    three = on_same_sources(tmp_path, "three")
    original = store.add_note(one, "alpha:2", "count the shells")
    copy_id = store.copy_note(original, two, "alpha:2")
    # Unedited, then edited: either way three sees one note, the original, from one.
    [offered] = store.notes(three)
    assert (offered.id, offered.elsewhere) == (
        original,
        "“Tiny summit briefing” in " + str(one.root),
    )
    store.update_note(copy_id, "count the shells, twice")
    assert [n.id for n in store.notes(three)] == [original]
    # With the original gone, the copy is what is left to offer.
    store.delete_note(original)
    assert [n.id for n in store.notes(three)] == [copy_id]
    # Three copies the copy: nothing of that line is offered to three, nor to two.
    store.copy_note(copy_id, three, "alpha:2")
    assert texts(store, three) == [("count the shells, twice", False)]
    assert texts(store, two) == [("count the shells, twice", False)]


def test_a_copy_of_a_copy_is_known_as_one_of_the_original(store: UserStore, tmp_path: Path) -> None:
    one, two = on_same_sources(tmp_path, "one"), on_same_sources(tmp_path, "two")
    three = on_same_sources(tmp_path, "three")
    original = store.add_note(one, "alpha:2", "count the shells")
    first = store.copy_note(original, two, "alpha:2")
    store.update_note(first, "count the shells, in two")
    store.update_note(store.copy_note(first, three, "alpha:2"), "count the shells, in three")
    for briefing in (one, two, three):
        assert [offered for offered in texts(store, briefing) if offered[1]] == []


# The notes table as version 2 wrote it (no copied_from), with the briefings table.
VERSION_2 = """
CREATE TABLE notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT, briefing TEXT NOT NULL, doc TEXT NOT NULL,
    quote TEXT NOT NULL, passage_text TEXT NOT NULL, prefix TEXT NOT NULL,
    suffix TEXT NOT NULL, passage_hint TEXT NOT NULL, text TEXT NOT NULL,
    created TEXT NOT NULL, updated TEXT NOT NULL
);
CREATE TABLE bookmarks (
    id INTEGER PRIMARY KEY AUTOINCREMENT, briefing TEXT NOT NULL, doc TEXT NOT NULL,
    quote TEXT NOT NULL, passage_text TEXT NOT NULL, prefix TEXT NOT NULL,
    suffix TEXT NOT NULL, passage_hint TEXT NOT NULL, created TEXT NOT NULL
);
CREATE TABLE places (briefing TEXT PRIMARY KEY, data TEXT NOT NULL, updated TEXT NOT NULL);
CREATE TABLE briefings (identity TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL);
PRAGMA user_version = 2;
"""


def version_2_database(data: Path, one: Briefing) -> None:
    """A version 2 file: one's note on alpha:2, and two's copy of it made then."""
    data.mkdir(parents=True)
    found = Resolver(one).anchor("alpha:2")
    anchor = (found.doc, found.quote, found.text, found.prefix, found.suffix, found.hint)
    with sqlite3.connect(data / "notes.db") as db:
        db.executescript(VERSION_2)
        for identity, text in (("id:one", "count the shells"), ("id:two", "my own on two")):
            db.execute(
                "INSERT INTO notes (briefing, doc, quote, passage_text, prefix, suffix, "
                "passage_hint, text, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (identity, *anchor, text, "2026-01-02T03:04:05Z", "2026-01-02T03:04:05Z"),
            )
    db.close()


def test_a_version_2_database_opens_keeps_its_notes_and_records_copies_from_then_on(
    data: Path, tmp_path: Path
) -> None:
    one, two = on_same_sources(tmp_path, "one"), on_same_sources(tmp_path, "two")
    version_2_database(data, one)
    # Read-only (as the export commands open it), before any upgrade: all there.
    with UserStore.open(read_only=True)[0] as reading:
        assert texts(reading, two) == [("my own on two", False), ("count the shells", True)]
    store, warnings = UserStore.open()
    with store:
        assert warnings == []
        assert texts(store, one) == [("count the shells", False), ("my own on two", True)]
        [offered] = [n for n in store.notes(two) if n.elsewhere]
        store.update_note(store.copy_note(offered.id, two, "alpha:2"), "mine now")
        assert texts(store, two) == [("my own on two", False), ("mine now", False)]
    with sqlite3.connect(data / "notes.db") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 3
        assert db.execute("SELECT count(*) FROM notes").fetchone()[0] == 3
    db.close()


def test_a_damaged_version_2_database_gives_back_its_notes(data: Path, tmp_path: Path) -> None:
    one, two = on_same_sources(tmp_path, "one"), on_same_sources(tmp_path, "two")
    version_2_database(data, one)
    with sqlite3.connect(data / "notes.db") as db:
        [root] = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'bookmarks'"
        ).fetchone()
        page = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    damaged = bytearray((data / "notes.db").read_bytes())
    damaged[(root - 1) * page : root * page] = b"\xa5" * page  # the (empty) bookmarks' page
    (data / "notes.db").write_bytes(bytes(damaged))
    store, warnings = UserStore.open()
    with store:
        assert "recovered 2 notes and 0 bookmarks into a new one" in warnings[0]
        assert texts(store, two) == [("my own on two", False), ("count the shells", True)]
