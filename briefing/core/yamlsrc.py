"""Safe YAML loading that remembers the line of every mapping key and list item.

Only plain data comes out (dicts, lists, strings, numbers, booleans, None):
tags that would construct objects are refused, never run. Dates are kept as the
text the author wrote, so `2023-09-19` stays a string.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:  # libyaml parses several times faster; the pure-Python parser is the fallback.
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

from briefing.core.errors import BriefingError


class YamlMap(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _DuplicateKey(yaml.MarkedYAMLError):
    pass


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    pass


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> YamlMap:
    loader.flatten_mapping(node)
    result = YamlMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be plain text", key_node.start_mark
            )
        key = str(key)
        if key in result:
            raise _DuplicateKey(
                None,
                None,
                f"duplicate key '{key}' (the first one would be lost)",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_list(loader: _LineLoader, node: yaml.SequenceNode) -> YamlList:
    result = YamlList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp_as_text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    return str(node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:omap", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_list)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp_as_text)


def load_yaml(text: str, file: str, first_line: int = 1) -> Any:
    """Parse YAML text; errors become a BriefingError naming file and line.

    `first_line` is where `text` starts inside `file` (front matter starts at 2).
    """
    offset = first_line - 1
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # An unclosed quote, [ or { is found where the file or the flow ends, often lines
        # later: name the line it opens on, where the fix goes.
        if _unclosed_quote(exc) or _unclosed_flow(exc, text):
            mark = exc.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        raise BriefingError.at(file, line, _describe(exc, text, offset)) from None
    except yaml.YAMLError as exc:
        raise BriefingError.at(file, first_line, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise BriefingError.at(file, first_line, "YAML nested too deeply") from None
    if offset:
        _shift_lines(data, offset, set())
    return data


_HINTS = (
    (
        "mapping values are not allowed",
        "put a value that holds ': ' in quotes (title: \"Port: the view\"),"
        " or add the ':' a key on the line above lacks",
    ),
    ("did not find expected key", "indent this line like the keys above it"),
    (
        "expected ',' or ']'",
        "close the [ list opened on {opened}, or quote a value that holds ','",
    ),
    (
        "expected ',' or '}'",
        "close the { mapping opened on {opened}, or quote a value that holds ','",
    ),
    ("cannot start any token", "quote a value that starts with @ or `"),
)
"""What to do about PyYAML's commonest complaints, by a phrase of the complaint."""


def _unclosed_quote(exc: yaml.MarkedYAMLError) -> bool:
    return "quoted scalar" in (exc.context or "") and exc.context_mark is not None


def _unclosed_flow(exc: yaml.MarkedYAMLError, text: str) -> bool:
    """A [ list or { mapping never closed: PyYAML gave up at the end of the file, or on a
    later line no further in than the line it opened on (the next key of the file). A fault
    inside a flow that does close (a bad item on its third line) stays where it is."""
    opened, problem = exc.context_mark, exc.problem_mark
    if "while parsing a flow" not in (exc.context or "") or opened is None:
        return False
    if problem is None or not text[problem.index :].strip():
        return True
    lines = text.splitlines()
    if problem.line >= len(lines):
        return True
    if problem.line == opened.line:
        return False
    indent = lambda line: len(line) - len(line.lstrip())  # noqa: E731
    return indent(lines[problem.line]) <= indent(lines[opened.line])


def _describe(exc: yaml.MarkedYAMLError, text: str, offset: int = 0) -> str:
    problem = (exc.problem or "not valid YAML").strip()
    if _unclosed_quote(exc):
        return "not valid YAML: a quote opened on this line is never closed; close it"
    mark = exc.problem_mark
    here = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    if "cannot start any token" in problem and "\t" in here[: mark.column + 1 if mark else 0]:
        return "not valid YAML: a tab in the indentation; indent with spaces"
    if "could not determine a constructor for the tag" in problem:
        found = re.search(r"'([^']*)'", problem)
        tag = found.group(1).replace("tag:yaml.org,2002:", "!!") if found else "?"
        return f"YAML tag {tag} is not allowed: a briefing holds plain data only, remove the tag"
    if isinstance(exc, _DuplicateKey):
        return problem
    if "expected a single document" in (exc.context or ""):
        return (
            "not valid YAML: this '---' line starts a second document; "
            "the file holds one: remove the line"
        )
    context = f" {exc.context.strip()}" if exc.context else ""
    hint = next((h for phrase, h in _HINTS if phrase in problem), None)
    if hint and "{opened}" in hint:
        here_too = _unclosed_flow(exc, text) or exc.context_mark is None
        where = "this line" if here_too else f"line {exc.context_mark.line + 1 + offset}"
        hint = hint.replace("{opened}", where)
    return f"not valid YAML: {problem}{context}{f'; {hint}' if hint else ''}"


def _shift_lines(value: Any, offset: int, done: set[int]) -> None:
    # An alias (`*a`) makes one node appear many times: shift each node once, or
    # lines come out wrong and nested aliases ("billion laughs") make the walk exponential.
    if not isinstance(value, YamlMap | YamlList) or id(value) in done:
        return
    done.add(id(value))
    if isinstance(value, YamlMap):
        value.line += offset
        value.key_lines = {k: v + offset for k, v in value.key_lines.items()}
        for item in value.values():
            _shift_lines(item, offset, done)
    else:
        value.line += offset
        value.item_lines = [v + offset for v in value.item_lines]
        for item in value:
            _shift_lines(item, offset, done)
