"""The right pane: everything known about the focused passage — source, notes, terms, links."""

from __future__ import annotations

import re
from functools import lru_cache

from textual import on
from textual.content import Content
from textual.message import Message

from briefing.core.model import LINK_KINDS, Briefing, GlossaryEntry, Link
from briefing.core.summary import source_details
from briefing.core.text import snippet, strip_controls
from briefing.tui.blocks import Block, heading_block
from briefing.tui.sources import badge_style, ink_style
from briefing.tui.user_session import NO_MARKS, UserMarks
from briefing.tui.widgets.block_view import BlockView

MAX_LINKS = 9


class NotesPanel(BlockView):
    """Source details, annotations, glossary terms and numbered cross-links of one passage."""

    class LinkChosen(Message):
        """A link was clicked."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.briefing = briefing
        self._shown: tuple[object, ...] | None = None

    def show_passage(
        self, passage_id: str | None, links: list[Link], marks: UserMarks = NO_MARKS
    ) -> None:
        """Fill the pane for a passage; `links` in the order the number keys follow."""
        shown = (
            passage_id,
            list(links),
            marks.notes_on(passage_id),
            passage_id in marks.bookmarked,
        )
        if self._shown == shown:
            return
        self._shown = shown
        if passage_id is None:
            self.set_blocks([Block("lead", Content("No passage here."))])
            return
        self.set_blocks(notes_blocks(self.briefing, passage_id, links, marks))
        self.scroll_to(y=0, animate=False, immediate=True)

    @on(BlockView.Clicked)
    def _clicked(self, event: BlockView.Clicked) -> None:
        event.stop()
        if event.block.kind == "link" and event.block.number is not None:
            self.post_message(self.LinkChosen(event.block.number))


def notes_blocks(
    b: Briefing, passage_id: str, links: list[Link], marks: UserMarks = NO_MARKS
) -> list[Block]:
    passage = b.passages[passage_id]
    document = b.document(passage.doc)
    source = [
        Content(strip_controls(document.title or document.id)).stylize("italic"),
        Content(source_details(document)).stylize("$text-muted"),
    ]
    if passage.heading:
        source.append(Content.assemble(("under ", "$text-muted"), strip_controls(passage.heading)))
    sections = [b.section(sid).title for sid in b.sections_of(passage_id)]
    if sections:
        source.append(Content.assemble(("in ", "$text-muted"), ", ".join(sections)))
    header = Content.assemble(
        (f" {strip_controls(document.short_name)} ", badge_style(b, document.id)),
        " ",
        (b.citation(passage_id), "$text-muted"),
        ("  " + passage_id, "$text-muted"),
    )
    if passage_id in marks.bookmarked:
        source.append(Content.styled("★ bookmarked", "bold $text-warning"))
    blocks = [Block("lead", Content("\n").join(source), header)]

    mine = marks.notes_on(passage_id)
    if mine:
        blocks.append(heading_block("Your notes", gap=False))
        for note in mine:
            changed = " (the passage changed since)" if note.status == "re-anchored" else ""
            blocks.append(
                Block(
                    "note",
                    Content.assemble(
                        ("✎ ", "bold $text-success"),
                        strip_controls(note.text),
                        (changed, "italic $text-warning"),
                    ),
                )
            )

    notes = b.annotations_for(passage_id)
    if notes:
        blocks.append(heading_block("Notes", gap=False))
        blocks += [
            Block(
                "note",
                Content.assemble(
                    (f"{note.kind.capitalize()}: ", "bold $text-accent"),
                    strip_controls(note.text),
                    (
                        " " + " ".join(b.citation(c) for c in note.cites) if note.cites else "",
                        "$text-muted",
                    ),
                ),
            )
            for note in notes
        ]

    terms = terms_in(b, passage_id)
    if terms:
        blocks.append(heading_block("Glossary", gap=False))
        blocks += [
            Block(
                "note",
                Content.assemble(
                    (entry.term, "bold"), (" — ", "$text-muted"), strip_controls(entry.definition)
                ),
            )
            for entry in terms
        ]

    if links:
        blocks.append(heading_block(f"Links ({len(links)})", gap=False))
        for number, link in enumerate(links[:MAX_LINKS], 1):
            blocks.append(link_block(b, passage_id, link, number))
        if len(links) > MAX_LINKS:
            blocks.append(
                Block("note", Content(f"and {len(links) - MAX_LINKS} more").stylize("$text-muted"))
            )
    return blocks


def link_block(b: Briefing, passage_id: str, link: Link, number: int) -> Block:
    other = link.other(passage_id)
    target = b.passages[other]
    label = LINK_KINDS[link.kind].label if link.kind in LINK_KINDS else link.kind
    header = Content.assemble(
        (f"{number} ", "bold"),
        (f"{relation_symbol(link, passage_id)} ", "bold $text-accent"),
        (b.document(target.doc).short_name, ink_style(b, target.doc)),
        " ",
        (b.citation(other), "$text-muted"),
        ("  " + label + ("" if link.curated else " · suggested"), "$text-muted"),
    )
    lines = [Content(snippet(target.text, 90))]
    if link.reasons:
        lines.append(
            Content(" · ".join(strip_controls(r) for r in link.reasons)).stylize(
                "$text-muted italic"
            )
        )
    return Block("link", Content("\n").join(lines), header, passage_id=other, number=number)


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
