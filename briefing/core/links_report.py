"""`briefing links`: the links between passages, as text an analyst reads or as export JSON."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections import defaultdict
from collections.abc import Iterator

from briefing.core.errors import NotInBriefing
from briefing.core.export import document_to_dict, link_to_dict, records_json
from briefing.core.model import LINK_KINDS, Briefing, Link
from briefing.core.summary import (
    Style,
    best_sentence,
    cited,
    clean_text,
    sentences,
    value_words,
    wrap_text,
)
from briefing.core.text import quoted, snippet

_KEEP = "\u00a0"
"""A no-break space: holds each symbol to its label when the legend wraps (wrap_text undoes it)."""
LEGEND = " · ".join(
    f"{kind.symbol}{_KEEP}{kind.label.replace(' ', _KEEP)}" for kind in LINK_KINDS.values()
)
_CITATION = re.compile(r"\[\d+ ¶\d+\]")


def select_links(
    briefing: Briefing, *, passage_id: str | None = None, auto_only: bool = False
) -> list[Link]:
    """The links to show: curated first (YAML order), then automatic ones, best first.

    `auto_only` gives what the linker finds on its own, as if the YAML curated
    nothing: a pair the author linked and the linker also found is then shown
    as automatic, so the list measures the linker alone.
    """
    # Deferred: the linking package costs ~65 ms to import.
    from briefing.core.linking import all_links, auto_links

    if passage_id is not None:
        require_passage(briefing, passage_id)
    if auto_only:
        links = list(auto_links(briefing._replace(links=())))
    else:
        links = list(all_links(briefing))
    if passage_id is not None:
        links = [link for link in links if passage_id in (link.source, link.target)]
    return links


def require_passage(briefing: Briefing, passage_id: str) -> None:
    """Raise NotInBriefing, naming the nearest valid id, when `passage_id` is unknown."""
    if passage_id in briefing.passages:
        return
    raise NotInBriefing(passage_id, *unknown_passage(briefing, passage_id))


def unknown_passage(briefing: Briefing, passage_id: str) -> tuple[str, str]:
    """What is wrong with an id no passage has, and a hint: the nearest valid id, or the
    form ids take; a misspelt document id is read as the closest one."""
    doc_id, colon, number = passage_id.rpartition(":")
    ids = [d.id for d in briefing.documents]
    first = next((d.passages[0].id for d in briefing.documents if d.passages), None)
    if first is None:
        return "no such passage", "the briefing has no passages"
    if not doc_id or not number.isdigit():  # `doc`, `:3`, `doc:x`
        asked = doc_id if colon else passage_id
        known = asked if asked in ids else _close_document(asked, ids)
        hint = _span(briefing, known) if known else f"such as '{first}'"
        return "expected DOC:N, a document id and a passage number", hint
    if doc_id in ids:
        doc, lead = doc_id, "nearest: '{}';"
    else:
        close = _close_document(doc_id, ids)
        if not close:
            # Nothing like it: a passage of some other document would only mislead.
            listed = ", ".join(ids[:8]) + (", …" if len(ids) > 8 else "")
            return f"no document '{doc_id}'", f"documents: {listed}"
        doc, lead = close, "did you mean '{}'?"
    indexes = [p.index for p in briefing.document(doc).passages]
    if not indexes:
        return "no such passage", f"{doc} has no passages"
    nearest = min(indexes, key=lambda i: (abs(i - int(number)), i))
    return "no such passage", f"{lead.format(f'{doc}:{nearest}')} {_span(briefing, doc)}"


def _close_document(doc_id: str, ids: list[str]) -> str | None:
    close = difflib.get_close_matches(doc_id, ids, n=1, cutoff=0.5)
    return close[0] if close else None


def _span(briefing: Briefing, doc_id: str) -> str:
    """`doc has passages 1–30`."""
    indexes = [p.index for p in briefing.document(doc_id).passages]
    if not indexes:
        return f"{doc_id} has no passages"
    return f"{doc_id} has passages {indexes[0]}–{indexes[-1]}"


def render_links_json(briefing: Briefing, links: list[Link]) -> str:
    """The links in the export's shape: `{"title", "documents", "links": [{"from", "to", ...}]}`."""
    data = {
        "title": briefing.title,
        "documents": [document_to_dict(d) for d in briefing.documents],
        "links": [link_to_dict(link) for link in links],
    }
    return records_json(data)  # a link to a line, as in the export


def render_links_text(
    briefing: Briefing,
    links: list[Link],
    *,
    width: int = 80,
    color: bool = False,
    passage_id: str | None = None,
) -> str:
    """Links grouped by passage, with their relation, reasons and, for ≠, both sides' words.

    With `passage_id`, every link of that passage; otherwise each link once,
    under its first passage, passages in briefing order. Deterministic.
    """
    style = Style.for_terminal(color)
    lines = list(_Report(briefing, width, style).render(links, passage_id))
    return "\n".join(lines).rstrip("\n") + "\n"


