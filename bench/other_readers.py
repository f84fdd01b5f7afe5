"""The reader beside other terminal readers on the same text: `less` and a Textual Markdown browser.

Run by hand from the repository root:

    python -m bench.other_readers [--runs 9] [--frogmouth PATH] [--big]

All of them get the bundled briefing's five articles: the reader as a briefing, the
others as one Markdown file of the same bodies. Each is started in a pseudo-terminal
of 120x40 and timed to its first complete screen, then to the screen after one page
down; runs are interleaved so that machine noise hits all alike. The Markdown browser
is frogmouth, found on PATH or given with --frogmouth (it is no dependency of ours:
install it in a venv of its own, `pip install frogmouth`). `--big` also times the
others on a file of about 5 MB (the articles repeated), the size at which such a
browser is known to slow down.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import screen_times
from bench.screen_times import COLUMNS, ROWS, StampedTerminal
from bench.timing import Result, table
from briefing.core.loader import load_briefing
from briefing.core.locate import bundled_briefing
from briefing.core.model import Briefing
from tests.e2e.terminal import briefing_command

BIG_BYTES = 5_000_000


@dataclass(frozen=True)
class Reader:
    """How to start one reader on a file, and how to tell its screens."""

    name: str
    argv: Callable[[Path], list[str]]
    page_key: str
    ready: Callable[[str], bool]
    """The first complete screen: the text's first words and the reader's own status line."""


def articles_markdown(briefing: Briefing) -> str:
    """The bodies of the briefing's documents, one after another, as one Markdown file."""
    parts = []
    for document in briefing.documents:
        parts.append(f"# {document.title}")
        parts.extend(passage.text for passage in document.passages)
    return "\n\n".join(parts) + "\n"


def first_words(text: str) -> str:
    """A phrase from the first line of text, short enough never to be wrapped apart."""
    first = next(line for line in text.splitlines() if line.strip()).lstrip("# ")
    return " ".join(first.split()[:3])


def others(text: str, frogmouth: str | None) -> list[Reader]:
    needle = first_words(text)

    def with_status(status: str) -> Callable[[str], bool]:
        return lambda screen: needle in screen and status in screen

    found = [
        Reader(
            "less",
            lambda path: ["less", str(path)],
            " ",
            lambda screen: needle in screen and screen.rstrip().splitlines()[-1].strip() != "",
        )
    ]
    if frogmouth:
        found.append(
            Reader("frogmouth", lambda path: [frogmouth, str(path)], "\x1b[6~", with_status("Quit"))
        )
    return found


def timed(
    argv: list[str], ready: Callable[[str], bool], page_key: str, paged: Callable[[str], bool]
) -> tuple[float, float]:
    """Seconds from starting `argv` to its first complete screen, and from one page down
    to the next page. The clock starts before the process does: a reader as quick as
    `less` has drawn its screen before a clock started after the launch could see it."""
    start = time.perf_counter()
    term = StampedTerminal(
        argv,
        cwd=Path(tempfile.gettempdir()),
        columns=COLUMNS,
        rows=ROWS,
        env={"LESS": "", "LESSOPEN": ""},
    )
    try:
        first = term.wait_for(ready, f"the first screen of {argv[0]}", timeout=60, start=start)
        screen_times.settle(term)
        page = term.press(page_key, paged, f"the next page of {argv[0]}")
    finally:
        term.close()
    return first, page


def first_screen_and_page(reader: Reader, path: Path, text: str) -> tuple[float, float]:
    needle = first_words(text)
    return timed(reader.argv(path), reader.ready, reader.page_key, lambda s: needle not in s)


def reader_first_screen_and_page(briefing: Briefing) -> tuple[float, float]:
    citation = briefing.citation(screen_times.first_passage(briefing))
    return timed(
        briefing_command(),
        screen_times.first_screen_check(briefing),
        " ",
        lambda s: screen_times.current_citation(s) not in (citation, None),
    )


def minimal_first_screen() -> float:
    script = Path(screen_times.__file__).with_name("minimal_app.py")
    ready = lambda s: "minimal app ready" in s  # noqa: E731
    return timed([sys.executable, str(script)], ready, "j", lambda s: "step 1" in s)[0]


def run(runs: int, frogmouth: str | None, big: bool) -> str:
    briefing = load_briefing(bundled_briefing())
    text = articles_markdown(briefing)
    folder = Path(tempfile.mkdtemp(prefix="briefing-bench-others-"))
    small = folder / "articles.md"
    small.write_text(text, encoding="utf-8")
    readers = others(text, frogmouth)
    firsts: dict[str, list[float]] = {"minimal Textual app": [], "briefing reader": []}
    pages: dict[str, list[float]] = {"briefing reader": []}
    for reader in readers:
        firsts[reader.name], pages[reader.name] = [], []
    for _ in range(runs):
        firsts["minimal Textual app"].append(minimal_first_screen())
        first, page = reader_first_screen_and_page(briefing)
        firsts["briefing reader"].append(first)
        pages["briefing reader"].append(page)
        for reader in readers:
            first, page = first_screen_and_page(reader, small, text)
            firsts[reader.name].append(first)
            pages[reader.name].append(page)
    out = [
        f"The bundled articles ({len(text.encode()) / 1000:.0f} kB), {COLUMNS}x{ROWS} pty",
        "First complete screen",
        table([Result(n, s) for n, s in firsts.items()], baseline="minimal Textual app"),
        "",
        "Page down",
        table([Result(n, s) for n, s in pages.items()]),
    ]
    if big:
        large = folder / "articles-5MB.md"
        copies = BIG_BYTES // len(text.encode()) + 1
        large.write_text(text * copies, encoding="utf-8")
        big_first: dict[str, list[float]] = {r.name: [] for r in readers}
        big_page: dict[str, list[float]] = {r.name: [] for r in readers}
        for _ in range(max(1, runs // 3)):
            for reader in readers:
                first, page = first_screen_and_page(reader, large, text)
                big_first[reader.name].append(first)
                big_page[reader.name].append(page)
        out += [
            "",
            f"A {large.stat().st_size / 1e6:.1f} MB file (the articles {copies} times)",
            "First complete screen",
            table([Result(n, s) for n, s in big_first.items()]),
            "Page down",
            table([Result(n, s) for n, s in big_page.items()]),
        ]
    shutil.rmtree(folder, ignore_errors=True)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.other_readers", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--frogmouth", metavar="PATH", default=shutil.which("frogmouth"), help="its command"
    )
    parser.add_argument("--big", action="store_true", help="also a file of about 5 MB")
    options = parser.parse_args(argv)
    if not options.frogmouth:
        print("frogmouth not found (give --frogmouth PATH): timing less only", file=sys.stderr)
    print(run(options.runs, options.frogmouth, options.big))
    return 0


if __name__ == "__main__":
    sys.exit(main())
