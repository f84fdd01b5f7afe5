"""The reader's notes, bookmarks and place in SQLite: one transaction per change, never lost.

The API the reader (and `briefing notes`) calls; every `briefing` argument is a loaded
`Briefing`, whose identity (`identity.briefing_identity`) keys its rows::

    store, warnings = UserStore.open()       # never raises; show each warning (one line)
    store.read_only                          # True: say so; every write raises ReadOnlyError
    store.read_only_reason                   # the one-line why, for a status bar
    store.add_note(briefing, passage_id, text) -> int       # the new note's id
    store.update_note(note_id, text)                         # NoteNotFoundError if gone
    store.delete_note(note_id)
    store.attach_note(note_id, briefing, passage_id)         # move a note (or an orphan)
    store.copy_note(note_id, briefing, passage_id) -> int    # another briefing's, made ours
    store.notes(briefing) -> list[AnchoredNote]              # reading order, orphans last
    store.toggle_bookmark(briefing, passage_id) -> bool      # True: now bookmarked
    store.set_bookmark(briefing, passage_id, on) -> bool     # False: it already was so
    store.delete_bookmark(bookmark_id)                       # for orphaned bookmarks
    store.bookmarks(briefing) -> list[AnchoredBookmark]      # reading order, orphans last
    store.save_place(briefing, places, index)                # the History's places + cursor
    store.load_place(briefing) -> SavedPlaces | None
    store.data_version() -> int                              # changes when another
                                                             # process commits
    store.close()                                            # or `with store: ...`

Faults, and what happens:
- Two processes on one database: WAL lets readers run beside a writer; each write is
  `BEGIN IMMEDIATE ... COMMIT`, waiting up to `BUSY_TIMEOUT` for the other writer and
  retried on SQLITE_BUSY, so neither loses a change.
- A process killed mid-write: SQLite rolls the open transaction back on next open;
  every committed change is on disk (`synchronous=FULL`).
- A damaged database: moved aside as `notes.db.corrupt-<UTC time>` (with its -wal and
  -shm), every row that can still be read is copied into a fresh database, and a
  warning says how many notes came back and where the damaged file is.
- A data folder or database that cannot be written: a read-only session with a
  warning; reads work where the file can be read; writes raise `ReadOnlyError`;
  `read_only_advice` is the sentence to show the reader.
- `notes.db.lock` serialises opening (never two repairs at once) and is removed once
  the database is open; the -wal and -shm stay, as SQLite's WAL mode wants.

Identities: rows are keyed by `identity.briefing_identity` (the briefing's `id:`, else a
digest of its title and sources). On first use of a briefing, notes kept under its
older keys (its path, from before identities; or its digest from before a retitle in
the same folder) are moved to the current key. The notes of other briefings on the same
sources are offered too: `notes()` lists them after the briefing's own, each with
`elsewhere` naming the briefing it is kept with, on the passage of this briefing that has
its text (or with no passage when none has); `copy_note` makes one this briefing's own,
leaving the other's as it was. A copy records the note it came from (`copied_from`), so
that a note and its copies, however edited, are one: none of them is offered to a
briefing that holds one, and another briefing is offered only the oldest (the original).

Schema versions (`PRAGMA user_version`) only ever add: 1 the notes, bookmarks and places;
2 the briefings last seen; 3 where a copied note came from. An older file is upgraded on
opening (one transaction); opened read-only it is read as it is.

Errors are `UserDataError`s with a one-line message; no method prints.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Protocol, TypeVar

from briefing.core.model import Briefing
from briefing.core.text import fold_for_match, strip_controls
from briefing.core.userdata.anchoring import Anchor, Resolver, Status
from briefing.core.userdata.identity import (
    BUNDLED_IDENTITY,
    briefing_identity,
    briefing_location,
    bundled_identity,
    legacy_identity,
    path_identity,
)
from briefing.core.userdata.paths import DATA_DIR_ENV, DATABASE_NAME, data_dir

SCHEMA_VERSION = 3
BUSY_TIMEOUT = 5.0
"""Seconds a write waits for another process's write; ours take milliseconds."""
BUSY_RETRIES = 4
MAX_NOTE_CHARS = 100_000

_SCHEMA = """
CREATE TABLE notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    briefing TEXT NOT NULL,
    doc TEXT NOT NULL,
    quote TEXT NOT NULL,
    passage_text TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    passage_hint TEXT NOT NULL,
    text TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX notes_by_briefing ON notes (briefing);
CREATE TABLE bookmarks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    briefing TEXT NOT NULL,
    doc TEXT NOT NULL,
    quote TEXT NOT NULL,
    passage_text TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    passage_hint TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX bookmarks_by_briefing ON bookmarks (briefing);
CREATE TABLE places (
    briefing TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    updated TEXT NOT NULL
);
"""
# Version 2: where each identity was last seen, to follow a briefing retitled in place
# and to say where notes offered from another briefing are kept.
_SCHEMA_2 = """
CREATE TABLE IF NOT EXISTS briefings (
    identity TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    title TEXT NOT NULL
);
"""
# Version 3: where a copied note came from (the other note's id, and the briefing it was
# kept with then), so that a copy is known as one however it is edited since.
_SCHEMA_3 = {
    "copied_from": "ALTER TABLE notes ADD COLUMN copied_from INTEGER",
    "copied_from_briefing": "ALTER TABLE notes ADD COLUMN copied_from_briefing TEXT NOT NULL "
    "DEFAULT ''",
}
_SALVAGED_COLUMNS = {
    "notes": "id, briefing, doc, quote, passage_text, prefix, suffix, passage_hint, text, "
    "created, updated, copied_from, copied_from_briefing",
    "bookmarks": "id, briefing, doc, quote, passage_text, prefix, suffix, passage_hint, created",
    "places": "briefing, data, updated",
    "briefings": "identity, path, title",
}
_ANCHOR_COLUMNS = "doc, quote, passage_text, prefix, suffix, passage_hint"

