"""What the reading pane shows, as styled blocks built from the model.

A view (a section, a whole source, search results) becomes a list of Blocks:
an optional lead block (the section's intro, the source's details), headings,
and passages. Article text enters as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

from textual.content import Content

from briefing.core.model import LINK_KINDS, Briefing, Link, Passage
from briefing.core.text import snippet, strip_controls
from briefing.tui.history import View
from briefing.tui.sources import badge_style, ink_style
from briefing.tui.user_session import NO_MARKS, UserMarks


def counted(count: int, noun: str) -> str:
    """`1 mention`, `2 mentions`, `10,858 dates`: a count with its noun agreeing."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


if TYPE_CHECKING:
    # The linker is loaded by the worker that needs it, never for the first screen.
    from briefing.core.linking.sections import SectionSuggestion
    from briefing.core.search import Match
    from briefing.core.userdata.store import AnchoredNote

FOCUSABLE = ("passage", "entry")
"""Kinds of block the reading pane's focus stops on."""


@dataclass(frozen=True)
class Block:
    """One unit of the reading pane; passages and entries can be focused."""

    kind: str
    """passage | entry (a line of a list view that opens a passage) | lead | heading | note | link"""
    body: Content
    header: Content | None = None
    passage_id: str | None = None
    """The passage shown (a passage block) or pointed at (a link block)."""
    number: int | None = None
    """A link block's number, the key that follows it."""
    gap: bool = True
    """Whether a blank line follows the block."""
    note_id: int | None = None
    """For an entry of the reader's own notes: which note."""
    opens: View | None = None
    """For an entry that opens a view rather than a passage (a name, a section)."""
    suggested: bool = False
    """Offered by the linker, not the briefing's author: drawn in its own style."""
    indent: int = 0
    """Cells every line of the body but the first is indented by (to hang under a label)."""
    shrink: tuple[int, int] | None = None
    """Characters of the header cut (with "…") when it is too wide: a source's label,
    so that the citation and the relation after it stay whole."""
    narrower: Callable[[], Sequence[Content]] | None = None
    """Shorter forms of the header, tried in order before its label is cut: a passage's
    counts shortened, its tag shortened, then the counts left out. The label sits at
    `shrink` in every one. Made only when a header is drawn too wide: a long section has
    thousands of passages."""


NO_MATCHES: Mapping[str, Match] = MappingProxyType({})
NO_COUNTS: Mapping[str, int] = MappingProxyType({})


@dataclass(frozen=True)
class _PassageHeader:
    """What a passage's header says, to write it in full or in its narrower forms."""

    name: str
    badge: str
    citation: str
    tag: tuple[str, str]
    counts: tuple[str, ...]
    short: tuple[str, ...]
    """The counts shortened: `1 note · 3+7 links`."""
    linked: tuple[str, ...]
    """The links' short count alone (`+7 links`), the last count to go: it is what tells
    a reader the passage is linked."""
    bookmarked: bool
    mine: int
    offered: int = 0
    """Notes kept with another briefing on this passage's text: `✎ +1` (`✎ 2+1` beside
    the reader's own), as the author's and the linker's links are counted `3+7`."""

    def line(self, tag: str, counts: Sequence[str]) -> Content:
        return Content.assemble(
            (f" {self.name} ", self.badge),
            " ",
            (self.citation, "$text-muted"),
            (f"  {tag}" if tag else "", "italic $text-warning"),
            (("  · " + " · ".join(counts)) if counts else "", "$text-muted"),
            ("  ★" if self.bookmarked else "", "bold $text-warning"),
            (f"  ✎ {self.mine}" if self.mine else "", "bold $text-success"),
            (
                f"{'' if self.mine else '  ✎ '}+{self.offered}" if self.offered else "",
                "$text-muted",
            ),
        )

    def narrower(self) -> tuple[Content, ...]:
        """The shorter forms, each shorter than the one before (made only when drawn)."""
        full, short = self.tag
        forms = [
            self.line(full, self.counts),
            self.line(full, self.short),
            self.line(short, self.short),
            self.line(short, self.linked),
            self.line(short, ()),
        ]
        return tuple(form for i, form in enumerate(forms[1:]) if form.plain != forms[i].plain)


