"""The reading screen: routes between the sections pane, the passages and the notes pane."""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from briefing.core.collector import collector_paused
from briefing.core.model import Briefing, Link
from briefing.core.text import strip_controls
from briefing.tui import blocks
from briefing.tui.history import History, Place, View
from briefing.tui.keys import READER_BINDINGS
from briefing.tui.user_session import NO_MARKS, UserSession
from briefing.tui.widgets.key_bar import FooterEntry, KeyBar
from briefing.tui.widgets.notes_panel import MAX_LINKS, NotesPanel
from briefing.tui.widgets.passage_list import PassageList
from briefing.tui.widgets.sections_pane import SectionsPane
from briefing.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from textual.command import Provider

    from briefing.core.search import Match, SearchIndex
    from briefing.core.userdata.store import AnchoredNote
    from briefing.tui.insight import Insight
    from briefing.tui.widgets.search_bar import SearchBar

ROOMY = 180
"""From this width the side panes get wider; the text column never does."""
WIDE = 130
"""From this width both side panes show; below it the sections pane folds away."""
MEDIUM = 100
"""Below this width the notes pane folds away too; t and i bring them back."""
MIN_TEXT = 44
"""Cells the reading pane keeps at least: showing one side pane folds the other."""

INSIGHT_VIEWS = ("timeline", "people", "name", "coverage", "unplaced")
"""Views built from the linker's reading of the whole briefing."""
LIST_VIEWS = ("search", "mine", "links", *INSIGHT_VIEWS)
"""Views that list passages from elsewhere: Enter opens them where they belong, Esc leaves."""
FITTED_VIEWS = ("coverage", "links")
"""Views laid out for the reading pane's width (a table, rows cut to three lines): drawn
again when it changes."""
BUILT_VIEWS = 8
"""Sections and sources whose blocks are kept for going back to them (see `_blocks_for`)."""
FINDING = "finding suggested links…"
READING_BACK = "reading the suggested links kept from the last time…"
"""Said instead of FINDING while a large briefing's links are read back from the cache."""
EARLIER = "(until then, those found before the last edit)"
"""Said with FINDING while the links of the passages an edit left unchanged are shown."""
ARRANGED_APART = 2_000
"""Entries (dates, names) from which the timeline or the names view is arranged in a thread,
with a loading line meanwhile: 11,000 dates of 500 documents took 1.7 s, and the screen
stood still that long after T."""
COVERAGE_APART = 10_000
"""Cells (sources × sections) from which the coverage table is laid out in a thread: 500
sources by 100 sections took a quarter of a second."""
PROGRESS_EVERY = 0.25
"""Seconds between two progress lines while the linker works (a minute at 500 documents)."""


MUST, PANES, PLACE, MARKS, VIEWS = range(5)
"""Footer ranks: when the line is too narrow, the highest rank makes room first."""

FOOTER_RANKS = {
    "reader.next-passage": MUST,
    "reader.follow-1": MUST,
    "reader.activate": MUST,
    "reader.back": MUST,
    "reader.next-match": MUST,
    "reader.leave-search": MUST,
    "reader.search": MUST,
    "app.help": MUST,
    "app.quit": MUST,
    "reader.toggle-sections": PANES,
    "reader.toggle-notes": PANES,
    "reader.open-in-source": PLACE,
    "reader.next-section": PLACE,
    "reader.add-note": MARKS,
    "reader.edit-note": MARKS,
    "reader.copy-note": MARKS,
    "reader.bookmark": MARKS,
    "reader.bookmarks": MARKS,
    "reader.timeline": VIEWS,
    "reader.people": VIEWS,
    "reader.coverage": VIEWS,
}
"""Keys the footer may show, and their rank (see `footer_entry`)."""


def _briefing_commands() -> type[Provider]:
    # Deferred to the palette's first opening: not for the first screen (~1 ms to import).
    from briefing.tui.commands import BriefingCommands

    return BriefingCommands


Arrange = Callable[[Briefing, "Insight | None"], list[blocks.Block]]
"""What arranges a view's blocks from the briefing and the linker's insight."""


def _arranger(kind: str) -> Arrange:
    """What arranges the timeline's or the names view's blocks."""
    from briefing.tui import view_blocks  # deferred: not needed for the first screen

    return view_blocks.timeline_blocks if kind == "timeline" else view_blocks.people_blocks


def _width_class_for(width: int) -> str:
    """Which side panes a terminal this wide shows at first: "wide", "medium" or "narrow"."""
    return "wide" if width >= WIDE else "medium" if width >= MEDIUM else "narrow"


