"""A passage's header line in a pane too narrow for it: the counts give way, never ★ or ✎."""

from __future__ import annotations

import re

import pytest

from briefing.core.model import Briefing
from briefing.tui.app import BriefingApp
from briefing.tui.screens.note_editor import NoteEditor

from .conftest import current, line_of_block, passages, reader, settled, shown_lines


async def bookmark_and_note(app: BriefingApp, pilot) -> None:
    """`m` then a note on the current passage, as a reader would."""
    await pilot.press("m", "a")
    assert isinstance(app.screen, NoteEditor)
    await pilot.press(*"check", "ctrl+s")
    await settled(app, pilot)


def header_row(app: BriefingApp, pid: str) -> str:
    """The header line of the passage's block, as drawn (without the bar)."""
    view = passages(app)
    row = line_of_block(view, lambda b: b.passage_id == pid) - view.styles.padding.top
    assert 0 <= row < view.scrollable_content_region.height, "not on screen"
    return shown_lines(view)[row].strip(" ▌")


def assert_whole_where_it_matters(bundled: Briefing, pid: str, row: str) -> None:
    """The source's name, the citation, ★ and ✎ shown whole; nothing cut with "…"."""
    name = bundled.document(bundled.passages[pid].doc).short_name
    assert "…" not in row, row
    assert row.startswith(f"{name}  {bundled.citation(pid)}"), row
    assert row.endswith("★  ✎ 1"), row


async def test_with_the_sections_pane_shown_the_counts_shorten_and_the_marks_stay(
    app: BriefingApp, bundled: Briefing
):
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await bookmark_and_note(app, pilot)
        pid = current(app)
        header = passages(app).block.header.plain
        assert "suggested" in header and "★  ✎ 1" in header
        await pilot.press("t")
        row = header_row(app, pid)
        assert_whole_where_it_matters(bundled, pid, row)
        # Shortened (author's + linker's), not cut: `3+11 links`.
        assert "suggested" not in row and "+" in row and "links" in row, row


@pytest.mark.parametrize("view", ["section", "source", "search results"])
async def test_at_80x24_with_the_notes_pane_the_marks_are_never_cut(
    app: BriefingApp, bundled: Briefing, view: str
):
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await bookmark_and_note(app, pilot)
        pid = current(app)
        await pilot.press("i")
        if view == "source":
            await pilot.press("o")
        elif view == "search results":  # words of the passage: it is among the first found
            words = sorted(set(re.findall(r"[A-Za-z]{7,}", bundled.passages[pid].text)), key=len)
            await pilot.press("slash", *" ".join(words[-3:]), "enter")
        await settled(app, pilot)
        assert reader(app).history.current.view.kind == view.split()[0]
        assert_whole_where_it_matters(bundled, pid, header_row(app, pid))


def links_count(app: BriefingApp, bundled: Briefing, pid: str) -> str:
    """The links' short count as the header writes it: `3+11 links` (author's + linker's)."""
    authors = len(bundled.links_for(pid))
    linkers = len(reader(app).insight.links.get(pid, ()))
    assert authors and linkers and bundled.annotations_for(pid), "the test wants all three"
    return f"{authors}+{linkers} links"


@pytest.mark.parametrize(
    ("size", "marked"), [((80, 24), True), ((70, 24), False)], ids=["marked", "narrower"]
)
async def test_too_narrow_for_the_short_counts_the_notes_count_goes_and_the_links_stay(
    app: BriefingApp, bundled: Briefing, size: tuple[int, int], marked: bool
):
    async with app.run_test(size=size) as pilot:
        await settled(app, pilot)
        if marked:
            await bookmark_and_note(app, pilot)
        pid = current(app)
        await pilot.press("i")  # the notes pane beside the text
        await settled(app, pilot)
        row = header_row(app, pid)
        name = bundled.document(bundled.passages[pid].doc).short_name
        assert "note" not in row, row  # `1 note · 3+11 links` did not fit
        tail = "  ★  ✎ 1" if marked else ""
        assert row == f"{name}  {bundled.citation(pid)}  · {links_count(app, bundled, pid)}{tail}"


async def test_too_narrow_even_for_the_links_count_no_count_is_shown(
    app: BriefingApp, bundled: Briefing
):
    async with app.run_test(size=(60, 24)) as pilot:
        await settled(app, pilot)
        pid = current(app)
        await pilot.press("i")
        await settled(app, pilot)
        row = header_row(app, pid)
        name = bundled.document(bundled.passages[pid].doc).short_name
        assert len(f"{row}  · {links_count(app, bundled, pid)}") > passages(app).text_width
        assert row == f"{name}  {bundled.citation(pid)}", row  # the name and citation whole
