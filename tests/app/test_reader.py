"""The reader driven by real keys: what is focused and shown after each."""

from __future__ import annotations

from textual.widgets import Input

from briefing.core.model import Briefing
from briefing.tui.app import BriefingApp
from briefing.tui.screens.help import HelpScreen
from briefing.tui.widgets.notes_panel import NotesPanel

from .conftest import current, line_of_block, notes_text, passages, reader, shown_lines

SIZE = (120, 40)


def first_linked_passage(briefing: Briefing, section_index: int = 0) -> tuple[int, str]:
    """Position and id of the first passage of a section that has links."""
    section = briefing.sections[section_index]
    for position, pid in enumerate(section.passages):
        if briefing.links_for(pid):
            return position, pid
    raise AssertionError("the section has no linked passage")


async def test_opens_on_the_first_section_with_its_first_passage_focused(
    app: BriefingApp, bundled: Briefing
):
    async with app.run_test(size=SIZE):
        screen = reader(app)
        first = bundled.sections[0]
        assert screen.sub_title == first.title
        assert current(app) == first.passages[0]
        assert app.focused is passages(app)
        assert bundled.citation(first.passages[0]) in notes_text(app)


async def test_a_short_terminal_opens_with_the_first_passage_in_view_below_a_long_intro(
    bundled: Briefing,
):
    # The reading pane is laid out once it has a width, after the first place was chosen:
    # the focused passage must still be shown, scrolled past an intro that fills the pane.
    app = BriefingApp(bundled)
    async with app.run_test(size=(60, 12)):
        first = bundled.sections[0].passages[0]
        assert passages(app).scroll_y > 0  # the intro alone fills the pane
        lines = shown_lines(passages(app))
        assert any(line.startswith("▌") and bundled.citation(first) in line for line in lines)
        assert app.focused is passages(app)


async def test_j_and_k_move_between_passages_g_and_G_go_to_the_ends(
    app: BriefingApp, bundled: Briefing
):
    order = list(bundled.sections[0].passages)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert current(app) == order[1]
        await pilot.press("down", "down")
        assert current(app) == order[3]
        await pilot.press("k")
        assert current(app) == order[2]
        await pilot.press("G")
        assert current(app) == order[-1]
        await pilot.press("g")
        assert current(app) == order[0]


async def test_n_and_p_change_section(app: BriefingApp, bundled: Briefing):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert reader(app).sub_title == bundled.sections[1].title
        assert current(app) == bundled.sections[1].passages[0]
        await pilot.press("right_square_bracket")
        assert reader(app).sub_title == bundled.sections[2].title
        await pilot.press("p")
        assert reader(app).sub_title == bundled.sections[1].title


async def test_following_a_link_and_coming_back_restores_passage_and_scroll(
    app: BriefingApp, bundled: Briefing
):
    position, origin = first_linked_passage(bundled)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(position):
            await pilot.press("j")
        assert current(app) == origin
        scroll_before = passages(app).scroll_y
        target = bundled.links_for(origin)[0].other(origin)

        await pilot.press("1")
        assert current(app) == target

        await pilot.press("backspace")
        assert current(app) == origin
        assert passages(app).scroll_y == scroll_before

        await pilot.press("right")
        assert current(app) == target


async def test_every_link_of_a_passage_leads_to_its_target_and_back(
    app: BriefingApp, bundled: Briefing
):
    position, origin = first_linked_passage(bundled)
    links = bundled.links_for(origin)[:9]
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(position):
            await pilot.press("j")
        for number, link in enumerate(links, 1):
            await pilot.press(str(number))
            assert current(app) == link.other(origin)
            await pilot.press("backspace")
            assert current(app) == origin


async def test_open_in_source_shows_the_whole_document_and_back_returns(
    app: BriefingApp, bundled: Briefing
):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        passage = current(app)
        doc = bundled.passages[passage].doc
        await pilot.press("o")
        assert reader(app).sub_title == f"Source: {bundled.document(doc).short_name}"
        assert current(app) == passage
        assert passages(app).passage_ids == [p.id for p in bundled.document(doc).passages]
        await pilot.press("backspace")
        assert reader(app).sub_title == bundled.sections[0].title
        assert current(app) == passage


