"""The notes store under faults: killed writers, two writers, a damaged file, a read-only folder."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tiny_briefing import write_briefing

from briefing.core.loader import load_briefing
from briefing.core.model import Briefing
from briefing.core.userdata.paths import DATA_DIR_ENV
from briefing.core.userdata.store import ReadOnlyError, UserStore

FIXED = datetime(2026, 11, 23, 19, 30, 0, tzinfo=UTC)

# Adds notes as fast as it can; each id is printed only after its commit returned.
WRITER = textwrap.dedent(
    """
    import sys
    from briefing.core.loader import load_briefing
    from briefing.core.userdata.store import UserStore

    briefing = load_briefing(sys.argv[1])
    store, warnings = UserStore.open()
    assert not store.read_only and not warnings, warnings
    passages = list(briefing.passages)
    tag = sys.argv[2]
    if len(sys.argv) > 3:  # wait for the starting gun, so that writers overlap
        print("ready", flush=True)
        sys.stdin.readline()
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 10**9
    for i in range(count):
        text = f"{tag} {i}"
        note_id = store.add_note(briefing, passages[i % len(passages)], text)
        print(note_id, text, flush=True)
        if len(sys.argv) > 3 and i % 5 == 0:
            # Both writers toggle the same passage: the toggles must not interleave.
            store.toggle_bookmark(briefing, passages[0])
    print("done", flush=True)
    """
)


pytestmark = pytest.mark.usefixtures("data")
"""Every test keeps its user data in its own folder (conftest's `data`), never in the real home."""


@pytest.fixture
def briefing(tmp_path: Path) -> Briefing:
    return load_briefing(write_briefing(tmp_path / "tiny"))


def start_writer(briefing: Briefing, data: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(briefing.root), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, DATA_DIR_ENV: str(data)},
    )


def reported(lines: list[str]) -> dict[int, str]:
    """`{note id: text}` from a writer's output lines."""
    notes = {}
    for line in lines:
        if line.strip() and line.strip() not in ("ready", "done"):
            note_id, text = line.rstrip("\n").split(" ", 1)
            notes[int(note_id)] = text
    return notes


