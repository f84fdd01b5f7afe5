"""The head of an article: its title, byline, date and source line, taken into front matter."""

from __future__ import annotations

import re
from datetime import date

from briefing.core.article_blocks import STARTS_SENTENCE, Block, Cleaner, Removal
from briefing.core.furniture import button_kind, is_bare_name, is_navigation, is_section_name

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

DATE_PATTERN = rf"(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"

TIME_PATTERN = r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"

DATELINE = re.compile(
    rf"^(?:(?:published|posted|updated|first published|date)\s*(?:on)?\s*:?\s*)?"
    rf"(?:{TIME_PATTERN}\s*,?\s*)?(?:{_WEEKDAY}\s+)?(?P<date>{DATE_PATTERN})(?:\s*,?\s*(?:at\s*)?{TIME_PATTERN})?$",
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
    rf"(?:,?\s*\((?P<agency>[^)]{{1,30}})\)|,))\s+"
    rf"(?:{_WEEKDAY}\s+)?(?P<date>{DATE_PATTERN})\s*(?:\((?P<agency_after>[^)]{{1,30}})\)\s*)?"
    rf"(?:—|–|--?)\s*",
    re.IGNORECASE,
)

_PLACE_WORD = r"[A-Z][\w.'’-]*"

# A wire dateline with no date, or a day without its year: `PLACE (Agency) —`, `PLACE,
# Region (Agency) —`, `PLACE, Oct 3 (Agency) —`, `PLACE, (Agency) —`. Case-sensitive: the
# place is a few capitalised words, and a hyphen is a dash only with a space after it.
AGENCY_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:\s+(?:{_PLACE_WORD}|de|da|del|la|al|van|von)){{0,3}})"
    rf"(?:,\s*(?P<region>{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}}))??"
    rf"(?:,\s*(?P<day>{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}))?"
    rf",?\s*\((?P<agency>[^()]{{2,30}})\)\s*(?:[—–]\s*|--?(?:\s+|$))"
)

# A line naming the source and its date, set off in emphasis under the title:
# `*Example Radio — 13 March 2025*`, `_By A. Writer, 2 May 2024_`.
SOURCE_LINE = re.compile(
    rf"^(?P<by>by\s+)?(?P<name>{_NAME})\s*(?:—|–|--?|\||·|,)\s*(?:{_WEEKDAY}\s+)?(?P<date>{DATE_PATTERN})$",
    re.IGNORECASE,
)

EMPHASIS = re.compile(r"^(\*{1,2}|_{1,2})(?P<inner>\S(?:.*\S)?)\1$")

# A kicker or section label above a headline: a few capitals, no sentence ("OPINION / ANALYSIS").
SECTION_LABEL = re.compile(r"^(?=.*[A-Z]{2})[A-Z][A-Z&/+ ,.'’-]{1,40}$")

GLUED_LABEL = re.compile(r"^(?P<label>[A-Z]{3,})(?P<rest>[A-Z][a-z].*)$")


def take_header(c: Cleaner) -> None:
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
        elif "title" not in c.fields and looks_like_title(block):
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


def _take_date(c: Cleaner, text: str, where: str) -> None:
    c.fields["date"] = iso_date(text) or text
    c.found.append(f"date {c.fields['date']} (from {where})")


def _take_author(c: Cleaner, match: re.Match[str], where: str) -> None:
    name = match.group("name")
    c.fields["author"] = name
    role = match.groupdict().get("role")
    # A role ("Staff Writer") says nothing about this article: reported, not kept.
    dropped = f"; role '{role.strip()}' dropped" if role else ""
    c.found.append(f"author {name} (from {where}{dropped})")


def _source_line(block: Block) -> re.Match[str] | None:
    """`*Name — date*` or `By Name, date` under the title, as a line of its own.

    A name and a date alone could be a place and a date; set off in emphasis,
    or after "By", they are the article's source.
    """
    line = block.lines[0].strip()
    if emphasised := EMPHASIS.match(line):
        return SOURCE_LINE.match(emphasised.group("inner").strip())
    match = SOURCE_LINE.match(line)
    return match if match and match.group("by") else None


def _take_source_line(c: Cleaner, match: re.Match[str], line: int) -> None:
    where = f"the source line, line {line}"
    if "date" not in c.fields:
        _take_date(c, match.group("date"), where)
    # "By NAME" names a writer; a name alone beside the date is the one who published it.
    key = "author" if match.group("by") else "publisher"
    if key not in c.fields:
        c.fields[key] = match.group("name").strip()
        c.found.append(f"{key} {c.fields[key]} (from {where})")


