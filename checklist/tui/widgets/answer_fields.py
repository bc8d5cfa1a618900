"""The two fields under the levels: a typed value and the rater's note.

Each shows the answer as it stands, except while the rater is typing in it (the field then
holds what is being typed); the screen takes what was typed (`Input.Submitted`, `Changed`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Input, Label

from checklist.model.limits import max_length
from checklist.model.ratings import Answer
from checklist.tui.literal import literal
from checklist.tui.widgets.fields import LINE_LIMIT, Field
from checklist.tui.widgets.spot import Spot


class AnswerField(Field):
    """A field of the answer, shown from its start whenever the rater is not in it.

    Input keeps its view at the cursor: after Enter a note as wide as the field hid its
    first letter, and a longer one its beginning (issue 20 item 6). Leaving the field puts
    the cursor at the start; coming back puts it after the text, so a key adds to the note
    instead of replacing it (nothing is selected on entry: the next key would overwrite it).
    """

    def __init__(self, *, limit: int = LINE_LIMIT, what: str = "This field",
                 placeholder: str = "", id: str | None = None) -> None:
        super().__init__(limit=limit, what=what, placeholder=placeholder, id=id,
                         select_on_focus=False)

    def on_focus(self) -> None:
        self.cursor_position = len(self.value)

    def on_blur(self) -> None:
        self.cursor_position = 0


def _show(field: Input, value: str) -> None:
    """Puts the answer's text in a field the rater is not typing in, without a `Changed`."""
    if field.value != value and not field.has_focus:
        with field.prevent(Input.Changed):
            field.value = value


class ValueRow(Horizontal):
    """"Value: [field] unit", only for a question answered by typing: a number, or a score
    on a scale wider than the digit keys."""

    spot: reactive[Spot | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield Label("Value:", id="value-label")
        yield AnswerField(id="value", placeholder="type a number, Enter to keep it")
        yield Label("", id="unit")

    def watch_spot(self, spot: Spot | None) -> None:
        if spot is None:
            return
        question, mine = spot.question, spot.mine
        typed = question.type == "number" or (
            question.type == "score" and not spot.digits_are_levels)
        field = self.query_one("#value", Input)
        if not typed and field.has_focus:
            self.screen.set_focus(None)
        self.display = typed
        self.query_one("#unit", Label).update(literal(question.unit or ""))
        raw = ""
        if mine is not None and mine.value is not None:
            raw = f"{mine.value:g}"
        elif mine is not None and mine.score is not None and question.type == "score":
            raw = str(mine.score)
        _show(field, raw)


class NoteRow(Horizontal):
    """"Note (i): [field]": why this score, what is missing."""

    spot: reactive[Spot | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield Label("Note (i):", id="note-label")
        yield AnswerField(id="note", placeholder="why this score; what is missing",
                          limit=max_length(Answer, "note"), what="A note")

    def watch_spot(self, spot: Spot | None) -> None:
        if spot is not None:
            mine = spot.mine
            _show(self.query_one("#note", Input), mine.note if mine else "")
