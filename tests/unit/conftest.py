"""Fixtures for the core tests: tiny briefings built in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_briefing import MakeBriefing, write_briefing

from briefing.core.userdata.paths import DATA_DIR_ENV


@pytest.fixture
def make_briefing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MakeBriefing:
    """A factory for briefing folders; the working directory is the folder itself."""
    monkeypatch.chdir(tmp_path)

    def make(yaml_text: str | None = None, docs: dict[str, str] | None = None) -> Path:
        return write_briefing(tmp_path, yaml_text, docs)

    return make


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The reader's own data (notes, bookmarks, places) in a folder of the test's own, never
    in the real home: the user-data tests take it for every test (`usefixtures`)."""
    folder = tmp_path / "data"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder
