"""The notes store: notes, bookmarks and place saved, read back, and kept across reopening."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tiny_briefing import write_briefing

from briefing.core.loader import load_briefing
from briefing.core.model import Briefing
from briefing.core.userdata.identity import BUNDLED_IDENTITY, briefing_identity
from briefing.core.userdata.paths import DATA_DIR_ENV, data_dir
from briefing.core.userdata.store import (
    NoteNotFoundError,
    SavedPlace,
    SavedView,
    UserStore,
)


class Clock:
    """A clock that ticks one second per call: timestamps are known and ordered."""

    def __init__(self) -> None:
        self.now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@dataclass(frozen=True)
class View:
    """Shaped like the reader's View (the store must not import the reader)."""

    kind: str
    key: str


@dataclass(frozen=True)
class Place:
    view: View
    passage: str | None
    scroll_y: int = 0


pytestmark = pytest.mark.usefixtures("data")
"""Every test keeps its user data in its own folder (conftest's `data`), never in the real home."""


@pytest.fixture
def briefing(tmp_path: Path) -> Briefing:
    return load_briefing(write_briefing(tmp_path / "tiny"))


@pytest.fixture
def store() -> UserStore:
    opened, warnings = UserStore.open(clock=Clock())
    assert warnings == []
    assert not opened.read_only
    yield opened
    opened.close()


def test_data_dir_comes_from_the_environment(data: Path) -> None:
    assert data_dir() == data


def test_data_dir_defaults_to_the_platform_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATA_DIR_ENV)
    assert data_dir().name == "briefing"


def test_the_database_lives_in_the_data_dir_not_the_content(
    store: UserStore, briefing: Briefing, data: Path
) -> None:
    store.add_note(briefing, "alpha:1", "x")
    assert store.path == data / "notes.db"
    assert not list(briefing.root.rglob("*.db*"))


def test_identity_is_the_id_else_a_digest_never_the_path(
    briefing: Briefing, tmp_path: Path
) -> None:
    assert briefing_identity(load_briefing()).startswith("id:")
    digest = briefing_identity(briefing)
    assert digest.startswith("digest:") and str(tmp_path) not in digest
    moved = load_briefing(write_briefing(tmp_path / "elsewhere" / "renamed"))
    assert briefing_identity(moved) == digest
    retitled = write_briefing(tmp_path / "retitled")
    yaml_file = retitled / "briefing.yaml"
    yaml_file.write_text(yaml_file.read_text().replace("title: ", "title: New ", 1))
    assert briefing_identity(load_briefing(retitled)) != digest
    yaml_file.write_text("id: my-own-id\n" + yaml_file.read_text())
    assert briefing_identity(load_briefing(retitled)) == "id:my-own-id"


def test_add_edit_delete_a_note(store: UserStore, briefing: Briefing) -> None:
    note_id = store.add_note(briefing, "alpha:2", "Check this figure.\n\nAgainst Beta.")
    [note] = store.notes(briefing)
    assert (note.id, note.passage, note.status) == (note_id, "alpha:2", "exact")
    assert note.text == "Check this figure.\n\nAgainst Beta."
    assert note.created == note.updated == "2026-01-02T03:04:06Z"

    store.update_note(note_id, "  Checked: 11 million.  ")
    [note] = store.notes(briefing)
    assert note.text == "Checked: 11 million."
    assert (note.created, note.updated) == ("2026-01-02T03:04:06Z", "2026-01-02T03:04:07Z")

    store.delete_note(note_id)
    assert store.notes(briefing) == []
    store.delete_note(note_id)  # already gone (another reader): not an error
    with pytest.raises(NoteNotFoundError):
        store.update_note(note_id, "too late")


def test_notes_come_in_reading_order(store: UserStore, briefing: Briefing) -> None:
    for passage in ("beta:2", "alpha:3", "alpha:1", "alpha:3"):
        store.add_note(briefing, passage, f"on {passage}")
    assert [n.passage for n in store.notes(briefing)] == ["alpha:1", "alpha:3", "alpha:3", "beta:2"]