# SQLite's primary result codes that mean "this file is not a sound database" and
# "this file or folder cannot be written": the two faults handled rather than raised.
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_UNWRITABLE_CODES = {3, 8, 14, 23}  # SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_AUTH
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED

T = TypeVar("T")


class UserDataError(Exception):
    """The notes store could not do what was asked; the message is one line for the user."""


class ReadOnlyError(UserDataError):
    """A write in a read-only session: the UI says so and keeps the text the user typed."""


class NoteNotFoundError(UserDataError):
    """The note (or bookmark) is gone, perhaps deleted by another reader."""


@dataclass(frozen=True)
class AnchoredNote:
    """A note of the reader's, with where it lands in the briefing as loaded now."""

    id: int
    text: str
    created: str
    """UTC, ISO 8601 (`2026-11-23T19:30:05Z`)."""
    updated: str
    status: Status
    """exact | re-anchored (its passage changed; this is the best match) | orphan"""
    passage: str | None
    """The passage id it lands on now; None for an orphan."""
    anchor: Anchor
    """What it was attached to: for an orphan, `anchor.doc` and `anchor.text` say what."""
    reason: str = ""
    """Why an orphan is one."""
    elsewhere: str = ""
    """Set for a note offered from another briefing on the same sources: that briefing as
    the reader knows it ("the bundled briefing", its title in quotes, or its folder)."""
    kept_in: str = ""
    """For an offered note, the folder of the briefing it is kept with, when known ("" for
    the bundled briefing: its folder is an installed package's, of no use to the reader)."""
    kept_by: str = ""
    """For an offered note, the key of the briefing it is kept with (its identity, such as
    `id:…`), for scripts: `elsewhere` is a phrase for people."""


@dataclass(frozen=True)
class AnchoredBookmark:
    id: int
    created: str
    status: Status
    passage: str | None
    anchor: Anchor
    reason: str = ""


@dataclass(frozen=True)
class SavedView:
    """Plain twin of the reader's View: what the reading pane showed."""

    kind: str
    key: str


@dataclass(frozen=True)
class SavedPlace:
    """Plain twin of the reader's Place."""

    view: SavedView
    passage: str | None
    scroll_y: int = 0


@dataclass(frozen=True)
class SavedPlaces:
    """The back/forward history as saved, checked against the briefing as loaded now."""

    places: tuple[SavedPlace, ...]
    index: int

    @property
    def current(self) -> SavedPlace:
        return self.places[self.index]


class ViewLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def key(self) -> str: ...


class PlaceLike(Protocol):
    """Anything shaped like the reader's Place: it is saved as plain data."""

    @property
    def view(self) -> ViewLike: ...
    @property
    def passage(self) -> str | None: ...
    @property
    def scroll_y(self) -> int: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


