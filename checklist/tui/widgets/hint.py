"""A warning about the last key, under the answer."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from checklist.tui.literal import markup


class Hint(Static):
    """Belongs to the question it was given on: it goes with the next key or question (a
    notification would outlive the screen). Hidden while empty."""

    def say(self, message: str, *, warn: bool = True) -> None:
        self.update(markup("⚠ $message" if warn else "$message", message=message))
        self.display = True

    def clear(self) -> None:
        if self.display:
            self.update(Content())
            self.display = False
