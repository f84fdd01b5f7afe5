"""The yardstick: the smallest Textual app that shows something (one Static), and repaints it
on `j`, so that a key's floor on this machine and terminal is measured too."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    BINDINGS = [("q", "quit", "Quit"), ("j", "step", "Step")]

    def __init__(self) -> None:
        super().__init__()
        self.steps = 0

    def compose(self) -> ComposeResult:
        yield Static("minimal app ready")

    def action_step(self) -> None:
        self.steps += 1
        self.query_one(Static).update(f"minimal app step {self.steps}")


if __name__ == "__main__":
    Minimal().run()
