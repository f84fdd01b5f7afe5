"""A scrollbar whose lines, mostly the same from one repaint to the next, are styled once."""

from __future__ import annotations

from textual.scrollbar import ScrollBar
from textual.strip import Strip

from briefing.tui.widgets.line_cache import ReusingStylesCache

KEPT_KINDS = 64
"""Distinct lines kept: a bar has a handful (track above, thumb, track below, the thumb's
two ends) in each of its states (hovered, grabbed) and styles."""


class KeptScrollBar(ScrollBar):
    """Textual's ScrollBar, drawn as Textual draws it, its lines styled once.

    A repainted bar (a new view, a new notes length, a scroll) is ~40 lines that Textual
    styled again one by one, ~1 ms a bar, though there are only a few kinds of line: each
    kind is kept as one Strip, and the styled line made from it is reused (see
    `ReusingStylesCache`).
    """

    def __init__(self, vertical: bool = True, name: str | None = None, *, thickness: int = 1):
        super().__init__(vertical=vertical, name=name, thickness=thickness)
        self._styles_cache = ReusingStylesCache()
        self._kinds: dict[tuple[object, ...], Strip] = {}

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
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
        self._styles_cache.forget()  # type: ignore[attr-defined]
