"""What the reader learns from the linker: suggested links, sections, timeline, names, coverage.

Plain Python (no textual): `build_insight` runs in a worker after the first screen,
and the views and the notes pane only read the result. It is the reader's adapter
over `briefing.core.linking`; it never changes what the core computes.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from briefing.core import progress
from briefing.core.linking import SectionSuggestion, analyse, auto_links
from briefing.core.linking.analysis import Analysis
from briefing.core.linking.dates import DateMention
from briefing.core.linking.derived import (
    cached_derived,
    cached_links,
    cached_suggestions,
    index_in,
    passage_ids,
    read_derived,
    section_suggestions,
)
from briefing.core.linking.disagreements import compare
from briefing.core.model import Briefing, Link

UNKNOWN_YEAR = 10_000
"""Sort key for dates whose year neither the text nor the article's date gives: last."""


@dataclass(frozen=True)
class DatedEvent:
    """One date a passage gives, for the timeline."""

    passage: str
    label: str
    """The date as a reader sees it ('4 May 2021', 'July 2022')."""
    text: str
    """The words of the passage that give it ('last year')."""
    sort_key: tuple[int, int, int]
    year: int | None
    relative: bool
    differs: tuple[tuple[str, str], ...] = ()
    """(other passage, the date it gives) where a source dates the same event otherwise."""


@dataclass(frozen=True)
class Name:
    """A person, place or organisation, merged over its spellings, with its mentions."""

    key: str
    name: str
    kind: str
    variants: tuple[str, ...]
    passages: dict[str, int]
    """Mentions per passage id, in document order."""

    def per_source(self, briefing: Briefing) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for pid, count in self.passages.items():
            counts[briefing.passages[pid].doc] += count
        return {d.id: counts[d.id] for d in briefing.documents if counts.get(d.id)}

    @property
    def mentions(self) -> int:
        return sum(self.passages.values())


@dataclass(frozen=True)
class Insight:
    """Everything the linker tells the reader about one briefing."""

    links: dict[str, list[Link]] = field(default_factory=dict)
    """Suggested (automatic) links per passage, best first; never a curated pair."""
    suggestions: dict[str, SectionSuggestion] = field(default_factory=dict)
    """For passages no section lists: the section they fit best."""
    timeline: list[DatedEvent] = field(default_factory=list)
    names: dict[str, Name] = field(default_factory=dict)
    """By key, most widely cited first."""

    def suggested_for(self, section_id: str) -> list[str]:
        """Unplaced passages offered to a section, in document order."""
        return list(self._suggested_by_section.get(section_id, ()))

    @cached_property
    def _suggested_by_section(self) -> dict[str, list[str]]:
        # Grouped once: asked of each of 100 sections over 14,000 suggestions, the scan
        # held the reader's screen for 70 ms as the links arrived.
        grouped: dict[str, list[str]] = defaultdict(list)
        for pid, suggestion in self.suggestions.items():
            grouped[suggestion.section_id].append(pid)
        return grouped


def build_insight(briefing: Briefing) -> Insight:
    """Arrange what the reader shows of the links and the analysis, from the cache when it can.

    The analysis (20 s at 500 documents) runs at most once, shared with the linker,
    and only when something is not cached yet: a second open reads everything back.
    """
    analysis = functools.cache(lambda: analyse(briefing))
    automatic = auto_links(briefing, analysis)
    links = [*briefing.links, *automatic]
    progress.report("arranging the views", 0, 0)
    timeline, names = cached_derived(
        "insight",
        briefing,
        lambda: (_timeline(briefing, analysis(), links), _names(briefing, analysis())),
        lambda found: _to_entry(briefing, *found),
        lambda entry: _from_entry(briefing, entry),
        _own_source(),
    )
    return Insight(
        links=links_by_passage(briefing, automatic),
        suggestions=section_suggestions(briefing, analysis),
        timeline=timeline,
        names=names,
    )


def read_insight(briefing: Briefing) -> Insight | None:
    """What `build_insight` gives, when the cache holds all of it (a second open); None when
    something is missing or damaged, and would have to be worked out."""
    automatic = cached_links(briefing)
    if automatic is None:
        return None
    suggestions = cached_suggestions(briefing)
    if suggestions is None:
        return None
    views = read_derived(
        "insight", briefing, lambda entry: _from_entry(briefing, entry), _own_source()
    )
    if views is None:
        return None
    timeline, names = views
    return Insight(links_by_passage(briefing, automatic), suggestions, timeline, names)


