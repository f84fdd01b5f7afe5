"""The footer shows the keys that matter now, the help scrolls like the reader."""

from __future__ import annotations

from briefing.core.model import Briefing
from briefing.tui.app import BriefingApp
from briefing.tui.screens.help import HelpScreen
from briefing.tui.widgets.key_bar import KeyBar

from .conftest import notes_text, passages, reader, settled, shown_lines


def footer(app: BriefingApp) -> str:
    return str(reader(app).query_one(KeyBar).render())


async def test_footer_offers_the_folded_panes_at_80x24(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        assert "t/i Panes" in footer(app)
        await pilot.press("1")  # with Back in it too, everything still fits
        assert "⌫ Back" in footer(app) and "t/i Panes" in footer(app)
        assert len(footer(app)) <= 80
        await pilot.press("i")
        assert "t/i" not in footer(app)


async def test_a_list_view_offers_1_9_only_while_the_notes_pane_shows_the_numbers(
    bundled: Briefing,
):
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("T", "j")  # an entry whose passage has links; the notes pane folded
        assert "1-9" not in footer(app)
        await pilot.press("i")
        await pilot.pause()
        assert "1-9 Link" in footer(app)


async def test_footer_of_a_wide_terminal_offers_notes_and_marks(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(app, pilot)
        for key in ("a Note", "m Bookmark", "' Marks"):
            assert key in footer(app)


async def test_footer_follows_the_focus_into_the_sections_pane(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(app, pilot)
        await pilot.press("tab")
        assert app.focused is reader(app).query_one("#sections")
        shown = footer(app)
        assert "⏎ Open" in shown and "Tab Text" in shown
        assert "1-9 Link" not in shown and "/ Search" not in shown
        await pilot.press("tab")
        assert app.focused is passages(app)
        assert "1-9 Link" in footer(app)


async def test_footer_of_the_marks_list_and_of_a_dialog(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(app, pilot)
        await pilot.press("m", "apostrophe")
        await settled(app, pilot)
        shown = footer(app)
        assert "⏎ Open" in shown and "Esc Back" in shown and "m Unmark" in shown
        assert "n Section" not in shown and "o Source" in shown
        under = reader(app).query_one(KeyBar)
        await pilot.press("question_mark")
        assert str(under.render()) == ""  # the reader's keys are not in force under the help
        assert "Esc Close" in str(app.screen.query_one(KeyBar).render())


async def test_footer_while_searching_says_n_steps_matches_and_esc_ends(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(app, pilot)
        await pilot.press("slash", *"shells", "enter")
        await settled(app, pilot)
        assert "n Match" in footer(app) and "Esc End search" in footer(app)
        await pilot.press("escape")
        assert "n Section" in footer(app) and "Esc" not in footer(app)


async def test_a_remapped_key_keeps_its_place_and_pair_in_the_footer(bundled: Briefing):
    app = BriefingApp(bundled, keymap={"reader.next-passage": "j,down,ctrl+n"})
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(app, pilot)
        assert footer(app).startswith("j/k Move")


async def test_help_scrolls_with_the_reader_keys_and_closes_with_q(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0
        await pilot.press("j")
        assert body.scroll_y == 1
        await pilot.press("G")
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        assert body.scroll_y == 0
        await pilot.press("ctrl+d")
        assert body.scroll_y > 1
        await pilot.press("ctrl+u")
        assert body.scroll_y == 0
        await pilot.press("space")
        assert body.scroll_y > 1
        await pilot.press("q")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_wraps_a_description_under_itself(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        lines = str(app.screen.query_one("#help-keys").render()).splitlines()
        row = next(i for i, line in enumerate(lines) if line.startswith("mouse"))
        column = lines[row].index("Click")
        assert lines[row + 1][:column].strip() == ""  # continued under "Click", not the key
        assert "Half a page down" in "\n".join(lines)


async def test_the_sections_pane_shows_the_cursor_and_the_section_being_read(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(app, pilot)
        await pilot.press("tab", "j")
        rows = shown_lines(reader(app).query_one("#sections"))
        reading = next(r for r in rows if bundled.sections[0].title[:15] in r)
        cursor = next(r for r in rows if bundled.sections[1].title[:15] in r)
        assert reading.startswith("▎")  # still marked as the one being read
        assert cursor.startswith("▌")


async def test_a_sections_pane_that_scrolls_keeps_each_row_and_its_counts_on_one_line(
    bundled: Briefing,
):
    """Too short a terminal for all the rows: the pane scrolls, and its scrollbar takes
    none of the room the rows need, '+n' suggested passages and all."""
    app = BriefingApp(bundled)
    async with app.run_test(size=(160, 10)) as pilot:
        await settled(app, pilot)
        pane = reader(app).query_one("#sections")
        assert pane.max_scroll_y > 0
        rows = [row.rstrip() for row in shown_lines(pane) if row.strip()]
        for section in bundled.sections[:2]:
            row = next(r for r in rows if section.title[:15] in r)
            assert row.split()[-1].split("+")[0] == str(len(section.passages))


async def test_the_notes_pane_describes_a_focused_name_or_section_row(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(app, pilot)
        await pilot.press("P")
        await settled(app, pilot)
        name = passages(app).block
        assert name is not None and name.opens is not None
        said = notes_text(app)
        assert "No passage here" not in said and "Mentions per source" in said
        await pilot.press("C")
        await settled(app, pilot)
        row = passages(app).block
        assert row is not None and row.opens is not None
        section = bundled.section(row.opens.key)
        assert section.title in notes_text(app)


async def test_the_palette_leaves_out_textuals_keys_and_maximize(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(160, 48)):
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Keys" not in titles and "Maximize" not in titles
        assert "Theme" in titles and "Quit" in titles


async def test_clicking_a_key_in_the_footer_presses_it(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        text = footer(app)
        await pilot.click(KeyBar, offset=(text.index("? Help") + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
