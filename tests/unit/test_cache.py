"""The derived-data cache: a second load parses nothing, edits and damage are noticed."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from briefing.core import cache
from briefing.core.loader import load_briefing
from briefing.core.locate import bundled_briefing


@pytest.fixture
def briefing_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "briefing"
    shutil.copytree(bundled_briefing().parent, folder)
    return folder


def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every document body that gets split into passages."""
    import briefing.core.documents as documents

    calls: list[str] = []
    original = documents.split_passages

    def spy(body, doc_id, first_line=1):
        calls.append(doc_id)
        return original(body, doc_id, first_line)

    monkeypatch.setattr(documents, "split_passages", spy)
    return calls


def test_a_second_load_parses_nothing_and_gives_the_same_briefing(briefing_copy, monkeypatch):
    first = load_briefing(briefing_copy)
    calls = parses(monkeypatch)
    second = load_briefing(briefing_copy)
    assert calls == []
    assert second == first
    assert second.passages == first.passages


def test_editing_one_document_resplits_only_that_one(briefing_copy, monkeypatch):
    load_briefing(briefing_copy)
    doc = briefing_copy / "docs" / "teneo.md"
    doc.write_text(
        doc.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8"
    )
    calls = parses(monkeypatch)
    briefing = load_briefing(briefing_copy)
    assert calls == ["teneo"]
    assert briefing.document("teneo").passages[-1].text == "A new closing paragraph."


def test_an_edit_to_briefing_yaml_is_seen(briefing_copy):
    load_briefing(briefing_copy)
    yaml_file = briefing_copy / "briefing.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(text.replace('title: "', 'title: "Edited: ', 1), encoding="utf-8")
    assert load_briefing(briefing_copy).title.startswith("Edited: ")


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"documents": 5}', b"\xff\xfe\x00"])
def test_a_corrupt_cache_entry_is_ignored_and_rebuilt(briefing_copy, damage):
    expected = load_briefing(briefing_copy)
    folder = cache.cache_dir()
    assert folder is not None
    entries = list(folder.rglob("*.json"))
    assert entries
    for entry in entries:
        entry.write_bytes(damage)
    assert load_briefing(briefing_copy) == expected
    assert load_briefing(briefing_copy) == expected  # and the rebuilt entries are good


def test_an_unwritable_cache_folder_is_not_an_error(briefing_copy, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "cache"))
    assert load_briefing(briefing_copy).title


def test_errors_are_never_cached(briefing_copy):
    load_briefing(briefing_copy)
    yaml_file = briefing_copy / "briefing.yaml"
    yaml_file.write_text(
        yaml_file.read_text(encoding="utf-8") + "\nsecitons: []\n", encoding="utf-8"
    )
    from briefing.core.errors import BriefingError

    for _ in range(2):
        with pytest.raises(BriefingError, match="secitons"):
            load_briefing(briefing_copy)


def test_a_cached_load_imports_neither_yaml_nor_markdown(briefing_copy):
    import subprocess

    load_briefing(briefing_copy)
    code = (
        "import sys; from briefing.core.loader import load_briefing; "
        f"load_briefing({str(briefing_copy)!r}); "
        "print(sorted(m for m in ('yaml', 'markdown_it') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
