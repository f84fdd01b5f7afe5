"""The installed `briefing` command in a real pseudo-terminal, read back through a terminal emulator."""

from __future__ import annotations

import shutil
from pathlib import Path

import pexpect
import pytest

from briefing.core.loader import load_briefing

from .terminal import Terminal, briefing_command


@pytest.mark.skipif(shutil.which("stty") is None, reason="needs a POSIX terminal")
def test_reader_in_a_real_terminal_follows_a_link_goes_back_and_quits(tmp_path: Path):
    briefing = load_briefing()
    first_section = briefing.sections[0]
    origin = next(pid for pid in first_section.passages if briefing.links_for(pid))
    position = first_section.passages.index(origin)
    target = briefing.links_for(origin)[0].other(origin)
    origin_citation = briefing.citation(origin)
    target_citation = briefing.citation(target)

    term = Terminal(briefing_command(), cwd=tmp_path, columns=120, rows=36)
    try:
        term.wait_for(
            lambda s: briefing.title in s and first_section.title in s, "the first screen"
        )
        for _ in range(position):
            term.send("j")
        term.wait_for(lambda s: f"{origin_citation}  {origin}" in s, f"focus on {origin}")

        term.send("1")
        term.wait_for(lambda s: f"{target_citation}  {target}" in s, f"the link target {target}")

        term.send("\x7f")  # backspace: back
        term.wait_for(lambda s: f"{origin_citation}  {origin}" in s, f"back on {origin}")

        term.send("q")
        term.child.expect(pexpect.EOF, timeout=20)
    finally:
        term.child.close()
    assert term.child.exitstatus == 0


@pytest.mark.skipif(shutil.which("stty") is None, reason="needs a POSIX terminal")
def test_timeline_in_a_real_terminal_opens_a_passage_and_back_returns(tmp_path: Path):
    from briefing.tui.insight import build_insight

    briefing = load_briefing()
    first = build_insight(briefing).timeline[0]
    marker = f"{briefing.citation(first.passage)}  {first.passage}"

    term = Terminal(briefing_command(), cwd=tmp_path, columns=120, rows=36)
    try:
        term.wait_for(lambda s: briefing.sections[0].title in s, "the first screen")
        term.wait_for(lambda s: "finding suggested links" not in s, "the linker to finish")
        term.send("T")
        term.wait_for(lambda s: "dates from" in s and first.label in s, "the timeline")
        term.send("\r")
        term.wait_for(
            lambda s: marker in s and "—  Timeline" not in s, f"the passage {first.passage}"
        )
        term.send("\x7f")  # backspace: back to the timeline
        term.wait_for(lambda s: "dates from" in s, "the timeline again")
        term.send("q")
        term.child.expect(pexpect.EOF, timeout=20)
    finally:
        term.child.close()
    assert term.child.exitstatus == 0


@pytest.mark.skipif(shutil.which("stty") is None, reason="needs a POSIX terminal")
def test_keys_typed_right_after_q_open_nothing_and_the_reader_exits_cleanly(tmp_path: Path):
    briefing = load_briefing()
    term = Terminal(briefing_command(), cwd=tmp_path, columns=80, rows=24)
    try:
        term.wait_for(lambda s: briefing.sections[0].title in s, "the first screen")
        # The notes store opens after the first screen; until then `a` only says so.
        for _ in range(10):
            term.send("a")
            try:
                term.wait_for(lambda s: "Your note on" in s, "the note editor", timeout=2)
                break
            except AssertionError:
                continue
        term.send("\x1b")
        term.wait_for(lambda s: "Your note on" not in s, "the editor closed")
        # One write, as a fast typist (or a word typed into the wrong window) would: `e`
        # and `?` arrive while the reader is closing.
        term.send("question")
        term.child.expect(pexpect.EOF, timeout=20)
        said = (term.child.before or b"").decode("utf-8", "replace")
    finally:
        term.child.close()
    assert term.child.exitstatus == 0
    assert "Traceback" not in said and "NoMatches" not in said


@pytest.mark.skipif(shutil.which("stty") is None, reason="needs a POSIX terminal")
def test_a_briefing_with_a_broken_link_opens_says_so_and_leaves_the_error_on_quitting(
    tmp_path: Path,
):
    """Like vim on a file it cannot fully read: the reader opens without the link whose
    quote matches nothing, names the problem, and prints it again once closed."""
    bundled = load_briefing()
    folder = tmp_path / "broken"
    shutil.copytree(bundled.root, folder)
    yaml_file = folder / "briefing.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    good = 'to: {doc: asianage, quote: "disembarkation from his bullet-proof train'
    assert good in text
    yaml_file.write_text(text.replace(good, good.replace("bullet-proof", "bulletproof"), 1))

    term = Terminal([*briefing_command(), str(folder)], cwd=tmp_path, columns=120, rows=36)
    try:
        term.wait_for(
            lambda s: bundled.sections[0].title in s and "The briefing has errors" in s,
            "the first screen with the warning",
        )
        term.send("q")
        term.child.expect(pexpect.EOF, timeout=20)
        said = (term.child.before or b"").decode("utf-8", "replace")
    finally:
        term.child.close()
    assert term.child.exitstatus == 0
    after = said.rsplit("\x1b[?1049l", 1)[1]  # printed once the full screen has closed
    assert "briefing.yaml:" in after and "error: quote in a link's 'to'" in after
    assert "Traceback" not in said
