"""The code knows no topic: nothing of the bundled briefing is named in `briefing/`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.core.linking import analyse
from briefing.core.loader import load_briefing
from briefing.core.locate import bundled_briefing

PACKAGE = Path(__file__).resolve().parents[2] / "briefing"
SOURCES = sorted(p for p in PACKAGE.rglob("*") if p.suffix in {".py", ".tcss"})


def bundled_names() -> list[str]:
    """Publishers, authors, glossary terms and every name the linker finds in the articles."""
    briefing = load_briefing(bundled_briefing())
    names = {d.publisher for d in briefing.documents} | {d.author for d in briefing.documents}
    names |= {entry.term for entry in briefing.glossary}
    for entity in analyse(briefing).entities.values():
        forms = {entity.name, *entity.variants}
        # A one-word name of no known kind ('Figure', 'Republic') is often a plain word.
        names |= forms if entity.kind != "name" else {f for f in forms if " " in f}
    # Short forms ('Kim') would also match parts of unrelated names.
    return sorted(n for n in names if len(n) >= 4 and n[0].isupper())


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_source_names_the_bundled_briefing(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    named = [n for n in NAMES if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
    assert named == [], f"{source.name} names the bundled briefing's {named}"


NAMES = bundled_names()


def test_the_guard_sees_the_bundled_names() -> None:
    assert len(NAMES) > 40
    assert "The Diplomat" in NAMES


def bundled_short_forms() -> list[str]:
    """Passage ids' document parts (`asianage:`) and the one-word forms the articles use for
    their people ('Kim', 'Putin'): too short for the guard above, yet each names the topic."""
    briefing = load_briefing(bundled_briefing())
    forms = {f"{d.id}:" for d in briefing.documents}
    for entity in analyse(briefing).entities.values():
        if entity.kind == "person":
            forms |= {v for v in (entity.name, *entity.variants) if " " not in v and len(v) >= 3}
    return sorted(forms)


SHORT_FORMS = bundled_short_forms()


def _whole(form: str) -> str:
    """`Kim` as a word (not in 'Kimberley'); `asianage:` wherever a passage id starts."""
    end = "" if form.endswith(":") else r"(?![\w-])"
    return rf"(?<![\w-]){re.escape(form)}{end}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_source_names_a_bundled_person_or_document_by_a_short_form(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    named = [n for n in SHORT_FORMS if re.search(_whole(n), text)]
    assert named == [], f"{source.name} names the bundled briefing's {named}"


def test_the_short_form_guard_sees_people_and_documents() -> None:
    assert {"Kim", "Putin", "asianage:"} <= set(SHORT_FORMS)