def test_note_text_is_cleaned_and_checked(store: UserStore, briefing: Briefing) -> None:
    store.add_note(briefing, "alpha:1", "bell\x07 and \x1b[31mred\x1b[0m\r\nnext line")
    assert store.notes(briefing)[0].text == "bell and red\nnext line"
    with pytest.raises(ValueError, match="needs some text"):
        store.add_note(briefing, "alpha:1", " \n ")
    with pytest.raises(ValueError, match="no passage 'alpha:99'"):
        store.add_note(briefing, "alpha:99", "nowhere")


def test_attach_moves_a_note(store: UserStore, briefing: Briefing) -> None:
    note_id = store.add_note(briefing, "alpha:1", "moved")
    store.attach_note(note_id, briefing, "beta:1")
    assert [(n.passage, n.status) for n in store.notes(briefing)] == [("beta:1", "exact")]


def test_bookmarks_toggle_and_list_in_reading_order(store: UserStore, briefing: Briefing) -> None:
    assert store.toggle_bookmark(briefing, "beta:1") is True
    assert store.toggle_bookmark(briefing, "alpha:2") is True
    assert [b.passage for b in store.bookmarks(briefing)] == ["alpha:2", "beta:1"]
    assert store.toggle_bookmark(briefing, "beta:1") is False
    assert [b.passage for b in store.bookmarks(briefing)] == ["alpha:2"]


def test_place_round_trip(store: UserStore, briefing: Briefing) -> None:
    places = [
        Place(View("section", "meeting"), "alpha:1", 0),
        Place(View("source", "beta"), "beta:2", 7),
        Place(View("search", "shells"), None, 3),
    ]
    store.save_place(briefing, places, 1)
    saved = store.load_place(briefing)
    assert saved is not None
    assert saved.places == (
        SavedPlace(SavedView("section", "meeting"), "alpha:1", 0),
        SavedPlace(SavedView("source", "beta"), "beta:2", 7),
        SavedPlace(SavedView("search", "shells"), None, 3),
    )
    assert saved.current == saved.places[1]
    store.save_place(briefing, places[:1], 0)  # the newest save replaces the last
    assert store.load_place(briefing).places == saved.places[:1]


def test_a_saved_links_list_of_a_passage_since_gone_is_dropped(
    store: UserStore, briefing: Briefing
) -> None:
    places = [
        Place(View("section", "meeting"), "alpha:1", 0),
        Place(View("links", "alpha:1"), None, 0),
        Place(View("links", "alpha:99"), None, 0),  # the passage no longer exists
    ]
    store.save_place(briefing, places, 0)
    saved = store.load_place(briefing)
    assert saved is not None
    assert [p.view for p in saved.places] == [
        SavedView("section", "meeting"),
        SavedView("links", "alpha:1"),
    ]


def test_place_is_none_until_saved(store: UserStore, briefing: Briefing) -> None:
    assert store.load_place(briefing) is None


def test_place_follows_its_passage_and_drops_what_is_gone(store: UserStore, tmp_path: Path) -> None:
    root = tmp_path / "tiny"
    briefing = load_briefing(write_briefing(root))
    places = [
        Place(View("section", "meeting"), "alpha:1"),
        Place(View("section", "shells"), "alpha:2"),
        Place(View("source", "alpha"), "alpha:3", 4),
    ]
    store.save_place(briefing, places, 2)
    # A paragraph inserted at the top renumbers every passage; the 'shells' section goes.
    alpha = (root / "docs" / "alpha.md").read_text(encoding="utf-8")
    alpha = alpha.replace("Kim Jong Un met", "A new first paragraph.\n\nKim Jong Un met")
    (root / "docs" / "alpha.md").write_text(alpha, encoding="utf-8")
    yaml = (root / "briefing.yaml").read_text(encoding="utf-8")
    yaml = yaml[: yaml.index("  - id: shells")] + yaml[yaml.index("\nannotations:") :]
    yaml = yaml[: yaml.index("\nlinks:")]
    (root / "briefing.yaml").write_text(yaml, encoding="utf-8")
    edited = load_briefing(root)
    saved = store.load_place(edited)
    assert saved is not None
    assert [(p.view.key, p.passage, p.scroll_y) for p in saved.places] == [
        ("meeting", "alpha:2", 0),
        ("alpha", "alpha:4", 4),
    ]
    assert saved.index == 1


