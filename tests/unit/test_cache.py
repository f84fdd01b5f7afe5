"""The derived-data cache: a second load parses nothing, edits and damage are noticed."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from cache_damage import damage, entries, read_back

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


@pytest.mark.parametrize("harm", [b"", b"{not json", {"documents": 5}, b"\xff\xfe\x00"])
def test_a_corrupt_cache_entry_is_ignored_and_rebuilt(briefing_copy, harm):
    expected = load_briefing(briefing_copy)
    folder = cache.cache_dir()
    assert folder is not None
    found = entries(folder, "**/*")
    assert found
    for entry in found:
        damage(entry, harm)
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


# -- automatic links ------------------------------------------------------


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tiny two-source briefing (it links in milliseconds), with its own cache."""
    from tiny_briefing import write_briefing

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    return write_briefing(tmp_path / "tiny")


def linkings(monkeypatch: pytest.MonkeyPatch, *, fail: bool = False) -> list[str]:
    """Record every run of the linker; with `fail`, any run fails the test."""
    import briefing.core.linking.linker as linker

    calls: list[str] = []
    original = linker.compute_links

    def spy(briefing, **options):
        if fail:
            raise AssertionError("the linker ran although nothing changed")
        calls.append(briefing.title)
        return original(briefing, **options)

    monkeypatch.setattr(linker, "compute_links", spy)
    return calls


def test_a_second_open_neither_parses_nor_links(tiny, monkeypatch):
    from briefing.core.linking import auto_links

    first = auto_links(load_briefing(tiny))
    assert first, "the tiny briefing has automatic links to cache"
    parsed = parses(monkeypatch)
    linkings(monkeypatch, fail=True)
    again = auto_links(load_briefing(tiny))
    assert again == first
    assert parsed == []


def test_a_corrupt_links_entry_is_ignored_and_rebuilt(tiny, monkeypatch):
    from briefing.core.linking import auto_links

    expected = auto_links(load_briefing(tiny))
    folder = cache.cache_dir()
    assert folder is not None
    harms = [b"", b"[1, 2", {"passages": 5}, {"passages": -1, "source": [9]}]
    for harm in harms:
        for entry in entries(folder / "links"):
            damage(entry, harm)
        calls = linkings(monkeypatch)
        assert auto_links(load_briefing(tiny)) == expected
        assert len(calls) == 1
    linkings(monkeypatch, fail=True)
    assert auto_links(load_briefing(tiny)) == expected  # the rebuilt entry serves again


def test_an_entry_pointing_outside_the_briefing_is_rebuilt(tiny, monkeypatch):
    from briefing.core.linking import auto_links

    expected = auto_links(load_briefing(tiny))
    folder = cache.cache_dir()
    assert folder is not None
    (entry,) = entries(folder / "links")
    data = read_back(entry)
    data["target"][0] = data["passages"] + 3
    damage(entry, data)
    calls = linkings(monkeypatch)
    assert auto_links(load_briefing(tiny)) == expected
    assert len(calls) == 1


def test_an_entry_naming_reasons_it_does_not_hold_is_rebuilt(tiny, monkeypatch):
    from briefing.core.linking import auto_links

    expected = auto_links(load_briefing(tiny))
    folder = cache.cache_dir()
    assert folder is not None
    (entry,) = entries(folder / "links")
    data = read_back(entry)
    data["reasons"][0] = -1  # a position Python would read from the end
    damage(entry, data)
    calls = linkings(monkeypatch)
    assert auto_links(load_briefing(tiny)) == expected
    assert len(calls) == 1


def test_editing_a_document_relinks_and_resplits_only_that_document(tiny, monkeypatch):
    from briefing.core.linking import auto_links

    auto_links(load_briefing(tiny))
    beta = tiny / "docs" / "beta.md"
    beta.write_text(
        beta.read_text(encoding="utf-8") + "\nKim Jong Un met Vladimir Putin again.\n",
        encoding="utf-8",
    )
    parsed = parses(monkeypatch)
    calls = linkings(monkeypatch)
    edited = load_briefing(tiny)
    links = auto_links(edited)
    assert parsed == ["beta"]
    assert len(calls) == 1
    new = edited.document("beta").passages[-1].id
    assert any(new in (link.source, link.target) for link in links)


