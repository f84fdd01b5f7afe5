"""The search line at the bottom: type words, Enter searches, Esc cancels."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """An Input that says what was asked for, or that it was cancelled, and then hides."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False, id="search.cancel")]

    class Asked(Message):
        """Enter was pressed: search for `query`."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Cancelled(Message):
        """Esc was pressed: no search."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder='Search all sources: words, or "a phrase"   (Enter searches, Esc cancels)',
            id=id,
        )

    def open(self, text: str = "") -> None:
        self.value = text
        self.add_class("-active")
        # Focus now, not on the next turn as `focus()` would: the keys typed fast after
        # `/` (a priority key, handled before them) must reach the search line.
        self.screen.set_focus(self)
        if self.screen.focused is not self:  # not mounted yet: focus once it is
            self.focus()

    def close(self) -> None:
        self.remove_class("-active")

    def action_cancel(self) -> None:
        self.close()
        self.post_message(self.Cancelled())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close()
        self.post_message(self.Asked(event.value.strip()))
