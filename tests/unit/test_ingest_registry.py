"""Importing raw articles into a briefing folder: plan, refuse, write, register; and `init`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefing.core.check import check_briefing
from briefing.core.documents import load_document
from briefing.core.errors import BriefingError
from briefing.core.ingest import Overrides, PlannedImport, plan_imports, slug, write_imports
from briefing.core.loader import load_briefing
from briefing.core.registry import add_document
from briefing.core.scaffold import init_briefing
from briefing.core.yamlsrc import load_yaml

HARBOUR = """\
Posted on March 3, 2021

City Council Approves Harbour Bridge Repairs

By Maria Okonkwo

The city council voted 7-2 on Tuesday to fund repairs to the Harbour Bridge.

Support independent journalism — become a member for $8/month.

Engineers found corrosion in three of the bridge's eight support cables.

Copyright (c) 2021 Foo Media. All rights reserved.
"""

FERRY = """\
Ferry Service Resumes After Storm

Copyright 2021 Foo Media

Ferries to the outer islands sailed again on Friday after three days in port.
"""

PLAIN = """\
Notes From the Valley

The river rose two metres overnight and the old mill flooded again.
"""


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def raw_file(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def do_import(
    files: list[Path], into: Path, overrides: Overrides | None = None, *, force: bool = False
) -> list[PlannedImport]:
    plans = plan_imports(files, into, overrides or Overrides(), force=force)
    write_imports(plans, into)
    return plans


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: to prove nothing changed."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


# -- importing --------------------------------------------------------------------


def test_import_writes_a_clean_document_and_keeps_the_original(work: Path) -> None:
    source = raw_file(work, "harbour.txt", HARBOUR.replace("\n", "\r\n"))
    [plan] = do_import([source], work / "brief")
    assert plan.doc_id == "foo-media"
    docs = work / "brief" / "docs"
    assert (docs / "foo-media.original.txt").read_bytes() == source.read_bytes()
    document = load_document(docs / "foo-media.md", 1)
    assert (document.id, document.title, document.publisher, document.author, document.date) == (
        "foo-media",
        "City Council Approves Harbour Bridge Repairs",
        "Foo Media",
        "Maria Okonkwo",
        "2021-03-03",
    )
    assert [p.text for p in document.passages] == [
        "The city council voted 7-2 on Tuesday to fund repairs to the Harbour Bridge.",
        "Engineers found corrosion in three of the bridge's eight support cables.",
    ]
    assert (document.url, document.kind) == ("", "")
    # No temporary files are left behind.
    assert sorted(p.name for p in docs.iterdir()) == ["foo-media.md", "foo-media.original.txt"]


def test_written_files_are_readable_like_any_other(work: Path) -> None:
    """Atomic writes must not leave the 0600 mode of a temporary file."""
    old = os.umask(0o022)
    try:
        init_briefing(work / "brief", "B")
        (work / "brief" / "briefing.yaml").chmod(0o640)
        do_import([raw_file(work, "h.txt", HARBOUR)], work / "brief")
    finally:
        os.umask(old)
    assert stat.S_IMODE((work / "brief" / "docs" / "foo-media.md").stat().st_mode) == 0o644
    assert stat.S_IMODE((work / "brief" / "briefing.yaml").stat().st_mode) == 0o640


def test_id_comes_from_publisher_then_title_then_file_name(work: Path) -> None:
    assert do_import([raw_file(work, "a.txt", HARBOUR)], work)[0].doc_id == "foo-media"
    assert do_import([raw_file(work, "b.txt", PLAIN)], work)[0].doc_id == "notes-valley"
    untitled = "The river rose two metres overnight and the old mill flooded again.\n"
    assert do_import([raw_file(work, "c.txt", untitled)], work)[0].doc_id == "c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Asian Age", "asian-age"),
        ("NORTH KOREA/RUSSIA: Planned summit", "north-korea-russia-planned"),
        ("Kim’s Trip", "kims-trip"),
        ("the of and", "the-of-and"),
        ("", "document"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_reimport_is_refused_without_force(work: Path) -> None:
    source = raw_file(work, "harbour.txt", HARBOUR)
    do_import([source], work)
    before = tree(work)
    with pytest.raises(BriefingError) as excinfo:
        do_import([source], work)
    assert excinfo.value.first_line == (
        "docs/foo-media.md: error: already exists: add --force to overwrite it, "
        "or --id to import under another name"
    )
    assert tree(work) == before


def test_reimport_with_force_replaces_the_same_document(work: Path) -> None:
    source = raw_file(work, "harbour.txt", HARBOUR)
    do_import([source], work)
    [plan] = do_import([source], work, force=True)
    assert (plan.doc_id, plan.replaces) == ("foo-media", True)
    assert sorted(p.name for p in (work / "docs").iterdir()) == [
        "foo-media.md",
        "foo-media.original.txt",
    ]


def test_different_article_with_the_same_slug_gets_a_suffix(work: Path) -> None:
    do_import([raw_file(work, "harbour.txt", HARBOUR)], work)
    [plan] = do_import([raw_file(work, "ferry.txt", FERRY)], work)
    assert (plan.doc_id, plan.replaces) == ("foo-media-2", False)
    assert load_document(work / "docs" / "foo-media-2.md", 1).title == (
        "Ferry Service Resumes After Storm"
    )
    assert "Harbour Bridge" in (work / "docs" / "foo-media.md").read_text(encoding="utf-8")


def test_two_articles_with_the_same_slug_in_one_import(work: Path) -> None:
    plans = do_import([raw_file(work, "h.txt", HARBOUR), raw_file(work, "f.txt", FERRY)], work)
    assert [p.doc_id for p in plans] == ["foo-media", "foo-media-2"]


def test_explicit_id_that_exists_needs_force(work: Path) -> None:
    do_import([raw_file(work, "harbour.txt", HARBOUR)], work)
    with pytest.raises(BriefingError, match="already exists"):
        do_import([raw_file(work, "plain.txt", PLAIN)], work, Overrides(doc_id="foo-media"))


def test_overrides_win_over_what_the_text_says(work: Path) -> None:
    overrides = Overrides(
        doc_id="bridge",
        title="Bridge vote",
        publisher="Harbor Ledger",
        author="M. Okonkwo",
        date="4 March 2021",
        url="https://example.org/bridge",
        kind="news",
    )
    [plan] = do_import([raw_file(work, "harbour.txt", HARBOUR)], work, overrides)
    document = load_document(plan.target, 1)
    assert (document.id, document.title, document.publisher, document.author) == (
        "bridge",
        "Bridge vote",
        "Harbor Ledger",
        "M. Okonkwo",
    )
    assert (document.date, document.url, document.kind) == (
        "2021-03-04",
        "https://example.org/bridge",
        "news",
    )


@pytest.mark.parametrize("ident", ["Bad", "has space", "-lead", "dots.in.it", "émile"])
def test_invalid_id_is_refused(work: Path, ident: str) -> None:
    source = raw_file(work, "harbour.txt", HARBOUR)
    with pytest.raises(BriefingError) as excinfo:
        plan_imports([source], work, Overrides(doc_id=ident), force=False)
    assert excinfo.value.first_line == (
        f"harbour.txt: error: --id '{ident}' must be lowercase letters, digits and '-'"
    )


def test_id_or_title_with_several_files_is_refused(work: Path) -> None:
    files = [raw_file(work, "a.txt", HARBOUR), raw_file(work, "b.txt", PLAIN)]
    for overrides in (Overrides(doc_id="x"), Overrides(title="X")):
        with pytest.raises(BriefingError, match="--id and --title name one document"):
            plan_imports(files, work, overrides, force=False)


@pytest.mark.parametrize("date", ["2021-03-04", "2021-03", "2021", "4 March 2021", "March 4, 2021"])
def test_valid_dates_are_accepted(work: Path, date: str) -> None:
    plan_imports([raw_file(work, "a.txt", HARBOUR)], work, Overrides(date=date), force=False)


@pytest.mark.parametrize("date", ["yesterday", "2021-13-01", "2021-02-30", "2021-00", "21-03-04"])
def test_invalid_dates_are_refused(work: Path, date: str) -> None:
    source = raw_file(work, "harbour.txt", HARBOUR)
    with pytest.raises(BriefingError) as excinfo:
        plan_imports([source], work, Overrides(date=date), force=False)
    assert excinfo.value.first_line == (
        f"harbour.txt: error: --date '{date}' is not a date: use YYYY-MM-DD (or YYYY-MM, YYYY)"
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt:1: error: file is empty: nothing to import"),
        (
            "latin1.txt",
            b"Title\n\nOne line.\nCaf\xe9.\n",
            "latin1.txt:4: error: not UTF-8 text (byte 0xe9): re-save the file as UTF-8",
        ),
        (
            "clutter.txt",
            b"Subscribe to our newsletter\n\nLeave a Comment\n",
            "clutter.txt:1: error: nothing left after removing clutter: is this an article?",
        ),
        ("missing.txt", None, "missing.txt: error: file not found"),
    ],
)
def test_bad_file_among_several_writes_nothing(
    work: Path, name: str, data: bytes | None, message: str
) -> None:
    init_briefing(work / "brief", "B")
    good = raw_file(work, "good.txt", HARBOUR)
    bad = raw_file(work, name, data) if data is not None else work / name
    before = tree(work / "brief")
    with pytest.raises(BriefingError) as excinfo:
        do_import([good, bad], work / "brief")
    assert excinfo.value.first_line == message
    assert tree(work / "brief") == before


def test_briefing_that_cannot_register_the_document_writes_nothing(work: Path) -> None:
    brief = work / "brief"
    brief.mkdir()
    (brief / "briefing.yaml").write_text("title: B\ndocuments: [docs/old.md]\n", encoding="utf-8")
    before = tree(brief)
    with pytest.raises(BriefingError, match="flow style"):
        do_import([raw_file(work, "h.txt", HARBOUR)], brief)
    assert tree(brief) == before


def test_import_without_a_briefing_writes_documents_only(work: Path) -> None:
    plans = plan_imports(
        [raw_file(work, "h.txt", HARBOUR)], work / "loose", Overrides(), force=False
    )
    assert write_imports(plans, work / "loose") is False
    assert sorted(tree(work / "loose")) == ["docs/foo-media.md", "docs/foo-media.original.txt"]


# -- init and registration --------------------------------------------------------


def test_init_then_import_gives_a_briefing_that_loads(work: Path) -> None:
    target = init_briefing(work / "my-brief", None)
    assert target == work / "my-brief" / "briefing.yaml"
    do_import([raw_file(work, "h.txt", HARBOUR), raw_file(work, "p.txt", PLAIN)], work / "my-brief")
    report = check_briefing(work / "my-brief")
    assert report.errors == 0
    briefing = report.briefing
    assert briefing is not None
    assert briefing.title == "My brief"
    assert [d.id for d in briefing.documents] == ["foo-media", "notes-valley"]
    assert [s.id for s in briefing.sections] == ["takeaways", "history", "analysis", "outlook"]


def test_registration_keeps_comments_and_order(work: Path) -> None:
    init_briefing(work / "brief", "Bridges: a briefing")
    before = (work / "brief" / "briefing.yaml").read_text(encoding="utf-8")
    do_import([raw_file(work, "h.txt", HARBOUR)], work / "brief")
    after = (work / "brief" / "briefing.yaml").read_text(encoding="utf-8")
    assert after == before.replace("documents: []", "documents:\n  - docs/foo-media.md")
    assert load_briefing(work / "brief").title == "Bridges: a briefing"


def test_init_refuses_an_existing_briefing(work: Path) -> None:
    init_briefing(work / "brief", "First")
    with pytest.raises(BriefingError) as excinfo:
        init_briefing(work / "brief", "Second")
    assert excinfo.value.first_line == (
        "brief/briefing.yaml: error: already exists: this folder holds a briefing "
        "(add --force to start over)"
    )
    assert "title: First" in (work / "brief" / "briefing.yaml").read_text(encoding="utf-8")
    init_briefing(work / "brief", "Second", force=True)
    assert load_briefing(work / "brief").title == "Second"


def test_init_refuses_a_file_as_the_folder(work: Path) -> None:
    (work / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(BriefingError, match="afile: error: is a file, not a folder"):
        init_briefing(work / "afile", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "# top\ntitle: T\ndocuments:  # the files\n  - docs/a.md   # first\n\nsections: []\n",
            "# top\ntitle: T\ndocuments:  # the files\n  - docs/a.md   # first\n  - docs/new.md\n\nsections: []\n",
        ),
        (
            "title: T\ndocuments: []\nlinks: []\n",
            "title: T\ndocuments:\n  - docs/new.md\nlinks: []\n",
        ),
        ("title: T\ndocuments:\nlinks: []\n", "title: T\ndocuments:\n  - docs/new.md\nlinks: []\n"),
        ("title: T\n", "title: T\ndocuments:\n  - docs/new.md\n"),
        (
            "title: T\ndocuments:\n- docs/a.md\n",
            "title: T\ndocuments:\n- docs/a.md\n- docs/new.md\n",
        ),
        ("title: T\ndocuments: [docs/new.md]\n", "title: T\ndocuments: [docs/new.md]\n"),
    ],
    ids=["comments", "flow-empty", "null", "no-key", "zero-indent", "already-there"],
)
def test_add_document(text: str, expected: str) -> None:
    result = add_document(text, "docs/new.md", "briefing.yaml")
    assert result == expected
    assert "docs/new.md" in load_yaml(result, "briefing.yaml")["documents"]


def test_add_document_refuses_a_non_empty_flow_list() -> None:
    with pytest.raises(BriefingError) as excinfo:
        add_document("title: T\ndocuments: [docs/a.md]\n", "docs/new.md", "briefing.yaml")
    assert excinfo.value.first_line.startswith(
        "briefing.yaml:2: error: 'documents:' is written in flow style"
    )


def test_add_document_quotes_unusual_paths() -> None:
    result = add_document("title: T\ndocuments: []\n", "docs/a b:c.md", "briefing.yaml")
    assert load_yaml(result, "briefing.yaml")["documents"] == ["docs/a b:c.md"]


# -- importing the same article again ---------------------------------------------


def test_reimport_with_new_metadata_replaces_the_document_under_its_id(work: Path) -> None:
    init_briefing(work / "brief", "B")
    source = raw_file(work, "ferry.txt", FERRY)
    [first] = do_import([source], work / "brief")
    overrides = Overrides(publisher="Island Radio", date="2021-05-07")
    with pytest.raises(BriefingError, match="already exists: add --force"):
        do_import([source], work / "brief", overrides)
    [again] = do_import([source], work / "brief", overrides, force=True)
    assert (again.doc_id, again.replaces, again.target) == (first.doc_id, True, first.target)
    briefing = load_briefing(work / "brief", use_cache=False)
    assert [d.id for d in briefing.documents] == [first.doc_id]
    assert (briefing.documents[0].publisher, briefing.documents[0].date) == (
        "Island Radio",
        "2021-05-07",
    )
    assert sorted(p.name for p in (work / "brief" / "docs").iterdir()) == [
        f"{first.doc_id}.md",
        f"{first.doc_id}.original.txt",
    ]


def test_an_edited_copy_of_the_same_file_replaces_its_document_only_with_force(
    work: Path,
) -> None:
    init_briefing(work / "brief", "B")
    [first] = do_import([raw_file(work, "ferry.txt", FERRY)], work / "brief")
    edited = raw_file(work, "ferry.txt", FERRY.replace("Friday", "Saturday"))
    before = tree(work / "brief")
    with pytest.raises(BriefingError) as excinfo:
        do_import([edited], work / "brief")
    assert excinfo.value.first_line == (
        f"brief/docs/{first.doc_id}.md: error: already imported from ferry.txt: add --force "
        "to replace it with this text, or --id to import it as another document"
    )
    assert tree(work / "brief") == before
    [again] = do_import([edited], work / "brief", force=True)
    assert again.doc_id == first.doc_id
    assert "Saturday" in again.target.read_text(encoding="utf-8")
    assert len(load_briefing(work / "brief", use_cache=False).documents) == 1


def test_a_different_file_is_still_a_new_document(work: Path) -> None:
    init_briefing(work / "brief", "B")
    do_import([raw_file(work, "ferry.txt", FERRY)], work / "brief")
    [plan] = do_import([raw_file(work, "plain.txt", PLAIN)], work / "brief")
    assert plan.replaces is False
    assert len(load_briefing(work / "brief", use_cache=False).documents) == 2


# -- the source's short name ------------------------------------------------------


def test_no_label_is_made_up_the_reader_names_the_source_by_its_publisher(work: Path) -> None:
    [named] = do_import([raw_file(work, "harbour.txt", HARBOUR)], work)
    assert named.article.fields["label"] == ""
    # Not copied into the label: a publisher corrected by hand renames the source.
    assert load_document(named.target, 1).short_name == "Foo Media"
    # No publisher in the text: the field is written empty, for the user to fill in,
    # and the reader names the source by its title's first words, not by its file's slug.
    [plain] = do_import([raw_file(work, "plain.txt", PLAIN)], work)
    assert "\nlabel: ''\n" in plain.target.read_text(encoding="utf-8")
    document = load_document(plain.target, 1)
    assert (document.id, document.label, document.short_name) == (
        "notes-valley",
        "",
        "Notes",  # of "Notes From the Valley", cut to fit a badge
    )


def test_label_given_wins_and_leaves_the_id_alone(work: Path) -> None:
    [plan] = do_import(
        [raw_file(work, "harbour.txt", HARBOUR)], work, Overrides(label="  Foo   Daily ")
    )
    document = load_document(plan.target, 1)
    assert (document.id, document.publisher, document.label) == (
        "foo-media",
        "Foo Media",
        "Foo Daily",
    )
    # For several files of one outlet, as --publisher is.
    files = [raw_file(work, "ferry.txt", FERRY), raw_file(work, "plain.txt", PLAIN)]
    plans = do_import(files, work / "two", Overrides(label="Valley Desk"))
    assert [p.article.fields["label"] for p in plans] == ["Valley Desk", "Valley Desk"]
    assert [p.doc_id for p in plans] == ["foo-media", "notes-valley"]
