"""Time to the first complete screen, and key to repaint, in a real pseudo-terminal.

The reader and a minimal Textual app are measured in the same run, so the
difference between them is what the reader itself costs on this machine.

Output is read by a thread that stamps each chunk as it arrives, so the pure
Python terminal emulator's own slowness never delays a timestamp. Each launch
gets a fresh data folder, so that no saved place moves the first screen. Key
timings start once the reader has finished its background work (its CPU time
stops growing): they measure a key's own cost, not a busy worker's.

The reader links a large briefing in a child process (briefing.tui.insight_process),
which forks workers of its own: CPU time and memory are those of the reader's whole
process tree, so that the work done there is neither missed nor counted as done early.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bench.timing import Result, table
from briefing.core.loader import load_briefing
from briefing.core.model import Briefing
from tests.e2e.terminal import Terminal, briefing_command

COLUMNS, ROWS = 120, 40
SETTLE_TIMEOUT = 600.0
IDLE = 0.5
"""Seconds without CPU time for a process to count as idle."""
PROGRAM_FLOOR_MB = 20.0
"""Less memory than the smallest Textual app holds (the minimal app: about 33 MB)."""
_CURRENT = re.compile(r"(\[\d+ ¶\d+\])  [^·\s]")
"""The notes pane names the current passage as `[2 ¶14]  doc:14` (a passage header
in the reading pane has `[2 ¶14]  · 3 links`, or nothing, after the citation)."""


def marker(briefing: Briefing, pid: str) -> str:
    """How the notes pane names the current passage, `[2 ¶14]  doc:14`, as far as it
    surely fits: the citation alone names the passage, the id's start tells it from a
    passage header (`[2 ¶14]  · 3 links`)."""
    return f"{briefing.citation(pid)}  {pid[:3]}"


def shows(briefing: Briefing, pid: str) -> Callable[[str], bool]:
    text = marker(briefing, pid)
    return lambda screen: text in screen


def current_citation(screen: str) -> str | None:
    """The citation of the passage the notes pane (right of the last `▏`) shows, `[2 ¶14]`."""
    notes = "\n".join(line.rsplit("▏", 1)[1] for line in screen.splitlines() if "▏" in line)
    found = _CURRENT.search(notes)
    return found.group(1) if found else None


class StampedTerminal(Terminal):
    """A Terminal whose output is read, and time-stamped, by a thread of its own.

    Each gets an empty data folder of its own (so that no saved place moves the first
    screen), removed on close: a bench run opens hundreds of terminals.
    """

    def __init__(self, *args, env: dict[str, str] | None = None, **kwargs) -> None:
        self.data = tempfile.mkdtemp(prefix="briefing-bench-data-")
        super().__init__(*args, env={"BRIEFING_DATA_DIR": self.data, **(env or {})}, **kwargs)
        self.child.delaybeforesend = None  # pexpect sleeps 50 ms before each send by default
        self.tree_peak_mb = 0.0
        """The most memory the program's process tree was seen to hold (see `settle`)."""
        # The reading thread must get the interpreter back at once when output arrives,
        # not after the emulator's 5 ms slice.
        sys.setswitchinterval(min(sys.getswitchinterval(), 0.0005))
        self._chunks: queue.SimpleQueue[tuple[float, bytes] | None] = queue.SimpleQueue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.child.child_fd, 65536)
            except OSError:
                data = b""
            if not data:
                self._chunks.put(None)
                return
            self._chunks.put((time.perf_counter(), data))

    def close(self) -> None:
        super().close()
        shutil.rmtree(self.data, ignore_errors=True)

    def press(self, keys: str, predicate: Callable[[str], bool], what: str) -> float:
        """Send keys and wait for their effect; seconds from just before sending."""
        start = time.perf_counter()
        self.send(keys)
        return self.wait_for(predicate, what, start=start)

    def wait_for(
        self,
        predicate: Callable[[str], bool],
        what: str,
        timeout: float = 20.0,
        start: float | None = None,
    ) -> float:
        """Feed output chunk by chunk until the screen satisfies `predicate`; the seconds
        from `start` (default now) until the chunk that completed it arrived."""
        start = time.perf_counter() if start is None else start
        deadline = start + timeout
        while time.perf_counter() < deadline:
            try:
                chunk = self._chunks.get(timeout=0.05)
            except queue.Empty:
                continue
            if chunk is None:
                break
            arrived, data = chunk
            self.stream.feed(data)
            if predicate(self.text()):
                return arrived - start
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{self.text()}")

    def drain(self) -> None:
        """Feed whatever output has arrived."""
        while True:
            try:
                chunk = self._chunks.get_nowait()
            except queue.Empty:
                return
            if chunk is None:
                return
            self.stream.feed(chunk[1])


def open_reader(briefing_path: str | None, cache: str | None = None) -> StampedTerminal:
    """The reader in a pty, with empty notes; `cache` replaces the environment's cache folder."""
    return StampedTerminal(
        [*briefing_command(), *([briefing_path] if briefing_path else [])],
        cwd=Path(tempfile.gettempdir()),
        columns=COLUMNS,
        rows=ROWS,
        env={"BRIEFING_CACHE_DIR": cache} if cache else None,
    )


