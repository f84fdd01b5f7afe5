"""The briefing model: immutable records built by the loader, read by every surface.

Every record is a named tuple, not a dataclass: a frozen dataclass costs ten times as
much to define, and more to build, which the loader pays per passage and the linker per
link; and importing `dataclasses` (with `inspect`) adds ~8 ms to a command's start, a
tenth of a `briefing summary` (which then imports none). A changed copy is `_replace`
(a briefing without its links).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from briefing.core.short_names import title_opening


class Passage(NamedTuple):
    """The unit of reading and linking: one block of one document."""

    id: str
    """Stable, human-readable id: `<document id>:<index>`, e.g. `harbour-news:12`."""
    doc: str
    index: int
    """1-based position among the document's passages (the `¶` in citations)."""
    text: str
    """Plain text with control characters removed; safe to print."""
    kind: str = "paragraph"
    """paragraph | item | quote | heading-led | code"""
    heading: str = ""
    """The nearest heading above the passage in its document, for context."""
    line: int = 0
    """Line of the passage in its document file."""


class Document(NamedTuple):
    """One source article."""

    id: str
    number: int
    """1-based position in the briefing: the `2` in the citation `[2 ¶14]`."""
    path: Path
    title: str = ""
    publisher: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    kind: str = ""
    label: str = ""
    """Short name for badges; see `short_name` for what stands in when there is none."""
    passages: tuple[Passage, ...] = ()

    @property
    def short_name(self) -> str:
        """What badges and columns call the source: its label, else its publisher, else the
        title's first words (an id is a file slug, `5-lessons-harbour-strike`), else the id."""
        return self.label or self.publisher or title_opening(self.title) or self.id

    @property
    def heading(self) -> str:
        """The title; for an untitled document, what it is known by, saying it is untitled."""
        return self.title or f"{self.short_name} (untitled)"

    @property
    def details(self) -> str:
        """Publisher, author and date, naming what is not known rather than guessing."""
        return " · ".join(
            (
                self.publisher or "publisher not given",
                self.author or "no byline",
                self.date or "undated",
            )
        )

    @property
    def byline(self) -> str:
        """Publisher, author and date as far as they are known."""
        parts = [self.publisher, self.author, self.date]
        return " · ".join(p for p in parts if p)


class KeyPoint(NamedTuple):
    """One point of a section's summary, written by the briefing's author, with its citations."""

    text: str
    cites: tuple[str, ...]


class Section(NamedTuple):
    """A part of the briefing: a title, an intro, its passages and its key points."""

    id: str
    title: str
    intro: str = ""
    passages: tuple[str, ...] = ()
    key_points: tuple[KeyPoint, ...] = ()


class Annotation(NamedTuple):
    """A note of the briefing's author attached to a passage."""

    passage: str
    kind: str
    text: str
    cites: tuple[str, ...] = ()


class GlossaryEntry(NamedTuple):
    """A term the briefing explains, the other names it goes by, and where it is cited."""

    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


class LinkKind(NamedTuple):
    symbol: str
    label: str


LINK_KINDS: dict[str, LinkKind] = {
    "same-event": LinkKind("≈", "same event"),
    "same-figure": LinkKind("=", "same figure"),
    "agreement": LinkKind("+", "agrees"),
    "disagreement": LinkKind("≠", "disagrees"),
    "background": LinkKind("←", "background"),
    "related": LinkKind("~", "related"),
}
"""Relations between passages, with the symbol the reader shows for each."""


class Link(NamedTuple):
    """A relation between passages in two different sources.

    A tuple, with no `__dict__`: a briefing of 500 documents holds some 90,000 links,
    and a `__dict__` apiece cost them 10 MB.
    """

    source: str
    target: str
    kind: str
    score: float = 1.0
    reasons: tuple[str, ...] = ()
    curated: bool = True

    def other(self, passage_id: str) -> str:
        return self.target if passage_id == self.source else self.source

    def symbol_from(self, passage_id: str) -> str:
        """The link's symbol as seen from `passage_id`: background points to where it
        comes from (← on the passage that needs it, → on the one giving it)."""
        if self.kind == "background":
            return "←" if passage_id == self.source else "→"
        return LINK_KINDS[self.kind].symbol if self.kind in LINK_KINDS else "~"


class _BriefingFields(NamedTuple):
    title: str
    file: Path
    documents: tuple[Document, ...]
    sections: tuple[Section, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    links: tuple[Link, ...] = ()
    description: str = ""
    id: str = ""
    """The `id:` line: keeps the reader's notes with the briefing when it is moved."""


class Briefing(_BriefingFields):
    """A whole briefing, resolved: every reference points at a real passage.

    A subclass of its fields' named tuple, so that it has a `__dict__` for its cached
    lookups; `_replace` gives a Briefing with none of them cached.
    """

    @property
    def root(self) -> Path:
        return self.file.parent

    def __reduce__(self) -> tuple[type[Briefing], tuple[Any, ...]]:
        # Its fields only: the cached lookups and the memo (64,000 links at 500 documents)
        # are worked out again by whoever unpickles it.
        return (type(self), tuple(self))

    @cached_property
    def memo(self) -> dict[str, Any]:
        """What other layers worked out for this very object (its links, their cache key),
        by name: kept as long as it is, never carried over to a changed copy or a pickle."""
        return {}

    @cached_property
    def passages(self) -> dict[str, Passage]:
        """Every passage by id, in document order."""
        return {p.id: p for d in self.documents for p in d.passages}

    @cached_property
    def _documents_by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    def document(self, doc_id: str) -> Document:
        return self._documents_by_id[doc_id]

    def document_of(self, passage_id: str) -> Document:
        return self._documents_by_id[self.passages[passage_id].doc]

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def citation(self, passage_id: str) -> str:
        """`[2 ¶14]`: the document's number and the passage's position."""
        passage = self.passages[passage_id]
        return f"[{self.document(passage.doc).number} ¶{passage.index}]"

    @cached_property
    def _annotations_by_passage(self) -> dict[str, list[Annotation]]:
        grouped: dict[str, list[Annotation]] = defaultdict(list)
        for note in self.annotations:
            grouped[note.passage].append(note)
        return grouped

    def annotations_for(self, passage_id: str) -> list[Annotation]:
        return self._annotations_by_passage.get(passage_id, [])

    @cached_property
    def _links_by_passage(self) -> dict[str, list[Link]]:
        grouped: dict[str, list[Link]] = defaultdict(list)
        for link in self.links:
            grouped[link.source].append(link)
            grouped[link.target].append(link)
        for links in grouped.values():
            links.sort(key=lambda link: (not link.curated, -link.score))
        return grouped

    def links_for(self, passage_id: str) -> list[Link]:
        """Links touching a passage, curated first, then by score."""
        return self._links_by_passage.get(passage_id, [])

    @cached_property
    def _sections_by_passage(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = defaultdict(list)
        for section in self.sections:
            for pid in section.passages:
                grouped[pid].append(section.id)
        return grouped

    def sections_of(self, passage_id: str) -> list[str]:
        return self._sections_by_passage.get(passage_id, [])
