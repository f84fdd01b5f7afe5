"""A tiny two-source briefing, written to a folder, shared by the core tests.

`write_briefing(root, yaml_text, docs)` writes `briefing.yaml` (dedented) and
`docs/<name>.md`; with no arguments it writes the complete example below, which
checks clean. `line_of` finds the line a test expects a problem on.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

ALPHA = """\
---
title: Alpha on the summit
publisher: Alpha Times
author: Ann Writer
date: 2023-09-19
---

Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on 13 September.

Russia fired 11 million shells in Ukraine last year.

The leaders dined on crab dumplings after the talks.
"""

BETA = """\
---
title: Beta explains
publisher: Beta Institute
---

The summit took place at a spaceport in the Russian Far East.

Estimates put Russian shell use at 10 million rounds in 2022.
"""

BRIEFING = """\
# A tiny briefing for tests.
title: Tiny summit briefing
description: Two sources on one meeting.

documents:
  - docs/alpha.md
  - docs/beta.md

sections:
  - id: meeting
    title: The meeting
    intro: Where and when the leaders met.
    passages:
      - {doc: alpha, quote: "Vostochny Cosmodrome"}
      - {doc: beta, quote: "spaceport in the Russian Far East"}
      - {doc: alpha, quote: "crab dumplings"}
    key_points:
      - text: The leaders met at a spaceport in the Far East.
        cite:
          - {doc: alpha, quote: "Vostochny Cosmodrome"}
          - {doc: beta, quote: "spaceport"}
  - id: shells
    title: Shells
    intro: How many shells Russia used.
    passages:
      - {doc: alpha, quote: "11 million shells"}
      - {doc: beta, quote: "10 million rounds"}
    key_points:
      - text: The sources differ on the number of shells.
        cite: [{doc: alpha, quote: "11 million"}, {doc: beta, quote: "10 million"}]

annotations:
  - passage: {doc: beta, quote: "10 million rounds"}
    kind: disagreement
    text: Alpha says 11 million.

glossary:
  - term: Vostochny
    definition: A Russian spaceport.

links:
  - from: {doc: alpha, quote: "11 million shells"}
    to: {doc: beta, quote: "10 million rounds"}
    kind: disagreement
    note: "shell figures differ"
"""

MakeBriefing = Callable[..., Path]


def write_briefing(
    root: Path, yaml_text: str | None = None, docs: dict[str, str] | None = None
) -> Path:
    """Write a briefing folder: `briefing.yaml` (dedented) and `docs/<name>.md`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    for name, text in (docs if docs is not None else {"alpha": ALPHA, "beta": BETA}).items():
        (root / "docs" / f"{name}.md").write_text(text, encoding="utf-8")
    text = BRIEFING if yaml_text is None else textwrap.dedent(yaml_text)
    (root / "briefing.yaml").write_text(text, encoding="utf-8")
    return root


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line of `text` that contains `needle`."""
    hits = [n for n, line in enumerate(text.split("\n"), 1) if needle in line]
    return hits[occurrence - 1]
