"""`briefing notes` and `briefing summary --with-notes`, run as a user would, on seeded notes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_support import Run, clean_env

from briefing.core.loader import load_briefing
from briefing.core.userdata.identity import briefing_identity
from briefing.core.userdata.store import UserStore

ONE = [
    "The ferry sailed at dawn from the northern harbour.",
    "Passengers said the crossing was rough but nobody was hurt.",
    "The operator promised a full report by Friday.",
]
TWO = ["At dawn the ferry left port with 212 passengers [1] aboard."]
YAML = """\
title: Ferry briefing
documents: [docs/one.md, docs/two.md]
sections:
  - id: departure
    title: Departure
    intro: When the ferry left.
    passages:
      - {doc: one, quote: "sailed at dawn"}
      - {doc: two, quote: "left port"}
  - id: aftermath
    title: Aftermath
    passages:
      - {doc: one, quote: "crossing was rough"}
"""


def write_docs(folder: Path, one: list[str]) -> None:
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    for name, title, publisher, paragraphs in (
        ("one", "One", "First Post", one),
        ("two", "Two", "Second Wire", TWO),
    ):
        front = f"---\ntitle: {title}\npublisher: {publisher}\n---\n\n"
        (folder / "docs" / f"{name}.md").write_text(
            front + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 4, 5, 6, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def folder(tmp_path: Path, data: Path) -> Path:
    """A briefing with three notes and two bookmarks; then edited so that one note is orphaned."""
    folder = tmp_path / "ferry"
    write_docs(folder, ONE)
    (folder / "briefing.yaml").write_text(YAML, encoding="utf-8")
    briefing = load_briefing(folder)
    store, warnings = UserStore.open(data, clock=Clock())
    assert warnings == []
    with store:
        store.add_note(briefing, "one:2", "Check with the coastguard.\nThey keep logs.")
        store.add_note(briefing, "two:1", "Same time as One says.")
        store.add_note(briefing, "one:3", "Follow up on Friday.")
        store.toggle_bookmark(briefing, "two:1")
        store.toggle_bookmark(briefing, "one:1")
    # A new first paragraph, and the promise of a report taken out.
    write_docs(folder, ["Updated at noon.", *ONE[:2]])
    return folder


def env(data: Path) -> dict[str, str]:
    return clean_env(BRIEFING_DATA_DIR=str(data))


def test_notes_as_json(run: Run, folder: Path, data: Path) -> None:
    result = run("notes", str(folder), "--format", "json", env=env(data))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    one = {"id": "one", "number": 1, "title": "One", "publisher": "First Post"}
    two = {"id": "two", "number": 2, "title": "Two", "publisher": "Second Wire"}
    assert json.loads(result.stdout) == {
        "briefing": {
            "title": "Ferry briefing",
            "identity": briefing_identity(load_briefing(folder)),
        },
        "notes": [
            {
                "id": 1,
                "text": "Check with the coastguard.\nThey keep logs.",
                "created": "2026-03-04T05:07:00Z",
                "updated": "2026-03-04T05:07:00Z",
                "status": "exact",
                "passage": {
                    "id": "one:3",
                    "citation": "[1 ¶3]",
                    "snippet": ONE[1],
                    "source": one,
                },
            },
            {
                "id": 2,
                "text": "Same time as One says.",
                "created": "2026-03-04T05:08:00Z",
                "updated": "2026-03-04T05:08:00Z",
                "status": "exact",
                "passage": {
                    "id": "two:1",
                    "citation": "[2 ¶1]",
                    "snippet": TWO[0],
                    "source": two,
                },
            },
        ],
        "bookmarks": [
            {
                "id": 2,
                "created": "2026-03-04T05:11:00Z",
                "status": "exact",
                "passage": {"id": "one:2", "citation": "[1 ¶2]", "snippet": ONE[0], "source": one},
            },
            {
                "id": 1,
                "created": "2026-03-04T05:10:00Z",
                "status": "exact",
                "passage": {"id": "two:1", "citation": "[2 ¶1]", "snippet": TWO[0], "source": two},
            },
        ],
        "orphans": {
            "notes": [
                {
                    "id": 3,
                    "text": "Follow up on Friday.",
                    "created": "2026-03-04T05:09:00Z",
                    "updated": "2026-03-04T05:09:00Z",
                    "reason": "the passage is no longer in the source 'one'",
                    "anchor": {
                        "doc": "one",
                        "last_passage": "one:3",
                        "quote": ONE[2],
                        "snippet": ONE[2],
                    },
                    "source": one,
                }
            ],
            "bookmarks": [],
        },
        "offered": [],
    }


def test_notes_as_markdown(run: Run, folder: Path, data: Path) -> None:
    result = run("notes", str(folder), "--format", "markdown", env=env(data))
    assert result.returncode == 0, result.stderr
    assert result.stdout == textwrap.dedent(
        """\
        # Your notes: Ferry briefing

        ## Notes

        - **[1 ¶3]** First Post — One: “Passengers said the crossing was rough but nobody was hurt.”

          Check with the coastguard.
          They keep logs.

        - **[2 ¶1]** Second Wire — Two: “At dawn the ferry left port with 212 passengers \\[1\\] aboard.”

          Same time as One says.

        ## Bookmarks

        - **[1 ¶2]** First Post — One: “The ferry sailed at dawn from the northern harbour.”
        - **[2 ¶1]** Second Wire — Two: “At dawn the ferry left port with 212 passengers \\[1\\] aboard.”

        ## Orphaned notes and bookmarks

        Their passage is no longer in the briefing; the text they were attached to is quoted.

        - Note on *one* (was one:3): “The operator promised a full report by Friday.” — the passage is no longer in the source 'one'

          Follow up on Friday.
        """
    )


def test_markdown_is_the_default_and_the_output_is_stable(
    run: Run, folder: Path, data: Path
) -> None:
    first = run("notes", str(folder), env=env(data))
    again = run("notes", str(folder), "--format", "markdown", env=env(data))
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout


def test_no_notes_yet_creates_nothing(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    write_docs(folder, ONE)
    (folder / "briefing.yaml").write_text(YAML, encoding="utf-8")
    data = tmp_path / "never-created"
    result = run("notes", str(folder), env=env(data))
    assert result.returncode == 0, result.stderr
    assert "No notes yet." in result.stdout and "No bookmarks yet." in result.stdout
    assert not data.exists()


def test_summary_with_notes_as_text(run: Run, folder: Path, data: Path) -> None:
    plain = run("summary", str(folder), "--width", "44", env=env(data))
    result = run("summary", str(folder), "--width", "44", "--with-notes", env=env(data))
    assert result.returncode == 0, result.stderr
    assert "Your notes" not in plain.stdout
    assert result.stdout.startswith(plain.stdout + "\n")
    assert result.stdout[len(plain.stdout) :] == textwrap.dedent(
        """\

        Your notes
        ----------
          • [1 ¶3] “Passengers said the crossing was
            rough but…”:
            Check with the coastguard.
            They keep logs.
          • [2 ¶1] “At dawn the ferry left port with
            212 passengers…”:
            Same time as One says.
          • Orphaned, from one: “The operator
            promised a full report by Friday.”:
            Follow up on Friday.
          • Bookmarked: [1 ¶2] [2 ¶1]
        """
    )
    assert max(len(line) for line in result.stdout.splitlines()) <= 44


def test_summary_with_notes_as_markdown(run: Run, folder: Path, data: Path) -> None:
    result = run(
        "summary", str(folder), "--format", "markdown", "--width", "60", "--with-notes",
        env=env(data),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    tail = result.stdout[result.stdout.index("## Your notes") :]
    assert tail == textwrap.dedent(
        """\
        ## Your notes

        - [1 ¶3] “Passengers said the crossing was rough but…”:
          Check with the coastguard. They keep logs.
        - [2 ¶1] “At dawn the ferry left port with 212 passengers…”:
          Same time as One says.
        - Orphaned, from one: “The operator promised a full report
          by Friday.”: Follow up on Friday.
        - Bookmarked: [1 ¶2] [2 ¶1]
        """
    )


def test_summary_of_one_section_shows_only_its_notes(run: Run, folder: Path, data: Path) -> None:
    result = run("summary", str(folder), "--section", "departure", "--with-notes", env=env(data))
    assert result.returncode == 0, result.stderr
    tail = result.stdout[result.stdout.index("Your notes") :]
    assert "Same time as One says." in tail
    assert "coastguard" not in tail and "Friday" not in tail
    assert "Bookmarked: [1 ¶2] [2 ¶1]" in tail


def test_notes_on_the_bundled_briefing(run: Run, data: Path) -> None:
    briefing = load_briefing()
    first = next(iter(briefing.passages))
    store, _ = UserStore.open(data, clock=Clock())
    with store:
        store.add_note(briefing, first, "On the bundled briefing.")
    result = run("notes", "--format", "json", env=env(data))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["briefing"]["identity"] == "id:" + briefing.id
    assert [(n["text"], n["passage"]["id"]) for n in report["notes"]] == [
        ("On the bundled briefing.", first)
    ]


def test_a_damaged_database_is_a_warning_not_a_failure(run: Run, folder: Path, data: Path) -> None:
    (data / "notes.db").write_bytes(b"not a database" * 500)
    for args in (("notes", str(folder)), ("summary", str(folder), "--with-notes")):
        result = run(*args, env=env(data))
        assert result.returncode == 0, result.stderr
        assert result.stderr == (
            f"briefing {args[0]}: warning: cannot read notes: {data / 'notes.db'} is damaged\n"
        )
    # The export leaves the file for the reader to move aside.
    assert (data / "notes.db").read_bytes() == b"not a database" * 500


@pytest.mark.parametrize("args", [["notes"], ["summary", "--with-notes"]])
def test_notes_commands_do_not_import_textual(args: list[str], data: Path) -> None:
    code = (
        "import os, sys\n"
        "from briefing.cli import main\n"
        "real = sys.stdout\n"
        "sys.stdout = open(os.devnull, 'w')\n"
        f"code = main({args!r})\n"
        "sys.stdout = real\n"
        "print(code, 'textual' in sys.modules, 'briefing.tui' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=env(data),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "False", "False"]


def test_notes_of_a_briefing_copied_and_retitled_are_offered(
    run: Run, folder: Path, data: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    yaml_file = copy / "briefing.yaml"
    yaml_file.write_text(yaml_file.read_text().replace("Ferry briefing", "Ferry, my copy"))
    result = run("notes", str(copy), "--format", "json", env=env(data))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["notes"] == []
    assert report["orphans"]["notes"] == []  # another's notes are not this one's orphans
    offered = report["offered"]
    # On the passages of the copy that have their text, then the one whose text it lacks.
    assert [(n["text"], n["passage"] and n["passage"]["id"]) for n in offered] == [
        ("Check with the coastguard.\nThey keep logs.", "one:3"),
        ("Same time as One says.", "two:1"),
        ("Follow up on Friday.", None),
    ]
    assert {n["kept_with"] for n in offered} == {"“Ferry briefing”"}
    assert {n["kept_with_identity"] for n in offered} == {briefing_identity(load_briefing(folder))}
    assert {n["kept_in"] for n in offered} == {str(folder.resolve())}
    assert offered[2]["reason"] == "its passage is not in this briefing"
    markdown = run("notes", str(copy), env=env(data)).stdout
    assert "Orphaned" not in markdown
    kept = markdown[markdown.index("## Notes kept with “Ferry briefing”") :]
    assert "**[1 ¶3]** First Post — One:" in kept and "**[2 ¶1]**" in kept
    assert "Follow up on Friday." in kept and "its passage is not in this briefing" in kept
    # Nor are they the copy's in its summary.
    summary = run("summary", str(copy), "--with-notes", env=env(data)).stdout
    assert "No notes or bookmarks on this briefing yet." in summary
    assert "coastguard" not in summary and "Orphaned" not in summary


def test_a_note_copied_and_edited_since_is_no_longer_listed_as_offered(
    run: Run, folder: Path, data: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    yaml_file = copy / "briefing.yaml"
    yaml_file.write_text(yaml_file.read_text().replace("Ferry briefing", "Ferry, my copy"))
    mine = load_briefing(copy)
    store, _ = UserStore.open(data, clock=Clock())
    with store:
        offered = next(n for n in store.notes(mine) if n.passage == "one:3")
        copied = store.copy_note(offered.id, mine, "one:3")
        store.update_note(copied, offered.text + " (edited here)")
    report = json.loads(run("notes", str(copy), "--format", "json", env=env(data)).stdout)
    assert [n["text"] for n in report["notes"]] == [
        "Check with the coastguard.\nThey keep logs. (edited here)"
    ]
    assert [n["text"] for n in report["offered"]] == [
        "Same time as One says.",
        "Follow up on Friday.",
    ]
    markdown = run("notes", str(copy), env=env(data)).stdout
    assert markdown.count("coastguard") == 1


def test_notes_kept_with_another_briefing_follow_the_orphans_after_one_blank_line(
    run: Run, folder: Path, data: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    yaml_file = copy / "briefing.yaml"
    yaml_file.write_text(yaml_file.read_text().replace("Ferry briefing", "Ferry, my copy"))
    store, _ = UserStore.open(data, clock=Clock())
    with store:
        store.add_note(load_briefing(copy), "one:1", "Noted on the copy.")
    markdown = run("notes", str(folder), env=env(data)).stdout
    assert "\n\n\n" not in markdown
    assert markdown.endswith(
        "  Follow up on Friday.\n\n## Notes kept with “Ferry, my copy”\n\n"
        "They stay with that briefing; each is shown on the passage here with its text "
        "(in the reader, `c` copies one into this briefing's notes).\n\n"
        "- **[1 ¶1]** First Post — One: “Updated at noon.”\n\n  Noted on the copy.\n"
    )


def test_notes_of_the_bundled_briefing_on_an_imported_copy_of_its_source(
    run: Run, tmp_path: Path, data: Path
) -> None:
    """init + import of a source the bundled briefing has: its note is on the passage with
    its text, named as the bundled briefing, never by the folder it is installed in."""
    bundled = load_briefing()
    source = bundled.documents[3]
    first = source.passages[0]
    store, _ = UserStore.open(data, clock=Clock())
    with store:
        store.add_note(bundled, first.id, "Check the wording.")
    raw = tmp_path / "article.txt"
    raw.write_text(
        source.title + "\n\n" + "\n\n".join(p.text for p in source.passages) + "\n",
        encoding="utf-8",
    )
    folder = tmp_path / "mine"
    assert run("init", str(folder), env=env(data)).returncode == 0
    made = run("import", str(raw), "--into", str(folder), "--id", source.id, env=env(data))
    assert made.returncode == 0, made.stderr
    imported = load_briefing(folder)
    [here] = [p.id for p in imported.passages.values() if p.text == first.text]

    result = run("notes", str(folder), env=env(data))
    assert result.returncode == 0, result.stderr
    assert "Orphaned" not in result.stdout
    assert str(bundled.root) not in result.stdout
    kept = result.stdout[result.stdout.index("## Notes kept with the bundled briefing") :]
    assert f"- **{imported.citation(here)}**" in kept
    assert "Check the wording." in kept
    report = json.loads(run("notes", str(folder), "--format", "json", env=env(data)).stdout)
    [offered] = report["offered"]
    assert (offered["kept_with"], offered["passage"]["id"]) == ("the bundled briefing", here)
    assert "kept_in" not in offered


def test_a_briefing_made_by_init_carries_an_id_so_its_notes_follow_a_move(
    run: Run, tmp_path: Path, data: Path
) -> None:
    made = [tmp_path / "first", tmp_path / "second"]
    for folder in made:
        result = run("init", str(folder), env=env(data))
        assert result.returncode == 0, result.stderr
    ids = [
        re.search(r"^id: ([0-9a-f]{16})$", (f / "briefing.yaml").read_text(), re.M) for f in made
    ]
    assert all(ids) and ids[0].group(1) != ids[1].group(1)
    # Give the first one a source, note on it, move it: the note comes along.
    folder = made[0]
    write_docs(folder, ONE)
    yaml_file = folder / "briefing.yaml"
    yaml_file.write_text(yaml_file.read_text().replace("documents: []", "documents: [docs/one.md]"))
    store, _ = UserStore.open(data, clock=Clock())
    with store:
        store.add_note(load_briefing(folder), "one:2", "Moves with the folder.")
    moved = tmp_path / "archive" / "renamed"
    moved.parent.mkdir()
    folder.rename(moved)
    report = json.loads(run("notes", str(moved), "--format", "json", env=env(data)).stdout)
    assert report["briefing"]["identity"] == f"id:{ids[0].group(1)}"
    assert [(n["text"], n["passage"]["id"]) for n in report["notes"]] == [
        ("Moves with the folder.", "one:2")
    ]
