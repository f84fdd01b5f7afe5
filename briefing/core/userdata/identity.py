"""Which briefing a note belongs to: a stable name for the bundled one, a path for the rest."""

from __future__ import annotations

from pathlib import Path

from briefing.core.errors import BriefingError
from briefing.core.locate import BRIEFING_FILE, bundled_briefing
from briefing.core.model import Briefing

BUNDLED_IDENTITY = "bundled"


def briefing_identity(briefing: Briefing) -> str:
    """The key under which a briefing's notes, bookmarks and place are stored.

    - The bundled briefing is `"bundled"`: it moves with every install and upgrade
      (site-packages, a checkout, an editable install), and its notes must follow.
    - A user's briefing is the resolved path of its folder (`/home/ann/briefings/summit`),
      or of its file when that is not named `briefing.yaml`, so that two briefing files
      sharing a folder keep their notes apart.

    Why a path and not the title or a hash of the content: titles change and collide,
    and content changes are exactly what anchoring must survive. The cost is that a
    folder moved or renamed starts without notes; its old notes stay in the database
    under the old path.
    """
    return identity_of_file(briefing.file)


def identity_of_file(path: str | Path) -> str:
    """The identity of a briefing file (or its folder) without loading it."""
    file = Path(path).expanduser().resolve()
    if file.is_dir():
        file = file / BRIEFING_FILE
    try:
        if file == bundled_briefing().resolve():
            return BUNDLED_IDENTITY
    except BriefingError:
        pass  # no bundled briefing in this install: every briefing is a user's
    return str(file.parent if file.name == BRIEFING_FILE else file)
