"""Source documents: Markdown with YAML front matter, split into passages."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.core import cache as derived
from briefing.core.errors import BriefingError, Problem
from briefing.core.model import Document, Passage
from briefing.core.plain_markdown import plain_blocks
from briefing.core.text import has_controls, strip_controls

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
"""An article is rarely over 100 KB; past this, a file is a mistake or an archive."""
FOLDER_NOT_FILE = "is a folder, not a file"
"""What reading a folder as a document says (resolve.py names the listing line instead)."""

FRONT_MATTER_KEYS = (
    "id",
    "title",
    "publisher",
    "author",
    "date",
    "url",
    "kind",
    "label",
    "author_note",
    "original",
    "imported_from",
)


INLINE_MARKUP = re.compile(r"[\\`*_\[<&]")
"""The characters the CommonMark inline rules act on, besides line breaks: escapes, code,
emphasis, links and images, autolinks and HTML, entities. Text without them is plain."""


@cache
def _markdown() -> MarkdownIt:
    """A block-level parser: inline text is read by `_inline_text`, mostly without a parser."""
    # Deferred: markdown-it costs ~40 ms to import, and a cached briefing never parses.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable("inline")


@cache
def _inline_markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


@dataclass(frozen=True)
class FrontMatter:
    fields: dict[str, str]
    body: str
    body_line: int
    """Line of the file where the Markdown body starts."""
    key_lines: dict[str, int] = field(default_factory=dict)
    """Line of each front matter key, for problems about its value."""


def read_text_file(path: Path, *, limit: int = MAX_DOCUMENT_BYTES) -> str:
    """Read a UTF-8 text file; every failure is a BriefingError that says what to do."""
    return decode_text(path, read_file_bytes(path, limit=limit))


def read_file_bytes(path: Path, *, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """A file's bytes, refused past `limit`; every failure is a BriefingError."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise BriefingError.at(
                path,
                0,
                f"file is {size / 1_048_576:.1f} MB, over the {limit // 1_048_576} MB limit "
                "for one document: split it into several documents",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise BriefingError.at(path, 0, "file not found") from None
    except IsADirectoryError:
        raise BriefingError.at(path, 0, FOLDER_NOT_FILE) from None
    except PermissionError:
        raise BriefingError.at(path, 0, "cannot read the file: permission denied") from None
    except OSError as exc:
        raise BriefingError.at(path, 0, f"cannot read the file: {exc.strerror}") from None


