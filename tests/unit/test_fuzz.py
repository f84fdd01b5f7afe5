"""Property: however the YAML, front matter or Markdown is mangled, only BriefingError comes out.

Each example starts from the tiny briefing that checks clean and either edits
the bytes of one of its files (insertions of random text, bytes, control
characters and YAML tags; deletions; replacements; duplicated or dropped lines;
truncation) or swaps one value of its YAML for random data of another shape (a
number where a list belongs, a mapping where a quote belongs). Then the loader,
`check`, and — when it still loads — the summary and the export must either
succeed or raise BriefingError.
"""

from __future__ import annotations

import copy
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tiny_briefing import ALPHA, BRIEFING, write_briefing

from briefing.core.check import check_briefing
from briefing.core.export import export_json
from briefing.core.loader import inspect_briefing
from briefing.core.summary import render_summary

FILES = ("briefing.yaml", "docs/alpha.md", "docs/beta.md")

SNIPPETS = [
    b"!!python/name:os.system ",
    b"!!python/object/apply:os.system ['true'] ",
    b"!!python/object:__main__.X {} ",
    b"!custom ",
    b"!!binary aGVsbG8= ",
    b"!!set {a, b} ",
    b"!!float .nan ",
    b"&anchor ",
    b"*anchor",
    b"<<: *anchor\n",
    b"? [a, b]\n: c\n",
    b"---\n",
    b"...\n",
    b"- ",
    b": ",
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b"'",
    b"#",
    b"\t",
    b"\n",
    b"    ",
    b"\x00",
    b"\x1b[31m",
    b"\x1b]0;title\x07",
    b"\xc2\x9b",
    b"\xff\xfe",
    b"\xe9",
    b'"\\0"',
    b'"\\e[2J"',
    b"key_points: 5\n",
    b"aliases: {a: b}\n",
    b"  - ../outside.md\n",
    b"  - /etc/hostname\n",
    b"cite: []\n",
    b"quote: ''\n",
    b"kind: nope\n",
    b"id: Bad Id\n",
    b"> ",
    b"## ",
    b"```\n",
    b"1. ",
]

insertion = st.one_of(
    st.sampled_from(SNIPPETS),
    st.text(max_size=12).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.binary(max_size=6),
)

edit = st.one_of(
    st.tuples(st.just("insert"), st.floats(0, 1), insertion),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 40)),
    st.tuples(st.just("replace"), st.floats(0, 1), insertion),
    st.tuples(st.just("dup-line"), st.floats(0, 1), st.none()),
    st.tuples(st.just("drop-line"), st.floats(0, 1), st.none()),
    st.tuples(st.just("truncate"), st.floats(0, 1), st.none()),
)


def apply(data: bytes, operation: str, where: float, arg: object) -> bytes:
    at = int(where * len(data))
    if operation == "insert":
        return data[:at] + arg + data[at:]
    if operation == "delete":
        return data[:at] + data[at + arg :]
    if operation == "replace":
        return data[:at] + arg + data[at + len(arg) :]
    lines = data.split(b"\n")
    row = int(where * (len(lines) - 1))
    if operation == "dup-line":
        return b"\n".join([*lines[: row + 1], lines[row], *lines[row + 1 :]])
    if operation == "drop-line":
        return b"\n".join(lines[:row] + lines[row + 1 :])
    return data[:at]  # truncate


# Fast and reproducible: a fixed seed, no deadline (the first example imports a lot).
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    database=None,
)


@FUZZ
@given(target=st.sampled_from(FILES), edits=st.lists(edit, min_size=1, max_size=4))
def test_mangled_bytes_give_problems_never_a_crash(
    target: str, edits: list[tuple[str, float, object]]
) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = write_briefing(Path(temp) / "brief")
        path = folder / target
        data = path.read_bytes()
        for operation, where, arg in edits:
            data = apply(data, operation, where, arg)
        path.write_bytes(data)
        exercise(folder)


# -- values of the wrong shape ----------------------------------------------------

