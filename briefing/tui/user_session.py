"""The reader's side of the notes store: opened, read and written in worker threads.

Nothing here blocks the UI thread: the store is opened after the first screen
is up, and every change is written in a worker whose result comes back as a
message to the screen. A read-only or damaged store is reported, never fatal.

Another reader may write to the same store at any time: `refresh_if_changed` (on
each move) asks SQLite whether anyone else committed and, if so, reads the marks
again; and a bookmark key asks for what the reader saw to change, so a stale view
can never remove someone else's bookmark.
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

from briefing.core.model import Briefing
from briefing.tui.history import Place, View

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from briefing.core.userdata.store import AnchoredBookmark, AnchoredNote, UserStore
    from briefing.tui.blocks import Block

    PickNote = Callable[[list[AnchoredNote], Callable[[AnchoredNote], None]], None]
    """Asks the reader which of several notes, then calls back with the one chosen."""


@dataclass(frozen=True)
class UserMarks:
    """What the reader has marked, ready for drawing: notes and bookmarks by passage."""

    notes: dict[str, list[AnchoredNote]] = field(default_factory=dict)
    """The reader's own notes on this briefing, by passage."""
    bookmarked: frozenset[str] = frozenset()
    orphan_notes: tuple[AnchoredNote, ...] = ()
    """The reader's own notes whose passage is gone."""
    orphan_bookmarks: tuple[AnchoredBookmark, ...] = ()
    all_notes: tuple[AnchoredNote, ...] = ()
    """The reader's own notes, in reading order: never those offered from elsewhere."""
    all_bookmarks: tuple[AnchoredBookmark, ...] = ()
    offered: dict[str, list[AnchoredNote]] = field(default_factory=dict)
    """Notes kept with another briefing on the same sources, by the passage here that has
    their text: shown apart from the reader's own, to read and copy (`elsewhere` says whose)."""
    offered_unplaced: tuple[AnchoredNote, ...] = ()
    """Notes of another briefing on a passage this briefing does not have."""

    @classmethod
    def build(cls, notes: list[AnchoredNote], bookmarks: list[AnchoredBookmark]) -> UserMarks:
        by_passage: dict[str, list[AnchoredNote]] = defaultdict(list)
        offered: dict[str, list[AnchoredNote]] = defaultdict(list)
        own = [n for n in notes if not n.elsewhere]
        for note in notes:
            if note.passage is not None:
                (offered if note.elsewhere else by_passage)[note.passage].append(note)
        return cls(
            notes=dict(by_passage),
            bookmarked=frozenset(b.passage for b in bookmarks if b.passage is not None),
            orphan_notes=tuple(n for n in own if n.passage is None),
            orphan_bookmarks=tuple(b for b in bookmarks if b.passage is None),
            all_notes=tuple(own),
            all_bookmarks=tuple(bookmarks),
            offered=dict(offered),
            offered_unplaced=tuple(n for n in notes if n.elsewhere and n.passage is None),
        )

    def notes_on(self, passage_id: str | None) -> list[AnchoredNote]:
        return self.notes.get(passage_id or "", [])

    def offered_on(self, passage_id: str | None) -> list[AnchoredNote]:
        return self.offered.get(passage_id or "", [])

    @property
    def all_offered(self) -> tuple[AnchoredNote, ...]:
        """Offered notes on passages here, in reading order, then those on none."""
        return (*(n for notes in self.offered.values() for n in notes), *self.offered_unplaced)

    def note(self, note_id: int | None) -> AnchoredNote | None:
        """The reader's own note, or an offered one, by id."""
        return next((n for n in (*self.all_notes, *self.all_offered) if n.id == note_id), None)

    def own_note_at(self, block: Block | None) -> bool:
        """Whether `e` has a note of the reader's own to edit on the focused block."""
        if block is None:
            return False
        if block.note_id is not None:
            note = self.note(block.note_id)
            return note is not None and not note.elsewhere
        return bool(self.notes_on(block.passage_id))

    def offers_at(self, block: Block | None) -> list[AnchoredNote]:
        """The notes of other briefings `c` would copy from the focused block."""
        if block is None:
            return []
        if block.note_id is not None:
            note = self.note(block.note_id)
            return [note] if note is not None and note.elsewhere else []
        return self.offered_on(block.passage_id)

    def notices(self) -> list[str]:
        """What to tell the reader on opening about notes not where they were."""
        lost = len(self.orphan_notes)
        said = []
        if lost:
            were = "note no longer matches its" if lost == 1 else "notes no longer match their"
            said.append(f"{lost} of your {were} passage: press ' to see them")
        if self.all_notes:
            return said  # a briefing with notes of its own: offers wait in the ' list
        offered: dict[str, int] = defaultdict(int)
        for notes in self.offered.values():
            for note in notes:
                offered[note.elsewhere] += 1
        for where, count in offered.items():
            if count == 1:
                said.append(
                    f"1 note kept with {where} is on a passage of this briefing: "
                    "press ' to see it; c there copies it into your notes"
                )
            else:
                said.append(
                    f"{count} notes kept with {where} are on passages of this briefing: "
                    "press ' to see them; c on one copies it into your notes"
                )
        return said