@functools.cache
def _own_source() -> str:
    """A hash of this module: a changed timeline or name list never comes from an old entry."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _to_entry(briefing: Briefing, timeline: list[DatedEvent], names: dict[str, Name]) -> Any:
    """Passages as their position in the briefing, events and names as rows.

    A name's mentions are one flat list, position and count in turn: a list per mention
    (126,000 of them at 500 documents) made the parsed entry take 26 MB, for 2 MB of JSON.
    """
    position = {pid: i for i, pid in enumerate(briefing.passages)}
    return {
        "passages": len(position),
        "events": [
            [
                position[e.passage],
                e.label,
                e.text,
                list(e.sort_key),
                e.year,
                e.relative,
                [[position[pid], label] for pid, label in e.differs],
            ]
            for e in timeline
        ],
        "names": [
            [
                n.key,
                n.name,
                n.kind,
                list(n.variants),
                [number for p, c in n.passages.items() for number in (position[p], c)],
            ]
            for n in names.values()
        ],
    }


def _from_entry(briefing: Briefing, entry: Any) -> tuple[list[DatedEvent], dict[str, Name]]:
    """An entry read back; any damage raises (KeyError, TypeError, ValueError) and it is rebuilt."""
    ids = passage_ids(briefing, entry)

    def pid(position: Any) -> str:
        return ids[index_in(ids, position)]

    said: dict[str, str] = {}  # one string per date as written: a few hundred, not 10,000

    def shared(words: Any) -> str:
        return said.setdefault(words, str(words))

    timeline = [
        DatedEvent(
            pid(where),
            shared(label),
            shared(text),
            (int(year_key), int(month_key), int(day_key)),
            None if year is None else int(year),
            bool(relative),
            tuple((pid(other), str(given)) for other, given in differs),
        )
        for where, label, text, (year_key, month_key, day_key), year, relative, differs in entry[
            "events"
        ]
    ]
    names = {}
    for key, name, kind, variants, mentions in entry["names"]:
        names[str(key)] = Name(
            str(key),
            str(name),
            str(kind),
            tuple(map(str, variants)),
            {pid(where): int(count) for where, count in zip(*_pairs(mentions), strict=True)},
        )
    return timeline, names


def _pairs(flat: Any) -> tuple[Any, Any]:
    """The first and the second of each pair in a flat list; strict zip refuses an odd one."""
    if not isinstance(flat, list):
        raise TypeError("mentions are a list")
    return flat[0::2], flat[1::2]


def links_by_passage(briefing: Briefing, automatic: tuple[Link, ...]) -> dict[str, list[Link]]:
    """Each passage's automatic links, best first, leaving out any pair the YAML curates."""
    curated = {frozenset((link.source, link.target)) for link in briefing.links}
    grouped: dict[str, list[Link]] = defaultdict(list)
    for link in automatic:
        if frozenset((link.source, link.target)) in curated:
            continue  # the core promises this never happens; a curated link is never shown twice
        grouped[link.source].append(link)
        grouped[link.target].append(link)
    for links in grouped.values():
        links.sort(key=lambda link: -link.score)
    return dict(grouped)


def _timeline(briefing: Briefing, analysis: Analysis, links: list[Link]) -> list[DatedEvent]:
    differs = _differing_dates(analysis, links)
    events: list[DatedEvent] = []
    for pid in briefing.passages:
        facts = analysis.passages.get(pid)
        if facts is None:
            continue
        seen: set[str] = set()
        for date in facts.dates:
            label = date.label()
            if label in seen:
                continue
            seen.add(label)
            events.append(
                DatedEvent(
                    pid,
                    label,
                    date.text,
                    _sort_key(date),
                    date.year,
                    date.relative,
                    tuple(differs.get((pid, label), ())),
                )
            )
    # Stable: the same date in document order, so a source's own sequence is kept.
    events.sort(key=lambda e: e.sort_key)
    return events


def _sort_key(date: DateMention) -> tuple[int, int, int]:
    year, month, day = date.sort_key()
    return (year or UNKNOWN_YEAR, month, day)


def _differing_dates(
    analysis: Analysis, links: list[Link]
) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(passage, date label) → the other passages that date the same event differently,
    each (passage, date) once: two links of one pair, or two dates of one passage that
    read the same, would list it again (one other source's date four times over)."""
    found: dict[tuple[str, str], dict[tuple[str, str], None]] = defaultdict(dict)
    for link in links:
        if link.kind != "disagreement":
            continue
        if link.source not in analysis.passages or link.target not in analysis.passages:
            continue
        for comparison in compare(analysis, link.source, link.target):
            if comparison.kind != "date-differs":
                continue
            found[(link.source, comparison.first)][(link.target, comparison.second)] = None
            found[(link.target, comparison.second)][(link.source, comparison.first)] = None
    return {key: list(others) for key, others in found.items()}


def _names(briefing: Briefing, analysis: Analysis) -> dict[str, Name]:
    order = {pid: i for i, pid in enumerate(briefing.passages)}
    names = []
    for entity in analysis.entities.values():
        passages = {
            pid: n
            for pid, n in sorted(entity.passages.items(), key=lambda item: order.get(item[0], 0))
            if pid in order
        }
        if passages:
            names.append(
                Name(entity.key, entity.name, entity.kind, tuple(entity.variants), passages)
            )
    sources = {name.key: len({briefing.passages[p].doc for p in name.passages}) for name in names}
    names.sort(key=lambda n: (-sources[n.key], -n.mentions, n.name.lower()))
    return {name.key: name for name in names}


def coverage(
    briefing: Briefing, insight: Insight | None
) -> list[tuple[str, dict[str, int], dict[str, int]]]:
    """Per section: (section id, passages per source, suggested passages per source)."""
    rows = []
    for section in briefing.sections:
        own: dict[str, int] = defaultdict(int)
        for pid in section.passages:
            own[briefing.passages[pid].doc] += 1
        offered: dict[str, int] = defaultdict(int)
        for pid in insight.suggested_for(section.id) if insight else ():
            offered[briefing.passages[pid].doc] += 1
        rows.append((section.id, dict(own), dict(offered)))
    return rows
