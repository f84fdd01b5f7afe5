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
    store.notes(briefing) -> list[AnchoredNote]              # reading order, orphans last
    store.toggle_bookmark(briefing, passage_id) -> bool      # True: now bookmarked
    store.delete_bookmark(bookmark_id)                       # for orphaned bookmarks
    store.bookmarks(briefing) -> list[AnchoredBookmark]      # reading order, orphans last
    store.save_place(briefing, places, index)                # the History's places + cursor
    store.load_place(briefing) -> SavedPlaces | None
    store.close()                                            # or `with store: ...`

Faults, and what happens:
- Two processes on one database: WAL lets readers run beside a writer; each write is
  `BEGIN IMMEDIATE ... COMMIT`, waiting up to `BUSY_TIMEOUT` for the other writer and
  retried on SQLITE_BUSY, so neither loses a change.
- A process killed mid-write: SQLite rolls the open transaction back on next open;
  every committed change is on disk (`synchronous=FULL`).
- A damaged database: moved aside as `notes.db.corrupt-<UTC time>` (with its -wal and
  -shm), a warning says where, and a fresh database is started.
- A data folder or database that cannot be written: a read-only session with a
  warning; reads work where the file can be read; writes raise `ReadOnlyError`.

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
from briefing.core.userdata.identity import briefing_identity
from briefing.core.userdata.paths import DATABASE_NAME, data_dir

SCHEMA_VERSION = 1
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
                    warnings.append(
                        f"the notes database {path} was damaged: moved it aside to "
                        f"{moved.name} and started a new one"
                    )
                    connection = _connect_writable(path)
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
        identity = briefing_identity(briefing)

        def insert(db: sqlite3.Connection) -> int:
            now = self._timestamp()
            cursor = db.execute(
                f"INSERT INTO notes (briefing, {_ANCHOR_COLUMNS}, text, created, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (identity, *_anchor_row(anchor), body, now, now),
            )
            return int(cursor.lastrowid or 0)

        return self._write(insert)

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

    def notes(self, briefing: Briefing) -> list[AnchoredNote]:
        """Every note on this briefing, resolved: reading order, then orphans (oldest first).

        Re-anchoring a changed passage runs difflib; on a large briefing call this in a
        worker.
        """
        rows = self._read(
            f"SELECT id, text, created, updated, {_ANCHOR_COLUMNS} FROM notes "
            "WHERE briefing = ? ORDER BY created, id",
            (briefing_identity(briefing),),
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
        return sorted(notes, key=lambda n: _reading_order(briefing, n.passage, n.created, n.id))

    # -- bookmarks ----------------------------------------------------------

    def toggle_bookmark(self, briefing: Briefing, passage_id: str) -> bool:
        """Bookmark a passage, or remove its bookmark; True when it is now bookmarked."""
        resolver = self._resolver_for(briefing)
        anchor = resolver.anchor(passage_id)
        identity = briefing_identity(briefing)

        def toggle(db: sqlite3.Connection) -> bool:
            # Decided inside the write transaction, so that two readers toggling at
            # once cannot both add (or both remove) the same bookmark.
            rows = db.execute(
                f"SELECT id, {_ANCHOR_COLUMNS} FROM bookmarks WHERE briefing = ?", (identity,)
            ).fetchall()
            here = [
                r[0] for r in rows if resolver.resolve(_anchor_from(r[1:])).passage == passage_id
            ]
            if here:
                db.executemany("DELETE FROM bookmarks WHERE id = ?", [(i,) for i in here])
                return False
            db.execute(
                f"INSERT INTO bookmarks (briefing, {_ANCHOR_COLUMNS}, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (identity, *_anchor_row(anchor), self._timestamp()),
            )
            return True

        return self._write(toggle)

    def delete_bookmark(self, bookmark_id: int) -> None:
        self._write(lambda db: db.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,)))

    def bookmarks(self, briefing: Briefing) -> list[AnchoredBookmark]:
        """Bookmarks in reading order (the order to jump through), then orphans."""
        rows = self._read(
            f"SELECT id, created, {_ANCHOR_COLUMNS} FROM bookmarks WHERE briefing = ? "
            "ORDER BY created, id",
            (briefing_identity(briefing),),
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
        identity = briefing_identity(briefing)
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
        rows = self._read(
            "SELECT data FROM places WHERE briefing = ?", (briefing_identity(briefing),)
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

    # -- plumbing -----------------------------------------------------------

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
            if connection.execute("PRAGMA user_version").fetchone()[0] == 0:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
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
    connection.executescript(_SCHEMA)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return connection


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
    handle: IO[bytes] | None = None
    try:
        handle = open(directory / f"{DATABASE_NAME}.lock", "ab")  # noqa: SIM115
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
    except OSError:
        pass  # a read-only folder: opening will find that out and say so
    try:
        yield
    finally:
        if handle is not None:
            handle.close()  # closing releases the lock


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


# -- rows ----------------------------------------------------------------------


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