def stored_notes(data: Path) -> dict[int, str]:
    with sqlite3.connect(data / "notes.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return dict(db.execute("SELECT id, text FROM notes").fetchall())


def test_a_writer_killed_at_random_points_loses_no_committed_note(
    briefing: Briefing, data: Path
) -> None:
    rng = random.Random(20261123)
    committed: dict[int, str] = {}
    for round_number in range(20):
        writer = start_writer(briefing, data, f"round{round_number}")
        assert writer.stdout is not None
        # Wait for a random number of commits (reading blocks until the writer reports
        # one), then kill it wherever it is: mostly inside the next transaction.
        lines = [writer.stdout.readline() for _ in range(rng.randint(1, 30))]
        writer.send_signal(signal.SIGKILL)
        rest, errors = writer.communicate()
        assert writer.returncode == -signal.SIGKILL, errors
        assert all(lines), errors  # every awaited line came: the writer was working
        # Lines still in the pipe were printed after their commit too.
        committed |= reported(lines + rest.splitlines())
        assert stored_notes(data).items() >= committed.items()
    store, warnings = UserStore.open()
    with store:
        assert warnings == []
        assert {n.id: n.text for n in store.notes(briefing)}.items() >= committed.items()
        assert len(committed) >= 20


def test_two_writers_at_once_lose_nothing(briefing: Briefing, data: Path) -> None:
    UserStore.open()[0].close()  # create the database, so both writers start from it
    writers = [start_writer(briefing, data, tag, "60") for tag in ("left", "right")]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outputs = []
    for writer in writers:
        out, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors
        assert out.endswith("done\n")
        outputs.append(reported(out.splitlines()))
    left, right = outputs
    assert len(left) == len(right) == 60
    assert not left.keys() & right.keys()
    assert stored_notes(data) == left | right
    store, _ = UserStore.open()
    with store:
        # 12 toggles each of one passage, 24 in all: it ends where it started.
        assert store.bookmarks(briefing) == []


def test_a_damaged_database_is_moved_aside_and_a_new_one_started(
    briefing: Briefing, data: Path
) -> None:
    store, _ = UserStore.open()
    store.add_note(briefing, "alpha:1", "lost with the damage")
    store.close()
    (data / "notes.db").write_bytes(b"\x00garbage, not SQLite\xff" * 400)

    store, warnings = UserStore.open(clock=lambda: FIXED)
    with store:
        aside = data / "notes.db.corrupt-20261123T193000"
        assert aside.read_bytes().startswith(b"\x00garbage")
        assert warnings == [
            f"the notes database {data / 'notes.db'} was damaged: nothing could be "
            f"recovered, so a new one was started; the damaged file is {aside}"
        ]
        assert not store.read_only
        assert store.notes(briefing) == []
        store.add_note(briefing, "alpha:2", "a fresh start")
        assert [n.text for n in store.notes(briefing)] == ["a fresh start"]


def test_damage_found_by_the_integrity_check_is_handled_too(briefing: Briefing, data: Path) -> None:
    store, _ = UserStore.open()
    for i in range(300):
        store.add_note(briefing, "alpha:1", f"note {i} " + "x" * 300)
    store.close()
    damaged = bytearray((data / "notes.db").read_bytes())
    # Keep the header page (so it still opens as SQLite) and scribble over the rest.
    for offset in range(4096 + 17, len(damaged), 101):
        damaged[offset] = 0xA5
    (data / "notes.db").write_bytes(bytes(damaged))
    first = datetime(2026, 11, 23, 19, 30, 0, tzinfo=UTC)

    store, warnings = UserStore.open(clock=lambda: first)
    with store:
        assert len(warnings) == 1 and "was damaged" in warnings[0]
        store.add_note(briefing, "alpha:1", "works")
    # Damaged again within the same second: a second name, not an overwrite.
    (data / "notes.db").write_bytes(b"junk" * 2000)
    store, warnings = UserStore.open(clock=lambda: first)
    store.close()
    assert sorted(p.name for p in data.glob("notes.db.corrupt-*") if "-wal" not in p.name) == [
        "notes.db.corrupt-20261123T193000",
        "notes.db.corrupt-20261123T193000-2",
    ]


def test_read_only_opening_reports_damage_without_moving_it(data: Path) -> None:
    data.mkdir()
    (data / "notes.db").write_bytes(b"junk" * 2000)
    store, warnings = UserStore.open(read_only=True)
    with store:
        assert warnings == [f"cannot read notes: {data / 'notes.db'} is damaged"]
        assert store.read_only
    assert (data / "notes.db").read_bytes() == b"junk" * 2000
    assert not list(data.glob("*.corrupt-*"))


def test_read_only_opening_creates_nothing(briefing: Briefing, data: Path) -> None:
    store, warnings = UserStore.open(read_only=True)
    with store:
        assert (warnings, store.notes(briefing), store.load_place(briefing)) == ([], [], None)
        with pytest.raises(ReadOnlyError):
            store.add_note(briefing, "alpha:1", "no")
    assert not data.exists()


def test_a_data_dir_that_cannot_be_created_gives_a_read_only_session(
    briefing: Briefing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A path under a regular file can never be a folder, even for root.
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "a-file" / "data"))
    store, warnings = UserStore.open()
    with store:
        assert store.read_only
        assert len(warnings) == 1
        assert re.fullmatch(
            r"notes are read-only: cannot create the folder .*a-file/data \(.+\)", warnings[0]
        )
        assert store.read_only_reason == warnings[0]
        assert store.notes(briefing) == []
        assert store.bookmarks(briefing) == []
        with pytest.raises(ReadOnlyError, match="not saved: notes are read-only"):
            store.add_note(briefing, "alpha:1", "typed but not saved")
        with pytest.raises(ReadOnlyError):
            store.toggle_bookmark(briefing, "alpha:1")


# Opens the store in a folder (or on a file) that cannot be written, and reports.
READ_ONLY_PROBE = textwrap.dedent(
    """
    import json, sys
    from briefing.core.loader import load_briefing
    from briefing.core.userdata.store import ReadOnlyError, UserStore

    briefing = load_briefing(sys.argv[1])
    store, warnings = UserStore.open()
    result = {
        "read_only": store.read_only,
        "warnings": warnings,
        "notes": [n.text for n in store.notes(briefing)],
        "bookmarks": [b.passage for b in store.bookmarks(briefing)],
    }
    try:
        store.add_note(briefing, "alpha:1", "should fail")
        result["write"] = "saved"
    except ReadOnlyError as exc:
        result["write"] = "ReadOnlyError: " + str(exc)
    print(json.dumps(result))
    """
)


