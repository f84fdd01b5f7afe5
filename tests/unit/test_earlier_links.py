"""While an edited briefing is relinked, the links of its unchanged passages are still known."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cache_damage import damage, entries

from briefing.core import cache
from briefing.core.linking import auto_links, derived
from briefing.core.loader import load_briefing
from briefing.core.model import Passage

SECOND = Path(__file__).resolve().parent.parent / "data" / "second_briefing"
EDITED = "voice:2"
"""The passage the edit changes: the one most linked."""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(SECOND, tmp_path / "second")
    return tmp_path / "second"


def edit_voice(folder: Path, old: str, new: str) -> None:
    doc = folder / "docs" / "voice.md"
    text = doc.read_text(encoding="utf-8")
    assert old in text
    doc.write_text(text.replace(old, new), encoding="utf-8")


def touches(link, pid: str) -> bool:
    return pid in (link.source, link.target)


def test_after_an_edit_the_links_of_unchanged_passages_are_offered(folder: Path) -> None:
    before = auto_links(load_briefing(folder))
    edit_voice(folder, "will cost £412 million", "will cost £415 million")
    edited = load_briefing(folder)
    assert not derived.links_ready(edited)
    earlier = derived.earlier_links(edited)
    assert any(touches(link, EDITED) for link in before)
    assert list(earlier) == [link for link in before if not touches(link, EDITED)]


def test_a_new_passage_has_no_earlier_links_and_the_rest_keep_theirs(folder: Path) -> None:
    before = auto_links(load_briefing(folder))
    edit_voice(folder, "We are not against trams.", "A new paragraph.\n\nWe are not against trams.")
    edited = load_briefing(folder)
    earlier = derived.earlier_links(edited)
    # The passages after the new one are numbered anew: their ids name other texts now.
    kept = [link for link in before if _before_the_new_one(link.source, link.target)]
    assert kept and len(kept) < len(before)
    assert list(earlier) == kept


def _before_the_new_one(*pids: str) -> bool:
    return all(not pid.startswith("voice:") or int(pid.split(":")[1]) < 4 for pid in pids)


def test_once_relinked_the_links_are_ready_and_remembered_anew(folder: Path) -> None:
    auto_links(load_briefing(folder))
    edit_voice(folder, "will cost £412 million", "will cost £415 million")
    edited = load_briefing(folder)
    after = auto_links(edited)
    assert derived.links_ready(edited)
    assert derived.earlier_links(load_briefing(folder)) == after


def test_a_briefing_never_linked_has_no_earlier_links(folder: Path) -> None:
    assert derived.earlier_links(load_briefing(folder)) == ()


def test_another_folder_never_lends_its_links(folder: Path, tmp_path: Path) -> None:
    auto_links(load_briefing(folder))
    twin = tmp_path / "twin"
    shutil.copytree(SECOND, twin)
    assert derived.earlier_links(load_briefing(twin)) == ()


@pytest.mark.parametrize("harm", [b"", b"[1, 2", {"links": 5}, {"ids": [1], "hashes": []}])
def test_a_damaged_record_offers_nothing(folder: Path, harm: bytes | dict[str, object]) -> None:
    auto_links(load_briefing(folder))
    folder_cache = cache.cache_dir()
    assert folder_cache is not None
    (record,) = entries(folder_cache / "earlier")
    damage(record, harm)
    edit_voice(folder, "will cost £412 million", "will cost £415 million")
    assert derived.earlier_links(load_briefing(folder)) == ()


def quote(passage: Passage) -> str:
    """Words of the passage a link in the YAML can name it by."""
    return passage.text.split(".")[0][:40].replace('"', "")


def test_a_pair_curated_since_is_not_offered_again(folder: Path) -> None:
    before = auto_links(load_briefing(folder))
    link = next(link for link in before if not touches(link, EDITED))
    source, target = (load_briefing(folder).passages[pid] for pid in (link.source, link.target))
    yaml_file = folder / "briefing.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    assert "\nlinks:\n" in text
    text = text.replace(
        "\nlinks:\n",
        "\nlinks:\n"
        f'  - from: {{doc: {source.doc}, quote: "{quote(source)}"}}\n'
        f'    to: {{doc: {target.doc}, quote: "{quote(target)}"}}\n'
        "    kind: related\n",
    )
    yaml_file.write_text(text, encoding="utf-8")
    edit_voice(folder, "will cost £412 million", "will cost £415 million")
    edited = load_briefing(folder)
    assert any({c.source, c.target} == {link.source, link.target} for c in edited.links)
    earlier = derived.earlier_links(edited)
    assert earlier
    assert all({e.source, e.target} != {link.source, link.target} for e in earlier)
