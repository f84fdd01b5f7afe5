"""The right pane: everything known about the focused passage — source, notes, terms, links."""

from __future__ import annotations

import re
from functools import lru_cache

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from briefing.core.model import LINK_KINDS, Briefing, GlossaryEntry, Link
from briefing.core.summary import source_details
from briefing.core.text import snippet, strip_controls
from briefing.tui.sources import badge_style, ink_style

MAX_LINKS = 9


class LinkRow(Static):
    """One numbered cross-link; clicking follows it."""

    def __init__(self, number: int) -> None:
        super().__init__(id=f"link-{number}", classes="link-row", markup=False)
        self.number = number

    def on_click(self) -> None:
        self.post_message(NotesPanel.LinkChosen(self.number))


class NotesPanel(VerticalScroll, can_focus=False):
    """Shows a passage's source details, annotations, glossary terms and cross-links."""

    class LinkChosen(Message):
        """A link row was clicked."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.briefing = briefing

    def compose(self) -> ComposeResult:
        yield Static(id="notes-source", markup=False)
        yield Static("Notes", id="notes-heading", classes="notes-heading")
        yield Static(id="notes-annotations", markup=False)
        yield Static("Glossary", id="glossary-heading", classes="notes-heading")
        yield Static(id="notes-glossary", markup=False)
        yield Static("Links", id="links-heading", classes="notes-heading")
        for number in range(1, MAX_LINKS + 1):
            yield LinkRow(number)
        yield Static(id="links-more", markup=False)

    def show_passage(self, passage_id: str | None, links: list[Link]) -> None:
        """Fill the pane for a passage; `links` in the order the number keys follow."""
        b = self.briefing
        if passage_id is None:
            self.query_one("#notes-source", Static).update("No passage here.")
            self._section("notes", None)
            self._section("glossary", None)
            self._section("links", None)
            for row in self.query(LinkRow):
                row.display = False
            return
        passage = b.passages[passage_id]
        document = b.document(passage.doc)
        source = [
            Content.assemble(
                (f" {strip_controls(document.short_name)} ", badge_style(b, document.id)),
                " ",
                (b.citation(passage_id), "$text-muted"),
                ("  " + passage_id, "$text-muted"),
            ),
            Content(strip_controls(document.title or document.id)).stylize("italic"),
            Content(source_details(document)).stylize("$text-muted"),
        ]
        if passage.heading:
            source.append(
                Content.assemble(("under ", "$text-muted"), strip_controls(passage.heading))
            )
        sections = [b.section(sid).title for sid in b.sections_of(passage_id)]
        if sections:
            source.append(Content.assemble(("in ", "$text-muted"), ", ".join(sections)))
        self.query_one("#notes-source", Static).update(Content("\n").join(source))

        notes = [
            Content.assemble(
                (f"{note.kind.capitalize()}: ", "bold $text-accent"),
                strip_controls(note.text),
                (
                    " " + " ".join(b.citation(c) for c in note.cites) if note.cites else "",
                    "$text-muted",
                ),
            )
            for note in b.annotations_for(passage_id)
        ]
        self._section("notes", Content("\n\n").join(notes) if notes else None)

        terms = [
            Content.assemble(
                (entry.term, "bold"), (" — ", "$text-muted"), strip_controls(entry.definition)
            )
            for entry in terms_in(b, passage_id)
        ]
        self._section("glossary", Content("\n\n").join(terms) if terms else None)

        self._show_links(passage_id, links)
        self.scroll_home(animate=False)

    _BODIES = {"notes": "#notes-annotations", "glossary": "#notes-glossary"}

    def _section(self, name: str, content: Content | None) -> None:
        """Show a part's heading and body with `content`, or hide both when None."""
        heading = self.query_one(f"#{name}-heading")
        heading.display = content is not None
        if name not in self._BODIES:
            return
        body = self.query_one(self._BODIES[name], Static)
        body.display = content is not None
        if content is not None:
            body.update(content)

    def _show_links(self, passage_id: str, links: list[Link]) -> None:
        b = self.briefing
        self._section("links", Content("") if links else None)
        heading = self.query_one("#links-heading", Static)
        heading.update(f"Links ({len(links)})" if links else "Links")
        for number, row in enumerate(self.query(LinkRow), 1):
            if number > len(links):
                row.display = False
                continue
            link = links[number - 1]
            other = link.other(passage_id)
            target = b.passages[other]
            symbol = relation_symbol(link, passage_id)
            label = LINK_KINDS[link.kind].label if link.kind in LINK_KINDS else link.kind
            lines = [
                Content.assemble(
                    (f"{number} ", "bold"),
                    (f"{symbol} ", "bold $text-accent"),
                    (b.document(target.doc).short_name, ink_style(b, target.doc)),
                    " ",
                    (b.citation(other), "$text-muted"),
                    ("  " + label + ("" if link.curated else " · suggested"), "$text-muted"),
                ),
                Content("  " + snippet(target.text, 90)),
            ]
            if link.reasons:
                lines.append(
                    Content("  " + " · ".join(strip_controls(r) for r in link.reasons)).stylize(
                        "$text-muted italic"
                    )
                )
            row.update(Content("\n").join(lines))
            row.set_class(not link.curated, "-suggested")
            row.display = True
        more = self.query_one("#links-more", Static)
        more.display = len(links) > MAX_LINKS
        if len(links) > MAX_LINKS:
            more.update(Content(f"and {len(links) - MAX_LINKS} more").stylize("$text-muted"))


def relation_symbol(link: Link, passage_id: str) -> str:
    """The link's symbol as seen from `passage_id`: background points to where it comes from."""
    if link.kind == "background":
        return "←" if passage_id == link.source else "→"
    return LINK_KINDS[link.kind].symbol if link.kind in LINK_KINDS else "~"


def terms_in(briefing: Briefing, passage_id: str) -> list[GlossaryEntry]:
    """Glossary entries whose term or an alias occurs in the passage."""
    text = briefing.passages[passage_id].text
    return [
        entry for entry in briefing.glossary if any(_pattern(n).search(text) for n in entry.names)
    ]


@lru_cache(maxsize=1024)
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
