"""Derived data kept between runs in the user's cache folder, keyed by hashes of the content.

A cache entry is only ever a shortcut: a missing, unreadable, corrupt or stale
entry is ignored and rebuilt, and a cache folder that cannot be written is
simply not used. Entries are JSON lines, never code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from briefing import __version__

FORMAT = 2
"""Bump when the shape of an entry or the way it is derived changes."""

SUFFIX = ".jsonl"

LINE_CHARACTERS = 1 << 16
"""Most characters of JSON on one line made of a list field of a dict entry, unless one
item is longer. A line is parsed in one call that holds the interpreter's lock, about 1 ms
per 64 KB here: the reader reads its links and views back in a thread, and a key pressed
meanwhile waited for the whole entry, 100 ms of JSON at 500 documents. Other values go on
one line each: the resolved briefing and a document's passages are read before the reader
has a screen, when no key can wait for them."""

FIRST_PART = 256
"""Items of a list tried on one line, halved until they fit: a whole column of 64,000
links tried first, then its halves and so on, would be turned to JSON many times over."""


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
    """The entry, or None when it is missing, unreadable, damaged or cut short."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / kind / f"{key}{SUFFIX}"
    try:
        with open(path, encoding="utf-8") as handle, building():
            entry = _from_lines(handle)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None
    # Touched: `prune` then drops what was least recently used, not least recently written
    # (a briefing opened every day, but whose YAML another's edits outnumber, stays).
    with contextlib.suppress(OSError):
        os.utime(path)
    return entry


def has_entry(kind: str, key: str) -> bool:
    """Whether an entry is there (it may still turn out damaged when read)."""
    folder = cache_dir()
    return folder is not None and (folder / kind / f"{key}{SUFFIX}").is_file()


def _to_lines(data: Any) -> Iterator[str]:
    """An entry as JSON lines: `["set", field, value]` for each field of a dict, a long
    list spread over `["add", field, part]` lines; anything else as `["all", value]`;
    then `["end"]`, without which an entry cut short at a line's end would read as whole."""
    if isinstance(data, dict):
        for name, value in data.items():
            if isinstance(value, list) and value:
                yield _dumps(["set", name, []])
                for start in range(0, len(value), FIRST_PART):
                    yield from _parts(name, value, start, min(start + FIRST_PART, len(value)))
            else:
                yield _dumps(["set", name, value])
    else:
        yield _dumps(["all", data])
    yield _dumps(["end"])


def _parts(name: str, items: list[Any], start: int, stop: int) -> Iterator[str]:
    line = _dumps(["add", name, items[start:stop]])
    if len(line) <= LINE_CHARACTERS or stop - start == 1:
        yield line
    else:
        middle = (start + stop) // 2
        yield from _parts(name, items, start, middle)
        yield from _parts(name, items, middle, stop)


def _from_lines(lines: Iterable[str]) -> Any:
    entry: Any = {}
    for line in lines:
        record = json.loads(line)
        what = record[0]
        if what == "end":
            return entry
        if what == "set":
            entry[record[1]] = record[2]
        elif what == "add":
            entry[record[1]].extend(record[2])
        elif what == "all":
            entry = record[1]
        else:
            raise ValueError(f"not an entry's line: {what!r}")
    raise ValueError("cut short")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


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
        text = "\n".join(_to_lines(data)) + "\n"
        target = folder / kind
        target.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target, prefix=f".{key}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, target / f"{key}{SUFFIX}")
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise


def prune(kind: str, keep: int, newest: str, *, slack: int = 0) -> None:
    """Delete all but the `keep` newest entries of a kind, and its FORMAT 1 entries (`.json`
    files; later formats change the keys, not the suffix); `newest`, the key just written,
    always stays (file times can be coarse). Over `keep`, `slack` more go too, so that the
    next writes find room without reading every entry's time again.

    Every edit to a briefing leaves its old entry behind; without this, the cache
    would grow by megabytes a day for a desk that keeps adding articles.
    """
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        entries = []
        # Names first, times only when there are too many: a folder of 10,000 passages'
        # entries took 150 ms to stat, after every edit.
        with os.scandir(folder / kind) as found:
            for entry in found:
                if entry.name.endswith(SUFFIX):
                    if entry.name != newest + SUFFIX:
                        entries.append(entry)
                elif entry.name.endswith(".json"):  # FORMAT 1: never read again
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
        if len(entries) < keep:
            return
        entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
        for entry in entries[: len(entries) - (keep - 1) + slack]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)


def building() -> contextlib.AbstractContextManager[None]:
    """While an entry becomes tens of thousands of objects, none of them garbage yet."""
    from briefing.core.collector import collector_paused

    return collector_paused()
