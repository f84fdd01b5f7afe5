"""`briefing links`, `export`'s automatic links, `check --suggest` and a summary without key points,
run as a user would: a subprocess."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cli_support import Run, clean_env
from test_cli import assert_no_traceback, assert_one_error_line, run_in_terminal

SECOND = Path(__file__).resolve().parents[1] / "data" / "second_briefing"
SYMBOLS = "≈=+≠←→~"
LINK_KEYS = {"from", "to", "kind", "score", "reasons", "curated"}


def pairs(links: list[dict[str, object]]) -> list[frozenset[object]]:
    return [frozenset((link["from"], link["to"])) for link in links]


def copy_second(tmp_path: Path) -> Path:
    target = tmp_path / "second"
    shutil.copytree(SECOND, target)
    return target


# -- links ------------------------------------------------------------------


def test_links_json_has_curated_then_automatic_links_each_pair_once(run: Run) -> None:
    result = run("links", "--format", "json")
    assert result.returncode == 0, result.stderr
    links = json.loads(result.stdout)["links"]
    assert all(link.keys() >= LINK_KEYS for link in links)
    curated = [link["curated"] for link in links]
    assert True in curated and False in curated
    # Curated first, then automatic: once an automatic link appears, no curated one follows.
    assert curated == sorted(curated, reverse=True)
    assert len(set(pairs(links))) == len(links)
    for link in links:
        assert link["from"].split(":")[0] != link["to"].split(":")[0]
        assert 0 < link["score"] <= 1 and link["reasons"]


def test_links_json_is_what_export_lists(run: Run) -> None:
    links = json.loads(run("links", "--format", "json").stdout)["links"]
    exported = json.loads(run("export").stdout)["links"]
    assert links == exported


def test_auto_only_is_the_linker_alone_and_finds_curated_pairs_too(run: Run) -> None:
    everything = json.loads(run("links", "--format", "json").stdout)["links"]
    result = run("links", "--auto-only", "--format", "json")
    assert result.returncode == 0, result.stderr
    auto = json.loads(result.stdout)["links"]
    assert auto and not any(link["curated"] for link in auto)
    assert len(set(pairs(auto))) == len(auto)
    curated_pairs = {
        p for p, link in zip(pairs(everything), everything, strict=True) if link["curated"]
    }
    # Measured alone, the linker may find pairs the author also linked by hand.
    assert curated_pairs & set(pairs(auto))
    # Asking for the linker alone leaves the combined list as it was (no cache mix-up).
    assert json.loads(run("links", "--format", "json").stdout)["links"] == everything


def test_links_text_is_grouped_by_passage_with_symbols_and_marks_suggestions(run: Run) -> None:
    result = run("links")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    lines = out.splitlines()
    assert "≈ same event" in lines[2] or "≈ same event" in out.split("\n\n")[0]
    headers = [line for line in lines if re.match(r"\[\d+ ¶\d+\] ", line)]
    entries = [line for line in lines if line[:2] == "  " and line[2:3] in SYMBOLS]
    assert headers and entries
    assert any("· suggested (automatic, score" in line for line in entries)
    assert any("suggested" not in line for line in entries)
    assert all(re.search(r"\[\d+ ¶\d+\]", line) for line in entries)
    assert "    why: " in out


def test_links_of_one_passage_all_touch_it(run: Run) -> None:
    everything = json.loads(run("links", "--format", "json").stdout)["links"]
    busiest = max(
        {link["from"] for link in everything},
        key=lambda pid: sum(pid in (link["from"], link["to"]) for link in everything),
    )
    result = run("links", "--passage", busiest, "--format", "json")
    assert result.returncode == 0, result.stderr
    mine = json.loads(result.stdout)["links"]
    assert mine == [link for link in everything if busiest in (link["from"], link["to"])]
    text = run("links", "--passage", busiest, "--width", "60").stdout
    assert text.splitlines()[1].startswith(f"Links of {busiest} [")
    assert max(len(line) for line in text.splitlines()) <= 60
    headers = [line for line in text.splitlines() if re.match(r"\[\d+ ¶\d+\] ", line)]
    assert len(headers) == 1 and f"({busiest})" in headers[0]


def test_a_passages_links_come_in_the_order_the_reader_numbers_them(run: Run) -> None:
    """The author's in the YAML's order (as export lists them), then the linker's best
    first: the order of the reader's notes pane and links list, whose 1-9 follow it."""
    passage = "teneo:4"  # its curated links are in the YAML in another order than by source
    data = json.loads(run("links", "--passage", passage, "--format", "json").stdout)
    numbers = {doc["id"]: doc["number"] for doc in data["documents"]}

    def citation(pid: str) -> str:
        doc, index = pid.rsplit(":", 1)
        return f"[{numbers[doc]} ¶{index}]"

    curated = [link for link in data["links"] if link["curated"]]
    yaml_order = [
        citation(link["to"] if link["from"] == passage else link["from"]) for link in curated
    ]
    assert yaml_order != sorted(yaml_order, key=lambda c: [int(n) for n in re.findall(r"\d+", c)])
    text = run("links", "--passage", passage, "--width", "200").stdout
    rows = [line for line in text.splitlines() if re.match(r"^  \S ", line)]
    listed = [re.search(r"\[\d+ ¶\d+\]", row).group() for row in rows]  # type: ignore[union-attr]
    assert listed[: len(curated)] == yaml_order
    scores = [float(s) for s in re.findall(r"score (\d\.\d+)\)", text)]
    assert len(scores) == len(rows) - len(curated) and scores == sorted(scores, reverse=True)


