"""A virtual list of text blocks, drawn line by line: the base of the reading and notes panes.

Only the lines on screen are styled and drawn, and wrapping computes line
boundaries without styling, so thousands of blocks cost little. Changing the
current block repaints only the lines of the blocks involved.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from briefing.tui.blocks import Block
from briefing.tui.widgets.kept_scrollbar import KeptScrollBar
from briefing.tui.widgets.line_cache import ReusingStylesCache
from briefing.tui.wrap import wrap_ranges

GUTTER = 2
"""Cells left of the text: a bar marks the current block."""
SHORTEST_LABEL = 6
"""Characters a cut label keeps at least; shorter, the end of the line is cut instead."""
KEPT_LAYOUTS = 4
"""Lists of blocks whose layout and drawn lines are kept, for when the same list is
shown again (back, or the notes of a passage read a moment ago)."""


_StripKey = tuple[int, int, bool, bool]
"""A drawn line: block, line within it, whether current, whether marked."""


@dataclass(frozen=True)
class _Layout:
    width: int
    starts: list[int]
    """First line of each block."""
    lines: list[list[tuple[int, int] | None]]
    """Per block: None for the header line, else a (start, end) range of the body."""
    total: int

    def span(self, index: int) -> tuple[int, int]:
        """First line and line count of a block, without the blank line after it."""
        return self.starts[index], len(self.lines[index])


class BlockView(ScrollView, inherit_bindings=False):
    """Blocks of styled text, one of them optionally current (marked with a bar)."""

    COMPONENT_CLASSES = {
        "block-view--current",
        "block-view--bar",
        "block-view--lead",
        "block-view--heading",
        "block-view--link",
        "block-view--suggested",
        "block-view--marked",
    }

    current: reactive[int | None] = reactive(None, always_update=True, init=False, repaint=False)
    """Index of the current block, or None.

    Not a repainting reactive: `watch_current` refreshes the lines of the two blocks
    involved, and a move that repainted the whole pane cost ~1-2 ms a key more.
    """

    class Clicked(Message):
        """A block was clicked."""

        def __init__(self, view: BlockView, index: int, block: Block) -> None:
            super().__init__()
            self.view = view
            self.index = index
            self.block = block

        @property
        def control(self) -> BlockView:
            return self.view

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._styles_cache = self._line_cache = ReusingStylesCache()
        self.blocks: list[Block] = []
        self._layout: _Layout | None = None
        self._kept: list[tuple[list[Block], _Layout, dict[_StripKey, Strip]]] = []
        """Layouts and drawn lines of the lists shown last, newest last: going back to a
        long section must not wrap its thousands of passages again."""
        self._strips: dict[_StripKey, Strip] = {}
        self.marked: int | None = None
        """A block marked apart from the current one (the section being read, in the
        sections pane, while the cursor is elsewhere): drawn bold with a thin bar."""
        self._styles: dict[tuple[str, ...], tuple[object, RichStyle]] = {}
        self._drawing_width: int | None = None
        """The content width while a frame's lines are drawn (see `render_lines`)."""

    def set_blocks(self, blocks: list[Block], current: int | None = None) -> None:
        self.blocks = blocks
        self._layout = None
        self._strips = {}
        if self.has_width:
            width = self._text_width()
            kept = next((k for k in self._kept if k[0] is blocks and k[1].width == width), None)
            if kept is not None:
                _, self._layout, self._strips = kept
                self._set_virtual_height(self._layout.total)
            self._ensure_layout()
        # Else laid out when first drawn: before the first layout of the screen the width is
        # unknown, and wrapping a section at a guessed width only to wrap it again costs.
        self.current = current
        self.refresh()

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """The vertical scrollbar, made as Textual makes it, but one that styles its lines
        once (see `KeptScrollBar`): a key that changes the view repaints two of them."""
        if self._vertical_scrollbar is None:
            bar = KeptScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    # -- geometry ---------------------------------------------------------

    @property
    def has_width(self) -> bool:
        """Whether the screen has laid the view out yet (or it is shown at all)."""
        return self._drawing_width is not None or self.scrollable_content_region.width > 0

    def _content_width(self) -> int:
        if self._drawing_width is not None:
            return self._drawing_width
        return self.scrollable_content_region.width

    def _text_width(self) -> int:
        return max(10, self._content_width() - GUTTER - 1)

    @property
    def text_width(self) -> int:
        """Cells a line of text may take, as laid out now."""
        return self._text_width()

    def _ensure_layout(self) -> _Layout:
        width = self._text_width()
        if self._layout is not None and self._layout.width == width:
            return self._layout
        starts: list[int] = []
        lines: list[list[tuple[int, int] | None]] = []
        total = 0
        for block in self.blocks:
            block_lines: list[tuple[int, int] | None] = [None] if block.header is not None else []
            block_lines.extend(wrap_ranges(block.body.plain, width, block.indent))
            starts.append(total)
            lines.append(block_lines)
            total += len(block_lines) + block.gap
        self._layout = _Layout(width, starts, lines, total)
        self._strips = {}
        self._kept = [kept for kept in self._kept if kept[0] is not self.blocks][1 - KEPT_LAYOUTS :]
        self._kept.append((self.blocks, self._layout, self._strips))
        self._set_virtual_height(total)
        return self._layout

    def _set_virtual_height(self, total: int) -> None:
        """Tell the scroll machinery how tall the content is, without a screen re-layout.

        `virtual_size` is a layout reactive: assigning it re-lays out the whole screen,
        which costs more than drawing a key's change. The pane's own size is fixed by
        the stylesheet, so only the scrollbar and the scroll limits need to know.
        """
        size = Size(self.scrollable_content_region.width, total)
        if size == self.virtual_size:
            return
        self.set_reactive(BlockView.virtual_size, size)
        bar = self.vertical_scrollbar
        bar.window_virtual_size = total
        bar.window_size = self.scrollable_content_region.height
        bar.refresh()
        if self.scroll_y > self.max_scroll_y:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def block_at(self, line_no: int) -> int | None:
        layout = self._ensure_layout()
        if not self.blocks or line_no < 0 or line_no >= layout.total:
            return None
        return bisect_right(layout.starts, line_no) - 1

    def is_visible(self, index: int) -> bool:
        """True if any line of the block is on screen."""
        start, count = self._ensure_layout().span(index)
        top = round(self.scroll_y)
        return start < top + self.scrollable_content_region.height and start + count > top

    def scroll_to_block(self, index: int, *, top: bool = False) -> None:
        """Scroll the least needed to show the block (its start, if it is taller than the view)."""
        layout = self._ensure_layout()
        start, count = layout.span(index)
        height = max(1, self.scrollable_content_region.height)
        region = Region(0, start, layout.width, min(count, height))
        self.scroll_to_region(region, animate=False, immediate=True, x_axis=False, top=top)

    def mark_block(self, index: int | None) -> None:
        old, self.marked = self.marked, index
        if old != index:
            self.refresh_block(old)
            self.refresh_block(index)

    def refresh_block(self, index: int | None) -> None:
        """Repaint a block's lines (it became current or marked, or stopped being).

        Its lines drawn before stay kept: they are kept by whether the block is current
        and marked, and blocks never change (a new list is shown instead), so j then k,
        or a link followed and back, finds them drawn.
        """
        if index is None or not 0 <= index < len(self.blocks) or self._layout is None:
            return  # without a layout nothing is drawn yet: all of it will be
        start, count = self._ensure_layout().span(index)
        self.refresh_lines(start, count)

    # -- reactive ---------------------------------------------------------

    def watch_current(self, old: int | None, new: int | None) -> None:
        if old != new:
            self.refresh_block(old)
            self.refresh_block(new)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        for _, _, strips in self._kept:
            strips.clear()  # drawn in the old styles, whichever list they belong to
        self._strips.clear()
        self._styles.clear()
        self._line_cache.forget()

    # -- drawing ----------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's region is looked up through the screen's map, which costs more than
        # drawing a cached line: look it up once for all the lines of a frame.
        self._drawing_width = self.scrollable_content_region.width
        try:
            return super().render_lines(crop)
        finally:
            self._drawing_width = None

    def render_line(self, y: int) -> Strip:
        layout = self._ensure_layout()
        width = self._content_width()
        line_no = round(self.scroll_y) + y
        if line_no >= layout.total or not self.blocks:
            return Strip.blank(width, self._style(())[1])
        index = bisect_right(layout.starts, line_no) - 1
        offset = line_no - layout.starts[index]
        current = index == self.current
        key = (index, offset, current, index == self.marked)
        strip = self._strips.get(key)
        if strip is None or strip.cell_length != width:
            strip = self._draw(index, offset, current, width)
            self._strips[key] = strip
        return strip

    def _style(self, names: tuple[str, ...]) -> tuple[object, RichStyle]:
        """(visual style, rich style) for component classes, cached until the styles change."""
        cached = self._styles.get(names)
        if cached is None:
            visual = self.get_visual_style(*names)
            cached = self._styles[names] = (visual, visual.rich_style)
        return cached

    def _draw(self, index: int, offset: int, current: bool, width: int) -> Strip:
        block = self.blocks[index]
        lines = self._layout.lines[index] if self._layout else []
        names: tuple[str, ...] = ("block-view--current",) if current else ()
        marked = index == self.marked
        if marked:
            names += ("block-view--marked",)
        if block.kind in ("lead", "heading", "link"):
            names += (f"block-view--{block.kind}",)
        if block.suggested:
            names += ("block-view--suggested",)
        style, rich_base = self._style(names)
        if offset >= len(lines):  # the blank line after a block
            return Strip.blank(width, self._style(())[1])
        line = lines[offset]
        bar_style = self._style(("block-view--bar",))[1] if current or marked else rich_base
        bar = "▌" if current else "▎" if marked else " "
        content = block.header if line is None else block.body[line[0] : line[1]].rstrip()
        assert content is not None
        hang = block.indent if line is not None and line[0] > 0 else 0
        if GUTTER + hang + content.cell_length > width:  # a header (one line) or a long word
            room = width - GUTTER - hang
            if line is None:
                narrower = block.narrower() if block.narrower is not None else ()
                content = fit(content, room, block.shrink, narrower)
            else:
                content = fit(content, room)
        segments = [
            Segment(bar, bar_style),
            Segment(" " * (GUTTER - 1 + hang), rich_base),
        ]
        segments += content.render_segments(style)  # type: ignore[arg-type]
        used = GUTTER + hang + content.cell_length
        if used > width:
            return Strip(segments).crop_extend(0, width, rich_base)
        # Pad to the width and say how wide the strip is, so that it is never measured
        # again character by character: most of the cost of drawing non-ASCII text.
        segments.append(Segment(" " * (width - used), rich_base))
        return Strip(segments, width)

    # -- mouse ------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.block_at(round(self.scroll_y) + offset.y)
        if index is not None:
            self.post_message(self.Clicked(self, index, self.blocks[index]))


def fit(
    content: Content,
    room: int,
    shrink: tuple[int, int] | None = None,
    narrower: Sequence[Content] = (),
) -> Content:
    """`content` cut to `room` cells with "…" where it is cut: within `shrink` first.

    `narrower`: shorter forms of it, the first that fits taken whole; none fitting, the
    last is cut.
    """
    for form in narrower:
        content = form
        if content.cell_length <= room:
            return content
    excess = content.cell_length - room
    if excess <= 0:
        return content
    if shrink is not None:
        start, end = shrink
        # The label's characters left beside the "…": what the rest needs, or a few.
        keep = max((end - start) - excess - 1, min(SHORTEST_LABEL, end - start))
        if keep < end - start:
            content = Content.assemble(content[: start + keep], "…", content[end:])
    return content.truncate(max(1, room), ellipsis=True)