class UserStore:
    """One connection to the notes database, shared by the threads of one process."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path | None,
        *,
        read_only_reason: str = "",
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._connection = connection
        self.path = path
        """The database file, or None when nothing could be opened (an empty session)."""
        self.read_only_reason = read_only_reason
        self._clock = clock
        # check_same_thread is off so that the reader's workers can use the store; this
        # lock keeps them from interleaving statements on the one connection.
        self._lock = threading.RLock()
        self._resolver: Resolver | None = None
        self._keyed: tuple[Briefing, tuple[str, ...]] | None = None
        self._copies_known: bool | None = None

    # -- opening ------------------------------------------------------------

    @classmethod
    def open(
        cls,
        directory: Path | None = None,
        *,
        read_only: bool = False,
        clock: Callable[[], datetime] = utc_now,
    ) -> tuple[UserStore, list[str]]:
        """Open (creating if need be) the database in `directory` (default: `data_dir()`).

        Never raises for a fault of the file or folder: returns a working store, maybe
        read-only or empty, and one-line warnings for the user. `read_only=True` opens
        for reading only and creates nothing (for export commands).
        """
        directory = directory if directory is not None else data_dir()
        path = directory / DATABASE_NAME
        if read_only:
            connection, warnings = _connect_read_only(path)
            store = cls(connection, path, read_only_reason="opened read-only", clock=clock)
            return store, warnings
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = f"notes are read-only: cannot create the folder {directory} ({_why(exc)})"
            return cls._read_only_session(path, reason, clock)
        warnings: list[str] = []
        try:
            with _open_lock(directory):
                try:
                    connection = _connect_writable(path)
                except sqlite3.DatabaseError as exc:
                    if not _is_corrupt(exc):
                        raise
                    moved = _move_aside(path, clock())
                    connection = _connect_writable(path)
                    warnings.append(_damage_message(path, moved, _salvage(moved, connection)))
        except _NewerSchemaError as exc:
            return cls._read_only_session(path, str(exc), clock, warnings)
        except (sqlite3.Error, OSError) as exc:
            if isinstance(exc, sqlite3.Error) and _is_corrupt(exc):
                reason = f"notes are unavailable: {path} is damaged and could not be replaced"
            elif _is_unwritable(exc):
                reason = f"notes are read-only: cannot write to {_unwritable(path)} ({_why(exc)})"
            else:
                reason = f"notes are read-only: cannot open {path} ({_why(exc)})"
            return cls._read_only_session(path, reason, clock, warnings)
        return cls(connection, path, clock=clock), warnings

    @classmethod
    def _read_only_session(
        cls,
        path: Path,
        reason: str,
        clock: Callable[[], datetime],
        warnings: list[str] | None = None,
    ) -> tuple[UserStore, list[str]]:
        connection, read_warnings = _connect_read_only(path)
        store = cls(connection, path, read_only_reason=reason, clock=clock)
        return store, [*(warnings or []), reason, *read_warnings]

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def read_only_advice(self) -> str:
        """One sentence for the reader: why notes cannot be saved, and what to do about it."""
        if not self.read_only:
            return ""
        reason = self.read_only_reason.removeprefix("notes are read-only: ")
        if "newer version" in reason:
            return "Your notes are read-only because they were saved by a newer briefing: upgrade briefing to change them."
        if reason.startswith("notes are unavailable"):
            return f"Your notes are unavailable: {reason.removeprefix('notes are unavailable: ')}; move that file away and reopen the briefing."
        fix = "create it" if "cannot create" in reason else "make it writable"
        return (
            f"Your notes are read-only because briefing {reason}: {fix}, "
            f"or set {DATA_DIR_ENV} to a folder you can write to, and reopen the briefing."
        )

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> UserStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- notes --------------------------------------------------------------

    def add_note(self, briefing: Briefing, passage_id: str, text: str) -> int:
        """Attach a new note to a passage; returns its id once it is on disk."""
        anchor = self._resolver_for(briefing).anchor(passage_id)
        body = _clean_note(text)
        identity = self._keys_for(briefing)[0]
        return self._write(lambda db: self._insert_note(db, identity, anchor, body))

    def _insert_note(
        self,
        db: sqlite3.Connection,
        identity: str,
        anchor: Anchor,
        body: str,
        origin: tuple[int | None, str] = (None, ""),
    ) -> int:
        """In the write transaction: a new note; `origin` is the note (and its briefing)
        it is a copy of."""
        now = self._timestamp()
        cursor = db.execute(
            f"INSERT INTO notes (briefing, {_ANCHOR_COLUMNS}, text, created, updated, "
            "copied_from, copied_from_briefing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (identity, *_anchor_row(anchor), body, now, now, *origin),
        )
        return int(cursor.lastrowid or 0)

    def update_note(self, note_id: int, text: str) -> None:
        body = _clean_note(text)

        def update(db: sqlite3.Connection) -> None:
            cursor = db.execute(
                "UPDATE notes SET text = ?, updated = ? WHERE id = ?",
                (body, self._timestamp(), note_id),
            )
            if cursor.rowcount == 0:
                raise NoteNotFoundError(f"note {note_id} no longer exists")

        self._write(update)

    def delete_note(self, note_id: int) -> None:
        """Delete a note; deleting one already gone is not an error (another reader did it)."""
        self._write(lambda db: db.execute("DELETE FROM notes WHERE id = ?", (note_id,)))

    def attach_note(self, note_id: int, briefing: Briefing, passage_id: str) -> None:
        """Anchor a note afresh to a passage: to move it, or to give an orphan a home."""
        anchor = self._resolver_for(briefing).anchor(passage_id)

        def attach(db: sqlite3.Connection) -> None:
            cursor = db.execute(
                "UPDATE notes SET doc = ?, quote = ?, passage_text = ?, prefix = ?, suffix = ?, "
                "passage_hint = ?, updated = ? WHERE id = ?",
                (*_anchor_row(anchor), self._timestamp(), note_id),
            )
            if cursor.rowcount == 0:
                raise NoteNotFoundError(f"note {note_id} no longer exists")

        self._write(attach)

    def copy_note(self, note_id: int, briefing: Briefing, passage_id: str) -> int:
        """Copy a note (one offered from another briefing) onto a passage of this briefing.

        The original stays with its briefing, unchanged; the copy is this briefing's own
        from now on and remembers where it came from, so that neither the original nor
        another copy of it is offered here again, however the copy is edited (`notes`).
        Copying a note this briefing already has a copy of returns that copy's id (a
        second window's stale offer makes no duplicate).
        """
        anchor = self._resolver_for(briefing).anchor(passage_id)
        identity = self._keys_for(briefing)[0]

        def copy(db: sqlite3.Connection) -> int:
            found = db.execute(
                "SELECT briefing, text FROM notes WHERE id = ?", (note_id,)
            ).fetchone()
            if found is None:
                raise NoteNotFoundError(f"note {note_id} no longer exists")
            lines = _Lines(db.execute("SELECT id, copied_from, briefing FROM notes").fetchall())
            copied = lines.held_by(identity).get(lines.origin(note_id))
            if copied is not None:
                return copied
            origin = (note_id, str(found[0]))
            return self._insert_note(db, identity, anchor, str(found[1]), origin)

        return self._write(copy)

    def notes(self, briefing: Briefing) -> list[AnchoredNote]:
        """Every note on this briefing, resolved: reading order, then orphans (oldest first);
        then the notes offered from other briefings on the same sources (`elsewhere`).

        Re-anchoring a changed passage runs difflib; on a large briefing call this in a
        worker.
        """
        keys = self._keys_for(briefing)
        rows = self._read(
            f"SELECT id, text, created, updated, {_ANCHOR_COLUMNS} FROM notes "
            f"WHERE briefing IN {_marks(keys)} ORDER BY created, id",
            keys,
        )
        resolver = self._resolver_for(briefing)
        notes = []
        for row in rows:
            anchor = _anchor_from(row[4:])
            found = resolver.resolve(anchor)
            notes.append(
                AnchoredNote(
                    row[0],
                    row[1],
                    row[2],
                    row[3],
                    found.status,
                    found.passage,
                    anchor,
                    found.reason,
                )
            )
        notes.sort(key=lambda n: _reading_order(briefing, n.passage, n.created, n.id))
        return notes + self._offered_notes(briefing, keys)

    def _offered_notes(self, briefing: Briefing, keys: tuple[str, ...]) -> list[AnchoredNote]:
        """Notes kept with other briefings on the same sources, each on the passage here
        that has its text (or none); one note and its copies are offered once (the
        oldest: the original), and not at all once this briefing holds one of them.

        A briefing copied and retitled, given another `id:`, or built again from the same
        articles has another identity: the other's notes stay with the other, and are
        offered here, saying where they are kept, to be read and copied.
        """
        documents = {d.id for d in briefing.documents}
        rows = self._read(
            f"SELECT briefing, id, text, created, updated, {_ANCHOR_COLUMNS} FROM notes "
            f"WHERE briefing NOT IN {_marks(keys)} ORDER BY created, id",
            keys,
        )
        # Only notes on a source this briefing has: another briefing's notes on sources of
        # its own are about nothing here.
        rows = [row for row in rows if row[5] in documents]
        sharing = {row[0] for row in rows}
        if not sharing:
            return []
        known: dict[str, tuple[str, str]] = {}
        with contextlib.suppress(UserDataError):  # a version 1 file opened read-only
            known = {
                str(identity): (str(path), str(title))
                for identity, path, title in self._read(
                    "SELECT identity, path, title FROM briefings", ()
                )
            }
        names = _briefing_names(sorted(sharing), known)
        lines = self._lines()
        held = set(lines.held_by(set(keys)))
        resolver = self._resolver_for(briefing)
        placed, unplaced = [], []
        for row in rows:  # oldest first: an original before its copies
            line = lines.origin(row[1])
            if line in held:
                continue  # this briefing has it (or a copy of it), or it is offered already
            held.add(line)
            anchor = _anchor_from(row[5:])
            found = resolver.resolve(anchor)
            name, folder = names[row[0]]
            note = AnchoredNote(
                row[1],
                row[2],
                row[3],
                row[4],
                found.status,
                found.passage,
                anchor,
                "" if found.passage else "its passage is not in this briefing",
                elsewhere=name,
                kept_in=folder,
                kept_by=str(row[0]),
            )
            (placed if found.passage else unplaced).append(note)
        placed.sort(key=lambda n: _reading_order(briefing, n.passage, n.created, n.id))
        return placed + unplaced

    def _lines(self) -> _Lines:
        """Which note is a copy of which, over the whole store (a file older than
        version 3, opened read-only, knows of no copies)."""
        if self._copies_known is None:
            with self._lock:
                self._copies_known = "copied_from" in _columns(self._connection, "notes")
        if not self._copies_known:
            return _Lines([])
        return _Lines(self._read("SELECT id, copied_from, briefing FROM notes", ()))

    # -- bookmarks ----------------------------------------------------------

    def toggle_bookmark(self, briefing: Briefing, passage_id: str) -> bool:
        """Bookmark a passage, or remove its bookmark; True when it is now bookmarked.

        Decided on what the database holds, not on what a view showed: a reader whose
        view may be stale should call `set_bookmark` with what the user asked for.
        """
        here = self._bookmarked(briefing, passage_id)
        return self._write(lambda db: self._set_bookmark(db, *here, on=None))

    def set_bookmark(self, briefing: Briefing, passage_id: str, on: bool) -> bool:
        """Bookmark a passage (`on`) or remove its bookmark; False if it already was so.

        For a reader that shows bookmarks: another reader may have changed this one
        since, and pressing "bookmark" must never remove theirs.
        """
        here = self._bookmarked(briefing, passage_id)
        return self._write(lambda db: self._set_bookmark(db, *here, on=on)) == on

    def _bookmarked(
        self, briefing: Briefing, passage_id: str
    ) -> tuple[Resolver, Anchor, tuple[str, ...], str]:
        resolver = self._resolver_for(briefing)
        return resolver, resolver.anchor(passage_id), self._keys_for(briefing), passage_id

    def _set_bookmark(
        self,
        db: sqlite3.Connection,
        resolver: Resolver,
        anchor: Anchor,
        keys: tuple[str, ...],
        passage_id: str,
        *,
        on: bool | None,
    ) -> bool | None:
        """In the write transaction: set (or toggle, `on=None`) the bookmark; the new state.

        Returns None when nothing needed doing. Read inside the transaction, so two
        readers at once can neither both add nor both remove one bookmark.
        """
        rows = db.execute(
            f"SELECT id, {_ANCHOR_COLUMNS} FROM bookmarks WHERE briefing IN {_marks(keys)}", keys
        ).fetchall()
        here = [r[0] for r in rows if resolver.resolve(_anchor_from(r[1:])).passage == passage_id]
        wanted = not here if on is None else on
        if wanted == bool(here):
            return None
        if here:
            db.executemany("DELETE FROM bookmarks WHERE id = ?", [(i,) for i in here])
            return False
        db.execute(
            f"INSERT INTO bookmarks (briefing, {_ANCHOR_COLUMNS}, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (keys[0], *_anchor_row(anchor), self._timestamp()),
        )
        return True

    def delete_bookmark(self, bookmark_id: int) -> None:
        self._write(lambda db: db.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,)))

    def bookmarks(self, briefing: Briefing) -> list[AnchoredBookmark]:
        """Bookmarks in reading order (the order to jump through), then orphans."""
        keys = self._keys_for(briefing)
        rows = self._read(
            f"SELECT id, created, {_ANCHOR_COLUMNS} FROM bookmarks "
            f"WHERE briefing IN {_marks(keys)} ORDER BY created, id",
            keys,
        )
        resolver = self._resolver_for(briefing)
        marks = []
        for row in rows:
            anchor = _anchor_from(row[2:])
            found = resolver.resolve(anchor)
            marks.append(
                AnchoredBookmark(row[0], row[1], found.status, found.passage, anchor, found.reason)
            )
        return sorted(marks, key=lambda b: _reading_order(briefing, b.passage, b.created, b.id))

    # -- place --------------------------------------------------------------

    def save_place(self, briefing: Briefing, places: Sequence[PlaceLike], index: int) -> None:
        """Remember the reader's history (places and cursor), replacing the last saved.

        Each passage is saved with its quote, so that the place survives edits that
        renumber the passages.
        """
        if not places:
            raise ValueError("save_place needs at least one place")
        resolver = self._resolver_for(briefing)
        saved = []
        for place in places:
            passage = place.passage if place.passage in briefing.passages else None
            saved.append(
                {
                    "kind": place.view.kind,
                    "key": place.view.key,
                    "passage": passage,
                    "quote": resolver.quote(passage) if passage else "",
                    "scroll_y": int(place.scroll_y),
                }
            )
        data = json.dumps(
            {"index": max(0, min(index, len(saved) - 1)), "places": saved}, ensure_ascii=False
        )
        identity = self._keys_for(briefing)[0]
        self._write(
            lambda db: db.execute(
                "INSERT INTO places (briefing, data, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (briefing) DO UPDATE SET data = excluded.data, "
                "updated = excluded.updated",
                (identity, data, self._timestamp()),
            )
        )

    def load_place(self, briefing: Briefing) -> SavedPlaces | None:
        """The saved history, checked against the briefing now; None if nothing usable.

        Places whose section or source is gone are dropped; a passage that moved is
        found again by its quote, and one that vanished becomes None (the view stays).
        """
        keys = self._keys_for(briefing)
        # The current key first: an older key's place is only a fallback.
        rows = self._read(
            f"SELECT data FROM places WHERE briefing IN {_marks(keys)} ORDER BY briefing = ? DESC",
            (*keys, keys[0]),
        )
        if not rows:
            return None
        try:
            data = json.loads(rows[0][0])
            raw_places, index = list(data["places"]), int(data["index"])
        except (ValueError, KeyError, TypeError):
            return None  # an unreadable place is not worth an error: start at the top
        sections = {s.id for s in briefing.sections}
        documents = {d.id for d in briefing.documents}
        places: list[SavedPlace] = []
        kept_index = 0
        for position, raw in enumerate(raw_places):
            place = _place_from(raw, briefing, sections, documents)
            if place is None:
                continue
            if position <= index:
                kept_index = len(places)
            places.append(place)
        if not places:
            return None
        return SavedPlaces(tuple(places), kept_index)

    def data_version(self, *, wait: bool = True) -> int | None:
        """A number that changes when another connection commits: cheap, to poll on a key.

        `wait=False`: None at once if another thread is using the store.
        """
        if not self._lock.acquire(blocking=wait):
            return None
        try:
            return int(self._connection.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return -1
        finally:
            self._lock.release()

    # -- plumbing -----------------------------------------------------------

    def _keys_for(self, briefing: Briefing) -> tuple[str, ...]:
        """The briefing's identity, then any older keys its rows are still kept under.

        The first use of a briefing in a writable store moves rows from the older keys
        to the identity (one transaction) and records where the briefing is; after
        that the identity alone is the key.
        """
        keyed = self._keyed
        if keyed is not None and keyed[0] is briefing:
            return keyed[1]
        identity = briefing_identity(briefing)
        location = briefing_location(briefing)
        older = {legacy_identity(briefing)}
        with contextlib.suppress(UserDataError):  # a version 1 file opened read-only
            # Retitled (or given an `id:`) in the same folder: its former digest.
            older.update(
                row[0]
                for row in self._read(
                    "SELECT identity FROM briefings WHERE path = ? AND identity LIKE 'digest:%'",
                    (location,),
                )
            )
        older.discard(identity)
        keys = (identity, *sorted(older))
        if not self.read_only:
            title = briefing.title
            with contextlib.suppress(UserDataError):  # reads still work on the older keys
                self._write(lambda db: _adopt(db, keys, location, title))
                keys = (identity,)
        self._keyed = (briefing, keys)
        return keys

    def _resolver_for(self, briefing: Briefing) -> Resolver:
        # One resolver per loaded briefing: its folded texts and resolutions are reused
        # by every call until the reader loads the briefing again.
        resolver = self._resolver
        if resolver is None or resolver.briefing is not briefing:
            resolver = self._resolver = Resolver(briefing)
        return resolver

    def _timestamp(self) -> str:
        return self._clock().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def _read(self, sql: str, parameters: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._connection.execute(sql, parameters).fetchall()
            except sqlite3.Error as exc:
                raise UserDataError(f"cannot read notes from {self.path}: {exc}") from exc

    def _write(self, change: Callable[[sqlite3.Connection], T]) -> T:
        """Run `change` in one IMMEDIATE transaction; retried whole if the database is busy."""
        if self.read_only:
            raise ReadOnlyError(f"not saved: {self.read_only_reason}")
        with self._lock:
            for attempt in range(BUSY_RETRIES):
                try:
                    return self._transaction(change)
                except sqlite3.Error as exc:
                    if _code(exc) in _BUSY_CODES and attempt + 1 < BUSY_RETRIES:
                        # The busy handler already waited BUSY_TIMEOUT; a short pause
                        # lets a stuck checkpoint or a slow disk catch up.
                        time.sleep(0.05 * (attempt + 1))
                        continue
                    raise self._failure(exc) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _transaction(self, change: Callable[[sqlite3.Connection], T]) -> T:
        db = self._connection
        db.execute("BEGIN IMMEDIATE")
        try:
            result = change(db)
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            raise
        return result

    def _failure(self, exc: sqlite3.Error) -> UserDataError:
        if _is_unwritable(exc):
            # The folder or file became read-only under us: stay read-only from now on,
            # so the reader can say so once instead of failing on every key.
            self.read_only_reason = (
                f"notes are read-only: cannot write to {_unwritable(self.path)} ({_why(exc)})"
            )
            return ReadOnlyError(f"not saved: {self.read_only_reason}")
        if _code(exc) == 13:  # SQLITE_FULL
            return UserDataError(f"not saved: the disk holding {self.path} is full")
        return UserDataError(f"not saved: {self.path}: {exc}")


# -- connections ---------------------------------------------------------------


class _NewerSchemaError(Exception):
    pass


class _FailedCheckError(sqlite3.DatabaseError):
    """`PRAGMA quick_check` found damage that opening the file did not."""

    sqlite_errorcode = 11  # SQLITE_CORRUPT, so that it is handled like the rest


def _connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, so that every write is
    # BEGIN IMMEDIATE (it takes the write lock up front and so cannot deadlock).
    return sqlite3.connect(
        target, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False, uri=uri
    )


def _connect_writable(path: Path) -> sqlite3.Connection:
    """Open, check and if need be create the schema; sqlite3 errors propagate."""
    connection = _connect(str(path))
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit is on disk when it returns, even across a power cut; notes are
        # written one at a time by hand, so the fsync is never felt.
        connection.execute("PRAGMA synchronous = FULL")
        verdict = connection.execute("PRAGMA quick_check").fetchone()
        if not verdict or verdict[0] != "ok":
            raise _FailedCheckError(str(verdict[0] if verdict else "no answer"))
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _NewerSchemaError(
                f"notes are read-only: {path} was written by a newer version of briefing"
            )
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                _migrate(connection, version)
                connection.execute("COMMIT")
            else:
                # A write probe, rolled back: BEGIN IMMEDIATE succeeds on a read-only
                # file, so only a real write finds out, here at open rather than on
                # the reader's first note.
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                connection.execute("ROLLBACK")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise
    except BaseException:
        connection.close()
        raise
    return connection


def _connect_read_only(path: Path) -> tuple[sqlite3.Connection, list[str]]:
    """The best read-only view of `path`: the file itself, or an empty database."""
    if not path.is_file():
        return _empty_database(), []
    uri = path.resolve().as_uri()
    # mode=ro shares locks with writers; it needs the -shm file, which a read-only
    # folder may not let SQLite create. immutable=1 then reads the file as it is.
    for options in ("mode=ro", "immutable=1"):
        try:
            connection = _connect(f"{uri}?{options}", uri=True)
        except sqlite3.Error:
            continue
        try:
            if connection.execute("PRAGMA user_version").fetchone()[0] > 0:
                connection.execute("SELECT count(*) FROM notes").fetchone()
                return connection, []
        except sqlite3.Error as exc:
            if _is_corrupt(exc):
                connection.close()
                return _empty_database(), [f"cannot read notes: {path} is damaged"]
            connection.close()
            continue
        connection.close()
        break  # a file with no schema yet: nothing to read
    return _empty_database(), []


def _empty_database() -> sqlite3.Connection:
    connection = _connect(":memory:")
    _migrate(connection, 0)
    return connection


def _migrate(db: sqlite3.Connection, version: int) -> None:
    """Bring a database written at `version` up to `SCHEMA_VERSION`, in the caller's
    transaction. Each step only adds (a table, a column with a default): every note
    stays as it was, and an interrupted upgrade rolls back whole."""
    if version < 1:
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
    if version < 2:
        db.execute(_SCHEMA_2)
    if version < 3:
        present = _columns(db, "notes")
        for column, statement in _SCHEMA_3.items():
            if column not in present:
                db.execute(statement)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    """The columns `table` has ({} when it cannot be read): an older file has fewer."""
    try:
        return {str(row[1]) for row in db.execute(f"PRAGMA table_info({table})")}
    except sqlite3.Error:
        return set()


@contextlib.contextmanager
def _open_lock(directory: Path) -> Iterator[None]:
    """Hold a lock file while opening, so two readers never both 'repair' one database.

    Without it, the second could move aside the fresh database the first just made.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no flock; the race is narrow and only at open
        yield
        return
    lock = directory / f"{DATABASE_NAME}.lock"
    handle: IO[bytes] | None = None
    try:
        for _ in range(20):
            handle = open(lock, "ab")  # noqa: SIM115
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            # The holder before us may have removed the file once done: a lock on a
            # removed file excludes no one, so take the lock on the file now there.
            if _same_file(handle, lock):
                break
            handle.close()
            handle = None
    except OSError:
        if handle is not None:
            handle.close()
        handle = None  # a read-only folder: opening will find that out and say so
    try:
        yield
    finally:
        if handle is not None:
            # Removed while still held, so that no lock file outlives the opening; the
            # check above makes that safe for whoever waits on it.
            with contextlib.suppress(OSError):
                lock.unlink()
            handle.close()  # closing releases the lock


