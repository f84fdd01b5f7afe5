"""Resolve a briefing.yaml and its documents into the model, collecting every problem on the way."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from briefing.core import cache as derived
from briefing.core.documents import (
    FOLDER_NOT_FILE,
    MAX_DOCUMENT_BYTES,
    is_valid_id,
    nearest_hint,
    parse_document,
    passages_key,
    read_file_bytes,
    read_text_file,
    unknown_key_message,
)
from briefing.core.errors import BriefingError, Problem
from briefing.core.locate import DOCUMENT_SUFFIXES, resolve_briefing_file
from briefing.core.model import (
    LINK_KINDS,
    Annotation,
    Briefing,
    Document,
    GlossaryEntry,
    KeyPoint,
    Link,
    Passage,
    Section,
)
from briefing.core.text import excerpt, fold_for_match, strip_controls
from briefing.core.yamlsrc import YamlList, YamlMap, load_yaml

TOP_KEYS = (
    "id",
    "title",
    "description",
    "documents",
    "sections",
    "annotations",
    "glossary",
    "links",
)
SECTION_KEYS = ("id", "title", "intro", "passages", "key_points")
KEY_POINT_KEYS = ("text", "cite")
ANNOTATION_KEYS = ("passage", "kind", "text", "cite")
ANNOTATION_KINDS = ("context", "person", "place", "organisation", "term", "disagreement", "caveat")
GLOSSARY_KEYS = ("term", "aliases", "definition", "cite")
LINK_KEYS = ("from", "to", "kind", "note")
REF_KEYS = ("doc", "quote")
INDEXED_PASSAGES = 64
"""Above this many passages, a document's quotes are found through an index of its words."""
PARALLEL_DOCUMENTS = 64
"""From this many documents to parse, forked workers share them (briefing.core.linking.parallel).
One takes ~1.5 ms here; starting two workers takes ~30 ms and taking their passages back
~0.3 ms a document, so fewer would gain nothing. The bundled briefing never forks."""

PASSAGES_KEPT = 10_000
"""Documents' passages the cache keeps (about 16 KB each: 160 MB at most), those used
last, over all briefings; never fewer than the briefing being loaded has, or each load
would parse again what the last one dropped. Each edit to a document leaves its last
version's behind."""
PASSAGES_SLACK = 1_000
"""Entries dropped beyond the count once it is reached, so that the next edits find room
without reading the times of 10,000 entries (150 ms) again each time."""


def inspect_briefing(
    path: str | Path | None = None, *, digests: dict[Path, str] | None = None
) -> tuple[Briefing | None, list[Problem]]:
    """Load what can be loaded and report every problem, errors and warnings alike.

    Returns no Briefing when the file itself cannot be read as a briefing. `digests`,
    when given, receives the `cache.digest` of each loaded document file's bytes, as read.
    """
    try:
        file = resolve_briefing_file(path)
        text = read_text_file(file, limit=MAX_DOCUMENT_BYTES)
        if not text.strip():
            raise BriefingError.at(
                file, 1, "briefing file is empty: it needs at least 'title:' and 'documents:'"
            )
        data = load_yaml(text, str(file))
    except BriefingError as exc:
        return None, exc.problems
    if not isinstance(data, YamlMap):
        return None, [
            Problem(
                str(file),
                1,
                "error",
                "a briefing file must be 'key: value' lines (title:, documents:, sections:, ...)",
            )
        ]
    reader = _Reader(file)
    briefing = reader.read(data)
    if digests is not None:
        digests.update(reader.digests)
    # A document that cannot be read is the cause of what follows from it: it comes first.
    roots = set(reader.roots)
    return briefing, sorted(
        reader.problems, key=lambda p: (p not in roots, p.file != str(file), p.file, p.line)
    )


