"""Safe YAML with line numbers, document files with front matter, and passage splitting."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.documents import (
    MAX_DOCUMENT_BYTES,
    load_document,
    read_text_file,
    split_front_matter,
    split_passages,
)
from briefing.core.errors import BriefingError
from briefing.core.yamlsrc import YamlList, YamlMap, load_yaml


def error_of(excinfo: pytest.ExceptionInfo[BriefingError]) -> str:
    """The single problem a BriefingError carries, as the CLI would print it."""
    assert len(excinfo.value.problems) == 1
    return excinfo.value.problems[0].format()


# -- YAML -------------------------------------------------------------------------


def test_yaml_remembers_the_line_of_every_key_and_item() -> None:
    text = "title: T\n\nsections:\n  - id: a\n    title: A\n  - id: b\n"
    data = load_yaml(text, "b.yaml")
    assert isinstance(data, YamlMap)
    assert data.line_of("title") == 1
    assert data.line_of("sections") == 3
    sections = data["sections"]
    assert isinstance(sections, YamlList)
    assert sections.item_lines == [4, 6]
    assert sections[0].line_of("title") == 5
    # A missing key falls back to the mapping's own line.
    assert sections[1].line_of("title") == 6


def test_yaml_lines_are_shifted_to_where_the_text_starts_in_its_file() -> None:
    data = load_yaml("title: T\nauthor: A\n", "doc.md", first_line=2)
    assert (data.line_of("title"), data.line_of("author")) == (2, 3)


def test_yaml_alias_is_shifted_once() -> None:
    """An aliased node is one object; its line must not move once per appearance."""
    data = load_yaml("a: &x {k: 1}\nb: *x\nc: *x\n", "doc.md", first_line=2)
    assert data["a"].line == 2
    assert data["a"].line_of("k") == 2


def test_yaml_alias_bomb_in_front_matter_is_cheap(tmp_path: Path) -> None:
    """Nested aliases ("billion laughs") must not make the loader walk 9**7 nodes."""
    lines = ["---", "a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 8):
        previous = "a" if level == 1 else f"b{level - 1}"
        lines.append(f"b{level}: &b{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    path = tmp_path / "bomb.md"
    path.write_text("\n".join([*lines, "---", "", "Text."]), encoding="utf-8")
    with pytest.raises(BriefingError, match="unknown key 'a'"):
        load_document(path, 1)


def test_yaml_dates_stay_as_written() -> None:
    assert load_yaml("date: 2023-09-19\n", "f")["date"] == "2023-09-19"


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object:os.system",
        "!!python/name:os.system",
        "!!python/object/apply:os.system",
        "!!python/module:os",
        "!local",
    ],
)
def test_yaml_object_tags_are_refused_with_file_and_line(tag: str) -> None:
    text = f"title: T\ndocuments:\n  - {tag} ['echo hi']\n"
    with pytest.raises(BriefingError) as excinfo:
        load_yaml(text, "b.yaml")
    assert error_of(excinfo) == (
        f"b.yaml:3: error: YAML tag {tag} is not allowed: "
        "a briefing holds plain data only, remove the tag"
    )


def test_yaml_duplicate_key_is_an_error_at_the_second_key() -> None:
    with pytest.raises(BriefingError) as excinfo:
        load_yaml("title: A\ndocuments: []\ntitle: B\n", "b.yaml")
    assert error_of(excinfo) == (
        "b.yaml:3: error: duplicate key 'title' (the first one would be lost)"
    )


def test_yaml_syntax_error_names_the_line() -> None:
    with pytest.raises(BriefingError) as excinfo:
        load_yaml("title: T\nsections:\n  - id: a\n   bad: [\n", "b.yaml")
    assert error_of(excinfo).startswith("b.yaml:")
    assert "not valid YAML" in error_of(excinfo)


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ('title: The port: seen "from" the quay\n', 1, "in quotes"),
        ("sections:\n- id harbour\n  title: Harbour\n", 3, "the ':' a key on the line above lacks"),
        ("sections:\n\t- id: a\n", 2, "indent with spaces"),
        ('title: "Open\nsections: []\n', 1, "never closed"),
        ("a:\n  b: 1\n c: 2\n", 3, "indent this line like the keys above it"),
        ("tags: [a, b\ntitle: T\n", 1, "close the [ list opened on this line"),
        ("---\ntitle: T\n---\n\nText.\n", 3, "starts a second document; the file holds one"),
    ],
)
def test_a_yaml_mistake_says_what_to_do_on_the_line_to_look_at(
    text: str, line: int, says: str
) -> None:
    with pytest.raises(BriefingError) as excinfo:
        load_yaml(text, "b.yaml")
    message = error_of(excinfo)
    assert message.startswith(f"b.yaml:{line}: error: not valid YAML")
    assert says in message


# -- reading files ----------------------------------------------------------------


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path so problems print as `name.md:LINE`."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def load_bytes(folder: Path, data: bytes, name: str = "doc.md"):
    path = folder / name
    path.write_bytes(data)
    return load_document(path, 1)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "doc.md:1: error: document is empty: add front matter and the article text"),
        (b"\n  \n", "doc.md:1: error: document is empty: add front matter and the article text"),
        (
            b"Just an article.\n",
            "doc.md:1: error: no front matter: start the file with a '---' line, "
            "the fields (title:, publisher:, ...), and another '---' line",
        ),
        (
            b"---\ntitle: T\n\nBody text.\n",
            "doc.md:1: error: front matter is not closed: add a '---' line after it",
        ),
        (
            b"---\n- a\n- b\n---\n\nBody.\n",
            "doc.md:2: error: front matter must be 'key: value' lines (a mapping)",
        ),
        (
            b"---\njust a sentence\n---\n\nBody.\n",
            "doc.md:2: error: front matter must be 'key: value' lines (a mapping)",
        ),
        (
            b"---\ntitle: T\ntitel: U\n---\n\nBody.\n",
            "doc.md:3: error: unknown key 'titel': did you mean 'title'?",
        ),
        (
            b"---\ntitle: T\nauthor: [a, b]\n---\n\nBody.\n",
            "doc.md:3: error: 'author' must be plain text",
        ),
        (
            b"---\ntitle: T\npublisher: [unclosed\n---\n\nBody.\n",
            "doc.md:3: error: not valid YAML: did not find expected ',' or ']' while parsing a "
            "flow sequence; close the [ list opened on this line, or quote a value that holds ','",
        ),
        (
            b"---\ntitle: T\nauthor: !!python/object:os.system x\n---\n\nBody.\n",
            "doc.md:3: error: YAML tag !!python/object:os.system is not allowed: "
            "a briefing holds plain data only, remove the tag",
        ),
        (
            b"---\ntitle: T\n\nauthor: A\nauthor: B\n---\n\nBody.\n",
            "doc.md:5: error: duplicate key 'author' (the first one would be lost)",
        ),
        (
            b"---\ntitle: T\n---\n\nFirst line.\n\nCaf\xe9 au lait.\n",
            "doc.md:7: error: not UTF-8 text (byte 0xe9): re-save the file as UTF-8",
        ),
        (
            b"---\ntitle: T\n---\n\nHello\x00world\n",
            "doc.md:5: error: contains NUL bytes: this is not a text file",
        ),
    ],
    ids=[
        "empty",
        "blank",
        "no-front-matter",
        "unclosed",
        "list",
        "scalar",
        "unknown-key",
        "non-text-value",
        "unclosed-list",
        "python-tag",
        "duplicate-key",
        "non-utf8",
        "nul",
    ],
)
def test_bad_document_is_one_clear_error(in_tmp: Path, data: bytes, expected: str) -> None:
    with pytest.raises(BriefingError) as excinfo:
        load_bytes(in_tmp, data)
    assert error_of(excinfo) == expected


def test_document_over_the_size_limit_is_refused_before_reading(in_tmp: Path) -> None:
    path = in_tmp / "huge.md"
    with path.open("wb") as handle:  # sparse: costs no disk and no time
        handle.truncate(MAX_DOCUMENT_BYTES + 1024 * 1024)
    with pytest.raises(BriefingError) as excinfo:
        read_text_file(path)
    assert error_of(excinfo) == (
        "huge.md: error: file is 11.0 MB, over the 10 MB limit for one document: "
        "split it into several documents"
    )


def test_missing_and_folder_paths_are_clear_errors(in_tmp: Path) -> None:
    with pytest.raises(BriefingError, match="file not found"):
        read_text_file(in_tmp / "nope.md")
    (in_tmp / "folder.md").mkdir()
    with pytest.raises(BriefingError, match="is a folder, not a file"):
        read_text_file(in_tmp / "folder.md")


def test_bom_and_windows_line_endings_are_accepted(in_tmp: Path) -> None:
    document = load_bytes(in_tmp, b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n\r\nBody.\r\n")
    assert document.title == "T"
    assert [p.text for p in document.passages] == ["Body."]


def test_front_matter_fields_become_document_fields(in_tmp: Path) -> None:
    text = (
        "---\nid: alpha\ntitle: The Title\npublisher: Pub\nauthor: Ann\n"
        "date: 2023-09-19\nurl: https://example.org/a\nkind: news\n---\n\nBody.\n"
    )
    document = load_bytes(in_tmp, text.encode(), name="whatever.md")
    assert (document.id, document.title, document.publisher, document.author) == (
        "alpha",
        "The Title",
        "Pub",
        "Ann",
    )
    assert (document.date, document.url, document.kind) == (
        "2023-09-19",
        "https://example.org/a",
        "news",
    )
    assert document.passages[0].id == "alpha:1"
    assert document.passages[0].line == 11


def test_unknown_front_matter_fields_stay_empty(in_tmp: Path) -> None:
    document = load_bytes(in_tmp, b"---\ntitle: T\n---\n\nBody.\n", name="beta.md")
    assert document.id == "beta"  # from the file name
    assert (document.author, document.date, document.publisher, document.url) == ("", "", "", "")


def test_empty_front_matter_is_allowed(in_tmp: Path) -> None:
    document = load_bytes(in_tmp, b"---\n---\n\nBody.\n", name="gamma.md")
    assert document.title == ""
    assert [p.id for p in document.passages] == ["gamma:1"]


@pytest.mark.parametrize("ident", ["Alpha", "al pha", "-alpha", "alpha:1"])
def test_invalid_document_id_is_refused_at_its_line(in_tmp: Path, ident: str) -> None:
    with pytest.raises(BriefingError) as excinfo:
        load_bytes(in_tmp, f"---\ntitle: T\n\nid: '{ident}'\n---\n\nBody.\n".encode())
    assert error_of(excinfo) == (
        f"doc.md:4: error: document id '{ident}' must be lowercase letters, digits and '-' "
        "(it appears in passage ids such as 'name:12')"
    )


def test_file_name_that_is_no_id_is_refused(in_tmp: Path) -> None:
    with pytest.raises(BriefingError, match="document id 'My Article' must be lowercase"):
        load_bytes(in_tmp, b"---\ntitle: T\n---\n\nBody.\n", name="My Article.md")


def test_control_characters_in_front_matter_are_removed(in_tmp: Path) -> None:
    text = '---\ntitle: "Evil \\e[31mred\\e[0m title\\a"\n---\n\nBody.\n'
    document = load_bytes(in_tmp, text.encode())
    assert document.title == "Evil red title"


def test_control_characters_in_a_document_are_a_warning_with_a_line(in_tmp: Path) -> None:
    path = in_tmp / "doc.md"
    path.write_text("---\ntitle: T\n---\n\nClean.\n\nDirty \x1b[2J text.\n", encoding="utf-8")
    warnings = []
    document = load_document(path, 1, warnings)
    assert [w.format() for w in warnings] == [
        "doc.md:7: warning: contains terminal control characters; they are removed on display"
    ]
    assert document.passages[1].text == "Dirty  text."


def test_front_matter_records_where_the_body_starts(in_tmp: Path) -> None:
    front = split_front_matter("---\ntitle: T\n---\nBody.\n", in_tmp / "d.md")
    assert front.fields == {"title": "T"}
    assert front.body_line == 4


# -- passages ---------------------------------------------------------------------


def texts(body: str) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in split_passages(body, "d")]


def test_paragraphs_are_passages_with_ids_in_order() -> None:
    passages = split_passages("One.\n\nTwo,\nwrapped.\n\nThree.\n", "doc")
    assert [(p.id, p.index, p.text) for p in passages] == [
        ("doc:1", 1, "One."),
        ("doc:2", 2, "Two, wrapped."),
        ("doc:3", 3, "Three."),
    ]
    assert [p.line for p in passages] == [1, 3, 6]


def test_passage_lines_count_from_the_first_body_line() -> None:
    assert [p.line for p in split_passages("One.\n\nTwo.\n", "d", first_line=10)] == [10, 12]


def test_list_items_are_passages_however_deep() -> None:
    body = "- first\n  - nested\n    - deeper\n- second\n\n1. one\n2. two\n"
    assert texts(body) == [
        ("item", "first"),
        ("item", "nested"),
        ("item", "deeper"),
        ("item", "second"),
        ("item", "one"),
        ("item", "two"),
    ]


def test_block_quote_is_one_passage() -> None:
    body = "Before.\n\n> line one\n> line two\n>\n> second paragraph\n\nAfter.\n"
    assert texts(body) == [
        ("paragraph", "Before."),
        ("quote", "line one line two\nsecond paragraph"),
        ("paragraph", "After."),
    ]


def test_heading_with_exactly_one_block_is_a_heading_led_passage() -> None:
    body = "## What happened?\n\nThey met.\n\n## Why?\n\nFor shells.\n"
    passages = split_passages(body, "d")
    assert [(p.kind, p.text) for p in passages] == [
        ("heading-led", "What happened?\nThey met."),
        ("heading-led", "Why?\nFor shells."),
    ]


def test_heading_with_several_blocks_gives_them_context() -> None:
    body = "# Background\n\nFirst.\n\nSecond.\n\n# Outlook\n\nThird.\n\n- Fourth\n"
    passages = split_passages(body, "d")
    assert [(p.kind, p.text, p.heading) for p in passages] == [
        ("paragraph", "First.", "Background"),
        ("paragraph", "Second.", "Background"),
        ("paragraph", "Third.", "Outlook"),
        ("item", "Fourth", "Outlook"),
    ]


def test_heading_led_passage_keeps_the_enclosing_heading() -> None:
    body = "# FAQ\n\nIntro one.\n\nIntro two.\n\n## Q?\n\nA.\n\n## Q2?\n\nA2.\n"
    passages = split_passages(body, "d")
    assert [(p.kind, p.heading) for p in passages] == [
        ("paragraph", "FAQ"),
        ("paragraph", "FAQ"),
        ("heading-led", "FAQ"),
        ("heading-led", "FAQ"),
    ]


def test_heading_followed_by_a_heading_is_not_a_passage() -> None:
    assert texts("# Part\n\n## Chapter\n\nA.\n\nB.\n") == [("paragraph", "A."), ("paragraph", "B.")]


def test_code_blocks_are_passages_and_keep_their_lines() -> None:
    body = "Intro.\n\n    indented one\n    indented two\n\n```\nfenced\n```\n"
    assert texts(body) == [
        ("paragraph", "Intro."),
        ("code", "indented one\nindented two"),
        ("code", "fenced"),
    ]


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("Footnote [1] and [bold] stay.", "Footnote [1] and [bold] stay."),
        ("[red]alert[/red] is not markup.", "[red]alert[/red] is not markup."),
        ("A *soft* and **strong** word.", "A soft and strong word."),
        ("A [link](https://example.org) here.", "A link here."),
        ("Escaped \\*stars\\* and \\_under\\_.", "Escaped *stars* and _under_."),
        ("Red \x1b[31mtext\x1b[0m here.", "Red text here."),
        ("Title \x1b]0;pwned\x07 set.", "Title  set."),
        ("Bell\x07 and back\x08space.", "Bell and backspace."),
        ("C1 \x9b31m csi.", "C1 31m csi."),
        ("Bidi \u202eoverride\u202c.", "Bidi override."),
        ("Fish &amp; chips.", "Fish & chips."),
    ],
)
def test_passage_text_is_plain_text_without_controls(markdown: str, plain: str) -> None:
    [passage] = split_passages(markdown + "\n", "d")
    assert passage.text == plain


def test_passage_text_never_holds_a_control_character() -> None:
    body = "".join(f"Char {chr(c)} here.\n\n" for c in [*range(0, 9), *range(11, 32), 127])
    for passage in split_passages(body, "d"):
        assert all(ch in "\n\t" or ord(ch) >= 32 for ch in passage.text), passage
        assert "\x7f" not in passage.text


def test_empty_body_has_no_passages() -> None:
    assert split_passages("\n\n", "d") == []


def test_an_unclosed_mapping_is_reported_on_the_line_it_opens_not_at_the_end() -> None:
    text = "title: T\ndocuments: []\nlinks:\n  - {from: a, to: b\n\n\n"
    with pytest.raises(BriefingError) as excinfo:
        load_yaml(text, "briefing.yaml")
    assert error_of(excinfo).startswith("briefing.yaml:4: error: not valid YAML: ")
    assert "close the { mapping opened on this line" in error_of(excinfo)


def test_a_fault_inside_a_flow_that_closes_is_reported_where_it_is() -> None:
    """Not at the [ : the list closes, its third line holds the fault."""
    text = 'documents: [\n  docs/a.md,\n  "docs/b.md" extra,\n  docs/c.md\n]\n'
    with pytest.raises(BriefingError) as excinfo:
        load_yaml(text, "briefing.yaml")
    assert error_of(excinfo).startswith("briefing.yaml:3: error: not valid YAML: ")
    assert "close the [ list opened on line 1" in error_of(excinfo)
