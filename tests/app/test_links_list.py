"""The links list (`L`), the marks list's counts and the sections pane's g/G, as a reader
meets them: keys pressed, what is shown and focused asserted."""

from __future__ import annotations

import re

from briefing.core.links_report import render_links_text, select_links
from briefing.core.model import Briefing
from briefing.tui.app import BriefingApp
from briefing.tui.history import View
from briefing.tui.widgets.sections_pane import SectionsPane

from .conftest import current, notes_text, passages, reader, settled, shown_lines

BUSY = "teneo:4"
"""A passage with links by the author and by the linker, the author's listed in the YAML
in another order than their sources come in the briefing."""
CITATION = re.compile(r"\[\d+ ¶\d+\]")


async def links_list_of(app: BriefingApp, pilot, passage: str = BUSY) -> list:
    """Open the links list of `passage`, once the linker is done; its entry blocks."""
    await settled(app, pilot)
    reader(app).go(View("section", reader(app).briefing.sections_of(passage)[0]), passage)
    await pilot.pause()
    await pilot.press("L")
    await pilot.pause()
    assert reader(app).history.current.view == View("links", passage)
    return [b for b in passages(app).blocks if b.kind == "entry"]


def cli_order(briefing: Briefing, passage: str) -> list[str]:
    """The citations `briefing links --passage` lists the passage's links by, in order."""
    links = select_links(briefing, passage_id=passage)
    text = render_links_text(briefing, links, width=200, passage_id=passage)
    return [
        CITATION.search(line).group()  # type: ignore[union-attr]
        for line in text.splitlines()
        if re.match(r"^  \S ", line)
    ]


async def test_a_heading_parts_the_authors_links_from_the_linkers(app: BriefingApp):
    async with app.run_test(size=(120, 40)) as pilot:
        entries = await links_list_of(app, pilot)
        links = reader(app).links_of(BUSY)
        curated = sum(link.curated for link in links)
        assert 0 < curated < len(links)
        blocks = passages(app).blocks
        first_suggested = blocks.index(entries[curated])
        heading = blocks[first_suggested - 1]
        assert heading.kind == "heading"
        assert heading.body.plain == f"Suggested ({len(links) - curated}) by the linker"
        assert blocks[1].body.plain == f"By the author ({curated})"
        assert blocks.index(entries[0]) == 2
        # The linker's rows are drawn as the notes pane draws its suggestions; the author's not.
        assert [e.suggested for e in entries] == [not link.curated for link in links]
        await pilot.press(*"j" * (curated - 1))
        await pilot.pause()
        assert any("Suggested (" in line for line in shown_lines(passages(app)))


async def test_each_row_shows_the_opening_lines_and_enter_opens_it_whole(app: BriefingApp):
    async with app.run_test(size=(80, 24)) as pilot:
        entries = await links_list_of(app, pilot)
        view = passages(app)
        layout = view._ensure_layout()
        b = reader(app).briefing
        cut = 0
        for block in entries:
            text = b.passages[block.passage_id].text
            opening = block.body.plain.split("\n")[0]
            if opening.endswith("…"):
                cut += 1
                assert " ".join(text.split()).startswith(opening[:-1].rstrip(",;:."))
            # The lines the opening is wrapped to (the reasons follow it).
            lines = layout.lines[view.blocks.index(block)]
            wrapped = [line for line in lines if line is not None and line[0] < len(opening)]
            assert len(wrapped) <= 3, f"{block.header.plain}: {len(wrapped)} lines at 80 columns"
        assert cut  # the long passages were cut, not shown whole
        # Two rows fit on a 24-row screen, where one whole passage filled it.
        shown = "\n".join(shown_lines(view))
        assert entries[0].header.plain in shown and entries[1].header.plain in shown
        await pilot.press("enter")
        await pilot.pause()
        assert current(app) == entries[0].passage_id
        focused = passages(app).block
        assert focused is not None and focused.body.plain == b.passages[focused.passage_id].text


async def test_the_list_the_notes_pane_and_the_cli_number_links_alike(app: BriefingApp):
    async with app.run_test(size=(120, 40)) as pilot:
        entries = await links_list_of(app, pilot)
        b = reader(app).briefing
        listed = [CITATION.search(e.header.plain).group() for e in entries]
        assert listed == cli_order(b, BUSY)
        await pilot.press("backspace")
        await pilot.pause()
        assert current(app) == BUSY
        pane = reader(app).query_one("#notes")
        numbered = [blk for blk in pane.blocks if blk.kind == "link"]
        assert [CITATION.search(blk.header.plain).group() for blk in numbered] == listed
        # And for every passage of the briefing, not only this one.
        for pid in b.passages:
            ours = [b.citation(link.other(pid)) for link in reader(app).links_of(pid)]
            assert ours == cli_order(b, pid), pid


async def test_beside_the_list_the_notes_pane_counts_the_rows_links_without_numbers(
    app: BriefingApp,
):
    """1-9 follow the list's rows: the notes pane numbers nothing that they do not follow."""
    async with app.run_test(size=(120, 40)) as pilot:
        entries = await links_list_of(app, pilot)
        pane = reader(app).query_one("#notes")
        await pilot.press("j")
        await pilot.pause()
        row = entries[1].passage_id
        own = reader(app).links_of(row)
        assert not [blk for blk in pane.blocks if blk.kind == "link"]
        said = notes_text(app)
        assert f"Its own links ({len(own)})" in said
        assert "Enter opens the passage, where 1-9 follow them" in said
        await pilot.press("2")  # the list's second row, as the footer and the lead say
        await pilot.pause()
        assert current(app) == row
        numbered = [blk for blk in pane.blocks if blk.kind == "link"]
        assert [blk.passage_id for blk in numbered] == [link.other(row) for link in own]


async def test_a_bookmark_in_the_marks_list_counts_links_as_everywhere(app: BriefingApp):
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        reader(app).go(View("section", reader(app).briefing.sections_of(BUSY)[0]), BUSY)
        await pilot.pause()
        await pilot.press("m")
        await settled(app, pilot)
        in_section = passages(app).block.header.plain
        assert "suggested" in in_section and "★" in in_section
        await pilot.press("apostrophe")
        await pilot.pause()
        assert reader(app).history.current.view.kind == "mine"
        bookmark = next(b for b in passages(app).blocks if b.passage_id == BUSY)
        assert bookmark.header.plain == in_section


async def test_g_and_G_in_the_sections_pane_go_to_its_first_and_last_rows(app: BriefingApp):
    async with app.run_test(size=(140, 40)) as pilot:
        await settled(app, pilot)
        b = reader(app).briefing
        reading = current(app)
        await pilot.press("tab")
        pane = reader(app).query_one(SectionsPane)
        assert app.focused is pane
        for last, first in (("G", "g"), ("end", "home")):
            await pilot.press(last)
            await pilot.pause()
            assert pane.current == len(pane.blocks) - 1  # the last source
            assert current(app) == reading  # the text behind stays put
            await pilot.press(first)
            await pilot.pause()
            assert pane.current == 0
        await pilot.press("G", "enter")
        await pilot.pause()
        assert reader(app).history.current.view == View("source", b.documents[-1].id)
