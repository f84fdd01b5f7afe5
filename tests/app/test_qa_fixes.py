"""Defects a reader met in a real terminal, each pinned by the keys that showed it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from briefing.core.loader import load_briefing
from briefing.core.model import Briefing, Link
from briefing.tui.app import BriefingApp
from briefing.tui.history import View

from .conftest import (
    current,
    line_of_block,
    notes_text,
    passages,
    reader,
    settled,
    shown_lines,
    toasts,
)

SECOND = Path(__file__).parents[1] / "data" / "second_briefing"


@pytest.fixture
def fresh_briefing(tmp_path: Path) -> Briefing:
    """The second briefing as just imported: its sections listed, none with a passage."""
    folder = tmp_path / "briefing"
    shutil.copytree(SECOND, folder)
    data = yaml.safe_load((folder / "briefing.yaml").read_text(encoding="utf-8"))
    for section in data["sections"]:
        section["passages"] = []
        section.pop("key_points", None)
    for field in ("annotations", "links"):
        data[field] = []
    (folder / "briefing.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return load_briefing(folder, use_cache=False)


def shown_view(app: BriefingApp) -> View:
    return reader(app).history.current.view


# -- 1. a freshly imported briefing ---------------------------------------------


async def test_a_briefing_with_only_empty_sections_opens_on_its_first_source(fresh_briefing):
    app = BriefingApp(fresh_briefing)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        assert shown_view(app) == View("source", fresh_briefing.documents[0].id)
        assert current(app) == fresh_briefing.documents[0].passages[0].id


async def test_an_empty_section_says_what_to_do_with_the_keys_as_bound(fresh_briefing):
    # A section is offered the passages that share its title's words: this one's, none.
    yaml_file = fresh_briefing.file
    data = yaml.safe_load(yaml_file.read_text(encoding="utf-8"))
    data["sections"][0].update(title="Miscellany", intro="")
    yaml_file.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    untitled = load_briefing(yaml_file.parent, use_cache=False)
    app = BriefingApp(untitled, keymap={"reader.coverage": "V"})
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        reader(app).go(View("section", untitled.sections[0].id))
        await pilot.pause()
        text = "\n".join(shown_lines(passages(app)))
        assert "No passages in this section yet · t shows the sources, V the coverage" in text


async def test_the_unplaced_row_of_coverage_opens_the_unplaced_passages(fresh_briefing):
    app = BriefingApp(fresh_briefing)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("C", "G")
        row = passages(app).block
        assert row is not None and row.body.plain.startswith("Unplaced")
        await pilot.press("enter")
        assert shown_view(app) == View("unplaced", "")
        entries = [b for b in passages(app).blocks if b.kind == "entry"]
        listed = [b.passage_id for b in entries]
        # The passages no section is offered either (by its passages or its title's words).
        offered = reader(app).insight.suggestions
        assert offered and listed
        assert listed == [pid for pid in fresh_briefing.passages if pid not in offered]
        counts = reader(app)._link_counts()
        assert any("suggested" in b.header.plain for b in entries if counts.get(b.passage_id))
        await pilot.press("j", "enter")
        assert shown_view(app) == View("source", fresh_briefing.passages[listed[1]].doc)
        assert current(app) == listed[1]


# -- 2. the notes pane: what is said of the passage first, links last ------------


async def test_the_notes_pane_says_notes_and_terms_before_the_links(app: BriefingApp):
    """asianage:1 has an annotation, glossary terms, curated and suggested links: at
    80x24 the briefing's note is on screen when the pane opens, not 8 presses of J down."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        reader(app).go(View("section", "takeaways"), "asianage:1")
        await pilot.press("i")
        await pilot.pause()
        pane = reader(app).query_one("#notes")
        headings = [b.body.plain for b in pane.blocks if b.kind == "heading"]
        order = [
            next(i for i, h in enumerate(headings) if h.startswith(w))
            for w in ("Notes", "Glossary", "Links", "Suggested")
        ]
        assert order == sorted(order)
        assert any(line.strip() == "Notes" for line in shown_lines(pane))
        numbers = [b.number for b in pane.blocks if b.kind == "link" and b.number]
        assert numbers[:9] == list(range(1, 10))
        first = next(b for b in pane.blocks if b.kind == "link")
        await pilot.press("1")
        assert current(app) == first.passage_id


# -- 3. dialogs are centred -----------------------------------------------------


