"""Derived data kept between runs in the user's cache folder, keyed by hashes of the content.

A cache entry is only ever a shortcut: a missing, unreadable, corrupt or stale
entry is ignored and rebuilt, and a cache folder that cannot be written is
simply not used. Entries are JSON, never code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from briefing import __version__

FORMAT = 1
"""Bump when the shape of an entry or the way it is derived changes."""


def cache_dir() -> Path | None:
    """`$BRIEFING_CACHE_DIR`, else the platform's cache folder; None when set to `off`."""
    folder = os.environ.get("BRIEFING_CACHE_DIR")
    if folder:
        return None if folder == "off" else Path(folder)
    if sys.platform.startswith(("linux", "freebsd")):
        # The XDG rule, as platformdirs applies it there: importing platformdirs (which
        # brings tempfile) cost 5 to 7 ms of the 100 that `briefing summary` may take.
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        return Path(xdg if os.path.isabs(xdg) else os.path.expanduser("~/.cache"), "briefing")
    import platformdirs  # macOS and Windows have rules of their own

    return Path(platformdirs.user_cache_dir("briefing"))


def digest(*parts: bytes | str) -> str:
    """A key for content: the parts, the cache format and the program's version."""
    h = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def read_entry(kind: str, key: str) -> Any | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / kind / f"{key}.json", encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def has_entry(kind: str, key: str) -> bool:
    """Whether an entry is there (it may still turn out damaged when read)."""
    folder = cache_dir()
    return folder is not None and (folder / kind / f"{key}.json").is_file()


def write_entry(kind: str, key: str, data: Any) -> None:
    """Store an entry atomically; any failure only means there is no entry next time.

    Written to a temporary file and renamed over, but not flushed to disk: after a
    crash an entry may be empty or cut short, which reads as damaged and is rebuilt.
    Skipping the flush saved a second of the first open of 500 documents.
    """
    folder = cache_dir()
    if folder is None:
        return
    import tempfile

    with contextlib.suppress(OSError, ValueError, TypeError):
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        target = folder / kind
        target.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, target / f"{key}.json")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise


def prune(kind: str, keep: int, newest: str) -> None:
    """Delete all but the `keep` newest entries of a kind whose entries are large;
    `newest`, the key just written, always stays (file times can be coarse).

    Every edit to a briefing leaves its old entry behind; without this, the cache
    would grow by megabytes a day for a desk that keeps adding articles.
    """
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        entries = sorted(
            (entry.stat().st_mtime_ns, entry)
            for entry in (folder / kind).glob("*.json")
            if entry.stem != newest
        )
        for _, entry in entries[: max(0, len(entries) - (keep - 1))]:
            entry.unlink(missing_ok=True)


def building() -> contextlib.AbstractContextManager[None]:
    """While an entry becomes tens of thousands of objects, none of them garbage yet."""
    from briefing.core.collector import collector_paused

    return collector_paused()
