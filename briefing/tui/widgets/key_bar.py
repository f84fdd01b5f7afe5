"""The bottom line: the keys that matter now, from the screen's active bindings.

Lighter than Textual's Footer (one widget rather than one per key), which
matters for the time to the first screen. A screen may say which keys matter in
its present state with a `footer_entry(binding)` method (see `FooterEntry`);
without one, the bindings declared with `show=True` are shown.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.binding import Binding
from textual.content import Content, Span
from textual.screen import Screen
from textual.widgets import Static

from briefing.tui.keys import DEFAULT_KEYS, FOOTER_ORDER, FOOTER_PAIRS


class FooterEntry(NamedTuple):
    """How a key shows in the footer now."""

    rank: int
    """0: always shown; higher ranks make room first when the line is too narrow."""
    label: str | None = None
    """Instead of the binding's description."""
    partner: str | None = None
    """The id of a binding shown with this one as `a/b` (t/i for both panes)."""
    reserved: bool = False
    """Not shown now, but its room is kept: a key that comes and goes with each move
    (back, a link) would otherwise push other keys on and off the line."""


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

    def __init__(self) -> None:
        super().__init__()
        self._parts: dict[tuple[str, str, str], Content] = {}
        """Each key's part, made once: parsing markup costs more than the rest of a redraw."""
        self._shown: Content | None = None
        self._room = 0
        """The width the keys were last fitted to."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, event: events.Resize) -> None:
        # The first layout resizes the bar to the width it was drawn for on mount: the
        # same keys again, worked out for nothing (~1 ms of the first screen).
        if self.size.width != self._room:
            self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen.is_attached and screen.app.screen is not screen:
            self._show(Content(""))  # a dialog is on top: its keys are in force, not ours
            return
        choose = getattr(screen, "footer_entry", None)
        keymap: dict[str, str] = getattr(self.app, "keymap", {})
        found: list[tuple[int, int, Content, bool]] = []  # order, rank, part, shown
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            ident = binding.id or f"{binding.action}:{binding.description}"
            if not active.enabled or ident in seen:
                continue
            entry = choose(binding) if choose is not None else None
            if choose is None and binding.show:
                entry = FooterEntry(0)
            if entry is None:
                continue
            seen.add(ident)
            shown = self._key_display(binding, key, entry.partner, keymap)
            label = entry.label or binding.description
            part = self._parts.get((key, shown, label))
            if part is None:
                part = self._parts[key, shown, label] = _entry(key, shown, label)
            # In the declared order, whatever order a keymap left the bindings in.
            order = FOOTER_ORDER.get(binding.id or "", -1)
            found.append((order, entry.rank, part, not entry.reserved))
        found.sort(key=lambda item: item[0])
        room = self._room = self.size.width or screen.app.size.width
        # Too narrow for all: the keys that can wait make room, the least needed first.
        while len(found) > 1 and sum(part.cell_length + 2 for _, _, part, _ in found) - 2 > room:
            worst = max(rank for _, rank, _, _ in found[:-1])
            # Of the same rank, the later goes first; the last key (quit) is never cut off.
            drop = max(i for i, (_, rank, _, _) in enumerate(found[:-1]) if rank == worst)
            del found[drop]
        self._show(Content("  ").join(part for _, _, part, shown in found if shown))

    def _show(self, content: Content) -> None:
        if content != self._shown:
            self._shown = content
            # One line of fixed height: no need to lay out the screen again.
            self.update(content, layout=False)

    def _key_display(
        self, binding: Binding, key: str, partner: str | None, keymap: dict[str, str]
    ) -> str:
        """The key as shown; a pair (j/k) from the keys in force, remapped or not."""
        partner = partner or FOOTER_PAIRS.get(binding.id or "")
        if partner is not None:
            other = keymap.get(partner) or DEFAULT_KEYS.get(partner, "")
            if other:
                first = other.split(",")[0].strip()
                return f"{self._display(key)}/{self._display(first)}"
        if binding.key_display:
            return binding.key_display
        return self._display(key)

    def _display(self, key: str) -> str:
        return self.app.get_key_display(Binding(key, ""))


def _entry(key: str, shown: str, label: str) -> Content:
    """`? Help`, the key in the accent colour, pressing the key when clicked.

    Built from spans, not markup: parsing markup for each entry cost more than the rest
    of the footer's first draw. The key names are Textual's (a keymap's are normalised to
    them), never article text, so they are safe inside the click action.
    """
    text = f"{shown} {label}"
    return Content(
        text,
        spans=[
            Span(0, len(text), f"@click=app.simulate_key('{key}')"),
            Span(0, len(shown), "b $text-accent"),
        ],
    )
