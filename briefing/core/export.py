"""`briefing export`: the whole resolved briefing as plain data for other tools."""

from __future__ import annotations

import json
from typing import Any

from briefing.core.model import LINK_KINDS, Briefing, Document, Link


def briefing_to_dict(briefing: Briefing) -> dict[str, Any]:
    # Deferred: the linking package costs ~65 ms to import; only callers that export links pay.
    from briefing.core.linking import all_links

    return {
        "title": briefing.title,
        "description": briefing.description,
        "documents": [document_to_dict(d) for d in briefing.documents],
        "passages": [
            {
                "id": p.id,
                "doc": p.doc,
                "index": p.index,
                "text": p.text,
                "kind": p.kind,
                "heading": p.heading,
                "citation": briefing.citation(p.id),
            }
            for p in briefing.passages.values()
        ],
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "intro": s.intro,
                "passages": list(s.passages),
                "key_points": [{"text": k.text, "cites": list(k.cites)} for k in s.key_points],
            }
            for s in briefing.sections
        ],
        "annotations": [
            {"passage": a.passage, "kind": a.kind, "text": a.text, "cites": list(a.cites)}
            for a in briefing.annotations
        ],
        "glossary": [
            {
                "term": g.term,
                "aliases": list(g.aliases),
                "definition": g.definition,
                "cites": list(g.cites),
            }
            for g in briefing.glossary
        ],
        # Curated links first, in the YAML's order, then the automatic ones (`"curated": false`).
        "links": [link_to_dict(link) for link in all_links(briefing)],
    }


def document_to_dict(d: Document) -> dict[str, Any]:
    return {
        "id": d.id,
        "number": d.number,
        "title": d.title,
        "publisher": d.publisher,
        "author": d.author,
        "date": d.date,
        "url": d.url,
        "kind": d.kind,
        "label": d.short_name,
    }


def link_to_dict(link: Link) -> dict[str, Any]:
    return {
        "from": link.source,
        "to": link.target,
        "kind": link.kind,
        "symbol": LINK_KINDS[link.kind].symbol if link.kind in LINK_KINDS else "",
        "score": round(link.score, 4),
        "reasons": list(link.reasons),
        "curated": link.curated,
    }


def export_json(briefing: Briefing) -> str:
    """The briefing as JSON, one record (a document, a passage, a link...) to a line."""
    return records_json(briefing_to_dict(briefing))


def records_json(data: dict[str, Any]) -> str:
    """`data` as JSON, each item of a list in it on a line of its own.

    A record to a line reads well in grep and diff, and is written by the json module's
    C encoder, which `indent` would turn off: 1.5 s of a 500-document export was indenting.
    """
    encode = json.JSONEncoder(ensure_ascii=False).encode
    lines = ["{"]
    for n, (key, value) in enumerate(data.items()):
        comma = "," if n < len(data) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {encode(key)}: [")
            lines.extend(f"    {encode(item)}," for item in value[:-1])
            lines.append(f"    {encode(value[-1])}")
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {encode(key)}: {encode(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"
