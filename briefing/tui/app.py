"""The reader application: one screen over a loaded briefing."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen

from briefing.core.model import Briefing
from briefing.tui import sources
from briefing.tui.keys import APP_BINDINGS, HELP_EXTRA, READER_BINDINGS, help_rows
from briefing.tui.screens.reader import ReaderScreen

HIDDEN_SYSTEM_COMMANDS = frozenset({"Keys", "Maximize", "Minimize"})
"""Textual's palette commands the reader leaves out."""
PALETTE_PROMPT = "Find a section, source, view, name, passage or term…"
"""What the palette's empty line says (Textual's own: 'Search for commands…')."""


class BriefingApp(App[None]):
    """Read a briefing in the terminal."""

    CSS_PATH = Path(__file__).with_name("reader.tcss")
    """Absolute, so that subclasses defined elsewhere (tests, benchmarks) find it too."""
    BINDINGS = APP_BINDINGS
    ENABLE_COMMAND_PALETTE = True
    collect_when_ready = False
    """Whether to turn the cycle collector back on once the first screen is up: set by
    `run_reader` when it was paused for that screen (see `run_open`)."""

    def __init__(
        self,
        briefing: Briefing,
        keymap: dict[str, str] | None = None,
        problems: Sequence[str] = (),
        check: str = "briefing check",
    ) -> None:
        super().__init__()
        self.briefing = briefing
        self.problems = tuple(problems)
        """Errors of references left out of the briefing (see load_briefing_to_read)."""
        self.check = check
        """The command that lists every problem, as the user would type it."""
        self.keymap = dict(keymap or {})
        """Key overrides by binding id, as the user gave them."""
        self.title = briefing.title
        self.quitting = False
        """Set by `q`: keys typed after it still arrive while the app closes, and none of
        them may open anything (a dialog pushed then finds its widgets gone)."""

    async def action_quit(self) -> None:
        self.quitting = True
        self.exit()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return sources.theme_variables()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own key panel and maximize duplicate `?` and the reader's layout.
        for command in super().get_system_commands(screen):
            if command.title not in HIDDEN_SYSTEM_COMMANDS:
                yield command

    def action_command_palette(self) -> None:
        # As Textual's own action, but saying what the palette finds: mostly not commands.
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=PALETTE_PROMPT))

    def get_default_screen(self) -> ReaderScreen:
        return ReaderScreen(self.briefing)

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        if self.problems:
            more = len(self.problems) - 1
            self.notify(
                f"{self.problems[0]}\n"
                + (f"{more} more problem{'s' if more > 1 else ''}; " if more else "")
                + f"the reader leaves out what does not resolve: '{self.check}' lists it all",
                title="The briefing has errors",
                severity="warning",
                timeout=15,
                markup=False,
            )

    def on_ready(self) -> None:
        if self.collect_when_ready:
            gc.enable()
        # After the first screen: opening the notes store must not delay it.
        if isinstance(self.screen, ReaderScreen):
            self.screen.open_user_data()
            # After the first paint has gone out: the linker holds the GIL for a while.
            self.call_after_refresh(self.screen.start_insight)
            # Ready before it is asked for: words typed fast after `/` must not reach
            # the reader as keys while the search line is being mounted.
            self.call_after_refresh(self._prepare_search, self.screen)

    def _prepare_search(self, screen: ReaderScreen) -> None:
        if screen.is_attached:  # unless the reader quit meanwhile
            screen.search_bar()

    def action_help(self) -> None:
        from briefing.tui.screens.help import HelpScreen  # deferred: not for the first screen

        if isinstance(self.screen, HelpScreen):
            return
        rows = help_rows(
            [*READER_BINDINGS, *APP_BINDINGS],
            self.keymap,
            lambda key: self.get_key_display(_binding_for(key)),
        )
        self.push_screen(HelpScreen(rows + HELP_EXTRA))


def _binding_for(key: str):
    from textual.binding import Binding

    return Binding(key, "")


def run_reader(
    briefing: Briefing,
    keymap: dict[str, str] | None = None,
    problems: Sequence[str] = (),
    check: str = "briefing check",
) -> int:
    # The briefing and the modules loaded so far live as long as the reader: frozen, the
    # cycle collector no longer walks them in every full collection. One fell during the
    # first screen's styling and cost it 25 ms on the bundled briefing, more on a large one.
    gc.freeze()
    # Textual writes each frame from a thread of its own, through a pty that takes a few
    # KB at a time: each time the pty drains, that thread waits for the interpreter, up to
    # the switch interval (5 ms by default) while the UI thread works on. The first screen
    # (~30 KB) reached the terminal a median 15 ms after it was drawn; at 0.5 ms, 7 ms.
    sys.setswitchinterval(min(sys.getswitchinterval(), 0.0005))
    app = BriefingApp(briefing, keymap, problems, check)
    app.collect_when_ready = not gc.isenabled()
    app.run()
    return 0
