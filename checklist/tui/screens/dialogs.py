"""Small typed modals: each asks one thing and `dismiss`es with the answer (None = cancelled)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from checklist.model.common import GRADE_LABELS, GRADES
from checklist.model.limits import max_length
from checklist.model.ratings import Answer, Evidence
from checklist.tui.literal import literal
from checklist.tui.text import clipped
from checklist.tui.widgets.fields import LINE_LIMIT, Field

#: Returns an error message for a bad value, or None when the value is fine.
Check = Callable[[str], str | None]
T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """The dialogs of this module: `dialogs.tcss` styles them (its rules start `Dialog`)."""

    CSS_PATH = "dialogs.tcss"


class TextPrompt(Dialog[str | None]):
    """One line of text: a name, a folder, a new vendor name.

    Dialogs show every text as written: titles, prompts and errors quote paths and names.
    """

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def __init__(self, title: str, prompt: str, value: str = "", *,
                 placeholder: str = "", check: Check | None = None, limit: int = LINE_LIMIT,
                 what: str = "This field") -> None:
        super().__init__()
        self.title_text = title
        self.prompt = prompt
        self.value = value
        self.placeholder = placeholder
        self.check = check
        self.limit, self.what = limit, what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield Static(literal(self.prompt), classes="dialog-text")
            yield Field(self.value, placeholder=self.placeholder, id="prompt-input",
                        limit=self.limit, what=self.what)
            yield Static("", id="prompt-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        value = self.query_one("#prompt-input", Input).value.strip()
        problem = self.check(value) if self.check else (None if value else "type something")
        if problem:
            self.query_one("#prompt-error", Static).update(literal(problem))
            return
        self.dismiss(value)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmDialog(Dialog[bool]):
    """Yes or no, with the consequence spelled out on the buttons."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", "Cancel", id="dialog.cancel"),
        Binding("y", "answer(True)", "Yes", id="dialog.yes", show=False),
        Binding("n", "answer(False)", "No", id="dialog.no", show=False),
    ]

    def __init__(self, title: str, text: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.title_text, self.text, self.yes, self.no = title, text, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield Static(literal(self.text), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(literal(self.yes), variant="primary", id="yes")
                yield Button(literal(self.no), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ConflictDialog(Dialog[bool]):
    """Someone else changed what we were saving (an answer in the ratings file, a part of
    `evaluation.yaml`): keep ours (True) or take theirs (False).

    Never decided silently: the person sees both and picks.
    """

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "answer(True)", "Keep mine", id="conflict.mine"),
        Binding("t", "answer(False)", "Use theirs", id="conflict.theirs"),
    ]

    def __init__(self, where: str, mine: str, theirs: str, *,
                 changed: str = "in your ratings file by another program or person while "
                                "you were scoring") -> None:
        super().__init__()
        self.where, self.mine, self.theirs, self.changed = where, mine, theirs, changed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Changed by someone else", classes="dialog-title")
            yield Static(
                literal(f"{self.where} was changed {self.changed}.\n\n"
                        f"  on disk now: {self.theirs}\n"
                        f"  yours:       {self.mine}\n\nKeep yours (overwrite the file) or "
                        "use theirs (drop your change)?"),
                classes="dialog-text",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep mine (m)", variant="primary", id="mine")
                yield Button("Use theirs (t)", id="theirs")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "mine")

    def action_answer(self, keep_mine: bool) -> None:
        self.dismiss(keep_mine)


class EvidenceDialog(Dialog[Evidence | None]):
    """Where the rater saw it (URL or path), how far to trust it, and when."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def __init__(self, today: dt.date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Add evidence", classes="dialog-title")
            yield Static("URL or file path", classes="dialog-text")
            yield Field(placeholder="https://… or ./tests/latency.csv", id="evidence-url",
                        limit=max_length(Evidence, "url"), what="A URL or path")
            yield Static("Who produced it", classes="dialog-text")
            yield Select(
                [(GRADE_LABELS[g], g) for g in GRADES], value="vendor-claim",
                allow_blank=False, id="evidence-grade",
            )
            yield Static("Retrieved (YYYY-MM-DD)", classes="dialog-text")
            yield Field(self.today.isoformat(), id="evidence-date")
            yield Static("", id="evidence-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#evidence-url", Input).focus()
        self.watch(self.query_one("#evidence-grade", Select), "expanded", self._grade_closed,
                   init=False)

    def _grade_closed(self, expanded: bool) -> None:
        """A grade picked in the list (Enter, even the one already chosen) goes on to the
        date, as the README says; Enter on the closed list would only open it again."""
        if not expanded:
            self.query_one("#evidence-date", Input).focus()

    @on(Input.Submitted, "#evidence-url")
    def _url_entered(self) -> None:
        """Enter after the URL goes on to who produced it: the grade is not to be skipped
        (left alone it would record the evidence as the vendor's own claim)."""
        if self.query_one("#evidence-url", Input).value.strip():
            self.query_one("#evidence-grade", Select).focus()

    @on(Input.Submitted, "#evidence-date")
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        url = self.query_one("#evidence-url", Input).value.strip()
        raw_date = self.query_one("#evidence-date", Input).value.strip()
        error = self.query_one("#evidence-error", Static)
        if not url:
            error.update(literal("give a URL or a file path"))
            return
        try:
            retrieved = dt.date.fromisoformat(raw_date) if raw_date else None
        except ValueError:
            error.update(literal(f"{raw_date!r} is not a date like {self.today.isoformat()}"))
            return
        grade = self.query_one("#evidence-grade", Select).value
        self.dismiss(Evidence(url=url, retrieved=retrieved, grade=str(grade)))  # type: ignore[arg-type]

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def describe(answer: Answer | None) -> str:
    """A short line for an answer in a dialog: its value, note and time."""
    if answer is None:
        return "no answer"
    parts = [answer.display()]
    if answer.note:
        parts.append(f"note: {clipped(answer.note, 60)}")
    if answer.at:
        parts.append(f"at {answer.at:%Y-%m-%d %H:%M}")
    return " · ".join(parts)
