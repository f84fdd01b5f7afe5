"""Sources with no label and no publisher, as `import` leaves them: named by their title's
first words in the reader, never by their file's slug, and not cut where there is room."""

from __future__ import annotations

import textwrap
from pathlib import Path

from briefing.core.loader import load_briefing
from briefing.tui.app import BriefingApp
from briefing.tui.widgets.notes_panel import NotesPanel

from .conftest import passages, reader, settled, shown_lines

DOC = """\
---
id: {ident}
title: {title}
publisher: ''
label: ''
---

{text}
"""


def unlabelled_briefing(root: Path) -> Path:
    """Two sources with long titles and no label or publisher, the first with a long slug id."""
    (root / "docs").mkdir(parents=True)
    sources = {
        "strike-marrow-bay-ends-after": (
            "A Strike in Marrow Bay Ends After Talks",
            "The ferry crews went back to work on Tuesday after four days of talks.",
        ),
        "harbour": (
            "The Harbour Authority Plans a Second Terminal",
            "The ferries sailed again on Tuesday, the harbour authority said.",
        ),
    }
    for ident, (title, text) in sources.items():
        (root / "docs" / f"{ident}.md").write_text(
            DOC.format(ident=ident, title=title, text=text), encoding="utf-8"
        )
    (root / "briefing.yaml").write_text(
        textwrap.dedent(
            """\
            title: Ferries
            documents:
              - docs/strike-marrow-bay-ends-after.md
              - docs/harbour.md
            sections:
              - id: back
                title: Back at sea
                intro: When the ferries sailed again.
                passages:
                  - {doc: strike-marrow-bay-ends-after, quote: "went back to work"}
                  - {doc: harbour, quote: "sailed again"}
            links:
              - from: {doc: strike-marrow-bay-ends-after, quote: "went back to work"}
                to: {doc: harbour, quote: "sailed again"}
                kind: same-event
            """
        ),
        encoding="utf-8",
    )
    return root


def notes_rows(app: BriefingApp) -> list[str]:
    return [row.strip() for row in shown_lines(reader(app).query_one(NotesPanel))]


async def test_an_unlabelled_source_is_named_by_its_title_s_first_words(tmp_path: Path):
    app = BriefingApp(load_briefing(unlabelled_briefing(tmp_path / "b")))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        header = passages(app).block.header.plain
        assert header.startswith(" Strike in Marrow  [1 ¶1]"), header
        rows = notes_rows(app)
        # The pane's own header: the name and citation whole; the long id, which would be
        # cut to no use, left out rather than squeezing the name to `Strik…`.
        assert rows[0] == "Strike in Marrow  [1 ¶1]", rows
        assert any(row.startswith("1 ≈ Harbour [2 ¶1]") for row in rows), rows
        assert not any("-marrow-" in row for row in rows), rows


async def test_a_passage_id_that_fits_the_pane_is_shown_whole(tmp_path: Path):
    app = BriefingApp(load_briefing(unlabelled_briefing(tmp_path / "b")))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("j")
        assert notes_rows(app)[0] == "Harbour  [2 ¶1]  harbour:1"


async def test_a_link_row_too_wide_drops_its_relation_words_before_cutting_the_name(
    tmp_path: Path,
):
    """'1 ≈ Strike in Marrow [1 ¶1]', not '1 ≈ Strike i… [1 ¶1]  same event': ≈ says it."""
    app = BriefingApp(load_briefing(unlabelled_briefing(tmp_path / "b")))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("j")
        rows = notes_rows(app)
        assert "1 ≈ Strike in Marrow [1 ¶1]" in rows, rows
