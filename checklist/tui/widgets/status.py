"""The one-line status under each screen: where the answers went and when."""

from __future__ import annotations

from textual.widgets import Static

from checklist.tui.literal import literal


class StatusLine(Static):
    """Mirrors `app.save_status` so every screen shows the same saving state."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "save_status", self._show)

    def _show(self, status: str) -> None:
        self.update(literal(status))  # it quotes paths and error messages
