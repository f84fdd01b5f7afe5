"""The top line: the briefing's title and what is being read."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class TitleBar(Static):
    """Title — view, centred; a plain Static rather than Textual's Header, for a faster start."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;  /* a long search query is cut with "…", not mid-letter */
        background: $panel;
        color: $foreground;
    }
    """

    _shown: tuple[str, str] = ("", "")
    notes_read_only: bool = False
    """Set while the reader's notes cannot be saved: said on the title line, not only once."""

    def show(self, title: str, view: str, *, again: bool = False) -> None:
        if (title, view) == self._shown and not again:
            return  # a link followed within the view it was in: the same line
        self._shown = (title, view)
        mark = ("  ·  read-only notes", "bold $text-warning") if self.notes_read_only else ""
        # No layout: the line is one row, docked, as wide as the screen whatever it says;
        # a layout of the whole screen costs more than the rest of a key.
        self.update(
            Content.assemble((title, "bold"), ("  —  ", "$text-muted"), view, mark), layout=False
        )

    def mark_notes_read_only(self, read_only: bool) -> None:
        if read_only != self.notes_read_only:
            self.notes_read_only = read_only
            self.show(*self._shown, again=True)
