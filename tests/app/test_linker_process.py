"""A large briefing is linked in a child process: the same links, and nothing left running."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Iterator
from multiprocessing.process import BaseProcess
from pathlib import Path

import pytest

from briefing.core import cache
from briefing.core.loader import load_briefing
from briefing.core.model import Briefing
from briefing.tui import insight_process
from briefing.tui.app import BriefingApp
from briefing.tui.insight import Insight, build_insight

from . import held_child
from .conftest import current, notes_text, reader, settled, toasts

SIZE = (120, 40)


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[BaseProcess]]:
    """Every briefing counts as large, with a cache of its own: the child links from
    nothing. The children started, as they start."""
    monkeypatch.setattr(insight_process, "LARGE_BRIEFING", 1)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    started = []

    def start(*args):
        started.append(real(*args))
        return started[-1]

    real = insight_process.start
    monkeypatch.setattr(insight_process, "start", start)
    yield started
    for child in started:  # a failed test leaves nothing running either
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def in_this_process(bundled: Briefing) -> Insight:
    """The insight built in a thread, as for a small briefing (before `large` empties the cache)."""
    return build_insight(bundled)


async def test_a_large_briefing_is_linked_in_a_child_with_the_same_suggested_links(
    in_this_process: Insight, large: list[BaseProcess]
):
    expected = in_this_process
    # A briefing object of its own: nothing this process linked before is remembered for it.
    app = BriefingApp(load_briefing())
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: reader(app).insight is not None)
        await settled(app, pilot)
        assert reader(app).insight == expected
        await pilot.press("j", "j")
        suggested = expected.links.get(current(app), [])
        assert suggested, "the test wants a passage with suggested links"
        assert f"Suggested ({len(suggested)}) by the linker" in notes_text(app)
    assert [child.exitcode for child in large] == [0]  # one child ran, and ended well


async def opened_insight() -> Insight | None:
    """What the reader shows of the linker once it has settled, in a run of its own (a
    briefing object of its own too, as when the reader is started again)."""
    app = BriefingApp(load_briefing())
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: reader(app).insight is not None)
        await settled(app, pilot)
        return reader(app).insight


async def test_a_second_open_starts_no_child_and_reads_back_what_the_first_stored(
    in_this_process: Insight, large: list[BaseProcess]
):
    assert await opened_insight() == in_this_process
    assert await opened_insight() == in_this_process
    assert len(large) == 1  # the first open's child; the second had nothing left to link


async def test_a_second_open_says_it_reads_the_links_back_not_that_it_finds_them(
    in_this_process: Insight, large: list[BaseProcess], monkeypatch: pytest.MonkeyPatch
):
    import threading

    from briefing.tui import insight as insight_module

    assert await opened_insight() == in_this_process
    release, real = threading.Event(), insight_module.read_insight

    def held(briefing: Briefing) -> Insight | None:
        assert release.wait(30), "the test never let the reading end"
        return real(briefing)

    monkeypatch.setattr(insight_module, "read_insight", held)
    app = BriefingApp(load_briefing())
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: "kept from the last time" in notes_text(app))
        assert "finding suggested links" not in notes_text(app)
        release.set()
        await until(lambda: reader(app).insight is not None)
        await settled(app, pilot)
        assert "kept from the last time" not in notes_text(app)
    assert len(large) == 1


@pytest.mark.parametrize("kind", ["links", "suggestions", "insight"])
async def test_an_open_finding_a_damaged_entry_links_in_a_child_again(
    in_this_process: Insight, large: list[BaseProcess], kind: str
):
    assert await opened_insight() == in_this_process
    folder = cache.cache_dir()
    assert folder is not None
    (entry,) = (folder / kind).glob("*" + cache.SUFFIX)
    entry.write_bytes(b'["set", "passages"')  # cut short: there, but not to be read
    # Worked out again in a child, not in the reader's own process and lock.
    assert await opened_insight() == in_this_process
    assert len(large) == 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks, and reads /proc")
async def test_quitting_while_the_child_links_ends_it_and_its_workers(
    bundled: Briefing,
    large: list[BaseProcess],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
):
    monkeypatch.setenv(held_child.PIDS, str(tmp_path / "pids"))
    monkeypatch.setenv("BRIEFING_WORKERS", "2")  # the child forks two workers, as on 2 cores
    monkeypatch.setattr(
        insight_process,
        "link_apart",
        functools.partial(insight_process.link_apart, build=held_child.hold),
    )
    app = BriefingApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: len(held_child.pids_written()) == 3)
        await until(lambda: "finding suggested links… held" in notes_text(app))
        await pilot.press("q")
    assert app.return_code in (0, None)
    child, textual_loaded = held_child.pids_written()[0].split()
    assert textual_loaded == "False"  # the child imports the linker, not the reader
    await until(lambda: not multiprocessing.active_children())
    assert large[0].exitcode == 0  # it ended itself on the reader's signal, not killed
    workers = [int(pid) for pid in held_child.pids_written()[1:]]
    assert not [pid for pid in [int(child), *workers] if running(pid)]


async def test_a_child_that_cannot_start_leaves_the_linking_to_the_reader(
    in_this_process: Insight, large: list[BaseProcess], monkeypatch: pytest.MonkeyPatch
):
    def cannot(*args):
        raise OSError("no interpreter to spawn")

    monkeypatch.setattr(insight_process, "start", cannot)
    app = BriefingApp(load_briefing())
    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: reader(app).insight is not None)
        await settled(app, pilot)
        assert reader(app).insight == in_this_process


@pytest.mark.parametrize(
    ("build", "said"),
    [
        (held_child.fail, "ValueError: no good"),
        (held_child.die, "the linker's process stopped (exit status 3)"),
    ],
)
async def test_a_failing_child_is_reported_and_the_reader_goes_on(
    bundled: Briefing,
    large: list[BaseProcess],
    monkeypatch: pytest.MonkeyPatch,
    build: insight_process.Build,
    said: str,
):
    """Not linked again in the reader: what killed the child (memory, say) would take the
    reader and its unsaved place with it."""
    monkeypatch.setattr(
        insight_process, "link_apart", functools.partial(insight_process.link_apart, build=build)
    )
    app = BriefingApp(bundled)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(lambda: reader(app)._insight_failed)
        assert f"Suggested links and views are not available: {said}" in await toasts(app, pilot)
        assert reader(app).insight is None
        await pilot.press("j")
        assert current(app) == bundled.sections[0].passages[1]


async def until(condition, seconds: float = 30.0) -> None:
    """Let the app (and the child) run until `condition()` holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        await asyncio.sleep(0.05)


def running(pid: int) -> bool:
    """Whether a process lives (a zombie, ended but not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
