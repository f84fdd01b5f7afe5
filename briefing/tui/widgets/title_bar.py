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
        background: $panel;
        color: $foreground;
    }
    """

    def show(self, title: str, view: str) -> None:
        self.update(Content.assemble((title, "bold"), ("  —  ", "$text-muted"), view))
