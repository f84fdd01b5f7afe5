"""Where the reader's own data lives: the per-user data directory, or BRIEFING_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "BRIEFING_DATA_DIR"
"""Set to a folder to keep user data there instead (tests, portable installs)."""

DATABASE_NAME = "notes.db"


def data_dir() -> Path:
    """`$BRIEFING_DATA_DIR` if set, else the platform's user data folder for `briefing`.

    Never the content folder: a briefing may be read-only, shared or under version
    control, and the reader's notes are theirs alone.
    """
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    # Deferred: only the reader and `briefing notes` need it, not every command.
    import platformdirs

    return Path(platformdirs.user_data_dir("briefing", appauthor=False))


def database_path(directory: Path | None = None) -> Path:
    return (directory if directory is not None else data_dir()) / DATABASE_NAME
