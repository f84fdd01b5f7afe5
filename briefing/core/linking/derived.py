"""The one door through which surfaces get automatic links: the CLI, the export and the reader.

Keeping a single entry point lets the cache (see briefing.core.cache) sit in one
place: a surface asks for the links of a briefing and never calls the linker itself.

The links are cached under a key made of everything the linker reads — each
document's id, date and short name and its passages' ids and texts, the curated
pairs (which are left out), and the linker's own source — so a second open
computes nothing. One edited document recomputes all the links: the linker's
weights (how rare a word is, which spellings name one person) are taken over
the whole briefing, so every pair's score may change with any document. Meanwhile
`earlier_links` gives the reader the last links worked out for the same folder,
between the passages that have not changed.

What the reader shows beside the links (section suggestions, and the timeline
and names built by briefing.tui.insight) is cached the same way, through
`cached_derived`: its key is the links' key plus whatever else it reads, so a
second open of the reader analyses nothing either.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from briefing.core import cache, progress
from briefing.core.model import Briefing, Link

if TYPE_CHECKING:
    from briefing.core.linking.analysis import Analysis
    from briefing.core.linking.sections import SectionSuggestion

T = TypeVar("T")

PER_PASSAGE = 8
"""How many partners each passage keeps (compute_links' default)."""

KEEP = 8
"""Link entries kept in the cache: a few briefings, each at a few recent versions."""

FOLDERS_KEPT = 32
"""Briefing folders whose latest links are remembered for `earlier_links` (~0.5 MB each
at 500 documents)."""


def auto_links(
    briefing: Briefing, analysis: Callable[[], Analysis] | None = None
) -> tuple[Link, ...]:
    """The briefing's automatic links, best first; curated pairs are never repeated.

    `analysis`, when given, supplies the briefing's analysis if the linker must run:
    a caller that needs one too (the reader) then analyses once, not twice.
    """
    links = cached_links(briefing)
    if links is None:
        from briefing.core.linking.linker import compute_links

        key = links_key(briefing)

        links = tuple(
            compute_links(
                briefing, per_passage=PER_PASSAGE, analysis=analysis() if analysis else None
            )
        )
        cache.write_entry("links", key, _to_entry(briefing, links))
        cache.prune("links", KEEP, key)
        folder = _folder_key(briefing)
        cache.write_entry("earlier", folder, _version_entry(briefing, key))
        cache.prune("earlier", FOLDERS_KEPT, folder)
        progress.over()
    briefing.memo["links"] = links
    return links


def cached_links(briefing: Briefing) -> tuple[Link, ...] | None:
    """`auto_links` when it needs no linking (this process or the cache has them), else None."""
    # Kept with the briefing object: summary then export ask twice.
    known = briefing.memo.get("links")
    if known is None:
        known = _links_from(list(briefing.passages), cache.read_entry("links", links_key(briefing)))
        if known is not None:
            briefing.memo["links"] = known
    return known  # type: ignore[no-any-return]


def links_ready(briefing: Briefing) -> bool:
    """Whether `auto_links` will answer at once: from this process or from the cache."""
    if "links" in briefing.memo:
        return True
    return cache.has_entry("links", links_key(briefing))


def earlier_links(briefing: Briefing) -> tuple[Link, ...]:
    """The automatic links last worked out for this briefing's folder, as far as they still
    hold: those between two passages whose text (and source) is unchanged. Best first.

    For the reader to show at once while the links of an edited briefing are worked out
    afresh, which takes half a minute at 500 documents: a desk that adds an article keeps
    its links meanwhile. Their scores are the old ones (rarity is briefing-wide), and a
    new passage has none yet. Empty when nothing was linked here before.
    """
    version = cache.read_entry("earlier", _folder_key(briefing))
    try:
        old_ids = [str(pid) for pid in version["ids"]]
        old_hashes = [str(h) for h in version["hashes"]]
        entry = cache.read_entry("links", str(version["links"]))
    except (KeyError, TypeError, ValueError):
        return ()
    if len(old_ids) != len(old_hashes):
        return ()
    links = _links_from(old_ids, entry)
    if links is None:
        return ()
    now = dict(zip(briefing.passages, _passage_hashes(briefing), strict=True))
    same = {pid for pid, h in zip(old_ids, old_hashes, strict=True) if now.get(pid) == h}
    curated = {frozenset((link.source, link.target)) for link in briefing.links}
    return tuple(
        link
        for link in links
        if link.source in same
        and link.target in same
        and frozenset((link.source, link.target)) not in curated
    )


def all_links(briefing: Briefing) -> tuple[Link, ...]:
    """Curated links first (in the YAML's order), then the automatic ones."""
    return (*briefing.links, *auto_links(briefing))


def section_suggestions(
    briefing: Briefing, analysis: Callable[[], Analysis] | None = None
) -> dict[str, SectionSuggestion]:
    """suggest_sections over all links, cached; `analysis` supplies one when it must run."""

    def build() -> dict[str, SectionSuggestion]:
        from briefing.core.linking.analysis import analyse
        from briefing.core.linking.sections import suggest_sections

        supply = analysis or functools.cache(lambda: analyse(briefing))
        links = [*briefing.links, *auto_links(briefing, supply)]
        return suggest_sections(briefing, links=links, analysis=supply())

    return cached_derived(
        "suggestions",
        briefing,
        build,
        lambda found: _suggestions_to_entry(briefing, found),
        lambda entry: _suggestions_from_entry(briefing, entry),
        _suggestions_read(briefing),
    )


def cached_suggestions(briefing: Briefing) -> dict[str, SectionSuggestion] | None:
    """`section_suggestions` when the cache has them, else None."""
    return read_derived(
        "suggestions",
        briefing,
        lambda entry: _suggestions_from_entry(briefing, entry),
        _suggestions_read(briefing),
    )


def _suggestions_read(briefing: Briefing) -> str:
    """What a suggestion reads beyond the links' key: which passages each section lists,
    and the title and intro of one that lists none (it is known by their words)."""
    return "\x00".join(
        f"{s.id}\x01{' '.join(s.passages)}" if s.passages else f"{s.id}\x02{s.title}\x01{s.intro}"
        for s in briefing.sections
    )


def cached_derived(
    kind: str,
    briefing: Briefing,
    build: Callable[[], T],
    to_entry: Callable[[T], Any],
    from_entry: Callable[[Any], T],
    *reads: str,
) -> T:
    """Something worked out from the briefing's analysis and links, cached like the links.

    Keyed by the links' key and `reads` (whatever else it depends on, such as the
    source of the code that builds it). `from_entry` may raise KeyError, TypeError,
    ValueError or IndexError on a damaged entry, which is then rebuilt.
    """
    found = read_derived(kind, briefing, from_entry, *reads)
    if found is not None:
        return found
    value = build()
    key = _derived_key(kind, briefing, *reads)
    cache.write_entry(kind, key, to_entry(value))
    cache.prune(kind, KEEP, key)
    return value


def read_derived(
    kind: str, briefing: Briefing, from_entry: Callable[[Any], T], *reads: str
) -> T | None:
    """What `cached_derived` would read back from the cache; None when it would build it
    (no entry, or a damaged one)."""
    entry = cache.read_entry(kind, _derived_key(kind, briefing, *reads))
    if entry is None:
        return None
    try:
        with cache.building():
            return from_entry(entry)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None  # damaged: built again


def _derived_key(kind: str, briefing: Briefing, *reads: str) -> str:
    return cache.digest(kind, links_key(briefing), *reads)


def _suggestions_to_entry(
    briefing: Briefing, suggestions: dict[str, SectionSuggestion]
) -> dict[str, Any]:
    position = {pid: i for i, pid in enumerate(briefing.passages)}
    return {
        "passages": len(position),
        "passage": [position[pid] for pid in suggestions],
        "section": [s.section_id for s in suggestions.values()],
        "score": [s.score for s in suggestions.values()],
        "reasons": [s.reasons for s in suggestions.values()],
    }


def _suggestions_from_entry(briefing: Briefing, entry: Any) -> dict[str, SectionSuggestion]:
    from briefing.core.linking.sections import SectionSuggestion

    ids = passage_ids(briefing, entry)
    sections = {s.id for s in briefing.sections}
    columns = [entry[name] for name in ("passage", "section", "score", "reasons")]
    found = {}
    for pos, section, score, reasons in zip(*columns, strict=True):
        if section not in sections:
            raise ValueError(f"no section {section!r}")
        found[ids[index_in(ids, pos)]] = SectionSuggestion(
            section, float(score), tuple(map(str, reasons))
        )
    return found


def passage_ids(briefing: Briefing, entry: Any) -> list[str]:
    """The briefing's passage ids, checking that a cache entry was made for as many."""
    ids = list(briefing.passages)
    if entry["passages"] != len(ids):
        raise ValueError("made for another number of passages")
    return ids


def index_in(ids: list[str], position: Any) -> int:
    """A passage position read from an entry, refused unless it is one of `ids`'."""
    if type(position) is not int or not 0 <= position < len(ids):
        raise ValueError(f"no passage at {position!r}")
    return position


def links_key(briefing: Briefing) -> str:
    """A hash of everything compute_links reads, and of the linker's code."""
    # Kept with the briefing object: hashing 8 MB of text costs 20 ms.
    key = briefing.memo.get("links key")
    if key is None:
        key = briefing.memo["links key"] = _links_key(briefing)
    return key  # type: ignore[no-any-return]


def _links_key(briefing: Briefing) -> str:
    h = hashlib.sha256(_linker_fingerprint().encode())
    h.update(str(PER_PASSAGE).encode())
    for link in briefing.links:
        h.update(f"\x00link\x00{link.source}\x00{link.target}".encode())
    for document in briefing.documents:
        h.update(f"\x00doc\x00{document.id}\x00{document.date}\x00{document.short_name}".encode())
        for passage in document.passages:
            h.update(f"\x00{passage.id}\x00{passage.text}".encode("utf-8", "surrogatepass"))
    return cache.digest(h.hexdigest())


_fingerprint: str | None = None


def _linker_fingerprint() -> str:
    """A hash of the linking package's source: a changed linker never serves old links."""
    global _fingerprint
    if _fingerprint is None:
        h = hashlib.sha256()
        for module in sorted(Path(__file__).parent.glob("*.py")):
            h.update(module.name.encode())
            h.update(module.read_bytes())
        _fingerprint = h.hexdigest()
    return _fingerprint


def _to_entry(briefing: Briefing, links: tuple[Link, ...]) -> dict[str, Any]:
    """Columns, passages as their position in the briefing: a third of the size of objects.

    Kinds and reasons repeat (92,000 links of 500 documents give 6 kinds and 26,000
    distinct reason lists), so each distinct one is written once, in `kinds` and
    `reason_lists`, and a link names it by position: read back, equal reasons are one
    tuple of strings, not one copy per link, and a kind costs no object at all.
    """
    position = {pid: i for i, pid in enumerate(briefing.passages)}
    kinds: dict[str, int] = {}
    reasons: dict[tuple[str, ...], int] = {}
    return {
        "passages": len(position),
        "source": [position[link.source] for link in links],
        "target": [position[link.target] for link in links],
        "kind": [kinds.setdefault(link.kind, len(kinds)) for link in links],
        "score": [link.score for link in links],
        "reasons": [reasons.setdefault(link.reasons, len(reasons)) for link in links],
        "kinds": list(kinds),
        "reason_lists": [list(r) for r in reasons],
    }


def _links_from(ids: list[str], entry: Any) -> tuple[Link, ...] | None:
    """The links of a cache entry made for the passages `ids`, or None when it is missing
    or damaged in any way."""
    if not isinstance(entry, dict):
        return None
    try:
        if entry["passages"] != len(ids):
            return None
        columns = [entry[name] for name in ("source", "target", "kind", "score", "reasons")]
        if len({len(column) for column in columns}) != 1:
            return None
        kinds = [str(kind) for kind in entry["kinds"]]
        said: dict[str, str] = {}  # one string per reason, even in different lists
        reason_lists = [
            tuple(said.setdefault(reason, str(reason)) for reason in reasons)
            for reasons in entry["reason_lists"]
        ]
        sizes = (len(ids), len(ids), len(kinds), None, len(reason_lists))
        if not all(
            _within(c, size) for c, size in zip(columns, sizes, strict=True) if size is not None
        ):
            return None
        with cache.building():
            links = tuple(
                Link(ids[s], ids[t], kinds[k], float(v), reason_lists[r], False)
                for s, t, k, v, r in zip(*columns, strict=True)
            )
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    return links


def _folder_key(briefing: Briefing) -> str:
    """One entry per briefing folder: where its latest links are, and for which passages."""
    return cache.digest("earlier", str(briefing.root.resolve()))


def _version_entry(briefing: Briefing, key: str) -> dict[str, Any]:
    return {"links": key, "ids": list(briefing.passages), "hashes": _passage_hashes(briefing)}


def _passage_hashes(briefing: Briefing) -> list[str]:
    """A short hash of what the linker reads of each passage: its text and its source's
    date and short name (a reason names the source)."""
    hashes = []
    for document in briefing.documents:
        source = f"{document.id}\x00{document.date}\x00{document.short_name}\x00"
        for passage in document.passages:
            h = hashlib.blake2b(
                (source + passage.text).encode("utf-8", "surrogatepass"), digest_size=8
            )
            hashes.append(h.hexdigest())
    return hashes


def _within(positions: list[Any], size: int) -> bool:
    """Whether every position read from an entry is one of `size` (never one from the end)."""
    return not positions or (min(positions) >= 0 and max(positions) < size)