def test_disagreements_show_both_sides_with_their_sources(run: Run) -> None:
    links = json.loads(run("links", "--format", "json").stdout)["links"]
    disagreement = next(link for link in links if link["kind"] == "disagreement")
    text = run("links", "--passage", disagreement["from"], "--width", "100").stdout
    entry = text.split("\n  ≠ ", 1)[1].splitlines()[1:]
    block = "\n".join(
        line
        for line in entry[
            : next((i for i, line in enumerate(entry) if not line.startswith("    ")), len(entry))
        ]
    )
    # The two sides: a source name and citation, then its own words in quotes.
    assert len(re.findall(r'\[\d+ ¶\d+\]: "', block)) == 2


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ("diplomat:999", "no such passage (nearest: 'diplomat:23'; diplomat has passages 1–23)"),
        ("diplomt:3", "no such passage (did you mean 'diplomat:3'? diplomat has passages 1–23)"),
        ("nope:99", "no document 'nope' (documents: diplomat, surge, garcia, teneo, asianage)"),
        ("foo", "expected DOC:N, a document id and a passage number (such as 'diplomat:1')"),
        (
            "diplomat",
            "expected DOC:N, a document id and a passage number (diplomat has passages 1–23)",
        ),
    ],
)
def test_an_unknown_passage_is_blamed_on_the_option_not_the_yaml(
    run: Run, asked: str, message: str
) -> None:
    result = run("links", "--passage", asked)
    assert result.returncode == 2  # a usage error, as argparse's own
    assert_one_error_line(result, f"briefing links: error: --passage {asked}: {message}")
    assert result.stdout == ""


def test_links_width_out_of_range_is_refused(run: Run) -> None:
    assert_one_error_line(
        run("links", "--width", "10"), "briefing links: error: --width must be between 30 and 1000"
    )


def test_links_in_a_terminal_are_coloured_unless_no_color(tmp_path: Path) -> None:
    code, out = run_in_terminal(tmp_path, "links", columns=90, env=clean_env())
    assert code == 0 and "\x1b[1m" in out
    assert max(len(re.sub(r"\x1b\[\d*m", "", line)) for line in out.splitlines()) <= 90
    code, out = run_in_terminal(tmp_path, "links", columns=90, env=clean_env(NO_COLOR="1"))
    assert code == 0 and "\x1b" not in out