def test_everything_persists_across_reopening(briefing: Briefing) -> None:
    store, _ = UserStore.open(clock=Clock())
    note_id = store.add_note(briefing, "beta:2", "kept")
    store.toggle_bookmark(briefing, "alpha:3")
    store.save_place(briefing, [Place(View("section", "shells"), "beta:2", 2)], 0)
    store.close()

    again, warnings = UserStore.open()
    assert warnings == []
    with again:
        assert [(n.id, n.text) for n in again.notes(load_briefing(briefing.root))] == [
            (note_id, "kept")
        ]
        assert [b.passage for b in again.bookmarks(briefing)] == ["alpha:3"]
        assert again.load_place(briefing).current.passage == "beta:2"


def test_briefings_keep_their_notes_apart(store: UserStore, tmp_path: Path) -> None:
    one = load_briefing(write_briefing(tmp_path / "one"))
    two = write_briefing(tmp_path / "two")
    (two / "briefing.yaml").write_text("id: two\n" + (two / "briefing.yaml").read_text())
    two = load_briefing(two)
    store.add_note(one, "alpha:1", "on one")
    store.toggle_bookmark(one, "alpha:1")
    assert store.bookmarks(two) == []
    # One's note, on the same sources, is offered to two on the passage with its text,
    # named by one's title and kept with one.
    [offered] = store.notes(two)
    assert (offered.text, offered.passage, offered.status) == ("on one", "alpha:1", "exact")
    assert (offered.elsewhere, offered.kept_in) == ("“Tiny summit briefing”", str(one.root))
    store.add_note(two, "alpha:2", "on two")
    assert [(n.text, n.elsewhere) for n in store.notes(two)] == [
        ("on two", ""),
        ("on one", "“Tiny summit briefing”"),
    ]
    # Each keeps its own; each is offered the other's, never given it.
    assert [(n.text, bool(n.elsewhere)) for n in store.notes(one)] == [
        ("on one", False),
        ("on two", True),
    ]


def test_an_offered_note_is_copied_into_this_briefing_and_the_original_stays(
    store: UserStore, tmp_path: Path
) -> None:
    one = load_briefing(write_briefing(tmp_path / "one"))
    two = write_briefing(tmp_path / "two")
    (two / "briefing.yaml").write_text("id: two\n" + (two / "briefing.yaml").read_text())
    two = load_briefing(two)
    note_id = store.add_note(one, "alpha:2", "count the shells")
    [offered] = store.notes(two)
    copy_id = store.copy_note(offered.id, two, offered.passage)
    assert copy_id != note_id
    # Two now has it as its own, and is no longer offered the original...
    [mine] = store.notes(two)
    assert (mine.id, mine.text, mine.passage, mine.elsewhere) == (
        copy_id,
        "count the shells",
        "alpha:2",
        "",
    )
    # ...which one keeps, untouched.
    [original] = store.notes(one)
    assert (original.id, original.text, original.passage) == (
        note_id,
        "count the shells",
        "alpha:2",
    )
    store.delete_note(note_id)
    with pytest.raises(NoteNotFoundError):
        store.copy_note(note_id, two, "alpha:2")


def test_an_offered_note_whose_passage_is_not_here_is_offered_without_one(
    store: UserStore, tmp_path: Path
) -> None:
    one = load_briefing(write_briefing(tmp_path / "one"))
    store.add_note(one, "alpha:3", "the menu")
    two = write_briefing(tmp_path / "two")
    (two / "briefing.yaml").write_text("id: two\n" + (two / "briefing.yaml").read_text())
    alpha = two / "docs" / "alpha.md"
    alpha.write_text(
        alpha.read_text().replace(
            "The leaders dined on crab dumplings after the talks",
            "Later the two ate crab dumplings",
        )
    )
    [offered] = store.notes(load_briefing(two))
    assert (offered.passage, offered.status) == (None, "orphan")
    assert offered.reason == "its passage is not in this briefing"
    assert offered.elsewhere == "“Tiny summit briefing”"


