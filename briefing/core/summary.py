"""The plain-text (or Markdown) summary: sources, then each section's intro and key points."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from briefing.core.documents import nearest_hint
from briefing.core.errors import BriefingError
from briefing.core.model import Briefing, Document, Section
from briefing.core.text import strip_controls

MIN_WIDTH = 30
_KEEP = "\u00a0"  # textwrap splits on ASCII white space only
_CITATION = re.compile(r"\[\d+ ¶\d+\]")
MAX_WIDTH = 1000


@dataclass(frozen=True)
class Style:
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
            raise BriefingError.at(
                briefing.file,
                0,
                f"no section '{section_id}': {nearest_hint(section_id, ids, 'sections')}",
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


def source_details(document: Document) -> str:
    """Publisher, author and date, naming what is not known rather than guessing."""
    return " · ".join(
        (
            document.publisher or "publisher not given",
            document.author or "no byline",
            document.date or "undated",
        )
    )


@dataclass
class _Text:
    briefing: Briefing
    width: int
    style: Style

    def render(self, sections: list[Section]) -> Iterator[str]:
        s = self.style
        title = _clean(self.briefing.title)
        yield from (f"{s.bold}{line}{s.reset}" for line in self.wrap(title))
        yield "=" * min(len(title), self.width)
        if self.briefing.description:
            yield ""
            yield from self.wrap(_clean(self.briefing.description))
        yield ""
        yield f"{s.bold}Sources{s.reset}"
        for document in self.briefing.documents:
            label = f"[{document.number}] "
            yield from self.wrap(
                _clean(document.title or document.id), first=label, rest=" " * len(label)
            )
            yield from self.wrap(
                _clean(source_details(document)), first=" " * len(label), rest=" " * len(label)
            )
        for section in sections:
            yield ""
            # A long title must not run past --width: wrap it like the briefing's title.
            section_title = _clean(section.title)
            yield from (f"{s.bold}{line}{s.reset}" for line in self.wrap(section_title))
            yield "-" * min(len(section_title), self.width)
            if section.intro:
                yield from self.wrap(_clean(section.intro))
            if section.key_points:
                yield ""
                for point in section.key_points:
                    text = f"{_clean(point.text)} {cited(self.briefing, point.cites)}"
                    yield from self.wrap(text, first="  • ", rest="    ")
            elif section.passages:
                yield ""
                yield from self.wrap(
                    "Passages: " + cited(self.briefing, section.passages), first="  ", rest="  "
                )

    def wrap(self, text: str, first: str = "", rest: str = "") -> list[str]:
        lines = _wrap(text, self.width, first, rest)
        if self.style.dim:
            lines = [
                _CITATION.sub(rf"{self.style.dim}\g<0>{self.style.reset}", line) for line in lines
            ]
        return lines


@dataclass
class _Markdown:
    briefing: Briefing
    width: int

    def render(self, sections: list[Section]) -> Iterator[str]:
        yield f"# {_md(self.briefing.title)}"
        if self.briefing.description:
            yield ""
            yield from _wrap(_md(self.briefing.description), self.width)
        yield ""
        yield "## Sources"
        yield ""
        for document in self.briefing.documents:
            label = f"{document.number}. "
            text = f"*{_md(document.title or document.id)}* — {_md(source_details(document))}"
            yield from _wrap(text, self.width, label, " " * len(label))
        for section in sections:
            yield ""
            yield f"## {_md(section.title)}"
            if section.intro:
                yield ""
                yield from _wrap(_md(section.intro), self.width)
            if section.key_points:
                yield ""
                for point in section.key_points:
                    text = f"{_md(point.text)} {cited(self.briefing, point.cites)}"
                    yield from _wrap(text, self.width, "- ", "  ")
            elif section.passages:
                yield ""
                yield from _wrap("Passages: " + cited(self.briefing, section.passages), self.width)


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    lines = textwrap.wrap(
        text,
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [first.rstrip()]
    return [line.replace(_KEEP, " ") for line in lines]


def _clean(text: str) -> str:
    return " ".join(strip_controls(text).split())


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#"})


def _md(text: str) -> str:
    return _clean(text).translate(_MD_SPECIAL)
