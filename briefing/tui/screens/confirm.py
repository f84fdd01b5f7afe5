"""A yes/no question in a small dialog: y or Enter says yes, n or Esc says no."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-body"):
            yield Static(Content(self.question).stylize("bold"), id="confirm-question")
            if self.detail:
                yield Static(Content(self.detail).stylize("$text-muted"), id="confirm-detail")
            yield Static(
                Content.from_markup("[b $text-accent]y[/] yes   [b $text-accent]n[/] no"),
                id="confirm-keys",
            )

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