def decode_text(path: Path, data: bytes) -> str:
    """The text of a file's bytes, with '\\n' line ends; not UTF-8 or NUL is a BriefingError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BriefingError.at(
            path,
            line,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}): re-save the file as UTF-8",
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise BriefingError.at(path, line, "contains NUL bytes: this is not a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, path: Path) -> FrontMatter:
    """Separate `---`-fenced YAML front matter from the Markdown body."""
    if not text.strip():
        raise BriefingError.at(path, 1, "document is empty: add front matter and the article text")
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise BriefingError.at(
            path,
            1,
            "no front matter: start the file with a '---' line, the fields "
            "(title:, publisher:, ...), and another '---' line",
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise BriefingError.at(
            path, 1, "front matter is not closed: add a '---' line after it"
        ) from None
    from briefing.core.yamlsrc import YamlMap, load_yaml  # deferred like markdown-it

    raw = load_yaml("\n".join(lines[1:end]), str(path), first_line=2)
    if raw is None:
        raw = YamlMap()
        raw.line, raw.key_lines = 2, {}
    if not isinstance(raw, YamlMap):
        raise BriefingError.at(path, 2, "front matter must be 'key: value' lines (a mapping)")
    fields: dict[str, str] = {}
    for key, value in raw.items():
        if key not in FRONT_MATTER_KEYS:
            raise BriefingError.at(
                path, raw.line_of(key), unknown_key_message(key, FRONT_MATTER_KEYS)
            )
        if isinstance(value, dict | list):
            raise BriefingError.at(path, raw.line_of(key), f"'{key}' must be plain text")
        fields[key] = "" if value is None else strip_controls(str(value)).strip()
    return FrontMatter(fields, "\n".join(lines[end + 1 :]), end + 2, dict(raw.key_lines))


def nearest_hint(value: str, valid: tuple[str, ...] | list[str], what: str = "valid") -> str:
    """`did you mean 'x'?` for a near miss, else the list of what is valid."""
    close = difflib.get_close_matches(value, valid, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else f"{what}: " + ", ".join(valid)


def unknown_key_message(key: str, valid: tuple[str, ...] | list[str]) -> str:
    return f"unknown key '{key}': {nearest_hint(key, valid, 'valid keys')}"


def load_document(path: Path, number: int, warnings: list[Problem] | None = None) -> Document:
    """Read one document file into a Document with its passages, split once and cached.

    Problems that do not stop the document from being read (control characters
    that will be removed, a missing title) are appended to `warnings`.
    """
    data = read_file_bytes(path)
    key = passages_key(path, derived.digest(data))
    return parse_document(path, data, number, warnings, derived.read_entry("passages", key), key)


def passages_key(path: Path, content: str) -> str:
    """The cache key of a document file's passages, from its name and the digest of its
    bytes (`cache.digest`): what decides them, and known before anything is parsed, so
    that a load can tell which documents need parsing."""
    return derived.digest(path.stem, content)


def parse_document(
    path: Path,
    data: bytes,
    number: int,
    warnings: list[Problem] | None = None,
    entry: Any = None,
    key: str | None = None,
) -> Document:
    """A document from its file's bytes, its passages from a cache `entry` when it is good.

    Passages split afresh are stored under `key` when one is given.
    """
    text = decode_text(path, data)
    if warnings is not None and has_controls(text):
        line = next(i for i, ln in enumerate(text.split("\n"), 1) if has_controls(ln))
        warnings.append(
            Problem(
                str(path),
                line,
                "warning",
                "contains terminal control characters; they are removed on display",
            )
        )
    front = split_front_matter(text, path)
    fields = front.fields
    ident = fields.get("id") or path.stem
    if not is_valid_id(ident):
        raise BriefingError.at(
            path,
            front.key_lines.get("id", 2),
            f"document id '{ident}' must be lowercase letters, digits and '-' "
            "(it appears in passage ids such as 'name:12')",
        )
    passages = _passages_from_entry(entry, ident)
    if passages is None:
        passages = tuple(split_passages(front.body, ident, front.body_line))
        if key is not None:
            from briefing.core.plain import passage_to_plain

            derived.write_entry("passages", key, [passage_to_plain(p) for p in passages])
    if warnings is not None:
        if not fields.get("title"):
            warnings.append(Problem(str(path), 2, "warning", "no title in the front matter"))
        if not passages:
            warnings.append(
                Problem(str(path), front.body_line, "warning", "no text after the front matter")
            )
    return Document(
        id=ident,
        number=number,
        path=path,
        title=fields.get("title", ""),
        publisher=fields.get("publisher", ""),
        author=fields.get("author", ""),
        date=fields.get("date", ""),
        url=fields.get("url", ""),
        kind=fields.get("kind", ""),
        label=fields.get("label", ""),
        passages=passages,
    )


def is_valid_id(ident: str) -> bool:
    return (
        bool(ident)
        and ident[0].isalnum()
        and all(c.isascii() and (c.islower() or c.isdigit() or c in "-_") for c in ident)
    )


def _passages_from_entry(entry: Any, doc_id: str) -> tuple[Passage, ...] | None:
    """The passages a cache entry holds; None when there is none or it is damaged."""
    if not isinstance(entry, list):
        return None
    from briefing.core.plain import passage_from_plain

    try:
        return tuple(passage_from_plain(doc_id, item) for item in entry)
    except (TypeError, ValueError):
        return None  # damaged: split again


def split_passages(body: str, doc_id: str, first_line: int = 1) -> list[Passage]:
    """Split a Markdown body into passages.

    A passage is a top-level paragraph, a list item, a whole block quote or a
    code block. Headings are not passages but give context to those below them;
    a heading followed by a single block before the next heading forms one
    *heading-led* passage (an FAQ's question and its answer read as one).
    """
    blocks = blocks_without_parser(body)
    if blocks is None:
        blocks = parsed_blocks(body)
    passages: list[Passage] = []
    heading = ""
    i = 0
    while i < len(blocks):
        kind, text, line = blocks[i]
        if kind == "heading":
            enclosing, heading = heading, text
            following = blocks[i + 1 : i + 3]
            if (
                len(following) >= 1
                and following[0][0] != "heading"
                and (len(following) == 1 or following[1][0] == "heading")
            ):
                _, block_text, _ = following[0]
                passages.append(
                    _passage(
                        doc_id,
                        len(passages) + 1,
                        f"{text}\n{block_text}",
                        "heading-led",
                        enclosing,
                        line + first_line - 1,
                    )
                )
                heading = enclosing
                i += 2
                continue
            i += 1
            continue
        passages.append(
            _passage(doc_id, len(passages) + 1, text, kind, heading, line + first_line - 1)
        )
        i += 1
    return passages


def _passage(doc_id: str, index: int, text: str, kind: str, heading: str, line: int) -> Passage:
    return Passage(
        id=f"{doc_id}:{index}",
        doc=doc_id,
        index=index,
        text=strip_controls(text),
        kind=kind,
        heading=heading,
        line=line,
    )


def blocks_without_parser(body: str) -> list[tuple[str, str, int]] | None:
    """The blocks of a body of plain paragraphs and '#' headings, read without the parser
    (see briefing.core.plain_markdown); None for any other body."""
    plain = plain_blocks(body)
    if plain is None:
        return None
    return [(kind, _inline_text(content, {}), line) for kind, content, line in plain]


def parsed_blocks(body: str) -> list[tuple[str, str, int]]:
    """(kind, plain text, 1-based line) of each top-level block, as the CommonMark parser reads them."""
    env: dict[str, Any] = {}
    return list(_blocks(_markdown().parse(body, env), env))


def _blocks(tokens: list[Token], env: dict[str, Any]):
    """Yield (kind, plain text, 1-based line) for each top-level block."""
    depth = 0
    i = 0
    while i < len(tokens):
        token = tokens[i]
        line = (token.map[0] + 1) if token.map else 1
        if token.type == "heading_open" and depth == 0:
            yield "heading", _inline_text(tokens[i + 1].content, env), line
            i += 3
            continue
        if token.type == "paragraph_open" and depth == 0:
            yield "paragraph", _inline_text(tokens[i + 1].content, env), line
            i += 3
            continue
        if token.type in ("fence", "code_block") and depth == 0:
            if token.content.strip():
                yield "code", token.content.rstrip("\n"), line
            i += 1
            continue
        if token.type == "html_block" and depth == 0:
            if token.content.strip():
                yield "paragraph", token.content.strip(), line
            i += 1
            continue
        if token.type == "blockquote_open" and depth == 0:
            end = _closing(tokens, i)
            text = "\n".join(
                _inline_text(t.content, env) for t in tokens[i:end] if t.type == "inline"
            )
            if text.strip():
                yield "quote", text, line
            i = end + 1
            continue
        if token.type == "list_item_open":
            # Each item is a passage, however deep the list nests.
            end = _closing(tokens, i)
            nested = next(
                (
                    j
                    for j in range(i + 1, end)
                    if tokens[j].type in ("bullet_list_open", "ordered_list_open")
                ),
                end,
            )
            text = "\n".join(
                _inline_text(t.content, env) for t in tokens[i:nested] if t.type == "inline"
            )
            if text.strip():
                yield "item", text, line
            i += 1
            depth += 1
            continue
        if token.type == "list_item_close":
            depth -= 1
        i += 1


def _closing(tokens: list[Token], start: int) -> int:
    """Index of the token that closes the one at `start` (same nesting level)."""
    level = tokens[start].level
    close = tokens[start].type.replace("_open", "_close")
    for j in range(start + 1, len(tokens)):
        if tokens[j].type == close and tokens[j].level == level:
            return j
    return len(tokens) - 1


def _inline_text(content: str, env: dict[str, Any]) -> str:
    """Plain text of an inline token: emphasis and link targets dropped, text kept.

    Most article text has no inline markup, and then only its line breaks need
    reading; the inline parser (two thirds of the cost of parsing a document)
    runs only on text that has some. `env` holds the document's link references.
    """
    if not INLINE_MARKUP.search(content):
        return _plain_inline(content)
    parts: list[str] = []
    (inline,) = _inline_markdown().parseInline(content, env)
    for child in inline.children or ():
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts).strip()


def _plain_inline(content: str) -> str:
    """What the CommonMark inline parser makes of text without markup, as `_inline_text` joins it.

    A line ending in two spaces or more is a hard break (a new line), else a soft
    break (a space) after dropping one trailing space; the next line's leading
    spaces and tabs are skipped.
    """
    lines = content.split("\n")
    parts: list[str] = []
    last = len(lines) - 1
    for number, line in enumerate(lines):
        if number:
            line = line.lstrip(" \t")
        if number == last:
            parts.append(line)
        elif line.endswith("  "):
            parts.append(line.rstrip(" ") + "\n")
        else:
            parts.append((line[:-1] if line.endswith(" ") else line) + " ")
    return "".join(parts).strip()
