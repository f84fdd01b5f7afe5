"""What the linker adds to the reader, driven by real keys: suggested links, sections, views."""

from __future__ import annotations

import asyncio
import re
import shutil
import threading
from pathlib import Path

import pytest
import yaml

from briefing.core import progress
from briefing.core.loader import load_briefing
from briefing.core.model import Briefing
from briefing.tui import insight as insight_module
from briefing.tui.app import BriefingApp
from briefing.tui.history import View
from briefing.tui.insight import build_insight
from briefing.tui.widgets.notes_panel import NotesPanel

from .conftest import current, notes_text, passages, reader, settled, shown_lines

SIZE = (120, 40)
SECOND = Path(__file__).parents[1] / "data" / "second_briefing"


@pytest.fixture(scope="module")
def insight_of_bundled(bundled: Briefing):
    return build_insight(bundled)


@pytest.fixture
def held_linker(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The linker waits until the test sets the event: the state before it finishes, held."""
    release = threading.Event()

    def slow(briefing: Briefing):
        assert release.wait(30), "the test never let the linker finish"
        return build_insight(briefing)

    monkeypatch.setattr(insight_module, "build_insight", slow)
    return release


def shown_view(app: BriefingApp) -> View:
    return reader(app).history.current.view


def entry_texts(app: BriefingApp) -> list[str]:
    return [
        (b.header.plain + "\n" if b.header else "") + b.body.plain
        for b in passages(app).blocks
        if b.kind == "entry"
    ]


# -- suggested links ----------------------------------------------------------


async def test_suggested_links_arrive_after_the_first_screen_without_moving_the_reader(
    bundled: Briefing, held_linker: threading.Event, insight_of_bundled
):
    app = BriefingApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")
        here = current(app)
        assert "finding suggested links…" in notes_text(app)
        assert "suggested" not in notes_text(app).replace("finding suggested links…", "")
        held_linker.set()
        await settled(app, pilot)
        assert current(app) == here
        assert app.focused is passages(app)
        text = notes_text(app)
        assert "finding suggested links…" not in text
        expected = insight_of_bundled.links.get(here, [])
        assert expected, "the test wants a passage with suggested links"
        assert f"Suggested ({len(expected)}) by the linker" in text
        assert "both:" in text or "same" in text  # the reasons are shown


async def test_the_notes_say_how_far_the_linker_has_got(
    bundled: Briefing, monkeypatch: pytest.MonkeyPatch
):
    told, release = threading.Event(), threading.Event()

    def halfway(briefing: Briefing):
        progress.report("reading the sources", 2, 5)
        told.set()
        assert release.wait(30), "the test never let the linker finish"
        return build_insight(briefing)

    monkeypatch.setattr(insight_module, "build_insight", halfway)
    app = BriefingApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        assert await asyncio.to_thread(told.wait, 30)
        await pilot.pause()
        assert "finding suggested links… reading the sources 40%" in notes_text(app)
        release.set()
        await settled(app, pilot)
        assert "finding suggested links" not in notes_text(app)


async def test_curated_links_come_first_and_are_never_shown_twice(app: BriefingApp):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        screen = reader(app)
        for _ in range(8):
            links = screen.links_here()
            pairs = [frozenset((link.source, link.target)) for link in links]
            assert len(pairs) == len(set(pairs))
            kinds = [link.curated for link in links]
            assert kinds == sorted(kinds, reverse=True)  # every curated before any suggested
            await pilot.press("j")


async def test_following_a_suggested_link_and_coming_back(app: BriefingApp, bundled: Briefing):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        screen = reader(app)
        for _ in bundled.sections[0].passages:
            links = screen.links_here()
            if any(not link.curated for link in links[:9]):
                break
            await pilot.press("j")
        here = current(app)
        number = next(n for n, link in enumerate(links[:9], 1) if not link.curated)
        target = links[number - 1].other(here)
        pane = screen.query_one(NotesPanel)
        block = next(b for b in pane.blocks if b.kind == "link" and b.number == number)
        assert block.suggested
        heading = max(
            i
            for i, b in enumerate(pane.blocks)
            if b.kind == "heading" and b is not block and pane.blocks.index(block) > i
        )
        assert pane.blocks[heading].body.plain.startswith("Suggested")
        await pilot.press(str(number))
        assert current(app) == target
        await pilot.press("backspace")
        assert current(app) == here
        assert shown_view(app) == View("section", bundled.sections[0].id)


async def test_a_disagreement_shows_both_values_with_their_sources():
    briefing = load_briefing(SECOND)
    app = BriefingApp(briefing)
    protest = next(pid for pid, p in briefing.passages.items() if "200 protesters" in p.text)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        reader(app).go(View("section", "opposition"), protest)
        await pilot.pause()
        text = notes_text(app)
        assert "≠" in text
        assert "200 protesters (Herald) vs about 350 protesters (Voice)" in text


# -- sections for passages the YAML does not place ------------------------------


@pytest.fixture
def briefing_with_a_passage_left_out(tmp_path: Path) -> tuple[Briefing, str]:
    """The second briefing with one passage of a section taken out of the YAML."""
    folder = tmp_path / "briefing"
    shutil.copytree(SECOND, folder)
    data = yaml.safe_load((folder / "briefing.yaml").read_text(encoding="utf-8"))
    opposition = next(s for s in data["sections"] if s["id"] == "opposition")
    left_out = opposition["passages"].pop(1)  # Voice's count of the protesters
    (folder / "briefing.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    briefing = load_briefing(folder, use_cache=False)
    pid = next(p for p, passage in briefing.passages.items() if left_out["quote"] in passage.text)
    assert not briefing.sections_of(pid)
    return briefing, pid


async def test_an_unplaced_passage_is_offered_to_the_section_it_fits(
    briefing_with_a_passage_left_out,
):
    briefing, left_out = briefing_with_a_passage_left_out
    app = BriefingApp(briefing)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        screen = reader(app)
        suggestion = screen.insight.suggestions[left_out]
        assert suggestion.section_id == "opposition"
        await pilot.press("n", "n")
        assert shown_view(app) == View("section", "opposition")
        blocks = passages(app).blocks
        own = [b.passage_id for b in blocks if b.kind == "passage" and not b.suggested]
        offered = [b for b in blocks if b.kind == "passage" and b.suggested]
        assert [b.passage_id for b in offered] == [left_out]
        assert blocks.index(offered[0]) > max(
            i for i, b in enumerate(blocks) if b.passage_id == own[-1]
        )
        # Said after the citation, apart from the counts (which say "suggested links").
        citation = briefing.citation(left_out)
        assert f"{citation}  proposed for this section" in offered[0].header.plain
        assert not offered[0].header.plain.endswith("suggested")
        await pilot.press("t")  # the sections pane, folded at this width
        sections_pane = "\n".join(shown_lines(screen.query_one("#sections")))
        assert "+1" in sections_pane
        await pilot.press("G")
        assert current(app) == left_out
        assert any("Proposed for this section" in line for line in shown_lines(passages(app)))


async def test_the_bundled_briefing_places_everything_and_offers_nothing(
    app: BriefingApp, bundled: Briefing
):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert reader(app).insight.suggestions == {}
        assert not any(b.suggested for b in passages(app).blocks)


# -- the views ----------------------------------------------------------------


async def test_timeline_lists_dates_in_order_opens_a_passage_and_back_returns(
    app: BriefingApp, bundled: Briefing
):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("j")
        reading_at = current(app)
        await pilot.press("T")
        screen = reader(app)
        assert screen.sub_title == "Timeline"
        assert app.focused is passages(app)
        events = screen.insight.timeline
        assert [b.passage_id for b in passages(app).blocks if b.kind == "entry"] == [
            e.passage for e in events
        ]
        keys = [e.sort_key for e in events]
        assert keys == sorted(keys)
        await pilot.press("j", "j")
        chosen = passages(app).block
        assert chosen.header.plain.startswith(events[2].label)
        await pilot.press("enter")
        assert current(app) == events[2].passage
        assert shown_view(app).kind in ("section", "source")
        await pilot.press("backspace")
        assert screen.sub_title == "Timeline"
        assert passages(app).block == chosen
        await pilot.press("escape")
        assert current(app) == reading_at
        assert shown_view(app) == View("section", bundled.sections[0].id)


async def test_timeline_flags_a_date_another_source_gives_otherwise(app: BriefingApp):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("T")
        flagged = [t for t in entry_texts(app) if "≠ another source differs" in t]
        assert flagged
        assert all(" gives " in t for t in flagged)  # and says what the other source gives


async def test_timeline_entries_under_a_year_heading_leave_the_year_to_it(app: BriefingApp):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("T")
        events = iter(reader(app).insight.timeline)
        heading, seen = "", {"day or month": 0, "year alone": 0, "no year": 0, "quoted": 0}
        for block in passages(app).blocks:
            if block.kind == "heading":
                heading = block.body.plain
                continue
            if block.kind != "entry":
                continue
            event = next(events)
            date = block.header.plain.split("   ")[0]  # the date, then the source's badge
            if not heading.isdigit():
                assert heading == "Year not given" and date == event.label
                seen["no year"] += 1
            elif event.sort_key[1]:  # '13 September' under 2023, not '13 September 2023'
                assert date == event.label.removesuffix(f" {heading}") and heading not in date
                seen["day or month"] += 1
            else:  # '2022', '2022–2023': the year is all the entry gives
                assert date == event.label and date.startswith(heading)
                seen["year alone"] += 1
            if "“" in block.header.plain:  # the words a date was worked out from...
                words = block.header.plain.split("“")[1].split("”")[0]
                assert sorted(words.lower().split()) != sorted(date.lower().split())
                seen["quoted"] += 1  # ...only where they say more than the date shown
        assert all(seen.values()), seen


async def test_a_view_asked_for_before_the_linker_finishes_says_how_far_it_is(
    bundled: Briefing, held_linker: threading.Event
):
    """Not a bare spinner for the half minute a first link of 500 documents takes: the
    view says what it waits for, and how far the linker is, as the notes pane does."""
    app = BriefingApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T")
        lead = lambda: passages(app).blocks[0].body.plain  # noqa: E731
        assert not passages(app).loading
        assert lead() == "Timeline\nShown once the linker is done: reading the sources…"
        reader(app)._linker_progress("comparing the passages 40%")  # as the worker tells it
        await pilot.pause()
        assert lead() == "Timeline\nShown once the linker is done: comparing the passages 40%"
        assert reader(app).sub_title == "Timeline"
        held_linker.set()
        await settled(app, pilot)
        assert not passages(app).loading
        assert entry_texts(app)
        assert app.focused is passages(app)


@pytest.mark.parametrize("key", ["T", "P"])
async def test_a_long_view_is_arranged_apart_showing_it_is_loading_then_kept(
    bundled: Briefing, monkeypatch: pytest.MonkeyPatch, key: str
):
    from briefing.tui.screens import reader as reader_module

    monkeypatch.setattr(reader_module, "ARRANGED_APART", 1)  # every view counts as long here
    release, arranged = threading.Event(), []
    real = reader_module._arranger

    def held(kind: str):
        def arrange(briefing: Briefing, insight):
            assert release.wait(30), "the test never let the view be arranged"
            arranged.append(kind)
            return real(kind)(briefing, insight)

        return arrange

    monkeypatch.setattr(reader_module, "_arranger", held)
    app = BriefingApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press(key)
        assert passages(app).loading  # the screen says so at once, keys still answer
        assert "Arranging the entries…" in passages(app).blocks[0].body.plain
        await pilot.press("escape", key)  # asked again meanwhile: arranged once all the same
        release.set()
        await settled(app, pilot)
        assert not passages(app).loading
        assert entry_texts(app)
        await pilot.press("escape", key)
        assert not passages(app).loading  # kept: shown at once the next time
        assert arranged == [{"T": "timeline", "P": "people"}[key]]


async def test_a_large_coverage_table_is_laid_out_apart_saying_so_meanwhile(
    bundled: Briefing, monkeypatch: pytest.MonkeyPatch
):
    from briefing.tui import view_blocks
    from briefing.tui.screens import reader as reader_module

    monkeypatch.setattr(reader_module, "COVERAGE_APART", 1)  # every table counts as large
    release, real = threading.Event(), view_blocks.coverage_blocks

    def held(briefing: Briefing, insight, width=80):
        assert release.wait(30), "the test never let the table be laid out"
        return real(briefing, insight, width)

    monkeypatch.setattr(view_blocks, "coverage_blocks", held)
    app = BriefingApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("C")
        assert "Arranging the entries…" in passages(app).blocks[0].body.plain
        await pilot.press("escape", "j")  # keys answer meanwhile
        assert shown_view(app).kind == "section"
        await pilot.press("C")
        release.set()
        await settled(app, pilot)
        assert any(b.opens and b.opens.kind == "section" for b in passages(app).blocks)


async def test_a_view_that_fails_to_be_arranged_says_so_and_the_reader_goes_on(
    bundled: Briefing, monkeypatch: pytest.MonkeyPatch
):
    from briefing.tui.screens import reader as reader_module

    monkeypatch.setattr(reader_module, "ARRANGED_APART", 1)

    def broken(kind: str):
        def arrange(briefing: Briefing, insight):
            raise ValueError("a fault")

        return arrange

    monkeypatch.setattr(reader_module, "_arranger", broken)
    app = BriefingApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("T")
        await settled(app, pilot)
        assert not passages(app).loading
        assert "Could not arrange it: ValueError" in passages(app).blocks[0].body.plain
        await pilot.press("escape", "j")  # still reading
        assert shown_view(app).kind == "section"


async def test_people_view_lists_names_per_source_and_opens_each_mention(
    app: BriefingApp, bundled: Briefing
):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("P")
        screen = reader(app)
        assert screen.sub_title == "People & places"
        first = passages(app).block
        name = screen.insight.names[first.opens.key]
        shown = first.body.plain.replace("\N{NO-BREAK SPACE}", " ")  # kept on one line
        for doc, count in name.per_source(bundled).items():
            assert f"{bundled.document(doc).short_name} {count}" in shown
        await pilot.press("enter")
        assert shown_view(app) == View("name", name.key)
        assert screen.sub_title == name.name
        mentions = [b.passage_id for b in passages(app).blocks if b.kind == "entry"]
        assert mentions == list(name.passages)
        await pilot.press("j", "enter")
        assert current(app) == mentions[1]
        await pilot.press("backspace")
        assert shown_view(app) == View("name", name.key)
        assert current(app) == mentions[1]
        await pilot.press("backspace")
        assert screen.sub_title == "People & places"
        assert passages(app).block.opens == first.opens
        await pilot.press("escape")  # past both lists, back to the reading
        assert shown_view(app) == View("section", bundled.sections[0].id)


async def test_the_names_views_groups_are_apart_each_heading_on_its_names(app: BriefingApp):
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(app, pilot)
        await pilot.press("P")
        lines = [line.strip(" ▌") for line in shown_lines(passages(app))]
        headings = [i for i, line in enumerate(lines) if re.fullmatch(r"\w+ \([\d,]+\)", line)]
        assert [lines[i].split()[0] for i in headings] == ["People", "Places"]  # both on screen
        for i in headings:
            assert lines[i - 1] == "", lines[i - 2 : i + 2]  # a blank line before the group
            assert lines[i + 1] != "", lines[i - 1 : i + 2]  # and none between it and its names


async def test_a_names_count_per_source_never_splits_from_the_source(bundled: Briefing):
    """Narrow enough that the counts wrap: each line break falls between two sources,
    never between a source's name and its count, nor inside a name."""
    app = BriefingApp(bundled)
    async with app.run_test(size=(100, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("P")
        lines = [line.rstrip() for line in shown_lines(passages(app))]
        names = {d.short_name for d in bundled.documents}
        assert any(line.endswith(tuple("0123456789")) for line in lines[5:])  # counts wrap
        for line in lines:
            assert not line.endswith(tuple(names)), line
            assert not line.endswith(tuple(n.split()[0] for n in names if " " in n)), line


async def test_coverage_counts_passages_per_section_and_source_and_opens_a_section(
    app: BriefingApp, bundled: Briefing
):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("C")
        screen = reader(app)
        assert screen.sub_title == "Coverage"
        rows = [b for b in passages(app).blocks if b.kind == "entry"]
        assert [r.opens for r in rows] == [View("section", s.id) for s in bundled.sections]
        section = bundled.sections[1]
        counts = [
            sum(1 for pid in section.passages if bundled.passages[pid].doc == d.id)
            for d in bundled.documents
        ]
        cells = rows[1].body.plain.split()[-len(bundled.documents) :]
        assert cells == [str(c) if c else "·" for c in counts]
        await pilot.press("j", "enter")
        assert shown_view(app) == View("section", section.id)
        await pilot.press("backspace")
        assert screen.sub_title == "Coverage"


def test_a_coverage_cell_with_only_suggested_passages_reads_plus_n(
    bundled: Briefing, monkeypatch: pytest.MonkeyPatch
):
    """'+1' as the lead's '+n: suggested by the linker' says, not '·+1'."""
    from types import SimpleNamespace

    from briefing.tui import view_blocks

    first, second = bundled.documents[:2]
    section = bundled.sections[0].id
    rows = [(section, {first.id: 2}, {first.id: 1, second.id: 1})]
    monkeypatch.setattr(view_blocks, "coverage", lambda briefing, insight: rows)
    insight = SimpleNamespace(suggestions={"x": None})
    made = view_blocks.coverage_blocks(bundled, insight, width=200)  # type: ignore[arg-type]
    row = next(b for b in made if b.kind == "entry" and b.opens == View("section", section))
    cells = row.body.plain.split()[-len(bundled.documents) :]
    assert cells[:3] == ["2+1", "+1", "·"]


async def test_clicking_a_timeline_entry_opens_its_passage(app: BriefingApp):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("T")
        events = reader(app).insight.timeline
        view = passages(app)
        index = next(i for i, b in enumerate(view.blocks) if b.kind == "entry")
        start, _ = view._ensure_layout().span(index)
        await pilot.click(view, offset=(10, start + 1 + view.styles.padding.top))
        await pilot.pause()
        assert current(app) == events[0].passage
        assert shown_view(app).kind != "timeline"


@pytest.mark.parametrize(
    ("command", "title"),
    [
        ("View: timeline", "Timeline"),
        ("View: people", "People & places"),
        ("View: cov", "Coverage"),
    ],
)
async def test_palette_opens_each_view(app: BriefingApp, command: str, title: str):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("ctrl+p", *command)
        await pilot.pause(0.3)  # the palette searches its providers in the background
        await pilot.press("enter")
        await pilot.pause()
        assert reader(app).sub_title == title


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
@pytest.mark.parametrize("key", ["T", "P", "C"])
async def test_views_read_at_both_sizes(app: BriefingApp, size: tuple[int, int], key: str):
    async with app.run_test(size=size) as pilot:
        await settled(app, pilot)
        await pilot.press(key)
        lines = shown_lines(passages(app))
        title = reader(app).sub_title
        assert any(line.strip().startswith(title) for line in lines)
        focused = passages(app).block
        assert focused is not None and passages(app).is_visible(passages(app).current)
        await pilot.press("escape")
        assert reader(app).sub_title != title


async def test_help_and_footer_show_the_view_keys(app: BriefingApp):
    async with app.run_test(size=(160, 48)) as pilot:
        from briefing.tui.widgets.key_bar import KeyBar

        footer = str(reader(app).query_one(KeyBar).render())
        assert "T Timeline" in footer and "C Coverage" in footer
        await pilot.press("question_mark")
        help_text = str(app.screen.query_one("#help-keys").render())
        assert "Timeline" in help_text and "People & places" in help_text


async def test_footer_at_80_columns_keeps_help_and_quit(app: BriefingApp):
    async with app.run_test(size=(80, 24)):
        from briefing.tui.widgets.key_bar import KeyBar

        footer = str(reader(app).query_one(KeyBar).render())
        assert "? Help" in footer and "q Quit" in footer
        assert len(footer) <= 80


async def test_palette_finds_a_name_and_opens_its_mentions(app: BriefingApp):
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        name = next(iter(reader(app).insight.names.values()))
        await pilot.press("ctrl+p", *f"Name: {name.name}")
        await pilot.pause(0.3)  # the palette searches its providers in the background
        await pilot.press("enter")
        await pilot.pause()
        assert shown_view(app) == View("name", name.key)
        assert reader(app).sub_title == name.name


async def test_a_failing_linker_leaves_the_reader_working(
    bundled: Briefing, monkeypatch: pytest.MonkeyPatch
):
    def broken(briefing: Briefing):
        raise ValueError("no good")

    monkeypatch.setattr(insight_module, "build_insight", broken)
    app = BriefingApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        assert "finding suggested links…" not in notes_text(app)
        await pilot.press("T")
        assert not passages(app).loading
        assert "Could not read the sources." in passages(app).blocks[0].body.plain
        await pilot.press("escape", "j")
        assert current(app) == bundled.sections[0].passages[1]


async def test_quitting_while_the_linker_works_ends_cleanly(
    bundled: Briefing, held_linker: threading.Event
):
    app = BriefingApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        held_linker.set()
    assert app.return_code in (0, None)


async def test_a_result_arriving_once_q_is_pressed_is_dropped_not_drawn(
    bundled: Briefing, held_linker: threading.Event
):
    """Once q is pressed the panes go one by one; a late result drawn then met a pane
    already gone (NoMatches, seen under load), so it is dropped."""
    app = BriefingApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader(app)
        late = []
        await pilot.press("q")
        screen._delivered(late.append, "the linker's result")
        held_linker.set()
    assert late == []
    assert app.return_code in (0, None)


async def test_coverage_table_narrows_to_fit_beside_the_notes_pane(app: BriefingApp):
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("C")
        width = passages(app).text_width
        await pilot.press("i")
        await pilot.pause()
        narrower = passages(app).text_width
        assert narrower < width
        rows = [b.body.plain for b in passages(app).blocks if b.kind in ("entry", "heading")]
        assert all(len(row) <= narrower for row in rows)


async def test_escape_leaves_every_list_view_opened_on_the_way_back_to_the_reading(
    app: BriefingApp, bundled: Briefing
):
    """T, P, C, then one Esc: back to the passage read before, as q leaves less's help;
    Backspace still steps through the views one at a time, and forward returns to them."""
    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        await pilot.press("j")
        reading_at = current(app)
        await pilot.press("T", "P", "C")
        assert reader(app).sub_title == "Coverage"
        await pilot.press("backspace")
        assert shown_view(app).kind == "people"
        await pilot.press("escape")
        assert shown_view(app) == View("section", bundled.sections[0].id)
        assert current(app) == reading_at
        assert app.focused is passages(app)
        await pilot.press("escape")  # nothing left to leave: the reader stays put
        assert current(app) == reading_at


async def test_coverage_names_whole_the_sources_its_narrow_columns_cut(bundled: Briefing):
    """At 60 columns the header shortens the source names: a line under the table gives
    them whole, in the columns' order; with room for them, no such line."""
    for size, cut in (((60, 30), True), ((200, 40), False)):
        app = BriefingApp(bundled)
        async with app.run_test(size=size) as pilot:
            await settled(app, pilot)
            await pilot.press("C")
            lines = shown_lines(passages(app))
            header = next(line for line in lines if "Section" in line)
            legend = " ".join(lines[lines.index(header) :]).partition("Columns, left to right:")[2]
            names = [d.short_name for d in bundled.documents]
            assert ("…" in header) is cut
            assert (legend.split() == " · ".join(names).split()) is cut


async def test_coverage_is_laid_out_once_per_width_and_insight(
    bundled: Briefing, monkeypatch: pytest.MonkeyPatch
):
    from briefing.tui import view_blocks

    widths, real = [], view_blocks.coverage_blocks

    def counted_layout(briefing, insight, width=80):
        widths.append((insight is not None, width))
        return real(briefing, insight, width)

    monkeypatch.setattr(view_blocks, "coverage_blocks", counted_layout)
    app = BriefingApp(bundled)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(app, pilot)
        await pilot.press("C", "escape", "C")
        assert len(widths) == 1  # the second time, the table as laid out
        await pilot.resize_terminal(120, 40)
        await settled(app, pilot)
        assert len(widths) == 2 and widths[0][1] != widths[1][1]


def test_coverage_of_more_sources_than_fit_is_shown_in_bands_of_numbered_columns(
    bundled: Briefing, insight_of_bundled
):
    """Five sources in 30 cells: two tables, one under the other, each headed by its
    sources' numbers and naming them above it; no line is wider than the pane."""
    from briefing.tui.view_blocks import coverage_blocks

    made = coverage_blocks(bundled, insight_of_bundled, width=30)
    lines = [line for block in made for line in block.body.plain.splitlines()]
    assert [line for line in lines if line.startswith("Sources ")] == [
        "Sources 1–3",
        "Sources 4–5",
    ]
    headers = [line.split() for line in lines if line.startswith("Section")]
    assert headers == [["Section", "1", "2", "3"], ["Section", "4", "5"]]
    legends = [line for line in lines if line.startswith("By number: ")]
    numbered = [f"{d.number} {d.short_name}" for d in bundled.documents[:3]]
    legend = legends[0].removeprefix("By number: ").replace("\N{NO-BREAK SPACE}", " ")
    assert " ".join(legend.split()) == " · ".join(numbered)
    tables = [
        line
        for block in made
        if block.kind in ("entry", "heading")
        for line in block.body.plain.splitlines()
    ]
    assert max(len(line) for line in tables) <= 30
    opened = [block.opens for block in made if block.opens and block.opens.kind == "section"]
    assert len(opened) == 2 * len(bundled.sections)  # every section, in each band


async def test_palette_cites_passages_as_the_reader_does_and_cuts_them_at_words(
    app: BriefingApp, bundled: Briefing
):
    """A passage found by its words reads '[2 ¶4]: …whole words…', its id in the help; a
    source whose long headline merely holds the letters typed is not listed."""
    from briefing.tui.commands import BriefingCommands

    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        provider = BriefingCommands(reader(app))
        await provider.startup()
        hits = [hit async for hit in provider.search("Shoigu")]
        texts = [str(hit.match_display) if hit.text is None else hit.text for hit in hits]
        assert not any(text.startswith("Source: ") for text in texts)
        passages_found = [hit for hit in hits if str(hit.match_display).startswith("Passage [")]
        assert passages_found
        for hit in passages_found:
            citation, _, text = str(hit.match_display).removeprefix("Passage ").partition(": ")
            pid = next(p for p in bundled.passages if bundled.citation(p) == citation)
            assert pid in str(hit.help)
            words = text.strip("…").split()
            whole = bundled.passages[pid].text.split()
            assert words[0] in whole and words[-1].rstrip(",;:.") in " ".join(whole)


async def test_palette_finds_a_name_by_the_start_of_its_words_not_scattered_letters(
    app: BriefingApp,
):
    """'Amur' lists the two names with that word, not every name that happens to hold an
    a, an m, a u and an r in that order (Ukraine, United Nations …)."""
    from briefing.tui.commands import BriefingCommands

    async with app.run_test(size=SIZE) as pilot:
        await settled(app, pilot)
        provider = BriefingCommands(reader(app))
        await provider.startup()
        names = [hit.text async for hit in provider.search("Amur")]
        names = [text for text in names if text and text.startswith("Name: ")]
        assert sorted(names) == ["Name: Amur Oblast", "Name: Komsomolsk-on-Amur"]
        names = [hit.text async for hit in provider.search("name: jos")]
        assert [text for text in names if text and text.startswith("Name: ")] == [
            "Name: Josef Stalin"
        ]
