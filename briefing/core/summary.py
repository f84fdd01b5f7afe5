"""The plain-text (or Markdown) summary: sources, then each section's intro and key points."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from briefing.core.errors import NotInBriefing
from briefing.core.model import Annotation, Briefing, Section
from briefing.core.text import quoted, snippet, strip_controls

MIN_WIDTH = 30
_KEEP = "\u00a0"  # textwrap splits on ASCII white space only
MAX_WIDTH = 1000
# Patterns, not compiled here: `re` compiles each on first use and keeps it. A summary of
# key points, uncoloured, needs none of them, and compiling them cost a millisecond.
_CITATION = r"\[\d+ ¶\d+\]"
_SENTENCE_END = r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[A-Z\"“‘(])"
_WORD = r"\d+(?:[.,]\d+)*|\w+"
_SHORT_SENTENCE = 40
"""A 'sentence' this short is likely cut at an abbreviation ('Mr.'): take the next one too."""


class Style(NamedTuple):
    """ANSI styling for a terminal; all empty when colour is off."""

    bold: str = ""
    dim: str = ""
    reset: str = ""

    @classmethod
    def for_terminal(cls, enabled: bool) -> Style:
        return cls("\x1b[1m", "\x1b[2m", "\x1b[0m") if enabled else cls()


def render_summary(
    briefing: Briefing,
    *,
    width: int = 80,
    section_id: str | None = None,
    fmt: str = "text",
    color: bool = False,
) -> str:
    """The whole summary as one string ending in a newline. Deterministic."""
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise ValueError(f"width must be between {MIN_WIDTH} and {MAX_WIDTH}")
    sections = list(briefing.sections)
    if section_id is not None:
        ids = [s.id for s in sections]
        if section_id not in ids:
            from briefing.core.documents import nearest_hint  # reading documents: not needed here

            raise NotInBriefing(
                section_id, "no such section", nearest_hint(section_id, ids, "sections")
            )
        sections = [briefing.section(section_id)]
    writer = (
        _Markdown(briefing, width)
        if fmt == "markdown"
        else _Text(briefing, width, Style.for_terminal(color))
    )
    return "\n".join(writer.render(sections)).rstrip("\n") + "\n"


def cited(briefing: Briefing, passage_ids: tuple[str, ...] | list[str]) -> str:
    """`[1 ¶4] [3 ¶2]` for the passages, in the order given.

    Each citation is held together by a no-break space while wrapping, so that
    `[1` and `¶4]` never land on different lines; `_wrap` turns it back.
    """
    return " ".join(briefing.citation(pid).replace(" ", _KEEP) for pid in passage_ids)


class _Text:
    """Writes the summary as plain text, bold and dim when `style` says so."""

    def __init__(self, briefing: Briefing, width: int, style: Style) -> None:
        self.briefing, self.width, self.style = briefing, width, style

    def render(self, sections: list[Section]) -> Iterator[str]:
        s = self.style
        title = clean_text(self.briefing.title)
        yield from (f"{s.bold}{line}{s.reset}" for line in self.wrap(title))
        yield "=" * min(len(title), self.width)
        if self.briefing.description:
            yield ""
            yield from self.wrap(clean_text(self.briefing.description))
        yield ""
        yield f"{s.bold}Sources{s.reset}"
        if not self.briefing.documents:
            yield _plain(NO_SOURCES)
        for document in self.briefing.documents:
            label = f"[{document.number}] "
            yield from self.wrap(clean_text(document.heading), first=label, rest=" " * len(label))
            yield from self.wrap(
                clean_text(document.details), first=" " * len(label), rest=" " * len(label)
            )
        for section in sections:
            yield ""
            # A long title must not run past --width: wrap it like the briefing's title.
            section_title = clean_text(section.title)
            yield from (f"{s.bold}{line}{s.reset}" for line in self.wrap(section_title))
            yield "-" * min(len(section_title), self.width)
            if section.intro:
                yield from self.wrap(clean_text(section.intro))
            if section.key_points:
                yield ""
                for point in section.key_points:
                    text = f"{clean_text(point.text)} {cited(self.briefing, point.cites)}"
                    yield from self.wrap(text, first="  • ", rest="    ")
            elif section.passages:
                yield ""
                yield from self.wrap(DRAWN_NOTE, first="  ", rest="  ")
                for point in drawn_points(self.briefing, section):
                    text = f"{quoted(point.quote)} {cited(self.briefing, [point.passage])}"
                    if point.backers:
                        text += f"; also {cited(self.briefing, point.backers)}"
                    yield from self.wrap(text, first="  • ", rest="    ")
            else:
                yield ""
                yield from self.wrap(
                    _plain(EMPTY_SECTION) if self.briefing.documents else NOTHING_YET
                )
        notes = disagreement_notes(self.briefing, sections)
        if notes:
            yield ""
            yield f"{s.bold}{DISAGREE_HEADING}{s.reset}"
            yield "-" * min(len(DISAGREE_HEADING), self.width)
            for note in notes:
                text = f"{clean_text(note.text)} {cited(self.briefing, note_cites(note))}"
                yield from self.wrap(text, first="  • ", rest="    ")

    def wrap(self, text: str, first: str = "", rest: str = "") -> list[str]:
        lines = wrap_text(text, self.width, first, rest)
        if self.style.dim:
            lines = [
                re.sub(_CITATION, rf"{self.style.dim}\g<0>{self.style.reset}", line)
                for line in lines
            ]
        return lines


class _Markdown:
    """Writes the summary as Markdown."""

    def __init__(self, briefing: Briefing, width: int) -> None:
        self.briefing, self.width = briefing, width

    def render(self, sections: list[Section]) -> Iterator[str]:
        yield f"# {_md(self.briefing.title)}"
        if self.briefing.description:
            yield ""
            yield from wrap_text(_md(self.briefing.description), self.width)
        yield ""
        yield "## Sources"
        yield ""
        if not self.briefing.documents:
            yield NO_SOURCES
        for document in self.briefing.documents:
            label = f"{document.number}. "
            text = f"*{_md(document.heading)}* — {_md(document.details)}"
            yield from wrap_text(text, self.width, label, " " * len(label))
        for section in sections:
            yield ""
            yield f"## {_md(section.title)}"
            if section.intro:
                yield ""
                yield from wrap_text(_md(section.intro), self.width)
            if section.key_points:
                yield ""
                for point in section.key_points:
                    text = f"{_md(point.text)} {cited(self.briefing, point.cites)}"
                    yield from wrap_text(text, self.width, "- ", "  ")
            elif section.passages:
                yield ""
                yield from wrap_text(f"*{DRAWN_NOTE}*", self.width)
                yield ""
                for point in drawn_points(self.briefing, section):
                    text = f"{quoted(_md(point.quote))} {cited(self.briefing, [point.passage])}"
                    if point.backers:
                        text += f"; also {cited(self.briefing, point.backers)}"
                    yield from wrap_text(text, self.width, "- ", "  ")
            else:
                yield ""
                yield f"*{EMPTY_SECTION if self.briefing.documents else NOTHING_YET}*"
        notes = disagreement_notes(self.briefing, sections)
        if notes:
            yield ""
            yield f"## {DISAGREE_HEADING}"
            yield ""
            for note in notes:
                text = f"{_md(note.text)} {cited(self.briefing, note_cites(note))}"
                yield from wrap_text(text, self.width, "- ", "  ")


DISAGREE_HEADING = "Where the sources disagree"


def _plain(markdown: str) -> str:
    """A message written for Markdown as plain text reads it: commands in quotes, not backticks."""
    return markdown.replace("`", "'")


NO_SOURCES = "None yet: add articles with `briefing import FILE --into FOLDER`."
EMPTY_SECTION = "No passages yet: `briefing check --suggest` offers some."
NOTHING_YET = "No passages yet."


def disagreement_notes(briefing: Briefing, sections: list[Section]) -> list[Annotation]:
    """The briefing's own notes on disagreements, on passages of the sections summarised
    (all of them for the whole briefing), in the order the briefing gives them."""
    if len(sections) == len(briefing.sections):
        wanted = None
    else:
        wanted = {pid for section in sections for pid in section.passages}
    return [
        note
        for note in briefing.annotations
        if note.kind == "disagreement" and (wanted is None or note.passage in wanted)
    ]


def note_cites(note: Annotation) -> list[str]:
    """The note's passage first, then those it cites, each once."""
    return list(dict.fromkeys((note.passage, *note.cites)))