def test_an_edit_the_linker_does_not_read_keeps_the_links(tiny, monkeypatch):
    from briefing.core.linking import auto_links

    expected = auto_links(load_briefing(tiny))
    yaml_file = tiny / "briefing.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(text.replace("Alpha says 11 million.", "Alpha counts more."), "utf-8")
    linkings(monkeypatch, fail=True)
    edited = load_briefing(tiny)
    assert edited.annotations[0].text == "Alpha counts more."
    assert auto_links(edited) == expected


def test_a_changed_linker_never_serves_old_links(tiny, monkeypatch):
    from briefing.core.linking import auto_links, derived

    auto_links(load_briefing(tiny))
    monkeypatch.setattr(derived, "_fingerprint", "a newer linker")
    calls = linkings(monkeypatch)
    auto_links(load_briefing(tiny))
    assert len(calls) == 1


def test_cache_off_writes_nothing_and_still_links(tiny, monkeypatch, tmp_path):
    from briefing.core.linking import auto_links

    monkeypatch.setenv("BRIEFING_CACHE_DIR", "off")
    calls = linkings(monkeypatch)
    first = auto_links(load_briefing(tiny))
    second = auto_links(load_briefing(tiny))
    assert first == second and first
    assert len(calls) == 2
    assert not (tmp_path / "cache").exists()


def test_one_briefing_object_is_linked_once_per_process(tiny, monkeypatch):
    from briefing.core.linking import all_links, auto_links

    monkeypatch.setenv("BRIEFING_CACHE_DIR", "off")
    calls = linkings(monkeypatch)
    briefing = load_briefing(tiny)
    assert all_links(briefing) == (*briefing.links, *auto_links(briefing))
    assert len(calls) == 1


def test_old_versions_of_a_briefing_are_pruned(briefing_copy, monkeypatch):
    import briefing.core.loader as loader

    monkeypatch.setattr(loader, "BRIEFINGS_KEPT", 2)
    yaml_file = briefing_copy / "briefing.yaml"
    original = yaml_file.read_text(encoding="utf-8")
    for number in range(4):  # as a desk adding an article a day edits the YAML
        yaml_file.write_text(original + f"\n# edition {number}\n", encoding="utf-8")
        load_briefing(briefing_copy)
    folder = cache.cache_dir()
    assert folder is not None
    assert len(entries(folder / "briefing")) == 2
    monkeypatch.setattr(loader, "inspect_briefing", None)  # resolving afresh would fail
    assert load_briefing(briefing_copy).title  # the newest survived, and is read back


def test_old_versions_of_a_documents_passages_are_pruned(briefing_copy, monkeypatch):
    import briefing.core.resolve as resolve

    monkeypatch.setattr(resolve, "PASSAGES_KEPT", 2)  # fewer than the briefing's documents
    monkeypatch.setattr(resolve, "PASSAGES_SLACK", 0)
    documents = len(list((briefing_copy / "docs").glob("*.md")))
    doc = briefing_copy / "docs" / "teneo.md"
    original = doc.read_text(encoding="utf-8")
    for number in range(3):  # each edit leaves the last version's passages behind
        doc.write_text(original + f"\nClosing paragraph {number}.\n", encoding="utf-8")
        load_briefing(briefing_copy)
    folder = cache.cache_dir()
    assert folder is not None
    assert len(entries(folder / "passages")) == documents  # the versions in use, no fewer
    calls = parses(monkeypatch)
    yaml_file = briefing_copy / "briefing.yaml"  # resolved afresh, documents and all
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
    assert load_briefing(briefing_copy).document("teneo").passages[-1].text == (
        "Closing paragraph 2."
    )
    assert calls == []