@pytest.mark.parametrize(
    "keys",
    [("x", "escape"), ("x", "ctrl+s", "e", "ctrl+d"), ("x", "ctrl+s", "a", "y", "ctrl+s", "e")],
    ids=["unsaved", "delete", "which note"],
)
async def test_the_note_dialogs_are_centred_on_the_screen(app: BriefingApp, keys):
    """Esc on a changed note asks to save it; ctrl+d asks to delete it; e on a passage
    with two notes asks which: all centred."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("a", *keys)
        await settled(app, pilot)
        body = app.screen.query_one("#confirm-body").region
        left, right = body.x, 80 - body.right
        top, bottom = body.y, 24 - body.bottom
        assert abs(left - right) <= 1 and abs(top - bottom) <= 1, body


# -- 4. n and p from a source, a list view or search results ---------------------


async def test_n_and_p_from_a_source_step_through_the_sources(app: BriefingApp, bundled):
    docs = [d.id for d in bundled.documents]
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settled(app, pilot)
        reader(app).go(View("source", docs[1]))
        await pilot.press("n")
        assert shown_view(app) == View("source", docs[2])
        await pilot.press("p", "p")
        assert shown_view(app) == View("source", docs[0])
        await pilot.press("p")
        assert shown_view(app) == View("source", docs[0])
        assert "This is the first source" in await toasts(app, pilot)


@pytest.mark.parametrize("view_key", ["T", "P", "C"])
async def test_n_and_p_from_a_view_step_from_the_section_read_last(
    app: BriefingApp, bundled, view_key
):
    ids = [s.id for s in bundled.sections]
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("n", view_key)
        assert shown_view(app).kind != "section"
        await pilot.press("n")
        assert shown_view(app) == View("section", ids[2])
        await pilot.press(view_key, "p")
        assert shown_view(app) == View("section", ids[1])


async def test_p_from_search_results_steps_from_the_section_read_last(app: BriefingApp, bundled):
    """n steps through matches while a search is active; p is still the section before."""
    ids = [s.id for s in bundled.sections]
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("n", "n", "slash", *"shells", "enter")
        await settled(app, pilot)
        assert shown_view(app) == View("search", "shells")
        await pilot.press("p")
        assert shown_view(app) == View("section", ids[1])
        assert reader(app).searching  # the search lasts until Esc, as before


# -- 6. back to the very row of a list -------------------------------------------


async def test_back_to_the_timeline_lands_on_the_row_left_not_the_passage_first_row(
    app: BriefingApp,
):
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("T")
        view = passages(app)
        rows = [i for i, b in enumerate(view.blocks) if b.kind == "entry"]
        # A passage with two dates: two rows; the second one is where the reader stands.
        by_passage: dict[str, list[int]] = {}
        for i in rows:
            by_passage.setdefault(view.blocks[i].passage_id, []).append(i)
        twice = next(indexes for indexes in by_passage.values() if len(indexes) > 1)
        view.focus_passage(twice[1])
        await pilot.pause()
        await pilot.press("1")
        assert shown_view(app).kind != "timeline"
        await pilot.press("backspace")
        assert shown_view(app) == View("timeline", "")
        assert passages(app).current == twice[1]


# -- 7. where a jump lands ------------------------------------------------------


async def test_a_palette_jump_and_a_link_follow_land_the_target_near_the_top(
    app: BriefingApp, bundled
):
    takeaways = bundled.sections[0]
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        # The palette's passage hit, as its command runs it: far down the first section.
        target = takeaways.passages[-3]
        reader(app).go(reader(app).view_for(target), target)
        await pilot.pause()
        assert current(app) == target
        assert passages(app).focus_offset == 1
        await pilot.press("g")
        await pilot.pause()
        links = reader(app).links_here()
        await pilot.press("1")
        await pilot.pause()
        assert current(app) == links[0].other(takeaways.passages[0])
        assert passages(app).focus_offset in (1, None) or passages(app).scroll_y == 0


async def test_a_section_whose_first_passage_is_tall_opens_with_its_title_shown(
    app: BriefingApp, bundled
):
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        for section in bundled.sections:
            reader(app).go(View("section", section.id))
            await pilot.pause()
            assert shown_lines(passages(app))[0].strip() == section.title, section.id


# -- 8. wording -------------------------------------------------------------------


async def test_counts_agree_with_their_nouns_in_a_names_view(app: BriefingApp):
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        screen = reader(app)
        once = next(n for n in screen.insight.names.values() if n.mentions == 1)
        screen.go(View("name", once.key))
        await pilot.pause()
        lead = passages(app).blocks[0].body.plain
        assert "1 mention in 1 passage of 1 source" in lead


async def test_a_timeline_says_what_its_flag_means(app: BriefingApp):
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("T")
        lead = passages(app).blocks[0].body.plain
        # In the words of each flagged entry's own mark: '≠ another source differs'.
        assert "dates where another source differs" in lead and "dated otherwise" not in lead


async def test_a_name_with_long_source_labels_hangs_its_counts_under_it(app: BriefingApp):
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("P")
        names = [b for b in passages(app).blocks if b.kind == "entry"]
        assert names and all(b.indent == 2 for b in names)


# -- 9. the palette finds a passage by its id ------------------------------------


async def test_palette_finds_a_passage_by_its_id(app: BriefingApp, bundled):
    target = bundled.sections[0].passages[5]
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("ctrl+p", *target)
        await pilot.pause(0.3)  # the palette searches its providers in the background
        await pilot.press("enter")
        await pilot.pause()
        assert current(app) == target


# -- 10. links past 9 -------------------------------------------------------------


async def at_a_passage_of_many_links(app: BriefingApp, pilot) -> list[Link]:
    """Go to Asian Age ¶1, which has dozens of links; its links."""
    await settled(app, pilot)
    reader(app).go(View("section", "takeaways"), "asianage:1")
    await pilot.pause()
    links = reader(app).links_here()
    assert len(links) > 12
    return links


async def test_links_past_nine_are_listed_and_a_click_follows_one(app: BriefingApp):
    """Asian Age ¶1 has dozens of links: all listed, 1-9 keyed, the rest by a click."""
    async with app.run_test(size=(120, 40)) as pilot:
        links = await at_a_passage_of_many_links(app, pilot)
        pane = reader(app).query_one("#notes")
        listed = [b for b in pane.blocks if b.kind == "link"]
        assert [b.passage_id for b in listed] == [ln.other("asianage:1") for ln in links]
        assert not any("and " in b.body.plain and " more" in b.body.plain for b in pane.blocks)
        twelfth = listed[11]
        assert not twelfth.header.plain.startswith("12")
        index = pane.blocks.index(twelfth)
        pane.scroll_to(y=pane._ensure_layout().starts[index], animate=False, immediate=True)
        await pilot.pause()
        row = line_of_block(pane, lambda b: b is twelfth)
        await pilot.click(pane, offset=(4, row))
        await pilot.pause()
        assert current(app) == twelfth.passage_id


async def test_every_link_is_reached_by_keys_in_the_links_view(app: BriefingApp):
    """L lists every link of the passage, numbered as in the notes pane (which names the
    key past the ninth); Enter on the twelfth opens its passage, back returns."""
    async with app.run_test(size=(120, 40)) as pilot:
        links = await at_a_passage_of_many_links(app, pilot)
        hint = notes_text(app)
        assert f"{len(links) - 9} more: L lists every link" in hint
        await pilot.press("L")
        assert reader(app).history.current.view == View("links", "asianage:1")
        entries = [b for b in passages(app).blocks if b.kind == "entry"]
        assert [b.passage_id for b in entries] == [ln.other("asianage:1") for ln in links]
        assert entries[11].header.plain.startswith("12 ")
        await pilot.press("j", "3")  # a number follows that row, wherever the cursor is
        await pilot.pause()
        assert current(app) == links[2].other("asianage:1")
        await pilot.press("backspace")
        await pilot.pause()
        await pilot.press(*"j" * 10, "enter")
        await pilot.pause()
        assert current(app) == links[11].other("asianage:1")
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert current(app) == "asianage:1"


# -- 5. text cut with an ellipsis, never silently ----------------------------------


def header_row(view, block) -> int:
    """Index in `shown_lines(view)` of the block's header line."""
    return line_of_block(view, lambda b: b is block) - view.styles.padding.top