def test_the_bundled_briefing_is_named_so_never_by_its_installed_path(
    store: UserStore, tmp_path: Path, data: Path
) -> None:
    bundled = load_briefing()
    passage = next(iter(bundled.passages))
    store.add_note(bundled, passage, "on the bundled one")
    doc = bundled.passages[passage].doc
    # Another briefing on a copy of that source: the note is offered, from "the bundled
    # briefing", on the passage with its text.
    source = bundled.document(doc).path
    copy = write_briefing(
        tmp_path / "copy",
        f"title: A copy\ndocuments: [docs/{source.name}]\nsections: []\n",
        {source.stem: source.read_text(encoding="utf-8")},
    )
    [offered] = store.notes(load_briefing(copy))
    assert (offered.elsewhere, offered.kept_in) == ("the bundled briefing", "")
    assert offered.passage == passage
    # Reinstalled elsewhere, the folder last seen is gone: still the bundled briefing.
    with sqlite3.connect(data / "notes.db") as db:
        db.execute("UPDATE briefings SET path = '/old/site-packages/briefing/_content'")
    with UserStore.open()[0] as again:
        [offered] = again.notes(load_briefing(copy))
    assert (offered.elsewhere, offered.kept_in) == ("the bundled briefing", "")
    # A note on a source the copy does not have is about nothing there: not offered.
    other = next(p.id for p in bundled.passages.values() if p.doc != doc)
    store.add_note(bundled, other, "on another source")
    assert [n.text for n in store.notes(load_briefing(copy))] == ["on the bundled one"]


def test_two_other_briefings_of_one_title_are_told_apart_by_folder(
    store: UserStore, tmp_path: Path
) -> None:
    first = load_briefing(write_briefing(tmp_path / "first"))
    second = write_briefing(tmp_path / "second")
    (second / "briefing.yaml").write_text("id: second\n" + (second / "briefing.yaml").read_text())
    second = load_briefing(second)
    store.add_note(first, "alpha:1", "first's")
    store.add_note(second, "alpha:1", "second's")
    third = write_briefing(tmp_path / "third")
    (third / "briefing.yaml").write_text("id: third\n" + (third / "briefing.yaml").read_text())
    names = {n.text: n.elsewhere for n in store.notes(load_briefing(third))}
    assert names == {
        "first's": f"“Tiny summit briefing” in {first.root}",
        "second's": f"“Tiny summit briefing” in {second.root}",
    }


