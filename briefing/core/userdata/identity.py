"""Which briefing a note belongs to: its `id:`, else a digest of its title and sources."""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from briefing.core.errors import BriefingError
from briefing.core.locate import BRIEFING_FILE, bundled_briefing
from briefing.core.model import Briefing

BUNDLED_IDENTITY = "bundled"
"""The key the bundled briefing's notes had before it carried an `id:`."""


def briefing_identity(briefing: Briefing) -> str:
    """The key under which a briefing's notes, bookmarks and place are stored.

    A briefing is copied, moved and renamed as a folder, so its key never depends on
    where it is:

    1. `id:<id>` from the `id:` line of briefing.yaml (`briefing init` writes one, the
       bundled briefing has one): stable under every edit and every move;
    2. else `digest:<hash>` of the title and the document ids: survives moving and
       editing the articles, not retitling it or changing its sources; the store
       follows such an edit made in place by the folder it last saw the briefing in
       (`UserStore` keeps that), and offers the notes of a briefing with the same
       sources when nothing matches;
    3. the folder's path only when there is neither title nor source to hash.
    """
    if briefing.id:
        return f"id:{briefing.id}"
    documents = sorted(d.id for d in briefing.documents)
    if not briefing.title and not documents:
        return path_identity(briefing.file)
    digest = hashlib.sha256("\n".join([briefing.title, *documents]).encode()).hexdigest()
    return f"digest:{digest[:20]}"


@functools.cache
def bundled_identity() -> str:
    """The bundled briefing's identity, read off its `id:` line without loading it: it
    names the bundled briefing's notes even after a reinstall has moved its folder."""
    try:
        text = bundled_briefing().read_text(encoding="utf-8")
    except (BriefingError, OSError):
        return BUNDLED_IDENTITY
    found = re.search(r"^id:[ \t]*[\"']?([\w-]+)", text, re.MULTILINE)
    return f"id:{found.group(1)}" if found else BUNDLED_IDENTITY


def legacy_identity(briefing: Briefing) -> str:
    """The key notes had before identities (the path, or "bundled"): moved over on open."""
    return path_identity(briefing.file)


def path_identity(path: str | Path) -> str:
    """A briefing file's folder (or the file, when not named briefing.yaml), or "bundled"."""
    file = Path(path).expanduser().resolve()
    if file.is_dir():
        file = file / BRIEFING_FILE
    try:
        if file == bundled_briefing().resolve():
            return BUNDLED_IDENTITY
    except BriefingError:
        pass  # no bundled briefing in this install: every briefing is a user's
    return str(file.parent if file.name == BRIEFING_FILE else file)


def briefing_location(briefing: Briefing) -> str:
    """Where the briefing is now, to tell the reader where other notes came from."""
    file = briefing.file.expanduser().resolve()
    return str(file.parent if file.name == BRIEFING_FILE else file)
