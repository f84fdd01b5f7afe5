"""Places visited in the reader, and back/forward through them like a browser.

Plain Python (no textual) so that it is tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class View:
    """What the reading pane shows: a section, a whole source, search results..."""

    kind: str
    """section | source | search (and views added later: timeline, people, coverage)"""
    key: str
    """The section id, document id or query."""


@dataclass(frozen=True)
class Place:
    view: View
    passage: str | None
    """The focused passage, if the view has any."""
    scroll_y: int = 0
    """How far the view was scrolled, in rows (what the notes store keeps)."""
    offset: int | None = None
    """Rows from the top of the view down to the focused block's first line, as it was left.

    Restored in preference to `scroll_y`: rows depend on the text's width, which may
    have changed since (a pane shown or hidden, the terminal resized).
    """


class History:
    """A list of places with a cursor; visiting a new place drops the forward list."""

    def __init__(self, start: Place, limit: int = 500) -> None:
        self._places = [start]
        self._index = 0
        self._limit = limit

    @property
    def current(self) -> Place:
        return self._places[self._index]

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._places) - 1

    def update(self, passage: str | None, scroll_y: int, offset: int | None = None) -> None:
        """Remember where the reader is within the current place."""
        self._places[self._index] = replace(
            self.current, passage=passage, scroll_y=scroll_y, offset=offset
        )

    def visit(self, place: Place) -> None:
        del self._places[self._index + 1 :]
        self._places.append(place)
        if len(self._places) > self._limit:
            del self._places[0]
        self._index = len(self._places) - 1

    def back(self) -> Place | None:
        if not self.can_go_back:
            return None
        self._index -= 1
        return self.current

    def back_to(self, wanted: Callable[[Place], bool]) -> Place | None:
        """Step back to the nearest earlier place that is `wanted`; None (staying put) if none is."""
        for index in range(self._index - 1, -1, -1):
            if wanted(self._places[index]):
                self._index = index
                return self.current
        return None

    def forward(self) -> Place | None:
        if not self.can_go_forward:
            return None
        self._index += 1
        return self.current

    def places(self) -> tuple[list[Place], int]:
        """All places and the cursor, for saving the reader's position."""
        return list(self._places), self._index

    @classmethod
    def restore(cls, places: list[Place], index: int) -> History:
        history = cls(places[0])
        history._places = list(places)
        history._index = max(0, min(index, len(places) - 1))
        return history