NO_MARKS = UserMarks()


class UserSession:
    """Talks to the store for one screen; reports back with messages to that screen."""

    class Opened(Message):
        """The store is open: the saved place (if any), warnings to show, the marks."""

        def __init__(
            self, places: list[Place] | None, index: int, warnings: list[str], marks: UserMarks
        ) -> None:
            super().__init__()
            self.places = places
            self.index = index
            self.warnings = warnings
            self.marks = marks

    class Changed(Message):
        """A change was saved; here is what is marked now."""

        def __init__(self, marks: UserMarks, said: str = "") -> None:
            super().__init__()
            self.marks = marks
            self.said = said

    class Failed(Message):
        """A change could not be saved; `message` is one line for the user."""

        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    class Told(Message):
        """Nothing was changed, and this one line says why (for a toast)."""

        def __init__(
            self,
            message: str,
            *,
            title: str = "Your notes",
            severity: SeverityLevel = "information",
            timeout: float = 5,
        ) -> None:
            super().__init__()
            self.message = message
            self.title = title
            self.severity = severity
            self.timeout = timeout

    def __init__(self, screen: Screen, briefing: Briefing) -> None:
        self.screen = screen
        self.briefing = briefing
        self.store: UserStore | None = None
        self._version = -1
        """The store's data_version when the marks were last read."""
        self._said = ""

    @property
    def read_only_reason(self) -> str:
        if self.store is None:
            return "your notes are still opening"
        return self.store.read_only_reason if self.store.read_only else ""

    @property
    def read_only_message(self) -> str:
        """One sentence for a toast: why notes cannot be saved now, and what to do."""
        if self.store is None:
            return "Your notes are still opening: try again in a moment."
        return self.store.read_only_advice

    # -- opening ----------------------------------------------------------

    def open(self) -> None:
        self.screen.run_worker(self._open, thread=True, group="user-data", exclusive=False)

    def _open(self) -> None:
        from briefing.core.userdata.store import UserDataError, UserStore

        store, warnings = UserStore.open()
        places, index = None, 0
        try:
            saved = store.load_place(self.briefing)
            if saved is not None and saved.places:
                places = [
                    Place(View(p.view.kind, p.view.key), p.passage, p.scroll_y)
                    for p in saved.places
                ]
                index = saved.index
            self._version = store.data_version()
            marks = UserMarks.build(store.notes(self.briefing), store.bookmarks(self.briefing))
            warnings.extend(marks.notices())
        except UserDataError as exc:
            warnings.append(str(exc))
            marks = NO_MARKS
        self.store = store
        self.screen.post_message(self.Opened(places, index, warnings, marks))

    # -- changes ----------------------------------------------------------

    def add_note(self, passage_id: str, text: str) -> None:
        self._change(lambda store: store.add_note(self.briefing, passage_id, text), "Note saved")

    def update_note(self, note_id: int, text: str) -> None:
        self._change(lambda store: store.update_note(note_id, text), "Note saved")

    def delete_note(self, note_id: int) -> None:
        self._change(lambda store: store.delete_note(note_id), "Note deleted")

    def copy_offered(self, offers: list[AnchoredNote], pick: PickNote) -> None:
        """`c`: copy the note of another briefing offered here (`pick` asks which of
        several); say why not when there is none, or notes cannot be saved."""
        if not offers:
            self.screen.post_message(
                self.Told("No note of another briefing here to copy", title="", timeout=3)
            )
        elif self.read_only_reason:
            self.screen.post_message(
                self.Told(self.read_only_message, severity="warning", timeout=8)
            )
        elif len(offers) > 1:
            pick(offers, self.copy_note)
        else:
            self.copy_note(offers[0])

    def copy_note(self, note: AnchoredNote) -> None:
        """Make a note offered from another briefing one of this briefing's; the other keeps it."""
        passage = note.passage
        if passage is None:
            self.say_kept_elsewhere(note)
            return
        self._change(
            lambda store: store.copy_note(note.id, self.briefing, passage),
            f"Note copied into your notes here; {note.elsewhere} keeps its own",
        )

    def say_kept_elsewhere(self, note: AnchoredNote) -> None:
        """Why `e` (or Enter) does not open a note of another briefing, and what does."""
        if note.passage is None:
            said = (
                f"This note is kept with {note.elsewhere}, on a passage this briefing does not have"
            )
        else:
            said = f"This note is kept with {note.elsewhere}: c copies it into your notes here, to edit"
        self.screen.post_message(self.Told(said))

    def toggle_bookmark(self, passage_id: str, shown: bool) -> None:
        """Flip the bookmark the reader sees (`shown`): a request, checked against the store."""

        def toggle(store: UserStore) -> None:
            changed = store.set_bookmark(self.briefing, passage_id, not shown)
            if changed:
                self._said = "Bookmark removed" if shown else "Bookmarked"
            else:  # another reader got there first: say so, and show what is now true
                self._said = (
                    "Already removed in another window"
                    if shown
                    else "Already bookmarked in another window"
                )

        self._change(toggle, "")

    def delete_bookmark(self, bookmark_id: int) -> None:
        self._change(lambda store: store.delete_bookmark(bookmark_id), "Bookmark removed")

    def refresh_if_changed(self) -> None:
        """If another reader committed since the marks were read, read them again.

        Called on every move, so it costs one `PRAGMA data_version` on this thread and
        never waits: while a worker holds the store, the next move asks again.
        """
        store = self.store
        if store is None:
            return
        version = store.data_version(wait=False)
        if version is None or version == self._version:
            return
        self._version = version

        def work() -> None:
            from briefing.core.userdata.store import UserDataError

            try:
                marks = UserMarks.build(store.notes(self.briefing), store.bookmarks(self.briefing))
            except UserDataError:
                return  # the next move tries again; reading goes on meanwhile
            self.screen.post_message(self.Changed(marks))

        self.screen.run_worker(work, thread=True, group="user-data-refresh", exclusive=True)

    def _change(self, change, said: str) -> None:
        store = self.store
        if store is None or store.read_only:
            self.screen.post_message(self.Failed(self.read_only_message))
            return

        def work() -> None:
            from briefing.core.userdata.store import UserDataError

            self._said = said
            try:
                change(store)
                marks = UserMarks.build(store.notes(self.briefing), store.bookmarks(self.briefing))
            except UserDataError as exc:
                message = store.read_only_advice if store.read_only else f"Not saved: {exc}"
                self.screen.post_message(self.Failed(message))
                return
            self.screen.post_message(self.Changed(marks, self._said))

        self.screen.run_worker(work, thread=True, group="user-data-write")

    def save_place(self, places: list[Place], index: int) -> None:
        """Remember where the reader is, in a worker; the newest request wins."""
        self.screen.run_worker(
            lambda: self.save_place_now(places, index),
            thread=True,
            group="user-data-place",
            exclusive=True,
        )

    def save_place_now(self, places: list[Place], index: int) -> None:
        """Save on this thread (on the way out, so that it is done before the process ends)."""
        store = self.store
        if store is None or store.read_only:
            return
        from briefing.core.userdata.store import UserDataError

        with contextlib.suppress(
            UserDataError
        ):  # the place is a convenience: never interrupt reading for it
            store.save_place(self.briefing, places, index)
