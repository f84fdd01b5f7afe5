"""Load a briefing: from the cache when nothing changed, else by resolving its files.

The cached path reads and hashes the files but parses neither YAML nor
Markdown, so a second open costs a fraction of the first (see bench/).
"""

from __future__ import annotations

from pathlib import Path

from briefing.core import cache
from briefing.core.errors import BriefingError, Problem
from briefing.core.locate import resolve_briefing_file
from briefing.core.model import Briefing

BRIEFINGS_KEPT = 16
"""Resolved briefings kept in the cache, the most recently used, over all briefings (8 MB
each at 500 documents). Each is keyed by its YAML, so every article a desk adds leaves the
last version's entry behind."""


def load_briefing(path: str | Path | None = None, *, use_cache: bool = True) -> Briefing:
    """Load a briefing; raise BriefingError with every error found (warnings ignored)."""
    file = resolve_briefing_file(path)
    key = _briefing_key(file) if use_cache else None
    if key is not None:
        cached = _from_cache(file, key)
        if cached is not None:
            return cached
    digests: dict[Path, str] = {}
    briefing, problems = inspect_briefing(file, digests=digests)
    errors = [p for p in problems if p.severity == "error"]
    if errors or briefing is None:
        raise BriefingError(errors)
    if key is not None:
        _to_cache(briefing, key, digests)
    return briefing


def load_briefing_to_read(path: str | Path | None = None) -> tuple[Briefing, list[Problem]]:
    """The briefing and its errors, when what resolves is still worth reading.

    For the reader: a mistyped quote in one link must not lock its author out, the
    way vim opens a file it cannot fully parse. What failed to resolve is left out (the
    errors say what); YAML that does not parse, or no readable document, still raises.
    """
    try:
        return load_briefing(path), []
    except BriefingError:
        briefing, problems = inspect_briefing(path)
        if briefing is None or not briefing.documents:
            raise
        return briefing, [p for p in problems if p.severity == "error"]


def inspect_briefing(
    path: str | Path | None = None, *, digests: dict[Path, str] | None = None
) -> tuple[Briefing | None, list[Problem]]:
    """Resolve the files afresh and report every problem, errors and warnings alike;
    `digests` receives the digest of each document file as it was read."""
    from briefing.core.resolve import (
        inspect_briefing as resolve,
    )  # YAML and Markdown: ~60 ms of imports

    return resolve(path, digests=digests)


def _briefing_key(file: Path) -> str | None:
    try:
        return cache.digest(str(file.resolve()), file.read_bytes())
    except OSError:
        return None  # the full path reports it properly


def _from_cache(file: Path, key: str) -> Briefing | None:
    entry = cache.read_entry("briefing", key)
    if not isinstance(entry, dict):
        return None
    from briefing.core.plain import briefing_from_plain

    try:
        for relative, expected in entry["documents"]:
            if cache.digest((file.parent / relative).read_bytes()) != expected:
                return None
        with cache.building():
            return briefing_from_plain(entry["briefing"], file)
    except (OSError, KeyError, TypeError, ValueError):
        return None  # stale or damaged: rebuild


def _to_cache(briefing: Briefing, key: str, digests: dict[Path, str]) -> None:
    """Store the briefing under `key`, with the digests of the document files it was read
    from: those the resolving took (reading and hashing 500 files again cost ~40 ms)."""
    from briefing.core.plain import briefing_to_plain

    try:
        documents = [
            [
                str(d.path.relative_to(briefing.root)),
                digests.get(d.path) or cache.digest(d.path.read_bytes()),
            ]
            for d in briefing.documents
        ]
    except (OSError, ValueError):
        return
    cache.write_entry(
        "briefing", key, {"documents": documents, "briefing": briefing_to_plain(briefing)}
    )
    cache.prune("briefing", BRIEFINGS_KEPT, key)