def test_pruning_past_its_count_leaves_room_for_the_next_writes(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    folder = tmp_path / "links"
    folder.mkdir()
    for number in range(10):  # oldest first
        entry = folder / f"{number:02}{cache.SUFFIX}"
        entry.write_text("[]")
        os.utime(entry, (1_000_000 + number, 1_000_000 + number))
    cache.prune("links", 5, "09", slack=2)
    assert [e.stem for e in entries(folder)] == ["07", "08", "09"]  # 5 kept, less 2
    (folder / f"10{cache.SUFFIX}").write_text("[]")
    cache.prune("links", 5, "10", slack=2)
    assert len(entries(folder)) == 4  # under the count: nothing goes


def test_entries_of_the_cache_format_before_go_at_the_next_pruning(briefing_copy):
    folder = cache.cache_dir()
    assert folder is not None
    (folder / "passages").mkdir(parents=True)
    old = folder / "passages" / "0123abcd.json"  # FORMAT 1: one JSON document, never read
    old.write_text("[]", encoding="utf-8")
    load_briefing(briefing_copy)
    assert not old.exists()
    assert entries(folder / "passages")


def test_pruning_keeps_the_briefing_read_last_not_the_one_written_last(
    briefing_copy, tmp_path, monkeypatch
):
    import briefing.core.loader as loader

    monkeypatch.setattr(loader, "BRIEFINGS_KEPT", 2)
    daily, other, third = briefing_copy, tmp_path / "other", tmp_path / "third"
    shutil.copytree(daily, other)
    shutil.copytree(daily, third)
    for folder in (daily, other):
        load_briefing(folder)
    cached = cache.cache_dir()
    assert cached is not None
    for entry in entries(cached / "briefing"):  # written an hour ago: file times are coarse
        os.utime(entry, (entry.stat().st_atime - 3600, entry.stat().st_mtime - 3600))
    load_briefing(daily)  # read again: the most recently used
    load_briefing(third)  # written last; one of the other two must go
    monkeypatch.setattr(loader, "inspect_briefing", None)  # resolving afresh would fail
    assert load_briefing(daily).title
    with pytest.raises(TypeError):
        load_briefing(other)  # it went: loading it would resolve afresh


def test_old_link_entries_are_pruned(tiny, monkeypatch):
    from briefing.core.linking import auto_links, derived

    monkeypatch.setattr(derived, "KEEP", 2)
    alpha = tiny / "docs" / "alpha.md"
    original = alpha.read_text(encoding="utf-8")
    for number in range(4):
        alpha.write_text(original + f"\nEdition {number} of the summit story.\n", "utf-8")
        auto_links(load_briefing(tiny))
    folder = cache.cache_dir()
    assert folder is not None
    assert len(entries(folder / "links")) == 2
    linkings(monkeypatch, fail=True)
    auto_links(load_briefing(tiny))  # the newest survived


# -- what the reader shows beside the links -------------------------------


@pytest.fixture
def unplaced(tiny: Path) -> Path:
    """The tiny briefing with one passage left out of its sections, so it gets a suggestion."""
    yaml_file = tiny / "briefing.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(
        text.replace('      - {doc: alpha, quote: "crab dumplings"}\n', ""), "utf-8"
    )
    return tiny


def analysings(monkeypatch: pytest.MonkeyPatch, *, fail: bool = False) -> list[str]:
    """Record every run of the analysis, wherever it is called from; with `fail`, fail on one."""
    import briefing.core.linking.analysis as analysis
    import briefing.core.linking.linker as linker
    import briefing.core.linking.sections as sections
    import briefing.tui.insight as insight

    calls: list[str] = []
    original = analysis.analyse

    def spy(briefing):
        if fail:
            raise AssertionError("the analysis ran although nothing changed")
        calls.append(briefing.title)
        return original(briefing)

    for module in (analysis, linker, sections, insight):
        monkeypatch.setattr(module, "analyse", spy)
    return calls


def test_a_second_reader_open_analyses_nothing(unplaced, monkeypatch):
    from briefing.tui.insight import build_insight

    first = build_insight(load_briefing(unplaced))
    assert first.suggestions["alpha:3"].section_id == "shells"
    assert first.timeline and first.names
    analysings(monkeypatch, fail=True)
    linkings(monkeypatch, fail=True)
    again = build_insight(load_briefing(unplaced))
    assert again == first


def test_a_first_reader_open_analyses_once(unplaced, monkeypatch):
    from briefing.tui.insight import build_insight

    calls = analysings(monkeypatch)
    build_insight(load_briefing(unplaced))
    # The linker, the timeline, the names and the suggestions share one analysis.
    assert len(calls) == 1


