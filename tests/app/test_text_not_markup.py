"""Text from a briefing or typed by the user never reaches Textual as markup."""

from __future__ import annotations

import textwrap
from pathlib import Path

from briefing.core.loader import load_briefing
from briefing.tui.app import BriefingApp

from .conftest import reader, settled, toasts

DOC = """\
---
title: {title}
publisher: {publisher}
---

{text}
"""

# Brackets that Textual's markup would read as closing or style tags.
TRICKY = "Fees [/] rose [red]sharply[/red]"


def tricky_briefing(root: Path) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "one.md").write_text(
        DOC.format(title="One", publisher="First [/] Post", text=f"{TRICKY} at dawn."),
        encoding="utf-8",
    )
    (root / "docs" / "two.md").write_text(
        DOC.format(title="Two", publisher="Second Wire", text="At dawn the fees rose."),
        encoding="utf-8",
    )
    (root / "briefing.yaml").write_text(
        textwrap.dedent(
            """\
            title: Fees
            documents: [docs/one.md, docs/two.md]
            sections:
              - id: fees
                title: "Fees [/] and [bold]costs"
                intro: What rose.
                passages:
                  - {doc: one, quote: "at dawn"}
                  - {doc: two, quote: "fees rose"}
            glossary:
              - term: "fee [/]"
                definition: "A charge [red]paid[/red] [/] at dawn."
                cite: [{doc: one, quote: "at dawn"}]
            """
        ),
        encoding="utf-8",
    )
    return root


async def test_a_failed_search_for_bracketed_words_is_reported_as_typed(tmp_path: Path):
    app = BriefingApp(load_briefing(tricky_briefing(tmp_path / "b")))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settled(app, pilot)
        await pilot.press("slash", *"zzq[/]", "enter")
        await app.workers.wait_for_complete()
        assert "Pattern not found: zzq[/]" in await toasts(app, pilot)
        assert reader(app).sub_title == "Fees [/] and [bold]costs"


async def test_the_palette_shows_bracketed_titles_and_definitions_as_written(tmp_path: Path):
    app = BriefingApp(load_briefing(tricky_briefing(tmp_path / "b")))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("ctrl+p", *"fee")
        await pilot.pause(0.3)  # the palette searches its providers in the background
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        shown = "\n".join(
            option.prompt.plain if hasattr(option.prompt, "plain") else str(option.prompt)
            for option in app.screen.query_one("CommandList").options
        )
        assert "A charge [red]paid[/red] [/] at dawn." in shown
        assert "Fees [/] and [bold]costs" in shown
