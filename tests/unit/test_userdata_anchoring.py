"""Notes follow their words when the article is edited, or become orphans; they never vanish."""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_briefing import write_briefing

from briefing.core.loader import load_briefing
from briefing.core.model import Briefing
from briefing.core.userdata.anchoring import MATCH_THRESHOLD, Resolver
from briefing.core.userdata.store import UserStore

FRONT = "---\ntitle: {title}\npublisher: {publisher}\n---\n\n"

PARAGRAPHS = [
    "Kim Jong Un arrived at the Vostochny Cosmodrome by armoured train on Wednesday morning.",
    "Officials in Seoul said Pyongyang may have shipped millions of artillery shells to Russia "
    "since the summer, in breach of United Nations sanctions.",
    "The two leaders toured a launch pad before sitting down for talks that lasted four hours.",
    "Analysts expect Moscow to offer help with satellites and submarines in return.",
    "No joint statement was issued after the dinner.",
]
OTHER = [
    "The summit took place at a spaceport in the Russian Far East.",
    "Estimates put Russian shell use at 10 million rounds in 2022.",
]
YAML = """\
title: Edited briefing
documents: [{documents}]
"""


def write(root: Path, alpha: list[str] | None, beta: list[str] | None = OTHER) -> Briefing:
    """A briefing of `alpha` and `beta` (either left out when None); loaded."""
    docs: dict[str, str] = {}
    if alpha is not None:
        docs["alpha"] = FRONT.format(title="Alpha", publisher="Alpha Times") + "\n\n".join(alpha)
    if beta is not None:
        docs["beta"] = FRONT.format(title="Beta", publisher="Beta Wire") + "\n\n".join(beta)
    for stale in (root / "docs").glob("*.md") if (root / "docs").exists() else ():
        stale.unlink()
    listed = ", ".join(f"docs/{name}.md" for name in docs)
    write_briefing(root, YAML.format(documents=listed), docs)
    return load_briefing(root)


pytestmark = pytest.mark.usefixtures("data")
"""Every test keeps its user data in its own folder (conftest's `data`), never in the real home."""


@pytest.fixture
def store() -> UserStore:
    opened, _ = UserStore.open()
    yield opened
    opened.close()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "brief"


def notes_by_text(store: UserStore, briefing: Briefing) -> dict[str, tuple[str, str | None]]:
    return {n.text: (n.status, n.passage) for n in store.notes(briefing)}


def test_inserted_paragraphs_before_keep_notes_on_their_words(store: UserStore, root: Path) -> None:
    briefing = write(root, PARAGRAPHS)
    store.add_note(briefing, "alpha:2", "on shells")
    store.add_note(briefing, "alpha:5", "on the dinner")
    store.toggle_bookmark(briefing, "alpha:3")

    edited = write(root, ["A new lead paragraph.", "Another one, on the weather.", *PARAGRAPHS])
    assert notes_by_text(store, edited) == {
        "on shells": ("exact", "alpha:4"),
        "on the dinner": ("exact", "alpha:7"),
    }
    assert [(b.status, b.passage) for b in store.bookmarks(edited)] == [("exact", "alpha:5")]


def test_edits_outside_the_quote_stay_exact(store: UserStore, root: Path) -> None:
    briefing = write(root, PARAGRAPHS)
    store.add_note(briefing, "alpha:2", "on shells")
    changed = list(PARAGRAPHS)
    changed[1] = changed[1].replace("United Nations sanctions", "UN Security Council sanctions")
    assert notes_by_text(store, write(root, changed)) == {"on shells": ("exact", "alpha:2")}


def test_edited_words_in_the_quote_re_anchor_to_the_same_paragraph(
    store: UserStore, root: Path
) -> None:
    briefing = write(root, PARAGRAPHS)
    store.add_note(briefing, "alpha:2", "on shells")
    store.toggle_bookmark(briefing, "alpha:2")
    changed = list(PARAGRAPHS)
    changed[1] = (
        "Officials in Seoul said on Thursday that Pyongyang has likely shipped millions of "
        "artillery shells to Russia since the summer, in breach of United Nations sanctions."
    )
    changed.insert(0, "An editor's note added at the top.")
    edited = write(root, changed)
    [note] = store.notes(edited)
    assert (note.status, note.passage) == ("re-anchored", "alpha:3")
    [mark] = store.bookmarks(edited)
    assert (mark.status, mark.passage) == ("re-anchored", "alpha:3")
    # Toggling the re-anchored passage removes that bookmark rather than adding a second.
    assert store.toggle_bookmark(edited, "alpha:3") is False


def test_typography_changes_still_match_exactly(store: UserStore, root: Path) -> None:
    briefing = write(root, ['He said it\'s "done" - for now.', *PARAGRAPHS[1:]])
    store.add_note(briefing, "alpha:1", "quote")
    edited = write(root, ["He said it’s “done” — for now.", *PARAGRAPHS[1:]])
    assert notes_by_text(store, edited) == {"quote": ("exact", "alpha:1")}