def passage_block(
    briefing: Briefing,
    passage: Passage,
    match: Match | None = None,
    marks: UserMarks = NO_MARKS,
    suggested: int = 0,
    *,
    tag: tuple[str, str] = ("", ""),
) -> Block:
    """A passage with its badge, citation and counts; `match` spans highlighted.

    `suggested`: links the linker found for it, counted apart from the author's.
    `tag`: a word on where it is shown, said after the citation (in full, and short).
    Too wide for the pane, the counts shorten first (`3+7 links`), then the tag, then
    the notes' count goes, then the links' count, and only then the label is cut: the
    citation, ★ and ✎ stay whole.
    """
    notes = len(briefing.annotations_for(passage.id))
    links = len(briefing.links_for(passage.id))
    counts = [counted(notes, "note")] if notes else []
    short = list(counts)
    if links:
        counts.append(counted(links, "link"))
    if suggested:  # the linker's, told apart from the author's
        counts.append(f"{suggested:,} suggested" if links else counted(suggested, "suggested link"))
        # The author's + the linker's, as the sections pane counts passages ('+7 links').
        plural = "link" if links + suggested == 1 else "links"
        short.append(f"{links:,}+{suggested:,} {plural}" if links else f"+{suggested:,} {plural}")
    elif links:
        short.append(counted(links, "link"))
    name = strip_controls(briefing.document(passage.doc).short_name)
    header = _PassageHeader(
        name,
        badge_style(briefing, passage.doc),
        briefing.citation(passage.id),
        tag,
        tuple(counts),
        tuple(short),
        tuple(short[1:] if notes else short),
        passage.id in marks.bookmarked,
        len(marks.notes_on(passage.id)),
        len(marks.offered_on(passage.id)),
    )
    body = Content(passage.text)
    if passage.kind == "heading-led" and "\n" in passage.text:
        body = body.stylize("bold", 0, passage.text.index("\n"))
    if match is not None:
        for start, end in match.spans:
            body = body.stylize("bold reverse", start, end)
    return Block(
        "passage",
        body,
        header.line(tag[0], counts),
        passage.id,
        shrink=(1, 1 + len(name)),
        narrower=header.narrower,
    )


def link_header(
    b: Briefing, passage_id: str, link: Link, key: str, *, relation: bool = True
) -> tuple[Content, str]:
    """'3 ≈ Source [2 ¶4]  same event' (the key as given), and the source's name in it;
    without `relation`, the words after the citation, which its symbol says already."""
    other = link.other(passage_id)
    target = b.passages[other]
    label = LINK_KINDS[link.kind].label if link.kind in LINK_KINDS else link.kind
    name = strip_controls(b.document(target.doc).short_name)
    header = Content.assemble(
        (key, "bold"),
        (f"{link.symbol_from(passage_id)} ", "bold $text-accent"),
        (name, ink_style(b, target.doc)),
        " ",
        (b.citation(other), "$text-muted"),
        ("  " + label if relation else "", "$text-muted"),
    )
    return header, name


def reason_lines(link: Link) -> list[Content]:
    """Why the link was made: where the sources disagree first, standing out, then the rest."""
    differs = [r for r in link.reasons if r.startswith("differs:")]
    others = [r for r in link.reasons if not r.startswith("differs:")]
    lines = [
        Content.styled("≠ " + strip_controls(r[len("differs:") :].strip()), "bold $text-error")
        for r in differs
    ]
    if others:
        lines.append(
            Content(" · ".join(strip_controls(r) for r in others)).stylize("$text-muted italic")
        )
    return lines


def lead_block(title: str, *lines: str) -> Block:
    parts: list[Content | tuple[str, str] | str] = [(strip_controls(title), "bold")]
    for line in lines:
        if line:
            parts += ["\n", (strip_controls(line), "$text-muted")]
    return Block("lead", Content.assemble(*parts))


def heading_block(text: str, *, gap: bool = True) -> Block:
    return Block("heading", Content.styled(strip_controls(text), "bold"), gap=gap)


PROPOSED = ("proposed for this section", "proposed")
"""The tag of a passage the linker offers a section it is not in, in full and short."""


