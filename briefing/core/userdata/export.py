"""The reader's notes and bookmarks as JSON, as Markdown, and as the summary's "Your notes"."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from briefing.core.model import Briefing
from briefing.core.summary import clean_text, wrap_text
from briefing.core.text import snippet, strip_controls
from briefing.core.userdata.identity import briefing_identity
from briefing.core.userdata.store import AnchoredBookmark, AnchoredNote

SNIPPET_CHARS = 100
SUMMARY_SNIPPET_CHARS = 50
_KEEP = "\u00a0"  # holds a citation together while wrapping, like the summary does
_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#"})


def notes_report(
    briefing: Briefing, notes: Sequence[AnchoredNote], bookmarks: Sequence[AnchoredBookmark]
) -> dict[str, Any]:
    """Plain data for `briefing notes --format json`; orphans apart, order as given; the
    notes of other briefings on the same sources under "offered", with who keeps them."""
    notes, offered = _own(notes), _offered(notes)
    return {
        "briefing": {"title": briefing.title, "identity": briefing_identity(briefing)},
        "notes": [
            {**_note_fields(n), "status": n.status, "passage": _passage(briefing, n.passage)}
            for n in notes
            if n.passage is not None
        ],
        "bookmarks": [
            {
                "id": b.id,
                "created": b.created,
                "status": b.status,
                "passage": _passage(briefing, b.passage),
            }
            for b in bookmarks
            if b.passage is not None
        ],
        "orphans": {
            "notes": [
                {**_note_fields(n), **_orphan_fields(briefing, n)}
                for n in notes
                if n.passage is None
            ],
            "bookmarks": [
                {"id": b.id, "created": b.created, **_orphan_fields(briefing, b)}
                for b in bookmarks
                if b.passage is None
            ],
        },
        "offered": [
            {
                **_note_fields(n),
                "kept_with": n.elsewhere,
                "kept_with_identity": n.kept_by,
                **({"kept_in": n.kept_in} if n.kept_in else {}),
                "status": n.status,
                "passage": _passage(briefing, n.passage) if n.passage is not None else None,
                **({} if n.passage is not None else _orphan_fields(briefing, n)),
            }
            for n in offered
        ],
    }


def render_notes_json(
    briefing: Briefing, notes: Sequence[AnchoredNote], bookmarks: Sequence[AnchoredBookmark]
) -> str:
    return json.dumps(notes_report(briefing, notes, bookmarks), ensure_ascii=False, indent=2) + "\n"


def render_notes_markdown(
    briefing: Briefing, notes: Sequence[AnchoredNote], bookmarks: Sequence[AnchoredBookmark]
) -> str:
    """A Markdown document of every note and bookmark; note text is the reader's own Markdown.

    The notes of other briefings on the same sources come last, under the briefing that
    keeps them: on this briefing's passage with their text, or quoted when it has none.
    """
    notes, offered = _own(notes), _offered(notes)
    lines = [f"# Your notes: {_md(briefing.title)}", "", "## Notes", ""]
    attached = [n for n in notes if n.passage is not None]
    for note in attached:
        lines.append(f"- {_md_passage(briefing, note.passage or '')}{_md_status(note.status)}")
        lines.append("")
        lines.extend(_indented(note.text))
        lines.append("")
    if not attached:
        lines.extend(["No notes yet.", ""])
    lines.extend(["## Bookmarks", ""])
    marked = [b for b in bookmarks if b.passage is not None]
    lines.extend(
        f"- {_md_passage(briefing, b.passage or '')}{_md_status(b.status)}" for b in marked
    )
    lines.extend([] if marked else ["No bookmarks yet."])
    orphan_notes = [n for n in notes if n.passage is None]
    orphan_marks = [b for b in bookmarks if b.passage is None]
    if orphan_notes or orphan_marks:
        lines.extend(
            [
                "",
                "## Orphaned notes and bookmarks",
                "",
                "Their passage is no longer in the briefing; the text they were attached to "
                "is quoted.",
                "",
            ]
        )
        for note in orphan_notes:
            lines.append(f"- Note {_md_orphan(note)}")
            lines.append("")
            lines.extend(_indented(note.text))
            lines.append("")
        for mark in orphan_marks:
            lines.append(f"- Bookmark {_md_orphan(mark)}")
    for where in dict.fromkeys(n.elsewhere for n in offered):
        while lines and not lines[-1]:
            lines.pop()  # one blank line before the heading, whatever came last
        lines.extend(
            [
                "",
                f"## Notes kept with {_md(where)}",
                "",
                "They stay with that briefing; each is shown on the passage here with its text "
                "(in the reader, `c` copies one into this briefing's notes).",
                "",
            ]
        )
        for note in (n for n in offered if n.elsewhere == where):
            if note.passage is not None:
                lines.append(f"- {_md_passage(briefing, note.passage)}{_md_status(note.status)}")
            else:
                lines.append(f"- Note {_md_orphan(note)}")
            lines.append("")
            lines.extend(_indented(note.text))
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_notes_appendix(
    briefing: Briefing,
    notes: Sequence[AnchoredNote],
    bookmarks: Sequence[AnchoredBookmark],
    *,
    width: int,
    fmt: str = "text",
    passages: set[str] | None = None,
    bold: tuple[str, str] = ("", ""),
) -> str:
    """The "Your notes" part of `briefing summary --with-notes`, wrapped to `width`.

    `passages` limits it to those passages (for `--section`; orphans are then left
    out); `bold` is the (start, end) escape pair when the summary is coloured. Notes kept
    with other briefings are not the reader's notes on this one: left out.
    """
    notes = _own(notes)
    if passages is None:
        shown_notes, shown_marks = list(notes), list(bookmarks)
    else:
        shown_notes = [n for n in notes if n.passage in passages]
        shown_marks = [b for b in bookmarks if b.passage in passages]
    markdown = fmt == "markdown"
    lines = list(
        _markdown_appendix(briefing, shown_notes, shown_marks, width)
        if markdown
        else _text_appendix(briefing, shown_notes, shown_marks, width, bold)
    )
    return "\n".join(lines).rstrip("\n") + "\n"


def _text_appendix(
    briefing: Briefing,
    notes: list[AnchoredNote],
    bookmarks: list[AnchoredBookmark],
    width: int,
    bold: tuple[str, str],
) -> Iterator[str]:
    heading = "Your notes"
    yield f"{bold[0]}{heading}{bold[1]}"
    yield "-" * min(len(heading), width)
    if not notes and not bookmarks:
        yield from wrap_text("No notes or bookmarks on this briefing yet.", width)
        return
    for note in notes:
        yield from wrap_text(_summary_head(briefing, note), width, "  • ", "    ")
        for paragraph in _paragraphs(note.text):
            yield from wrap_text(paragraph, width, "    ", "    ")
    marked = _cited([b.passage for b in bookmarks if b.passage], briefing)
    if marked:
        yield from wrap_text(f"Bookmarked: {marked}", width, "  • ", "    ")
    orphans = [b for b in bookmarks if b.passage is None]
    if orphans:
        yield from wrap_text(
            f"{len(orphans)} orphaned bookmark{'s' if len(orphans) > 1 else ''}",
            width,
            "  • ",
            "    ",
        )


def _markdown_appendix(
    briefing: Briefing, notes: list[AnchoredNote], bookmarks: list[AnchoredBookmark], width: int
) -> Iterator[str]:
    yield "## Your notes"
    yield ""
    if not notes and not bookmarks:
        yield "No notes or bookmarks on this briefing yet."
        return
    for note in notes:
        text = " ".join(_paragraphs(note.text))
        head = _summary_head(briefing, note, markdown=True)
        yield from wrap_text(f"{head} {_md(text)}", width, "- ", "  ")
    marked = _cited([b.passage for b in bookmarks if b.passage], briefing)
    if marked:
        yield from wrap_text(f"Bookmarked: {marked}", width, "- ", "  ")
    orphans = [b for b in bookmarks if b.passage is None]
    if orphans:
        yield f"- {len(orphans)} orphaned bookmark{'s' if len(orphans) > 1 else ''}"


# -- pieces ---------------------------------------------------------------------


def _own(notes: Sequence[AnchoredNote]) -> list[AnchoredNote]:
    return [n for n in notes if not n.elsewhere]


def _offered(notes: Sequence[AnchoredNote]) -> list[AnchoredNote]:
    """Notes kept with other briefings on the same sources (see `UserStore.notes`)."""
    return [n for n in notes if n.elsewhere]


def _note_fields(note: AnchoredNote) -> dict[str, Any]:
    return {"id": note.id, "text": note.text, "created": note.created, "updated": note.updated}


def _source(briefing: Briefing, doc_id: str) -> dict[str, Any] | None:
    try:
        document = briefing.document(doc_id)
    except KeyError:
        return None
    return {
        "id": document.id,
        "number": document.number,
        "title": document.title,
        "publisher": document.publisher,
    }


def _passage(briefing: Briefing, passage_id: str | None) -> dict[str, Any]:
    passage = briefing.passages[passage_id or ""]
    return {
        "id": passage.id,
        "citation": briefing.citation(passage.id),
        "snippet": snippet(passage.text, SNIPPET_CHARS),
        "source": _source(briefing, passage.doc),
    }


def _orphan_fields(briefing: Briefing, item: AnchoredNote | AnchoredBookmark) -> dict[str, Any]:
    return {
        "reason": item.reason,
        "anchor": {
            "doc": item.anchor.doc,
            "last_passage": item.anchor.hint,
            "quote": item.anchor.quote,
            "snippet": snippet(item.anchor.text, SNIPPET_CHARS),
        },
        "source": _source(briefing, item.anchor.doc),
    }


def _md_passage(briefing: Briefing, passage_id: str) -> str:
    passage = briefing.passages[passage_id]
    document = briefing.document(passage.doc)
    source = " — ".join(_md(part) for part in (document.publisher, document.title) if part)
    quote = _md(snippet(passage.text, SNIPPET_CHARS))
    return f"**{briefing.citation(passage_id)}** {source or _md(document.id)}: “{quote}”"


def _md_status(status: str) -> str:
    return " *(re-anchored: the passage changed since)*" if status == "re-anchored" else ""


def _md_orphan(item: AnchoredNote | AnchoredBookmark) -> str:
    quote = _md(snippet(item.anchor.text, SNIPPET_CHARS))
    return (
        f"on *{_md(item.anchor.doc)}* (was {_md(item.anchor.hint)}): “{quote}” — {_md(item.reason)}"
    )


def _summary_head(briefing: Briefing, note: AnchoredNote, *, markdown: bool = False) -> str:
    """`[1 ¶2] “The start of the passage…”:` before a note in the summary."""
    escape = _md if markdown else clean_text
    if note.passage is None:
        quote = snippet(clean_text(note.anchor.text), SUMMARY_SNIPPET_CHARS)
        return f"Orphaned, from {escape(note.anchor.doc)}: “{escape(quote)}”:"
    passage = briefing.passages[note.passage]
    quote = snippet(clean_text(passage.text), SUMMARY_SNIPPET_CHARS)
    moved = " (re-anchored)" if note.status == "re-anchored" else ""
    return f"{_cited([note.passage], briefing)}{moved} “{escape(quote)}”:"


def _cited(passage_ids: list[str], briefing: Briefing) -> str:
    return " ".join(briefing.citation(pid).replace(" ", _KEEP) for pid in passage_ids)


def _paragraphs(text: str) -> list[str]:
    """A note's lines, each flattened: the reader's own line breaks are kept."""
    return [clean_text(line) for line in text.split("\n") if line.strip()]


def _indented(text: str) -> list[str]:
    return [f"  {line}" if line.strip() else "" for line in strip_controls(text).split("\n")]


def _md(text: str) -> str:
    return clean_text(text).translate(_MD_SPECIAL)
