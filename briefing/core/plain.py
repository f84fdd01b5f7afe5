"""A resolved Briefing as plain data (for the cache) and back, losslessly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefing.core.model import (
    Annotation,
    Briefing,
    Document,
    GlossaryEntry,
    KeyPoint,
    Link,
    Passage,
    Section,
)


def briefing_to_plain(b: Briefing) -> dict[str, Any]:
    root = b.root
    return {
        "title": b.title,
        "description": b.description,
        "id": b.id,
        "documents": [
            {
                "id": d.id,
                "number": d.number,
                "path": _relative(d.path, root),
                "title": d.title,
                "publisher": d.publisher,
                "author": d.author,
                "date": d.date,
                "url": d.url,
                "kind": d.kind,
                "label": d.label,
                "passages": [passage_to_plain(p) for p in d.passages],
            }
            for d in b.documents
        ],
        "sections": [
            [
                s.id,
                s.title,
                s.intro,
                list(s.passages),
                [[k.text, list(k.cites)] for k in s.key_points],
            ]
            for s in b.sections
        ],
        "annotations": [[a.passage, a.kind, a.text, list(a.cites)] for a in b.annotations],
        "glossary": [[g.term, g.definition, list(g.aliases), list(g.cites)] for g in b.glossary],
        "links": [links_to_plain(link) for link in b.links],
    }


def briefing_from_plain(data: dict[str, Any], file: Path) -> Briefing:
    root = file.parent
    said: dict[str, str] = {}  # see passage_from_plain
    documents = tuple(
        Document(
            id=d["id"],
            number=d["number"],
            path=root / d["path"],
            title=d["title"],
            publisher=d["publisher"],
            author=d["author"],
            date=d["date"],
            url=d["url"],
            kind=d["kind"],
            label=d["label"],
            passages=tuple(passage_from_plain(d["id"], p, said) for p in d["passages"]),
        )
        for d in data["documents"]
    )
    return Briefing(
        title=data["title"],
        description=data["description"],
        id=data.get("id", ""),
        file=file,
        documents=documents,
        sections=tuple(
            Section(
                sid, title, intro, tuple(passages), tuple(KeyPoint(t, tuple(c)) for t, c in points)
            )
            for sid, title, intro, passages, points in data["sections"]
        ),
        annotations=tuple(Annotation(p, k, t, tuple(c)) for p, k, t, c in data["annotations"]),
        glossary=tuple(GlossaryEntry(t, d, tuple(a), tuple(c)) for t, d, a, c in data["glossary"]),
        links=tuple(links_from_plain(item) for item in data["links"]),
    )


def passage_to_plain(p: Passage) -> list[Any]:
    return [p.index, p.text, p.kind, p.heading, p.line]


def passage_from_plain(doc_id: str, item: list[Any], said: dict[str, str] | None = None) -> Passage:
    """A passage read back; `said` collects kinds and headings, which repeat from passage to
    passage, so that each is one string however many passages read it."""
    index, text, kind, heading, line = item
    if said is not None:
        kind, heading = said.setdefault(kind, kind), said.setdefault(heading, heading)
    return Passage(f"{doc_id}:{index}", doc_id, index, text, kind, heading, line)


def links_to_plain(link: Link) -> list[Any]:
    return [link.source, link.target, link.kind, link.score, list(link.reasons), link.curated]


def links_from_plain(item: list[Any]) -> Link:
    source, target, kind, score, reasons, curated = item
    return Link(source, target, kind, score, tuple(reasons), curated)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
