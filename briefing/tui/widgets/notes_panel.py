"""The right pane: everything known about the focused passage — source, notes, terms, links."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from textual import on
from textual.content import Content
from textual.message import Message

from briefing.core.model import Briefing, GlossaryEntry, Link
from briefing.core.text import snippet, strip_controls
from briefing.tui.blocks import Block, heading_block, link_header, reason_lines
from briefing.tui.sources import badge_style
from briefing.tui.user_session import NO_MARKS, UserMarks
from briefing.tui.widgets.block_view import BlockView

if TYPE_CHECKING:
    from briefing.core.userdata.store import AnchoredNote

MAX_LINKS = 9
KEPT_NOTES = 4
"""Passages whose notes are kept as built: j then k, or a link followed and back, shows
the same blocks again, and the pane then redraws them from the lines it kept."""


class NotesPanel(BlockView, can_focus=False):
    """Source details, numbered cross-links, notes and glossary terms of one passage.

    Not focusable: Tab moves between the sections and the text; J and K scroll it.
    """

    class LinkChosen(Message):
        """A link was clicked."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.briefing = briefing
        self.list_key = "L"
        """The key that lists every link of a passage, as bound (named past the ninth)."""
        self.copy_key = "c"
        """The key that copies another briefing's note into the reader's, as bound."""
        self._shown: tuple[object, ...] | None = None
        self._made: list[tuple[tuple[object, ...], list[Block]]] = []

    def scroll_lines(self, direction: int) -> None:
        """Scroll half the pane down (1) or up (-1), like less's d and u."""
        step = max(1, self.scrollable_content_region.height // 2)
        self.scroll_to(y=self.scroll_y + direction * step, animate=False, immediate=True)

    def show_passage(
        self,
        passage_id: str | None,
        links: list[Link],
        marks: UserMarks = NO_MARKS,
        *,
        finding: str = "",
        numbered: bool = True,
    ) -> None:
        """Fill the pane for a passage; `links` in the order the number keys follow.

        `finding`: suggested links are still being worked out, and how far (a quiet line
        says so). `numbered`: False beside the links list, whose rows the number keys
        follow: the passage's own links are then counted, not listed.
        Refilling the same passage (when they arrive) keeps the pane's scroll.
        """
        shown = (
            passage_id,
            list(links),
            marks.notes_on(passage_id),
            marks.offered_on(passage_id),
            passage_id in marks.bookmarked,
            finding,
            numbered,
        )
        if self._shown == shown:
            return
        same_passage = self._shown is not None and self._shown[0] == passage_id
        self._shown = shown
        if passage_id is None:
            self.set_blocks([Block("lead", Content("No passage here."))])
            return
        scroll = self.scroll_y
        made = next((blocks for key, blocks in self._made if key == shown), None)
        if made is None:
            made = notes_blocks(
                self.briefing,
                passage_id,
                links,
                marks,
                finding=finding,
                list_key=self.list_key,
                numbered=numbered,
                copy_key=self.copy_key,
            )
            self._made = [*self._made[1 - KEPT_NOTES :], (shown, made)]
        self.set_blocks(made)
        self.scroll_to(y=scroll if same_passage else 0, animate=False, immediate=True)

    def show_about(self, key: object, blocks: list[Block]) -> None:
        """Fill the pane with what is known of a focused entry that is not a passage."""
        if self._shown == (key,):
            return
        self._shown = (key,)
        self.set_blocks(blocks)
        self.scroll_to(y=0, animate=False, immediate=True)

    @on(BlockView.Clicked)
    def _clicked(self, event: BlockView.Clicked) -> None:
        event.stop()
        if event.block.kind == "link" and event.block.number is not None:
            self.post_message(self.LinkChosen(event.block.number))


def notes_blocks(
    b: Briefing,
    passage_id: str,
    links: list[Link],
    marks: UserMarks = NO_MARKS,
    *,
    finding: str = "",
    list_key: str = "L",
    numbered: bool = True,
    copy_key: str = "c",
) -> list[Block]:
    """Source, the briefing's notes and the reader's, glossary terms, then the links.

    `links` curated first, then suggested; `finding`: what the linker, not finished yet,
    is doing ('finding suggested links… reading the sources 40%'); `list_key`: the key
    that lists them all, named when there are more than the number keys reach;
    `numbered`: False to count the links rather than list them (see `own_links_line`).
    """
    passage = b.passages[passage_id]
    document = b.document(passage.doc)
    source = [
        Content(strip_controls(document.heading)).stylize("italic"),
        Content(document.details).stylize("$text-muted"),
    ]
    if passage.heading:
        source.append(Content.assemble(("under ", "$text-muted"), strip_controls(passage.heading)))
    sections = [b.section(sid).title for sid in b.sections_of(passage_id)]
    if sections:
        source.append(Content.assemble(("in ", "$text-muted"), ", ".join(sections)))
    name = strip_controls(document.short_name)
    badge_and_citation = Content.assemble(
        (f" {name} ", badge_style(b, document.id)), " ", (b.citation(passage_id), "$text-muted")
    )
    header = Content.assemble(badge_and_citation, ("  " + passage_id, "$text-muted"))
    if passage_id in marks.bookmarked:
        source.append(Content.styled("★ bookmarked", "bold $text-warning"))
    # An id cut short is no use to type (`briefing links --passage`): in a narrow pane it
    # goes whole, before the source's name is cut.
    blocks = [
        Block(
            "lead",
            Content("\n").join(source),
            header,
            shrink=(1, 1 + len(name)),
            narrower=lambda: (badge_and_citation,),
        )
    ]
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
                        " " + " ".join(_unbroken(b.citation(c)) for c in note.cites)
                        if note.cites
                        else "",
                        "$text-muted",
                    ),
                ),
                indent=2,
            )
            for note in notes
        ]

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
                    indent=2,  # under the text, not the ✎
                )
            )

    blocks += offered_blocks(marks.offered_on(passage_id), copy_key)

    terms = terms_in(b, passage_id)
    if terms:
        blocks.append(heading_block("Glossary", gap=False))
        blocks += [
            Block(
                "note",
                Content.assemble(
                    (entry.term, "bold"), (" — ", "$text-muted"), strip_controls(entry.definition)
                ),
                indent=2,
            )
            for entry in terms
        ]

    # The links come last, as DESIGN's sketch has them: what is said of the passage
    # (notes, terms) is short and read first; a passage may have dozens of links.
    if not numbered:
        blocks.append(heading_block(f"Its own links ({len(links):,})", gap=False))
        blocks.append(own_links_line(links))
        if finding:
            blocks.append(Block("note", Content(finding), suggested=True))
        return blocks
    curated = [link for link in links if link.curated]
    suggested = [link for link in links if not link.curated]
    # Every link is listed (J scrolls to them, a click follows one); only 1-9 have keys,
    # and the links view (list_key) reaches the rest.
    shown = [*curated, *suggested]
    if curated:
        blocks.append(heading_block(f"Links ({len(curated)})", gap=False))
    for number, link in enumerate(shown, 1):
        if number == len(curated) + 1:
            blocks.append(
                Block(
                    "heading",
                    Content.assemble(
                        ("Suggested", "bold"), (f" ({len(suggested)}) by the linker", "$text-muted")
                    ),
                    gap=False,
                    suggested=True,
                )
            )
        if number == MAX_LINKS + 1:
            blocks.append(
                Block(
                    "note",
                    Content(
                        f"{len(links) - MAX_LINKS:,} more: {list_key} lists every link;"
                        " Enter follows one"
                        if list_key
                        else f"{len(links) - MAX_LINKS:,} more, without a key: click one to follow it"
                    ).stylize("$text-muted"),
                    gap=False,
                )
            )
        blocks.append(link_block(b, passage_id, link, number))
    if finding:
        blocks.append(Block("note", Content(finding), suggested=True))
    elif not links:
        blocks.append(Block("note", Content("No links to other sources."), suggested=True))

    return blocks


