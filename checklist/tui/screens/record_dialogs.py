"""Dialogs of the vendor and evaluation screens: a claim, a decision maker, and an edit of the
record that someone else changed meanwhile. Each checks what it returns with the model's own
rules and `dismiss`es with it (None = cancelled)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from checklist.errors import ChecklistError
from checklist.model.claim import UNITS, Claim
from checklist.model.common import GRADE_LABELS, GRADES
from checklist.model.evaluation import ROLES, Person
from checklist.model.evaluation_edit import validated
from checklist.model.limits import max_length
from checklist.tui.claim_form import AGAINST, TEXT_FIELDS, claim_from_form, form_values
from checklist.tui.literal import literal
from checklist.tui.screens.dialogs import Dialog
from checklist.tui.widgets.fields import LINE_LIMIT
from checklist.tui.widgets.form_field import FormField

#: The limit of each claim field, the model's own (numbers and dates: a line).
_LIMITS = {"text": max_length(Claim, "text"), "task": max_length(Claim, "task"),
           "metric": max_length(Claim, "metric"), "source": max_length(Claim, "source"),
           "run_by": max_length(Claim, "run_by"), "note": max_length(Claim, "note")}
_PLACEHOLDERS = {"text": "the claim, in the source's words", "task": "e.g. text-to-video",
                 "metric": "e.g. win rate", "value": "a number, or words ('top 3')",
                 "target": "vendor name, model or baseline", "interval": "LOW..HIGH",
                 "level": "95", "source": "https://… or a file", "retrieved": "YYYY-MM-DD",
                 "date": "YYYY-MM-DD"}


def problems_text(exc: ChecklistError) -> str:
    """The problems of a refused value, one a line, without the file name `validated` uses."""
    return "\n".join(p.message for p in exc.problems)


class ClaimDialog(Dialog[Claim | None]):
    """Every field `checklist claim add` takes; returns the claim, checked."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "submit", "Save claim", id="claim.save", priority=True),
    ]

    def __init__(self, title: str, claim: Claim | None,
                 find_vendor: Callable[[str], str]) -> None:
        super().__init__()
        self.title_text = title
        self.values = form_values(claim)
        self.find_vendor = find_vendor

    def compose(self) -> ComposeResult:
        values = self.values
        with Vertical(classes="dialog claim-dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="claim-fields"):
                for key, text in TEXT_FIELDS.items():
                    if key == "target":
                        yield self._row("against", Select(
                            [(literal(words), kind) for kind, words in AGAINST],
                            value=values["against"], allow_blank=False, compact=True,
                            id="claim-against"))
                    yield self._row(key, FormField(values[key], id=f"claim-{key}",
                                               limit=_LIMITS.get(key, LINE_LIMIT), what=text,
                                               placeholder=_PLACEHOLDERS.get(key, "")),
                                    text)
                    if key == "value":
                        yield self._row("unit", Select(
                            [(literal("(none)"), ""), *[(literal(u), u) for u in UNITS]],
                            value=values["unit"], allow_blank=False, compact=True,
                            id="claim-unit"))
                    if key == "run_by":
                        yield self._row("grade", Select(
                            [(literal(GRADE_LABELS[g]), g) for g in GRADES],
                            value=values["grade"], allow_blank=False, compact=True,
                            id="claim-grade"))
            yield Static("", id="claim-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    @staticmethod
    def _row(key: str, widget: Input | Select[str], text: str = "") -> Horizontal:
        words = text or {"against": "Compared with", "unit": "Unit", "grade": "Grade"}[key]
        return Horizontal(Label(literal(words), classes="field-label"), widget,
                          classes="field-row")

    def on_mount(self) -> None:
        self.query_one("#claim-text", Input).focus()

    def form(self) -> dict[str, str]:
        out = {key: self.query_one(f"#claim-{key}", Input).value for key in TEXT_FIELDS}
        for key in ("against", "unit", "grade"):
            value = self.query_one(f"#claim-{key}", Select).value
            out[key] = value if isinstance(value, str) else ""
        return out

    @on(Button.Pressed, "#ok")
    def action_submit(self) -> None:
        try:
            claim = claim_from_form(self.form(), self.find_vendor)
        except ChecklistError as exc:
            self.query_one("#claim-error", Static).update(literal(problems_text(exc)))
            return
        self.dismiss(claim)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class PersonDialog(Dialog[Person | None]):
    """A decision maker: a name and a role (driver, approver, contributor, informed)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def __init__(self, title: str, person: Person | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.person = person

    def compose(self) -> ComposeResult:
        person = self.person
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield Static("Name", classes="dialog-text")
            yield FormField(person.name if person else "", id="person-name",
                        limit=max_length(Person, "name"), what="A name")
            yield Static("Role", classes="dialog-text")
            yield Select([(literal("(no role)"), ""), *[(literal(r), r) for r in ROLES]],
                         value=(person.role or "") if person else "", allow_blank=False,
                         id="person-role")
            yield Static("", id="person-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#person-name", Input).focus()

    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        role = self.query_one("#person-role", Select).value
        data = {"name": self.query_one("#person-name", Input).value.strip(),
                "role": role if isinstance(role, str) and role else None}
        try:
            person = validated(Person, data, lambda key: key.capitalize())
        except ChecklistError as exc:
            self.query_one("#person-error", Static).update(literal(problems_text(exc)))
            return
        self.dismiss(person)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
