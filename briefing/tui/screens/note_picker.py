"""Several notes on one passage: a small list to choose the one to edit (or copy)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing.core.text import snippet, strip_controls

if TYPE_CHECKING:
    from briefing.core.userdata.store import AnchoredNote


class NotePicker(ModalScreen[int | None]):
    """Enter edits the highlighted note; Esc edits none. Dismissed with the note's id."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel", id="pick.cancel")]

    def __init__(self, notes: Sequence[AnchoredNote], verb: str = "edit") -> None:
        super().__init__()
        self.notes = list(notes)
        self.verb = verb
        """What Enter does to the chosen note, as the key line says it."""

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-body"):
            yield Static(
                Content(f"{len(self.notes)} notes on this passage: which one?").stylize("bold"),
                id="confirm-question",
            )
            # Note text is the reader's own, never markup.
            yield OptionList(
                *(Option(self._entry(note), id=str(note.id)) for note in self.notes),
                id="pick-notes",
            )
            yield Static(
                Content.from_markup(
                    "[b $text-accent]enter[/] $verb   [b $text-accent]esc[/] cancel",
                    verb=self.verb,
                ),
                id="confirm-keys",
            )

    @staticmethod
    def _entry(note: AnchoredNote) -> Content:
        """A note's first words and date; under them, for another briefing's, which keeps it."""
        entry = Content.assemble(
            snippet(strip_controls(note.text), 60), (f"  {note.updated[:10]}", "$text-muted")
        )
        if note.elsewhere:  # a title, so data: assembled, never markup
            entry = Content.assemble(entry, "\n", (f"kept with {note.elsewhere}", "$text-muted"))
        return entry

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = len(self.notes) - 1  # the newest, as e alone would edit
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or 0))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