def own_links_line(links: list[Link]) -> Block:
    """The focused row's passage's own links, counted: beside the links list, whose rows
    1-9 follow, a second numbered list would have keys that seem to follow it and do not."""
    curated = sum(1 for link in links if link.curated)
    parts = [f"{curated:,} by the author"] if curated else []
    if len(links) > curated:
        parts.append(f"{len(links) - curated:,} suggested")
    said = (
        f"{', '.join(parts)}, the one back here among them"
        " · Enter opens the passage, where 1-9 follow them"
        if links
        else "No links to other sources."
    )
    return Block("note", Content(said).stylize("$text-muted"))


def link_block(b: Briefing, passage_id: str, link: Link, number: int) -> Block:
    other = link.other(passage_id)
    key = f"{number} " if number <= MAX_LINKS else "  "  # past 9, no key to name
    header, name = link_header(b, passage_id, link, key)
    symbol = f"{link.symbol_from(passage_id)} "
    lines = [Content(snippet(b.passages[other].text, 90)), *reason_lines(link)]
    return Block(
        "link",
        Content("\n").join(lines),
        header,
        passage_id=other,
        number=number,
        suggested=not link.curated,
        shrink=(len(key) + len(symbol), len(key) + len(symbol) + len(name)),
        # Too wide, the relation's words go before the source's name is cut: ≈ says it.
        narrower=lambda: (link_header(b, passage_id, link, key, relation=False)[0],),
    )


def _unbroken(citation: str) -> str:
    """A citation that never splits across lines: `[2 ¶4]` with a no-break space."""
    return citation.replace(" ", "\N{NO-BREAK SPACE}")


def terms_in(briefing: Briefing, passage_id: str) -> list[GlossaryEntry]:
    """Glossary entries whose term or an alias occurs in the passage."""
    text = briefing.passages[passage_id].text
    folded = text.casefold()
    return [
        entry
        for entry in briefing.glossary
        if any(_folded(n) in folded and _pattern(n).search(text) for n in entry.names)
    ]


@lru_cache(maxsize=1024)
def _folded(name: str) -> str:
    # A name that is not even a substring, ignoring case, cannot match as a word: most
    # names are not in a passage, and this spares compiling and running their patterns
    # (the first passage shown compiled one per glossary name, ~2 ms of the first screen).
    return name.casefold()


@lru_cache(maxsize=1024)
def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


def offered_blocks(offered: list[AnchoredNote], copy_key: str = "c") -> list[Block]:
    """Notes kept with other briefings on this passage's text: apart from the reader's own,
    under the name of the briefing that keeps them, with the key that copies one."""
    blocks: list[Block] = []
    for where in dict.fromkeys(note.elsewhere for note in offered):
        blocks.append(heading_block(f"Notes kept with {where}", gap=False))
        blocks += [
            Block(
                "note",
                Content.assemble(("✎ ", "bold $text-muted"), strip_controls(note.text)),
                indent=2,
            )
            for note in offered
            if note.elsewhere == where
        ]
    if offered:
        which = "it" if len(offered) == 1 else "one"
        said = f"{copy_key} copies {which} into your notes here"
        blocks.append(Block("note", Content.styled(said, "$text-muted")))
    return blocks