@pytest.fixture
def long_labels(tmp_path: Path) -> Briefing:
    """The second briefing with source labels as long as an imported file's name."""
    folder = tmp_path / "briefing"
    shutil.copytree(SECOND, folder)
    for doc in (folder / "docs").glob("*.md"):
        text = doc.read_text(encoding="utf-8")
        label = next(line for line in text.splitlines() if line.startswith("label:"))
        value = label.split(":", 1)[1].strip().lower().replace(" ", "-")
        long = f"label: {value}-adopts-budget-after-a-long-night"
        doc.write_text(text.replace(label, long, 1), "utf-8")
    return load_briefing(folder, use_cache=False)


async def test_a_link_header_too_wide_drops_the_relation_then_cuts_the_label_not_the_citation(
    long_labels,
):
    app = BriefingApp(long_labels)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("i")
        pane = reader(app).query_one("#notes")
        links = [b for b in pane.blocks if b.kind == "link"]
        assert links
        index = pane.blocks.index(links[0])
        pane.scroll_to(y=pane._ensure_layout().starts[index], animate=False, immediate=True)
        await pilot.pause()
        row = shown_lines(pane)[header_row(pane, links[0])].rstrip()
        citation = links[0].header.plain.split("  ")[0].rsplit(" ", 2)[-2:]
        relation = links[0].header.plain.rsplit("  ", 1)[1]
        assert "…" in row  # the label, cut only once the relation's words are gone
        assert relation not in row  # its symbol (≈, ≠, …) still says it
        assert row.rstrip().endswith(" ".join(citation))  # [n ¶m], whole