def first_open(
    briefing_path: str, cache: str, briefing: Briefing
) -> tuple[float, float | None, float | None]:
    """Open the reader on an empty `cache` folder and let its background work finish:
    the seconds that work took, the peak memory of the reader and its children, and
    the reader's own. The folder is then fully warm."""
    term = open_reader(briefing_path, cache)
    try:
        term.wait_for(shows(briefing, first_passage(briefing)), "the first screen", timeout=60)
        settled = settle(term)
        return settled, peak_memory_mb(term), own_peak_memory_mb(term)
    finally:
        term.close()


def first_passage(briefing: Briefing) -> str:
    return (
        briefing.sections[0].passages[0]
        if briefing.sections
        else briefing.documents[0].passages[0].id
    )


def first_screen_check(briefing: Briefing) -> Callable[[str], bool]:
    """The first screen as the reader will read it: the title, the notes of the first
    passage, that passage focused at the top of the reading pane (its header on screen
    with the focus bar, not a frame scrolled elsewhere) and the reading pane's keys in
    the footer (not the keys of a pane focused for a moment on the way)."""
    pid = first_passage(briefing)
    expected = (briefing.title[: COLUMNS // 2], marker(briefing, pid))
    focused = f"▌  {briefing.document_of(pid).short_name[:20]}"
    citation = briefing.citation(pid)

    def complete(screen: str) -> bool:
        if not all(e in screen for e in expected):
            return False
        lines = screen.splitlines()
        footer = lines[-1] if lines else ""
        if "? Help" not in footer or "Search" not in footer:
            return False
        return any(focused in line and citation in line.split(focused, 1)[1] for line in lines)

    return complete


def first_screen_reader(briefing_path: str | None, briefing: Briefing | None = None) -> float:
    briefing = briefing or load_briefing(briefing_path)
    term = open_reader(briefing_path)
    try:
        return term.wait_for(first_screen_check(briefing), "the reader's first screen")
    finally:
        term.close()


def first_screen_minimal() -> float:
    script = Path(__file__).with_name("minimal_app.py")
    term = StampedTerminal(
        [sys.executable, str(script)], cwd=Path(tempfile.gettempdir()), columns=COLUMNS, rows=ROWS
    )
    try:
        return term.wait_for(lambda s: "minimal app ready" in s, "the minimal app")
    finally:
        term.close()


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process so far, from /proc (Linux only)."""
    fields = _stat(pid)
    if fields is None:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command's name (state first), or None."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def process_tree(root: int) -> list[int]:
    """`root` and every process descended from it now, from /proc (Linux only)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        tree.append(pid)
        waiting += children.get(pid, [])
    return tree


def tree_cpu_seconds(root: int) -> float | None:
    """CPU time of `root` and its descendants so far, those that ended included.

    A process that ended and was waited for adds its time (and its own children's) to
    its parent's; the rest are still in the tree, so the sum only ever grows.
    """
    total = None
    for pid in process_tree(root):
        fields = _stat(pid)
        if fields is not None:
            total = (total or 0) + sum(int(f) for f in fields[11:15])  # utime..cstime
    return None if total is None else total / os.sysconf("SC_CLK_TCK")


def tree_memory_mb(root: int) -> float:
    """Memory `root` and its descendants hold now: the sum of their proportional set
    sizes, so that pages a forked worker shares with its parent count once, not twice
    (resident sizes where /proc/PID/smaps_rollup is missing)."""
    total = 0
    for pid in process_tree(root):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
        except OSError:
            found = None
        if found is None:
            try:
                found = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
            except OSError:
                continue
        total += int(found.group(1)) if found else 0
    return total / 1024


def key_minimal(runs: int) -> list[float]:
    """Key to repaint in the minimal app: the floor of this machine, pty and Textual."""
    script = Path(__file__).with_name("minimal_app.py")
    term = StampedTerminal(
        [sys.executable, str(script)], cwd=Path(tempfile.gettempdir()), columns=COLUMNS, rows=ROWS
    )
    samples = []
    try:
        term.wait_for(lambda s: "minimal app ready" in s, "the minimal app")
        settle(term)
        for step in range(1, runs + 1):
            samples.append(term.press("j", lambda s, n=step: f"step {n}" in s, "a step"))
    finally:
        term.close()
    return samples


def settle(term: StampedTerminal) -> float:
    """Wait until the reader's background work is done (no CPU time in its process tree
    for IDLE seconds); the seconds that took, less the idle wait. The tree's memory is
    sampled meanwhile, for `peak_memory_mb`."""
    start = time.perf_counter()
    last, quiet_since = tree_cpu_seconds(term.child.pid), time.perf_counter()
    if last is None:
        return 0.0
    while time.perf_counter() - start < SETTLE_TIMEOUT:
        time.sleep(0.1)
        term.drain()
        now = tree_cpu_seconds(term.child.pid)
        if now is None:
            break
        term.tree_peak_mb = max(term.tree_peak_mb, tree_memory_mb(term.child.pid))
        if now - last > 0.02:
            last, quiet_since = now, time.perf_counter()
        elif time.perf_counter() - quiet_since >= IDLE:
            return quiet_since - start
    return time.perf_counter() - start


def peak_memory_mb(term: StampedTerminal) -> float | None:
    """The most memory the program and its children held: the largest sum `settle` saw,
    or the program's own high-water mark when that is more (Linux only)."""
    own = own_peak_memory_mb(term)
    return None if own is None else max(own, term.tree_peak_mb)


def own_peak_memory_mb(term: Terminal) -> float | None:
    """The program's own high-water resident memory, its children left out (Linux only).

    A reading below PROGRAM_FLOOR_MB is left out, with a warning naming the process read:
    twice a full run read 6 MB for the reader, a figure no Python program with Textual
    imported can have, and printed it in the table as if it were one.
    """
    pid = term.child.pid
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    if found is None:
        return None
    peak = int(found.group(1)) / 1024
    if peak < PROGRAM_FLOOR_MB:
        fields = dict(re.findall(r"^(Name|State|PPid):\s+(.*)$", status, re.MULTILINE))
        print(
            f"bench: warning: process {pid} ({fields.get('Name', '?')},"
            f" state {fields.get('State', '?')}, parent {fields.get('PPid', '?')}) held at most"
            f" {peak:.1f} MB, too little to be the program measured; left out of the table",
            file=sys.stderr,
        )
        return None
    return peak


def key_to_repaint(
    runs: int, briefing_path: str | None, briefing: Briefing | None = None
) -> tuple[list[Result], float, float | None]:
    """Median time from a key press to the screen showing its effect (passage move, link
    follow, back); and the seconds until the background work was done, and peak memory."""
    briefing = briefing or load_briefing(briefing_path)
    section = briefing.sections[0]
    origin = next(pid for pid in section.passages if briefing.links_for(pid))
    position = section.passages.index(origin)
    step, after = (
        ("j", section.passages[position + 1])
        if position + 1 < len(section.passages)
        else ("k", section.passages[position - 1])
    )
    undo = "k" if step == "j" else "j"
    target = briefing.links_for(origin)[0].other(origin)

    move, follow, back = [], [], []
    term = open_reader(briefing_path)
    try:
        term.wait_for(shows(briefing, section.passages[0]), "the first screen")
        settled = settle(term)
        for _ in range(position):
            term.send("j")
        if not shows(briefing, origin)(term.text()):
            term.wait_for(shows(briefing, origin), "the linked passage")
        for _ in range(runs):
            move.append(term.press(step, shows(briefing, after), "move"))
            term.send(undo)
            term.wait_for(shows(briefing, origin), "move back")
            follow.append(term.press("1", shows(briefing, target), "link follow"))
            back.append(term.press("\x7f", shows(briefing, origin), "back"))
        memory = peak_memory_mb(term)
    finally:
        term.close()
    results = [
        Result("key: move to next passage", move),
        Result("key: follow link 1", follow),
        Result("key: back", back),
    ]
    return results, settled, memory


def long_view_keys(runs: int, briefing_path: str, briefing: Briefing) -> list[Result]:
    """In a first section of thousands of passages: move, page down, and jump to the end
    (past the section's own passages when the linker suggests more)."""
    section = briefing.sections[0].passages
    first, second = section[0], section[1]
    elsewhere = lambda s: current_citation(s) not in (briefing.citation(first), None)  # noqa: E731
    move, page, end = [], [], []
    term = open_reader(briefing_path)
    try:
        term.wait_for(shows(briefing, first), "the first screen")
        settle(term)
        for _ in range(runs):
            move.append(term.press("j", shows(briefing, second), "move"))
            term.send("k")
            term.wait_for(shows(briefing, first), "move back")
            page.append(term.press(" ", elsewhere, "page"))
            term.send("g")
            term.wait_for(shows(briefing, first), "back to the first")
            end.append(term.press("G", elsewhere, "the last passage"))
            term.send("g")
            term.wait_for(shows(briefing, first), "back to the first")
    finally:
        term.close()
    return [
        Result("key: move (long section)", move),
        Result("key: page down (long section)", page),
        Result("key: last passage (long section)", end),
    ]


def run(runs: int, briefing_path: str | None = None) -> str:
    briefing = load_briefing(briefing_path)
    reader, minimal = [], []
    first_screen_minimal()  # warm the file cache for both
    first_screen_reader(briefing_path, briefing)
    for _ in range(runs):  # interleaved, so that machine noise hits both alike
        minimal.append(first_screen_minimal())
        reader.append(first_screen_reader(briefing_path, briefing))
    startup = table(
        [Result("minimal Textual app", minimal), Result("briefing reader", reader)],
        baseline="minimal Textual app",
    )
    keys, _, _ = key_to_repaint(runs, briefing_path, briefing)
    keys.insert(0, Result("key: minimal app (yardstick)", key_minimal(runs)))
    return (
        f"First complete screen ({COLUMNS}x{ROWS}, pty)\n{startup}\n\nKey to repaint\n{table(keys)}"
    )
