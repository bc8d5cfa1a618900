"""The reason tags for a vote, picked from the bake-off's list (`bakeoff.yaml` `reasons:`).

A typed modal: `dismiss`es with the ticked tags in the bake-off's order, or None when
cancelled. At most as many as a vote holds (the votes model's limit).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from checklist.bakeoff.model import Vote
from checklist.model.limits import max_length
from checklist.tui.literal import literal

#: The most reasons one vote holds.
REASONS_LIMIT = max_length(Vote, "reasons")


class ReasonsDialog(ModalScreen[list[str] | None]):
    """Ticks reasons with space (or a click); enter keeps them, esc leaves them as they were."""

    CSS_PATH = "reasons.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "keep", "Keep these reasons", id="reasons.keep", priority=True),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("j", "cursor(1)", "Down", show=False, id="reasons.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="reasons.up"),
    ]

    def __init__(self, reasons: list[str], chosen: list[str]) -> None:
        super().__init__()
        self.reasons, self.chosen = reasons, chosen

    def compose(self) -> ComposeResult:
        with Vertical(id="reasons-box"):
            yield Label("Reasons for your vote", id="reasons-title")
            yield Static(f"Optional; saved with your vote (at most {REASONS_LIMIT}). "
                         "space ticks or unticks, enter keeps them, esc cancels.",
                         id="reasons-help")
            yield SelectionList[str](
                *[Selection(literal(r), r, r in self.chosen) for r in self.reasons],
                id="reasons-list")
            yield Static("", id="reasons-error")
            with Horizontal(id="reasons-buttons"):
                yield Button("Keep (enter)", variant="primary", id="keep")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    @on(SelectionList.SelectionToggled)
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        selections = self.query_one("#reasons-list", SelectionList)
        error = self.query_one("#reasons-error", Static)
        if len(selections.selected) > REASONS_LIMIT:
            selections.deselect(event.selection)
            error.update(f"a vote holds at most {REASONS_LIMIT} reasons; untick one first")
        else:
            error.update("")

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        ticked = set(self.query_one("#reasons-list", SelectionList).selected)
        self.dismiss([r for r in self.reasons if r in ticked])

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_cursor(self, step: int) -> None:
        selections = self.query_one("#reasons-list", SelectionList)
        if step > 0:
            selections.action_cursor_down()
        else:
            selections.action_cursor_up()
