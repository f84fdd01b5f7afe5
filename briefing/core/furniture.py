"""Page furniture: the buttons, badges, credits, menus and boxes a news page sets around its text.

Pure functions on lines of text, used by the importer. Each recognises a *shape*
that any news site uses (a share button, "4 min read", "[Picture Agency]"), never
the words of one site; each is written to leave alone real sentences that start
or end with the same words ("Share prices fell", "bought from a photo agency").
"""

from __future__ import annotations

import re

# Buttons and links that stand alone on a line: sharing, following, saving, printing,
# listening. Matched against the whole line, so "Share prices fell 3%" is no button.
_NETWORK = (
    r"(?:facebook|twitter|x|whatsapp|linkedin|reddit|telegram|messenger|pinterest|"
    r"flipboard|threads|bluesky|mastodon|e-?mail|sms)"
)
_PIECE = r"(?:article|story|page|post|link|video|report|piece)"
PAGE_BUTTON = re.compile(
    rf"^(?:share(?: (?:this|the))?(?: {_PIECE})?(?: (?:on|via|with) [\w .+-]{{1,30}})?"
    rf"|send (?:this|the) {_PIECE} to (?:someone|a friend)(?: (?:via|by) e-?mail)?"
    rf"|e-?mail (?:this|the) {_PIECE}(?: to a friend)?"
    rf"|copy(?: the)? link(?: to (?:this )?(?:{_PIECE}|clipboard))?|link copied(?: to clipboard)?"
    rf"|follow us(?: on(?: [\w .+,&-]{{1,40}})?)?|follow (?:this|the) (?:topic|author|story)"
    rf"|subscribe(?: (?:now|today|here))?"
    rf"|listen(?: to (?:this|the) {_PIECE})?(?:\s*[·•|(-]?\s*\d{{1,3}}(?::\d\d)?\s*(?:min(?:ute)?s?)?\)?)?"
    rf"|print(?: (?:this|the))?(?: {_PIECE})?"
    rf"|save(?: (?:this|the))?(?: {_PIECE}| for later| to (?:my )?reading list)?"
    rf"|bookmark(?: (?:this|the))?(?: {_PIECE})?"
    rf"|add to (?:my )?(?:reading list|bookmarks|favou?rites)|read later"
    rf"|gift (?:this|the) {_PIECE}|give (?:this|the) {_PIECE}"
    rf"|advertisement|sponsored content|skip to (?:main )?content|back to top|connect with us"
    rf"|(?:hi, )?what are you looking for\??|search(?: for)?|type (?:here )?to search"
    rf"|{_NETWORK}(?:\s*[|·•,/]?\s*{_NETWORK}){{1,9}})"
    r"\s*[:›»]?$",
    re.IGNORECASE,
)
# One network's name alone ("Twitter") is a button only among other buttons.
NETWORK_ALONE = re.compile(rf"^{_NETWORK}$", re.IGNORECASE)
# Buttons over a picture. They may be glued to the caption that follows them.
IMAGE_VIEWER = re.compile(
    r"^(?:(?:view|open|enlarge|expand) (?:this |the )?(?:image|photo|picture|gallery)"
    r"(?: in (?:full ?screen|gallery|a new window))?|(?:toggle|hide|show) caption"
    r"|image \d{1,3} of \d{1,3})(?=\s|$)",
    re.IGNORECASE,
)
# "4 min read", "Reading time: 6 minutes", "3-minute read"; may be glued to what follows.
READING_TIME = re.compile(
    r"^(?:(?:estimated )?reading time\s*:?\s*\d{1,3}\s*min(?:ute)?s?\.?"
    r"|(?:about )?\d{1,3}\s*[-–]?\s*min(?:ute)?s?\.? read(?:ing time)?)(?=\s|$)",
    re.IGNORECASE,
)
# Topic tags under a headline: "#Harbours #Weather" (a tag starts with a letter, so "#1" is text).
HASHTAGS = re.compile(r"^#[^\W\d_][\w-]*(?:\s+#[^\W\d_][\w-]*)*$")
# A language menu is told by its shape, not by a list of languages: two or more one-word
# items, one of them "English" (an English page's menu always offers its own language).
_PAGE_LANGUAGE = "english"
_ONE_WORD = re.compile(r"^[^\W\d_]+$")
_BULLET = re.compile(r"^[•·*–-]\s*")
# A row of items between bars or dots, as in a byline bar ("A. Writer • 4 min read").
ROW_SEPARATOR = re.compile(r"\s+[|·•]\s+")

