"""Damaging the cache's entries as a crash, a full disk or another version would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefing.core import cache


def entries(folder: Path, pattern: str = "*") -> list[Path]:
    """The entries under `folder` (a kind's folder, or the whole cache with `**/*`)."""
    return sorted(folder.glob(pattern + cache.SUFFIX))


def read_back(entry: Path) -> Any | None:
    """The entry as the cache reads it."""
    return cache.read_entry(entry.parent.name, entry.name.removesuffix(cache.SUFFIX))


def damage(entry: Path, harm: bytes | Any) -> None:
    """Bytes as they are (not JSON, cut short...); anything else as a well-formed entry
    holding it, so that what reads the entry back must see what is wrong with it."""
    if isinstance(harm, bytes):
        entry.write_bytes(harm)
    else:
        cache.write_entry(entry.parent.name, entry.name.removesuffix(cache.SUFFIX), harm)
