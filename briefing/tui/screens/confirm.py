"""Small questions in a dialog: yes/no (y or Enter, n or Esc), and save/discard/keep editing."""

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


class UnsavedNoteScreen(ModalScreen[str]):
    """Esc on a changed note: save it, discard it, or keep editing (Esc again keeps editing)."""

    BINDINGS = [
        Binding("s,ctrl+s", "answer('save')", "Save", id="unsaved.save"),
        Binding("d", "answer('discard')", "Discard", id="unsaved.discard"),
        Binding("k,escape", "answer('keep')", "Keep editing", id="unsaved.keep"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-body"):
            yield Static(
                Content("Save the changes to this note?").stylize("bold"), id="confirm-question"
            )
            yield Static(
                Content("You typed text that is not saved yet.").stylize("$text-muted"),
                id="confirm-detail",
            )
            yield Static(
                Content.from_markup(
                    "[b $text-accent]s[/] save   [b $text-accent]d[/] discard   "
                    "[b $text-accent]esc[/] keep editing"
                ),
                id="confirm-keys",
            )

    def action_answer(self, choice: str) -> None:
        self.dismiss(choice)
