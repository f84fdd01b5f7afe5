"""`briefing init`: the starting files of a new briefing."""

from __future__ import annotations

import errno
import uuid
from pathlib import Path

import yaml

from briefing.core.atomic import write_atomic
from briefing.core.errors import BriefingError, display_path
from briefing.core.locate import BRIEFING_FILE

DEFAULT_SECTIONS = (
    ("takeaways", "Takeaways"),
    ("history", "History"),
    ("analysis", "Analysis"),
    ("outlook", "Outlook"),
)

_TEMPLATE = """\
# A briefing: several articles about one event, arranged for reading.
# Add articles with:  briefing import article.txt --into {folder}
# Check your work:    briefing check {folder}
# Read it:            briefing open {folder}
#
# A passage is referred to by its document id and a few exact words from it:
#   {{doc: my-article, quote: "exact words from the paragraph"}}

# id: keeps your own notes with this briefing when the folder is moved or copied.
id: {ident}
title: {title}

documents: []

# Give each section a title and intro in your own words: until it lists passages,
# `briefing check {folder} --suggest` offers it the passages that share those words.
sections:
{sections}
annotations: []
#  - passage: {{doc: my-article, quote: "exact words"}}
#    kind: context      # context | person | place | organisation | term | disagreement | caveat
#    text: What the reader should know here.

glossary: []
#  - term: Example
#    definition: What it means, as the sources say.
#    cite: [{{doc: my-article, quote: "exact words"}}]

links: []
#  - from: {{doc: my-article, quote: "exact words"}}
#    to: {{doc: other-article, quote: "other words"}}
#    kind: same-event   # same-event | same-figure | agreement | disagreement | background | related
#    note: Why a reader should follow it.
"""


def init_briefing(folder: Path, title: str | None, *, force: bool = False) -> Path:
    """Create `folder/briefing.yaml` and `folder/docs/`; refuse to overwrite."""
    target = folder / BRIEFING_FILE
    if target.exists() and not force:
        raise BriefingError.at(
            target, 0, "already exists: this folder holds a briefing (add --force to start over)"
        )
    if folder.exists() and not folder.is_dir():
        raise BriefingError.at(folder, 0, "is a file, not a folder")
    name = (
        title
        or folder.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize()
        or "New briefing"
    )
    sections = "".join(
        f'  - id: {ident}\n    title: {label}\n    intro: ""\n    passages: []\n'
        for ident, label in DEFAULT_SECTIONS
    )
    text = _TEMPLATE.format(
        folder=_shell_word(str(folder)),
        ident=uuid.uuid4().hex[:16],
        title=_yaml_scalar(name),
        sections=sections,
    )
    try:
        (folder / "docs").mkdir(parents=True, exist_ok=True)
        write_atomic(target, text)
    except OSError as exc:
        raise BriefingError.at(folder, 0, _cannot_create(folder, exc)) from None
    return target


def _cannot_create(folder: Path, exc: OSError) -> str:
    """Why the folder or its files could not be made, in words, and what to do instead."""
    if exc.errno == errno.ENOTDIR:
        file = next((p for p in folder.parents if p.exists() and not p.is_dir()), None)
        if file is not None:
            return (
                f"cannot create the briefing here: {display_path(file)} is a file, "
                "not a folder; choose another folder"
            )
    if exc.errno == errno.ENOENT:  # every parent folder exists: this one refuses new ones
        parent = next((p for p in folder.absolute().parents if p.is_dir()), None)
        if parent is not None:
            return (
                f"cannot create the briefing here: {display_path(parent)} takes no new "
                "folders; choose a folder you can write to"
            )
    reason = (exc.strerror or str(exc)).lower()
    return f"cannot create the briefing here ({reason}): choose a folder you can write to"


def _yaml_scalar(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def _shell_word(value: str) -> str:
    return value if all(c.isalnum() or c in "./_-" for c in value) else f"'{value}'"