def test_links_do_not_import_textual(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefing", "links"],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "briefing.core.linking" in imported  # the trace is real
    assert not [m for m in imported if m.split(".")[0] == "textual" or m.startswith("briefing.tui")]


@pytest.mark.parametrize("args", [["links"], ["links", "--format", "json"], ["check", "--suggest"]])
def test_closed_stdout_is_not_an_error(tmp_path: Path, args: list[str]) -> None:
    """Like `briefing links | head -1`, with the reader gone before we write at all."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", *args],
        cwd=tmp_path,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_links_of_another_briefing(run: Run, tmp_path: Path) -> None:
    result = run("links", str(copy_second(tmp_path)), "--auto-only")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("The Eastside tram decision")
    assert "suggested (automatic" in result.stdout


# -- check --suggest --------------------------------------------------------

UNPLACE = (
    '      - {doc: transit, quote: "Kessler Rail and two other consortia"}\n',
    '      - {doc: voice, quote: "Quick for whom?"}\n',
    '      - {doc: herald, quote: "Councillor Dev Raman, who chairs the transport committee"}\n',
)


def test_check_suggest_prints_yaml_that_places_every_passage(run: Run, tmp_path: Path) -> None:
    folder = copy_second(tmp_path)
    yaml_file = folder / "briefing.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    for line in UNPLACE:
        assert line in text
        text = text.replace(line, "")
    yaml_file.write_text(text, encoding="utf-8")
    plain = run("check", str(folder))
    assert plain.returncode == 0 and plain.stdout.count("is in no section") == 3

    result = run("check", str(folder), "--suggest")
    assert result.returncode == plain.returncode
    # The check's own lines are unchanged, on stderr, so stdout can go straight to a file.
    assert result.stderr == plain.stdout + plain.stderr
    suggestions = yaml.safe_load(result.stdout)
    # A comment per passage with its reason (longer comments go on over "  #   " lines).
    comments = [line for line in result.stdout.splitlines() if re.match(r"  # \S", line)]
    assert len(comments) == 3
    assert all(re.search(r", fit \d\.\d\d: ", line) for line in comments)
    assert sum(len(refs) for refs in suggestions.values()) == 3

    # Paste each group under its section, as the comment says: the check is then clean.
    data = yaml.safe_load(text)
    for section in data["sections"]:
        section["passages"] += suggestions.get(section["id"], [])
    yaml_file.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    strict = run("check", str(folder), "--strict")
    assert strict.returncode == 0, strict.stdout + strict.stderr
    assert strict.stdout.startswith("ok: ")
    again = run("check", str(folder), "--suggest")
    assert again.stdout.startswith("# every passage is in a section: nothing to suggest")
    assert len(again.stdout.splitlines()) == 1


def test_check_suggest_keeps_the_exit_code_of_a_strict_check(run: Run, tmp_path: Path) -> None:
    folder = copy_second(tmp_path)
    yaml_file = folder / "briefing.yaml"
    yaml_file.write_text(
        yaml_file.read_text(encoding="utf-8").replace(UNPLACE[0], ""), encoding="utf-8"
    )
    assert run("check", str(folder), "--strict", "--suggest").returncode == 1
    assert run("check", str(folder), "--suggest").returncode == 0


def test_check_suggest_on_a_broken_briefing_is_the_plain_check(run: Run, tmp_path: Path) -> None:
    (tmp_path / "briefing.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    plain = run("check", str(tmp_path))
    result = run("check", str(tmp_path), "--suggest")
    assert result.returncode == plain.returncode == 1
    assert result.stdout == ""
    assert result.stderr == plain.stdout + plain.stderr
    assert_no_traceback(result)


# -- summary without key points ---------------------------------------------


def test_summary_without_key_points_cites_corroborated_passages(run: Run, tmp_path: Path) -> None:
    folder = copy_second(tmp_path)
    yaml_file = folder / "briefing.yaml"
    data = yaml.safe_load(yaml_file.read_text(encoding="utf-8"))
    money = next(s for s in data["sections"] if s["id"] == "money")
    del money["key_points"]
    yaml_file.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    result = run("summary", str(folder), "--section", "money", "--width", "100")
    assert result.returncode == 0, result.stderr
    drawn = result.stdout.split("No key points written for this section.", 1)[1]
    drawn = drawn.split("\nWhere the sources disagree\n", 1)[0]
    bullets = [" ".join(b.split()) for b in drawn.split("\n  • ")[1:]]
    assert bullets
    # Each pick quotes a passage, cites it, and names the other sources that back it.
    assert all(re.match(r'".+" \[\d+ ¶\d+\]', bullet) for bullet in bullets)
    assert any("; also [" in bullet for bullet in bullets)


FERRY_PAGE = """\
Gullholm ferry returns after the storm

The ferry to Gullholm sailed again on Tuesday after four days in port, the operator said.

The crossing has a long history: the first ferry ran in 1921 and has stopped for storms only six times since.

The outlook for the winter is poor: forecasters expect more storms in January.
"""
FERRY_POST = """\
Storm over, Gullholm boats sail

Boats to Gullholm left Marrow Bay on Tuesday for the first time in four days.

The island's ferry history goes back a century, to one steam boat the council bought.

The outlook is for more rough weather next month, the operator warned.
"""


def test_sections_init_wrote_empty_get_suggestions_by_their_titles(
    run: Run, tmp_path: Path
) -> None:
    """init → import → check --suggest: a section with no passages yet is known by its title."""
    (tmp_path / "page.txt").write_text(FERRY_PAGE, encoding="utf-8")
    (tmp_path / "post.txt").write_text(FERRY_POST, encoding="utf-8")
    assert run("init", "mine").returncode == 0
    imported = run("import", "page.txt", "post.txt", "--into", "mine")
    assert imported.returncode == 0, imported.stderr

    result = run("check", "mine", "--suggest")
    assert result.returncode == 0, result.stderr
    suggestions = yaml.safe_load(result.stdout)
    quotes = {section: [ref["quote"] for ref in refs] for section, refs in suggestions.items()}
    assert quotes == {
        "history": ["The crossing has a", "The island's ferry history"],
        "outlook": ["The outlook for the", "The outlook is for"],
    }
    assert "fit 0." in result.stdout and ": words of its title: history" in result.stdout
    # A passage that shares no word with any section's title is left to place by hand.
    assert "# No section fits these" in result.stdout
    assert '{doc: gullholm-ferry-returns-after, quote: "The ferry to Gullholm"}' in result.stdout

    # Retitled, a section is known by its new words at once (no suggestion from before).
    yaml_file = tmp_path / "mine" / "briefing.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    yaml_file.write_text(text.replace("title: Outlook", "title: Weather ahead"), "utf-8")
    retitled = yaml.safe_load(run("check", "mine", "--suggest").stdout)
    assert [ref["quote"] for ref in retitled["outlook"]] == ["The outlook is for"]
    yaml_file.write_text(text, "utf-8")

    # Pasted under their sections, those passages are placed and suggested no more.
    data = yaml.safe_load(yaml_file.read_text(encoding="utf-8"))
    for section in data["sections"]:
        section["passages"] += suggestions.get(section["id"], [])
    yaml_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    checked = run("check", "mine")
    assert checked.returncode == 0 and checked.stdout.count("is in no section") == 2
