"""`?`: every key the reader answers to, generated from the bindings in force."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """A list of keys and what they do; any of Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max((len(key) for key, _ in self.rows), default=4) + 2
        lines = [
            Content.assemble((key.ljust(width), "bold $text-accent"), description)
            for key, description in self.rows
        ]
        with VerticalScroll(id="help-body"):
            yield Static(Content("Keys").stylize("bold"), id="help-title")
            yield Static(Content("\n").join(lines), id="help-keys")
            yield Static(Content("Esc, q or ? closes this").stylize("$text-muted"), id="help-hint")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
