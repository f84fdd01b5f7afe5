"""A scrollbar whose lines, mostly the same from one repaint to the next, are styled once."""

from __future__ import annotations

from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widget import _RenderCache

from briefing.tui.widgets.line_cache import ReusingStylesCache

KEPT_KINDS = 64
"""Distinct lines kept: a bar has a handful (track above, thumb, track below, the thumb's
two ends) in each of its states (hovered, grabbed) and styles."""
KEPT_STATES = 8
"""Bar states kept drawn: a view and the one a link leads to, and a few more."""


class KeptScrollBar(ScrollBar):
    """Textual's ScrollBar, drawn as Textual draws it, its lines styled once.

    A repainted bar (a new view, a new notes length, a scroll) is ~40 lines that Textual
    drew and styled again one by one, ~1 ms a bar, though there are only a few kinds of
    line: each kind is kept as one Strip, and the styled line made from it is reused (see
    `ReusingStylesCache`). A bar drawn in a state it was drawn in before (a link followed
    and back) is not drawn again either.

    Relies on Textual's private `_render_content` and `_render_cache` (pinned at 8.2.8):
    tests/app/test_line_cache.py compares the bars with Textual's own.
    """

    def __init__(self, vertical: bool = True, name: str | None = None, *, thickness: int = 1):
        super().__init__(vertical=vertical, name=name, thickness=thickness)
        self._styles_cache = self._line_cache = ReusingStylesCache()
        self._kinds: dict[tuple[object, ...], Strip] = {}
        self._drawn: dict[tuple[object, ...], list[Strip]] = {}
        """The lines of the bar in each state drawn lately, by what its drawing depends on."""

    def _render_content(self) -> None:
        bar = self.render()
        # What Textual's drawing of the bar depends on: the renderable's own state, the
        # bar's size and base style. (Hover and grab change the renderable's style.)
        state = (self.size, self.visual_style, type(bar), *vars(bar).items())
        lines = self._drawn.get(state)
        if lines is None:
            super()._render_content()
            lines = [self._kind_of(line) for line in self._render_cache.lines]
            if len(self._drawn) >= KEPT_STATES:
                del self._drawn[next(iter(self._drawn))]
            self._drawn[state] = lines
        self._render_cache = _RenderCache(self.size, lines)
        self._dirty_regions.clear()

    def _kind_of(self, line: Strip) -> Strip:
        kind = (line.cell_length, *line)
        kept = self._kinds.get(kind)
        if kept is None:
            if len(self._kinds) >= KEPT_KINDS:
                self._kinds.clear()
            kept = self._kinds[kind] = line
        return kept

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._kinds.clear()
        self._drawn.clear()
        self._line_cache.forget()