@dataclass
class _Reader:
    """Walks the YAML once, turning it into model objects and noting problems."""

    file: Path
    problems: list[Problem] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    _folded: dict[str, list[tuple[str, Passage]]] = field(default_factory=dict)
    _seen: dict[str, dict[str, int]] = field(default_factory=dict)
    _words: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    """Per long document: word → the positions of the passages holding it."""
    _corpus: str | None = None
    _unreadable: dict[str, str] = field(default_factory=dict)
    """File stem → `documents:` entry of each document that failed to load (already noted)."""
    roots: list[Problem] = field(default_factory=list)
    """The problems that stopped a document from loading: the causes of later ones."""
    digests: dict[Path, str] = field(default_factory=dict)
    """Path of each document loaded → `cache.digest` of the bytes it was read from."""
    _unknown: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    """Document id → (line, what) of each reference to a document that is not loaded."""
    _unseen_terms: list[tuple[int, str]] = field(default_factory=list)
    """Glossary terms found in no passage while a document could not be read."""

    @property
    def root(self) -> Path:
        return self.file.parent

    def _near(self, relative: Path) -> str:
        """`: did you mean 'docs/week.md'?` when a file of a close name sits beside it."""
        folder = self.root / relative.parent
        try:
            names = sorted(p.name for p in folder.iterdir() if p.is_file())
        except OSError:
            return ""
        close = difflib.get_close_matches(relative.name, names, n=1, cutoff=0.75)
        return f": did you mean '{(relative.parent / close[0]).as_posix()}'?" if close else ""

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(str(self.file), line, "error", message))

    def warning(self, line: int, message: str) -> None:
        self.problems.append(Problem(str(self.file), line, "warning", message))

    # -- the whole file ---------------------------------------------------

    def read(self, data: YamlMap) -> Briefing:
        self.check_keys(data, TOP_KEYS, "the briefing")
        title = self.text(data, "title", required=True) or self.file.parent.name
        self.read_documents(data)
        sections = self.read_list(data, "sections", self.read_section)
        annotations = self.read_list(data, "annotations", self.read_annotation)
        glossary = self.read_list(data, "glossary", self.read_glossary)
        links = self.read_list(data, "links", self.read_link)
        self.report_followers()
        return Briefing(
            title=title,
            description=self.text(data, "description"),
            id=self.text(data, "id"),
            file=self.file,
            documents=tuple(self.documents.values()),
            sections=tuple(sections),
            annotations=tuple(annotations),
            glossary=tuple(glossary),
            links=tuple(links),
        )

    # -- shapes -----------------------------------------------------------

    def check_keys(self, node: YamlMap, valid: tuple[str, ...], what: str) -> None:
        for key in node:
            if key not in valid:
                self.error(node.line_of(key), f"{unknown_key_message(key, valid)} (in {what})")

    def text(self, node: YamlMap, key: str, *, required: bool = False) -> str:
        value = node.get(key)
        if value is None or value == "":
            if required:
                self.error(node.line, f"missing '{key}:'")
            return ""
        if isinstance(value, dict | list):
            self.error(node.line_of(key), f"'{key}' must be text, not a {type(value).__name__}")
            return ""
        return strip_controls(str(value)).strip()

    def read_list(self, data: YamlMap, key: str, read_item: Callable[[YamlMap], Any]) -> list[Any]:
        items = data.get(key)
        if items is None:
            return []
        if not isinstance(items, YamlList):
            self.error(data.line_of(key), f"'{key}' must be a list (lines starting with '- ')")
            return []
        result = []
        for index, item in enumerate(items):
            if not isinstance(item, YamlMap):
                self.error(
                    items.line_of(index), f"each entry of '{key}' must be a mapping (key: value)"
                )
                continue
            value = read_item(item)
            if value is not None:
                result.append(value)
        return result

    def occurs(self, name: str) -> bool:
        if self._corpus is None:
            self._corpus = "\n".join(
                text for folded in self._folded.values() for text, _ in folded
            ).casefold()
        pattern = rf"(?<!\w){re.escape(fold_for_match(name).casefold())}(?!\w)"
        return re.search(pattern, self._corpus) is not None

    def first_time(self, kind: str, value: str, line: int, message: str) -> bool:
        """False (and an error or warning noted) when `value` was seen before."""
        seen = self._seen.setdefault(kind, {})
        if value in seen:
            report = self.warning if kind == "link" else self.error
            report(line, f"{message} (first at line {seen[value]})")
            return False
        seen[value] = line
        return True

    # -- documents --------------------------------------------------------

    def read_documents(self, data: YamlMap) -> None:
        paths = data.get("documents")
        if paths is None:
            self.error(data.line, "missing 'documents:' (the list of document files)")
            return
        if not isinstance(paths, YamlList):
            self.error(data.line_of("documents"), "'documents' must be a list of file paths")
            return
        root = self.root.resolve()
        listed = [
            self.document_path(entry, paths.line_of(i), root) for i, entry in enumerate(paths)
        ]
        loaded = iter(_load_documents([self.root / relative for relative in listed if relative]))
        for index, (entry, relative) in enumerate(zip(paths, listed, strict=True)):
            if relative is not None:
                self.add_document(paths.line_of(index), entry, relative, next(loaded))

    def _folder_listed(self, entry: str, relative: Path) -> str:
        """What to do about a folder listed as a document: list its files, one per entry."""
        try:
            files = sorted(
                p.name
                for p in (self.root / relative).iterdir()
                if p.suffix.lower() in DOCUMENT_SUFFIXES
            )
        except OSError:
            files = []
        example = ", ".join((relative / name).as_posix() for name in files[:2]) or (
            (relative / "article.md").as_posix()
        )
        return (
            f"document '{entry}' is a folder: list each document file in it, one per"
            f" entry (for example {example})"
        )

    def document_path(self, entry: Any, line: int, root: Path) -> Path | None:
        """The path of a `documents:` entry inside the briefing folder, or None (an error noted)."""
        # A YAML escape ("\0") can put NUL in a path, which Path.resolve() rejects
        # with ValueError; refuse it like any other non-path.
        if not isinstance(entry, str) or not entry.strip() or "\x00" in entry:
            self.error(line, "each document must be a file path such as docs/article.md")
            return None
        relative = Path(entry.strip())
        target = (self.root / relative).resolve()
        if relative.is_absolute() or not target.is_relative_to(root):
            self.error(
                line,
                f"document path '{entry}' leaves the briefing folder: "
                "keep documents inside it (for example docs/name.md)",
            )
            return None
        return relative

    def add_document(self, line: int, entry: str, relative: Path, loaded: _Loaded) -> None:
        """Take in one loaded document, in the order listed, or the problems that stopped it."""
        if loaded.document is None:
            # Remember the document, so that references to it do not each add a
            # misleading "unknown document" error on top of the real one.
            self._unreadable[relative.stem] = entry
            for problem in loaded.problems:
                if problem.message in ("file not found", "no such file or folder"):
                    self.error(line, f"document '{entry}' not found{self._near(relative)}")
                elif problem.message == FOLDER_NOT_FILE:
                    self.error(line, self._folder_listed(entry, relative))
                else:
                    self.problems.append(problem)
                self.roots.append(self.problems[-1])
            return
        self.problems.extend(loaded.problems)
        # Numbered here, not where it was parsed: documents that failed or repeat an id
        # before it take no number.
        document = loaded.document._replace(number=len(self.documents) + 1)
        if document.id in self.documents:
            self.error(
                line,
                f"duplicate document id '{document.id}' "
                f"(also {self.documents[document.id].path.name}): set a different 'id:'",
            )
            return
        self.documents[document.id] = document
        self.digests[document.path] = loaded.digest
        self._folded[document.id] = list(zip(loaded.folded, document.passages, strict=True))

    # -- references -------------------------------------------------------

    def resolve(self, ref: Any, line: int, what: str) -> str | None:
        """The passage id a quote selector points at, or None (with a problem noted)."""
        if not isinstance(ref, YamlMap):
            self.error(line, f'{what} must be {{doc: <document id>, quote: "exact words"}}')
            return None
        self.check_keys(ref, REF_KEYS, what)
        doc_id, quote = ref.get("doc"), ref.get("quote")
        line = ref.line_of("quote")
        if not isinstance(doc_id, str) or not isinstance(quote, str) or not quote.strip():
            self.error(ref.line, f"{what} needs both 'doc:' and 'quote:'")
            return None
        if doc_id not in self._folded:
            if doc_id not in self._unreadable:
                self._unknown.setdefault(doc_id, []).append((ref.line_of("doc"), what))
            return None
        folded = fold_for_match(quote)
        matches = self.matching(doc_id, folded)
        if len(matches) == 1:
            return matches[0].id
        if matches:
            ids = ", ".join(p.id for p in matches[:5])
            self.error(
                line,
                f"quote in {what} matches {len(matches)} passages ({ids}): "
                "quote more words to pick one",
            )
            return None
        self.error(
            line, f"quote in {what} matches no passage of '{doc_id}'{self.closest(doc_id, folded)}"
        )
        return None

    def matching(self, doc_id: str, folded: str) -> list[Passage]:
        """The passages of a document whose folded text contains `folded`, in order.

        A long source is searched through an index of its words: a word the quote
        has whitespace on both sides of is a whole word of every passage it matches,
        so only the passages holding the quote's rarest such word are tested.
        """
        folded_passages = self._folded[doc_id]
        inner = folded.split()[1:-1]
        if not inner or len(folded_passages) <= INDEXED_PASSAGES:
            return [p for text, p in folded_passages if folded in text]
        words = self._words.get(doc_id)
        if words is None:
            words = self._words[doc_id] = _word_index([text for text, _ in folded_passages])
        candidates = min((words.get(word, ()) for word in inner), key=len)
        return [folded_passages[i][1] for i in candidates if folded in folded_passages[i][0]]

    def closest(self, doc_id: str, folded: str) -> str:
        best: tuple[int, str, str] | None = None
        for text, passage in self._folded[doc_id]:
            matcher = difflib.SequenceMatcher(None, folded, text, autojunk=False)
            match = matcher.find_longest_match(0, len(folded), 0, len(text))
            if best is None or match.size > best[0]:
                # A little before the words that match, whole words only.
                best = (match.size, passage.id, excerpt(text, match.b - 10, 70))
        if not best or best[0] < 4:
            return ""
        return f'; closest is {best[1]}: "{best[2]}"'

    def resolve_list(self, node: YamlMap, key: str, what: str) -> tuple[str, ...]:
        refs = node.get(key)
        if refs is None:
            return ()
        if isinstance(refs, YamlMap):
            refs_list = YamlList([refs])
            refs_list.line, refs_list.item_lines = refs.line, [refs.line]
            refs = refs_list
        if not isinstance(refs, YamlList):
            self.error(node.line_of(key), f"'{key}' must be a list of {{doc:, quote:}} references")
            return ()
        resolved = (self.resolve(ref, refs.line_of(i), what) for i, ref in enumerate(refs))
        return tuple(dict.fromkeys(pid for pid in resolved if pid))

    def report_followers(self) -> None:
        """Problems that follow from one cause, each said once: the first place, and a count.

        A document id misspelt, or its file renamed, would otherwise give one error
        per quote that cites it; a document that cannot be read, one warning per
        glossary term found only in it.
        """
        unreadable = ", ".join(f"'{entry}'" for entry in self._unreadable.values())
        for doc_id, places in self._unknown.items():
            line, what = places[0]
            if unreadable and not nearest_hint(doc_id, list(self._folded)).startswith("did"):
                hint = f"is it {unreadable}, which could not be read? Fix that first"
            else:
                hint = nearest_hint(doc_id, list(self._folded), "documents")
            more = len(places) - 1
            also = f" (and {more} more reference{'s' if more > 1 else ''} to it)" if more else ""
            self.error(line, f"unknown document '{doc_id}' in {what}{also}: {hint}")
        if self._unseen_terms:
            line, _ = self._unseen_terms[0]
            terms = [f"'{term}'" for _, term in self._unseen_terms]
            named = ", ".join(terms[:3]) + (f" and {len(terms) - 3} more" if len(terms) > 3 else "")
            self.warning(
                line,
                f"glossary term{'s' if len(terms) > 1 else ''} {named} found in no passage "
                f"read: {unreadable} could not be read, check again once it loads",
            )

    # -- parts ------------------------------------------------------------

    def read_section(self, node: YamlMap) -> Section | None:
        self.check_keys(node, SECTION_KEYS, "a section")
        ident = self.text(node, "id", required=True)
        if ident and not is_valid_id(ident):
            self.error(
                node.line_of("id"),
                f"section id '{ident}' must be lowercase letters, digits and '-'",
            )
        title = self.text(node, "title", required=True) or ident
        what = f"section '{ident}'"
        passages = self.resolve_list(node, "passages", f"a passage of {what}")
        key_points: list[KeyPoint] = []
        points = node.get("key_points")
        if points is not None and not isinstance(points, YamlList):
            self.error(node.line_of("key_points"), "'key_points' must be a list")
            points = None  # iterating a scalar would fail (int) or misread it (str)
        for index, point in enumerate(points or ()):
            line = points.line_of(index)
            if not isinstance(point, YamlMap):
                self.error(line, "a key point must be {text: ..., cite: [...]} ")
                continue
            self.check_keys(point, KEY_POINT_KEYS, "a key point")
            text = self.text(point, "text", required=True)
            if not point.get("cite"):
                self.error(
                    line,
                    f"key point in {what} cites nothing: add 'cite:' with the passages "
                    "that support it",
                )
                continue
            cites = self.resolve_list(point, "cite", f"a key point's citation in {what}")
            if text and cites:
                key_points.append(KeyPoint(text, cites))
        if ident and not passages and not node.get("passages"):
            self.warning(
                node.line_of("id"),
                f"section '{ident}' has no passages yet: 'briefing check --suggest' "
                "proposes some by its title",
            )
        if not ident or not self.first_time(
            "section", ident, node.line_of("id"), f"duplicate section id '{ident}'"
        ):
            return None
        return Section(ident, title, self.text(node, "intro"), passages, tuple(key_points))

    def read_annotation(self, node: YamlMap) -> Annotation | None:
        self.check_keys(node, ANNOTATION_KEYS, "an annotation")
        kind = self.text(node, "kind") or "context"
        if kind not in ANNOTATION_KINDS:
            self.error(
                node.line_of("kind"),
                f"annotation kind '{kind}' is unknown: {nearest_hint(kind, ANNOTATION_KINDS)}",
            )
        text = self.text(node, "text", required=True)
        passage = self.resolve(
            node.get("passage"), node.line_of("passage"), "an annotation's passage"
        )
        cites = self.resolve_list(node, "cite", "an annotation's citation")
        if passage and text:
            return Annotation(passage, kind, text, cites)
        return None

    def read_glossary(self, node: YamlMap) -> GlossaryEntry | None:
        self.check_keys(node, GLOSSARY_KEYS, "a glossary entry")
        term = self.text(node, "term", required=True)
        definition = self.text(node, "definition", required=True)
        aliases = node.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            self.error(node.line_of("aliases"), "'aliases' must be a list of words")
            aliases = []
        cites = self.resolve_list(node, "cite", f"the glossary entry '{term}'")
        names = (term, *aliases)
        if (
            term
            and self.documents
            and not any(self.occurs(name) for name in names if isinstance(name, str))
        ):
            if self._unreadable:
                self._unseen_terms.append((node.line_of("term"), term))
            else:
                self.warning(node.line_of("term"), f"glossary term '{term}' occurs in no passage")
        if (
            term
            and definition
            and self.first_time(
                "term", term.casefold(), node.line_of("term"), f"duplicate glossary term '{term}'"
            )
        ):
            return GlossaryEntry(
                term, definition, tuple(a.strip() for a in aliases if a.strip()), cites
            )
        return None

    def read_link(self, node: YamlMap) -> Link | None:
        self.check_keys(node, LINK_KEYS, "a link")
        kind = self.text(node, "kind") or "related"
        if kind not in LINK_KINDS:
            self.error(
                node.line_of("kind"),
                f"link kind '{kind}' is unknown: {nearest_hint(kind, tuple(LINK_KINDS))}",
            )
            return None
        source = self.resolve(node.get("from"), node.line_of("from"), "a link's 'from'")
        target = self.resolve(node.get("to"), node.line_of("to"), "a link's 'to'")
        if not source or not target:
            return None
        if source.split(":")[0] == target.split(":")[0]:
            self.error(
                node.line,
                f"link from {source} to {target} stays within one document: "
                "links join different sources",
            )
            return None
        pair = " ".join(sorted((source, target)))
        if not self.first_time(
            "link", pair, node.line, f"link between {source} and {target} is listed twice"
        ):
            return None
        note = self.text(node, "note")
        reasons = (note,) if note else (LINK_KINDS[kind].label,)
        return Link(source, target, kind, 1.0, reasons, curated=True)


