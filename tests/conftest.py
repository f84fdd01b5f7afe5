"""Every test runs with its own cache, data and config folders: nothing of the user's leaks in or out."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def isolated_user_folders(tmp_path_factory: pytest.TempPathFactory):
    folders = {
        "BRIEFING_CACHE_DIR": tmp_path_factory.mktemp("cache"),
        "BRIEFING_DATA_DIR": tmp_path_factory.mktemp("data"),
        "BRIEFING_CONFIG_DIR": tmp_path_factory.mktemp("config"),
    }
    saved = {name: os.environ.get(name) for name in folders}
    os.environ.update({name: str(path) for name, path in folders.items()})
    yield folders
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