DRAWN_NOTE = (
    "No key points written for this section. Quoted from the sources instead: the passages "
    "other sources corroborate most ('also' cites those sources)."
)
DRAWN_LIMIT = 3
QUOTE_CHARS = 160
BACKERS = 3


class DrawnPoint(NamedTuple):
    """A passage cited in place of a key point: its opening words and who else tells it."""

    passage: str
    quote: str
    backers: list[str]


def drawn_points(briefing: Briefing, section: Section) -> list[DrawnPoint]:
    """For a section without key points, its passages most corroborated across sources."""
    # Deferred: the linking package costs ~65 ms to import; key points need none of it.
    from briefing.core.linking import all_links, corroborated_passages
    from briefing.core.linking.linker import WEAK_REASON

    # A link resting on common words alone ("similar wording") backs up nothing a reader
    # could check: it neither picks a passage nor is cited as "also".
    links = [link for link in all_links(briefing) if link.reasons != (WEAK_REASON,)]
    picked = corroborated_passages(briefing, section.id, DRAWN_LIMIT, links=links)
    points = []
    for pid in picked:
        doc = briefing.passages[pid].doc
        backers: list[str] = []
        for link in sorted(
            (link for link in links if pid in (link.source, link.target)),
            key=lambda link: (not link.curated, -link.score),
        ):
            other = link.other(pid)
            if link.kind != "disagreement" and briefing.passages[other].doc != doc:
                backers.append(other)
        backers = list(dict.fromkeys(backers))[:BACKERS]
        # Quote the sentence that is the section's business, as the backers tell it too: a
        # passage placed here for its second sentence must not be quoted for its first.
        context = " ".join(
            [section.title, section.intro, *(briefing.passages[o].text for o in backers)]
        )
        quote = snippet(best_sentence(briefing.passages[pid].text, context), QUOTE_CHARS)
        points.append(DrawnPoint(pid, quote, backers))
    return points