async def test_a_passage_header_too_wide_for_the_pane_cuts_its_label_first(long_labels):
    app = BriefingApp(long_labels)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("i")
        view = passages(app)
        row = shown_lines(view)[header_row(view, view.block)].rstrip()
        header = view.block.header.plain
        assert len(header) > view.text_width
        label, rest = header.strip().split("  ", 1)
        assert "…" in row and rest.split("  ")[0] in row  # the citation, whole
        assert label[:6] in row and label not in row
        assert "· " in header and "·" not in row  # the counts gave way before the label


async def test_the_note_editor_cuts_a_long_passage_with_an_ellipsis(app: BriefingApp, bundled):
    longest = max(bundled.sections[0].passages, key=lambda p: len(bundled.passages[p].text))
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        reader(app).go(View("section", bundled.sections[0].id), longest)
        await pilot.press("a")
        await pilot.pause()
        preview = app.screen.query_one("#note-passage")
        lines = [line.text.rstrip() for line in preview.render_lines(preview.region.reset_offset)]
        assert len(lines) == 4 and lines[-1].endswith("…"), lines


async def test_the_title_bar_cuts_a_long_query_with_an_ellipsis(app: BriefingApp):
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("slash", *("Kim Putin summit " * 5).strip(), "enter")
        await settled(app, pilot)
        bar = app.screen.query_one("TitleBar")
        line = bar.render_line(0).text.rstrip()
        assert line.endswith("…"), line


# -- 12. a footer that keeps its keys from move to move -----------------------------


@pytest.mark.parametrize("width", [100, 120])
async def test_the_footer_keeps_the_same_keys_when_back_becomes_possible(width: int):
    app = BriefingApp(load_briefing())
    async with app.run_test(size=(width, 30)) as pilot:
        await settled(app, pilot)
        bar = app.screen.query_one("KeyBar")
        before = bar.render_line(0).text.split()
        await pilot.press("n")
        await pilot.pause()
        after = bar.render_line(0).text.split()
        assert "Back" in after
        assert [w for w in after if w not in ("⌫", "Back")] == before


# -- sources of one publisher -------------------------------------------------------


async def test_sources_of_one_name_are_told_apart_by_their_numbers(tmp_path: Path):
    """Two articles of one publisher: the sources pane and the names view add each one's
    citation number to the name; a name no other source has stays as it is."""
    folder = tmp_path / "briefing"
    shutil.copytree(SECOND, folder)
    transit = folder / "docs" / "transit.md"
    transit.write_text(
        transit.read_text(encoding="utf-8").replace("label: Transit Weekly", "label: Herald"),
        "utf-8",
    )
    briefing = load_briefing(folder, use_cache=False)
    herald, transit_doc = briefing.document("herald"), briefing.document("transit")
    app = BriefingApp(briefing)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(app, pilot)
        rows = " ".join(shown_lines(reader(app).query_one("#sections")))
        assert f"Herald [{herald.number}]" in rows and f"Herald [{transit_doc.number}]" in rows
        assert "Council " in rows and "Council [" not in rows
        await pilot.press("P")
        await settled(app, pilot)
        counts = " ".join(b.body.plain for b in passages(app).blocks if b.kind == "entry")
        counts = counts.replace("\N{NO-BREAK SPACE}", " ")  # as it reads on screen
        assert "Herald [" in counts and "Council [" not in counts
