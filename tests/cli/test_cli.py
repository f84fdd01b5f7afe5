"""`python -m briefing` as a subprocess: output, exit codes, and one clear line for bad input."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import shlex
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from cli_support import SEEDS, Run, clean_env, write_tiny_briefing

from briefing.core.loader import load_briefing
from briefing.core.locate import bundled_briefing
from briefing.core.summary import render_summary

BUNDLED = load_briefing(bundled_briefing())


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr


def assert_one_error_line(result: subprocess.CompletedProcess[str], expected: str) -> None:
    """Bad input: a non-zero exit, exactly one line on stderr, and no traceback."""
    assert result.returncode != 0
    assert result.stderr.splitlines() == [expected]
    assert_no_traceback(result)


def bundled_briefing_seen_by_cli(cwd: Path) -> Path:
    """The bundled briefing as a subprocess finds it: the installed package's copy in CI,
    which is not the source tree's `content/` that this test process imports."""
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "from briefing.core.locate import bundled_briefing as b; print(b())",
        ],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(found.stdout.strip())


def run_in_terminal(
    tmp_path: Path, *args: str, columns: int, env: dict[str, str]
) -> tuple[int, str]:
    """Run the CLI with its stdout on a pseudo-terminal `columns` wide; return code and output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", *args],
        cwd=tmp_path,
        env=env,
        stdin=slave,
        stdout=slave,
        stderr=subprocess.DEVNULL,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child has closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    process.wait(timeout=60)
    return process.returncode, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


# -- summary ----------------------------------------------------------------------


def test_summary_of_the_bundled_briefing_when_piped(run: Run) -> None:
    result = run("summary")
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.startswith(BUNDLED.title + "\n")
    assert "[1 ¶" in result.stdout
    assert "\x1b" not in result.stdout
    # Piped, the width is 80, whatever the terminal the test runs in.
    assert result.stdout == render_summary(BUNDLED, width=80)
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_summary_width_is_respected(run: Run) -> None:
    result = run("summary", "--width", "50")
    assert result.returncode == 0
    assert result.stdout == render_summary(BUNDLED, width=50)
    assert max(len(line) for line in result.stdout.splitlines()) <= 50


def test_summary_in_a_terminal_is_coloured_and_fits_it(tmp_path: Path) -> None:
    code, out = run_in_terminal(tmp_path, "summary", columns=90, env=clean_env())
    assert code == 0
    assert out == render_summary(BUNDLED, width=90, color=True)
    assert "\x1b[1m" in out


def test_summary_in_a_wide_terminal_stops_at_100(tmp_path: Path) -> None:
    code, out = run_in_terminal(tmp_path, "summary", columns=160, env=clean_env())
    assert code == 0
    assert out == render_summary(BUNDLED, width=100, color=True)


def test_columns_overrides_the_terminal_width(tmp_path: Path) -> None:
    env = clean_env(COLUMNS="60")
    code, out = run_in_terminal(tmp_path, "summary", columns=160, env=env)
    assert code == 0
    assert out == render_summary(BUNDLED, width=60, color=True)


def test_no_color_turns_colour_off_in_a_terminal(tmp_path: Path) -> None:
    code, out = run_in_terminal(tmp_path, "summary", columns=90, env=clean_env(NO_COLOR="1"))
    assert code == 0
    assert "\x1b" not in out
    assert out == render_summary(BUNDLED, width=90)


def test_summary_as_markdown(run: Run) -> None:
    result = run("summary", "--format", "markdown")
    assert result.returncode == 0
    assert result.stdout.startswith("# ")
    assert "\n## Sources\n" in result.stdout
    assert result.stdout == render_summary(BUNDLED, width=80, fmt="markdown")


def test_summary_of_one_section(run: Run) -> None:
    section = BUNDLED.sections[1]
    result = run("summary", "--section", section.id)
    assert result.returncode == 0
    assert result.stdout == render_summary(BUNDLED, width=80, section_id=section.id)
    assert BUNDLED.sections[0].title + "\n" not in result.stdout


def test_summary_of_a_folder_given_by_path(run: Run, tmp_path: Path) -> None:
    write_tiny_briefing(tmp_path / "ferry")
    result = run("summary", "ferry", "--width", "40")
    assert result.returncode == 0
    assert result.stdout == (
        "Ferry briefing\n"
        "==============\n"
        "\n"
        "Sources\n"
        "[1] One\n"
        "    First Post · no byline · undated\n"
        "[2] Two\n"
        "    Second Wire · no byline · undated\n"
        "\n"
        "Departure\n"
        "---------\n"
        "When the ferry left.\n"
        "\n"
        "  • The ferry left at dawn. [1 ¶1]\n"
        "    [2 ¶1]\n"
    )


# -- check and export -------------------------------------------------------------


def test_check_of_the_bundled_briefing_passes(run: Run) -> None:
    result = run("check")
    assert result.returncode == 0
    assert ": error:" not in result.stdout + result.stderr
    assert_no_traceback(result)


def test_check_of_a_broken_briefing_lists_file_line_errors(run: Run, tmp_path: Path) -> None:
    write_tiny_briefing(
        tmp_path / "broken",
        """\
        title: Broken
        secitons: []
        documents: [docs/one.md, docs/two.md, ../escape.md]
        links:
          - from: {doc: one, quote: "ferry"}
            to: {doc: one, quote: "dawn"}
        """,
    )
    result = run("check", "broken")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [
        "broken/briefing.yaml:2: error: unknown key 'secitons': did you mean 'sections'? "
        "(in the briefing)",
        "broken/briefing.yaml:3: error: document path '../escape.md' leaves the briefing "
        "folder: keep documents inside it (for example docs/name.md)",
        "broken/briefing.yaml:5: error: link from one:1 to one:1 stays within one document: "
        "links join different sources",
    ]
    assert result.stderr == "3 errors, 0 warnings\n"


def test_check_of_a_missing_path_reports_it(run: Run) -> None:
    result = run("check", "nowhere")
    assert result.returncode == 1
    assert result.stdout == "nowhere: error: no such file or folder\n"
    assert result.stderr == "1 error, 0 warnings\n"


def test_check_of_a_document_says_to_give_its_briefing(run: Run, tmp_path: Path) -> None:
    write_tiny_briefing(tmp_path / "ferry")
    result = run("check", "ferry/docs/one.md")
    assert result.returncode == 1
    assert result.stdout == (
        "ferry/docs/one.md: error: this is a document, not a briefing: "
        "give the briefing's folder (ferry) or its briefing.yaml\n"
    )


def test_check_strict_fails_on_warnings_only(run: Run, tmp_path: Path) -> None:
    write_tiny_briefing(
        tmp_path / "loose",
        """\
        title: Loose
        documents: [docs/one.md, docs/two.md]
        sections:
          - id: departure
            title: Departure
            passages: [{doc: one, quote: "sailed"}]
        """,
    )
    assert run("check", "loose").returncode == 0
    strict = run("check", "loose", "--strict")
    assert strict.returncode == 1
    assert strict.stdout == "loose/docs/two.md:6: warning: passage two:1 is in no section\n"


def test_export_json_parses(run: Run) -> None:
    result = run("export", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["title"] == BUNDLED.title
    for key in ("documents", "passages", "sections", "annotations", "links"):
        assert isinstance(data[key], list) and data[key], key
    assert len(data["passages"]) == len(BUNDLED.passages)


# -- init + import ----------------------------------------------------------------


def test_init_import_check_summary_is_the_whole_path(run: Run, tmp_path: Path) -> None:
    raw = tmp_path / "article.txt"
    shutil.copyfile(SEEDS / "diplomat.original.txt", raw)

    created = run("init", "mine", "--title", "My first briefing")
    assert created.returncode == 0
    assert created.stdout.startswith("created mine/briefing.yaml\n")

    imported = run("import", "article.txt", "--into", "mine")
    assert imported.returncode == 0, imported.stderr
    assert "imported article.txt → mine/docs/" in imported.stdout
    assert "removed subscription prompt" in imported.stdout
    assert "removed comment thread furniture" in imported.stdout
    assert "not in the text: publisher, author, date" in imported.stdout
    assert imported.stdout.endswith("registered in mine/briefing.yaml\n")
    [original] = (tmp_path / "mine" / "docs").glob("*.original.txt")
    assert original.read_bytes() == raw.read_bytes()

    checked = run("check", "mine")
    assert checked.returncode == 0
    assert ": error:" not in checked.stdout

    summary = run("summary", "mine")
    assert summary.returncode == 0
    assert summary.stdout.startswith("My first briefing\n")
    assert "3 Takeaways From the North Korea-Russia Summit" in summary.stdout
    assert "publisher not given · no byline · undated" in summary.stdout


def test_import_twice_is_refused_without_force(run: Run, tmp_path: Path) -> None:
    shutil.copyfile(SEEDS / "surge.original.txt", tmp_path / "surge.txt")
    assert run("init", "b").returncode == 0
    assert run("import", "surge.txt", "--into", "b").returncode == 0
    before = (tmp_path / "b" / "briefing.yaml").read_bytes()
    again = run("import", "surge.txt", "--into", "b")
    assert_one_error_line(
        again,
        "b/docs/surge-activity-relations-north.md: error: already exists: add --force to "
        "overwrite it, or --id to import under another name",
    )
    assert (tmp_path / "b" / "briefing.yaml").read_bytes() == before
    assert run("import", "surge.txt", "--into", "b", "--force").returncode == 0


def test_imported_sources_are_named_by_label_publisher_or_title_never_their_slug(
    run: Run, tmp_path: Path
) -> None:
    for name in ("diplomat", "teneo", "garcia"):
        shutil.copyfile(SEEDS / f"{name}.original.txt", tmp_path / f"{name}.txt")
    assert run("init", "b").returncode == 0
    imported = run("import", "diplomat.txt", "teneo.txt", "--into", "b")
    assert imported.returncode == 0, imported.stderr
    lines = imported.stdout.splitlines()
    # No label is made up: the report says what the reader calls each source instead (its
    # publisher, else its title's first words), and how to change it.
    assert (
        '  no label: the reader calls it "Teneo" (its publisher; --label sets another name)'
        in lines
    )
    assert (
        '  no label: the reader calls it "3 Takeaways" '
        "(the title's first words; --label sets a name)"
    ) in lines
    docs = tmp_path / "b" / "docs"
    assert "\nlabel: ''\n" in (docs / "teneo.md").read_text(encoding="utf-8")
    assert "\nlabel: ''\n" in (docs / "3-takeaways-north-korea.md").read_text(encoding="utf-8")

    given = run("import", "garcia.txt", "--into", "b", "--label", "Garcia")
    assert given.returncode == 0, given.stderr
    assert "  label: Garcia (from --label)" in given.stdout.splitlines()
    # The id is the same with or without a label: YAML refers to documents by it.
    assert "\nlabel: Garcia\n" in (docs / "summit-russia-kim-jong.md").read_text(encoding="utf-8")

    links = run("links", "b", "--passage", "teneo:4", "--width", "100")
    assert links.returncode == 0, links.stderr
    # Each link reads `  ≈ NAME [1 ¶18] · same event · ...`.
    names = set(re.findall(r"^  [≈=+≠←~] (.+?) \[\d+ ¶", links.stdout, re.MULTILINE))
    assert names == {"3 Takeaways", "Garcia"}, links.stdout
    assert "3-takeaways-north-korea [" not in links.stdout


PAGE_WITH_FURNITURE = """\
Send this page to someone via email

