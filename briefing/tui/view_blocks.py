"""The views over a whole briefing — timeline, people & places, one name, coverage — as blocks.

Built from the reader's `Insight` (worked out in a worker). Entries open a passage
(Enter) or another view (`Block.opens`); article text goes in as plain text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from textual.content import Content

from briefing.core.model import Briefing, Document, Link
from briefing.core.text import strip_controls
from briefing.tui.blocks import (
    Block,
    counted,
    heading_block,
    lead_block,
    link_header,
    passage_block,
    reason_lines,
)
from briefing.tui.history import View
from briefing.tui.insight import UNKNOWN_YEAR, DatedEvent, Insight, Name, coverage
from briefing.tui.sources import badge_style, ink_style, source_label
from briefing.tui.user_session import NO_MARKS, UserMarks
from briefing.tui.wrap import wrap_ranges

AROUND = 160
"""Characters of a passage shown around the date or name an entry is about."""
LINK_OPENING = 3
"""Lines of a linked passage the links list shows: a whole one filled a 24-row terminal."""

KIND_HEADINGS = {
    "person": "People",
    "place": "Places",
    "organisation": "Organisations",
    "name": "Other names",
}
"""The people & places view groups names by kind, in this order."""

KIND_NAMES = {"person": "person", "place": "place", "organisation": "organisation"}
"""How a name's own view says what it is; anything else is just a name."""

NO_BREAK = "\N{NO-BREAK SPACE}"

NAME_COLUMN = 24
"""Cells for a section's title in the coverage table, when there is room."""
COUNT_COLUMN = 16
"""The widest a source's column of counts grows in coverage, to show its name whole."""


def loading_blocks(title: str, doing: str = "") -> list[Block]:
    """What a view shows while the linker is still reading the sources: what it is doing
    (`doing`: 'comparing the passages 40%'), redrawn as that changes."""
    return [lead_block(title, f"Shown once the linker is done: {doing or 'reading the sources…'}")]


def arranging_blocks(title: str) -> list[Block]:
    """What a long view shows while its entries are put in order, in a thread."""
    return [lead_block(title, "Arranging the entries…")]


def _badge(briefing: Briefing, passage_id: str) -> Content:
    doc = briefing.passages[passage_id].doc
    return Content.assemble(
        (f" {strip_controls(briefing.document(doc).short_name)} ", badge_style(briefing, doc)),
        " ",
        (briefing.citation(passage_id), "$text-muted"),
    )


