"""Documents parsed in forked workers give the very briefing, and the very errors, of a serial load."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

import briefing.core.linking.parallel as parallel
import briefing.core.resolve as resolve
from bench.synthetic import build
from briefing.core.errors import BriefingError
from briefing.core.loader import inspect_briefing, load_briefing

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="workers are forked on Linux"
)


def forked_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """From now on, parse in forked workers from two documents on; how many each forked
    parse had. (After `build`, which reads the bundled briefing.)"""
    monkeypatch.setattr(resolve, "PARALLEL_DOCUMENTS", 2)
    batches: list[int] = []
    forked = parallel._forked

    def spy(work, state, bounds, *rest):
        if work is resolve._parse_chunk:  # the linker's chunks are not parses
            batches.append(bounds[-1][1])
        return forked(work, state, bounds, *rest)

    monkeypatch.setattr(parallel, "_forked", spy)
    return batches


def cold(folder: Path, workers: int, cache: Path, monkeypatch: pytest.MonkeyPatch):
    """`load_briefing` with `workers` processes and the cache folder `cache`."""
    monkeypatch.setenv("BRIEFING_WORKERS", str(workers))
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(cache))
    # A thread left over by another test would make the load serial without a word.
    assert threading.active_count() == 1, threading.enumerate()
    return load_briefing(folder)


def test_a_briefing_parsed_in_workers_equals_the_serial_one(tmp_path, monkeypatch):
    folder = build(tmp_path / "six", 6)
    forks = forked_parses(monkeypatch)
    serial = cold(folder, 1, tmp_path / "serial-cache", monkeypatch)
    assert forks == []
    shared = cold(folder, 2, tmp_path / "shared-cache", monkeypatch)
    assert forks == [6]
    assert shared == serial
    assert shared.passages == serial.passages
    assert [d.number for d in shared.documents] == [1, 2, 3, 4, 5, 6]
    # The workers stored each document's passages for the next load.
    assert len(list((tmp_path / "shared-cache" / "passages").glob("*.jsonl"))) == 6


def test_only_the_documents_the_cache_lacks_go_to_the_workers(tmp_path, monkeypatch):
    folder = build(tmp_path / "six", 6)
    forks = forked_parses(monkeypatch)
    cache = tmp_path / "cache"
    cold(folder, 1, cache, monkeypatch)
    for name in ("doc-0002", "doc-0004", "doc-0005"):
        doc = folder.parent / "docs" / f"{name}.md"
        doc.write_text(doc.read_text(encoding="utf-8") + "\nA closing line.\n", encoding="utf-8")
    edited = cold(folder, 2, cache, monkeypatch)
    assert forks == [3]
    assert edited == cold(folder, 1, tmp_path / "fresh-cache", monkeypatch)
    assert edited.document("doc-0004").passages[-1].text == "A closing line."


def test_a_bad_document_in_a_worker_gives_the_serial_errors(tmp_path, monkeypatch):
    folder = build(tmp_path / "six", 6)
    forks = forked_parses(monkeypatch)
    docs = folder.parent / "docs"
    (docs / "doc-0003.md").write_bytes(b"---\ntitle: T\n---\n\nCaf\xe9 society.\n")
    front = (docs / "doc-0005.md").read_text(encoding="utf-8")
    (docs / "doc-0005.md").write_text(front.replace("---\n", "---\nsauce: x\n", 1))

    def errors(workers: int, cache: str) -> list[str]:
        with pytest.raises(BriefingError) as caught:
            cold(folder, workers, tmp_path / cache, monkeypatch)
        return [p.format() for p in caught.value.problems]

    serial = errors(1, "serial-cache")
    assert forks == []
    assert errors(2, "shared-cache") == serial
    assert forks == [6]
    assert "doc-0003.md:5: error: not UTF-8 text (byte 0xe9)" in serial[0]
    assert "doc-0005.md:2: error: unknown key 'sauce'" in serial[1]
    # `briefing check` reads through the same path, warnings and all.
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "check-cache"))
    _, problems = inspect_briefing(folder)
    assert forks == [6, 6]
    assert [p.format() for p in problems if p.severity == "error"] == serial