async def test_search_highlights_steps_and_leaves(app: BriefingApp, bundled: Briefing):
    expected = [pid for pid, p in bundled.passages.items() if "shells" in p.text.lower()]
    assert len(expected) >= 2
    async with app.run_test(size=SIZE) as pilot:
        start = current(app)
        await pilot.press("slash")
        assert app.focused is reader(app).query_one("#search", Input)
        await pilot.press(*"shells", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reader(app).sub_title == "Search: shells"
        assert passages(app).passage_ids == expected
        assert current(app) == expected[0]
        await pilot.press("n")
        assert current(app) == expected[1]
        await pilot.press("N")
        assert current(app) == expected[0]
        await pilot.press("escape")
        assert reader(app).sub_title == bundled.sections[0].title
        assert current(app) == start


async def test_n_steps_sections_again_after_leaving_search(app: BriefingApp, bundled: Briefing):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"shells", "enter")
        await app.workers.wait_for_complete()
        await pilot.press("escape", "n")
        assert reader(app).sub_title == bundled.sections[1].title


async def test_escape_in_the_search_bar_cancels_without_searching(
    app: BriefingApp, bundled: Briefing
):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"shells", "escape")
        assert reader(app).sub_title == bundled.sections[0].title
        assert app.focused is passages(app)


async def test_help_lists_every_key(app: BriefingApp):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(line for line, _ in app.screen.rows) + "\n".join(
            d for _, d in app.screen.rows
        )
        for expected in (
            "Next passage",
            "Back to the place before",
            "Search all sources",
            "Show the passage inside its whole source",
            "Follow a link",
            "Quit",
        ):
            assert expected in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_the_palette_says_what_it_finds(app: BriefingApp):
    from textual.command import CommandInput, CommandPalette

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        prompt = app.screen.query_one(CommandInput).placeholder
        assert prompt == "Find a section, source, view, name, passage or term…"


async def test_palette_opens_a_section_by_name(app: BriefingApp, bundled: Briefing):
    last = bundled.sections[-1]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*f"Section: {last.title}")
        await pilot.pause(0.3)  # the palette searches its providers in the background
        await pilot.press("enter")
        await pilot.pause()
        assert reader(app).sub_title == last.title


async def test_palette_finds_a_passage_by_its_words(app: BriefingApp, bundled: Briefing):
    target = next(pid for pid, p in bundled.passages.items() if "crab dumplings" in p.text)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"crab dumplings")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert current(app) == target


async def test_narrow_terminal_folds_side_panes_and_keys_bring_them_back(app: BriefingApp):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = reader(app)
        assert not screen.query_one("#sections").display
        assert not screen.query_one("#notes").display
        await pilot.press("i")
        assert screen.query_one("#notes").display
        await pilot.press("i", "t")
        assert screen.query_one("#sections").display
        await pilot.press("t")
        assert not screen.query_one("#sections").display


async def test_wide_terminal_shows_both_panes(app: BriefingApp):
    async with app.run_test(size=(160, 48)):
        screen = reader(app)
        assert screen.query_one("#sections").display
        assert screen.query_one("#notes").display


async def test_resizing_keeps_the_focused_passage_in_view(app: BriefingApp):
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(5):
            await pilot.press("j")
        focused = current(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert current(app) == focused
        badge = app.briefing.citation(focused)
        assert any(badge in line for line in shown_lines(passages(app)))


async def test_space_pages_down_and_focuses_a_passage_in_view(app: BriefingApp):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        assert passages(app).scroll_y > 0
        badge = app.briefing.citation(current(app))
        assert any(badge in line for line in shown_lines(passages(app)))
        await pilot.press("b")
        assert passages(app).scroll_y == 0


async def test_clicking_a_section_opens_it(app: BriefingApp, bundled: Briefing):
    async with app.run_test(size=(160, 48)) as pilot:
        pane = reader(app).query_one("#sections")
        await pilot.click(pane, offset=(2, 2))  # second row: the second section
        await pilot.pause()
        assert reader(app).sub_title == bundled.sections[1].title
        assert app.focused is passages(app)


async def test_clicking_a_link_follows_it(app: BriefingApp, bundled: Briefing):
    position, origin = first_linked_passage(bundled)
    async with app.run_test(size=(160, 48)) as pilot:
        for _ in range(position):
            await pilot.press("j")
        notes = reader(app).query_one(NotesPanel)
        row = line_of_block(notes, lambda block: block.number == 1)
        await pilot.click(notes, offset=(4, row))
        await pilot.pause()
        assert current(app) == bundled.links_for(origin)[0].other(origin)


async def test_a_remapped_key_works_and_help_shows_it(bundled: Briefing):
    app = BriefingApp(bundled, keymap={"reader.next-passage": "x,down"})
    order = bundled.sections[0].passages
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        assert current(app) == order[1]
        await pilot.press("j")  # no longer bound
        assert current(app) == order[1]
        await pilot.press("question_mark")
        rows = dict((description, keys) for keys, description in app.screen.rows)
        assert rows["Next passage"].startswith("x")