def _probe_read_only(briefing: Briefing, data: Path, what: str) -> dict[str, object]:
    """Run the probe with `what` ('folder' or 'file') unwritable; skip if that cannot be done."""
    target = data if what == "folder" else data / "notes.db"
    command = [sys.executable, "-c", READ_ONLY_PROBE, str(briefing.root)]
    target.chmod(0o500 if what == "folder" else 0o400)
    try:
        if not os.access(target, os.W_OK):
            result = subprocess.run(command, capture_output=True, text=True, timeout=60)
            assert result.returncode == 0, result.stderr
            return json.loads(result.stdout)
    finally:
        # As a user would fix it: SQLite gave the -wal/-shm the database's mode.
        for part in (data, *data.iterdir()):
            part.chmod(0o700 if part.is_dir() else 0o600)
    # Root writes through chmod; a read-only bind mount (in a private mount namespace)
    # stops even root.
    if shutil.which("unshare") is None:
        pytest.skip("chmod does not stop this user and there is no unshare for a read-only mount")
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 77; shift; exec "$@"'
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", str(target), *command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode in (1, 77) and not result.stdout:
        pytest.skip(f"chmod does not stop this user and no read-only mount: {result.stderr}")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_data_dir_gives_a_read_only_session(
    briefing: Briefing, data: Path, what: str
) -> None:
    store, _ = UserStore.open()
    store.add_note(briefing, "beta:2", "written before")
    store.toggle_bookmark(briefing, "alpha:3")
    store.close()

    result = _probe_read_only(briefing, data, what)
    assert result["read_only"] is True
    [warning] = result["warnings"]
    unwritable = data if what == "folder" else data / "notes.db"
    assert warning.startswith(f"notes are read-only: cannot write to {unwritable} (")
    assert result["notes"] == ["written before"]
    assert result["bookmarks"] == ["alpha:3"]
    assert result["write"] == f"ReadOnlyError: not saved: {warning}"
    # And the store still works where it can be written.
    again, warnings = UserStore.open()
    with again:
        assert warnings == [] and not again.read_only
        assert [n.text for n in again.notes(briefing)] == ["written before"]


def test_a_folder_that_turns_read_only_mid_session_makes_the_session_read_only(
    briefing: Briefing, data: Path
) -> None:
    store, _ = UserStore.open()
    store.add_note(briefing, "alpha:1", "before")
    # What the process sees when its files become unwritable under it: SQLite refuses
    # the write with SQLITE_READONLY. A read-only connection to the same file does that.
    store._connection.close()
    store._connection = sqlite3.connect(
        f"{(data / 'notes.db').as_uri()}?mode=ro", uri=True, isolation_level=None
    )
    with store:
        with pytest.raises(ReadOnlyError, match="not saved: notes are read-only"):
            store.add_note(briefing, "alpha:2", "typed")
        assert store.read_only
        assert [n.text for n in store.notes(briefing)] == ["before"]
        with pytest.raises(ReadOnlyError):
            store.toggle_bookmark(briefing, "alpha:2")


def test_a_database_from_a_newer_version_is_opened_read_only(
    briefing: Briefing, data: Path
) -> None:
    store, _ = UserStore.open()
    store.add_note(briefing, "alpha:1", "from today")
    store.close()
    with sqlite3.connect(data / "notes.db") as db:
        db.execute("PRAGMA user_version = 99")
    store, warnings = UserStore.open()
    with store:
        assert warnings == [
            f"notes are read-only: {data / 'notes.db'} was written by a newer version of briefing"
        ]
        assert [n.text for n in store.notes(briefing)] == ["from today"]
        with pytest.raises(ReadOnlyError):
            store.delete_note(1)


def test_a_partly_damaged_database_gives_back_the_notes_it_still_holds(
    briefing: Briefing, data: Path
) -> None:
    store, _ = UserStore.open()
    for i in range(60):
        store.add_note(briefing, "alpha:1", f"note {i} " + "x" * 400)
    store.toggle_bookmark(briefing, "beta:2")
    store.close()
    page = 4096
    damaged = bytearray((data / "notes.db").read_bytes())
    pages = len(damaged) // page
    assert pages >= 10
    # Two pages of notes in the middle overwritten; the schema and the rest intact.
    for number in (pages // 2, pages // 2 + 2):
        damaged[number * page : (number + 1) * page] = b"\xa5" * page
    (data / "notes.db").write_bytes(bytes(damaged))

    store, warnings = UserStore.open(clock=lambda: FIXED)
    with store:
        recovered = {n.text.split(" x")[0] for n in store.notes(briefing)}
        assert 40 <= len(recovered) < 60
        assert [b.passage for b in store.bookmarks(briefing)] == ["beta:2"]
        aside = data / "notes.db.corrupt-20261123T193000"
        assert warnings == [
            f"the notes database {data / 'notes.db'} was damaged: recovered "
            f"{len(recovered)} notes and 1 bookmark into a new one; the damaged file is {aside}"
        ]
        assert aside.read_bytes() == bytes(damaged)  # left as it was, for a closer look
        store.add_note(briefing, "alpha:2", "and it works")
