"""The evaluation: the decision's title, facts, background, people, context and due date.

Each field is saved when Enter is pressed or the field is left; a context flag is changed
only after a dialog has shown which gates, questions and sections it switches on or off and
which vendors' verdicts change (`checklist.scoring.context_change`, as `checklist context`
shows it). Saving follows the rules answers have (`checklist.tui.record_save`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, Footer, Header, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from checklist.files.evaluation_save import Edit
from checklist.files.folder import Workspace
from checklist.model import evaluation_edit as edits
from checklist.model.evaluation import Evaluation, Person
from checklist.model.limits import max_length
from checklist.scoring.scorecard import context_values
from checklist.tui.literal import literal, markup
from checklist.tui.live import narrow_below
from checklist.tui.record_edit import RecordEdit
from checklist.tui.record_screen import FieldEdit, RecordScreen
from checklist.tui.widgets.form_field import FormField

HELP = """\
## Evaluation

What the memo and the questions to vendors say about the decision itself. A field is saved
when you press **Enter** or leave it (Tab, a click); the background (plain text, shown as
written) when you leave it.

- **People**: **a** adds a decision maker with a role (driver, approver, contributor,
  informed), **Enter** on one changes it, **d** removes the highlighted one.
- **Context**: ticking or unticking a flag (Space) first shows which gates, questions and
  sections it switches on or off and whose verdict changes; it is saved only if you confirm.
- **Esc** goes back to the overview.

If someone else changed the same field meanwhile, you are asked whether to keep yours or use
theirs; their changes to anything else are kept.
"""

#: The one-line fields, with their labels (the rubric's `{evaluation.…}` named fields).
FIELDS: dict[str, str] = {
    "title": "Title", "owner": "Owner", "due": "Due date", "buyer": "Buyer",
    "use_case": "Use case", "settings": "Settings", "volume": "Volume",
    "currency": "Currency", "term": "Term", "acceptance_criteria": "Acceptance",
    "must_haves": "Must-haves",
}
_PLACEHOLDERS = {
    "due": "YYYY-MM-DD", "buyer": "our legal entity and where it is incorporated",
    "use_case": "what we will use it for", "settings": "e.g. 1080p, 15 s, with audio",
    "volume": "average and peak use", "currency": "e.g. USD", "term": "e.g. 18 months",
    "acceptance_criteria": "what a vendor must show for us to buy",
    "must_haves": "features or controls we cannot do without",
}


#: An edit, the person's value in words (for the conflict dialog), what to do if refused.


def _label(key: str) -> str:
    return FIELDS.get(key, key.replace("_", " ").capitalize())


def _text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def flag_label(text: str, value: bool) -> Any:
    """The state first, in words (never colour alone), then the flag's text."""
    return literal(f"{'yes' if value else 'no '} · {text}")


