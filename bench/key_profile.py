"""Where a key's time goes inside the reader: move, follow link 1 and back, under a profiler.

Runs the app headless with `App.run_test(size=(120, 40))`, waits for the background
work (notes store, linker) to finish, then presses the keys many times and prints the
time per key in CPU time (press, handling and the repaint, plus the Pilot's own overhead) and
where it went. Use it to find hot spots; the pty bench (`python -m bench screen`)
gives the real figures.

    python -m bench.key_profile [--briefing PATH] [--rounds N] [--profiler cprofile|pyinstrument|none]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from briefing.core.loader import load_briefing
from briefing.core.model import Briefing


def _setup(briefing: Briefing) -> tuple[str, str, str, str, str]:
    """(origin, step key, undo key, the passage after, link target) as the pty bench has them."""
    section = briefing.sections[0]
    origin = next(pid for pid in section.passages if briefing.links_for(pid))
    position = section.passages.index(origin)
    if position + 1 < len(section.passages):
        step, undo, after = "j", "k", section.passages[position + 1]
    else:
        step, undo, after = "k", "j", section.passages[position - 1]
    target = briefing.links_for(origin)[0].other(origin)
    return origin, step, undo, after, target


async def _drive(
    briefing: Briefing, rounds: int, profile: Callable[[], AbstractContextManager[object]]
) -> dict[str, list[float]]:
    from briefing.tui.app import BriefingApp
    from briefing.tui.widgets.passage_list import PassageList

    app = BriefingApp(briefing)
    origin, step, undo, after, target = _setup(briefing)
    times: dict[str, list[float]] = {"move": [], "undo": [], "follow": [], "back": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()  # the linker starts after the first paint
        await pilot.pause()
        passages = app.screen.query_one(PassageList)
        while passages.passage_id != origin:
            await pilot.press("j")
        await pilot.pause()

        async def press(key: str, name: str, expect: str) -> None:
            start = time.process_time()  # CPU, not wall: the Pilot mostly waits
            await pilot.press(key)
            await pilot.pause()  # and drawn
            times[name].append(time.process_time() - start)
            assert passages.passage_id == expect, (name, passages.passage_id, expect)

        with profile():
            for _ in range(rounds):
                await press(step, "move", after)
                await press(undo, "undo", origin)
                await press("1", "follow", target)
                await press("backspace", "back", origin)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.key_profile", description=__doc__)
    parser.add_argument("--briefing", metavar="PATH", help="default: the bundled briefing")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument(
        "--profiler", choices=("cprofile", "pyinstrument", "none"), default="pyinstrument"
    )
    parser.add_argument("--top", type=int, default=35, help="rows of the cProfile table")
    options = parser.parse_args(argv)

    import os

    data = tempfile.TemporaryDirectory(prefix="briefing-key-profile-")
    os.environ["BRIEFING_DATA_DIR"] = data.name  # no saved place; removed when done
    briefing = load_briefing(options.briefing)

    report: Callable[[], None] = lambda: None  # noqa: E731
    if options.profiler == "cprofile":
        import cProfile
        import pstats

        profiler = cProfile.Profile()

        def report() -> None:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(options.top)

        profile = lambda: profiler  # noqa: E731  (cProfile.Profile is a context manager)
    elif options.profiler == "pyinstrument":
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005, async_mode="disabled")

        def report() -> None:
            print(profiler.output_text(unicode=True, color=False, show_all=False))

        profile = lambda: profiler  # noqa: E731
    else:
        profile = nullcontext

    with data:
        times = asyncio.run(_drive(briefing, options.rounds, profile))
    for name, samples in times.items():
        ms = sorted(s * 1000 for s in samples)
        print(
            f"{name:7} median {statistics.median(ms):6.1f} ms  min {ms[0]:6.1f}  "
            f"max {ms[-1]:6.1f}  ({len(ms)} presses, CPU, Pilot overhead included)"
        )
    report()
    print(f"(briefing: {options.briefing or 'bundled'}; {Path.cwd()})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