def telling_sentence(text: str, reasons: tuple[str, ...] = ()) -> str:
    """The sentence that gives the disputed value: the one sharing most with the link's reasons
    (a shared number counts most), else the first with a digit, else the first sentence."""
    found = sentences(text)
    if value_words(" ".join(reasons)) & value_words(text):
        return best_sentence(text, " ".join(reasons))
    return next((s for s in found if any(c.isdigit() for c in s)), found[0] if found else "")


@dataclasses.dataclass
class _Report:
    briefing: Briefing
    width: int
    style: Style
    _texts: dict[str, str] = dataclasses.field(default_factory=dict)
    _quotes: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    def text_of(self, pid: str) -> str:
        """A passage's clean one-line text; worked out once, as a passage has many links."""
        if pid not in self._texts:
            self._texts[pid] = clean_text(self.briefing.passages[pid].text)
        return self._texts[pid]

    def quote_lines(self, pid: str) -> list[str]:
        """The passage's opening words in quotes, wrapped: the same for each of its links."""
        if pid not in self._quotes:
            quote = snippet(self.text_of(pid), max(40, 2 * self.width - 8))
            self._quotes[pid] = self.wrap(quoted(quote), first="    ", rest="    ")
        return self._quotes[pid]

    def render(self, links: list[Link], passage_id: str | None) -> Iterator[str]:
        b = self.briefing
        yield from self.wrap(clean_text(b.title), bold=True)
        if passage_id is not None:
            links = [link for link in links if passage_id in (link.source, link.target)]
        curated = sum(link.curated for link in links)
        counts = f"{curated} curated, {len(links) - curated} suggested (automatic)"
        if passage_id is None:
            yield from self.wrap(f"Links: {counts}; each shown once, under its first passage.")
        else:
            yield from self.wrap(f"Links of {passage_id} {cited(b, [passage_id])}: {counts}.")
        yield from self.wrap(LEGEND, dim=True)
        if not links:
            yield ""
            yield "No links."
            return
        for pid, group in self.grouped(links, passage_id):
            yield ""
            yield from self.header(pid)
            for link in group:
                yield from self.link_lines(pid, link)

    def grouped(self, links: list[Link], passage_id: str | None) -> list[tuple[str, list[Link]]]:
        groups: dict[str, list[Link]] = defaultdict(list)
        for link in links:
            groups[passage_id or link.source].append(link)
        order = {pid: i for i, pid in enumerate(self.briefing.passages)}
        for group in groups.values():
            # Curated in the YAML's order, then the suggestions best first, ties in the
            # linker's order (a stable sort keeps both): the order the reader numbers them.
            group.sort(key=lambda link: (not link.curated, 0.0 if link.curated else -link.score))
        return sorted(groups.items(), key=lambda item: order.get(item[0], 0))

    def header(self, pid: str) -> Iterator[str]:
        b = self.briefing
        passage = b.passages[pid]
        lead = f"{cited(b, [pid])} {clean_text(b.document(passage.doc).short_name)} ({pid}): "
        room = max(40, 2 * self.width - len(lead) - 8)
        yield from self.wrap(f'{lead}"{snippet(self.text_of(pid), room)}"', bold=True, rest="    ")

    def link_lines(self, pid: str, link: Link) -> Iterator[str]:
        b = self.briefing
        other = link.other(pid)
        target = b.passages[other]
        label = LINK_KINDS[link.kind].label if link.kind in LINK_KINDS else link.kind
        mark = "" if link.curated else f" · suggested (automatic, score {link.score:.2f})"
        name = clean_text(b.document(target.doc).short_name)
        head = f"{link.symbol_from(pid)} {name} {cited(b, [other])} · {clean_text(label)}{mark}"
        yield from self.wrap(head, first="  ", rest="    ")
        reasons = " · ".join(clean_text(r) for r in link.reasons if r.strip())
        if link.kind == "disagreement":
            # Both values with their sources: each side's own words, where it gives a figure
            # or a date, then why they differ (an automatic ≠ names both values there too).
            for side in (pid, other):
                yield from self.side(side, link.reasons)
        else:
            yield from self.quote_lines(other)
        if reasons:
            yield from self.wrap(f"why: {reasons}", first="    ", rest="      ", dim=True)

    def side(self, pid: str, reasons: tuple[str, ...]) -> Iterator[str]:
        b = self.briefing
        passage = b.passages[pid]
        said = snippet(telling_sentence(self.text_of(pid), reasons), 2 * self.width)
        text = f"{clean_text(b.document(passage.doc).short_name)} {cited(b, [pid])}: {quoted(said)}"
        yield from self.wrap(text, first="    ", rest="      ")

    def wrap(
        self, text: str, first: str = "", rest: str = "", *, bold: bool = False, dim: bool = False
    ) -> list[str]:
        s = self.style
        lines = wrap_text(text, self.width, first, rest)
        if bold and s.bold:
            return [f"{s.bold}{line}{s.reset}" for line in lines]
        if dim and s.dim:
            return [f"{s.dim}{line}{s.reset}" for line in lines]
        if s.dim:
            return [_CITATION.sub(rf"{s.dim}\g<0>{s.reset}", line) for line in lines]
        return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