def _same_file(handle: IO[bytes], path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except OSError:
        return False


def _move_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged database (and its -wal/-shm) to `<name>.corrupt-<time>`."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    # The -wal and -shm go too: left behind, SQLite could replay the old WAL into the
    # new database.
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
    path.rename(target)
    return target


def _adopt(db: sqlite3.Connection, keys: tuple[str, ...], location: str, title: str) -> None:
    """Move a briefing's rows from its older keys to its identity; note where it is."""
    identity, older = keys[0], keys[1:]
    if older:
        marks = _marks(older)
        for table in ("notes", "bookmarks"):
            db.execute(f"UPDATE {table} SET briefing = ? WHERE briefing IN {marks}", keys)
        db.execute(
            f"UPDATE notes SET copied_from_briefing = ? WHERE copied_from_briefing IN {marks}",
            keys,
        )
        # A place already saved under the identity wins over an older one.
        db.execute(f"UPDATE OR IGNORE places SET briefing = ? WHERE briefing IN {marks}", keys)
        db.execute(f"DELETE FROM places WHERE briefing IN {marks}", older)
        db.execute(f"DELETE FROM briefings WHERE identity IN {marks}", older)
    db.execute(
        "INSERT INTO briefings (identity, path, title) VALUES (?, ?, ?) "
        "ON CONFLICT (identity) DO UPDATE SET path = excluded.path, title = excluded.title",
        (identity, location, title),
    )


def _salvage(damaged: Path, db: sqlite3.Connection) -> dict[str, int]:
    """Copy every row still readable from a damaged database into `db`; counts by table.

    Rows are read in rowid order; where a page cannot be read, the rows after it are
    found again one rowid at a time, so that damage to a few pages loses only their rows.
    """
    counts = dict.fromkeys(_SALVAGED_COLUMNS, 0)
    source = _open_damaged(damaged)
    if source is None:
        return counts
    try:
        db.execute("BEGIN IMMEDIATE")
        for table, wanted in _SALVAGED_COLUMNS.items():
            # A file of an older version lacks the newer columns: read what it has.
            present = _columns(source, table)
            names = (
                [c for c in wanted.split(", ") if c in present] if present else wanted.split(", ")
            )
            columns, width = ", ".join(names), len(names)
            insert = f"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({', '.join('?' * width)})"
            for row in _readable_rows(source, table, columns):
                if len(row) != width or not _plausible(names, row):
                    continue
                try:
                    counts[table] += db.execute(insert, row).rowcount
                except sqlite3.Error:
                    continue  # a value the schema refuses (NULL, a clash): not a note
        db.execute("COMMIT")
    except sqlite3.Error:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        counts = dict.fromkeys(_SALVAGED_COLUMNS, 0)
    finally:
        source.close()
    return counts


def _open_damaged(path: Path) -> sqlite3.Connection | None:
    uri = path.resolve().as_uri()
    # immutable=1 reads the file as it is and adds nothing beside it; only a WAL that
    # came along needs mode=ro, which reads the WAL too (and makes an -shm for that).
    has_wal = path.with_name(path.name + "-wal").exists()
    for options in ("mode=ro", "immutable=1") if has_wal else ("immutable=1",):
        try:
            connection = _connect(f"{uri}?{options}", uri=True)
        except sqlite3.Error:
            continue
        try:
            connection.execute("SELECT name FROM sqlite_master").fetchall()
        except sqlite3.Error:
            connection.close()
            continue
        return connection
    return None


def _readable_rows(
    source: sqlite3.Connection, table: str, columns: str
) -> Iterator[tuple[Any, ...]]:
    try:
        top = source.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
    except sqlite3.Error:
        top = None
    last = 0
    while True:
        try:
            for row in source.execute(
                f"SELECT rowid, {columns} FROM {table} WHERE rowid > ? ORDER BY rowid", (last,)
            ):
                last = row[0]
                yield row[1:]
            return
        except sqlite3.Error:
            pass
        # A damaged page: step over it one rowid at a time until a rowid reads again.
        bound = top if isinstance(top, int) and top > last else last + 10_000
        for probe in range(last + 1, bound + 1):
            try:
                found = source.execute(
                    f"SELECT {columns} FROM {table} WHERE rowid = ?", (probe,)
                ).fetchall()
            except sqlite3.Error:
                continue
            last = probe
            yield from found
            break
        else:
            return


def _plausible(columns: Sequence[str], row: tuple[Any, ...]) -> bool:
    """Damage can leave values of the wrong kind that still read: keep only sound rows."""
    for column, value in zip(columns, row, strict=True):
        if column in ("id", "copied_from"):  # a missing id is given a new one
            if value is not None and not isinstance(value, int):
                return False
        elif not isinstance(value, str):
            return False
    return True


def _damage_message(path: Path, moved: Path, recovered: dict[str, int]) -> str:
    notes, bookmarks = recovered["notes"], recovered["bookmarks"]
    if notes or bookmarks or recovered["places"]:
        kept = (
            f"recovered {notes} note{'s' if notes != 1 else ''} and {bookmarks} "
            f"bookmark{'s' if bookmarks != 1 else ''} into a new one"
        )
    else:
        kept = "nothing could be recovered, so a new one was started"
    return f"the notes database {path} was damaged: {kept}; the damaged file is {moved}"


# -- other briefings ----------------------------------------------------------


class _Lines:
    """Notes and their copies: each copy leads back, copy by copy, to the note first
    written (its origin, perhaps deleted since), so that a note and all its copies,
    however edited, count as one."""

    def __init__(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """`rows`: (id, copied_from, briefing) of every note."""
        self._parent = {int(row[0]): int(row[1]) for row in rows if row[1] is not None}
        self._briefing = {int(row[0]): str(row[2]) for row in rows}

    def origin(self, note_id: int) -> int:
        seen = {note_id}
        while (parent := self._parent.get(note_id)) is not None and parent not in seen:
            seen.add(parent)
            note_id = parent
        return note_id

    def held_by(self, keys: set[str] | str) -> dict[int, int]:
        """origin -> the oldest note of that line kept under `keys` (a briefing's)."""
        keys = {keys} if isinstance(keys, str) else keys
        held: dict[int, int] = {}
        for note_id in sorted(self._briefing):
            if self._briefing[note_id] in keys:
                held.setdefault(self.origin(note_id), note_id)
        return held


def _briefing_names(
    identities: Sequence[str], known: dict[str, tuple[str, str]]
) -> dict[str, tuple[str, str]]:
    """(name, folder) of each briefing, as its reader knows it: "the bundled briefing",
    else its title in quotes (with its folder when two share a title), else its folder.

    Never the installed package's path of the bundled briefing: that is no place of the
    reader's.
    """
    named: dict[str, tuple[str, str]] = {}
    for identity in identities:
        path, title = known.get(identity, ("", ""))
        if identity in (BUNDLED_IDENTITY, bundled_identity()) or (
            path and path_identity(path) == BUNDLED_IDENTITY
        ):
            named[identity] = ("the bundled briefing", "")
        elif title:
            named[identity] = (f"“{strip_controls(title)}”", path)
        elif path or identity.startswith("/"):
            folder = path or identity  # a key from before identities is the folder itself
            named[identity] = (f"the briefing in {_home(folder)}", folder)
        else:
            named[identity] = ("another briefing", "")
    titles = [name for name, _ in named.values()]
    for identity, (name, folder) in named.items():
        if folder and titles.count(name) > 1:
            named[identity] = (f"{name} in {_home(folder)}", folder)
    return named


def _home(folder: str) -> str:
    """A folder as the reader writes it: `~/...` under their home folder."""
    home = str(Path.home())
    if home not in ("", "/") and (folder == home or folder.startswith(home + os.sep)):
        return "~" + folder[len(home) :]
    return folder


# -- rows ----------------------------------------------------------------------


def _marks(values: Sequence[object]) -> str:
    """`(?, ?, ?)` for an IN clause of `values`."""
    return "(" + ", ".join("?" * len(values)) + ")"


def _anchor_row(anchor: Anchor) -> tuple[str, ...]:
    return (anchor.doc, anchor.quote, anchor.text, anchor.prefix, anchor.suffix, anchor.hint)


def _anchor_from(row: Sequence[Any]) -> Anchor:
    return Anchor(*(str(value) for value in row[:6]))


def _clean_note(text: str) -> str:
    """Notes are shown in a terminal: no control characters; blank edges trimmed."""
    body = strip_controls(text.replace("\r\n", "\n")).strip()
    if not body:
        raise ValueError("a note needs some text (delete the note instead)")
    if len(body) > MAX_NOTE_CHARS:
        raise ValueError(f"a note is limited to {MAX_NOTE_CHARS:,} characters")
    return body


def _reading_order(
    briefing: Briefing, passage_id: str | None, created: str, row_id: int
) -> tuple[Any, ...]:
    if passage_id is None:
        return (1, 0, 0, created, row_id)
    passage = briefing.passages[passage_id]
    return (0, briefing.document(passage.doc).number, passage.index, created, row_id)


def _place_from(
    raw: Any, briefing: Briefing, sections: set[str], documents: set[str]
) -> SavedPlace | None:
    if not isinstance(raw, dict):
        return None
    kind, key = str(raw.get("kind", "")), str(raw.get("key", ""))
    if not kind or (kind == "section" and key not in sections):
        return None
    if kind == "source" and key not in documents:
        return None
    if kind == "links" and key not in briefing.passages:
        return None  # the list of a passage an edit has removed since
    passage = raw.get("passage")
    quote = str(raw.get("quote") or "")
    if passage is not None:
        passage = _find_passage(briefing, str(passage), quote)
    try:
        scroll_y = max(0, int(raw.get("scroll_y") or 0))
    except (TypeError, ValueError):
        scroll_y = 0
    return SavedPlace(SavedView(kind, key), passage, scroll_y)


def _find_passage(briefing: Briefing, passage_id: str, quote: str) -> str | None:
    """The saved passage if it still says the same; else the one passage holding its quote."""
    current = briefing.passages.get(passage_id)
    if current is not None and (not quote or quote in fold_for_match(current.text)):
        return passage_id
    if not quote:
        return None
    doc = passage_id.rsplit(":", 1)[0]
    try:
        candidates = briefing.document(doc).passages
    except KeyError:
        return None
    hits = [p.id for p in candidates if quote in fold_for_match(p.text)]
    return hits[0] if len(hits) == 1 else None


# -- errors --------------------------------------------------------------------


def _code(exc: BaseException) -> int:
    return int(getattr(exc, "sqlite_errorcode", -1) or -1) & 0xFF


def _is_corrupt(exc: BaseException) -> bool:
    return _code(exc) in _CORRUPT_CODES


def _is_unwritable(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return True
    return _code(exc) in _UNWRITABLE_CODES


def _unwritable(path: Path | None) -> Path | None:
    """Which of the folder, the database and its -wal/-shm cannot be written, to name it.

    SQLite gives its -wal and -shm the database's permissions when it creates them, so
    after a read-only spell the culprit can be a file the user never heard of.
    """
    if path is None:
        return None
    for part in (path.parent, path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        if part.exists() and not os.access(part, os.W_OK):
            return part
    return path


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
