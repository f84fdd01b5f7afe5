"""Command palette (ctrl+p): find any section, source, view, name, passage (by its words) or term."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from briefing.core.text import excerpt, snippet, strip_controls
from briefing.tui.blocks import counted
from briefing.tui.history import View

if TYPE_CHECKING:
    from briefing.tui.screens.reader import ReaderScreen

MAX_PASSAGE_HITS = 20
_WORD_BREAK = re.compile(r"[\s\-–—:/'’()]+")


class BriefingCommands(Provider):
    """Sections, sources and glossary terms by name; passages by the words they contain."""

    async def startup(self) -> None:
        from briefing.core.search import SearchIndex  # deferred: not needed for the first screen

        screen = self.reader
        self._index = SearchIndex(screen.briefing) if screen is not None else None

    @property
    def reader(self) -> ReaderScreen | None:
        from briefing.tui.screens.reader import ReaderScreen

        return self.screen if isinstance(self.screen, ReaderScreen) else None

    def _named(self, *, names: bool = True) -> list[tuple[str, str, View]]:
        screen = self.reader
        if screen is None:
            return []
        b = screen.briefing
        named = [
            (f"Section: {s.title}", f"{len(s.passages)} passages", View("section", s.id))
            for s in b.sections
        ]
        named += [
            (
                f"Source: {d.short_name} — {strip_controls(d.heading)}",
                d.byline or "whole document",
                View("source", d.id),
            )
            for d in b.documents
        ]
        named += [
            ("View: timeline", "the dates all sources give, in order", View("timeline", "")),
            ("View: people & places", "every name and its mentions per source", View("people", "")),
            ("View: coverage", "passages per section and source", View("coverage", "")),
        ]
        if names and screen.insight is not None:
            named += [
                (
                    f"Name: {strip_controls(n.name)}",
                    f"{counted(n.mentions, 'mention')} in {counted(len(n.per_source(b)), 'source')}",
                    View("name", n.key),
                )
                for n in screen.insight.names.values()
            ]
        named += [
            (
                f"Glossary: {g.term}",
                snippet(strip_controls(g.definition), 80),
                View("search", f'"{g.term}"'),
            )
            for g in b.glossary
        ]
        return named

    async def discover(self) -> Hits:
        # Names are found by typing, not listed: there may be hundreds of them.
        for name, help_text, view in self._named(names=False):
            # The palette reads a plain-string prompt or help as markup: article text is escaped.
            yield DiscoveryHit(
                Content(name), partial(self._go, view), text=name, help=escape(help_text)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        starts = _word_starts(query)
        for name, help_text, view in self._named():
            # Names and terms are many, and a source's headline is long: letters scattered
            # through one of them ('r…a…b…i…e' in a lake's name) find too much. Each word
            # typed must begin one of its words.
            if view.kind in ("name", "search", "source") and not starts(name):
                continue
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    _highlighted(matcher, name),
                    partial(self._go, view),
                    text=name,
                    help=escape(help_text),
                )
        screen = self.reader
        if screen is None or self._index is None or len(query.strip()) < 3:
            return
        by_id = _ids_like(list(screen.briefing.passages), query)
        for pid in by_id:  # a passage by its id, typed as the notes pane shows it
            yield self._passage_hit(screen, pid, 1.0 if pid == by_id[0] else 0.6)
        for match in self._index.search(query, limit=MAX_PASSAGE_HITS):
            if match.passage_id in by_id:
                continue
            start = max(0, match.spans[0][0] - 30) if match.spans else 0
            yield self._passage_hit(screen, match.passage_id, 0.5, start)

    def _passage_hit(self, screen: ReaderScreen, pid: str, score: float, start: int = 0) -> Hit:
        b = screen.briefing
        passage = b.passages[pid]
        # Cited as everywhere else, its id in the help (typing an id finds it too).
        label = Content.assemble(
            (f"Passage {b.citation(pid)}: ", "bold"),
            strip_controls(excerpt(passage.text.replace("\n", " "), start, 90)),
        )
        return Hit(
            score,
            label,
            partial(self._go_passage, pid),
            help=escape(f"{b.document(passage.doc).short_name} · {pid}"),
        )

    def _go(self, view: View) -> None:
        if (screen := self.reader) is not None:
            screen.go(view)

    def _go_passage(self, passage_id: str) -> None:
        if (screen := self.reader) is not None:
            screen.go(screen.view_for(passage_id), passage_id)


def _word_starts(query: str) -> Callable[[str], bool]:
    """Whether every word of `query` begins a word (or a hyphen's part) of a text."""
    wanted = [w for w in _WORD_BREAK.split(query.casefold()) if w]

    def starts(text: str) -> bool:
        words = _WORD_BREAK.split(text.casefold())
        return all(any(w.startswith(q) for w in words) for q in wanted)

    return starts


def _ids_like(ids: list[str], query: str) -> list[str]:
    """Passage ids the query names: the exact one first, then those it begins
    (`report:1` also finds `report:12`), at most MAX_PASSAGE_HITS."""
    wanted = query.strip().lower()
    if ":" not in wanted:
        return []
    exact = [pid for pid in ids if pid.lower() == wanted]
    begun = [pid for pid in ids if pid.lower().startswith(wanted) and pid not in exact]
    return (exact + begun)[:MAX_PASSAGE_HITS]


def _highlighted(matcher: Matcher, name: str) -> Content:
    """The matched letters marked, unless the name holds a bracket: Matcher.highlight reads
    its argument as markup, and a title from a briefing is never markup."""
    return Content(name) if "[" in name else matcher.highlight(name)
