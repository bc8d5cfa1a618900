"""Inputs that do not blink when no one is watching (tests, snapshots)."""

from __future__ import annotations

from textual.widgets import Input


class Field(Input):
    """An `Input` whose cursor blinks only in a real terminal, so snapshots are stable."""

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False
