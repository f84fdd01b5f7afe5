"""Back, forward and reopening land with the focused passage on screen, whatever the width."""

from __future__ import annotations

from briefing.core.model import Briefing
from briefing.tui.app import BriefingApp
from briefing.tui.history import History, Place, View
from briefing.tui.widgets.notes_panel import NotesPanel

from .conftest import current, passages, reader, settled, shown_lines, toasts


def badge_shown(app: BriefingApp) -> bool:
    """Whether the focused passage's first line (badge and citation) is on screen."""
    pid = current(app)
    line = f"{app.briefing.citation(pid)}"
    return pid is not None and any(line in row and "▌" in row for row in shown_lines(passages(app)))


async def test_back_after_hiding_the_notes_pane_shows_the_focused_passage(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("i", "g", *"j" * 8)
        origin = current(app)
        assert bundled.links_for(origin) or reader(app).links_here()
        await pilot.press("1", "i", "backspace")
        await pilot.pause()
        assert current(app) == origin
        assert badge_shown(app)


async def test_back_after_a_resize_shows_the_focused_passage(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(app, pilot)
        await pilot.press(*"j" * 8)
        origin = current(app)
        await pilot.press("1")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("backspace")
        await pilot.pause()
        assert current(app) == origin
        assert badge_shown(app)


async def test_back_and_forward_keep_the_passage_where_it_was_on_screen(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press(*"j" * 6)
        row = passages(app).focus_offset
        await pilot.press("1", "backspace")
        assert passages(app).focus_offset == row


async def test_reopening_at_another_size_shows_the_saved_passage(bundled: Briefing):
    first = BriefingApp(bundled)
    async with first.run_test(size=(80, 24)) as pilot:
        await settled(first, pilot)
        await pilot.press("i", *"j" * 8)
        await pilot.pause(0.6)  # the place is saved half a second after the last move
        await settled(first, pilot)
        saved = current(first)
    again = BriefingApp(bundled)
    async with again.run_test(size=(80, 24)) as pilot:
        await settled(again, pilot)
        assert current(again) == saved
        assert badge_shown(again)


async def test_a_place_whose_passage_is_gone_shows_the_first_passage(bundled: Briefing):
    app = BriefingApp(bundled)
    section = bundled.sections[0]
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        screen = reader(app)
        screen.history = History.restore([Place(View("section", section.id), "gone", 400)], 0)
        screen._show(screen.history.current, restore_scroll=True)
        await pilot.pause()
        assert current(app) == section.passages[0]
        assert badge_shown(app)


async def test_notes_and_glossary_come_before_the_links_in_the_notes_pane(bundled: Briefing):
    """As DESIGN's sketch: source, notes, glossary, then the links (curated, suggested)."""
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("i")
        notes = reader(app).query_one(NotesPanel)
        for _ in bundled.sections[0].passages:
            kinds = [b.kind for b in notes.blocks]
            headings = [b.body.plain for b in notes.blocks if b.kind == "heading"]
            assert kinds[0] == "lead"
            first_link = next(
                (i for i, h in enumerate(headings) if h.startswith(("Links", "Suggested"))),
                len(headings),
            )
            assert all(
                i < first_link
                for i, h in enumerate(headings)
                if h.startswith(("Notes", "Your notes", "Glossary"))
            ), current(app)
            await pilot.press("j")


async def test_J_and_K_scroll_the_notes_pane(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        notes = reader(app).query_one(NotesPanel)
        await pilot.press("J")  # folded at 80x24: J brings the pane back
        assert notes.display
        while notes.max_scroll_y == 0:
            await pilot.press("j")
        await pilot.press("J")
        assert notes.scroll_y > 0
        await pilot.press("K")
        assert notes.scroll_y == 0


async def test_showing_one_side_pane_folds_the_other_when_narrow(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settled(app, pilot)
        screen = reader(app)
        await pilot.press("t", "i")
        assert screen.query_one("#notes").display
        assert not screen.query_one("#sections").display
        assert "Sections pane folded" in await toasts(app, pilot)
        assert passages(app).text_width >= 30  # not the 12 columns of both panes
        await pilot.press("t")
        assert not screen.query_one("#notes").display
        assert passages(app).text_width >= 30  # not the 12 columns of both panes


async def test_ctrl_d_u_f_b_scroll_half_and_whole_pages(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        view = passages(app)
        height = view.scrollable_content_region.height - 1
        await pilot.press("ctrl+d")
        assert view.scroll_y == height // 2
        assert badge_shown(app) or view.is_visible(view.current)
        await pilot.press("ctrl+f")
        assert view.scroll_y == height // 2 + height
        await pilot.press("ctrl+b", "ctrl+u")
        assert view.scroll_y == 0


async def test_a_wrapped_note_hangs_under_its_text_and_citations_stay_whole(bundled: Briefing):
    app = BriefingApp(bundled)
    cited = next(
        (pid, note)
        for pid in bundled.passages
        for note in bundled.annotations_for(pid)
        if note.cites
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        screen = reader(app)
        screen.go(screen.view_for(cited[0]), cited[0])
        await pilot.press("i")
        notes = screen.query_one(NotesPanel)
        text = [block for block in notes.blocks if block.kind == "note" and block.indent]
        assert text, "annotations hang under their label"
        index = notes.blocks.index(text[0])
        start, count = notes._ensure_layout().span(index)
        assert count > 1, "the note is long enough to wrap in the narrow pane"
        notes.scroll_to(y=start, animate=False, immediate=True)
        lines = [notes.render_line(y).text for y in range(count)]
        assert all(line.startswith("    ") for line in lines[1:])
        joined = "\n".join(line.strip() for line in lines)
        for citation in (bundled.citation(c) for c in cited[1].cites):
            assert citation in joined.replace("\N{NO-BREAK SPACE}", " ")