# A credit for the picture above a caption, at the end of it: "[Picture Agency]",
# "(Photo: A. Snapper/Wire Service)". Stock-picture words make a credit anywhere;
# a bare wire-agency name in brackets only at the end of a caption-length text.
_PICTURE_WORDS = r"(?:getty(?: images)?|shutterstock|alamy|istock(?:photo)?|stock photo)"
# A wire service by its shape, never by name: an initialism of two to five capitals, or two
# joined ("EPA-EFE"), maybe with "photo", "wire", "media" or "pool" after it; or a pool.
_WIRE = r"(?:(?-i:[A-Z]{2,5}(?:-[A-Z]{2,5})?)(?: (?:photo|wire|media|pool))?|pool)"
_CREDIT_LABEL = r"(?:photo(?:graph)?s?|image|picture|pic|credit|illustration)(?: credit)?"
_CREDIT_ITEM = (
    rf"(?:{_PICTURE_WORDS}|{_WIRE}|file(?: photo)?|handout|supplied|courtesy(?: of)? [^\])]{{1,40}}"
    rf"|{_CREDIT_LABEL}(?:\s*:|\s+by\b)\s*[^\])]{{1,50}})"
)
BRACKETED_CREDIT = re.compile(
    rf"\s*(?P<open>[\[(])(?P<credit>{_CREDIT_ITEM}(?:\s*(?:/|via|,|and)\s*{_CREDIT_ITEM})*)"
    r"[\])]\.?\s*$",
    re.IGNORECASE,
)
# An agency's name written out, in square brackets only ("[Wire Service]", "[Ada Penn/Wire
# Service]"): one to four capitalised words an item; "(Marrow Bay)" in round brackets is text.
_NAME_ITEM = r"[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3}"
NAMED_CREDIT = re.compile(
    rf"\s*\[(?P<credit>{_NAME_ITEM}(?:\s*(?:/|,|via|and)\s*{_NAME_ITEM})*)\]\.?\s*$"
)
# An initialism alone in round brackets is the abbreviation of a name the caption gives
# ("at the Harbour Board (HB)"), not a credit; square brackets or a word such as "photo"
# after it make it one ("[HB]", "(HB Photo)").
_ABBREVIATION = re.compile(r"[A-Z]{2,5}")
# Written as a label, capitalised, with a capitalised name after it: "took the credit: all" is text.
LABELLED_CREDIT = re.compile(
    r"(?:^|\s+(?:[|/–—-]\s*)?)(?P<credit>(?:Photo(?:graph)?s?|Image|Picture|Pic|Credit|Illustration)"
    r"(?: credit| by)?\s*:\s*[A-Z][^.!?:;]{0,60})$"
)
CAPTION_WORDS = 40
"""An image caption is a sentence or two; a text longer than this is a paragraph."""

# A spec box or fact box under a heading of capitals: "Engine: 1.5-litre", "Price:".
LABEL_LINE = re.compile(r"^[A-Z][\w'’&/().+-]*(?:\s+[\w'’&/().+-]+){0,3}:(?:\s+(?P<value>.+))?$")
BOX_HEADING = re.compile(r"^(?=.*[A-Z]{2})[A-Z0-9][A-Z0-9&/+ ,.'’-]{1,40}$")
BOX_VALUE_WORDS = 10

# A name alone on a line, as a byline bar gives it: two to four capitalised words.
BARE_NAME = re.compile(
    r"^(?:[A-Z][a-z'’-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-z'’-]+|[A-Z]\.|de|van|von|al|bin|da|el|le)){1,3}$"
)
# The words of a site's section names: "Latest News", "World", "Top Stories".
_SECTION_WORDS = frozenset(
    [
        "news",
        "latest",
        "world",
        "business",
        "politics",
        "opinion",
        "analysis",
        "sport",
        "sports",
        "economy",
        "markets",
        "culture",
        "health",
        "science",
        "technology",
        "tech",
        "travel",
        "lifestyle",
        "features",
        "breaking",
        "video",
        "local",
        "national",
        "international",
        "regional",
        "top",
        "stories",
        "headlines",
        "home",
    ]
)


