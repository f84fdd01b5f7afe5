"""The left pane: the briefing's sections with passage counts, then each source whole."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.core.model import Briefing
from briefing.tui.history import View
from briefing.tui.sources import ink_style


class SectionsPane(OptionList):
    """Choose a section or a source; the screen decides what to show."""

    class ViewChosen(Message):
        def __init__(self, view: View) -> None:
            super().__init__()
            self.view = view

    def __init__(self, briefing: Briefing, *, id: str | None = None) -> None:
        self._views: list[View | None] = []
        options: list[Option] = []
        for section in briefing.sections:
            options.append(Option(_row(section.title, len(section.passages))))
            self._views.append(View("section", section.id))
        options.append(Option(Content.styled("Sources", "bold $text-muted"), disabled=True))
        self._views.append(None)
        for document in briefing.documents:
            name = Content.assemble(("■ ", ink_style(briefing, document.id)), document.short_name)
            options.append(Option(_row(name, len(document.passages))))
            self._views.append(View("source", document.id))
        super().__init__(*options, id=id)

    def mark(self, view: View) -> None:
        """Highlight the row of the view being read, if it has one."""
        for index, candidate in enumerate(self._views):
            if candidate == view:
                if self.highlighted != index:
                    self.highlighted = index
                return

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        view = self._views[event.option_index]
        if view is not None:
            self.post_message(self.ViewChosen(view))


ROW_WIDTH = 24
"""Cells for a row's name and count, to fit the pane's width in the .tcss."""


def _row(title: str | Content, count: int) -> Content:
    """A name and its passage count, the count right-aligned."""
    label = title if isinstance(title, Content) else Content(title)
    number = str(count)
    room = ROW_WIDTH - len(number) - 1
    if label.cell_length > room:
        label = label.truncate(room - 1) + "…"
    return Content.assemble(label, " " * (room - label.cell_length + 1), (number, "$text-muted"))
