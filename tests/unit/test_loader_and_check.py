"""`inspect_briefing` and `check_briefing` on broken briefings: every problem, at its file:line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tiny_briefing import ALPHA, BETA, BRIEFING, MakeBriefing, line_of

from briefing.core.check import check_briefing
from briefing.core.errors import BriefingError
from briefing.core.loader import inspect_briefing, load_briefing, load_briefing_to_read
from briefing.core.locate import bundled_briefing
from briefing.core.text import excerpt


def formatted(folder: Path) -> list[str]:
    """Every problem `briefing check` would print, in order."""
    return [p.format() for p in check_briefing(folder).problems]


def errors(folder: Path) -> list[str]:
    return [p for p in formatted(folder) if ": error: " in p]


def test_the_tiny_briefing_checks_clean(make_briefing: MakeBriefing) -> None:
    report = check_briefing(make_briefing())
    assert report.problems == []
    assert report.passed(strict=True)
    assert report.verdict() == (
        "ok: 2 documents, 5 passages, 2 sections, 1 annotation, 1 glossary term, 1 link"
    )


def test_quotes_resolve_to_passage_ids(make_briefing: MakeBriefing) -> None:
    briefing = load_briefing(make_briefing())
    meeting = briefing.section("meeting")
    assert meeting.passages == ("alpha:1", "beta:1", "alpha:3")
    assert meeting.key_points[0].cites == ("alpha:1", "beta:1")
    assert [(a.passage, a.kind) for a in briefing.annotations] == [("beta:2", "disagreement")]
    [link] = briefing.links
    assert (link.source, link.target, link.kind, link.reasons) == (
        "alpha:2",
        "beta:2",
        "disagreement",
        ("shell figures differ",),
    )


def test_quotes_match_across_typography_and_white_space(make_briefing: MakeBriefing) -> None:
    docs = {"alpha": ALPHA.replace("crab dumplings", "crab “dumplings”"), "beta": BETA}
    yaml_text = BRIEFING.replace('quote: "crab dumplings"', "quote: 'crab   \"dumplings\"'")
    briefing = load_briefing(make_briefing(yaml_text, docs))
    assert "alpha:3" in briefing.section("meeting").passages


# -- unknown keys -----------------------------------------------------------------


def test_typo_in_a_top_level_key_names_the_valid_key(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace("sections:", "secitons:")
    folder = make_briefing(text)
    assert errors(folder) == [
        f"briefing.yaml:{line_of(text, 'secitons:')}: error: unknown key 'secitons': "
        "did you mean 'sections'? (in the briefing)"
    ]
    assert not check_briefing(folder).passed()


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        (
            "    intro: Where",
            "    intor: Where",
            "intor:",
            "unknown key 'intor': did you mean 'intro'? (in a section)",
        ),
        (
            "      - text: The leaders met",
            "      - txt: The leaders met",
            "txt:",
            "unknown key 'txt': did you mean 'text'? (in a key point)",
        ),
        (
            "    kind: disagreement\n    text: Alpha",
            "    knd: disagreement\n    text: Alpha",
            "knd:",
            "unknown key 'knd': did you mean 'kind'? (in an annotation)",
        ),
        (
            "    definition: A Russian",
            "    defintion: A Russian",
            "defintion:",
            "unknown key 'defintion': did you mean 'definition'? (in a glossary entry)",
        ),
        (
            '    note: "shell',
            '    nte: "shell',
            "nte:",
            "unknown key 'nte': did you mean 'note'? (in a link)",
        ),
        (
            '{doc: alpha, quote: "crab dumplings"}',
            '{doc: alpha, qoute: "crab dumplings"}',
            "qoute:",
            "unknown key 'qoute': did you mean 'quote'? (in a passage of section 'meeting')",
        ),
    ],
    ids=["section", "key-point", "annotation", "glossary", "link", "reference"],
)
def test_unknown_keys_in_parts_are_errors_at_their_line(
    make_briefing: MakeBriefing, old: str, new: str, marker: str, message: str
) -> None:
    assert old in BRIEFING
    text = BRIEFING.replace(old, new)
    expected = f"briefing.yaml:{line_of(text, marker)}: error: {message}"
    assert expected in errors(make_briefing(text))


# -- references -------------------------------------------------------------------


def test_quote_matching_no_passage_shows_the_closest(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace('quote: "crab dumplings"', 'quote: "crab dumpling soup"')
    folder = make_briefing(text)
    assert errors(folder) == [
        f"briefing.yaml:{line_of(text, 'crab dumpling soup')}: error: quote in a passage of "
        "section 'meeting' matches no passage of 'alpha'; closest is alpha:3: "
        '"…dined on crab dumplings after the talks."'
    ]


def test_the_closest_passage_is_shown_in_whole_words(make_briefing: MakeBriefing) -> None:
    # The excerpt starts a little before the words that match: inside "dined" here.
    text = BRIEFING.replace('quote: "crab dumplings"', 'quote: "dumplings after dinner"')
    [error] = errors(make_briefing(text))
    assert error.endswith('closest is alpha:3: "…dined on crab dumplings after the talks."')


RESCUE = (
    "Overnight, rescue teams worked through the night [1] to reach villages cut off by "
    "landslides, and officials said more help was coming."
)


@pytest.mark.parametrize(
    ("start", "shown"),
    [
        (0, "Overnight, rescue teams worked through the night [1] to reach villages…"),
        (13, "…rescue teams worked through the night [1] to reach villages cut off by…"),
        (10, "…rescue teams worked through the night [1] to reach villages cut off by…"),
        (-4, "Overnight, rescue teams worked through the night [1] to reach villages…"),
        (100, "…officials said more help was coming."),
    ],
)
def test_an_excerpt_starts_and_ends_on_whole_words(start: int, shown: str) -> None:
    assert excerpt(RESCUE, start, 70) == shown


def test_an_excerpt_of_a_short_text_is_the_whole_of_it() -> None:
    assert excerpt("At dawn.", 0, 70) == "At dawn."


def test_quote_matching_several_passages_lists_them(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace('quote: "crab dumplings"', 'quote: "the"')
    assert errors(make_briefing(text)) == [
        f"briefing.yaml:{line_of(text, 'quote: ' + chr(34) + 'the')}: error: quote in a passage "
        "of section 'meeting' matches 2 passages (alpha:1, alpha:3): quote more words to pick one"
    ]


def test_unknown_document_in_a_reference_gets_a_hint(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace('{doc: alpha, quote: "crab', '{doc: alfa, quote: "crab')
    assert errors(make_briefing(text)) == [
        f"briefing.yaml:{line_of(text, 'alfa')}: error: unknown document 'alfa' in a passage "
        "of section 'meeting': did you mean 'alpha'?"
    ]


def test_reference_without_a_quote_is_an_error(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace('{doc: alpha, quote: "crab dumplings"}', "{doc: alpha}")
    assert errors(make_briefing(text)) == [
        f"briefing.yaml:{line_of(text, '{doc: alpha}')}: error: a passage of section 'meeting' "
        "needs both 'doc:' and 'quote:'"
    ]


def test_link_within_one_document_is_an_error(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace(
        'to: {doc: beta, quote: "10 million rounds"}', 'to: {doc: alpha, quote: "crab"}'
    )
    assert errors(make_briefing(text)) == [
        f"briefing.yaml:{line_of(text, '- from:')}: error: link from alpha:2 to alpha:3 stays "
        "within one document: links join different sources"
    ]


def test_unknown_link_kind_gets_a_hint(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace("kind: disagreement\n    note", "kind: disagrement\n    note")
    assert errors(make_briefing(text)) == [
        f"briefing.yaml:{line_of(text, 'disagrement')}: error: link kind 'disagrement' is "
        "unknown: did you mean 'disagreement'?"
    ]


def test_key_point_without_cite_is_an_error(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace(
        '        cite: [{doc: alpha, quote: "11 million"}, {doc: beta, quote: "10 million"}]\n',
        "",
    )
    assert errors(make_briefing(text)) == [
        f"briefing.yaml:{line_of(text, 'differ on the number')}: error: key point in section "
        "'shells' cites nothing: add 'cite:' with the passages that support it"
    ]


@pytest.mark.parametrize("value", ["5", "just words", "{text: a}"])
def test_key_points_that_are_not_a_list_are_an_error(
    make_briefing: MakeBriefing, value: str
) -> None:
    """A scalar `key_points:` used to crash the loader (TypeError / AttributeError)."""
    text = BRIEFING.replace(
        "    key_points:\n      - text: The sources differ on the number of shells.\n"
        '        cite: [{doc: alpha, quote: "11 million"}, {doc: beta, quote: "10 million"}]\n',
        f"    key_points: {value}\n",
    )
    assert f"key_points: {value}" in text
    assert errors(make_briefing(text)) == [
        f"briefing.yaml:{line_of(text, 'key_points: ' + value)}: error: 'key_points' must be a list"
    ]


# -- duplicates -------------------------------------------------------------------


def test_duplicate_section_id_is_an_error(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace("  - id: shells", "  - id: meeting")
    first, second = line_of(text, "id: meeting"), line_of(text, "id: meeting", 2)
    assert errors(make_briefing(text)) == [
        f"briefing.yaml:{second}: error: duplicate section id 'meeting' (first at line {first})"
    ]


def test_duplicate_glossary_term_is_an_error_whatever_the_case(
    make_briefing: MakeBriefing,
) -> None:
    text = BRIEFING.replace(
        "    definition: A Russian spaceport.\n",
        "    definition: A Russian spaceport.\n  - term: VOSTOCHNY\n    definition: Again.\n",
    )
    first, second = line_of(text, "term: Vostochny"), line_of(text, "term: VOSTOCHNY")
    assert errors(make_briefing(text)) == [
        f"briefing.yaml:{second}: error: duplicate glossary term 'VOSTOCHNY' "
        f"(first at line {first})"
    ]


def test_duplicate_document_id_is_an_error(make_briefing: MakeBriefing) -> None:
    docs = {
        "alpha": ALPHA,
        "beta": BETA,
        "copy": ALPHA.replace("---\ntitle", "---\nid: alpha\ntitle"),
    }
    text = BRIEFING.replace("  - docs/beta.md\n", "  - docs/beta.md\n  - docs/copy.md\n")
    assert errors(make_briefing(text, docs)) == [
        f"briefing.yaml:{line_of(text, 'docs/copy.md')}: error: duplicate document id 'alpha' "
        "(also alpha.md): set a different 'id:'"
    ]


def test_link_listed_twice_is_a_warning(make_briefing: MakeBriefing) -> None:
    text = BRIEFING + (
        '  - from: {doc: beta, quote: "10 million rounds"}\n'
        '    to: {doc: alpha, quote: "11 million shells"}\n'
        "    kind: agreement\n"
    )
    folder = make_briefing(text)
    first, second = line_of(text, "- from:"), line_of(text, "- from:", 2)
    assert formatted(folder) == [
        f"briefing.yaml:{second}: warning: link between beta:2 and alpha:2 is listed twice "
        f"(first at line {first})"
    ]
    report = check_briefing(folder)
    assert report.passed() and not report.passed(strict=True)


# -- documents --------------------------------------------------------------------


@pytest.mark.parametrize("path", ["../outside.md", "docs/../../outside.md", "/etc/hostname"])
def test_document_path_leaving_the_folder_is_refused(
    make_briefing: MakeBriefing, tmp_path: Path, path: str
) -> None:
    (tmp_path.parent / "outside.md").write_text(ALPHA, encoding="utf-8")
    text = BRIEFING.replace("  - docs/beta.md\n", f"  - {path}\n")
    folder = make_briefing(text)
    assert errors(folder)[0] == (
        f"briefing.yaml:{line_of(text, path)}: error: document path '{path}' leaves the "
        "briefing folder: keep documents inside it (for example docs/name.md)"
    )
    briefing, _ = inspect_briefing(folder)
    assert briefing is not None
    assert [d.id for d in briefing.documents] == ["alpha"]


def test_symlink_leaving_the_folder_is_refused(make_briefing: MakeBriefing, tmp_path: Path) -> None:
    folder = make_briefing()
    outside = tmp_path.parent / f"{tmp_path.name}-secret.md"
    outside.write_text(BETA, encoding="utf-8")
    (folder / "docs" / "beta.md").unlink()
    os.symlink(outside, folder / "docs" / "beta.md")
    assert errors(folder)[0].startswith(
        f"briefing.yaml:{line_of(BRIEFING, 'docs/beta.md')}: error: document path "
        "'docs/beta.md' leaves the briefing folder"
    )


def test_missing_document_is_an_error_at_its_entry(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace("  - docs/beta.md\n", "  - docs/beta.md\n  - docs/missing.md\n")
    assert errors(make_briefing(text)) == [
        f"briefing.yaml:{line_of(text, 'missing.md')}: error: document 'docs/missing.md' not found"
    ]


def test_a_folder_listed_as_a_document_is_an_error_at_its_entry_naming_its_files(
    make_briefing: MakeBriefing,
) -> None:
    text = BRIEFING.replace("  - docs/beta.md\n", "  - docs/beta.md\n  - docs\n")
    assert errors(make_briefing(text)) == [
        f"briefing.yaml:{line_of(text, 'beta.md') + 1}: error: document 'docs' is a"
        " folder: list each document file in it, one per entry (for example docs/alpha.md,"
        " docs/beta.md)"
    ]


def test_a_mistyped_document_path_names_the_file_beside_it(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace("  - docs/beta.md\n", "  - docs/betta.md\n")
    assert errors(make_briefing(text))[0] == (
        f"briefing.yaml:{line_of(text, 'betta.md')}: error: document 'docs/betta.md' not found: "
        "did you mean 'docs/beta.md'?"
    )


def test_document_path_with_a_nul_character_is_an_error(make_briefing: MakeBriefing) -> None:
    """A YAML escape can put NUL in a path; that used to crash path resolution."""
    text = BRIEFING.replace("  - docs/beta.md\n", '  - "docs/beta\\0.md"\n')
    assert errors(make_briefing(text))[0] == (
        f"briefing.yaml:{line_of(text, 'beta')}: error: each document must be a file path "
        "such as docs/article.md"
    )


def test_error_inside_a_document_names_the_document_file(make_briefing: MakeBriefing) -> None:
    docs = {"alpha": ALPHA.replace("author: Ann Writer", "autor: Ann Writer"), "beta": BETA}
    folder = make_briefing(None, docs)
    # One error, in the document; references to it add no "unknown document" noise.
    assert errors(folder) == [
        f"docs/alpha.md:{line_of(docs['alpha'], 'autor')}: error: unknown key 'autor': "
        "did you mean 'author'?"
    ]


def test_non_utf8_document_names_file_and_line(make_briefing: MakeBriefing) -> None:
    folder = make_briefing()
    data = BETA.encode().replace(b"Estimates", b"Estim\xe4tes")
    (folder / "docs" / "beta.md").write_bytes(data)
    assert errors(folder) == [
        f"docs/beta.md:{line_of(BETA, 'Estimates')}: error: not UTF-8 text (byte 0xe4): "
        "re-save the file as UTF-8"
    ]


# -- the briefing file itself -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "",
            "briefing.yaml:1: error: briefing file is empty: it needs at least 'title:' and 'documents:'",
        ),
        (
            "- a\n- b\n",
            "briefing.yaml:1: error: a briefing file must be 'key: value' lines "
            "(title:, documents:, sections:, ...)",
        ),
        (
            "title: T\ndocuments: !!python/object/apply:os.system ['true']\n",
            "briefing.yaml:2: error: YAML tag !!python/object/apply:os.system is not allowed: "
            "a briefing holds plain data only, remove the tag",
        ),
        (
            "title: T\ntitle: U\ndocuments: []\n",
            "briefing.yaml:2: error: duplicate key 'title' (the first one would be lost)",
        ),
        ("title: T\n", "briefing.yaml:1: error: missing 'documents:' (the list of document files)"),
        (
            "title: T\ndocuments: docs/a.md\n",
            "briefing.yaml:2: error: 'documents' must be a list of file paths",
        ),
        (
            "title: T\ndocuments: []\nsections: 3\n",
            "briefing.yaml:3: error: 'sections' must be a list (lines starting with '- ')",
        ),
    ],
    ids=[
        "empty",
        "list",
        "python-tag",
        "duplicate-key",
        "no-documents",
        "documents-str",
        "sections-int",
    ],
)
def test_unusable_briefing_file_is_a_clear_error(
    make_briefing: MakeBriefing, text: str, expected: str
) -> None:
    folder = make_briefing(text)
    assert errors(folder) == [expected]
    with pytest.raises(BriefingError) as excinfo:
        load_briefing(folder)
    assert excinfo.value.first_line == expected


def test_missing_folder_and_folder_without_briefing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    assert formatted(tmp_path / "nowhere") == ["nowhere: error: no such file or folder"]
    assert formatted(tmp_path / "empty") == [
        "empty: error: no briefing.yaml in this folder: run 'briefing init "
        f"{tmp_path / 'empty'}' to start a briefing here"
    ]


def test_all_errors_are_reported_at_once(make_briefing: MakeBriefing) -> None:
    text = (
        BRIEFING.replace("sections:", "secitons:", 1)
        .replace("kind: disagreement\n    note", "kind: nope\n    note")
        .replace("  - docs/beta.md\n", "  - docs/beta.md\n  - ../x.md\n")
    )
    found = errors(make_briefing(text))
    assert len(found) == 3
    assert found == sorted(found, key=lambda p: int(p.split(":")[1]))


# -- warnings and --strict --------------------------------------------------------


def test_passage_in_no_section_is_a_warning_at_the_passage(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace('      - {doc: alpha, quote: "crab dumplings"}\n', "")
    folder = make_briefing(text)
    assert formatted(folder) == [
        f"docs/alpha.md:{line_of(ALPHA, 'crab dumplings')}: warning: passage alpha:3 is in no section"
    ]
    report = check_briefing(folder)
    assert (report.errors, report.warnings) == (0, 1)
    assert report.passed()
    assert not report.passed(strict=True)
    assert report.verdict() == "0 errors, 1 warning"


def test_passages_in_no_section_in_a_row_are_one_warning_at_the_first(
    make_briefing: MakeBriefing,
) -> None:
    text = (
        BRIEFING.replace('      - {doc: alpha, quote: "crab dumplings"}\n', "")
        .replace('      - {doc: alpha, quote: "11 million shells"}\n', "")
        .replace('      - {doc: beta, quote: "spaceport in the Russian Far East"}\n', "")
    )
    assert formatted(make_briefing(text)) == [
        f"docs/alpha.md:{line_of(ALPHA, '11 million shells')}: warning: "
        "passages alpha:2 to alpha:3 (2) are in no section",
        f"docs/beta.md:{line_of(BETA, 'spaceport')}: warning: passage beta:1 is in no section",
    ]


def test_a_briefing_with_no_sections_is_one_warning_at_its_sections_line(
    make_briefing: MakeBriefing,
) -> None:
    """Read by source only, so --strict fails it, as it does a passage in no section."""
    head, _, rest = BRIEFING.partition("sections:\n")
    text = head + "sections: []\n" + rest[rest.index("annotations:") :]
    report = check_briefing(make_briefing(text))
    assert [p.format() for p in report.problems] == [
        f"briefing.yaml:{head.count(chr(10)) + 1}: warning: no sections: its 5 passages can be"
        " read by source only; add sections, and 'briefing check --suggest' offers passages"
        " for them"
    ]
    assert report.passed()
    assert not report.passed(strict=True)


def test_empty_section_is_a_warning(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace(
        "annotations:", "  - id: outlook\n    title: Outlook\n    passages: []\n\nannotations:"
    )
    assert formatted(make_briefing(text)) == [
        f"briefing.yaml:{line_of(text, 'id: outlook')}: warning: section 'outlook' has no passages yet: "
        "'briefing check --suggest' proposes some by its title"
    ]


def test_glossary_term_occurring_nowhere_is_a_warning(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace("term: Vostochny", "term: Baikonur")
    assert formatted(make_briefing(text)) == [
        f"briefing.yaml:{line_of(text, 'Baikonur')}: warning: glossary term 'Baikonur' occurs in no passage"
    ]


def test_glossary_alias_counts_as_an_occurrence(make_briefing: MakeBriefing) -> None:
    text = BRIEFING.replace("term: Vostochny", "term: Baikonur\n    aliases: [cosmodrome]")
    assert formatted(make_briefing(text)) == []


def test_missing_title_in_a_document_is_a_warning(make_briefing: MakeBriefing) -> None:
    docs = {"alpha": ALPHA, "beta": BETA.replace("title: Beta explains\n", "")}
    report = check_briefing(make_briefing(None, docs))
    assert [p.format() for p in report.problems] == [
        "docs/beta.md:2: warning: no title in the front matter"
    ]
    assert report.passed() and not report.passed(strict=True)


def test_a_briefing_that_cannot_be_read_never_passes(make_briefing: MakeBriefing) -> None:
    report = check_briefing(make_briefing("- not a mapping\n"))
    assert report.briefing is None
    assert not report.passed() and not report.passed(strict=True)


# -- the bundled briefing ---------------------------------------------------------


def test_bundled_briefing_has_no_errors() -> None:
    report = check_briefing(bundled_briefing())
    assert [p.format() for p in report.problems if p.severity == "error"] == []
    assert report.passed()
    briefing = report.briefing
    assert briefing is not None
    assert len(briefing.documents) == 5
    assert [s.title for s in briefing.sections][:4] == [
        "Takeaways",
        "History",
        "Military cooperation",
        "China angle",
    ]


def test_bundled_briefing_is_clean_under_strict() -> None:
    """No warnings either: every passage placed, every glossary term found."""
    report = check_briefing(bundled_briefing())
    assert [p.format() for p in report.problems] == []
    assert report.passed(strict=True)


def test_bundled_briefing_meets_the_promised_sizes() -> None:
    briefing = load_briefing(bundled_briefing())
    assert len(briefing.glossary) >= 15
    assert len(briefing.links) >= 40
    for section in briefing.sections:
        assert 4 <= len(section.key_points) <= 8, section.id
        for point in section.key_points:
            assert point.cites, point.text
    for link in briefing.links:
        assert briefing.passages[link.source].doc != briefing.passages[link.target].doc


# -- one cause, said once -----------------------------------------------------------


def test_a_renamed_document_file_gives_its_error_and_one_line_for_the_quotes(
    make_briefing: MakeBriefing,
) -> None:
    text = BRIEFING.replace("  - docs/alpha.md\n", "  - docs/alpha-old.md\n")
    folder = make_briefing(text)
    lines = formatted(folder)
    assert lines[0] == (
        f"briefing.yaml:{line_of(text, 'alpha-old.md')}: error: document 'docs/alpha-old.md' "
        "not found: did you mean 'docs/alpha.md'?"
    )
    [unknown] = [line for line in lines if "unknown document" in line]
    assert unknown == (
        f"briefing.yaml:{line_of(text, '{doc: alpha')}: error: unknown document 'alpha' in a "
        "passage of section 'meeting' (and 5 more references to it): is it 'docs/alpha-old.md', "
        "which could not be read? Fix that first"
    )
    assert len(errors(folder)) == 2


def test_a_broken_document_comes_before_the_warnings_that_follow_from_it(
    make_briefing: MakeBriefing,
) -> None:
    docs = {"alpha": ALPHA.replace("title: Alpha on the summit", "title: [broken"), "beta": BETA}
    lines = formatted(make_briefing(None, docs))
    assert lines[0].startswith("docs/alpha.md:2: error: not valid YAML")
    assert lines[1:] == [
        f"briefing.yaml:{line_of(BRIEFING, 'term: Vostochny')}: warning: glossary term "
        "'Vostochny' found in no passage read: 'docs/alpha.md' could not be read, check again "
        "once it loads"
    ]


def test_to_read_a_briefing_whose_link_quote_matches_nothing_leaves_out_that_link(
    make_briefing: MakeBriefing,
) -> None:
    text = BRIEFING.replace(
        'to: {doc: beta, quote: "10 million rounds"}', 'to: {doc: beta, quote: "9 million rounds"}'
    )
    assert text != BRIEFING
    folder = make_briefing(text)
    with pytest.raises(BriefingError):
        load_briefing(folder)
    briefing, problems = load_briefing_to_read(folder)
    assert briefing.links == ()
    assert [p.severity for p in problems] == ["error"]
    assert "quote in a link's 'to'" in problems[0].message
    assert briefing.sections and briefing.documents


def test_to_read_a_briefing_whose_yaml_does_not_parse_still_fails(
    make_briefing: MakeBriefing,
) -> None:
    with pytest.raises(BriefingError):
        load_briefing_to_read(make_briefing("title: [unclosed\n"))


def test_a_problem_shown_in_the_reader_names_its_file_inside_the_briefing(
    make_briefing: MakeBriefing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From elsewhere, `check` gives the path as typed; the reader's notice gives it inside
    the briefing's folder, short enough not to break between the file and its line."""
    folder = make_briefing(BRIEFING.replace('quote: "crab dumplings"', 'quote: "no such words"'))
    monkeypatch.chdir(tmp_path.parent)
    _, problems = load_briefing_to_read(folder)
    assert problems[0].format().startswith(f"{tmp_path.name}/")
    assert problems[0].format(within=folder.resolve()).startswith("briefing.yaml:")
