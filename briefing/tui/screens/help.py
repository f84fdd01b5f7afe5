"""`?`: every key the reader answers to, generated from the bindings in force."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing.tui.widgets.key_bar import KeyBar
from briefing.tui.wrap import wrap_ranges

BOX_WIDTH = 72
"""The help box's width in the .tcss (#help-body)."""
BOX_CHROME = 7
"""Cells of the box that are not text: border, padding and scrollbar."""


class HelpScreen(ModalScreen[None]):
    """A list of keys and what they do, scrolled like the reader; Esc, q or ? closes it."""

    # fmt: off
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", key_display="Esc", id="help.close"),
        Binding("j,down", "scroll(1)", "Scroll", key_display="j/k", id="help.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
        Binding("space,pagedown,ctrl+f", "page(1)", "Page", key_display="space/b", id="help.page-down"),
        Binding("b,pageup,ctrl+b", "page(-1)", "Page up", show=False, id="help.page-up"),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False, id="help.half-page-down"),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False, id="help.half-page-up"),
        Binding("g,home", "top", "Top", show=False, id="help.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="help.bottom"),
    ]
    # fmt: on

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Content("Keys").stylize("bold"), id="help-title")
            yield Static(self._keys(self.app.size.width), id="help-keys")
            yield Static(Content("Esc, q or ? closes this").stylize("$text-muted"), id="help-hint")
        yield KeyBar()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#help-keys", Static).update(self._keys(event.size.width))

    def _keys(self, screen_width: int) -> Content:
        """One row per key; a description that wraps goes on under itself, not under the key."""
        column = max((len(key) for key, _ in self.rows), default=4) + 2
        room = max(20, min(BOX_WIDTH, screen_width) - BOX_CHROME - column)
        lines: list[Content] = []
        for key, description in self.rows:
            for number, (start, end) in enumerate(wrap_ranges(description, room)):
                label = key.ljust(column) if number == 0 else " " * column
                lines.append(
                    Content.assemble((label, "bold $text-accent"), description[start:end].strip())
                )
        return Content("\n").join(lines)

    @property
    def _body(self) -> VerticalScroll:
        return self.query_one("#help-body", VerticalScroll)

    def action_scroll(self, step: int) -> None:
        self._body.scroll_relative(y=step, animate=False)

    def action_page(self, step: int) -> None:
        body = self._body
        body.scroll_relative(
            y=step * max(1, body.scrollable_content_region.height - 1), animate=False
        )

    def action_half_page(self, step: int) -> None:
        body = self._body
        body.scroll_relative(
            y=step * max(1, body.scrollable_content_region.height // 2), animate=False
        )

    def action_top(self) -> None:
        self._body.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self._body.scroll_end(animate=False)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