def around(text: str, needles: list[str], width: int = AROUND) -> Content:
    """One line of `text` around the first of `needles` found, that word in bold."""
    flat = re.sub(r"\s+", " ", strip_controls(text)).strip()
    found: tuple[int, int] | None = None
    for needle in sorted(needles, key=len, reverse=True):
        pattern = _loose(needle)
        if not pattern:
            continue
        match = re.search(rf"(?<!\w){pattern}(?!\w)", flat, re.IGNORECASE)
        if match and (found is None or match.start() < found[0]):
            found = match.span()
    start = 0
    if found is not None and found[1] > width - 10:
        start = max(0, found[0] - width // 3)
        start = flat.find(" ", start) + 1 or start  # begin on a word
    end = min(len(flat), start + width)
    if end < len(flat):
        cut = flat.rfind(" ", start, end)
        end = cut if cut > start else end
    line = Content(("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else ""))
    if found is not None and found[0] >= start and found[1] <= end:
        shift = 1 if start else 0
        line = line.stylize("bold", found[0] - start + shift, found[1] - start + shift)
    return line


_DASHES = "-‐‑–—"
_QUOTES = "'’‘"


def _loose(needle: str) -> str:
    """A pattern for words as the linker read them (typography folded) in the text as written."""
    parts = []
    for char in re.sub(r"\s+", " ", needle).strip():
        if char == " ":
            parts.append(r"\s+")
        elif char in _DASHES:
            parts.append(f"[{_DASHES}]")
        elif char in _QUOTES:
            parts.append(f"[{_QUOTES}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


# -- timeline ------------------------------------------------------------


def timeline_blocks(briefing: Briefing, insight: Insight) -> list[Block]:
    events = insight.timeline
    sources = len({briefing.passages[e.passage].doc for e in events})
    differing = sum(1 for e in events if e.differs)
    summary = (
        f"{counted(len(events), 'date')} from {counted(sources, 'source')}"
        # An event is flagged when a source it is linked with dates the same event otherwise.
        + (f" · ≠ {counted(differing, 'date')} where another source differs" if differing else "")
        + " · Enter opens · Esc returns"
    )
    blocks = [lead_block("Timeline", summary)]
    if not events:
        blocks.append(Block("note", Content("No source gives a date.").stylize("$text-muted")))
        return blocks
    year: int | None = -1
    for event in events:
        if event.sort_key[0] != year:
            year = event.sort_key[0]
            blocks.append(heading_block("Year not given" if year == UNKNOWN_YEAR else str(year)))
        blocks.append(_event_block(briefing, event))
    return blocks


def _within_year(event: DatedEvent) -> str:
    """The date as its year's heading leaves it to be read: '4 May', 'July'.

    A date of a year alone ('2022', '1995–1998') is shown whole: it is all the entry says.
    """
    year = f" {event.year}"
    if event.year is not None and event.sort_key[1] and event.label.endswith(year):
        return event.label.removesuffix(year)
    return event.label


def _same_words(text: str, label: str) -> bool:
    """Whether the words a date was read from say no more than the date shown
    ('May 4' beside '4 May'), so quoting them would only repeat it."""
    words = sorted(re.findall(r"\w+", text.casefold()))
    return words == sorted(re.findall(r"\w+", label.casefold()))


def _event_block(briefing: Briefing, event: DatedEvent) -> Block:
    label = _within_year(event)
    # Quoted: the words a date was worked out from ('last year'), unless they are the date.
    quoted = event.relative and not _same_words(event.text, label)
    header = Content.assemble(
        (label, "bold"),
        "  ",
        _badge(briefing, event.passage),
        (f"  “{strip_controls(event.text)}”" if quoted else "", "$text-muted italic"),
        ("  ≠ another source differs" if event.differs else "", "bold $text-error"),
    )
    lines = [around(briefing.passages[event.passage].text, [event.text])]
    for other, label in event.differs:
        doc = briefing.passages[other].doc
        lines.append(
            Content.assemble(
                ("≠ ", "bold $text-error"),
                (briefing.document(doc).short_name, ink_style(briefing, doc)),
                " ",
                (briefing.citation(other), "$text-muted"),
                " gives ",
                (label, "bold"),
            )
        )
    return Block("entry", Content("\n").join(lines), header, event.passage)


# -- people & places -----------------------------------------------------


def people_blocks(briefing: Briefing, insight: Insight) -> list[Block]:
    names = list(insight.names.values())
    blocks = [
        lead_block(
            "People & places",
            f"{counted(len(names), 'name')}, with their mentions per source · Enter lists the mentions"
            " · Esc returns",
        )
    ]
    if not names:
        blocks.append(Block("note", Content("No names found.").stylize("$text-muted")))
    for kind, heading in KIND_HEADINGS.items():
        group = [n for n in names if (n.kind if n.kind in KIND_HEADINGS else "name") == kind]
        if not group:
            continue
        # A group's heading sits on its names, one a line as under the name's "Mentions per
        # source"; the blank line closes the group, before the next heading, not under its own.
        blocks.append(heading_block(f"{heading} ({len(group):,})", gap=False))
        entries = [_name_block(briefing, name) for name in group]
        blocks += [*entries[:-1], replace(entries[-1], gap=True)]
    return blocks


def _name_block(briefing: Briefing, name: Name) -> Block:
    counts = name.per_source(briefing)
    parts: list[Content | tuple[str, str] | str] = [(strip_controls(name.name), "bold")]
    for doc, count in counts.items():
        # A source's name and its count never split over two lines (no-break spaces).
        label = source_label(briefing, doc).replace(" ", NO_BREAK)
        parts += ["  ", (label, ink_style(briefing, doc)), f"{NO_BREAK}{count}"]
    # indent: counts that wrap (long source labels) hang under the name, not at the margin.
    return Block(
        "entry",
        Content.assemble(*parts),
        None,
        None,
        gap=False,
        opens=View("name", name.key),
        indent=2,
    )


def source_heading(briefing: Briefing, doc: str, note: str = "") -> Block:
    """A source's name in its colour over the entries of a list that come from it."""
    return Block(
        "heading",
        Content.assemble(
            (source_label(briefing, doc), ink_style(briefing, doc)),
            (f"  {note}" if note else "", "$text-muted"),
        ),
    )


def name_blocks(briefing: Briefing, insight: Insight, key: str) -> list[Block]:
    """Every passage that mentions one name, by source."""
    name = insight.names.get(key)
    if name is None:
        return [lead_block("Name not found", "The sources no longer mention it · Esc returns")]
    counts = name.per_source(briefing)
    others = [v for v in name.variants if v != name.name]
    details = [
        f"{KIND_NAMES.get(name.kind, 'name')} · {counted(name.mentions, 'mention')}"
        f" in {counted(len(name.passages), 'passage')} of {counted(len(counts), 'source')}",
        "also written: " + ", ".join(others) if others else "",
        "Enter opens the passage · Esc returns",
    ]
    blocks = [lead_block(name.name, *details)]
    doc = ""
    for pid, count in name.passages.items():
        passage = briefing.passages[pid]
        if passage.doc != doc:
            doc = passage.doc
            blocks.append(source_heading(briefing, doc, counted(counts[doc], "mention")))
        header = Content.assemble(
            _badge(briefing, pid), (f"  ×{count}" if count > 1 else "", "$text-muted")
        )
        body = around(passage.text, [name.name, *name.variants])
        blocks.append(Block("entry", body, header, pid))
    return blocks


# -- the notes pane beside an entry that opens a view ---------------------


def about_blocks(briefing: Briefing, insight: Insight | None, view: View) -> list[Block]:
    """What the notes pane says of a name or a section row focused in a list."""
    if view.kind == "name":
        name = insight.names.get(view.key) if insight else None
        if name is None:
            return [lead_block("Name not found", "The sources no longer mention it")]
        counts = name.per_source(briefing)
        others = [v for v in name.variants if v != name.name]
        blocks = [
            lead_block(
                name.name,
                f"{KIND_NAMES.get(name.kind, 'name')} · {counted(name.mentions, 'mention')}"
                f" in {counted(len(name.passages), 'passage')}",
                "also written: " + ", ".join(others) if others else "",
            ),
            heading_block("Mentions per source", gap=False),
        ]
        for doc, count in counts.items():
            document = briefing.document(doc)
            blocks.append(
                Block(
                    "note",
                    Content.assemble(
                        (source_label(briefing, doc), ink_style(briefing, doc)),
                        f"  {count}",
                        (f"  {strip_controls(document.title or '')}", "$text-muted"),
                    ),
                    gap=False,
                    indent=2,
                )
            )
        blocks.append(Block("note", Content("Enter lists the mentions").stylize("$text-muted")))
        return blocks
    if view.kind == "section":
        section = briefing.section(view.key)
        sources = len({briefing.passages[p].doc for p in section.passages})
        return [
            lead_block(
                section.title,
                f"{len(section.passages)} passages from {sources} source{'s' if sources != 1 else ''}",
            ),
            Block("note", Content(strip_controls(section.intro or ""))),
            Block("note", Content("Enter opens the section").stylize("$text-muted")),
        ]
    if view.kind == "unplaced":
        count = len(unplaced_passages(briefing, insight))
        return [
            lead_block(
                "Passages in no section",
                f"{counted(count, 'passage')} in no section",
            ),
            Block("note", Content("Enter lists them").stylize("$text-muted")),
        ]
    return [lead_block("Nothing to say here")]


# -- the links of one passage (L) ------------------------------------------


def links_blocks(
    briefing: Briefing, passage_id: str, links: Sequence[Link], width: int = 76
) -> list[Block]:
    """Every link of one passage, numbered as the notes pane numbers them: the author's, then
    under a heading the linker's; each with the opening lines of the passage it leads to, as
    wrapped to `width` cells, and why."""
    if passage_id not in briefing.passages:  # gone since (an edit): nothing to list
        return [lead_block("Links", "The passage is no longer in its source · Esc returns")]
    curated = sum(1 for link in links if link.curated)
    counts = [f"{curated:,} by the author"] if curated else []
    if len(links) > curated:
        counts.append(f"{len(links) - curated:,} suggested by the linker")
    blocks = [
        lead_block(
            f"Links of {briefing.citation(passage_id)}",
            " · ".join([*counts, "1-9 or Enter follows · Esc returns"])
            if links
            else "No links · Esc returns",
        )
    ]
    for number, link in enumerate(links, 1):
        if number == 1 and link.curated:
            blocks.append(heading_block(f"By the author ({curated:,})"))
        if number == curated + 1:  # the notes pane's heading, and its style
            blocks.append(
                Block(
                    "heading",
                    Content.assemble(
                        ("Suggested", "bold"),
                        (f" ({len(links) - curated:,}) by the linker", "$text-muted"),
                    ),
                    suggested=True,
                )
            )
        other = link.other(passage_id)
        header, _ = link_header(briefing, passage_id, link, f"{number} ")
        # Its opening, as the notes pane and `briefing links` quote it; Enter opens it whole.
        text = Content(opening(briefing.passages[other].text, width, LINK_OPENING))
        blocks.append(
            Block(
                "entry",
                Content("\n").join([text, *reason_lines(link)]),
                header,
                other,
                suggested=not link.curated,
            )
        )
    return blocks


def opening(text: str, width: int, lines: int) -> str:
    """The text on one line, cut at a word with "…" where it would wrap past `lines` lines
    of `width` cells, as the reading pane wraps it."""
    flat = re.sub(r"\s+", " ", strip_controls(text)).strip()
    ranges = wrap_ranges(flat, max(20, width) - 1)  # a cell kept for the "…"
    if len(ranges) <= lines:
        return flat
    return flat[: ranges[lines - 1][1]].rstrip().rstrip(",;:.") + "…"


# -- coverage ------------------------------------------------------------


def coverage_blocks(briefing: Briefing, insight: Insight | None, width: int = 80) -> list[Block]:
    """A table: how many passages each source gives each section (+ those suggested).

    Columns narrow to fit `width` cells (source names are cut, never the counts). Sources
    that do not fit side by side even so are shown in bands of columns, one table under
    another, each headed by the sources' numbers and named in full above it.
    """
    documents = briefing.documents
    widest = max((len(d.short_name) for d in documents), default=5) + 1
    name_column = max(12, min(NAME_COLUMN, width - 6 * len(documents)))
    room = (width - name_column) // max(1, len(documents))
    column = max(5, min(COUNT_COLUMN, widest, room))
    per_band = max(1, (width - name_column) // column)
    # What the columns leave goes to the section titles, up to the longest of them.
    longest = max((len(s.title) + 1 for s in briefing.sections), default=0)
    name_column = max(name_column, min(longest, width - column * min(per_band, len(documents))))
    suggested = bool(insight and insight.suggestions)
    blocks = [
        lead_block(
            "Coverage",
            "Passages each source gives each section"
            + (" · +n: suggested by the linker" if suggested else "")
            + " · Unplaced: in no section · Enter opens the section · Esc returns",
        )
    ]
    table = _CoverageTable(briefing, insight, name_column, column)
    if len(documents) <= per_band:
        blocks += table.band(documents, numbered=False)
    else:
        for first in range(0, len(documents), per_band):
            band = documents[first : first + per_band]
            blocks.append(heading_block(f"Sources {band[0].number}–{band[-1].number}"))
            legend = _column_names(briefing, band, "By number: ", numbered=True)
            blocks.append(replace(legend, gap=True))  # apart from the header row under it
            blocks += table.band(band, numbered=True)
    # Why the last row is not the sum of those above it.
    blocks.append(
        Block(
            "note",
            Content(
                "In the source: all its passages; one passage may sit in several sections"
            ).stylize("$text-muted"),
        )
    )
    if table.cut:  # the names the header had to shorten, whole, in the columns' order and colours
        blocks.append(_column_names(briefing, documents, "Columns, left to right: "))
    return blocks


class _CoverageTable:
    """The coverage table's rows over some of the sources (a band of columns)."""

    def __init__(
        self, briefing: Briefing, insight: Insight | None, name_column: int, column: int
    ) -> None:
        self.briefing, self.name_column, self.column = briefing, name_column, column
        self.rows = coverage(briefing, insight)
        self.unplaced = Counter(
            briefing.passages[pid].doc for pid in unplaced_passages(briefing, insight)
        )
        self.cut = False
        """Whether a source's name was shortened in a header."""

    def band(self, documents: Sequence[Document], *, numbered: bool) -> list[Block]:
        b, name_column, column = self.briefing, self.name_column, self.column
        head = [Content("Section".ljust(name_column))]
        for document in documents:
            label = str(document.number) if numbered else strip_controls(document.short_name)
            if len(label) >= column:
                self.cut = True
                label = label[: column - 2] + "…"
            head.append(Content.styled(label.rjust(column), ink_style(b, document.id)))
        blocks = [Block("heading", Content.assemble(*head), gap=False)]
        for section_id, own, offered in self.rows:
            title = strip_controls(b.section(section_id).title)
            if len(title) > name_column - 1:
                title = title[: name_column - 2] + "…"
            parts: list[Content | tuple[str, str] | str] = [title.ljust(name_column)]
            for document in documents:
                count, extra = own.get(document.id, 0), offered.get(document.id, 0)
                # None placed but some suggested reads '+1', as the lead's '+n' does.
                text = (str(count) if count else "" if extra else "·") + (
                    f"+{extra}" if extra else ""
                )
                style = "" if count else "$text-muted"
                parts += [" " * max(0, column - len(text)), (text, style)]
            blocks.append(
                Block(
                    "entry",
                    Content.assemble(*parts),
                    None,
                    None,
                    gap=False,
                    opens=View("section", section_id),
                )
            )
        for label, counts, style, opens in (
            ("Unplaced", self.unplaced, "$text-muted", View("unplaced", "")),
            ("In the source", {d.id: len(d.passages) for d in documents}, "bold", None),
        ):
            parts = [(label.ljust(name_column), style)]
            for document in documents:
                count = counts.get(document.id, 0)
                parts += [((str(count) if count else "·").rjust(column), style)]
            any_counted = any(counts.get(d.id, 0) for d in documents)
            kind = "entry" if opens is not None and any_counted else "note"
            blocks.append(Block(kind, Content.assemble(*parts), gap=False, opens=opens))
        return blocks


def _column_names(
    briefing: Briefing, documents: Sequence[Document], lead: str, *, numbered: bool = False
) -> Block:
    """The sources' names whole, in the columns' order and colours (after the numbers
    heading their columns, when `numbered`)."""
    names: list[Content | tuple[str, str] | str] = [(lead, "$text-muted")]
    for position, document in enumerate(documents):
        names += [
            " · " if position else "",
            f"{document.number}{NO_BREAK}" if numbered else "",
            (strip_controls(document.short_name), ink_style(briefing, document.id)),
        ]
    return Block("note", Content.assemble(*names), gap=False)


def unplaced_passages(briefing: Briefing, insight: Insight | None) -> list[str]:
    """Passages no section lists and the linker offers to none, in document order."""
    placed = {pid for section in briefing.sections for pid in section.passages}
    offered = insight.suggestions if insight else {}
    return [pid for pid in briefing.passages if pid not in placed and pid not in offered]


def unplaced_blocks(
    briefing: Briefing,
    insight: Insight | None,
    marks: UserMarks = NO_MARKS,
    link_counts: Mapping[str, int] | None = None,
) -> list[Block]:
    """The passages in no section, by source; Enter opens each in its source."""
    pids = unplaced_passages(briefing, insight)
    count = len(pids)
    blocks = [
        lead_block(
            "Passages in no section",
            f"{counted(count, 'passage')} in no section, offered to none"
            " · Enter opens it in its source · Esc returns",
        )
    ]
    if not pids:
        blocks.append(
            Block("note", Content("Every passage is in a section.").stylize("$text-muted"))
        )
    doc = ""
    for pid in pids:
        passage = briefing.passages[pid]
        if passage.doc != doc:
            doc = passage.doc
            blocks.append(source_heading(briefing, doc))
        suggested = (link_counts or {}).get(pid, 0)
        block = passage_block(briefing, passage, marks=marks, suggested=suggested)
        blocks.append(replace(block, kind="entry"))
    return blocks