def test_a_deleted_paragraph_orphans_its_note_until_it_returns(
    store: UserStore, root: Path
) -> None:
    briefing = write(root, PARAGRAPHS)
    store.add_note(briefing, "alpha:4", "on satellites")
    store.add_note(briefing, "alpha:1", "on the train")
    store.toggle_bookmark(briefing, "alpha:4")

    without = write(root, [p for p in PARAGRAPHS if "satellites" not in p])
    notes = store.notes(without)
    assert [(n.text, n.status, n.passage) for n in notes] == [
        ("on the train", "exact", "alpha:1"),
        ("on satellites", "orphan", None),  # orphans come last, still listed
    ]
    orphan = notes[1]
    assert orphan.anchor.text.startswith("Analysts expect Moscow")
    assert orphan.anchor.hint == "alpha:4"
    assert "no longer in the source 'alpha'" in orphan.reason
    assert [(b.status, b.passage) for b in store.bookmarks(without)] == [("orphan", None)]

    # Nothing was deleted: put the paragraph back and the note is home again.
    assert notes_by_text(store, write(root, PARAGRAPHS))["on satellites"] == ("exact", "alpha:4")


def test_a_removed_document_orphans_its_notes(store: UserStore, root: Path) -> None:
    briefing = write(root, PARAGRAPHS)
    store.add_note(briefing, "alpha:3", "on the launch pad")
    store.add_note(briefing, "beta:1", "on the spaceport")
    edited = write(root, None)
    notes = store.notes(edited)
    assert [(n.text, n.status, n.passage) for n in notes] == [
        ("on the spaceport", "exact", "beta:1"),
        ("on the launch pad", "orphan", None),
    ]
    assert notes[1].reason == "the source 'alpha' was removed"
    assert notes_by_text(store, write(root, PARAGRAPHS))["on the launch pad"] == (
        "exact",
        "alpha:3",
    )


def test_a_rewritten_paragraph_becomes_an_orphan(store: UserStore, root: Path) -> None:
    briefing = write(root, PARAGRAPHS)
    store.add_note(briefing, "alpha:3", "on the tour")
    changed = list(PARAGRAPHS)
    changed[2] = "Reporters were kept outside the compound for the whole afternoon."
    assert notes_by_text(store, write(root, changed)) == {"on the tour": ("orphan", None)}


def test_a_duplicated_paragraph_is_told_apart_by_its_neighbours(
    store: UserStore, root: Path
) -> None:
    briefing = write(root, PARAGRAPHS)
    store.add_note(briefing, "alpha:5", "on the dinner")
    # The same sentence now also opens the article: the quote matches twice, and the
    # copy that still follows the satellites paragraph is the one the note was on.
    edited = write(root, [PARAGRAPHS[4], *PARAGRAPHS])
    assert notes_by_text(store, edited) == {"on the dinner": ("re-anchored", "alpha:6")}


def test_passages_sharing_an_opening_get_longer_quotes(root: Path) -> None:
    opening = "The ministry said in a statement released late on Tuesday evening that"
    briefing = write(root, [f"{opening} talks went well.", f"{opening} no deal was signed."])
    resolver = Resolver(briefing)
    first, second = resolver.anchor("alpha:1"), resolver.anchor("alpha:2")
    assert first.quote != second.quote
    assert first.quote.endswith("talks went well.")
    assert resolver.resolve(second).passage == "alpha:2"


def test_unrelated_paragraphs_score_well_below_the_threshold(root: Path) -> None:
    """The threshold is a real margin on this text, not a lucky number."""
    briefing = write(root, PARAGRAPHS)
    resolver = Resolver(briefing)
    anchors = [resolver.anchor(f"alpha:{i}") for i in range(1, 6)]
    without_each = [write(root / f"w{i}", PARAGRAPHS[:i] + PARAGRAPHS[i + 1 :]) for i in range(5)]
    for anchor, edited in zip(anchors, without_each, strict=True):
        found = Resolver(edited).resolve(anchor)
        assert found.status == "orphan"
        assert found.score < MATCH_THRESHOLD - 0.25


def test_resolving_never_writes(store: UserStore, root: Path) -> None:
    briefing = write(root, PARAGRAPHS)
    store.add_note(briefing, "alpha:2", "kept as written")
    before = store.notes(briefing)[0].anchor
    store.notes(write(root, ["New lead.", *PARAGRAPHS]))
    store.notes(write(root, None))
    assert store.notes(write(root, PARAGRAPHS))[0].anchor == before


def test_an_orphan_keeps_its_text_as_written(store: UserStore, root: Path) -> None:
    curly = [*PARAGRAPHS[:4], "No joint statement followed the leaders’ “frank” dinner."]
    briefing = write(root, curly)
    store.add_note(briefing, "alpha:5", "on the dinner")
    [orphan] = [n for n in store.notes(write(root, PARAGRAPHS[:4])) if n.passage is None]
    # Shown as the source had it; folded only to match.
    assert orphan.anchor.text == curly[4]
    assert notes_by_text(store, write(root, curly))["on the dinner"] == ("exact", "alpha:5")