class EvaluationScreen(RecordScreen):
    """The decision's own fields, its people and its context flags."""

    CSS_PATH = "evaluation.tcss"
    #: Below 110 columns the footer keeps the screen's own keys and drops F2-F5 (F1 lists them).
    HORIZONTAL_BREAKPOINTS = narrow_below(110)
    HELP = HELP
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_person", "Add person", id="evaluation.person-add"),
        Binding("d", "remove_person", "Remove person", id="evaluation.person-remove"),
        Binding("escape", "back", "Back", id="evaluation.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: Each field as last shown from the file: what an edit is based on.
        self.shown: dict[str, str] = {}

    @property
    def evaluation(self) -> Evaluation:
        return self.session.workspace.evaluation

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="evaluation-notice")
        with VerticalScroll(id="evaluation-form", can_focus=False):
            for key, text in FIELDS.items():
                yield Horizontal(
                    Label(literal(text), classes="field-label"),
                    FormField(id=f"evaluation-{key}", what=text,
                              placeholder=_PLACEHOLDERS.get(key, ""),
                              limit=max_length(Evaluation, key) if key != "due" else 40),
                    classes="field-row")
            yield Label("[b]Background[/b] (plain text; saved when you leave it)")
            yield TextArea(id="background", soft_wrap=True)
            yield Label("[b]People[/b] · a add · Enter change · d remove")
            yield OptionList(id="people")
            yield Label("[b]Context[/b]: what holds for this purchase (Space changes a flag)")
            yield Vertical(id="context")
        yield Footer()

    async def on_mount(self) -> None:
        self.sub_title = "Evaluation"
        rubric = self.session.workspace.rubric
        await self.query_one("#context", Vertical).mount_all(
            Checkbox(flag_label(flag.text, False), False, id=f"flag-{flag.id}",
                     name=flag.id) for flag in rubric.context)
        self.refresh_view()
        self.query_one("#evaluation-title", Input).focus()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        """The fields as the session has them; a field being edited keeps the text typed."""
        evaluation = self.evaluation
        read_only = self.session.read_only
        notice = self.query_one("#evaluation-notice", Static)
        notice.display = read_only is not None
        if read_only is not None:
            notice.update(markup("[b]Read-only[/b]: $why", why=read_only))
        locked = read_only is not None
        for key in FIELDS:
            value = _text(getattr(evaluation, key))
            field = self.query_one(f"#evaluation-{key}", Input)
            if field.value == self.shown.get(key, ""):
                with field.prevent(Input.Changed):
                    field.value = value
            field.disabled = locked
            self.shown[key] = value
        area = self.query_one("#background", TextArea)
        if area.text == self.shown.get("background", ""):
            area.load_text(evaluation.background)
        area.read_only = locked
        self.shown["background"] = evaluation.background
        people = self.query_one("#people", OptionList)
        highlighted = people.highlighted
        people.clear_options()
        people.add_options([Option(literal(p.display())) for p in evaluation.decision_makers]
                           or [Option(literal("(nobody named yet: press a)"), disabled=True)])
        if evaluation.decision_makers:
            people.highlighted = min(highlighted or 0, len(evaluation.decision_makers) - 1)
        rubric = self.session.workspace.rubric
        values = context_values(evaluation, rubric)
        for flag in rubric.context:
            box = self.query_one(f"#flag-{flag.id}", Checkbox)
            with box.prevent(Checkbox.Changed):
                box.value = values.get(flag.id, flag.default)
            box.label = flag_label(flag.text, box.value)
            box.disabled = locked

    # --- fields ---------------------------------------------------------------------------

    @on(Input.Submitted, ".field-row Input")
    def _submitted(self, event: Input.Submitted) -> None:
        self._save_field(event.input)  # the field has moved the focus on already

    def on_descendant_blur(self, event: Any) -> None:
        widget = event.widget
        if isinstance(widget, Input) and (widget.id or "").startswith("evaluation-"):
            self._save_field(widget)
        elif isinstance(widget, TextArea):
            self._save_value("background", widget.text)

    def _field_edit(self, widget: object) -> FieldEdit | None:
        if isinstance(widget, TextArea):
            return self._value_edit("background", widget.text)
        if not isinstance(widget, Input):
            return None
        key = (widget.id or "").removeprefix("evaluation-")
        return self._value_edit(key, widget.value.strip()) if key in FIELDS else None

    def _save_value(self, key: str, value: str) -> None:
        edit = self._value_edit(key, value)
        if edit is not None:
            self._save(*edit)

    def _value_edit(self, key: str, value: str) -> FieldEdit | None:
        """The edit of one field, if its text changed since it was shown."""
        seen = self.shown.get(key, "")
        if value == seen:
            return None
        self.shown[key] = value

        def apply(w: Workspace) -> Edit:
            given: object = (value or None) if key == "due" else value
            return Edit(edits.set_fields(w.evaluation, {key: given}, label=_label))

        return (RecordEdit(f"the {_label(key).lower()}", lambda e: _text(getattr(e, key)),
                           seen, apply), value or "(empty)",
                lambda: self.shown.__setitem__(key, seen))

    # --- people ---------------------------------------------------------------------------

    def _person(self) -> Person | None:
        people = self.evaluation.decision_makers
        index = self.query_one("#people", OptionList).highlighted
        return people[index] if index is not None and index < len(people) else None

    def action_add_person(self) -> None:
        self._ask_person(None)

    @on(OptionList.OptionSelected, "#people")
    def _change_person(self) -> None:
        person = self._person()
        if person is not None:
            self._ask_person(person)

    def _ask_person(self, before: Person | None) -> None:
        from checklist.tui.screens.record_dialogs import PersonDialog

        def chosen(person: Person | None) -> None:
            if person is None or person == before:
                return
            name = before.name if before else person.name

            def apply(w: Workspace) -> Edit:
                evaluation = w.evaluation
                if before is not None and before.name.casefold() != person.name.casefold():
                    evaluation = edits.remove_person(evaluation, before.name)
                return Edit(edits.set_person(evaluation, person.name, person.role,
                                             label=lambda k: k.capitalize()))

            self._save(RecordEdit(f"decision maker {name}", lambda e: _named(e, name),
                                  before or _named(self.evaluation, name), apply),
                       person.display())

        title = "Change decision maker" if before else "Add a decision maker"
        self.app.push_screen(PersonDialog(title, before), chosen)

    def action_remove_person(self) -> None:
        person = self._person()
        if person is None:
            return
        name = person.name

        def apply(w: Workspace) -> Edit:
            return Edit(edits.remove_person(w.evaluation, name))

        self._save(RecordEdit(f"decision maker {name}", lambda e: _named(e, name), person,
                              apply), "removed")

    # --- context --------------------------------------------------------------------------

    @on(Checkbox.Changed, "#context Checkbox")
    def _flag_changed(self, event: Checkbox.Changed) -> None:
        from checklist.scoring.context_change import context_change
        from checklist.tui.screens.dialogs import ConfirmDialog

        box = event.checkbox
        fid, value = box.name or "", event.value
        session = self.session
        workspace = session.workspace
        change = context_change(workspace.evaluation, workspace.rubric,
                                session.ratings_for_scoring(), {fid: value})
        seen = context_values(workspace.evaluation, workspace.rubric).get(fid)
        flag = next(f for f in workspace.rubric.context if f.id == fid)

        def chosen(yes: bool | None) -> None:
            if not yes:
                self.refresh_view()
                return

            def apply(w: Workspace) -> Edit:
                return Edit(edits.set_context(w.evaluation, {fid: value}))

            self._save(RecordEdit(f"the context flag '{fid}'",
                                  lambda e: context_values(e, workspace.rubric).get(fid),
                                  seen, apply), "yes" if value else "no")

        text = "\n".join([flag.text, "", *change.lines()])
        self.app.push_screen(ConfirmDialog("Change the context?", text,
                                           yes="Change it", no="Keep it"), chosen)

    # --- saving ---------------------------------------------------------------------------


def _named(evaluation: Evaluation, name: str) -> Person | None:
    return next((p for p in evaluation.decision_makers
                 if p.name.casefold() == name.casefold()), None)