@pytest.mark.parametrize("kind", ["insight", "suggestions"])
@pytest.mark.parametrize(
    "harm",
    [
        b"",
        b"{not json",
        # Well-formed entries holding what no briefing gives:
        *map(
            json.loads,
            [
                '{"passages": 5}',
                '{"passages": 5, "passage": [-1], "section": ["shells"], "score": [1], "reasons": [[]]}',
                '{"passages": 5, "passage": [2], "section": ["gone"], "score": [1], "reasons": [[]]}',
                '{"passages": 5, "events": [[99, "x", "x", [1, 1, 1], null, false, []]], "names": []}',
                '{"passages": 5, "events": [], "names": [["k", "K", "name", ["K"], [1, 1, 2]]]}',
                '{"passages": 5, "events": [], "names": [["k", "K", "name", ["K"], [9, 1]]]}',
            ],
        ),
    ],
)
def test_a_corrupt_reader_entry_is_ignored_and_rebuilt(unplaced, monkeypatch, kind, harm):
    from briefing.tui.insight import build_insight

    expected = build_insight(load_briefing(unplaced))
    folder = cache.cache_dir()
    assert folder is not None
    (entry,) = entries(folder / kind)
    damage(entry, harm)
    calls = analysings(monkeypatch)
    assert build_insight(load_briefing(unplaced)) == expected
    assert len(calls) == 1
    analysings(monkeypatch, fail=True)
    assert build_insight(load_briefing(unplaced)) == expected  # the rebuilt entry serves again


def test_moving_a_passage_between_sections_suggests_afresh(unplaced):
    from briefing.tui.insight import build_insight

    assert "alpha:3" in build_insight(load_briefing(unplaced)).suggestions
    yaml_file = unplaced / "briefing.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    placed = '      - {doc: beta, quote: "10 million rounds"}\n'
    yaml_file.write_text(
        text.replace(placed, placed + '      - {doc: alpha, quote: "crab dumplings"}\n', 1),
        "utf-8",
    )
    assert build_insight(load_briefing(unplaced)).suggestions == {}


def test_an_entry_cut_short_at_a_line_is_rebuilt(tiny, monkeypatch):
    from briefing.core.linking import auto_links

    expected = auto_links(load_briefing(tiny))
    folder = cache.cache_dir()
    assert folder is not None
    (entry,) = entries(folder / "links")
    lines = entry.read_bytes().splitlines(keepends=True)
    assert len(lines) > 2
    damage(entry, b"".join(lines[:-1]))  # all but the end line: whole-looking JSON lines
    calls = linkings(monkeypatch)
    assert auto_links(load_briefing(tiny)) == expected
    assert len(calls) == 1


def test_a_long_list_is_read_back_from_short_lines(tmp_path, monkeypatch):
    # Each line is parsed holding the interpreter's lock, which the reader's keys wait for.
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    reasons = [[f"both: {n} " + "word " * 200] for n in range(2_000)]  # ~1 KB an item
    reasons[700] = ["same words: " + "long " * 20_000]  # one item longer than a line
    data = {"passages": 3, "reasons": reasons, "kinds": ["related"]}
    cache.write_entry("links", "key", data)
    assert cache.read_entry("links", "key") == data
    lines = (tmp_path / "links" / f"key{cache.SUFFIX}").read_text(encoding="utf-8").splitlines()
    longer = [line for line in lines if len(line) > cache.LINE_CHARACTERS]
    assert len(longer) == 1 and "long long" in longer[0]  # that item alone, on its line
    assert len(lines) > 2_000 * 1_000 // cache.LINE_CHARACTERS


@pytest.mark.parametrize(
    "lines",
    [
        ["5"],
        ["[]"],
        ['"end"'],
        ['["add", "x", [1]]', '["end"]'],  # a list added to before it is set
        ['["set", "x", 1]', '["add", "x", [1]]', '["end"]'],  # added to what is no list
        ['["unheard", "x", 1]', '["end"]'],
        ['["set", ["a"], 1]', '["end"]'],  # a field named by what cannot name one
        ["[" * 100_000 + "]" * 100_000, '["end"]'],  # deeper than the parser goes
    ],
)
def test_an_entry_of_lines_no_writer_makes_reads_as_missing(tmp_path, monkeypatch, lines):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / f"key{cache.SUFFIX}").write_text("\n".join(lines) + "\n", "utf-8")
    assert cache.read_entry("links", "key") is None