def test_threads_share_one_store(store: UserStore, briefing: Briefing) -> None:
    def add(name: str) -> None:
        for i in range(25):
            store.add_note(briefing, "alpha:1", f"{name} {i}")

    threads = [threading.Thread(target=add, args=(name,)) for name in ("a", "b", "c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.notes(briefing)) == 75


@pytest.mark.parametrize(
    "module",
    ["paths", "identity", "anchoring", "store", "export"],
)
def test_userdata_modules_do_not_import_textual(module: str) -> None:
    code = (
        f"import sys, briefing.core.userdata.{module}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'"
        " or m.startswith('briefing.tui')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def _legacy_rows(data: Path, identity: str) -> None:
    """Rewrite every row's key to `identity`, as a database from before identities had."""
    with sqlite3.connect(data / "notes.db") as db:
        for table in ("notes", "bookmarks", "places"):
            db.execute(f"UPDATE {table} SET briefing = ?", (identity,))
        db.execute("DELETE FROM briefings")


def test_notes_keyed_by_path_are_moved_to_the_identity_on_open(
    briefing: Briefing, data: Path
) -> None:
    store, _ = UserStore.open(clock=Clock())
    store.add_note(briefing, "alpha:2", "from the old days")
    store.toggle_bookmark(briefing, "alpha:3")
    store.save_place(briefing, [Place(View("section", "shells"), "beta:2")], 0)
    store.close()
    _legacy_rows(data, str(briefing.root.resolve()))

    store, _ = UserStore.open()
    with store:
        assert [n.text for n in store.notes(briefing)] == ["from the old days"]
        assert [b.passage for b in store.bookmarks(briefing)] == ["alpha:3"]
        assert store.load_place(briefing) is not None
    with sqlite3.connect(data / "notes.db") as db:
        keys = {row[0] for t in ("notes", "bookmarks", "places") for row in db.execute(
            f"SELECT briefing FROM {t}"
        )}  # fmt: skip
    assert keys == {briefing_identity(briefing)}


def test_the_bundled_briefing_keeps_its_notes_from_before_it_had_an_id(data: Path) -> None:
    bundled = load_briefing()
    first = next(iter(bundled.passages))
    store, _ = UserStore.open()
    store.add_note(bundled, first, "on the bundled one")
    store.close()
    _legacy_rows(data, BUNDLED_IDENTITY)
    store, _ = UserStore.open()
    with store:
        assert [(n.text, n.passage) for n in store.notes(load_briefing())] == [
            ("on the bundled one", first)
        ]


def test_a_moved_or_copied_briefing_keeps_its_notes(tmp_path: Path) -> None:
    original = tmp_path / "qa" / "original"
    briefing = load_briefing(write_briefing(original))
    store, _ = UserStore.open()
    with store:
        store.add_note(briefing, "alpha:2", "travels with it")
    copy = tmp_path / "qa" / "copy"
    shutil.copytree(original, copy)
    moved = tmp_path / "elsewhere" / "moved"
    shutil.move(original, moved)
    for folder in (copy, moved):
        store, _ = UserStore.open()
        with store:
            [note] = store.notes(load_briefing(folder))
            assert (note.text, note.passage, note.elsewhere) == ("travels with it", "alpha:2", "")


def test_a_briefing_retitled_in_place_keeps_its_notes(briefing: Briefing) -> None:
    store, _ = UserStore.open()
    with store:
        store.add_note(briefing, "alpha:2", "still mine")
    yaml_file = briefing.root / "briefing.yaml"
    yaml_file.write_text(yaml_file.read_text().replace("title: ", "title: Renamed ", 1))
    retitled = load_briefing(briefing.root)
    assert briefing_identity(retitled) != briefing_identity(briefing)
    store, _ = UserStore.open()
    with store:
        [note] = store.notes(retitled)
        assert (note.text, note.passage, note.elsewhere) == ("still mine", "alpha:2", "")


def test_a_stale_reader_never_removes_another_readers_bookmark(briefing: Briefing) -> None:
    reader_a, _ = UserStore.open()
    reader_b, _ = UserStore.open()
    with reader_a, reader_b:
        assert reader_b.bookmarks(briefing) == []  # what B's view shows
        assert reader_a.set_bookmark(briefing, "alpha:2", True) is True
        # B, not knowing, asks for a bookmark on the same passage: it is already there.
        assert reader_b.set_bookmark(briefing, "alpha:2", True) is False
        assert [b.passage for b in reader_a.bookmarks(briefing)] == ["alpha:2"]
        assert reader_b.set_bookmark(briefing, "alpha:2", False) is True
        assert reader_a.set_bookmark(briefing, "alpha:2", False) is False
        assert reader_a.bookmarks(briefing) == []


def test_data_version_tells_when_another_reader_wrote(briefing: Briefing) -> None:
    reader_a, _ = UserStore.open()
    reader_b, _ = UserStore.open()
    with reader_a, reader_b:
        seen = reader_b.data_version()
        reader_b.add_note(briefing, "alpha:1", "my own write")
        assert reader_b.data_version() == seen  # its own commits do not count
        reader_a.add_note(briefing, "alpha:1", "another reader's")
        assert reader_b.data_version() != seen


def test_no_lock_file_is_left_after_opening(briefing: Briefing, data: Path) -> None:
    store, _ = UserStore.open()
    with store:
        store.add_note(briefing, "alpha:1", "x")
        assert not (data / "notes.db.lock").exists()
    again, _ = UserStore.open()  # and opening again works without it
    with again:
        assert [n.text for n in again.notes(briefing)] == ["x"]
    assert not (data / "notes.db.lock").exists()
