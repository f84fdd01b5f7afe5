"""Raw article text (copied from the web) to a clean Markdown document.

The rules are general: they recognise the *shapes* of web clutter (calls to
subscribe, comment threads, contact blocks, copyright and disclaimer footers,
site navigation, datelines and bylines), never the text of particular sites.
Every removal is reported with its line so the user can check it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from briefing.core.furniture import (
    REASONS,
    button_kind,
    glued_prefix,
    image_credit,
    introduces_list,
    is_bare_name,
    is_box_heading,
    is_label_line,
    is_section_name,
    line_kinds,
    row_tail,
)
from briefing.core.text import strip_controls

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
_TIME = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"

DATELINE = re.compile(
    rf"^(?:(?:published|posted|updated|first published|date)\s*(?:on)?\s*:?\s*)?"
    rf"(?:{_TIME}\s*,?\s*)?(?:{_WEEKDAY}\s+)?(?P<date>{_DATE})(?:\s*,?\s*(?:at\s*)?{_TIME})?$",
    re.IGNORECASE,
)
# A name is capitalised words (with the lower-case particles of names); matched case-sensitively
# inside the case-insensitive line so that "By contrast, ..." is no byline.
_NAME = r"(?-i:[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin|da|and|&)){0,5})"
BYLINE = re.compile(
    rf"^(?:written\s+)?by\s+(?P<name>{_NAME})(?:\s*,\s*(?P<role>[^\W\d][^,.;:!?]{{1,38}}))?$",
    re.IGNORECASE,
)
# A wire-style dateline opening the first paragraph: `PLACE, DATE —` (the place may carry a
# region or an agency: "SPRINGFIELD, Ill., (AP) March 3, 2021 --").
WIRE_DATELINE = re.compile(
    rf"^(?P<place>(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})(?:,\s*[A-Z][\w.]{{1,15}})?"
    rf"(?:,?\s*\([^)]{{1,30}}\)|,))\s+"
    rf"(?:{_WEEKDAY}\s+)?(?P<date>{_DATE})\s*(?:\([^)]{{1,30}}\)\s*)?(?:—|–|--?)\s*",
    re.IGNORECASE,
)
# A line naming the source and its date, set off in emphasis under the title:
# `*Example Radio — 13 March 2025*`, `_By A. Writer, 2 May 2024_`.
SOURCE_LINE = re.compile(
    rf"^(?P<by>by\s+)?(?P<name>{_NAME})\s*(?:—|–|--?|\||·|,)\s*(?:{_WEEKDAY}\s+)?(?P<date>{_DATE})$",
    re.IGNORECASE,
)
EMPHASIS = re.compile(r"^(\*{1,2}|_{1,2})(?P<inner>\S(?:.*\S)?)\1$")
# A row of site links: three or more short items between bars or middle dots.
NAV_SEPARATOR = re.compile(r"\s+[|·•]\s+")
# A kicker or section label above a headline: a few capitals, no sentence ("OPINION / ANALYSIS").
SECTION_LABEL = re.compile(r"^(?=.*[A-Z]{2})[A-Z][A-Z&/+ ,.'’-]{1,40}$")
SHARE_OR_RELATED = re.compile(
    r"^(?:share (?:this|on|via)\b|related(?: [a-z]+)?\s*:|read (?:more|next|also)\s*:|"
    r"more (?:from|on|in) [^:]{1,30}:|see also\s*:|you (?:may|might) also (?:like|enjoy)\b|"
    r"recommended(?: [a-z]+)?\s*:|tags?\s*:|topics?\s*:|filed under\s*:)",
    re.IGNORECASE,
)
# A reader's comment in a thread: `handle: what they wrote`.
COMMENT_LINE = re.compile(r"^@?[\w.-]{2,30}:\s+\S")
# A sentence ends at the end of the line: a line break after it may start a new paragraph.
ENDS_SENTENCE = re.compile(r"[.!?…][\"”’)]*$")
STARTS_SENTENCE = re.compile(r"^[\"“‘(]?[A-Z0-9]")
GLUED_LABEL = re.compile(r"^(?P<label>[A-Z]{3,})(?P<rest>[A-Z][a-z].*)$")

# Calls to subscribe, sign up or pay: the core of newsletter and paywall prompts.
PROMO = re.compile(
    r"\b(?:subscribe|subscription|subscriber|newsletter|sign[ -]?up|click here|"
    r"full access|enjoying this (?:article|story|post)|support (?:our|independent) journalism|"
    r"become a (?:member|subscriber|patron)|log ?in to read)\b|"
    r"[$€£]\s?\d+(?:\.\d\d)?\s*(?:a|per|/)\s*(?:month|year|week)",
    re.IGNORECASE,
)
# Imperative openings of marketing copy beside such a prompt.
CALL_TO_ACTION = re.compile(
    r"^(?:get|sign|subscribe|join|click|download|follow|register|try|read|don't miss)\b",
    re.IGNORECASE,
)
COMMENT_HEADER = re.compile(
    rf"^(?P<name>[^\s].{{0,40}}?)\s+(?:on\s+)?{_DATE}\s*(?:[-–—|@,]|at)?\s*{_TIME}$",
    re.IGNORECASE,
)
COMMENT_FURNITURE = re.compile(
    r"^(?:leave a (?:comment|reply)|no comments|\d+ comments?|comments?(?: \(\d+\))?|"
    r"add a comment|post a comment|show comments|join the (?:discussion|conversation)|"
    r"reader comments|comments are closed)\s*:?$",
    re.IGNORECASE,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?:\+|\btel\.?:?\s*)?\(?\d{1,4}\)?(?:[\s.-]?\(?\d{2,4}\)?){2,5}\b")
COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.IGNORECASE)
# The owner may end the block ("© 2022 Example News."), so the end needs no white space before it.
COPYRIGHT_OWNER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<owner>[A-Z][\w&.'’ -]{1,60}?)(?:[.,]?(?:\s+(?:all rights|this)|\s*$)|\.\s+[A-Z])",
    re.IGNORECASE,
)
DISCLAIMER = re.compile(
    r"\b(?:not intended to constitute|should not be relied upon|do(?:es)? not necessarily "
    r"(?:reflect|represent)|for (?:general )?informational purposes only|without the prior "
    r"(?:written )?consent)\b",
    re.IGNORECASE,
)
AUTHOR_BIO = re.compile(
    r"^(?P<name>[A-Z][\w.'’ -]{2,60}?)\s+(?:is|was)\s+(?:an?|the)\b.{0,160}?"
    r"\b(?:analyst|journalist|writer|correspondent|editor|professor|fellow|researcher|author|"
    r"columnist|contributor|director|scholar|reporter|lecturer)\b",
)
NAV_LINK = re.compile(
    r"^\[?[^\]]{1,40}\]?(?:\([^)]*\))?\s*(?:»|>>|›)\s*$|^\[[^\]]{1,40}(?:»|>>|›)\]\([^)]*\)$"
)
DEAD_LINK = re.compile(r"\[([^\]]+)\]\((?:#|javascript:[^)]*)?\)")
CAPTION_CREDIT = re.compile(
    r"(?:[-–—]\s*(?:collected|file photo|photo|image|courtesy)\b.*$)", re.IGNORECASE
)
MARKDOWN_HINTS = re.compile(
    r"^(?:#{1,6}\s|[-*+]\s|\d+\.\s|>\s|---\s*$)|\*\*[^*]+\*\*|\]\([^)]*\)", re.MULTILINE
)
SENTENCE_END = re.compile(r"[.!?…:;\"”’)]$")


@dataclass(frozen=True)
class Removal:
    """Something the importer took out, where it was, and why."""

    reason: str
    first_line: int
    last_line: int
    text: str

    @property
    def lines(self) -> str:
        if self.first_line == self.last_line:
            return f"line {self.first_line}"
        return f"lines {self.first_line}-{self.last_line}"


@dataclass(frozen=True)
class CleanArticle:
    """The result of cleaning: front matter fields, a Markdown body, and the report."""

    fields: dict[str, str]
    body: str
    removed: tuple[Removal, ...]
    found: tuple[str, ...]
    """What was moved to the front matter, e.g. 'date 2023-09-19 (from the dateline)'."""


@dataclass
class _Block:
    lines: list[str]
    line: int
    removed: str = ""
    heading: bool = False
    caption: bool = False
    """Under a picture (it had a credit or a viewer button): a paragraph, never a heading."""
    beside_meta: bool = False
    """Beside a language menu, reading time or buttons: a name alone here is a byline."""

    @property
    def last_line(self) -> int:
        return self.line + len(self.lines) - 1

    @property
    def text(self) -> str:
        """Plain text for classification: Markdown markers stripped, lines joined."""
        joined = " ".join(line.strip() for line in self.lines)
        joined = re.sub(r"^#{1,6}\s+", "", joined)
        joined = re.sub(r"\*\*|__", "", joined)
        return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", joined).strip()

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def single_line(self) -> bool:
        return len(self.lines) == 1


@dataclass
class _Cleaner:
    blocks: list[_Block]
    markdown: bool
    fields: dict[str, str] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)
    cut: list[Removal] = field(default_factory=list)
    """Removals of part of a block (a dateline opening a paragraph)."""

    def live(self) -> list[_Block]:
        return [b for b in self.blocks if not b.removed]

    def remove(self, block: _Block, reason: str) -> None:
        if not block.removed:
            block.removed = reason


def clean_article(raw: str) -> CleanArticle:
    """Turn raw article text into front matter fields and a clean Markdown body."""
    text = strip_controls(raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\t", "    ").replace("\ufeff", "")
    markdown = bool(MARKDOWN_HINTS.search(text))
    cleaner = _Cleaner(_split_blocks(text, markdown=markdown), markdown=markdown)
    _split_header_lines(cleaner)
    _remove_page_furniture(cleaner)
    _take_header(cleaner)
    _title_from_repeat(cleaner)
    _remove_repeated_title(cleaner)
    _remove_navigation(cleaner)
    _remove_promos(cleaner)
    _remove_comments(cleaner)
    _remove_contacts(cleaner)
    _remove_footers(cleaner)
    _remove_trailing_box(cleaner)
    _remove_trailing_furniture(cleaner)
    body, dead_links = _render_body(cleaner)
    if dead_links:
        cleaner.found.append(
            f"{dead_links} link{'s' if dead_links > 1 else ''} to nowhere kept as plain text"
        )
    return CleanArticle(
        fields=cleaner.fields,
        body=body,
        removed=tuple(
            sorted(_merge_removals(cleaner.blocks) + cleaner.cut, key=lambda r: r.first_line)
        ),
        found=tuple(cleaner.found),
    )


def _split_blocks(text: str, *, markdown: bool = False) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[str] = []
    start = 1
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append(_Block(current, start))
            current = []
    if current:
        blocks.append(_Block(current, start))
    # A block of several very long lines is one paragraph per line, not one wrapped paragraph.
    result: list[_Block] = []
    for block in blocks:
        if len(block.lines) > 1 and all(len(line) > 200 for line in block.lines):
            result.extend(_Block([line], block.line + i) for i, line in enumerate(block.lines))
        elif len(block.lines) > 1 and not markdown:
            result.extend(_split_at_paragraph_ends(block))
        else:
            result.append(block)
    return result


HARD_WRAP_MAX = 100
"""Text wrapped by hand is wrapped at 100 columns or fewer; a longer line is a whole paragraph."""


def _split_at_paragraph_ends(block: _Block) -> list[_Block]:
    """Plain text without blank lines: a new paragraph where a line ends a sentence early.

    Hard-wrapped lines fill the width they were wrapped at, even where a sentence
    happens to end; so a line break after a sentence starts a new paragraph only
    when that line stops well short of the block's longest line, or is itself
    longer than any hand wrap (one paragraph per line).
    """
    widest = max(len(line.strip()) for line in block.lines)
    parts: list[_Block] = []
    start = 0
    for i in range(len(block.lines) - 1):
        line, following = block.lines[i].strip(), block.lines[i + 1].strip()
        short = len(line) < 0.75 * widest or len(line) > HARD_WRAP_MAX
        if short and ENDS_SENTENCE.search(line) and STARTS_SENTENCE.match(following):
            parts.append(_Block(block.lines[start : i + 1], block.line + start))
            start = i + 1
    parts.append(_Block(block.lines[start:], block.line + start))
    return parts


def _take_header(c: _Cleaner) -> None:
    """Datelines, the title, a byline and a repeated title at the top go to front matter.

    The top is the first six blocks that are not page furniture (removed before).
    """
    for block in [b for b in c.blocks if not b.removed][:6]:
        if block.removed:
            continue
        text = block.text
        position = c.blocks.index(block)
        if block.single_line and is_navigation(text, markdown=c.markdown):
            c.remove(block, "site navigation")
        elif "date" not in c.fields and block.single_line and (match := DATELINE.match(text)):
            _take_date(c, match.group("date"), f"the dateline, line {block.line}")
            c.remove(block, "dateline (moved to front matter)")
        elif "title" not in c.fields and _is_section_label(block, c.blocks[position + 1 :]):
            c.remove(block, "section label")
        elif "title" not in c.fields and _looks_like_title(block):
            title = text
            if glued := GLUED_LABEL.match(title):
                title = glued.group("rest")
                c.found.append(f"label '{glued.group('label')}' stuck to the title dropped")
            c.fields["title"] = title
            c.found.append(f"title (from line {block.line})")
            c.remove(block, "title (moved to front matter)")
        elif "author" not in c.fields and block.single_line and (match := BYLINE.match(text)):
            _take_author(c, match, f"the byline, line {block.line}")
            c.remove(block, "byline (moved to front matter)")
        elif block.single_line and (match := _source_line(block)):
            _take_source_line(c, match, block.line)
            c.remove(block, "source and date line (moved to front matter)")
        elif "title" in c.fields and _same_title(text, c.fields["title"]):
            c.remove(block, "repeated title")
        elif (
            "title" in c.fields and text.startswith(c.fields["title"]) and text != c.fields["title"]
        ):
            c.remove(block, "repeated title with image caption")
        elif "author" not in c.fields and "title" in c.fields and _bare_byline(block):
            c.fields["author"] = text
            c.found.append(
                f"author {text} (from the name beside the byline bar, line {block.line})"
            )
            c.remove(block, "byline (moved to front matter)")
        elif "title" in c.fields:
            _take_wire_dateline(c, block)
            break


def _take_date(c: _Cleaner, text: str, where: str) -> None:
    c.fields["date"] = iso_date(text) or text
    c.found.append(f"date {c.fields['date']} (from {where})")


def _take_author(c: _Cleaner, match: re.Match[str], where: str) -> None:
    name = match.group("name")
    c.fields["author"] = name
    role = match.groupdict().get("role")
    # A role ("Staff Writer") says nothing about this article: reported, not kept.
    dropped = f"; role '{role.strip()}' dropped" if role else ""
    c.found.append(f"author {name} (from {where}{dropped})")


def _source_line(block: _Block) -> re.Match[str] | None:
    """`*Name — date*` or `By Name, date` under the title, as a line of its own.

    A name and a date alone could be a place and a date; set off in emphasis,
    or after "By", they are the article's source.
    """
    line = block.lines[0].strip()
    if emphasised := EMPHASIS.match(line):
        return SOURCE_LINE.match(emphasised.group("inner").strip())
    match = SOURCE_LINE.match(line)
    return match if match and match.group("by") else None


def _take_source_line(c: _Cleaner, match: re.Match[str], line: int) -> None:
    where = f"the source line, line {line}"
    if "date" not in c.fields:
        _take_date(c, match.group("date"), where)
    # "By NAME" names a writer; a name alone beside the date is the one who published it.
    key = "author" if match.group("by") else "publisher"
    if key not in c.fields:
        c.fields[key] = match.group("name").strip()
        c.found.append(f"{key} {c.fields[key]} (from {where})")


def _take_wire_dateline(c: _Cleaner, block: _Block) -> None:
    """`PLACE, DATE —` opening the first paragraph: the date to front matter, the words stay."""
    first = block.lines[0]
    match = WIRE_DATELINE.match(first.strip())
    if "date" in c.fields or not match or not iso_date(match.group("date")):
        return
    _take_date(c, match.group("date"), f"the dateline, line {block.line}")
    rest = first.strip()[match.end() :]
    if not rest and block.single_line:
        c.remove(block, "dateline (moved to front matter)")
        return
    c.cut.append(
        Removal("dateline (moved to front matter)", block.line, block.line, match.group(0).strip())
    )
    if rest:
        block.lines[0] = rest
    else:
        block.lines.pop(0)
        block.line += 1


def is_navigation(text: str, *, markdown: bool = False) -> bool:
    """A row of three or more short links between bars or dots ("Home | News | Sport")."""
    if markdown and text.startswith("|"):
        return False  # a Markdown table row
    items = NAV_SEPARATOR.split(text.strip().strip("|").strip())
    return len(items) >= 3 and all(
        0 < len(item.split()) <= 4 and not ENDS_SENTENCE.search(item) for item in items
    )


def _is_section_label(block: _Block, after: list[_Block]) -> bool:
    """A few capitals above the headline: the site's section, not the article's title.

    Or a section's name ("Latest News") above a longer line that reads as a headline;
    a marked heading (`# ...`) is meant as one.
    """
    text = block.text
    words = text.split()
    if not block.single_line or len(words) > 4:
        return False
    capitals = bool(SECTION_LABEL.match(text))
    kicker = is_section_name(text) and not block.lines[0].lstrip().startswith("#")
    if not (capitals or kicker):
        return False
    following = next((b for b in after if not b.removed), None)
    if following is None or not _looks_like_title(following):
        return False
    if SECTION_LABEL.match(following.text):
        return False
    return capitals or len(following.text.split()) >= max(5, 2 * len(words))


def _split_header_lines(c: _Cleaner) -> None:
    """Lines at the top that carry metadata become blocks of their own.

    Pasted text often has no blank line between a byline or an image caption
    and what follows it, or between a headline and the byline under it; split
    them so that only the metadata line goes.
    """
    result: list[_Block] = []
    for position, block in enumerate(c.blocks):
        lines = list(block.lines)
        start = block.line
        while position < 6 and len(lines) > 1 and _is_metadata_line(lines[0], result):
            result.append(_Block([lines.pop(0)], start))
            start += 1
        tail: list[_Block] = []
        while position < 6 and len(lines) > 1 and BYLINE.match(lines[-1].strip()):
            tail.insert(0, _Block([lines.pop()], start + len(lines)))
        result.append(_Block(lines, start))
        result.extend(tail)
    c.blocks = result


def _is_metadata_line(line: str, before: list[_Block]) -> bool:
    text = line.strip()
    if DATELINE.match(text) or BYLINE.match(text) or is_navigation(text):
        return True
    title = next((b.text for b in before if _looks_like_title(b)), "")
    return bool(title) and text.startswith(title)


def _looks_like_title(block: _Block) -> bool:
    if block.lines[0].lstrip().startswith("#"):
        return True
    text = block.text
    if DATELINE.match(text) or BYLINE.match(text) or is_navigation(text):
        return False
    # A share or print button is never the headline, even one the furniture pass left.
    if button_kind(text) in ("button", "viewer", "reading") or block.caption:
        return False
    return block.single_line and 0 < len(text.split()) <= 25 and not text.endswith(".")


def _same_title(text: str, title: str) -> bool:
    """The headline again, as a page repeats it over the text (case and spacing aside)."""

    def norm(words: str) -> str:
        return " ".join(words.casefold().split()).rstrip(" .:")

    return norm(text) == norm(title)


def _bare_byline(block: _Block) -> bool:
    """A name alone in the byline bar, beside its language menu or reading time."""
    return block.single_line and block.beside_meta and is_bare_name(block.text)


# What sits in a byline bar; a viewer button sits by a picture, tags by the topic.
_META_FURNITURE = frozenset(REASONS.values()) - {REASONS["viewer"], REASONS["tags"]}


def _remove_page_furniture(c: _Cleaner) -> None:
    """Buttons, reading times, viewer buttons, language menus and picture credits.

    Whole lines of furniture become blocks of their own and go; furniture glued to
    text (a reading time before a paragraph, a credit after a caption) is cut off.
    """
    c.blocks = [part for block in c.blocks for part in _split_furniture(block)]
    for index, block in enumerate(c.blocks):
        if block.removed:
            continue
        _cut_glued_furniture(c, block)
        before = c.blocks[index - 1] if index else None
        after = c.blocks[index + 1] if index + 1 < len(c.blocks) else None
        listed = after is not None and after.removed in (REASONS["language"], REASONS["network"])
        if listed and introduces_list(block.lines[-1]):
            after.removed = ""  # a list of languages or networks the article introduces
        if before is not None and before.removed == REASONS["viewer"]:
            block.caption = True
        if any(b is not None and b.removed in _META_FURNITURE for b in (before, after)):
            block.beside_meta = True


def _split_furniture(block: _Block) -> list[_Block]:
    """The block cut into runs of text and runs of whole-line furniture (marked removed)."""
    lines = block.lines
    kinds = line_kinds([line.strip() for line in lines])
    # Inside a hard-wrapped paragraph, a line such as "print" is the end of a sentence.
    for i, kind in enumerate(kinds):
        previous = lines[i - 1].strip() if i else ""
        if (
            kind
            and i
            and not kinds[i - 1]
            and len(previous) >= 60
            and not ENDS_SENTENCE.search(previous)
        ):
            kinds[i] = None
    if not any(kinds):
        return [block]
    parts: list[_Block] = []
    start = 0
    for i in range(1, len(lines) + 1):
        reason = REASONS[kinds[start]] if kinds[start] else ""
        if i < len(lines) and (REASONS[kinds[i]] if kinds[i] else "") == reason:
            continue
        part = _Block(lines[start:i], block.line + start)
        part.removed = reason
        parts.append(part)
        start = i
    return parts


def _cut_glued_furniture(c: _Cleaner, block: _Block) -> None:
    kind, prefix = glued_prefix(block.lines[0])
    if prefix:
        c.cut.append(Removal(REASONS[kind], block.line, block.line, prefix.strip()))
        block.lines[0] = block.lines[0].lstrip()[len(prefix) :]
        block.caption = block.caption or kind == "viewer"
        block.beside_meta = block.beside_meta or kind == "reading"
    if block.single_line and (tail := row_tail(block.lines[0])):
        offset, reason = tail
        line = block.lines[0]
        c.cut.append(Removal(reason, block.line, block.line, line[offset:].strip(" |·•")))
        block.lines[0] = line[:offset].rstrip()
        block.beside_meta = True
    credit = image_credit(block.text)
    if not credit:
        return
    if credit == block.text:
        block.removed = "image credit"
        return
    last = block.lines[-1]
    at = last.rstrip().rfind(credit)
    if at < 0:
        return  # the credit runs over two lines: left as it is rather than cut wrongly
    c.cut.append(Removal("image credit", block.last_line, block.last_line, credit))
    block.lines[-1] = last[:at].rstrip()
    block.caption = True


_TITLE_SEPARATOR = re.compile(r"^\s*[:|–—-]\s*|\s*[:|–—-]\s*$")


def _title_from_repeat(c: _Cleaner) -> None:
    """A headline with a label ("Label: Headline", "Headline | Site") the text repeats bare.

    The repeat is the headline; the label or site name beside it is dropped and said so.
    """
    title = c.fields.get("title")
    if not title:
        return
    for block in c.live():
        text = block.text
        if not block.single_line or text == title or len(text.split()) < 3:
            continue
        if title.endswith(text):
            label = title[: -len(text)]
        elif title.startswith(text):
            label = title[len(text) :]
        else:
            continue
        if not _TITLE_SEPARATOR.search(label) or len(label.split()) > 6:
            continue
        c.fields["title"] = text
        dropped = _TITLE_SEPARATOR.sub("", label).strip()
        c.found.append(f"label '{dropped}' beside the title dropped (the text repeats it without)")
        return


def _remove_repeated_title(c: _Cleaner) -> None:
    """The headline repeated further down (over each part of the text) goes each time."""
    title = c.fields.get("title")
    if not title:
        return
    for block in c.live():
        if block.single_line and _same_title(block.text, title):
            c.remove(block, "repeated title")


def _remove_trailing_box(c: _Cleaner) -> None:
    """A box of `Label: value` lines under a heading in capitals after the last paragraph.

    Pages set a spec box, a fact file or a widget from elsewhere after the article;
    its short labelled lines would otherwise become headings and a passage. A
    labelled line with no capitals heading over it (an interview's `Name: words`) stays.
    """
    live = c.live()
    box: list[_Block] = []
    labels = 0
    for position in range(len(live) - 1, 0, -1):
        block = live[position]
        lines = [line.strip() for line in block.lines]
        if all(is_label_line(line) for line in lines):
            box.append(block)
            labels += len(lines)
            continue
        heading = is_box_heading(lines[0]) and all(is_label_line(line) for line in lines[1:])
        if heading and labels + len(lines) - 1 >= 2:
            for part in (block, *box):
                c.remove(part, "box after the article")
        return


def _remove_navigation(c: _Cleaner) -> None:
    """Rows of site links, and share and related-stories blocks, wherever they are."""
    for block in c.live():
        lines = [line.strip() for line in block.lines]
        share = [bool(SHARE_OR_RELATED.match(line)) and len(line.split()) <= 30 for line in lines]
        menu = [is_navigation(line, markdown=c.markdown) for line in lines]
        if any(share) and all(s or m for s, m in zip(share, menu, strict=True)):
            c.remove(block, "share and related links")
        elif all(menu):
            c.remove(block, "site navigation")


def _remove_promos(c: _Cleaner) -> None:
    blocks = c.blocks
    for index, block in enumerate(blocks):
        if block.removed or not PROMO.search(block.text) or block.words > 40:
            continue
        c.remove(block, "subscription prompt")
        # Grow over the prompt's furniture: short labels and calls to action beside it.
        for step in (-1, 1):
            j = index + step
            while 0 <= j < len(blocks):
                near = blocks[j]
                if near.removed and near.removed != "subscription prompt":
                    break
                short_label = near.words <= 4 and not SENTENCE_END.search(near.text)
                call = near.words <= 25 and CALL_TO_ACTION.match(near.text)
                # The same length limit as above: growing over a prompt's furniture must
                # never take a long paragraph that merely says "newsletter".
                promo = near.words <= 40 and PROMO.search(near.text)
                if not near.removed and not (short_label or call or promo):
                    break
                c.remove(near, "subscription prompt")
                j += step


def _remove_comments(c: _Cleaner) -> None:
    blocks = c.blocks
    for index, block in enumerate(blocks):
        if block.removed:
            continue
        text = block.text
        if block.single_line and COMMENT_HEADER.match(text):
            c.remove(block, "reader comments")
            if index + 1 < len(blocks) and not COMMENT_HEADER.match(blocks[index + 1].text):
                c.remove(blocks[index + 1], "reader comments")
        elif block.words <= 5 and COMMENT_FURNITURE.match(text):
            c.remove(block, "comment thread furniture")
            _remove_thread(c, index + 1)
        elif not block.single_line and COMMENT_FURNITURE.match(block.lines[0].strip()):
            # "Comments (3)" with the thread right under it, no blank line between.
            c.remove(block, "reader comments")
            _remove_thread(c, index + 1)


def _remove_thread(c: _Cleaner, start: int) -> None:
    """After a comments heading: the blocks that are comments (`handle: words`)."""
    for block in c.blocks[start:]:
        if block.removed:
            continue
        if not all(COMMENT_LINE.match(line.strip()) for line in block.lines):
            break
        c.remove(block, "reader comments")


def _remove_contacts(c: _Cleaner) -> None:
    blocks = c.blocks
    for index, block in enumerate(blocks):
        if block.removed:
            continue
        contact = EMAIL.search(block.text) or (PHONE.search(block.text) and len(block.lines) > 1)
        if not contact or any(len(line.split()) > 10 for line in block.lines):
            continue
        if COPYRIGHT.search(block.text):
            continue  # a copyright line with an address: the footer rule names the publisher
        c.remove(block, "contact details")
        if index > 0:
            before = blocks[index - 1]
            if not before.removed and before.words <= 4 and not SENTENCE_END.search(before.text):
                c.remove(before, "contact details")


def _remove_footers(c: _Cleaner) -> None:
    live = c.live()
    for position, block in enumerate(live):
        text = block.text
        if COPYRIGHT.search(text):
            if "publisher" not in c.fields and (owner := COPYRIGHT_OWNER.search(text)):
                c.fields["publisher"] = owner.group("owner").strip()
                c.found.append(
                    f"publisher {c.fields['publisher']} (from the copyright line {block.line})"
                )
            c.remove(block, "copyright footer")
        elif DISCLAIMER.search(text) and position >= len(live) - 4:
            c.remove(block, "disclaimer")
        elif NAV_LINK.match(text) or NAV_LINK.match(" ".join(block.lines).strip()):
            c.remove(block, "site navigation")
        elif position >= len(live) - 6 and block.words <= 60 and (match := AUTHOR_BIO.match(text)):
            name = match.group("name").strip()
            if "author" not in c.fields:
                c.fields["author"] = name
                c.found.append(f"author {name} (from the author's note, line {block.line})")
            c.fields.setdefault("author_note", text)
            c.remove(block, "author's note (kept in front matter)")


def _remove_trailing_furniture(c: _Cleaner) -> None:
    """Short headline-like lines after the last paragraph are site navigation."""
    live = c.live()
    for block in reversed(live):
        if block.words <= 6 and not SENTENCE_END.search(block.text):
            c.remove(block, "site navigation")
        elif block.lines[0].strip() in ("---", "***", "___"):
            block.removed = "separator"
        else:
            break


def _render_body(c: _Cleaner) -> tuple[str, int]:
    live = c.live()
    while live and live[0].lines[0].strip() in ("---", "***", "___"):
        live.pop(0).removed = "separator"
    out: list[str] = []
    dead = 0
    for index, block in enumerate(live):
        if c.markdown:
            chunk = "\n".join(block.lines)
        else:
            following = live[index + 1] if index + 1 < len(live) else None
            if following is not None and not block.caption and _is_heading(block):
                chunk = "## " + escape_markdown(block.text)
            else:
                chunk = escape_markdown(re.sub(r"\s+", " ", block.text))
        chunk, count = DEAD_LINK.subn(r"\1", chunk) if c.markdown else (chunk, 0)
        dead += count
        out.append(chunk)
    return "\n\n".join(out) + "\n", dead


def _is_heading(block: _Block) -> bool:
    text = block.text
    if not block.single_line or (not text[:1].isupper() and not text[:1].isdigit()):
        return False
    if text.endswith("?"):
        return len(text.split()) <= 30
    return len(text.split()) <= 14 and not re.search(r"[.,;:!]$", text)


_MD_INLINE = re.compile(r"([\\`*_\[\]<])")
# Only punctuation can be escaped, so an ordered-list marker ("1. ") has its `.`/`)`
# escaped, not the digit. `~~~` would open a code fence, and `#`, `-`, `+` alone make
# an empty heading or item.
_MD_LINE_START = re.compile(r"^(\s*)(#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|=+\s*$|-{3,}\s*$|~{3,})")
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)](?:\s|$))")


def escape_markdown(text: str) -> str:
    """Plain text made safe to store as Markdown: it reads back as the same text."""
    text = _MD_INLINE.sub(r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", r"\\&", text)
    text = _MD_ORDERED.sub(r"\1\\\2", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _merge_removals(blocks: list[_Block]) -> list[Removal]:
    """Adjacent blocks removed for the same reason are reported once."""
    merged: list[Removal] = []
    previous: _Block | None = None
    for block in blocks:
        if not block.removed or block.removed.startswith(("title", "separator")):
            previous = None
            continue
        if previous is not None and previous.removed == block.removed and merged:
            last = merged[-1]
            merged[-1] = Removal(last.reason, last.first_line, block.last_line, last.text)
        else:
            merged.append(Removal(block.removed, block.line, block.last_line, block.text))
        previous = block
    return merged


def iso_date(text: str) -> str:
    """`19 September 2023`, `September 19, 2023` or `2023-09-19` as `2023-09-19`; else ''."""
    text = text.strip().replace(",", " ")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        parts = [int(p) for p in text.split("-")]
        return _safe_date(*parts)
    words = text.replace(".", " ").split()
    if len(words) != 3:
        return ""
    numbers = [w for w in words if w.isdigit()]
    names = [w for w in words if not w.isdigit()]
    if len(numbers) != 2 or len(names) != 1:
        return ""
    month = next((i for i, m in enumerate(_MONTHS, 1) if m.startswith(names[0].lower()[:3])), 0)
    day, year = sorted((int(n) for n in numbers), key=lambda n: n > 31)
    return _safe_date(year, month, day) if month else ""


def _safe_date(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""