BRIEFING_DATA = yaml.safe_load(BRIEFING)
FRONT_DATA = yaml.safe_load(ALPHA.split("---")[1])
ALPHA_BODY = ALPHA.split("---", 2)[2]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=10),
    st.sampled_from(["alpha", "beta", "meeting", "11 million", "docs/alpha.md", "../x.md", ""]),
)
KEYS = ["doc", "quote", "id", "title", "text", "cite", "passages", "key_points", "from", "to"]
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from([*KEYS, "kind", "term", "aliases", "x"]), inner, max_size=3
        ),
    ),
    max_leaves=8,
)


def value_paths(node: object, prefix: tuple = ()) -> list[tuple]:
    """Every place in a YAML tree, as a path of keys and indexes."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += value_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += value_paths(value, (*prefix, index))
    return found


def replaced(tree: object, path: tuple, value: object) -> object:
    if not path:
        return value
    result = copy.deepcopy(tree)
    node = result
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return result


def dump(tree: object) -> str:
    return yaml.dump(tree, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper))


def distinct_places() -> list[tuple[bool, tuple]]:
    """One place per shape: `sections.0.passages.1.quote` stands for every such quote."""
    places: dict[tuple, tuple[bool, tuple]] = {}
    for in_briefing, tree in ((True, BRIEFING_DATA), (False, FRONT_DATA)):
        for path in value_paths(tree):
            shape = tuple(0 if isinstance(step, int) else step for step in path)
            places.setdefault((in_briefing, shape), (in_briefing, path))
    return list(places.values())


PLACES = distinct_places()


@FUZZ
@given(place=st.sampled_from(PLACES), value=values)
def test_values_of_the_wrong_shape_give_problems_never_a_crash(
    place: tuple[bool, tuple], value: object
) -> None:
    in_briefing, path = place
    with tempfile.TemporaryDirectory() as temp:
        folder = write_briefing(Path(temp) / "brief")
        text = dump(replaced(BRIEFING_DATA if in_briefing else FRONT_DATA, path, value))
        if in_briefing:
            (folder / "briefing.yaml").write_text(text, encoding="utf-8")
        else:
            (folder / "docs" / "alpha.md").write_text(
                f"---\n{text}---{ALPHA_BODY}", encoding="utf-8"
            )
        exercise(folder)


WRONG_SHAPES = [None, 5, "text", [], [5], {"doc": "alpha"}]


@pytest.mark.parametrize(
    "place", PLACES, ids=[("yaml:" if b else "front:") + ".".join(map(str, p)) for b, p in PLACES]
)
def test_every_place_with_every_wrong_shape(place: tuple[bool, tuple]) -> None:
    """The systematic companion of the property above: no place is left to chance."""
    in_briefing, path = place
    for value in WRONG_SHAPES:
        with tempfile.TemporaryDirectory() as temp:
            folder = write_briefing(Path(temp) / "brief")
            text = dump(replaced(BRIEFING_DATA if in_briefing else FRONT_DATA, path, value))
            if in_briefing:
                (folder / "briefing.yaml").write_text(text, encoding="utf-8")
            else:
                (folder / "docs" / "alpha.md").write_text(
                    f"---\n{text}---{ALPHA_BODY}", encoding="utf-8"
                )
            exercise(folder)


def exercise(folder: Path) -> None:
    """Load, check, summarise and export; only BriefingError may escape, as problems."""
    cwd = os.getcwd()
    os.chdir(folder)  # problems print paths relative to the working directory
    try:
        _exercise(folder)
    finally:
        os.chdir(cwd)


def _exercise(folder: Path) -> None:
    briefing, problems = inspect_briefing(folder)
    for problem in problems:
        assert problem.severity in ("error", "warning")
        assert problem.format()  # every problem can be printed
    report = check_briefing(folder)
    if report.errors:
        assert not report.passed()
        return
    assert briefing is not None
    for fmt in ("text", "markdown"):
        assert "\x1b" not in render_summary(briefing, width=60, fmt=fmt)
    export_json(briefing)