# Words that make a short line a section label or a region, not a byline name ("World News",
# "Gulf Region"). No place itself is named: the list must serve a briefing on any topic.
_NOT_NAME_WORDS = _SECTION_WORDS | frozenset(
    [
        "central",
        "city",
        "comment",
        "county",
        "east",
        "editorial",
        "gulf",
        "kingdom",
        "life",
        "live",
        "middle",
        "north",
        "photos",
        "podcast",
        "region",
        "republic",
        "south",
        "state",
        "states",
        "united",
        "videos",
    ]
)


def is_section_name(text: str) -> bool:
    """Up to three capitalised words naming a section of a site ("Latest News")."""
    words = text.strip().split()
    return (
        0 < len(words) <= 3
        and all(word[:1].isupper() for word in words)
        and any(word.casefold() in _SECTION_WORDS for word in words)
    )


def button_kind(line: str) -> str | None:
    """The furniture a whole line is, if it is one: 'button', 'network', 'viewer', 'reading',
    'language'; None for text. 'network' and 'language' count only in a run (see below)."""
    text = line.strip()
    if not text or len(text.split()) > 10:
        return None
    if NETWORK_ALONE.match(text):
        return "network"
    if PAGE_BUTTON.match(text):
        return "button"
    if (viewer := IMAGE_VIEWER.match(text)) and viewer.end() == len(text):
        return "viewer"
    if (reading := READING_TIME.match(text)) and reading.end() == len(text.rstrip(".")):
        return "reading"
    item = _BULLET.sub("", text)
    if item.casefold() == _PAGE_LANGUAGE:
        return "language"
    if _ONE_WORD.match(item) and not item[0].islower():
        return "word"  # a menu's item, if it stands beside "English" (see `_menus`)
    if HASHTAGS.match(text):
        return "tags"
    return None


REASONS = {
    "button": "share and page buttons",
    "network": "share and page buttons",
    "viewer": "image viewer button",
    "reading": "reading time",
    "language": "language menu",
    "tags": "topic tags",
}


def line_kinds(lines: list[str]) -> list[str | None]:
    """`button_kind` of each line, where a lone network name or language is text.

    "Twitter" or "English" alone may be a heading or a word of the article; a menu
    has two or more of them, or a network's name sits among share buttons.
    """
    kinds = _menus([button_kind(line) for line in lines])
    result: list[str | None] = []
    for i, kind in enumerate(kinds):
        near = kinds[max(0, i - 1) : i] + kinds[i + 1 : i + 2]
        alone = (kind == "language" and "language" not in near) or (
            kind == "network" and not any(k in ("network", "button") for k in near)
        )
        result.append(None if alone else kind)
    # A list the text introduces ("It is taught in:") is the article's, not a menu.
    for i, kind in enumerate(result):
        if (
            kind in ("language", "network")
            and i
            and result[i - 1] is None
            and introduces_list(lines[i - 1])
        ):
            for j in range(i, len(result)):
                if result[j] != kind:
                    break
                result[j] = None
    return result


def _menus(kinds: list[str | None]) -> list[str | None]:
    """Each run of one-word items holding "English" becomes a language menu; a one-word
    item anywhere else is text."""
    result = list(kinds)
    start = 0
    while start < len(kinds):
        end = start
        while end < len(kinds) and kinds[end] in ("language", "word"):
            end += 1
        run = kinds[start:end]
        menu = len(run) >= 2 and "language" in run
        for i in range(start, end):
            result[i] = "language" if menu else (None if kinds[i] == "word" else kinds[i])
        start = max(end, start + 1)
    return result


def introduces_list(line: str) -> bool:
    """A line ending in a colon: what follows is a list the article gives."""
    return line.rstrip().endswith(":")