def sentences(text: str) -> list[str]:
    """The text's sentences; a fragment cut at an abbreviation ('Mr.') joins the next one."""
    found: list[str] = []
    pending = ""
    for sentence in re.split(_SENTENCE_END, " ".join(text.split())):
        pending = f"{pending} {sentence}".strip()
        if len(pending) >= _SHORT_SENTENCE:
            found.append(pending)
            pending = ""
    if pending:
        if found:
            found[-1] = f"{found[-1]} {pending}"
        else:
            found.append(pending)
    return found


def best_sentence(text: str, context: str) -> str:
    """The sentence of `text` that shares most with `context` (numbers count most); ties go
    to the earlier sentence, so with no context it is the first."""
    wanted = value_words(context)
    found = sentences(text)
    if not found:
        return ""

    def fit(index: int) -> tuple[int, int]:
        shared = value_words(found[index]) & wanted
        return (sum(3 if w[0].isdigit() else 1 for w in shared), -index)

    return found[max(range(len(found)), key=fit)]


def value_words(text: str) -> set[str]:
    """Numbers and words of four letters or more, folded: what two wordings of one fact share."""
    return {w for w in re.findall(_WORD, text.casefold()) if w[0].isdigit() or len(w) >= 4}


def wrap_text(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Lines of at most `width` columns of one-line clean text (see clean_text); citations
    joined by a no-break space stay whole.

    What textwrap.wrap gives for such text (break_long_words, no hyphen breaks), five
    times faster: `briefing links` wraps some 1,600 pieces, and textwrap's regex
    chunking was the larger part of its run time.
    """
    lines: list[str] = []
    line, empty = first, True
    for word in text.split(" "):
        if not word:
            continue
        while word:
            if len(line) + len(word) + (0 if empty else 1) <= width:
                line, empty, word = (line if empty else line + " ") + word, False, ""
            elif not empty:
                lines.append(line)
                line, empty = rest, True
            else:  # a word longer than the room on a line of its own: cut it there
                room = max(1, width - len(line))
                lines.append(line + word[:room])
                line, word = rest, word[room:]
    if not empty:
        lines.append(line)
    return [ln.replace(_KEEP, " ") for ln in lines] or [first.rstrip()]


def clean_text(text: str) -> str:
    """Text safe for a terminal, on one line: control characters gone, white space collapsed."""
    return " ".join(strip_controls(text).split())


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#"})


def _md(text: str) -> str:
    return clean_text(text).translate(_MD_SPECIAL)
