"""Synthetic briefings of N documents, recombined from the bundled articles, for scaling runs.

`build(root, documents)` writes `briefing.yaml` and `docs/*.md` under `root`:
each document has ~30 passages of 2–4 sentences drawn from the bundled
passages, with names and numbers varied. Documents come in stories of five
that share one set of invented names (so there is something real to link),
and the YAML's sections, annotations and links grow with N. With `long`, the
first document has that many passages and a first section shows them all:
the case of one very large source or section.

    python -m bench.synthetic DIR --documents 100 [--long 2000]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from briefing.core.linking import analyse
from briefing.core.loader import load_briefing
from briefing.core.text import fold_for_match

STORY = 5
"""Documents per story: they share invented names, as sources on one event do."""
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'])")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ven",
    "tor",
    "sel",
    "an",
    "dri",
    "ko",
    "mas",
    "ul",
    "pe",
    "ri",
    "zan",
    "bo",
    "the",
    "lin",
    "gar",
    "su",
    "vo",
    "nel",
    "ith",
    "mar",
]


def _name(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(words)
    )


def _source_material() -> tuple[list[list[str]], list[str]]:
    """Sentences of each bundled passage, and the names found in them (longest first)."""
    briefing = load_briefing()
    passages = [_SENTENCE.split(p.text.replace("\n", " ")) for p in briefing.passages.values()]
    analysis = analyse(briefing)
    names = {v for e in analysis.entities.values() for v in e.variants if len(v) > 2}
    return passages, sorted(names, key=lambda n: (-len(n), n))


def build(root: Path, documents: int, *, passages: int = 30, seed: int = 0, long: int = 0) -> Path:
    """Write a synthetic briefing of `documents` documents under `root`; return its YAML path."""
    rng = random.Random(seed)
    source, names = _source_material()
    docs_dir = root / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    name_pattern = re.compile("|".join(re.escape(n) for n in names))
    stories = (documents + STORY - 1) // STORY
    refs: list[list[tuple[str, str]]] = []
    for story in range(stories):
        story_rng = random.Random(seed * 7919 + story)
        mapping = {n: _name(story_rng, len(n.split())) for n in names}
        scale = story_rng.choice((0.5, 0.8, 1.0, 1.3, 2.0, 3.0))
        topics = story_rng.sample(range(len(source)), k=min(40, len(source)))
        for member in range(STORY):
            number = story * STORY + member
            if number >= documents:
                break
            doc_id = f"doc-{number + 1:04d}"
            body, doc_refs = [], []
            for index in range(long if long and number == 0 else passages):
                picks = [source[rng.choice(topics)] for _ in range(rng.randint(2, 4))]
                sentences = [rng.choice(p) for p in picks]
                text = " ".join(sentences)
                text = name_pattern.sub(lambda m, names=mapping: names[m.group()], text)
                text = _NUMBER.sub(lambda m, k=scale: _vary(m.group(), k, rng), text)
                text = f"{text} (Item {index + 1} of {doc_id}.)"
                body.append(text)
                if index < 3:
                    doc_refs.append((doc_id, f"Item {index + 1} of {doc_id}."))
            refs.append(doc_refs)
            month = 1 + number % 12
            front = (
                f"---\nid: {doc_id}\ntitle: Synthetic report {number + 1}\n"
                f"publisher: Outlet {number % 37 + 1}\nauthor: ''\n"
                f"date: '2023-{month:02d}-{1 + number % 28:02d}'\nkind: news\n---\n\n"
            )
            (docs_dir / f"{doc_id}.md").write_text(
                front + "\n\n".join(body) + "\n", encoding="utf-8"
            )
    (root / "briefing.yaml").write_text(_yaml(documents, refs, long), encoding="utf-8")
    return root / "briefing.yaml"


def _vary(number: str, scale: float, rng: random.Random) -> str:
    """Scale a number like 1,000 or 49.2 by the story's factor, keeping its look."""
    if re.fullmatch(r"(19|20)\d\d", number):
        return number  # a year: leave dates alone
    value = float(number.replace(",", "")) * scale * rng.choice((1.0, 1.0, 1.1))
    if "." in number:
        return f"{value:.1f}"
    return f"{round(value):,}" if "," in number else str(round(value))


def _ref(doc: str, quote: str) -> str:
    return f'{{doc: {doc}, quote: "{fold_for_match(quote)}"}}'


def _yaml(documents: int, refs: list[list[tuple[str, str]]], long: int = 0) -> str:
    lines = [
        f'title: "Synthetic briefing of {documents} documents"',
        "description: Generated by bench/synthetic.py for scaling runs.",
        "documents:",
        *(f"  - docs/doc-{n + 1:04d}.md" for n in range(documents)),
        "sections:",
    ]
    if long:
        lines += [
            "  - id: long-read",
            f'    title: "All {long} passages of one source"',
            "    passages:",
            *(f"      - {_ref('doc-0001', f'Item {i + 1} of doc-0001.')}" for i in range(long)),
        ]
    for story in range(0, len(refs), STORY):
        group = refs[story : story + STORY]
        lines += [
            f"  - id: story-{story // STORY + 1}",
            f'    title: "Story {story // STORY + 1}"',
            "    intro: What the sources of this story say.",
            "    passages:",
            *(f"      - {_ref(*doc_refs[0])}" for doc_refs in group),
            "    key_points:",
            "      - text: The sources report one event.",
            "        cite:",
            *(f"          - {_ref(*doc_refs[1])}" for doc_refs in group[:2]),
        ]
    lines.append("annotations:")
    for doc_refs in refs:
        lines += [f"  - passage: {_ref(*doc_refs[2])}", "    kind: context", "    text: A note."]
    lines.append("links:")
    for story in range(0, len(refs) - 1, STORY):
        first, second = refs[story][0], refs[min(story + 1, len(refs) - 1)][0]
        if first[0] != second[0]:
            lines += [f"  - from: {_ref(*first)}", f"    to: {_ref(*second)}", "    kind: related"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.synthetic", description=__doc__.split("\n")[0]
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--documents", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--long", type=int, default=0, help="passages of the first document")
    options = parser.parse_args(argv)
    print(build(options.folder, options.documents, seed=options.seed, long=options.long))
    return 0


if __name__ == "__main__":
    sys.exit(main())