def _take_wire_dateline(c: Cleaner, block: Block) -> None:
    """A wire dateline opening the first paragraph goes; its date and agency are kept aside.

    `PLACE, DATE —` gives the front matter its date. `PLACE (Agency) —`, or with a day
    and no year, gives none (a day is no date), but it is no more the article's words.
    """
    first = block.lines[0].strip()
    place = first.split(",")[0].split("(")[0].strip()
    if (dated := WIRE_DATELINE.match(first)) and iso_date(dated.group("date")):
        match: re.Match[str] = dated
        agency = dated.group("agency") or dated.group("agency_after") or ""
        if "date" not in c.fields:
            _take_date(c, dated.group("date"), f"the dateline, line {block.line}")
            reason = "dateline (moved to front matter)"
        elif _opens_sentence(block, dated.end()):
            reason = "dateline (its date already in front matter)"
        else:
            return
    elif (undated := AGENCY_DATELINE.match(first)) and _opens_sentence(block, undated.end()):
        match, agency = undated, undated.group("agency")
        if not _is_agency(agency, place) or not _wire_place(undated, place, agency):
            return
        if undated.group("day"):
            reason = "dateline (a day without a year, not taken as the date)"
        else:
            reason = "dateline (place and agency)"
    else:
        return
    if _is_agency(agency, place) and c.agency is None:
        c.agency = (agency.strip(), block.line)
    rest = first[match.end() :]
    if not rest and block.single_line:
        c.remove(block, reason)
        return
    c.cut.append(Removal(reason, block.line, block.line, match.group(0).strip()))
    if rest:
        block.lines[0] = rest
    else:
        block.lines.pop(0)
        block.line += 1


def _opens_sentence(block: Block, end: int) -> bool:
    """After a dateline a sentence starts: "Officials (Agency) - said ..." is a sentence."""
    rest = block.lines[0].strip()[end:]
    following = rest or (block.lines[1].strip() if len(block.lines) > 1 else "")
    return not following or bool(STARTS_SENTENCE.match(following))


def _wire_place(match: re.Match[str], place: str, agency: str) -> bool:
    """Whether an undated `Words (Word) —` opening is set as wire copy sets a dateline: the
    place in capitals (`SPRINGFIELD (AP) —`) or with its region (`Springfield, Ill. (AP) —`).

    An article may open on a name and its abbreviation, a ticker or a party in parentheses
    ("Acme Corp (ACME) — Shares…", "Jane Roe (Green) — The minister…"): with no date to
    tell them apart, only the dateline's own typography does. Nor is an agency the place's
    initials ("UNITED NATIONS (UN) —").
    """
    initials = "".join(word[0] for word in place.split()).upper()
    if agency.replace(".", "").replace(" ", "").upper() == initials:
        return False
    return place.upper() == place or bool(match.group("region"))


def _is_agency(name: str, place: str) -> bool:
    """A wire service's name in a dateline's parentheses: a few capitalised words.

    "(who declined to be named)" is an aside, not an agency; a short lower-case name
    ("dpa") is one only after a place in capitals, as wire copy sets it.
    """
    words = name.split()
    if not words or len(words) > 4 or len(name.strip()) < 2:
        return False
    if all(w[0].isupper() or w[0].isdigit() for w in words):
        return True
    return place.isupper() and len(words) == 1 and name.isalpha() and len(name) <= 4


def take_agency(c: Cleaner) -> None:
    """The agency a dateline names is the publisher only when the text names no other.

    It is the wire service the words came from, not always the outlet that ran them: a
    source line or copyright footer naming the outlet, read before this, wins.
    """
    if c.agency is None:
        return
    name, line = c.agency
    if "publisher" in c.fields:  # its credit left the text with the dateline: say so
        c.found.append(
            f"agency {name} in the dateline, line {line}, not taken as publisher: the text"
            f" names {c.fields['publisher']}"
        )
        return
    c.fields["publisher"] = name
    c.found.append(
        f"agency {name} in the dateline, line {line}, taken as publisher (the text names no "
        "other; give --publisher if another outlet ran it)"
    )


def _is_section_label(block: Block, after: list[Block]) -> bool:
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
    if following is None or not looks_like_title(following):
        return False
    if SECTION_LABEL.match(following.text):
        return False
    return capitals or len(following.text.split()) >= max(5, 2 * len(words))


def split_header_lines(c: Cleaner) -> None:
    """Lines at the top that carry metadata become blocks of their own.

    Pasted text often has no blank line between a byline or an image caption
    and what follows it, or between a headline and the byline under it; split
    them so that only the metadata line goes.
    """
    result: list[Block] = []
    for position, block in enumerate(c.blocks):
        lines = list(block.lines)
        start = block.line
        while position < 6 and len(lines) > 1 and _is_metadata_line(lines[0], result):
            result.append(Block([lines.pop(0)], start))
            start += 1
        tail: list[Block] = []
        while position < 6 and len(lines) > 1 and BYLINE.match(lines[-1].strip()):
            tail.insert(0, Block([lines.pop()], start + len(lines)))
        result.append(Block(lines, start))
        result.extend(tail)
    c.blocks = result


def _is_metadata_line(line: str, before: list[Block]) -> bool:
    text = line.strip()
    if DATELINE.match(text) or BYLINE.match(text) or is_navigation(text):
        return True
    title = next((b.text for b in before if looks_like_title(b)), "")
    return bool(title) and text.startswith(title)


def looks_like_title(block: Block) -> bool:
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


def _bare_byline(block: Block) -> bool:
    """A name alone in the byline bar, beside its language menu or reading time."""
    return block.single_line and block.beside_meta and is_bare_name(block.text)


_TITLE_SEPARATOR = re.compile(r"^\s*[:|–—-]\s*|\s*[:|–—-]\s*$")


def title_from_repeat(c: Cleaner) -> None:
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


def remove_repeated_title(c: Cleaner) -> None:
    """The headline repeated further down (over each part of the text) goes each time."""
    title = c.fields.get("title")
    if not title:
        return
    for block in c.live():
        if block.single_line and _same_title(block.text, title):
            c.remove(block, "repeated title")


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
