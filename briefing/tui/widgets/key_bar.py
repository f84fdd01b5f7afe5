"""The bottom line: the keys that matter now, from the screen's active bindings.

Lighter than Textual's Footer (one widget rather than one per key), which
matters for the time to the first screen.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from briefing.tui.keys import FOOTER_IF_ROOM


class KeyBar(Static):
    """Shown bindings as `key description` pairs; clicking one presses its key."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, event: events.Resize) -> None:
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen) -> None:
        parts: list[tuple[Content, bool]] = []
        seen: set[tuple[str, str]] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if (
                not binding.show
                or not active.enabled
                or (binding.action, binding.description) in seen
            ):
                continue
            seen.add((binding.action, binding.description))
            shown = self.app.get_key_display(binding)
            # The key names are our own bindings' (letters and Textual key names), never
            # article text; what is displayed goes in as variables, not markup.
            part = Content.from_markup(
                f"[@click=app.simulate_key('{key}')][b $text-accent]$shown[/] $label[/]",
                shown=shown,
                label=binding.description,
            )
            parts.append((part, binding.id in FOOTER_IF_ROOM))
        width = sum(part.cell_length + 2 for part, _ in parts) - 2
        # Too narrow for all: the keys that can wait make room for those that cannot.
        fits = width <= (self.size.width or screen.app.size.width)
        self.update(Content("  ").join(part for part, optional in parts if fits or not optional))