class ReaderScreen(Screen[None]):
    """Read a briefing: sections, passages, notes, links, history and search."""

    BINDINGS = READER_BINDINGS
    COMMANDS = {_briefing_commands}
    AUTO_FOCUS = "#passages"
    """The text has the focus from the start. Textual's default ("*") would focus the
    sections pane first, even folded away, and moving the focus on restyles both panes
    and redraws the footer: frames the first screen would wait for."""

    sections_shown: var[bool] = var(True)
    """Whether the sections pane is shown; toggled by a key, reset by resizing."""
    notes_shown: var[bool] = var(True)
    """Whether the notes pane is shown; toggled by a key, reset by resizing."""
    searching: var[bool] = var(False, init=False)
    """Whether a search is active: its matches are highlighted and n/N step through them.

    It lasts, like less's and vim's, across views until Esc ends it.
    """
    listing: var[bool] = var(False, init=False)
    """Whether a list view (search, marks, timeline, names, coverage) is shown: Esc leaves it."""

    def __init__(self, briefing: Briefing, start: Place | None = None) -> None:
        super().__init__()
        self.briefing = briefing
        self.history = History(start or self._first_place())
        self._search_index: SearchIndex | None = None
        self._search_results: dict[str, list[Match]] = {}
        self.search_query: str | None = None
        """The active search (see `searching`)."""
        self._asked: str | None = None
        """A query typed in the search line whose results are still being worked out."""
        self.session = UserSession(self, briefing)
        self.marks = NO_MARKS
        self._start_passage: str | None = None
        """The passage focused at start: until the reader moves, a saved place may replace it."""
        self._place_timer: Timer | None = None
        self._passage_list: PassageList | None = None
        self._width_class = ""
        self.insight: Insight | None = None
        """What the linker found (suggested links, sections, timeline, names); None until then."""
        self._insight_failed = False
        self._finding = FINDING
        """The notes pane's line while the linker works: what it is doing, and how far."""
        self._linker_doing = ""
        """What the linker is doing now ('comparing the passages 40%'), for the views
        that wait for it."""
        self._suggested_counts: dict[str, int] | None = None
        self._earlier: dict[str, list[Link]] = {}
        """Until the linker is done with an edited briefing: the links it found last time
        between the passages unchanged since (see derived.earlier_links), by passage."""
        self._footer_shown: tuple[object, ...] = self._first_footer()
        """What the footer was drawn for (see `_footer_context`)."""
        self._entry_at: dict[View, int] = {}
        """The focused entry of a list of names or sections, for coming back to it."""
        self._built: dict[View, tuple[tuple[object, ...], list[blocks.Block]]] = {}
        """The blocks of the sections and sources seen last, and what they were built from."""
        self._arranged: dict[str, list[blocks.Block]] = {}
        """The timeline's, the names view's and the coverage table's blocks (by `_slot`),
        arranged once from this insight."""
        self._arranging: dict[str, Insight | None] = {}
        """Those views being arranged in a thread, and from which insight (see `_arrange`)."""
        self._resumed = False
        """Whether the screen has been shown once (see `on_screen_resume`)."""
        self._fit_before_mount()

    def _first_footer(self) -> tuple[object, ...]:
        """The footer's context for the start place's first passage, as `_footer_context`
        will find it: the footer draws itself when mounted, before the place is shown, and
        drawn for it already it need not be drawn again (~2 ms of the first screen)."""
        place = self.history.current
        if place.view.kind == "section":
            passages = self.briefing.section(place.view.key).passages
        elif place.view.kind == "source":
            passages = [p.id for p in self.briefing.document(place.view.key).passages]
        else:
            return ()
        first = place.passage or (passages[0] if passages else None)
        if first is None:
            return ()
        links = bool(self.briefing.links_for(first))
        return (links, False, place.view.kind, True, False, False, False)

    def _first_place(self) -> Place:
        b = self.briefing
        # A freshly imported briefing has only empty sections: its text is in the sources.
        if any(section.passages for section in b.sections):
            return Place(View("section", b.sections[0].id), None)
        return Place(View("source", b.documents[0].id), None)

    def key_for(self, ident: str) -> str:
        """How the footer shows the key bound to `ident` now (after the user's keymap)."""
        from briefing.tui.keys import DEFAULT_KEYS

        keymap = getattr(self.app, "keymap", {}) or {}
        key = keymap.get(ident, DEFAULT_KEYS.get(ident, "")).split(",")[0].strip()
        return self.app.get_key_display(Binding(key, "")) if key else ""

    # -- layout -----------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="body"):
            yield SectionsPane(self.briefing, id="sections")
            yield PassageList(id="passages")
            notes = NotesPanel(self.briefing, id="notes")
            notes.list_key = self.key_for("reader.links")
            notes.copy_key = self.key_for("reader.copy-note")
            yield notes
        yield KeyBar()

    def _fit_before_mount(self) -> None:
        """Take the width classes for the terminal's size before any child is styled.

        A class set on the screen once its children are mounted restyles all of them
        (tens of ms); set here, the first styling is already the right one.
        """
        try:
            width = self.app.size.width
        except RuntimeError:  # no running app (NoActiveAppError): on_mount fits it instead
            return
        width_class = self._width_class = _width_class_for(width)
        sections, notes = width_class == "wide", width_class != "narrow"
        self.set_reactive(ReaderScreen.sections_shown, sections)
        self.set_reactive(ReaderScreen.notes_shown, notes)
        self.set_class(width >= ROOMY, "-roomy", update=False)
        self.set_class(not sections, "-no-sections", update=False)
        self.set_class(not notes, "-no-notes", update=False)

    def say(self, message: str, **options: Any) -> None:
        """A toast whose text is shown as written: queries, titles and file paths may
        hold brackets, and Textual would read them as markup."""
        self.notify(message, markup=False, **options)

    def on_mount(self) -> None:
        # Fitted already (see `_fit_before_mount`), unless built outside a running app.
        self._fit_width(self.app.size.width)
        self.title = self.briefing.title
        self._show(self.history.current)
        self._start_passage = self.passages.passage_id

    def on_resize(self) -> None:
        self._fit_width(self.size.width)
        if self.history.current.view.kind in FITTED_VIEWS:
            self.call_after_refresh(self._refresh_view)  # laid out for its width

    def _fit_width(self, width: int) -> None:
        self.set_class(width >= ROOMY, "-roomy")
        width_class = _width_class_for(width)
        if width_class != self._width_class:
            self._width_class = width_class
            self.sections_shown = width_class == "wide"
            self.notes_shown = width_class != "narrow"
        elif self.sections_shown and self.notes_shown and not self._room_for_both(width):
            self.sections_shown = False  # shown by hand, then the terminal narrowed

    def _room_for_both(self, width: int) -> bool:
        """Whether both side panes leave the text its minimum width."""
        sides = sum(
            int(pane.styles.width.value) + 1  # + its border
            for pane in (self.query_one(SectionsPane), self.query_one(NotesPanel))
            if pane.styles.width is not None
        )
        return width - sides >= MIN_TEXT

    def watch_notes_shown(self, shown: bool) -> None:
        self.set_class(not shown, "-no-notes")
        self.refresh_bindings()
        if self.is_mounted and self.history.current.view.kind in FITTED_VIEWS:
            self.call_after_refresh(self._refresh_view)

    def watch_sections_shown(self, shown: bool) -> None:
        self.set_class(not shown, "-no-sections")
        self.refresh_bindings()
        if self.is_mounted and self.history.current.view.kind in FITTED_VIEWS:
            self.call_after_refresh(self._refresh_view)

    @property
    def passages(self) -> PassageList:
        # Kept rather than queried: on the way out (on_unmount) the children are gone
        # from the DOM, but where the reader was must still be read from them.
        if self._passage_list is None:
            self._passage_list = self.query_one(PassageList)
        return self._passage_list

    # -- showing places ---------------------------------------------------

    def _blocks_for(self, view: View) -> list[blocks.Block]:
        """The view's blocks; a section or source already built from the same state is
        reused as it was (the same list, so the reading pane keeps its wrapping too)."""
        if view.kind not in ("section", "source"):
            return self._build_blocks(view)
        made_of = (
            self.marks,
            self.insight,
            self._earlier,
            self.search_query,
            self._search_results.get(self.search_query or ""),
        )
        built = self._built.get(view)
        if built is not None and all(a is b for a, b in zip(built[0], made_of, strict=True)):
            return built[1]
        made = self._build_blocks(view)
        self._built.pop(view, None)
        self._built[view] = (made_of, made)
        if len(self._built) > BUILT_VIEWS:
            del self._built[next(iter(self._built))]  # the least recently built
        return made

    def _build_blocks(self, view: View) -> list[blocks.Block]:
        b = self.briefing
        if view.kind == "section":
            suggested = self.insight.suggested_for(view.key) if self.insight else []
            offered = (
                [(pid, self.insight.suggestions[pid]) for pid in suggested] if suggested else []
            )
            return blocks.section_blocks(
                b,
                view.key,
                self.marks,
                offered,
                matches=self._matches(),
                link_counts=self._link_counts(),
                empty_hint=self._empty_section_hint(),
            )
        if view.kind in INSIGHT_VIEWS:
            return self._insight_blocks(view)
        if view.kind == "source":
            return blocks.source_blocks(
                b, view.key, self.marks, matches=self._matches(), link_counts=self._link_counts()
            )
        if view.kind == "search":
            matches = self._search_results.get(view.key)
            if matches is None:
                self._run_search(view.key)
                return [blocks.lead_block(f"Search: {view.key}", "Searching…")]
            return blocks.search_blocks(
                b, view.key, matches, self.marks, link_counts=self._link_counts()
            )
        if view.kind == "mine":
            return blocks.mine_blocks(b, self.marks, link_counts=self._link_counts())
        if view.kind == "links":
            from briefing.tui import view_blocks  # deferred: not needed for the first screen

            width = self.passages.text_width
            return view_blocks.links_blocks(b, view.key, self.links_of(view.key), width)
        raise ValueError(f"unknown view {view}")

    def _empty_section_hint(self) -> str:
        """What an empty section suggests doing, with the keys as bound now."""
        sources, views = self.key_for("reader.toggle-sections"), self.key_for("reader.coverage")
        return f"{sources} shows the sources, {views} the coverage"

    def _matches(self) -> dict[str, Match]:
        """The active search's matches by passage, to highlight wherever they are shown."""
        if self.search_query is None:
            return {}
        return {m.passage_id: m for m in self._search_results.get(self.search_query, ())}

    def _link_counts(self) -> dict[str, int]:
        """Suggested links per passage: the linker's, or meanwhile the earlier ones."""
        if self._suggested_counts is None:  # once: a large briefing has thousands
            found = self.insight.links if self.insight is not None else self._earlier
            self._suggested_counts = {pid: len(ls) for pid, ls in found.items()}
        return self._suggested_counts

    def _insight_blocks(self, view: View) -> list[blocks.Block]:
        from briefing.tui import view_blocks  # deferred: not needed for the first screen

        b, insight = self.briefing, self.insight
        if view.kind == "coverage":  # before the linker is done, the YAML alone says most of it
            # Laid out apart, it shows a line saying so rather than the loading indicator:
            # covered by the indicator, the pane has no width of its own to lay a table out to.
            width = self.passages.text_width
            return self._arranged_view(view, partial(view_blocks.coverage_blocks, width=width))
        if view.kind == "unplaced":  # likewise: until then, every passage no section lists
            return view_blocks.unplaced_blocks(b, insight, self.marks, self._link_counts())
        if insight is None:
            if self._insight_failed:
                return [
                    blocks.lead_block(blocks.view_title(b, view), "Could not read the sources.")
                ]
            return view_blocks.loading_blocks(blocks.view_title(b, view), self._linker_doing)
        if view.kind == "name":
            return view_blocks.name_blocks(b, insight, view.key)
        return self._arranged_view(view, _arranger(view.kind))

    def _slot(self, view: View) -> str:
        """What an arranged view is kept under: the coverage table for its width."""
        return f"coverage {self.passages.text_width}" if view.kind == "coverage" else view.kind

    def _arranged_view(self, view: View, arrange: Arrange) -> list[blocks.Block]:
        """The timeline's, names view's or coverage's blocks as arranged from this insight:
        at once when short, in a thread when long (see `_arrange`)."""
        slot = self._slot(view)
        arranged = self._arranged.get(slot)
        if arranged is not None:
            return arranged
        if self._arranged_apart(view.kind):
            self._arrange(slot, arrange)
            from briefing.tui import view_blocks

            return view_blocks.arranging_blocks(blocks.view_title(self.briefing, view))
        arranged = self._arranged[slot] = arrange(self.briefing, self.insight)
        return arranged

    def _arranged_apart(self, kind: str) -> bool:
        """Whether a view is too long to arrange between two keys."""
        b, insight = self.briefing, self.insight
        if kind == "coverage":
            return len(b.documents) * len(b.sections) >= COVERAGE_APART
        entries = len(insight.timeline if kind == "timeline" else insight.names) if insight else 0
        return entries >= ARRANGED_APART

    def _arrange(self, slot: str, arrange: Arrange) -> None:
        """Arrange a long view in a thread, once (the view is redrawn meanwhile as marks or
        progress change); shown when done, if it is still the view on screen."""
        insight = self.insight
        if slot in self._arranging and self._arranging[slot] is insight:
            return
        self._arranging[slot] = insight

        def arranged() -> None:
            try:
                with collector_paused():  # tens of thousands of objects, none garbage yet
                    made = arrange(self.briefing, insight)
            except Exception as exc:  # a fault arranging a view must not take the reader down
                title = blocks.VIEW_TITLES[slot.split()[0]]
                made = [blocks.lead_block(title, f"Could not arrange it: {type(exc).__name__}")]
            self._hand_over(self._view_arranged, (insight, slot, made))

        self.run_worker(arranged, thread=True, group="arrange")

    def _view_arranged(self, arranged: tuple[Insight | None, str, list[blocks.Block]]) -> None:
        insight, slot, made = arranged
        if slot in self._arranging and self._arranging[slot] is insight:
            del self._arranging[slot]
        if insight is not self.insight:
            return  # arranged from insight that has been replaced since
        self._arranged[slot] = made
        gc.freeze()  # kept as long as the insight, like it (see `_insight_ready`)
        if self._slot(self.history.current.view) == slot:
            self._refresh_view()

    def _title_of(self, view: View) -> str:
        if view.kind == "name":
            name = self.insight.names.get(view.key) if self.insight else None
            return strip_controls(name.name) if name else "Name"
        return blocks.view_title(self.briefing, view)

    def _being_arranged(self, view: View) -> bool:
        """Whether a long timeline or names view is being arranged in a thread (see
        `_arrange`), behind the loading indicator; a short one is arranged at once. A view
        waiting for the linker says what the linker is doing instead (`_waits_for_linker`)."""
        if view.kind in ("timeline", "people") and self.insight is not None:
            return self._slot(view) not in self._arranged and self._arranged_apart(view.kind)
        return False

    def _waits_for_linker(self, view: View) -> bool:
        """Whether a view can show nothing until the linker is done (see `loading_blocks`)."""
        return (
            view.kind in INSIGHT_VIEWS
            and view.kind not in ("coverage", "unplaced")
            and self.insight is None
            and not self._insight_failed
        )

    def _show(self, place: Place, *, restore_scroll: bool = False) -> None:
        if place.view.kind == "search":  # back or forward into results: their search again
            self.search_query = place.view.key
        self.searching = self.search_query is not None
        self.listing = place.view.kind in LIST_VIEWS
        waiting = self._being_arranged(place.view)
        if self.passages.loading != waiting:
            self.passages.loading = waiting
        self.sub_title = self._title_of(place.view)
        self.query_one(TitleBar).show(self.briefing.title, self.sub_title)
        self.passages.show(
            self._blocks_for(place.view),
            place.passage,
            place.scroll_y if restore_scroll else None,
            offset=place.offset if restore_scroll else None,
            entry=self._entry_at.get(place.view) if restore_scroll else None,
        )
        self.query_one(SectionsPane).mark(place.view)
        # Fill the notes now rather than when the passage list's message arrives, so
        # that the pane is drawn once, complete, with the rest.
        self._show_notes()

    def _show_notes(self) -> None:
        finding = self._finding if self.insight is None and not self._insight_failed else ""
        links = self.links_here()
        block = self.passages.block
        if block is not None and block.passage_id is None and block.opens is not None:
            from briefing.tui import view_blocks  # deferred: not needed for the first screen

            about = view_blocks.about_blocks(self.briefing, self.insight, block.opens)
            self.query_one(NotesPanel).show_about(block.opens, about)
        elif block is not None and block.passage_id is None and block.note_id is not None:
            note = self.marks.note(block.note_id)
            if note is not None:
                self.query_one(NotesPanel).show_about(note, [blocks.unplaced_note_block(note)])
        else:
            # Beside the links list, 1-9 follow the list's rows: the focused row's passage
            # has its own links counted there, not numbered a second time.
            self.query_one(NotesPanel).show_passage(
                self.passages.passage_id,
                links,
                self.marks,
                finding=finding,
                numbered=self.history.current.view.kind != "links",
            )
        self._footer_context(bool(links))

    def _footer_context(self, has_links: bool) -> None:
        """Redraw the footer when what it offers changed (not on every move: it costs)."""
        block = self.passages.block
        context = (
            has_links,
            self.history.can_go_back,
            self.history.current.view.kind,
            block is not None and block.passage_id is not None,
            self.marks.own_note_at(block),
            bool(self.marks.offers_at(block)),
            block is not None and block.passage_id in self.marks.bookmarked,
        )
        if context != self._footer_shown:
            self._footer_shown = context
            self.refresh_bindings()

    def _refresh_view(self) -> None:
        """Redraw the current view in place (after the reader's marks changed)."""
        self._remember()
        self._show(self.history.current, restore_scroll=True)

    def go(self, view: View, passage: str | None = None) -> None:
        """Visit a new place; the one being left is kept for back."""
        self._remember()
        self.history.visit(Place(view, passage))
        self._show(self.history.current)
        self._moved()

    def _moved(self) -> None:
        """The reader went somewhere: remember it, a moment later, in the notes store."""
        if self._place_timer is not None:
            self._place_timer.stop()
        self._place_timer = self.set_timer(0.5, self._save_place)

    def _save_place(self) -> None:
        self._remember()
        self.session.save_place(*self.history.places())

    def _remember(self) -> None:
        passages = self.passages
        self.history.update(passages.passage_id, round(passages.scroll_y), passages.focus_offset)
        block = self.passages.block
        # The row itself, not only its passage: a timeline lists one passage once per date.
        if block is not None and block.kind == "entry" and self.passages.current is not None:
            self._entry_at[self.history.current.view] = self.passages.current

    def links_here(self) -> list[Link]:
        """The focused passage's links in the order 1-9 follow: curated, then suggested."""
        passage = self.passages.passage_id
        return self.links_of(passage) if passage else []

    def links_of(self, passage: str) -> list[Link]:
        """A passage's links, curated then suggested, numbered in this order everywhere."""
        found = self.insight.links if self.insight is not None else self._earlier
        return [*self.briefing.links_for(passage), *found.get(passage, ())]

    # -- what the linker finds ------------------------------------------------

    def start_insight(self) -> None:
        """Run the linker once the first screen is up; until it is done, curated links only,
        and those it found before an edit, if any."""
        self._recall_earlier_links()
        self._build_insight()

    @work(thread=True, exclusive=True, group="earlier links")
    def _recall_earlier_links(self) -> None:
        from briefing.core.linking import derived
        from briefing.tui.insight import links_by_passage

        if derived.links_ready(self.briefing):
            return  # the linker answers at once: nothing to show meanwhile
        with collector_paused():  # see _build_insight
            earlier = derived.earlier_links(self.briefing)
            found = links_by_passage(self.briefing, earlier) if earlier else {}
        if found:
            self._hand_over(self._earlier_links_ready, found)

    def _earlier_links_ready(self, earlier: dict[str, list[Link]]) -> None:
        if self.insight is not None or self._insight_failed:
            return  # the linker was quicker, or failed: its word stands
        self._earlier, self._suggested_counts = earlier, None
        self._finding = f"{FINDING} {EARLIER}"
        self._refresh_view()

    @work(thread=True, exclusive=True, group="insight")
    def _build_insight(self) -> None:
        # Deferred: the linker and its lexicons are not needed for the first screen.
        from briefing.core import progress
        from briefing.core.linking.derived import links_ready
        from briefing.tui import insight_process
        from briefing.tui.insight import build_insight, read_insight

        told, last_stage = 0.0, ""

        def tell(stage: str, done: int, total: int) -> None:
            nonlocal told, last_stage
            if stage == progress.OVER:
                return  # the links are ready: the views are arranged next, and said so
            now = time.monotonic()
            # A few times a second (each redraws the notes), and at once on a new stage.
            if now - told >= PROGRESS_EVERY or stage != last_stage:
                told, last_stage = now, stage
                self._hand_over(
                    self._linker_progress, f"{stage} {100 * done // total}%" if total else stage
                )

        worker = get_current_worker()
        try:
            with progress.reported_to(tell):
                # A large briefing is linked in a child, off this process's lock and heap,
                # then read back here; not when the cache holds all of it (a second open).
                # What is read back or arranged lives as long as the reader: a full
                # collection of the heap it grows held the interpreter, and a key, for
                # 60 ms at 500 documents.
                large = insight_process.wanted(self.briefing)
                if large and links_ready(self.briefing):  # a second open: ~1 s at 500 documents
                    self._hand_over(self._reading_back, READING_BACK)
                with collector_paused():
                    insight = read_insight(self.briefing) if large else None
                if insight is None:
                    if large:
                        insight_process.link_apart(self.briefing, lambda: worker.is_cancelled)
                        if worker.is_cancelled:
                            return
                    with collector_paused():
                        insight = build_insight(self.briefing)
        except insight_process.LinkerFailed as exc:
            self._hand_over(self._insight_lost, str(exc))
            return
        except Exception as exc:  # a linker fault must not take the reader down with it
            self._hand_over(self._insight_lost, f"{type(exc).__name__}: {exc}")
            return
        self._hand_over(self._insight_ready, insight)

    def _hand_over(self, callback: Callable[[Any], None], value: object) -> None:
        """Give a worker's result to the UI thread, unless the reader closed meanwhile."""
        if get_current_worker().is_cancelled:
            return
        with contextlib.suppress(RuntimeError):  # the app stopped while the linker worked
            self.app.call_from_thread(self._delivered, callback, value)

    def _delivered(self, callback: Callable[..., None], *values: object) -> None:
        """Run a worker's callback on the UI thread, unless the reader is closing: once `q`
        is pressed the panes go one by one, and a result shown then found none to show in."""
        if self.is_attached:
            callback(*values)

    def _reading_back(self, saying: str) -> None:
        if self.insight is None:
            self._finding = saying
            self._linker_doing = saying
            self._show_notes()
            self._redraw_if_waiting()

    def _linker_progress(self, doing: str) -> None:
        if self.insight is None:
            self._finding = f"{FINDING} {doing}{f' {EARLIER}' if self._earlier else ''}"
            self._linker_doing = doing
            self._show_notes()
            self._redraw_if_waiting()

    def _redraw_if_waiting(self) -> None:
        """A view waiting for the linker says how far it is (a line: cheap to redraw)."""
        if self._waits_for_linker(self.history.current.view):
            self._refresh_view()

    def _insight_ready(self, insight: Insight) -> None:
        self.insight = insight
        self._earlier, self._suggested_counts, self._arranged = {}, None, {}
        # The links and views live as long as the reader, like the briefing frozen at
        # start (see run_reader): unfrozen, a full collection walks all of them again.
        gc.freeze()
        # Every view changes: passage headers count the suggested links too.
        self._refresh_view()
        self.query_one(SectionsPane).offer(
            {s.id: len(insight.suggested_for(s.id)) for s in self.briefing.sections}
        )

    def _insight_lost(self, message: str) -> None:
        self._insight_failed = True
        self._earlier, self._suggested_counts = {}, None  # not worked out for this version
        self.say(
            f"Suggested links and views are not available: {message}",
            severity="warning",
            timeout=8,
        )
        self._refresh_view()

    @on(PassageList.CurrentChanged)
    def _passage_changed(self, event: PassageList.CurrentChanged) -> None:
        # Keys fill the notes at once (see `action_next_passage`), and this finds them
        # filled; a click or a scroll by the mouse fills them here.
        self._show_notes()
        if self.is_mounted:
            self._moved()
            self.session.refresh_if_changed()  # another reader may have written

    @on(SectionsPane.ViewChosen)
    def _view_chosen(self, event: SectionsPane.ViewChosen) -> None:
        if event.view != self.history.current.view:
            self.go(event.view)
        self.passages.focus()

    @on(PassageList.EntryClicked)
    def _entry_clicked(self, event: PassageList.EntryClicked) -> None:
        if self.history.current.view.kind in INSIGHT_VIEWS:
            self.action_activate()

    @on(NotesPanel.LinkChosen)
    def _link_chosen(self, event: NotesPanel.LinkChosen) -> None:
        # A click reaches links past 9 too.
        self._follow(event.number, self.links_here(), self.passages.passage_id or "")

    # -- actions: moving --------------------------------------------------

    def action_next_passage(self) -> None:
        self.passages.move(1)
        # Now, not when the list's CurrentChanged arrives: by then the list has been
        # drawn, and the notes would cost a second frame, a key's repaint split in two.
        self._show_notes()

    def action_previous_passage(self) -> None:
        self.passages.move(-1)
        self._show_notes()

    def action_page_down(self) -> None:
        self.passages.page(1)
        self._show_notes()

    def action_page_up(self) -> None:
        self.passages.page(-1)
        self._show_notes()

    def action_half_page(self, direction: int) -> None:
        self.passages.page(direction, half=True)
        self._show_notes()

    def action_first_passage(self) -> None:
        self.passages.first()
        self._show_notes()

    def action_last_passage(self) -> None:
        self.passages.last()
        self._show_notes()

    def action_next_section(self) -> None:
        self._step_section(1)

    def action_previous_section(self) -> None:
        self._step_section(-1)

    def _step_section(self, step: int) -> None:
        """n/p: the next section from a section, the next source from a source; from a
        list view, the section (or source) after the one read last before it."""
        view = self._last_read_view()
        if view is not None and view.kind == "source":
            ids = [d.id for d in self.briefing.documents]
            what = "source"
        else:
            ids = [s.id for s in self.briefing.sections]
            what = "section"
        if view is not None and view.key in ids:
            position = ids.index(view.key) + step
        else:
            position = 0 if step > 0 else len(ids) - 1
        if 0 <= position < len(ids):
            target = View(what, ids[position])
            if target != self.history.current.view:
                self.go(target)
                return
        self.say(f"No more {what}s" if step > 0 else f"This is the first {what}", timeout=2)

    def _last_read_view(self) -> View | None:
        """The section or source shown now, or else the last one read before this view."""
        places, index = self.history.places()
        for place in reversed(places[: index + 1]):
            if place.view.kind in ("section", "source"):
                return place.view
        return None

    # -- actions: links and history ---------------------------------------

    def action_follow(self, number: int) -> None:
        view = self.history.current.view
        if view.kind == "links":  # the list's rows, numbered as the keys follow them
            self._follow(number, self.links_of(view.key)[:MAX_LINKS], view.key)
        else:
            self._follow(number, self.links_here()[:MAX_LINKS], self.passages.passage_id or "")

    def _follow(self, number: int, links: list[Link], origin: str) -> None:
        if not 1 <= number <= len(links):
            self.say(
                "No link here" if not links else f"Links here go up to {len(links)}",
                severity="warning",
                timeout=2,
            )
            return
        target = links[number - 1].other(origin)
        self.go(self.view_for(target), target)

    def view_for(self, passage_id: str) -> View:
        """Where to read a passage: here if it is here, else its first section, else its source."""
        current = self.history.current.view
        if passage_id in self.passages.passage_ids and current.kind not in LIST_VIEWS:
            return current
        sections = self.briefing.sections_of(passage_id)
        if sections:
            return View("section", sections[0])
        if self.insight is not None and passage_id in self.insight.suggestions:
            return View("section", self.insight.suggestions[passage_id].section_id)
        return View("source", self.briefing.passages[passage_id].doc)

    def action_back(self) -> None:
        self._remember()
        place = self.history.back()
        if place is None:
            self.say("Nothing to go back to", timeout=2)
            return
        self._show(place, restore_scroll=True)
        self._moved()

    def action_forward(self) -> None:
        self._remember()
        place = self.history.forward()
        if place is None:
            self.say("Nothing to go forward to", timeout=2)
            return
        self._show(place, restore_scroll=True)
        self._moved()

    def action_open_in_source(self) -> None:
        passage = self.passages.passage_id
        if passage is None:
            return
        doc = self.briefing.passages[passage].doc
        self.go(View("source", doc), passage)

    # -- actions: search --------------------------------------------------

    @work(thread=True, exclusive=True, group="search")
    def _run_search(self, query: str) -> None:
        """Search off the UI thread: a large briefing must not freeze the screen."""
        if self._search_index is None:
            from briefing.core.search import SearchIndex  # deferred: not for the first screen

            self._search_index = SearchIndex(self.briefing)
        matches = self._search_index.search(query)
        self.app.call_from_thread(self._delivered, self._search_done, query, matches)

    def _search_done(self, query: str, matches: list[Match]) -> None:
        self._search_results[query] = matches
        place = self.history.current
        if place.view == View("search", query):
            self._show(place)
        if self._asked == query:
            self._asked = None
            self._searched(query)

    def _searched(self, query: str) -> None:
        """Show what the search line asked for; nothing found, stay put and say so (less)."""
        if self._search_results[query]:
            self.search_query = query
            self.go(View("search", query))
        else:
            self.say(f"Pattern not found: {query}", severity="warning", timeout=4)

    def action_search(self) -> None:
        bar = self.search_bar()
        bar.open(self.search_query or "")

    def search_bar(self) -> SearchBar:
        """The search line, mounted the first time it is wanted rather than at start."""
        # Deferred: Textual's Input is a large import that the first screen does not need.
        from briefing.tui.widgets.search_bar import SearchBar

        bars = self.query(SearchBar)
        if bars:
            return bars.first()
        bar = SearchBar(id="search")
        self.mount(bar, before=self.query_one(KeyBar))
        return bar

    def on_search_bar_asked(self, event: SearchBar.Asked) -> None:
        self.passages.focus()
        query = event.query
        if not query:
            return
        if query in self._search_results:
            self._searched(query)
        else:
            self._asked = query
            self._run_search(query)

    def on_search_bar_cancelled(self, event: SearchBar.Cancelled) -> None:
        self.passages.focus()

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        """Focus the next (or previous) passage with a match in this view, wrapping like vim."""
        passages = self.passages
        if self.history.current.view.kind == "search":
            hits = passages.passage_ids
        else:
            matches = self._matches()
            hits = [pid for pid in passages.passage_ids if pid in matches]
        if not hits:
            self.say(
                f"No match for {self.search_query} here · Esc ends the search",
                severity="warning",
                timeout=3,
            )
            return
        order = {pid: i for i, pid in enumerate(passages.passage_ids)}
        position = order.get(passages.passage_id or "", -1)
        if step > 0:
            later = [pid for pid in hits if order[pid] > position]
            target = later[0] if later else hits[0]
            wrapped = not later
            said = "Search hit BOTTOM, continuing at TOP"
        else:
            earlier = [pid for pid in hits if order[pid] < position]
            target = earlier[-1] if earlier else hits[-1]
            wrapped = not earlier
            said = "Search hit TOP, continuing at BOTTOM"
        if wrapped:
            self.say(said, timeout=2)
        index = passages.index_of(target)
        if index is not None:
            passages.focus_passage(index)
            self._show_notes()

    def action_leave_view(self) -> None:
        """Esc: leave a list view (results end their search); elsewhere end the search."""
        kind = self.history.current.view.kind
        if kind == "search" or kind not in LIST_VIEWS:
            self.search_query = None
            self.searching = False
        if kind not in LIST_VIEWS:
            self._refresh_view()
            return
        # Back to the reading, past every list opened on the way (T, then P, then Esc), as
        # q leaves less's help; Backspace still steps back one view at a time.
        self._remember()
        place = self.history.back_to(lambda p: p.view.kind not in LIST_VIEWS)
        if place is None:  # opened straight into lists (a restored session): start reading
            self.history.visit(self._first_place())
            place = self.history.current
        self._show(place, restore_scroll=True)
        self._moved()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if getattr(self.app, "quitting", False):
            return False  # closing: a key typed after q opens nothing
        if action in ("next_match", "previous_match"):
            return self.searching or False  # False: hidden, and n falls through to next section
        if action == "next_section" and self.searching:
            return False  # while results are shown, n steps through them
        if action == "leave_view":
            return self.listing or self.searching or False
        if action == "search":  # a priority key: in the search line, `/` is typed
            return getattr(self.focused, "id", None) != "search"
        return True

    def watch_searching(self) -> None:
        self.refresh_bindings()

    def footer_entry(self, binding: Binding) -> FooterEntry | None:
        """Whether and how the footer shows a key now (see KeyBar): the keys that matter here."""
        ident = binding.id or ""
        if isinstance(self.focused, SectionsPane):
            pane_key = ident.startswith("sections.") and binding.show
            if pane_key or ident in ("app.help", "app.quit"):
                return FooterEntry(MUST)
            if ident == "reader.toggle-sections":
                return FooterEntry(PANES, "Hide")
            return None
        rank = FOOTER_RANKS.get(ident)
        if rank is None:
            return None
        context = self._footer_shown or (False, False, "", False, False, False, False)
        has_links, can_back, kind, on_passage, has_note, has_offer, bookmarked = context
        listing = kind in LIST_VIEWS and kind != "search"
        # Reserved while they do not apply: the line keeps the same keys from move to move.
        if ident == "reader.follow-1":  # a list of names or sections never has links
            if not has_links and listing:
                return None
            if listing and kind != "links" and not self.notes_shown:
                return None  # the numbers are the notes pane's, and it is folded away
            return FooterEntry(rank, reserved=not has_links)
        if ident == "reader.back":  # in a list, Esc says it
            return None if listing else FooterEntry(rank, reserved=not can_back)
        if ident == "reader.next-section":
            return FooterEntry(rank) if kind in ("section", "source") else None
        if ident == "reader.leave-search":
            return FooterEntry(rank, "Back" if listing else "End search")
        if ident == "reader.activate":
            return FooterEntry(rank) if listing else None
        if ident == "reader.open-in-source":
            return FooterEntry(rank) if on_passage and kind != "source" else None
        if ident in ("reader.toggle-sections", "reader.toggle-notes"):
            return self._pane_entry(ident)
        if ident == "reader.edit-note":
            return FooterEntry(MUST if kind == "mine" else rank) if has_note else None
        if ident == "reader.copy-note":
            return FooterEntry(MUST if kind == "mine" else rank) if has_offer else None
        if ident == "reader.bookmark":
            if not on_passage:
                return None
            if kind == "mine":  # the list's own key: on a bookmark it unmarks, on a note it marks
                return FooterEntry(MUST, "Unmark" if bookmarked else "Bookmark")
            return FooterEntry(rank)
        if ident == "reader.add-note":
            return FooterEntry(rank) if on_passage and kind != "mine" else None
        if ident == "reader.bookmarks":
            return FooterEntry(rank) if kind != "mine" else None
        return FooterEntry(rank)

    def _pane_entry(self, ident: str) -> FooterEntry | None:
        """t and i while their pane is folded: one `t/i Panes` when both are."""
        folded = not self.sections_shown, not self.notes_shown
        if folded == (True, True):
            if ident == "reader.toggle-sections":
                return FooterEntry(PANES, "Panes", partner="reader.toggle-notes")
            return None
        if ident == "reader.toggle-sections" and folded[0]:
            return FooterEntry(PANES)
        if ident == "reader.toggle-notes" and folded[1]:
            return FooterEntry(PANES)
        return None

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            # Run before Textual's own handler: each node was styled as it mounted, a
            # moment ago, and a class or focus change restyles what it touches. Restyling
            # the whole screen again on its first showing cost the first screen ~6 ms.
            event.refresh_styles = False
            self._resumed = True
        self.refresh_bindings()

    def watch_listing(self) -> None:
        self.refresh_bindings()

    # -- actions: views over the whole briefing -----------------------------

    def show_view(self, kind: str, key: str = "") -> None:
        """Open a view (timeline, people, coverage...); asked again, stay where it is."""
        if self.history.current.view != View(kind, key):
            self.go(View(kind, key))
        self.passages.focus()

    def action_show_timeline(self) -> None:
        self.show_view("timeline")

    def action_show_people(self) -> None:
        self.show_view("people")

    def action_show_links(self) -> None:
        passage = self.passages.passage_id
        if passage is None:
            self.say("No passage here", severity="warning", timeout=2)
        elif not self.links_of(passage):
            self.say("No link here", severity="warning", timeout=2)
        else:
            self.go(View("links", passage))

    def action_show_coverage(self) -> None:
        self.show_view("coverage")

    # -- the reader's own notes, bookmarks and place ------------------------

    def open_user_data(self) -> None:
        """Open the notes store in a worker, once the first screen is up."""
        self.session.open()

    def on_user_session_opened(self, event: UserSession.Opened) -> None:
        if not self.is_attached:  # the reader is closing (see `_delivered`)
            return
        for warning in event.warnings:
            self.say(warning, title="Your notes", severity="warning", timeout=10)
        self.query_one(TitleBar).mark_notes_read_only(bool(self.session.read_only_reason))
        # A reader with no notes or bookmarks yet: the view as drawn is already right.
        unchanged = event.marks == self.marks
        self.marks = event.marks
        untouched = (
            len(self.history.places()[0]) == 1 and self.passages.passage_id == self._start_passage
        )
        if event.places and untouched:
            self.history = History.restore(event.places, event.index)
            self._show(self.history.current, restore_scroll=True)
        elif not unchanged:
            self._refresh_view()

    def on_user_session_changed(self, event: UserSession.Changed) -> None:
        if not self.is_attached:  # the reader is closing (see `_delivered`)
            return
        self.marks = event.marks
        self._refresh_view()
        if event.said:
            self.say(event.said, timeout=2)

    def on_user_session_told(self, event: UserSession.Told) -> None:
        self.say(event.message, title=event.title, severity=event.severity, timeout=event.timeout)

    def on_user_session_failed(self, event: UserSession.Failed) -> None:
        if not self.is_attached:  # the reader is closing (see `_delivered`)
            return
        self.say(event.message, title="Your notes", severity="error", timeout=8)
        self.query_one(TitleBar).mark_notes_read_only(bool(self.session.read_only_reason))

    def on_unmount(self) -> None:
        self._remember()
        self.session.save_place_now(*self.history.places())

    def _writable(self) -> bool:
        reason = self.session.read_only_reason
        if reason:
            message = self.session.read_only_message
            self.say(message, title="Your notes", severity="warning", timeout=8)
        return not reason

    def action_toggle_bookmark(self) -> None:
        passage = self.passages.passage_id
        if passage is not None and self._writable():
            self.session.toggle_bookmark(passage, passage in self.marks.bookmarked)

    def action_add_note(self) -> None:
        passage = self.passages.passage_id
        if passage is not None and self._writable():
            self._edit(passage, None, "")

    def action_edit_note(self) -> None:
        block = self.passages.block
        if block is None or not self._writable():
            return
        if block.note_id is not None:
            note = self.marks.note(block.note_id)
            if note is not None and note.elsewhere:
                self.session.say_kept_elsewhere(note)
            elif note is not None:
                self._edit(note.passage, note.id, note.text)
            return
        mine = self.marks.notes_on(block.passage_id)
        if len(mine) > 1:
            self._pick_note(mine)
        elif mine:
            self._edit(block.passage_id, mine[-1].id, mine[-1].text)
        elif block.passage_id is not None:
            self._edit(block.passage_id, None, "")

    def _pick_note(
        self, notes: list[AnchoredNote], then: Callable[[AnchoredNote], None] | None = None
    ) -> None:
        """Ask which of the notes on a passage; edit it (or do `then` with it)."""
        from briefing.tui.screens.note_picker import NotePicker  # deferred: OptionList

        def picked(note_id: int | None) -> None:
            note = next((n for n in notes if n.id == note_id), None)
            if note is not None and then is not None:
                then(note)
            elif note is not None:
                self._edit(note.passage, note.id, note.text)

        self.app.push_screen(NotePicker(notes, "edit" if then is None else "copy"), picked)

    def action_copy_note(self) -> None:
        self.session.copy_offered(self.marks.offers_at(self.passages.block), self._pick_note)

    def _edit(self, passage: str | None, note_id: int | None, text: str) -> None:
        from briefing.tui.screens.note_editor import (  # deferred: TextArea is large
            NoteEdit,
            NoteEditor,
        )

        if passage is not None:
            document = self.briefing.document_of(passage)
            title = Content.assemble(
                ("Your note on ", "bold"),
                (document.short_name, "bold"),
                " ",
                (self.briefing.citation(passage), "$text-muted"),
            )
        else:
            title = Content.styled("Your note (its passage is no longer found)", "bold")

        def done(edit: NoteEdit | None) -> None:
            if edit is None:
                return
            if edit.delete and note_id is not None:
                self.session.delete_note(note_id)
            elif note_id is not None:
                self.session.update_note(note_id, edit.text)
            elif passage is not None:
                self.session.add_note(passage, edit.text)

        shown = self.briefing.passages[passage].text if passage is not None else ""
        editor = NoteEditor(title, text, existing=note_id is not None, passage=shown)
        self.app.push_screen(editor, done)

    def action_show_mine(self) -> None:
        self.go(View("mine", ""))

    def action_activate(self) -> None:
        """Enter: in a list, open the entry's passage; on a passage, follow its first link."""
        block = self.passages.block
        if block is not None and block.kind == "entry":
            if block.opens is not None:
                self.go(block.opens)
            elif block.passage_id is not None:
                self.go(self.view_for(block.passage_id), block.passage_id)
            else:
                note = self.marks.note(block.note_id)
                if note is not None and note.elsewhere:
                    self.session.say_kept_elsewhere(note)
                elif note is not None:
                    self.say(
                        "Its passage is no longer in the briefing: e edits the note", timeout=4
                    )
            return
        self.action_follow(1)

    # -- actions: panes ---------------------------------------------------

    def action_toggle_sections(self) -> None:
        self.sections_shown = not self.sections_shown
        if self.sections_shown and self.notes_shown and not self._room_for_both(self.size.width):
            self.notes_shown = False
            self.say("Notes pane folded to leave room for the text · i brings it back", timeout=3)

    def action_toggle_notes(self) -> None:
        self.notes_shown = not self.notes_shown
        if self.sections_shown and self.notes_shown and not self._room_for_both(self.size.width):
            self.sections_shown = False
            self.say(
                "Sections pane folded to leave room for the text · t brings it back", timeout=3
            )

    def action_scroll_notes(self, direction: int) -> None:
        if not self.notes_shown:
            self.notes_shown = True  # scrolling a folded pane: bring it back first
            return
        self.query_one(NotesPanel).scroll_lines(direction)