class _Loaded(NamedTuple):
    """One document file read: the document, or None and the errors that stopped it."""

    document: Document | None
    problems: list[Problem]
    """The document's warnings, or the errors that stopped it."""
    folded: list[str]
    """Each passage's text folded for matching quotes (`fold_for_match`)."""
    digest: str = ""
    """`cache.digest` of the file's bytes."""


def _load_documents(paths: list[Path]) -> list[_Loaded]:
    """Every document file, in order: from the cache where it has their passages, the rest
    parsed in forked workers when there are many (`PARALLEL_DOCUMENTS`)."""
    # The collector paused: the passages all live on, and in a forked worker each
    # collection would also copy the pages of every object it visits (~2,300 pages).
    with derived.building():
        loaded: list[_Loaded] = []
        fresh: list[tuple[int, Path, bytes, str]] = []
        for position, path in enumerate(paths):
            try:
                data = read_file_bytes(path)
            except BriefingError as exc:
                loaded.append(_Loaded(None, exc.problems, []))
                continue
            digest = derived.digest(data)
            key = passages_key(path, digest)
            entry = derived.read_entry("passages", key)
            if entry is None:
                fresh.append((position, path, data, key))
                loaded.append(_Loaded(None, [], [], digest))  # a place held for the parse
            else:
                loaded.append(_parse(path, data, entry, key)._replace(digest=digest))
        for (position, *_), parsed in zip(fresh, _parse_fresh(fresh), strict=True):
            loaded[position] = parsed._replace(digest=loaded[position].digest)
    if fresh:
        # Reading an entry touched it: this briefing's passages are the newest of all.
        kept = max(PASSAGES_KEPT, len(paths) + PASSAGES_SLACK)
        derived.prune("passages", kept, fresh[-1][3], slack=PASSAGES_SLACK)
    return loaded


