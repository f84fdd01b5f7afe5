"""Import raw article files into a briefing folder: plan, refuse conflicts, write, register.

Everything is read and checked before anything is written, so a bad file among
several leaves the folder as it was; each file is then written atomically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.core.atomic import write_atomic
from briefing.core.documents import MAX_DOCUMENT_BYTES, read_text_file
from briefing.core.errors import BriefingError
from briefing.core.importer import CleanArticle, clean_article, iso_date
from briefing.core.locate import BRIEFING_FILE
from briefing.core.registry import add_document

DOCS_FOLDER = "docs"
FIELD_ORDER = (
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
)
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "and",
        "or",
        "for",
        "to",
        "from",
        "with",
        "by",
        "between",
        "about",
        "its",
        "is",
        "are",
    ]
)


@dataclass(frozen=True)
class PlannedImport:
    source: Path
    doc_id: str
    target: Path
    original: Path
    article: CleanArticle
    raw: bytes
    replaces: bool


@dataclass(frozen=True)
class Overrides:
    """Front matter given on the command line; wins over what the importer found."""

    doc_id: str | None = None
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    kind: str | None = None


def plan_imports(
    files: list[Path], into: Path, overrides: Overrides, *, force: bool
) -> list[PlannedImport]:
    """Read and clean every file, choose ids and targets; raise before writing anything."""
    if len(files) > 1 and (overrides.doc_id or overrides.title):
        raise BriefingError.at(
            files[1],
            0,
            "--id and --title name one document: import files one at a time to use them",
        )
    if overrides.date and not _valid_date(overrides.date):
        raise BriefingError.at(
            files[0],
            0,
            f"--date '{overrides.date}' is not a date: use YYYY-MM-DD (or YYYY-MM, YYYY)",
        )
    if overrides.doc_id and not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", overrides.doc_id):
        raise BriefingError.at(
            files[0], 0, f"--id '{overrides.doc_id}' must be lowercase letters, digits and '-'"
        )
    docs = into / DOCS_FOLDER
    taken: set[str] = set()
    plans: list[PlannedImport] = []
    for source in files:
        text = read_text_file(source, limit=MAX_DOCUMENT_BYTES)
        if not text.strip():
            raise BriefingError.at(source, 1, "file is empty: nothing to import")
        raw = source.read_bytes()
        article = clean_article(text)
        if not article.body.strip():
            raise BriefingError.at(
                source, 1, "nothing left after removing clutter: is this an article?"
            )
        fields = _fields(article, overrides)
        base = overrides.doc_id or slug(
            fields.get("publisher") or fields.get("title") or source.stem
        )
        doc_id, replaces = _choose_id(base, docs, raw, taken, explicit=bool(overrides.doc_id))
        target = docs / f"{doc_id}.md"
        if replaces and not force:
            raise BriefingError.at(
                target,
                0,
                "already exists: add --force to overwrite it, or --id to import under another name",
            )
        taken.add(doc_id)
        fields["id"] = doc_id
        fields["original"] = f"{doc_id}.original.txt"
        plans.append(
            PlannedImport(
                source,
                doc_id,
                target,
                docs / fields["original"],
                CleanArticle(fields, article.body, article.removed, article.found),
                raw,
                replaces,
            )
        )
    return plans


def write_imports(plans: list[PlannedImport], into: Path) -> bool:
    """Write the planned documents and originals; register them. True if registered."""
    briefing_file = into / BRIEFING_FILE
    registered = briefing_file.is_file()
    # Work out the new briefing.yaml before writing any document: if it cannot take
    # the entry (flow-style list, broken YAML), the import fails with nothing written.
    if registered:
        text = read_text_file(briefing_file)
        for plan in plans:
            text = add_document(text, f"{DOCS_FOLDER}/{plan.target.name}", str(briefing_file))
    for plan in plans:
        write_atomic(plan.original, plan.raw)
        write_atomic(plan.target, render_document(plan.article.fields, plan.article.body))
    if registered:
        write_atomic(briefing_file, text)
    return registered


def render_document(fields: dict[str, str], body: str) -> str:
    ordered = {
        key: fields.get(key, "") for key in FIELD_ORDER if key in fields or key in FIELD_ORDER[:7]
    }
    front = yaml.safe_dump(
        ordered, sort_keys=False, allow_unicode=True, width=10_000, default_style=None
    )
    return f"---\n{front}---\n\n{body.strip()}\n"


def slug(text: str) -> str:
    """A short id from a title or a name: `The Morning Post` → `morning-post`."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))
    meaningful = [w for w in words if w not in _STOPWORDS] or words or ["document"]
    return "-".join(meaningful[:4])


def _fields(article: CleanArticle, overrides: Overrides) -> dict[str, str]:
    fields = dict(article.fields)
    for key in ("title", "publisher", "author", "url", "kind"):
        value = getattr(overrides, key)
        if value is not None:
            fields[key] = value
    if overrides.date is not None:
        fields["date"] = iso_date(overrides.date) or overrides.date
    return fields


def _choose_id(
    base: str, docs: Path, raw: bytes, taken: set[str], *, explicit: bool
) -> tuple[str, bool]:
    """The id to import under, and whether it replaces an existing document.

    Re-importing the same file (or naming the id with --id) targets the same
    document; a different article whose title gives the same id gets a suffix.
    """
    candidate, number = base, 1
    while True:
        target = docs / f"{candidate}.md"
        original = docs / f"{candidate}.original.txt"
        if candidate in taken:
            pass
        elif not target.exists():
            return candidate, False
        elif explicit or (original.is_file() and original.read_bytes() == raw):
            return candidate, True
        number += 1
        candidate = f"{base}-{number}"


def _valid_date(text: str) -> bool:
    # A full date must be a real one (iso_date checks it: no 2023-13-45), a partial one a real month.
    return bool(iso_date(text) or re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", text))
