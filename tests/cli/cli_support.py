"""Helpers for the CLI tests: a clean environment, a tiny briefing, the raw seeds."""

from __future__ import annotations

import os
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

# Variables that would change what the CLI prints, or how it buffers its output.
LEAKY = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "PYTHONUNBUFFERED", "TERM")

Run = Callable[..., subprocess.CompletedProcess[str]]

SEEDS = Path(__file__).resolve().parents[2] / "content" / "docs"


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LEAKY}
    env.update(extra)
    return env


DOC = """\
---
title: {title}
publisher: {publisher}
---

{text}
"""


def write_tiny_briefing(folder: Path, briefing_yaml: str | None = None) -> Path:
    """A two-document briefing that checks clean (or with `briefing_yaml` instead)."""
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "one.md").write_text(
        DOC.format(title="One", publisher="First Post", text="The ferry sailed at dawn."),
        encoding="utf-8",
    )
    (folder / "docs" / "two.md").write_text(
        DOC.format(title="Two", publisher="Second Wire", text="At dawn the ferry left port."),
        encoding="utf-8",
    )
    text = (
        briefing_yaml
        or """\
        title: Ferry briefing
        documents: [docs/one.md, docs/two.md]
        sections:
          - id: departure
            title: Departure
            intro: When the ferry left.
            passages:
              - {doc: one, quote: "sailed at dawn"}
              - {doc: two, quote: "left port"}
            key_points:
              - text: The ferry left at dawn.
                cite: [{doc: one, quote: "dawn"}, {doc: two, quote: "dawn"}]
        """
    )
    (folder / "briefing.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder
