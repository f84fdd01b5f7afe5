"""The left pane: the briefing's sections with passage counts, then each source whole."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip

from briefing.core.model import Briefing
from briefing.tui.blocks import Block, heading_block
from briefing.tui.history import View
from briefing.tui.sources import ink_style, source_label
from briefing.tui.widgets.block_view import BlockView

ROW_WIDTH = 23
"""Cells for a row's name and count, to fit the pane's width in the .tcss."""


class SectionsPane(BlockView, can_focus=True):
    """Choose a section or a source; the screen decides what to show."""

    BINDINGS = [
        Binding("j,down", "cursor(1)", "Move", key_display="j/k", id="sections.down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="sections.up"),
        # Here, not the reader's g/G: those would move the text behind the pane.
        Binding("g,home", "edge(-1)", "First", show=False, id="sections.first"),
        Binding("G,end", "edge(1)", "Last", show=False, id="sections.last"),
        Binding("enter", "choose", "Open", id="sections.open"),
        Binding("tab", "app.focus_next", "Text", key_display="Tab", id="sections.leave"),
    ]

    class ViewChosen(Message):
        def __init__(self, view: View) -> None:
            super().__init__()
            self.view = view

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._briefing = briefing
        self._sections = briefing.sections
        self._views: list[View | None] = [
            *(View("section", section.id) for section in briefing.sections),
            None,
            None,
            *(View("source", document.id) for document in briefing.documents),
        ]
        """What each row opens (None: the blank row and the Sources heading)."""
        self._suggested: dict[str, int] = {}

    def _rows(self) -> list[Block]:
        """One row per section and source, with passage counts (+ passages suggested)."""
        b = self._briefing
        blocks = [
            Block(
                "row",
                _row(s.title, len(s.passages), self._suggested.get(s.id, 0)),
                gap=False,
            )
            for s in b.sections
        ]
        blocks.append(Block("row", Content(""), gap=False))
        blocks.append(heading_block("Sources", gap=False))
        for document in b.documents:
            name = Content.assemble(("■ ", ink_style(b, document.id)), source_label(b, document.id))
            blocks.append(Block("row", _row(name, len(document.passages)), gap=False))
        return blocks

    def _fill(self) -> None:
        """Make the rows if they are not made yet: when the pane is first drawn or used.

        Folded away at the start (below WIDE columns), a briefing of 500 sources would
        otherwise make 500 rows for nothing before the first screen.
        """
        if not self.blocks:
            self.set_blocks(self._rows(), self.current)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._fill()
        return super().render_lines(crop)

    def offer(self, suggested: dict[str, int]) -> None:
        """Show, beside each section's count, how many passages the linker offers it."""
        if not any(suggested.values()):
            return
        self._suggested = suggested
        if self.blocks:
            rows = list(self.blocks)
            for position, section in enumerate(self._sections):
                extra = suggested.get(section.id, 0)
                rows[position] = Block(
                    "row", _row(section.title, len(section.passages), extra), gap=False
                )
            self.set_blocks(rows, self.current)

    def mark(self, view: View) -> None:
        """Mark the row of the view being read, if it has one; the cursor goes there too.

        The mark stays while the cursor moves (j/k in the pane), so that the reader
        still sees which section is open.
        """
        index = self._views.index(view) if view in self._views else None
        self.mark_block(index)
        self.current = index

    def action_cursor(self, step: int) -> None:
        self._fill()
        rows = [i for i, view in enumerate(self._views) if view is not None]
        position = rows.index(self.current) if self.current in rows else -1
        self.current = rows[max(0, min(len(rows) - 1, position + step))]
        self.scroll_to_block(self.current)

    def action_edge(self, end: int) -> None:
        """The first row (-1) or the last (1): the first section, the last source."""
        self._fill()
        rows = [i for i, view in enumerate(self._views) if view is not None]
        if rows:
            self.current = rows[-1 if end > 0 else 0]
            self.scroll_to_block(self.current)

    def action_choose(self) -> None:
        if self.current is not None and (view := self._views[self.current]) is not None:
            self.post_message(self.ViewChosen(view))

    @on(BlockView.Clicked)
    def _clicked(self, event: BlockView.Clicked) -> None:
        event.stop()
        if (view := self._views[event.index]) is not None:
            self.post_message(self.ViewChosen(view))


def _row(title: str | Content, count: int, suggested: int = 0) -> Content:
    """A name and its passage count, the count right-aligned (+ passages suggested for it)."""
    label = title if isinstance(title, Content) else Content(title)
    number = str(count)
    extra = f"+{suggested}" if suggested else ""
    room = ROW_WIDTH - len(number) - len(extra) - 1
    if label.cell_length > room:
        label = label.truncate(room - 1) + "…"
    return Content.assemble(
        label,
        " " * (room - label.cell_length + 1),
        (number, "$text-muted"),
        (extra, "italic $text-warning"),
    )
