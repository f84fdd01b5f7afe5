"""A widget's styled lines kept by the content line they were made from, across repaints."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.segment import Segment
from textual._border import get_box
from textual._segment_tools import line_pad
from textual._styles_cache import StylesCache
from textual.geometry import Size, Spacing
from textual.strip import Strip
from textual.style import Style

if TYPE_CHECKING:
    from rich.style import Style as RichStyle
    from textual.color import Color
    from textual.css.styles import StylesBase

KEPT_LINES = 2000
"""Styled lines kept: a few screens of each list a view keeps (see BlockView.KEPT_LAYOUTS)."""


class ReusingStylesCache(StylesCache):
    """Textual's StylesCache (padding, border and background around each content line),
    which also keeps each styled line by the content line it was made from.

    Textual styles every line of a repainted widget again, ~60-85 us a line, although a
    line of a BlockView is the same object whenever its text and state are the same: j
    then k, a link followed and back, draw the very lines drawn a moment ago. Styling
    depends on the content line and on the widget's styles and size only (the context,
    taken once per repaint), never on the row, for the rows between the top and bottom
    gutters; those rows, and a widget with an outline, are styled as Textual does.
    A line not kept is styled as Textual styles it, without looking up the styles again
    for each line when the widget has no tint, opacity or hatch (`_Frame`).

    Relies on Textual's private StylesCache (pinned at 8.2.8):
    tests/app/test_line_cache.py fails if its interface changes.
    """

    def __init__(self) -> None:
        super().__init__()
        self._styled: dict[int, tuple[Strip, tuple[object, ...], Strip]] = {}
        """id(content line) -> (content line, context, styled line); holding the content
        line keeps its id from being reused while the entry lasts."""
        self._context: tuple[object, ...] | None = None
        self._rows = range(0)
        self._frame: _Frame | None = None

    def render(
        self,
        styles: StylesBase,
        size: Size,
        base_background: Color,
        background: Color,
        render_content_line: Callable[[int], Strip],
        *args: Any,
        **kwargs: Any,
    ) -> list[Strip]:
        gutter = styles.gutter
        content_size = kwargs.get("content_size") or size
        padding = kwargs.get("padding") or styles.padding
        outline = styles.outline
        reusable = not any(edge for edge, _ in outline)  # an outline overdraws rows
        self._rows = range(gutter.top, gutter.top + content_size.height) if reusable else range(0)
        self._context = (
            size.width,
            content_size.width,
            tuple(padding),
            base_background,
            background,
            styles.border,
            styles.tint,
            styles.text_opacity,
            styles.hatch if styles.has_rule("hatch") else None,
            kwargs.get("opacity", 1.0),
            kwargs.get("ansi_theme"),
            kwargs.get("native_ansi"),
        )
        plain = (
            reusable
            and not styles.tint.a
            and styles.text_opacity == 1.0
            and kwargs.get("opacity", 1.0) == 1.0
            and not (styles.has_rule("hatch") and styles.hatch != "none")
        )
        self._frame = (
            _Frame(self, styles, size, content_size, padding, base_background, background)
            if plain
            else None
        )
        try:
            return super().render(
                styles, size, base_background, background, render_content_line, *args, **kwargs
            )
        finally:
            self._context = self._frame = None

    def render_line(
        self,
        styles: StylesBase,
        y: int,
        size: Size,
        content_size: Size,
        padding: Spacing,
        base_background: Color,
        background: Color,
        render_content_line: Callable[[int], Strip],
        *args: Any,
    ) -> Strip:
        def as_textual(lines: Callable[[int], Strip]) -> Strip:
            return super(ReusingStylesCache, self).render_line(
                styles, y, size, content_size, padding, base_background, background, lines, *args
            )

        context = self._context
        if context is None or y not in self._rows:
            return as_textual(render_content_line)
        content = render_content_line(y - self._rows.start)
        kept = self._styled.get(id(content))
        if kept is not None and kept[0] is content and (kept[1] is context or kept[1] == context):
            return kept[2]
        if self._frame is not None:
            styled = self._frame.style(content)
        else:
            styled = as_textual(lambda _: content)
        if len(self._styled) >= KEPT_LINES:
            del self._styled[next(iter(self._styled))]  # the oldest
        self._styled[id(content)] = (content, context, styled)
        return styled

    def forget(self) -> None:
        """Drop the kept lines (the widget's styles changed: they would never match again)."""
        self._styled.clear()


class _Frame:
    """What Textual puts around a content line (StylesCache.render_line, path C), worked
    out once per repaint for a widget without tint, opacity, text opacity or hatch."""

    def __init__(
        self,
        cache: StylesCache,
        styles: StylesBase,
        size: Size,
        content_size: Size,
        padding: Spacing,
        base_background: Color,
        background: Color,
    ) -> None:
        inner, outer = cache.get_inner_outer(base_background, background)
        self.width = size.width
        self.content_width = content_size.width
        self.inner: RichStyle = inner.rich_style
        _, pad_right, _, pad_left = padding
        self.pad = (pad_left, pad_right)
        (_, (right, right_color), _, (left, left_color)) = styles.border
        self.left: Segment | None = None
        self.right: Segment | None = None
        if left:
            style = Style(foreground=base_background + left_color)
            self.left = get_box(left, inner, outer, style)[1][0]
        if right:
            style = Style(foreground=base_background + right_color)
            self.right = get_box(right, inner, outer, style)[1][2]

    def style(self, content: Strip) -> Strip:
        line: Strip | list[Segment] = content.adjust_cell_length(self.content_width, self.inner)
        pad_left, pad_right = self.pad
        if pad_left or pad_right:
            line = line_pad(line, pad_left, pad_right, self.inner)
        if self.left is not None or self.right is not None:
            line = [
                *([self.left] if self.left is not None else []),
                *line,
                *([self.right] if self.right is not None else []),
            ]
        return Strip(line, self.width)
