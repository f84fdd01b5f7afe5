"""Fixtures for the core tests: tiny briefings built in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_briefing import MakeBriefing, write_briefing


@pytest.fixture
def make_briefing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeBriefing:
    """A factory for briefing folders; the working directory is the folder itself."""
    monkeypatch.chdir(tmp_path)

    def make(yaml_text: str | None = None, docs: dict[str, str] | None = None) -> Path:
        return write_briefing(tmp_path, yaml_text, docs)

    return make