def _parse_fresh(fresh: list[tuple[int, Path, bytes, str]]) -> list[_Loaded]:
    if len(fresh) < PARALLEL_DOCUMENTS:
        return _parse_chunk(fresh, 0, len(fresh))
    from briefing.core.linking.parallel import in_chunks

    chunks = in_chunks(_parse_chunk, fresh, len(fresh), least=PARALLEL_DOCUMENTS)
    return [outcome for chunk in chunks for outcome in chunk]


def _parse_chunk(fresh: list[tuple[int, Path, bytes, str]], start: int, stop: int) -> list[_Loaded]:
    """Parse documents the cache does not have (in a worker, or here) and store their passages."""
    return [_parse(path, data, None, key) for _, path, data, key in fresh[start:stop]]


def _parse(path: Path, data: bytes, entry: Any, key: str) -> _Loaded:
    warnings: list[Problem] = []
    try:
        document = parse_document(path, data, 0, warnings, entry, key)
    except BriefingError as exc:
        # Returned, not raised: raised in a worker, it would end its whole chunk, and
        # every document's problems are reported, not only the first one's.
        return _Loaded(None, exc.problems, [])
    return _Loaded(document, warnings, [_folded(p.text) for p in document.passages])


def _folded(text: str) -> str:
    """`fold_for_match(text)`, or `text` itself when folding leaves it as it was (most
    passages): one string kept instead of two, and a worker sends it back once."""
    folded = fold_for_match(text)
    return text if folded == text else folded


def _word_index(texts: list[str]) -> dict[str, list[int]]:
    """Each whitespace-separated word → the positions of the texts holding it, ascending."""
    index: dict[str, list[int]] = {}
    for position, text in enumerate(texts):
        for word in set(text.split()):
            index.setdefault(word, []).append(position)
    return index
