"""The reader's note on a passage, in a multi-line editor: save, cancel, or delete."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from briefing.core.text import strip_controls
from briefing.tui.wrap import wrap_ranges

PASSAGE_LINES = 4
"""Lines of the passage shown above the editor: enough to know it."""


class PassagePreview(Static):
    """The passage, wrapped to the dialog's width and cut to a few lines with "…"."""

    def __init__(self, text: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = re.sub(r"\s+", " ", strip_controls(text)).strip()

    def render(self) -> Content:
        width = max(10, self.content_size.width)
        lines = wrap_ranges(self.text, width)
        if len(lines) <= PASSAGE_LINES:
            return Content(self.text)
        shown = self.text[: lines[PASSAGE_LINES - 1][1]].rstrip()
        room = lines[PASSAGE_LINES - 1][0] + width - 1  # the last line keeps a cell for "…"
        return Content(shown[:room].rstrip() + "…")


@dataclass(frozen=True)
class NoteEdit:
    """What the editor decided: new text to save, or the note to be deleted."""

    text: str = ""
    delete: bool = False


class NoteEditor(ModalScreen[NoteEdit | None]):
    """ctrl+s saves, Esc closes (asking first if the text changed), ctrl+d deletes."""

    DEFAULT_CSS = """
    #note-passage {
        max-height: 4;
        color: $text-muted;
        margin-bottom: 1;
    }
    """

    # Priority: the text area has keys of its own (ctrl+d deletes a character there).
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="note.save"),
        Binding("escape", "cancel", "Cancel", priority=True, id="note.cancel"),
        Binding("ctrl+d", "delete", "Delete", priority=True, id="note.delete"),
    ]

    def __init__(
        self, title: Content, text: str = "", *, existing: bool = False, passage: str = ""
    ) -> None:
        super().__init__()
        self.heading = title
        self.text = text
        self.existing = existing
        self.passage = passage
        """The annotated passage's text, shown dimmed above the editor."""

    def compose(self) -> ComposeResult:
        with Vertical(id="note-body"):
            yield Static(self.heading, id="note-title")
            if self.passage:
                # Article text is data: a Content built from it, never markup.
                yield PassagePreview(self.passage, id="note-passage")
            yield TextArea(self.text, id="note-text", soft_wrap=True, show_line_numbers=False)
            keys = "[b $text-accent]ctrl+s[/] save   [b $text-accent]esc[/] cancel"
            if self.existing:
                keys += "   [b $text-accent]ctrl+d[/] delete"
            yield Static(Content.from_markup(keys), id="note-keys")

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    @property
    def changed(self) -> bool:
        return self.query_one(TextArea).text.strip() != self.text.strip()

    def action_save(self) -> None:
        text = self.query_one(TextArea).text.strip()
        if not text:
            if self.existing:
                self.action_delete()
            else:
                self.dismiss(None)
            return
        self.dismiss(NoteEdit(text))

    def action_cancel(self) -> None:
        """Esc is pressed by reflex (vim): typed text is never thrown away without asking."""
        if not self.changed:
            self.dismiss(None)
            return
        from briefing.tui.screens.confirm import UnsavedNoteScreen

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
            elif choice == "discard":
                self.dismiss(None)

        self.app.push_screen(UnsavedNoteScreen(), answered)

    def action_delete(self) -> None:
        if not self.existing:
            self.dismiss(None)
            return
        from briefing.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(NoteEdit(delete=True))

        self.app.push_screen(ConfirmScreen("Delete this note?", "It cannot be undone."), answered)