def section_blocks(
    briefing: Briefing,
    section_id: str,
    marks: UserMarks = NO_MARKS,
    suggested: Sequence[tuple[str, SectionSuggestion]] = (),
    *,
    matches: Mapping[str, Match] = NO_MATCHES,
    link_counts: Mapping[str, int] = NO_COUNTS,
    empty_hint: str = "",
) -> list[Block]:
    """The section's own passages, then those the linker offers it (which no section lists).

    `matches`: an active search's matches, highlighted; `link_counts`: suggested links;
    `empty_hint`: what to do, said when the section has no passage at all.
    """
    section = briefing.section(section_id)
    blocks = [lead_block(section.title, section.intro)]
    if not section.passages and not suggested:
        # A fresh briefing: a blank pane would look broken, so say where the text is.
        said = "No passages in this section yet" + (f" · {empty_hint}" if empty_hint else "")
        blocks.append(Block("note", Content(said).stylize("$text-muted")))
    blocks += [
        passage_block(
            briefing, briefing.passages[pid], matches.get(pid), marks, link_counts.get(pid, 0)
        )
        for pid in section.passages
    ]
    if suggested:
        count = len(suggested)
        blocks.append(
            Block(
                "heading",
                Content.assemble(
                    ("Proposed for this section", "bold"),
                    (
                        f" · {counted(count, 'passage')} in no section, picked by the linker",
                        "$text-muted",
                    ),
                ),
                suggested=True,
            )
        )
    for pid, suggestion in suggested:
        # Said apart from the counts (which may count suggested links too): the linker
        # proposes the passage itself for this section.
        block = passage_block(
            briefing,
            briefing.passages[pid],
            matches.get(pid),
            marks,
            link_counts.get(pid, 0),
            tag=PROPOSED,
        )
        reasons = " · ".join(strip_controls(r) for r in suggestion.reasons)
        # The reasons go below the text: a header is one line and would cut them off.
        body = Content.assemble(block.body, "\n", ("proposed: " + reasons, "italic $text-muted"))
        blocks.append(replace(block, body=body, suggested=True))
    return blocks


def mine_blocks(
    briefing: Briefing, marks: UserMarks, *, link_counts: Mapping[str, int] = NO_COUNTS
) -> list[Block]:
    """The reader's bookmarks and notes, each opening its passage; orphans last.

    `link_counts`: suggested links, counted in a bookmark's header as everywhere else.
    """
    bookmarks = [b for b in marks.all_bookmarks if b.passage is not None]
    notes = [n for n in marks.all_notes if n.passage is not None]
    orphans = len(marks.orphan_notes) + len(marks.orphan_bookmarks)
    offered = marks.all_offered
    counts = f"{len(bookmarks)} bookmark{'s' if len(bookmarks) != 1 else ''}, {len(notes)} note{'s' if len(notes) != 1 else ''}"
    if orphans:
        counts += f", {orphans} no longer found"
    if offered:
        counts += f" · {counted(len(offered), 'note')} kept with other briefings"
    keys = " · Enter opens · e edits a note · m removes a bookmark"
    blocks = [
        lead_block(
            "Your bookmarks and notes",
            counts + keys + (" · c copies a note into yours" if offered else ""),
        )
    ]
    if bookmarks:
        blocks.append(heading_block("Bookmarks"))
        # Entries, not passages: Enter opens them where they belong.
        for mark in bookmarks:
            pid = mark.passage or ""
            block = passage_block(
                briefing, briefing.passages[pid], None, marks, link_counts.get(pid, 0)
            )
            blocks.append(replace(block, kind="entry"))
    if notes:
        blocks.append(heading_block("Notes"))
        for note in notes:
            blocks.append(_note_entry(briefing, note, "bold $text-success"))
    if orphans:
        blocks.append(heading_block("No longer found"))
        for note in marks.orphan_notes:
            header = Content.assemble(
                ("✎ ", "bold $text-success"),
                (f"was in {note.anchor.doc}", "$text-muted"),
                (f" · {note.reason}" if note.reason else "", "$text-muted"),
            )
            body = Content.assemble(
                strip_controls(note.text),
                "\n",
                ("was: " + snippet(note.anchor.text, 100), "$text-muted"),
            )
            blocks.append(Block("entry", body, header, None, note_id=note.id))
        for mark in marks.orphan_bookmarks:
            blocks.append(
                Block(
                    "note",
                    Content.assemble(
                        ("★ ", "bold $text-warning"),
                        ("was: " + snippet(mark.anchor.text, 100), "$text-muted"),
                    ),
                )
            )
    for where in dict.fromkeys(note.elsewhere for note in offered):
        blocks.append(heading_block(f"Notes kept with {where}"))
        blocks += [offered_entry(briefing, note) for note in offered if note.elsewhere == where]
    return blocks


