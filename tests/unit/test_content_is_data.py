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
