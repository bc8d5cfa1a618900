"""The memo's table of contents as a dialog over the preview: Enter on a heading scrolls the
memo to it. A dialog, unlike `MarkdownViewer`'s side panel, leaves the memo's width alone,
so opening it lays nothing out again (that took seconds on the worked example)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from checklist.tui.literal import literal
from checklist.tui.screens.dialogs import Dialog


class ContentsDialog(Dialog[int | None]):
    """Dismisses with the index of the heading chosen, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t", "cancel", "Close", id="memo-contents.close"),
    ]
    CSS_PATH = "dialogs.tcss"

    def __init__(self, headings: list[tuple[int, str]], note: str = "") -> None:
        super().__init__()
        self.headings = headings
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Contents: Enter goes to the heading, Esc closes" + self.note,
                        classes="dialog-title")
            yield OptionList(*(Option(literal("  " * max(level - 1, 0) + title))
                               for level, title in self.headings), id="memo-contents")

    @on(OptionList.OptionSelected, "#memo-contents")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)