def unplaced_note_block(note: AnchoredNote) -> Block:
    """The notes pane beside a note with no passage here: why, and what it was on."""
    if note.elsewhere:
        title = f"A note kept with {note.elsewhere}"
        why = "on a passage this briefing does not have"
    else:
        title, why = "Your note", "its passage is no longer in the briefing"
    body = Content.assemble(
        (why, "$text-muted"),
        "\n\n",
        strip_controls(note.text),
        "\n\n",
        (f"It was on {note.anchor.doc} ({note.anchor.hint}): ", "$text-muted"),
        (snippet(note.anchor.text, 200), "$text-muted"),
    )
    return Block("lead", body, Content.styled(strip_controls(title), "bold"))


def offered_entry(briefing: Briefing, note: AnchoredNote) -> Block:
    """A note kept with another briefing: on the passage here with its text, or on none."""
    if note.passage is None:
        header = Content.assemble(
            ("✎ ", "bold $text-muted"),
            (f"on {note.anchor.doc} · {note.reason}", "$text-muted"),
        )
        quoted = "was on: " + snippet(note.anchor.text, 100)
        body = Content.assemble(strip_controls(note.text), "\n", (quoted, "$text-muted"))
        return Block("entry", body, header, None, note_id=note.id)
    return _note_entry(briefing, note, "bold $text-muted")


def _note_entry(briefing: Briefing, note: AnchoredNote, mark: str) -> Block:
    """A note on a passage of this briefing, in the marks list: ✎ in `mark`'s style (the
    reader's own, or another briefing's), the passage's badge and citation, the note, and
    the passage's opening words."""
    passage = briefing.passages[note.passage]  # type: ignore[index]
    header = Content.assemble(
        ("✎ ", mark),
        (
            f" {strip_controls(briefing.document(passage.doc).short_name)} ",
            badge_style(briefing, passage.doc),
        ),
        " ",
        (briefing.citation(passage.id), "$text-muted"),
        (
            "  passage changed since" if note.status == "re-anchored" else "",
            "italic $text-warning",
        ),
    )
    body = Content.assemble(
        strip_controls(note.text), "\n", (snippet(passage.text, 100), "$text-muted")
    )
    return Block("entry", body, header, passage.id, note_id=note.id)


def source_blocks(
    briefing: Briefing,
    doc_id: str,
    marks: UserMarks = NO_MARKS,
    *,
    matches: Mapping[str, Match] = NO_MATCHES,
    link_counts: Mapping[str, int] = NO_COUNTS,
) -> list[Block]:
    document = briefing.document(doc_id)
    details = " · ".join(
        part
        for part in (
            document.publisher or "publisher not given",
            document.author or "no byline",
            document.date or "undated",
            document.kind,
        )
        if part
    )
    blocks = [lead_block(f"[{document.number}] {document.heading}", details, document.url)]
    heading = ""
    for passage in document.passages:
        if passage.heading and passage.heading != heading:
            heading = passage.heading
            blocks.append(heading_block(heading))
        blocks.append(
            passage_block(
                briefing, passage, matches.get(passage.id), marks, link_counts.get(passage.id, 0)
            )
        )
    return blocks


def search_blocks(
    briefing: Briefing,
    query: str,
    matches: list[Match],
    marks: UserMarks = NO_MARKS,
    *,
    link_counts: Mapping[str, int] = NO_COUNTS,
) -> list[Block]:
    count = len(matches)
    sources = len({briefing.passages[m.passage_id].doc for m in matches})
    if count:
        summary = (
            f"{count} passage{'s' if count != 1 else ''} in {sources} "
            f"source{'s' if sources != 1 else ''} · n/N step · o opens in its source · Esc ends"
        )
    else:
        summary = "No passage has every word of the query · Esc leaves"
    blocks = [lead_block(f"Search: {query}", summary)]
    blocks += [
        passage_block(
            briefing, briefing.passages[m.passage_id], m, marks, link_counts.get(m.passage_id, 0)
        )
        for m in matches
    ]
    return blocks


def view_title(briefing: Briefing, view: View) -> str:
    if view.kind == "section":
        return briefing.section(view.key).title
    if view.kind == "source":
        return f"Source: {briefing.document(view.key).short_name}"
    if view.kind == "search":
        return f"Search: {view.key}"
    if view.kind == "mine":
        return "Your bookmarks and notes"
    if view.kind == "unplaced":
        return "Passages in no section"
    if view.kind == "links":
        known = view.key in briefing.passages
        return f"Links of {briefing.citation(view.key)}" if known else "Links"
    return VIEW_TITLES.get(view.kind, view.key)


VIEW_TITLES = {
    "timeline": "Timeline",
    "people": "People & places",
    "coverage": "Coverage",
}
"""Titles of the views over the whole briefing (a name's view is titled by the name)."""
