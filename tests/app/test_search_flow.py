"""Search like less and vim: highlights and n/N last across views until Esc; misses stay put."""

from __future__ import annotations

from textual import events

from briefing.core.model import Briefing
from briefing.core.search import SearchIndex
from briefing.tui.app import BriefingApp

from .conftest import current, passages, reader, settled, toasts

QUERY = "shells"


def highlighted(block) -> bool:
    return any("reverse" in str(span.style) for span in block.body.spans)


async def search(app: BriefingApp, pilot, query: str) -> None:
    await pilot.press("slash", *query, "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_search_carries_into_the_source_view_and_n_steps_its_matches(bundled: Briefing):
    matches = [m.passage_id for m in SearchIndex(bundled).search(QUERY)]
    # A source with at least two matching passages, to step between them.
    doc = next(
        d for d in bundled.documents if sum(bundled.passages[p].doc == d.id for p in matches) > 1
    )
    in_doc = [p for p in matches if bundled.passages[p].doc == doc.id]
    app = BriefingApp(bundled)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settled(app, pilot)
        await search(app, pilot, QUERY)
        while current(app) != in_doc[0]:
            await pilot.press("n")
        await pilot.press("o")
        assert reader(app).sub_title == f"Source: {doc.short_name}"
        assert highlighted(passages(app).block)
        await pilot.press("n")
        assert reader(app).sub_title == f"Source: {doc.short_name}"  # not the next section
        assert current(app) == in_doc[1]
        assert highlighted(passages(app).block)
        await pilot.press("escape")  # ends the search: no highlight, n is the next source again
        assert not highlighted(passages(app).block)
        await pilot.press("n")
        docs = bundled.documents
        after = docs.index(doc) + 1
        if after < len(docs):
            assert reader(app).sub_title == f"Source: {docs[after].short_name}"
        else:
            assert "No more sources" in await toasts(app, pilot)


async def test_a_failed_search_stays_put_and_says_so(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settled(app, pilot)
        await pilot.press("j")
        before = current(app)
        await search(app, pilot, "zzqxv")
        assert reader(app).sub_title == bundled.sections[0].title
        assert current(app) == before
        assert not reader(app).history.can_go_back
        assert "Pattern not found: zzqxv" in await toasts(app, pilot)


async def test_n_at_the_last_match_wraps_to_the_first_and_says_so(bundled: Briefing):
    matches = [m.passage_id for m in SearchIndex(bundled).search(QUERY)]
    app = BriefingApp(bundled)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settled(app, pilot)
        await search(app, pilot, QUERY)
        await pilot.press("N")
        assert current(app) == matches[-1]
        assert "continuing at BOTTOM" in await toasts(app, pilot)
        await pilot.press("n")
        assert current(app) == matches[0]
        assert "continuing at TOP" in await toasts(app, pilot)


async def test_passage_headers_count_suggested_links_once_the_linker_is_done(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        insight = reader(app).insight
        assert insight is not None
        pid = next(p for p in bundled.sections[0].passages if insight.links.get(p))
        block = passages(app).blocks[passages(app).index_of(pid)]
        assert f"{len(insight.links[pid])} suggested" in block.header.plain


async def test_words_typed_fast_after_slash_all_reach_the_search_line(bundled: Briefing):
    app = BriefingApp(bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        # All queued at once, as from a fast typist: `/` is handled after the rest arrived.
        for key, character in [("slash", "/"), *((c, c) for c in "shoigu"), ("enter", "\r")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reader(app).sub_title == "Search: shoigu"
