"""Decide: accept a vendor, reject, defer, supersede or reopen the decision, by name.

The TUI's `checklist decide`: the same step (`checklist.reuse.decision_steps`), the same
refusals in the same words (shown in the dialog, which stays open so nothing typed is lost),
the same summary once recorded. Pending answers are saved first, so the decision rests on
the answers on screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from checklist.errors import ChecklistError
from checklist.files.evaluation_save import Saved
from checklist.model.decision import ALLOWED, Action, DecisionStep
from checklist.model.limits import max_length
from checklist.reuse.decision_steps import DecisionRequest, outcome_lines, record_decision
from checklist.tui.literal import cell, literal
from checklist.tui.messages import Saved as AnswersSaved
from checklist.tui.screens.dialogs import Dialog
from checklist.tui.session import Session
from checklist.tui.widgets.fields import LINE_LIMIT, Field

if TYPE_CHECKING:
    from checklist.tui.app import ChecklistApp

#: The steps in the order the dialog offers them, each with what it does.
STEPS: tuple[tuple[Action, str], ...] = (
    ("accept", "Accept a vendor"),
    ("reject", "Reject: buy none of them"),
    ("defer", "Defer: decide later"),
    ("supersede", "Supersede: a later evaluation replaces it"),
    ("reopen", "Reopen: change answers again"),
)


class DecideDialog(Dialog["Decided | None"]):
    """One step of the decision's life; dismisses with what was recorded (None: cancelled)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def __init__(self, session: Session, today: dt.date) -> None:
        super().__init__()
        self.session = session
        self.today = today

    def compose(self) -> ComposeResult:
        evaluation = self.session.workspace.evaluation
        allowed = ALLOWED[evaluation.status]
        first = allowed[0] if allowed else "accept"
        chosen = f", chosen: {evaluation.chosen}" if evaluation.chosen else ""
        with Vertical(classes="dialog", id="decide"):
            yield Label("Decide", classes="dialog-title")
            yield Static(literal(f"The decision is {evaluation.status}{chosen}; allowed now: "
                                 f"{', '.join(allowed) or 'nothing (it is final)'}."),
                         classes="dialog-text")
            with Vertical(id="decide-fields"):
                yield self._row("Step", Select([(label, action) for action, label in STEPS],
                                               value=first, allow_blank=False, id="decide-step",
                                               compact=True))
                # Vendor names as written (a Select reads a string option as markup), as
                # rich Text, which its type-to-search reads (a Content it skips).
                yield self._row("Vendor", Select([(cell(v.name), v.id)
                                                  for v in evaluation.vendors],
                                                 prompt="(accept only)", id="decide-vendor",
                                                 compact=True))
                yield self._row("By", self._field(self.session.rater, "decide-by", "who decides",
                                                  max_length(DecisionStep, "by")))
                yield self._row("Reason", self._field(
                    "", "decide-reason", "why (required to reopen)",
                    max_length(DecisionStep, "reason")))
                yield self._row("Review by", self._field("", "decide-review-by",
                                                         "YYYY-MM-DD (optional)"))
                yield self._row("Successor", self._field("", "decide-successor",
                                                         "folder or title (supersede only)",
                                                         max_length(DecisionStep, "successor")))
            yield Static("", id="decide-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Record", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    @staticmethod
    def _field(value: str, ident: str, placeholder: str, limit: int = LINE_LIMIT) -> Field:
        field = Field(value, id=ident, placeholder=placeholder, limit=limit)
        field.compact = True
        return field

    @staticmethod
    def _row(label: str, widget: Field | Select[str]) -> Horizontal:
        return Horizontal(Label(label, classes="decide-label"), widget, classes="decide-row")

    def on_mount(self) -> None:
        self.query_one("#decide-step", Select).focus()

    def request(self) -> DecisionRequest | str:
        """What the form asks for, or why it cannot be read (a date that is not one)."""
        action = self.query_one("#decide-step", Select).value
        vendor = self.query_one("#decide-vendor", Select).value
        raw_date = self.query_one("#decide-review-by", Input).value.strip()
        try:
            review_by = dt.date.fromisoformat(raw_date) if raw_date else None
        except ValueError:
            return f"review by: {raw_date!r} is not a date like {self.today.isoformat()}"
        return DecisionRequest(
            action=str(action),  # type: ignore[arg-type]  # the Select holds only STEPS
            by=self.query_one("#decide-by", Input).value.strip(),
            vendor=str(vendor) if action == "accept" and isinstance(vendor, str) else None,
            reason=self.query_one("#decide-reason", Input).value.strip(),
            review_by=review_by,
            successor=self.query_one("#decide-successor", Input).value.strip(),
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        request = self.request()
        if isinstance(request, str):
            self.refused(request)
            return
        if not request.by:
            self.refused("say who decides (By): the name is recorded with the step")
            return
        self.query_one("#ok", Button).disabled = True
        self._record(request)

    @work(thread=True, exclusive=True, group="decide")
    def _record(self, request: DecisionRequest) -> None:
        """Saves pending answers, then takes the step (both touch files: off the UI)."""
        session = self.session
        result = session.flush()
        # Reported now, on the app's thread, so the status line says it before the decision.
        app = cast("ChecklistApp", self.app)
        app.call_from_thread(app.on_saved, AnswersSaved(session, result))
        if result.conflicts or result.error:
            self.app.call_from_thread(self.refused, "some answers are not saved yet (a "
                                      "conflict or a write error): settle them first")
            return
        try:
            saved = record_decision(session.path, request)
        except ChecklistError as exc:
            self.app.call_from_thread(self.refused, str(exc))
            return
        lines = outcome_lines(saved, request, session.path)
        self.app.call_from_thread(self.dismiss, Decided(saved, lines))

    def refused(self, why: str) -> None:
        self.query_one("#decide-error", Static).update(literal(why))
        self.query_one("#ok", Button).disabled = False

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class Decided:
    """A recorded step: the saved evaluation and the summary `checklist decide` prints."""

    saved: Saved
    lines: list[str]
