"""What the reading pane shows, as styled blocks built from the model.

A view (a section, a whole source, search results) becomes a list of Blocks:
an optional lead block (the section's intro, the source's details), headings,
and passages. Article text enters as plain text, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from briefing.core.model import Briefing, Passage
from briefing.core.search import Match
from briefing.core.text import strip_controls
from briefing.tui.history import View
from briefing.tui.sources import badge_style


@dataclass(frozen=True)
class Block:
    """One unit of the reading pane; only passage blocks can be focused."""

    kind: str
    """passage | lead | heading | note | link"""
    body: Content
    header: Content | None = None
    passage_id: str | None = None
    """The passage shown (a passage block) or pointed at (a link block)."""
    number: int | None = None
    """A link block's number, the key that follows it."""
    gap: bool = True
    """Whether a blank line follows the block."""


def passage_block(briefing: Briefing, passage: Passage, match: Match | None = None) -> Block:
    document = briefing.document(passage.doc)
    notes = len(briefing.annotations_for(passage.id))
    links = len(briefing.links_for(passage.id))
    extras = [f"{notes} note{'s' if notes != 1 else ''}"] if notes else []
    if links:
        extras.append(f"{links} link{'s' if links != 1 else ''}")
    header = Content.assemble(
        (f" {strip_controls(document.short_name)} ", badge_style(briefing, passage.doc)),
        " ",
        (briefing.citation(passage.id), "$text-muted"),
        (("  · " + " · ".join(extras)) if extras else "", "$text-muted"),
    )
    body = Content(passage.text)
    if passage.kind == "heading-led" and "\n" in passage.text:
        body = body.stylize("bold", 0, passage.text.index("\n"))
    if match is not None:
        for start, end in match.spans:
            body = body.stylize("bold reverse", start, end)
    return Block("passage", body, header, passage.id)


def lead_block(title: str, *lines: str) -> Block:
    parts: list[Content | tuple[str, str] | str] = [(strip_controls(title), "bold")]
    for line in lines:
        if line:
            parts += ["\n", (strip_controls(line), "$text-muted")]
    return Block("lead", Content.assemble(*parts))


def heading_block(text: str, *, gap: bool = True) -> Block:
    return Block("heading", Content.styled(strip_controls(text), "bold"), gap=gap)


def section_blocks(briefing: Briefing, section_id: str) -> list[Block]:
    section = briefing.section(section_id)
    blocks = [lead_block(section.title, section.intro)]
    blocks += [passage_block(briefing, briefing.passages[pid]) for pid in section.passages]
    return blocks


def source_blocks(briefing: Briefing, doc_id: str) -> list[Block]:
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
    blocks = [
        lead_block(f"[{document.number}] {document.title or document.id}", details, document.url)
    ]
    heading = ""
    for passage in document.passages:
        if passage.heading and passage.heading != heading:
            heading = passage.heading
            blocks.append(heading_block(heading))
        blocks.append(passage_block(briefing, passage))
    return blocks


def search_blocks(briefing: Briefing, query: str, matches: list[Match]) -> list[Block]:
    count = len(matches)
    sources = len({briefing.passages[m.passage_id].doc for m in matches})
    if count:
        summary = (
            f"{count} passage{'s' if count != 1 else ''} in {sources} "
            f"source{'s' if sources != 1 else ''} · n/N step · o opens in its source · Esc leaves"
        )
    else:
        summary = "No passage has every word of the query · Esc leaves"
    blocks = [lead_block(f"Search: {query}", summary)]
    blocks += [passage_block(briefing, briefing.passages[m.passage_id], m) for m in matches]
    return blocks


def view_title(briefing: Briefing, view: View) -> str:
    if view.kind == "section":
        return briefing.section(view.key).title
    if view.kind == "source":
        return f"Source: {briefing.document(view.key).short_name}"
    if view.kind == "search":
        return f"Search: {view.key}"
    return view.key
