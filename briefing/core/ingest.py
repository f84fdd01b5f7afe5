"""Import raw article files into a briefing folder: plan, refuse conflicts, write, register.

Everything is read and checked before anything is written, so a bad file among
several leaves the folder as it was; each file is then written atomically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.core.article_blocks import CleanArticle
from briefing.core.article_header import iso_date
from briefing.core.atomic import write_atomic
from briefing.core.documents import MAX_DOCUMENT_BYTES, read_text_file, split_front_matter
from briefing.core.errors import BriefingError, display_path
from briefing.core.importer import clean_article
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
    "imported_from",
)
ALWAYS_WRITTEN = FIELD_ORDER[: FIELD_ORDER.index("label") + 1]
"""Written even when empty, so the front matter shows every field there is to fill in."""
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
class _Earlier:
    """A document imported before: where it is, and what it was imported from."""

    doc_id: str
    target: Path
    original: Path
    source_name: str


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
    label: str | None = None


def require_briefing(into: Path) -> None:
    """Refuse, before anything is read or written, a folder that holds no briefing."""
    if (into / BRIEFING_FILE).is_file():
        return
    folder = display_path(into)
    shown = folder if all(c.isalnum() or c in "./_-" for c in folder) else f"'{folder}'"
    raise BriefingError.at(
        into,
        0,
        f"no {BRIEFING_FILE} here: run 'briefing init {shown}' to start a briefing, "
        "then import again",
    )


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
    earlier = _earlier_imports(docs)
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
        # The same article imported again (other metadata, an edited copy) replaces its
        # document under the id it has, rather than registering the article twice.
        same = None if overrides.doc_id else _same_source(earlier, raw, source.name, taken)
        if same is not None:
            doc_id, target, replaces = same.doc_id, same.target, True
        else:
            base = overrides.doc_id or slug(
                fields.get("publisher") or fields.get("title") or source.stem
            )
            doc_id, replaces = _choose_id(base, docs, raw, taken, explicit=bool(overrides.doc_id))
            target = docs / f"{doc_id}.md"
        if replaces and not force:
            if same is not None and not _same_bytes(same.original, raw):
                raise BriefingError.at(
                    target,
                    0,
                    f"already imported from {source.name}: add --force to replace it with "
                    "this text, or --id to import it as another document",
                )
            raise BriefingError.at(
                target,
                0,
                "already exists: add --force to overwrite it, or --id to import under another name",
            )
        taken.add(doc_id)
        fields["id"] = doc_id
        fields["original"] = f"{doc_id}.original.txt"
        fields["imported_from"] = source.name
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
        key: fields.get(key, "") for key in FIELD_ORDER if key in fields or key in ALWAYS_WRITTEN
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
    # Only a label given is written: the reader falls back to the publisher, then the
    # title's first words, by itself (`Document.short_name`), and a copy of the publisher
    # here would go stale when the user corrects the publisher. Empty, it shows the field.
    fields["label"] = " ".join(overrides.label.split()) if overrides.label is not None else ""
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


def _earlier_imports(docs: Path) -> list[_Earlier]:
    """The documents already in `docs/`, read only as far as their front matter."""
    found: list[_Earlier] = []
    for path in sorted(docs.glob("*.md")) if docs.is_dir() else []:
        try:
            fields = split_front_matter(read_text_file(path), path).fields
        except (BriefingError, OSError):
            continue  # not ours to judge here: `briefing check` reports it
        doc_id = fields.get("id") or path.stem
        original = docs / Path(fields.get("original") or f"{path.stem}.original.txt").name
        found.append(_Earlier(doc_id, path, original, fields.get("imported_from", "")))
    return found


def _same_source(
    earlier: list[_Earlier], raw: bytes, name: str, taken: set[str]
) -> _Earlier | None:
    """The document imported before from the same text, else from a file of the same name."""
    candidates = [e for e in earlier if e.doc_id not in taken]
    return next((e for e in candidates if _same_bytes(e.original, raw)), None) or next(
        (e for e in candidates if e.source_name == name), None
    )


def _same_bytes(path: Path, raw: bytes) -> bool:
    try:
        return path.stat().st_size == len(raw) and path.read_bytes() == raw
    except OSError:
        return False


def _valid_date(text: str) -> bool:
    # A full date must be a real one (iso_date checks it: no 2023-13-45), a partial one a real month.
    return bool(iso_date(text) or re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2]))?", text))