The ferry to Gullholm sailed again on Tuesday after four days in port, the operator said.

View image in full screen Deckhands at the quay in Marrow Bay [Getty]

About 300 passengers were waiting when the first boat left.
"""


def test_import_names_the_option_for_each_field_the_text_lacks(run: Run, tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE_WITH_FURNITURE, encoding="utf-8")
    assert run("init", "b").returncode == 0
    imported = run("import", "page.txt", "--into", "b", "--publisher", "Harbour Post")
    assert imported.returncode == 0, imported.stderr
    lines = imported.stdout.splitlines()
    assert (
        "  not in the text: title, author, date "
        "(left empty; set with --title, --author, --date if you know them)"
    ) in lines
    # The share button is no title, and each piece of furniture is reported where it was.
    assert (
        '  removed share and page buttons, line 1: "Send this page to someone via email"' in lines
    )
    assert '  removed image viewer button, line 5: "View image in full screen"' in lines
    assert '  removed image credit, line 5: "[Getty]"' in lines
    document = (tmp_path / "b" / "docs" / "harbour-post.md").read_text(encoding="utf-8")
    assert "title: ''" in document
    assert "\nDeckhands at the quay in Marrow Bay\n" in document

    (tmp_path / "one.txt").write_text(
        "Ferry service resumes\n\nBy Mara Quill\n\nThe ferry sailed again on Tuesday.\n",
        encoding="utf-8",
    )
    one = run("import", "one.txt", "--into", "b", "--publisher", "Harbour Post", "--id", "one")
    assert "  not in the text: date (left empty; set with --date if you know it)" in (
        one.stdout.splitlines()
    )


WIRE_COPY = """\
Ferry terminal plan stalls

