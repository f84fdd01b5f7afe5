"""Raw article text (copied from the web) to a clean Markdown document.

The rules are general: they recognise the *shapes* of web clutter (calls to
subscribe, comment threads, contact blocks, copyright and disclaimer footers,
site navigation, datelines and bylines), never the text of particular sites.
Every removal is reported with its line so the user can check it.
"""

from __future__ import annotations

import re

from briefing.core.article_blocks import (
    Block,
    CleanArticle,
    Cleaner,
    Removal,
    merge_removals,
    split_blocks,
)
from briefing.core.article_header import (
    DATE_PATTERN,
    TIME_PATTERN,
    remove_repeated_title,
    split_header_lines,
    take_agency,
    take_header,
    title_from_repeat,
)
from briefing.core.furniture import (
    ENDS_SENTENCE,
    REASONS,
    glued_prefix,
    image_credit,
    introduces_list,
    is_box_heading,
    is_label_line,
    is_navigation,
    line_kinds,
    row_tail,
)
from briefing.core.text import strip_controls

SHARE_OR_RELATED = re.compile(
    r"^(?:share (?:this|on|via)\b|related(?: [a-z]+)?\s*:|read (?:more|next|also)\s*:|"
    r"more (?:from|on|in) [^:]{1,30}:|see also\s*:|you (?:may|might) also (?:like|enjoy)\b|"
    r"recommended(?: [a-z]+)?\s*:|tags?\s*:|topics?\s*:|filed under\s*:)",
    re.IGNORECASE,
)
# A reader's comment in a thread: `handle: what they wrote`.
COMMENT_LINE = re.compile(r"^@?[\w.-]{2,30}:\s+\S")

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
    rf"^(?P<name>[^\s].{{0,40}}?)\s+(?:on\s+)?{DATE_PATTERN}\s*(?:[-–—|@,]|at)?\s*{TIME_PATTERN}$",
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


def clean_article(raw: str) -> CleanArticle:
    """Turn raw article text into front matter fields and a clean Markdown body."""
    text = strip_controls(raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\t", "    ").replace("\ufeff", "")
    markdown = bool(MARKDOWN_HINTS.search(text))
    cleaner = Cleaner(split_blocks(text, markdown=markdown), markdown=markdown)
    split_header_lines(cleaner)
    _remove_page_furniture(cleaner)
    take_header(cleaner)
    title_from_repeat(cleaner)
    remove_repeated_title(cleaner)
    _remove_navigation(cleaner)
    _remove_promos(cleaner)
    _remove_comments(cleaner)
    _remove_contacts(cleaner)
    _remove_footers(cleaner)
    take_agency(cleaner)
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
            sorted(merge_removals(cleaner.blocks) + cleaner.cut, key=lambda r: r.first_line)
        ),
        found=tuple(cleaner.found),
    )


# What sits in a byline bar; a viewer button sits by a picture, tags by the topic.
_META_FURNITURE = frozenset(REASONS.values()) - {REASONS["viewer"], REASONS["tags"]}


def _remove_page_furniture(c: Cleaner) -> None:
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


def _split_furniture(block: Block) -> list[Block]:
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
    parts: list[Block] = []
    start = 0
    for i in range(1, len(lines) + 1):
        reason = REASONS[kinds[start]] if kinds[start] else ""
        if i < len(lines) and (REASONS[kinds[i]] if kinds[i] else "") == reason:
            continue
        part = Block(lines[start:i], block.line + start)
        part.removed = reason
        parts.append(part)
        start = i
    return parts


def _cut_glued_furniture(c: Cleaner, block: Block) -> None:
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


def _remove_trailing_box(c: Cleaner) -> None:
    """A box of `Label: value` lines under a heading in capitals after the last paragraph.

    Pages set a spec box, a fact file or a widget from elsewhere after the article;
    its short labelled lines would otherwise become headings and a passage. A
    labelled line with no capitals heading over it (an interview's `Name: words`) stays.
    """
    live = c.live()
    box: list[Block] = []
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


def _remove_navigation(c: Cleaner) -> None:
    """Rows of site links, and share and related-stories blocks, wherever they are."""
    for block in c.live():
        lines = [line.strip() for line in block.lines]
        share = [bool(SHARE_OR_RELATED.match(line)) and len(line.split()) <= 30 for line in lines]
        menu = [is_navigation(line, markdown=c.markdown) for line in lines]
        if any(share) and all(s or m for s, m in zip(share, menu, strict=True)):
            c.remove(block, "share and related links")
        elif all(menu):
            c.remove(block, "site navigation")


def _remove_promos(c: Cleaner) -> None:
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


def _remove_comments(c: Cleaner) -> None:
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


def _remove_thread(c: Cleaner, start: int) -> None:
    """After a comments heading: the blocks that are comments (`handle: words`)."""
    for block in c.blocks[start:]:
        if block.removed:
            continue
        if not all(COMMENT_LINE.match(line.strip()) for line in block.lines):
            break
        c.remove(block, "reader comments")


def _remove_contacts(c: Cleaner) -> None:
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


def _remove_footers(c: Cleaner) -> None:
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


def _remove_trailing_furniture(c: Cleaner) -> None:
    """Short headline-like lines after the last paragraph are site navigation."""
    live = c.live()
    for block in reversed(live):
        if block.words <= 6 and not SENTENCE_END.search(block.text):
            c.remove(block, "site navigation")
        elif block.lines[0].strip() in ("---", "***", "___"):
            block.removed = "separator"
        else:
            break


def _render_body(c: Cleaner) -> tuple[str, int]:
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


def _is_heading(block: Block) -> bool:
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
