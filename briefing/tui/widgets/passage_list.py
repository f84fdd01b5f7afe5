"""The reading pane: a virtual list of passages with one focused, drawn line by line.

Only the lines on screen are styled and drawn, and wrapping computes line
boundaries without styling, so a view of thousands of passages opens at once.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefing.tui.blocks import Block
from briefing.tui.wrap import wrap_ranges

GUTTER = 2
"""Cells left of the text: a bar marks the focused passage."""


@dataclass(frozen=True)
class _Layout:
    width: int
    starts: list[int]
    """First line of each block."""
    lines: list[list[tuple[int, int] | None]]
    """Per block: None for the header line, else a (start, end) range of the body."""
    total: int


class PassageList(ScrollView, can_focus=True, inherit_bindings=False):
    """Blocks of text, one passage focused; posts a message when the focus moves."""

    COMPONENT_CLASSES = {
        "passage-list--current",
        "passage-list--bar",
        "passage-list--lead",
        "passage-list--heading",
    }

    current: reactive[int | None] = reactive(None, always_update=True, init=False)
    """Index (into the blocks) of the focused passage, None when the view has none."""

    class CurrentChanged(Message):
        """The focused passage changed, by key, click or a new view."""

        def __init__(self, passage_list: PassageList, passage_id: str | None) -> None:
            super().__init__()
            self.passage_list = passage_list
            self.passage_id = passage_id

        @property
        def control(self) -> PassageList:
            return self.passage_list

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._blocks: list[Block] = []
        self._passage_indexes: list[int] = []
        self._layout: _Layout | None = None
        self._strip_cache: dict[tuple[int, int, bool], Strip] = {}
        self._resized_width = 0

    # -- content ----------------------------------------------------------

    def show(
        self, blocks: list[Block], passage_id: str | None = None, scroll_y: int | None = None
    ) -> None:
        """Replace the content; focus `passage_id` (or the first passage) and scroll."""
        self._blocks = blocks
        self._passage_indexes = [i for i, b in enumerate(blocks) if b.kind == "passage"]
        self._layout = None
        self._strip_cache.clear()
        self._ensure_layout()
        index = self.index_of(passage_id) if passage_id else None
        if index is None and self._passage_indexes:
            index = self._passage_indexes[0]
        self.set_current(index, scroll=scroll_y is None)
        if scroll_y is not None:
            self.scroll_to(y=scroll_y, animate=False, immediate=True)
        elif passage_id is None:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    @property
    def passage_id(self) -> str | None:
        return None if self.current is None else self._blocks[self.current].passage_id

    @property
    def passage_ids(self) -> list[str]:
        return [self._blocks[i].passage_id for i in self._passage_indexes]  # type: ignore[misc]

    def index_of(self, passage_id: str) -> int | None:
        for i in self._passage_indexes:
            if self._blocks[i].passage_id == passage_id:
                return i
        return None

    def set_current(self, index: int | None, *, scroll: bool = True) -> None:
        self.current = index
        if scroll and index is not None:
            self.scroll_to_block(index)

    # -- movement ---------------------------------------------------------

    def move(self, steps: int) -> None:
        """Focus the passage `steps` away (negative: earlier), stopping at the ends."""
        if not self._passage_indexes:
            return
        position = self._position()
        target = max(0, min(len(self._passage_indexes) - 1, position + steps))
        if position == target and steps:
            # Already at the end: let a long passage scroll into full view.
            self.scroll_relative(
                y=steps * max(1, self.scrollable_content_region.height // 2),
                animate=False,
                immediate=True,
            )
            return
        self.set_current(self._passage_indexes[target])

    def first(self) -> None:
        if self._passage_indexes:
            self.set_current(self._passage_indexes[0], scroll=False)
            self.scroll_to(y=0, animate=False, immediate=True)

    def last(self) -> None:
        if self._passage_indexes:
            self.set_current(self._passage_indexes[-1], scroll=False)
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def page(self, direction: int) -> None:
        """Scroll a screen (less's space and b) and focus the first passage that starts in view."""
        before = self.scroll_y
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + direction * height, animate=False, immediate=True)
        if self.scroll_y == before:
            self.move(direction)  # at the end already: step to the next passage instead
        else:
            self.focus_visible(force=True)

    def focus_visible(self, *, force: bool = False) -> None:
        """Focus a passage in view: the first that starts on screen, else the one covering it.

        Without `force`, a focused passage that is still partly visible keeps the focus.
        """
        layout = self._ensure_layout()
        if layout is None or not self._passage_indexes:
            return
        top = round(self.scroll_y)
        bottom = top + self.scrollable_content_region.height
        if not force and self.current is not None and self._visible(self.current, top, bottom):
            return
        starting = [i for i in self._passage_indexes if top <= layout.starts[i] < bottom]
        covering = [i for i in self._passage_indexes if layout.starts[i] <= top]
        target = starting[0] if starting else (covering[-1] if covering else None)
        if target is not None and target != self.current:
            self.current = target

    def scroll_to_block(self, index: int) -> None:
        layout = self._ensure_layout()
        if layout is None:
            return
        start = layout.starts[index]
        end = layout.starts[index + 1] if index + 1 < len(layout.starts) else layout.total
        height = self.scrollable_content_region.height
        # Show a lead block above the first passage rather than scrolling it away.
        if self._passage_indexes and index == self._passage_indexes[0]:
            start = 0
        region = Region(0, start, layout.width, min(end - start, max(1, height)))
        self.scroll_to_region(region, animate=False, immediate=True, x_axis=False)

    def _position(self) -> int:
        if self.current is None:
            return 0
        try:
            return self._passage_indexes.index(self.current)
        except ValueError:
            return 0

    def _visible(self, index: int, top: int, bottom: int) -> bool:
        layout = self._layout
        assert layout is not None
        start = layout.starts[index]
        end = layout.starts[index + 1] if index + 1 < len(layout.starts) else layout.total
        return start < bottom and end - 1 > top

    # -- reactive ---------------------------------------------------------

    def watch_current(self, old: int | None, new: int | None) -> None:
        self._strip_cache = {k: v for k, v in self._strip_cache.items() if k[0] not in (old, new)}
        self.refresh()
        self.post_message(self.CurrentChanged(self, self.passage_id))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strip_cache.clear()

    # -- layout -----------------------------------------------------------

    def _text_width(self) -> int:
        return max(10, self.scrollable_content_region.width - GUTTER - 1)

    def _ensure_layout(self) -> _Layout | None:
        width = self._text_width()
        if self._layout is not None and self._layout.width == width:
            return self._layout
        starts: list[int] = []
        lines: list[list[tuple[int, int] | None]] = []
        total = 0
        for block in self._blocks:
            block_lines: list[tuple[int, int] | None] = [None] if block.header is not None else []
            block_lines.extend(wrap_ranges(block.body.plain, width))
            starts.append(total)
            lines.append(block_lines)
            total += len(block_lines) + 1  # a blank line after each block
        self._layout = _Layout(width, starts, lines, total)
        self._strip_cache.clear()
        self.virtual_size = Size(width + GUTTER + 1, total)
        return self._layout

    def on_resize(self, event: events.Resize) -> None:
        # Text rewraps at the new width; keep the focused passage in view. (Drawing may
        # already have laid out the new width, so compare with the last resize, not the layout.)
        width = self._text_width()
        if width != self._resized_width and self.current is not None:
            self._ensure_layout()
            self.scroll_to_block(self.current)
        self._resized_width = width

    # -- drawing ----------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        layout = self._ensure_layout()
        width = self.scrollable_content_region.width
        line_no = round(self.scroll_y) + y
        base = self.rich_style
        if layout is None or line_no >= layout.total:
            return Strip.blank(width, base)
        index = bisect_right(layout.starts, line_no) - 1
        offset = line_no - layout.starts[index]
        current = index == self.current
        key = (index, offset, current)
        strip = self._strip_cache.get(key)
        if strip is None or strip.cell_length != width:
            strip = self._draw(index, offset, current, width)
            self._strip_cache[key] = strip
        return strip

    def _draw(self, index: int, offset: int, current: bool, width: int) -> Strip:
        block = self._blocks[index]
        layout = self._layout
        assert layout is not None
        names = ["passage-list--current"] if current else []
        if block.kind == "lead":
            names.append("passage-list--lead")
        elif block.kind == "heading":
            names.append("passage-list--heading")
        style = self.get_visual_style(*names) if names else self.get_visual_style()
        rich_base = style.rich_style
        block_lines = layout.lines[index]
        if offset >= len(block_lines):  # the blank line after a block
            return Strip.blank(width, self.rich_style)
        line = block_lines[offset]
        bar = "▌" if current else " "
        bar_style = self.get_component_rich_style("passage-list--bar") if current else rich_base
        content = block.header if line is None else block.body[line[0] : line[1]].rstrip()
        assert content is not None
        segments = [Segment(bar, bar_style), Segment(" " * (GUTTER - 1), rich_base)]
        segments += content.render_segments(style)
        return Strip(segments).crop_extend(0, width, rich_base)

    # -- mouse ------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        layout = self._ensure_layout()
        offset = event.get_content_offset(self)
        if layout is None or offset is None:
            return
        line_no = round(self.scroll_y) + offset.y
        index = bisect_right(layout.starts, line_no) - 1
        if 0 <= index < len(self._blocks) and self._blocks[index].kind == "passage":
            self.focus()
            self.set_current(index, scroll=False)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.call_after_refresh(self.focus_visible)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.call_after_refresh(self.focus_visible)
