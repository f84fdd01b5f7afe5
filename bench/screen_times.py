"""Time to the first complete screen, and key to repaint, in a real pseudo-terminal.

The reader and a minimal Textual app are measured in the same run, so the
difference between them is what the reader itself costs on this machine.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench.timing import Result, table
from briefing.core.loader import load_briefing
from tests.e2e.terminal import Terminal, briefing_command

COLUMNS, ROWS = 120, 40


def first_screen_reader(briefing_path: str | None) -> float:
    briefing = load_briefing(briefing_path)
    first = (
        briefing.sections[0].passages[0]
        if briefing.sections
        else briefing.documents[0].passages[0].id
    )
    expected = (briefing.title, f"{briefing.citation(first)}  {first}", "? Help")
    term = Terminal(
        [*briefing_command(), *([briefing_path] if briefing_path else [])],
        cwd=Path(tempfile.gettempdir()),
        columns=COLUMNS,
        rows=ROWS,
    )
    try:
        return term.wait_for(lambda s: all(e in s for e in expected), "the reader's first screen")
    finally:
        term.close()


def first_screen_minimal() -> float:
    script = Path(__file__).with_name("minimal_app.py")
    term = Terminal(
        [sys.executable, str(script)], cwd=Path(tempfile.gettempdir()), columns=COLUMNS, rows=ROWS
    )
    try:
        return term.wait_for(lambda s: "minimal app ready" in s, "the minimal app")
    finally:
        term.close()


def key_to_repaint(runs: int, briefing_path: str | None) -> list[Result]:
    """Median time from a key press to the screen showing its effect."""
    briefing = load_briefing(briefing_path)
    section = briefing.sections[0]
    origin = next(pid for pid in section.passages if briefing.links_for(pid))
    position = section.passages.index(origin)
    after = (
        section.passages[position + 1]
        if position + 1 < len(section.passages)
        else section.passages[position - 1]
    )
    target = briefing.links_for(origin)[0].other(origin)

    def shows(pid: str):
        marker = f"{briefing.citation(pid)}  {pid}"
        return lambda s: marker in s

    move, follow, back = [], [], []
    term = Terminal(
        [*briefing_command(), *([briefing_path] if briefing_path else [])],
        cwd=Path(tempfile.gettempdir()),
        columns=COLUMNS,
        rows=ROWS,
    )
    try:
        term.wait_for(shows(section.passages[0]), "the first screen")
        for _ in range(position):
            term.send("j")
        term.wait_for(shows(origin), "the linked passage")
        step = (
            "j" if after == section.passages[min(position + 1, len(section.passages) - 1)] else "k"
        )
        undo = "k" if step == "j" else "j"
        for _ in range(runs):
            term.send(step)
            move.append(term.wait_for(shows(after), "move"))
            term.send(undo)
            term.wait_for(shows(origin), "move back")
            term.send("1")
            follow.append(term.wait_for(shows(target), "link follow"))
            term.send("\x7f")
            back.append(term.wait_for(shows(origin), "back"))
    finally:
        term.close()
    return [
        Result("key: move to next passage", move),
        Result("key: follow link 1", follow),
        Result("key: back", back),
    ]


def run(runs: int, briefing_path: str | None = None) -> str:
    reader, minimal = [], []
    first_screen_minimal()  # warm the file cache for both
    first_screen_reader(briefing_path)
    for _ in range(runs):  # interleaved, so that machine noise hits both alike
        minimal.append(first_screen_minimal())
        reader.append(first_screen_reader(briefing_path))
    startup = table(
        [Result("minimal Textual app", minimal), Result("briefing reader", reader)],
        baseline="minimal Textual app",
    )
    keys = table(key_to_repaint(runs, briefing_path))
    return f"First complete screen ({COLUMNS}x{ROWS}, pty)\n{startup}\n\nKey to repaint\n{keys}"