def glued_prefix(line: str) -> tuple[str, str]:
    """A viewer button or a reading time glued before the text: its kind and the part to cut.

    Only when words that start a sentence follow, so "5 min read-out" is left;
    ('', '') when there is none.
    """
    text = line.lstrip()
    for kind, pattern in (("viewer", IMAGE_VIEWER), ("reading", READING_TIME)):
        match = pattern.match(text)
        if match:
            rest = text[match.end() :].lstrip(" ·•|:-–—")
            if rest[:1].isupper() or rest[:1] in "\"“‘'(":
                return kind, text[: len(text) - len(rest)]
    return "", ""


def row_tail(line: str) -> tuple[int, str] | None:
    """In a row of items ("A. Writer • English • French"), where a tail of furniture starts.

    The tail is languages (two or more) or reading times and buttons; the items before
    it stay (the first may be a byline). Its offset in the line and its reason, or None.
    """
    items = ROW_SEPARATOR.split(line.strip())
    if len(items) < 2:
        return None
    kinds = [button_kind(item) for item in items]
    for start in range(1, len(items)):
        tail = _menus(kinds[start:])
        if kinds[start - 1] is not None or not all(tail):
            continue
        if tail == ["language"]:
            return None  # one language named after a bar is no menu
        offset = 0
        for item in items[:start]:
            offset = line.index(item, offset) + len(item)
        reason = REASONS["language"] if "language" in tail else REASONS[str(tail[0])]
        return offset, reason
    return None


def image_credit(text: str) -> str:
    """A picture credit ending a caption ("[Picture Agency]", "Photo: A. Snapper"), or ''.

    A credit at the end only: a sentence that names a picture agency keeps it, and
    a long paragraph ending in a bracketed wire name ("[Wire Service]") is a citation.
    """
    short = len(text.split()) <= CAPTION_WORDS
    if match := BRACKETED_CREDIT.search(text):
        credit = match.group("credit")
        pictures = re.search(rf"{_PICTURE_WORDS}|{_CREDIT_LABEL}|handout|courtesy", credit, re.I)
        # A wire's name in round brackets after a full sentence ("... it said. (Wire)") is
        # the story's source; after a caption's fragment, or in square brackets, the picture's.
        caption = match.group("open") == "[" or not re.search(
            r"[.!?]['\"”’]?$", text[: match.start()]
        )
        abbreviation = match.group("open") == "(" and _ABBREVIATION.fullmatch(credit)
        if pictures or (short and caption and not abbreviation):
            return match.group(0).strip()
    if short and (match := NAMED_CREDIT.search(text)):
        return match.group(0).strip()
    if (
        short
        and (match := LABELLED_CREDIT.search(text))
        and len(match.group("credit").split()) <= 8
    ):
        return match.group(0).strip()
    return ""


def is_label_line(line: str) -> bool:
    """`Label: short value` or `Label:` alone, as a spec box lists them."""
    match = LABEL_LINE.match(line.strip())
    if not match:
        return False
    value = match.group("value") or ""
    return len(value.split()) <= BOX_VALUE_WORDS and not value.rstrip().endswith((".", "!", "?"))


def is_box_heading(line: str) -> bool:
    """A few words in capitals, as a box's title ("THE SPECS", "FAST FACTS")."""
    text = line.strip()
    return len(text.split()) <= 6 and bool(BOX_HEADING.match(text))


def is_bare_name(line: str) -> bool:
    """Two to four capitalised words that could be a person's name, no section label."""
    text = line.strip()
    if not BARE_NAME.match(text):
        return False
    return not any(word.casefold().strip(".") in _NOT_NAME_WORDS for word in text.split())


# A row of site links: three or more short items between bars or middle dots.
NAV_SEPARATOR = re.compile(r"\s+[|·•]\s+")

# A sentence ends at the end of the line: a line break after it may start a new paragraph.
ENDS_SENTENCE = re.compile(r"[.!?…][\"”’)]*$")


def is_navigation(text: str, *, markdown: bool = False) -> bool:
    """A row of three or more short links between bars or dots ("Home | News | Sport")."""
    if markdown and text.startswith("|"):
        return False  # a Markdown table row
    items = NAV_SEPARATOR.split(text.strip().strip("|").strip())
    return len(items) >= 3 and all(
        0 < len(item.split()) <= 4 and not ENDS_SENTENCE.search(item) for item in items
    )
