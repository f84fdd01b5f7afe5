"""The left pane: the briefing's sections with passage counts, then each source whole."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message

from briefing.core.model import Briefing
from briefing.tui.blocks import Block, heading_block
from briefing.tui.history import View
from briefing.tui.sources import ink_style
from briefing.tui.widgets.block_view import BlockView

ROW_WIDTH = 24
"""Cells for a row's name and count, to fit the pane's width in the .tcss."""


class SectionsPane(BlockView, can_focus=True):
    """Choose a section or a source; the screen decides what to show."""

    BINDINGS = [
        Binding("j,down", "cursor(1)", "Move", key_display="j/k", id="sections.down"),
        Binding("k,up", "cursor(-1)", "Up", show=False, id="sections.up"),
        Binding("enter", "choose", "Open", id="sections.open"),
        Binding("tab", "app.focus_next", "Text", key_display="Tab", id="sections.leave"),
    ]

    class ViewChosen(Message):
        def __init__(self, view: View) -> None:
            super().__init__()
            self.view = view

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._views: list[View | None] = []
        self._sections = briefing.sections
        blocks: list[Block] = []
        for section in briefing.sections:
            blocks.append(Block("row", _row(section.title, len(section.passages)), gap=False))
            self._views.append(View("section", section.id))
        blocks.append(Block("row", Content(""), gap=False))
        blocks.append(heading_block("Sources", gap=False))
        self._views += [None, None]
        for document in briefing.documents:
            name = Content.assemble(("■ ", ink_style(briefing, document.id)), document.short_name)
            blocks.append(Block("row", _row(name, len(document.passages)), gap=False))
            self._views.append(View("source", document.id))
        self._initial = blocks

    def on_mount(self) -> None:
        self.set_blocks(self._initial, self.current)

    def offer(self, suggested: dict[str, int]) -> None:
        """Show, beside each section's count, how many passages the linker offers it."""
        if not any(suggested.values()):
            return
        rows = list(self.blocks or self._initial)
        for position, section in enumerate(self._sections):
            extra = suggested.get(section.id, 0)
            rows[position] = Block(
                "row", _row(section.title, len(section.passages), extra), gap=False
            )
        if self.is_mounted:
            self.set_blocks(rows, self.current)
        self._initial = rows

    def mark(self, view: View) -> None:
        """Mark the row of the view being read, if it has one; the cursor goes there too.

        The mark stays while the cursor moves (j/k in the pane), so that the reader
        still sees which section is open.
        """
        index = self._views.index(view) if view in self._views else None
        self.mark_block(index)
        self.current = index

    def action_cursor(self, step: int) -> None:
        rows = [i for i, view in enumerate(self._views) if view is not None]
        position = rows.index(self.current) if self.current in rows else -1
        self.current = rows[max(0, min(len(rows) - 1, position + step))]
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