OGDENVILLE, Sept 12 (Wirewell) - Talks on a second ferry terminal stalled on Tuesday,
the harbour authority said.

The authority will meet again next week.
"""


def test_import_takes_a_dateline_without_a_date_off_the_text_and_says_so(
    run: Run, tmp_path: Path
) -> None:
    (tmp_path / "wire.txt").write_text(WIRE_COPY, encoding="utf-8")
    assert run("init", "b").returncode == 0
    imported = run("import", "wire.txt", "--into", "b")
    assert imported.returncode == 0, imported.stderr
    lines = imported.stdout.splitlines()
    assert "  title: Ferry terminal plan stalls, publisher: Wirewell" in lines
    assert (
        "  removed dateline (a day without a year, not taken as the date), line 3: "
        '"OGDENVILLE, Sept 12 (Wirewell) -"'
    ) in lines
    assert (
        "  agency Wirewell in the dateline, line 3, taken as publisher (the text names no "
        "other; give --publisher if another outlet ran it)"
    ) in lines
    document = (tmp_path / "b" / "docs" / "wirewell.md").read_text(encoding="utf-8")
    assert "\n\nTalks on a second ferry terminal stalled on Tuesday, the harbour" in document
    assert "OGDENVILLE" not in document


# -- bad input --------------------------------------------------------------------

ARTICLE = "A Headline Here\n\nA sentence of news with enough words to keep.\n"


def setup_bad_input(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes(b"Headline\n\nCaf\xe9 society.\n")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    with (tmp_path / "huge.txt").open("wb") as handle:  # sparse 20 MB
        handle.truncate(20 * 1024 * 1024)
    for name, text in {
        "emptyyaml": "",
        "tagged": "title: T\ndocuments: !!python/object/apply:os.system ['echo pwned']\n",
        "scalar": "just a sentence\n",
        "escape": "title: T\ndocuments:\n  - ../article.txt\n",
    }.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "briefing.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "latinyaml").mkdir()
    (tmp_path / "latinyaml" / "briefing.yaml").write_bytes(b"title: Caf\xe9\ndocuments: []\n")
    (tmp_path / "listfront" / "docs").mkdir(parents=True)
    (tmp_path / "listfront" / "briefing.yaml").write_text(
        "title: T\ndocuments: [docs/a.md]\n", encoding="utf-8"
    )
    (tmp_path / "listfront" / "docs" / "a.md").write_text("---\n- a\n---\n\nText.\n")


BAD_INPUT = [
    (
        ["import", "empty.txt", "--into", "out"],
        "empty.txt:1: error: file is empty: nothing to import",
    ),
    (
        ["import", "latin1.txt", "--into", "out"],
        "latin1.txt:3: error: not UTF-8 text (byte 0xe9): re-save the file as UTF-8",
    ),
    (
        ["import", "huge.txt", "--into", "out"],
        "huge.txt: error: file is 20.0 MB, over the 10 MB limit for one document: "
        "split it into several documents",
    ),
    (["import", "missing.txt", "--into", "out"], "missing.txt: error: file not found"),
    (
        ["import", "article.txt", "--into", "afile/sub"],
        "afile/sub: error: no briefing.yaml here: run 'briefing init afile/sub' to start a "
        "briefing, then import again",
    ),
    (
        ["import", "article.txt", "--into", "out"],
        "out: error: no briefing.yaml here: run 'briefing init out' to start a briefing, "
        "then import again",
    ),
    (
        ["init", "afile/sub"],
        "afile/sub: error: cannot create the briefing here: afile is a file, not a folder; "
        "choose another folder",
    ),
    (["init", "afile"], "afile: error: is a file, not a folder"),
    (
        ["import", "article.txt", "--into", "out", "--date", "2023-13-45"],
        "article.txt: error: --date '2023-13-45' is not a date: use YYYY-MM-DD (or YYYY-MM, YYYY)",
    ),
    (["summary", "nowhere"], "nowhere: error: no such file or folder"),
    (["export", "nowhere"], "nowhere: error: no such file or folder"),
    (
        ["summary", "emptyyaml"],
        "emptyyaml/briefing.yaml:1: error: briefing file is empty: "
        "it needs at least 'title:' and 'documents:'",
    ),
    (
        ["summary", "latinyaml"],
        "latinyaml/briefing.yaml:1: error: not UTF-8 text (byte 0xe9): re-save the file as UTF-8",
    ),
    (
        ["summary", "tagged"],
        "tagged/briefing.yaml:2: error: YAML tag !!python/object/apply:os.system is not "
        "allowed: a briefing holds plain data only, remove the tag",
    ),
    (
        ["export", "scalar"],
        "scalar/briefing.yaml:1: error: a briefing file must be 'key: value' lines "
        "(title:, documents:, sections:, ...)",
    ),
    (
        ["summary", "escape"],
        "escape/briefing.yaml:3: error: document path '../article.txt' leaves the briefing "
        "folder: keep documents inside it (for example docs/name.md)",
    ),
    (
        ["summary", "listfront"],
        "listfront/docs/a.md:2: error: front matter must be 'key: value' lines (a mapping)",
    ),
    (
        ["summary", "--section", "takeawys"],
        "briefing summary: error: --section takeawys: no such section (did you mean 'takeaways'?)",
    ),
    (
        ["summary", "--section", "nosuch"],
        "briefing summary: error: --section nosuch: no such section "
        "(sections: takeaways, history, military, china)",
    ),
    (["summary", "--width", "10"], "briefing summary: error: --width must be between 30 and 1000"),
    (["summary", "--width", "0"], "briefing summary: error: --width must be between 30 and 1000"),
    (["links", "--width", "0"], "briefing links: error: --width must be between 30 and 1000"),
    (
        ["summary", "listfront/docs/a.md"],
        "listfront/docs/a.md: error: this is a document, not a briefing: "
        "give the briefing's folder (listfront) or its briefing.yaml",
    ),
]


@pytest.mark.parametrize(
    ("args", "expected"), BAD_INPUT, ids=["-".join(args) for args, _ in BAD_INPUT]
)
def test_bad_input_gives_one_clear_line(
    run: Run, tmp_path: Path, args: list[str], expected: str
) -> None:
    setup_bad_input(tmp_path)
    result = run(*args)
    assert_one_error_line(
        result, expected.replace("{bundled}", str(bundled_briefing_seen_by_cli(tmp_path)))
    )
    assert result.stdout == ""
    # Nothing half-done: a failed import or init leaves no folder behind.
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "pwned").exists()


def test_many_errors_show_the_first_few_and_where_to_see_all(run: Run, tmp_path: Path) -> None:
    passages = "".join(f'      - {{doc: one, quote: "missing words {n}"}}\n' for n in range(8))
    write_tiny_briefing(
        tmp_path / "many",
        "title: Many\ndocuments: [docs/one.md, docs/two.md]\nsections:\n"
        f"  - id: s\n    title: S\n    passages:\n{passages}",
    )
    for command in ("open", "summary"):
        result = run(command, "many")
        assert result.returncode == 1
        lines = result.stderr.splitlines()
        assert len(lines) == 6
        assert all(": error: quote in a passage of section 's'" in line for line in lines[:5])
        assert lines[5] == "briefing: 3 more problems: run 'briefing check many' for all"
        assert_no_traceback(result)
    assert run("check", "many").stdout.count(": error: ") == 8


def test_escape_sequences_in_content_do_not_reach_the_terminal(run: Run, tmp_path: Path) -> None:
    write_tiny_briefing(
        tmp_path / "evil",
        """\
        title: "Evil \\e]0;owned\\a\\e[31mbriefing"
        documents: [docs/one.md, docs/two.md]
        sections:
          - id: s
            title: "Sec\\e[2J"
            intro: "Intro \\e[5mblink"
            key_points:
              - text: "Point\\a here"
                cite: [{doc: one, quote: "dawn"}]
        """,
    )
    for fmt in ("text", "markdown"):
        result = run("summary", "evil", "--format", fmt)
        assert result.returncode == 0
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "Evil briefing" in result.stdout


# -- early close of stdout --------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["summary"], ["export"], ["check"], ["summary", "ferry"], ["check", "ferry"]],
    ids=["summary", "export", "check", "small-summary", "small-check"],
)
def test_closed_stdout_is_not_an_error(tmp_path: Path, args: list[str]) -> None:
    """Like `briefing summary | head -1`, with the reader gone before we write at all."""
    write_tiny_briefing(tmp_path / "ferry")
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", *args],
        cwd=tmp_path,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # before the interpreter has even started up
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert stderr == ""


@pytest.mark.parametrize(
    ("command", "first_line"), [("summary", BUNDLED.title + "\n"), ("export", "{\n")]
)
def test_piped_to_head_is_quiet(tmp_path: Path, command: str, first_line: str) -> None:
    result = subprocess.run(
        f"{shlex.quote(sys.executable)} -m briefing {command} | head -1",
        shell=True,
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout == first_line
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["sumary"], "no command or briefing named 'sumary' (did you mean 'summary'?)"),
        (["chek", "q1"], "no command or briefing named 'chek' (did you mean 'check'?)"),
        (
            ["frobnicate"],
            "no command or briefing named 'frobnicate' "
            "(commands: open, summary, check, export, links, notes, import, init)",
        ),
    ],
)
def test_a_mistyped_command_is_not_taken_for_a_path(
    run: Run, args: list[str], expected: str
) -> None:
    result = run(*args)
    assert result.returncode == 2  # as argparse's own usage errors
    assert result.stderr.splitlines() == [
        "usage: briefing [-h] [--version] COMMAND ...",
        f"briefing: error: {expected}",
    ]
    assert_no_traceback(result)


def test_a_briefing_folder_named_like_a_mistyped_command_still_opens(
    run: Run, tmp_path: Path
) -> None:
    write_tiny_briefing(tmp_path / "sumary")
    result = run("sumary")
    # Found and loaded: only the missing terminal stops the reader.
    assert_one_error_line(
        result, "briefing: error: the reader needs a terminal; for text use 'briefing summary'"
    )


def test_an_unknown_option_is_reported_by_its_command_with_its_usage(run: Run) -> None:
    result = run("summary", "--bogus")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("usage: briefing summary [-h] [--width N]")
    assert lines[-1] == "briefing summary: error: unrecognized arguments: --bogus"
    assert_no_traceback(result)


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_init_where_no_folder_can_be_made_says_what_to_do(run: Run) -> None:
    assert_one_error_line(
        run("init", "/proc/briefing-test"),
        "/proc/briefing-test: error: cannot create the briefing here: /proc takes no new "
        "folders; choose a folder you can write to",
    )


def test_opening_a_briefing_with_no_sources_yet_says_how_to_add_them(
    run: Run, tmp_path: Path
) -> None:
    assert run("init", "fresh").returncode == 0
    result = run("open", "fresh")
    assert_one_error_line(
        result,
        "briefing: error: fresh has no sources yet;"
        " add articles with 'briefing import ARTICLE.txt --into fresh'",
    )
    assert result.returncode == 1


def test_every_argument_of_every_command_says_what_it_is_in_help() -> None:
    """`briefing CMD --help` is where a terminal user looks first: no bare `--format {…}`."""
    import argparse

    from briefing.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    bare = [
        f"{name} {action.dest}"
        for name, sub in commands.choices.items()
        for action in sub._actions
        if not action.help and not isinstance(action, argparse._HelpAction)
    ]
    assert bare == []
