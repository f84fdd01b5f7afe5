"""The reading pane: the blocks of a view, one passage focused, moved by keys and clicks."""

from __future__ import annotations

from textual import events, on
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip

from briefing.tui.blocks import FOCUSABLE, Block
from briefing.tui.widgets.block_view import BlockView


class PassageList(BlockView, can_focus=True):
    """A view's blocks; passages and entries take the focus."""

    class CurrentChanged(Message):
        """The focused passage changed, by key, click or a new view."""

        def __init__(self, passage_list: PassageList, passage_id: str | None) -> None:
            super().__init__()
            self.passage_list = passage_list
            self.passage_id = passage_id

        @property
        def control(self) -> PassageList:
            return self.passage_list

    class EntryClicked(Message):
        """An entry of a list (a date, a name, a section) was clicked."""

        def __init__(self, block: Block) -> None:
            super().__init__()
            self.block = block

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._passages: list[int] = []
        self._resized_width = 0
        self._placement: tuple[int | None, bool, int | None, int | None] | None = None
        """Where to scroll once the view has a width (see `show`): a view shown before
        the screen's first layout is placed when it is first drawn."""

    def show(
        self,
        blocks: list[Block],
        passage_id: str | None = None,
        scroll_y: int | None = None,
        *,
        offset: int | None = None,
        entry: int | None = None,
    ) -> None:
        """Replace the content; focus `passage_id` (or block `entry`, or the first passage).

        Without `scroll_y` or `offset`, scroll the least needed to show it. `offset` (rows
        from the top of the view to the focused block, see `focus_offset`) is restored in
        preference to `scroll_y`; either way the focused block's first line ends in view.
        """
        self._passages = [i for i, b in enumerate(blocks) if b.kind in FOCUSABLE]
        index = self.index_of(passage_id, blocks) if passage_id else None
        # The entry left, if it still shows that passage: of several rows for one passage
        # (its dates in a timeline), the one the reader was on.
        if (
            entry is not None
            and entry in self._passages
            and (index is None or blocks[entry].passage_id == passage_id)
        ):
            index = entry
        found = index is not None
        if index is None and self._passages:
            index = self._passages[0]
        self.set_blocks(blocks, index)
        if not self.has_width:
            self._placement = (index, found, scroll_y, offset)
            return
        self._placement = None
        self._place(index, found, scroll_y, offset)

    def _place(
        self, index: int | None, found: bool, scroll_y: int | None, offset: int | None
    ) -> None:
        """Scroll to show block `index` (see `show`)."""
        if index is None:
            self.scroll_to(y=scroll_y or 0, animate=False, immediate=True)
            return
        if not found:  # the place's passage is gone: a scroll kept for it means nothing here
            self.reveal(index)
            return
        if offset is not None:
            scroll_y = self._ensure_layout().starts[index] - offset
        if scroll_y is None:  # a jump (a link, the palette, a list): the same place every time
            self.reveal(index, top=True)
            return
        self.scroll_to(y=max(0, scroll_y), animate=False, immediate=True)
        if not self.starts_in_view(index):
            self.reveal(index)

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._placement is not None:
            self._place_now()
        return super().render_lines(crop)

    def _place_now(self) -> None:
        """Scroll as `show` asked, now that the view has its width: in the frame that
        first draws it, so that the first screen is drawn once, in the right place."""
        placement, self._placement = self._placement, None
        if placement is not None:
            self._place(*placement)
            self._resized_width = self._text_width()  # placed for this width already

    @property
    def focus_offset(self) -> int | None:
        """Rows from the top of the view down to the focused block's first line."""
        if self.current is None:
            return None
        return self._ensure_layout().starts[self.current] - round(self.scroll_y)

    def starts_in_view(self, index: int) -> bool:
        """True if the block's first line (a passage's badge) is on screen."""
        start = self._ensure_layout().starts[index]
        top = round(self.scroll_y)
        return top <= start < top + max(1, self.scrollable_content_region.height)

    def reveal(self, index: int, *, top: bool = False) -> None:
        """Scroll the least needed to show a block (`top`: its first line near the top).

        The first passage keeps the lead above it (a section's title and intro) whenever
        its first line fits on the screen with them, however tall the passage is.
        """
        start = self._ensure_layout().starts[index]
        height = max(1, self.scrollable_content_region.height)
        if self._passages and index == self._passages[0] and start < height:
            self.scroll_to(y=0, animate=False, immediate=True)
        elif top:
            # One row above: the blank line before the badge, so it does not sit on the edge.
            self.scroll_to(y=max(0, start - 1), animate=False, immediate=True)
        else:
            self.scroll_to_block(index)

    @property
    def passage_id(self) -> str | None:
        return None if self.current is None else self.blocks[self.current].passage_id

    @property
    def block(self) -> Block | None:
        """The focused block (a passage or an entry), if any."""
        return None if self.current is None else self.blocks[self.current]

    @property
    def passage_ids(self) -> list[str]:
        return [self.blocks[i].passage_id for i in self._passages]  # type: ignore[misc]

    def index_of(self, passage_id: str, blocks: list[Block] | None = None) -> int | None:
        for i, block in enumerate(blocks if blocks is not None else self.blocks):
            if block.kind in FOCUSABLE and block.passage_id == passage_id:
                return i
        return None

    def watch_current(self, old: int | None, new: int | None) -> None:
        super().watch_current(old, new)
        self.post_message(self.CurrentChanged(self, self.passage_id))

    # -- movement ---------------------------------------------------------

    def focus_passage(self, index: int) -> None:
        self.current = index
        self.reveal(index)

    def move(self, steps: int) -> None:
        """Focus the passage `steps` away (negative: earlier), stopping at the ends."""
        if not self._passages:
            return
        position = self._passages.index(self.current) if self.current in self._passages else 0
        target = max(0, min(len(self._passages) - 1, position + steps))
        if target == position and steps:
            # At the end already: scroll on so that a long last passage can be read to its end.
            self.scroll_relative(
                y=steps * max(1, self.scrollable_content_region.height // 2),
                animate=False,
                immediate=True,
            )
            return
        self.focus_passage(self._passages[target])

    def first(self) -> None:
        if self._passages:
            self.current = self._passages[0]
            self.scroll_to(y=0, animate=False, immediate=True)

    def last(self) -> None:
        if self._passages:
            self.current = self._passages[-1]
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def page(self, direction: int, *, half: bool = False) -> None:
        """Scroll a screen (less's space and b; `half`: d and u) and focus a passage in view."""
        before = self.scroll_y
        height = max(1, self.scrollable_content_region.height - 1)
        if half:
            height = max(1, height // 2)
        self.scroll_to(y=self.scroll_y + direction * height, animate=False, immediate=True)
        if self.scroll_y == before:
            self.move(direction)  # at the end already: step to the next passage instead
        else:
            self.focus_visible(force=True)

    def focus_visible(self, *, force: bool = False) -> None:
        """Focus a passage in view: the first that starts on screen, else the one covering it.

        Without `force`, a focused passage that is still partly visible keeps the focus.
        """
        if not self._passages:
            return
        if not force and self.current is not None and self.is_visible(self.current):
            return
        layout = self._ensure_layout()
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        starting = [i for i in self._passages if top <= layout.starts[i] < bottom]
        covering = [i for i in self._passages if layout.starts[i] <= top]
        target = starting[0] if starting else (covering[-1] if covering else None)
        if target is not None and target != self.current:
            self.current = target

    # -- events -----------------------------------------------------------

    @on(BlockView.Clicked)
    def _clicked(self, event: BlockView.Clicked) -> None:
        event.stop()
        if event.block.kind in FOCUSABLE:
            self.focus()
            self.current = event.index
            if event.block.kind == "entry":
                self.post_message(self.EntryClicked(event.block))

    def on_resize(self, event: events.Resize) -> None:
        # Text rewraps at the new width; keep the focused passage in view. (Drawing may
        # already have laid out the new width, so compare with the last resize, not the layout.)
        if self._placement is not None:
            self._place_now()
            return
        width = self._text_width()
        if width != self._resized_width and self.current is not None:
            self.reveal(self.current)
        self._resized_width = width

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.call_after_refresh(self.focus_visible)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.call_after_refresh(self.focus_visible)
