"""Scoring: one question for one vendor at a time, answered with a single key.

Everything a rater needs to score honestly is on one screen: the question and its guidance,
every anchored level (the chosen one marked in words, not only colour), the evidence to demand,
the question to ask the vendor and the vendor's own benchmark claims with who ran them. Other
raters' answers stay hidden until this rater has answered (blind scoring avoids anchoring).

A key changes the answer in memory and repaints only the parts of the screen that show it;
saving and re-scoring happen in the app's background workers.
"""

from __future__ import annotations

import time
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.reactive import var
from textual.widgets import Footer, Header, Input

from checklist.model.answer_edit import Value, ValueProblem, parse_value
from checklist.model.common import CONFIDENCES
from checklist.model.evaluation import Vendor
from checklist.model.ratings import Answer, Evidence
from checklist.model.rubric import Question, Section
from checklist.tui.literal import clean
from checklist.tui.live import ChecklistScreen, narrow_below
from checklist.tui.messages import AnswerChanged
from checklist.tui.widgets.answer_fields import NoteRow, ValueRow
from checklist.tui.widgets.claims import ClaimsPanel
from checklist.tui.widgets.hint import Hint
from checklist.tui.widgets.levels import AnswerLine, EvidenceList, LevelPicker
from checklist.tui.widgets.proposal import ProposalPanel
from checklist.tui.widgets.question import Crumbs, GateLine, QuestionHeading, RubricNote
from checklist.tui.widgets.raters import OtherRaters
from checklist.tui.widgets.spot import Spot, digits_are_levels
from checklist.tui.widgets.status import StatusLine

HELP = """\
## Scoring

One question for one vendor. Read the anchors, then press the key of the level that fits the
evidence you have. **No evidence, no credit**: an open question counts as the scale minimum.

- **0-9** sets the score on the scale; for a choice question, the number of the choice;
  **y** / **n** answer a yes/no question; a number question takes a measured value
  (type the digits, Enter to keep it).
- **x** marks the question not applicable (only when the rubric allows it), **backspace**
  clears the answer.
- **a** takes the answer proposed from your own measurements (the bake-off, an imported
  results file), shown under your answer with its evidence; it never replaces an answer of
  your own.
- **i** writes a note, **e** adds evidence (URL or path and who produced it), **E** removes
  the last piece of evidence, **c** cycles your confidence (low, medium, high).
- **↓ / j** and **↑ / k** move between questions, **}** / **{** between sections,
  **space** jumps to your next open question.
- **]** / **[** move to the next / previous vendor on the *same* question, so you can
  calibrate one question across every vendor.
- Other raters' answers stay hidden until you have answered (blind scoring); then they are
  shown, with disagreements marked.
- Below 110 columns the panel with other raters, what to ask the vendor and the vendor's
  claims sits under the question: **o** jumps to it and back (**pgdn** / **pgup** scroll).
- A key that does not fit the question (a level off the scale, N/A where the rubric
  forbids it) is explained in a line under your answer, until the next key.
- Every answer is saved to `ratings/<you>.yaml` in the background within a second; the line
  above the keys says when. **Esc** goes back to the overview.
"""


class Pane(VerticalScroll, can_focus=False):
    """Scrolls with the mouse but never takes the arrow keys from question navigation."""


def _digit_bindings() -> list[BindingType]:
    return [
        Binding(str(n), f"digit({n})", "Answer", show=n == 0, key_display="0-9",
                id=f"scoring.digit-{n}")
        for n in range(10)
    ]


class ScoringScreen(ChecklistScreen):
    """Scores `vendor x question`; keys in BINDINGS, explained in HELP."""

    CSS_PATH = "scoring.tcss"
    HELP = HELP
    #: Keys belong to the screen until the rater asks for a field (i, e, a digit on a number).
    AUTO_FOCUS = ""
    HORIZONTAL_BREAKPOINTS = narrow_below(110)
    BINDINGS: ClassVar[list[BindingType]] = [
        *_digit_bindings(),
        # y, n and x are printed beside the levels they pick, so the footer leaves them out
        # (it has room for eight keys at 80 columns).
        Binding("y", "yes_no(True)", "Yes", show=False, id="scoring.yes"),
        Binding("n", "yes_no(False)", "No", show=False, id="scoring.no"),
        Binding("x", "na", "N/A", show=False, id="scoring.na"),
        Binding("backspace,delete", "clear", "Clear", show=False, id="scoring.clear"),
        Binding("down,j", "move(1)", "Next question", show=False, id="scoring.next"),
        Binding("up,k", "move(-1)", "Previous question", show=False,
                id="scoring.previous"),
        Binding("right_square_bracket", "vendor(1)", "Vendor", key_display="[ ]",
                id="scoring.next-vendor"),
        Binding("left_square_bracket", "vendor(-1)", "Prev vendor", show=False,
                id="scoring.previous-vendor"),
        Binding("right_curly_bracket", "section(1)", "Section", show=False,
                id="scoring.next-section"),
        Binding("left_curly_bracket", "section(-1)", "Prev section", show=False,
                id="scoring.previous-section"),
        Binding("space", "next_open", "Next open", show=False, id="scoring.next-open"),
        Binding("i", "note", "Note", id="scoring.note"),
        Binding("e", "evidence", "Evidence", id="scoring.evidence"),
        Binding("E", "drop_evidence", "Remove evidence", show=False,
                id="scoring.remove-evidence"),
        Binding("c", "confidence", "Confidence", id="scoring.confidence", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False, id="scoring.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="scoring.page-up"),
        Binding("o", "side", "More", id="scoring.side"),
        Binding("a", "accept_proposal", "Accept proposal", show=False,
                id="scoring.accept-proposal"),
        Binding("escape", "back", "Back", id="scoring.back"),
    ]

    #: Where the rater is: set on every move and reload; the question's panels follow it.
    spot: var[Spot | None] = var(None)
    #: The same place, set again on every change of the answer; the answer's panels follow.
    answered: var[Spot | None] = var(None)

    def __init__(self) -> None:
        super().__init__()
        self.vendor_index = 0
        self.index = 0
        self._key_time: float | None = None
        #: A digit began a typed value whose field may not have the focus yet.
        self._typing_value = False

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Crumbs(id="crumbs").data_bind(spot=ScoringScreen.answered)
        with Container(id="body"):
            with Pane(id="main"):
                yield QuestionHeading(id="question").data_bind(spot=ScoringScreen.spot)
                yield GateLine(id="gate").data_bind(spot=ScoringScreen.spot)
                yield LevelPicker(id="levels").data_bind(spot=ScoringScreen.answered)
                yield ValueRow(id="value-row").data_bind(spot=ScoringScreen.answered)
                yield AnswerLine(id="answer").data_bind(spot=ScoringScreen.answered)
                yield ProposalPanel(id="proposal").data_bind(spot=ScoringScreen.answered)
                yield Hint("", id="hint")
                yield NoteRow(id="note-row").data_bind(spot=ScoringScreen.answered)
                yield EvidenceList(id="evidence").data_bind(spot=ScoringScreen.answered)
                yield RubricNote("How to score it", lambda q: q.guidance, id="guidance",
                                 tooltip_from=lambda s: s.description,
                                 ).data_bind(spot=ScoringScreen.spot)
            with Pane(id="side"):
                yield OtherRaters(id="others").data_bind(spot=ScoringScreen.answered)
                yield RubricNote("Evidence to demand", lambda q: q.evidence, id="demand",
                                 ).data_bind(spot=ScoringScreen.spot)
                yield RubricNote("Ask the vendor", lambda q: q.ask_vendor, id="ask",
                                 ).data_bind(spot=ScoringScreen.spot)
                yield ClaimsPanel(id="claims").data_bind(spot=ScoringScreen.spot)
        yield StatusLine()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = clean(self.session.workspace.evaluation.title)
        self.goto(None, None)

    # --- where we are ---------------------------------------------------------------------

    @property
    def vendors(self) -> list[Vendor]:
        return self.session.workspace.evaluation.vendors

    @property
    def vendor(self) -> Vendor:
        return self.vendors[self.vendor_index]

    @property
    def section(self) -> Section:
        return self.session.questions[self.index][0]

    @property
    def question(self) -> Question:
        return self.session.questions[self.index][1]

    @property
    def mine(self) -> Answer | None:
        return self.session.answer(self.vendor.id, self.question.id)

    def goto(self, vendor: str | None, index: int | None = None,
             section: str | None = None) -> None:
        """Shows a vendor (None keeps the current one) at a question (None: first open)."""
        if not self.vendors or not self.session.questions:
            self.query_one(QuestionHeading).update(
                "Nothing to score: this evaluation lists no vendors (add them to "
                "evaluation.yaml) or its rubric has no questions.")
            return
        if vendor is not None:
            ids = [v.id for v in self.vendors]
            if vendor in ids:
                self.vendor_index = ids.index(vendor)
        if index is None:
            index = self.session.first_open(self.vendor.id, section)
        self.index = max(0, min(index, len(self.session.questions) - 1))
        self.show_question()

    def refresh_view(self) -> None:
        self.show_question()

    # --- painting -------------------------------------------------------------------------

    def show_question(self) -> None:
        """Repaints everything that depends on the question or the vendor."""
        self._typing_value = False
        self.spot = Spot(self.session, self.vendor_index, self.index)
        self.show_answer()
        self.refresh_bindings()
        self.query_one("#main", VerticalScroll).scroll_home(animate=False)
        self.query_one("#body").scroll_home(animate=False)

    def show_answer(self) -> None:
        """Repaints what depends on this rater's answer: cheap, runs on every key."""
        self.answered = Spot(self.session, self.vendor_index, self.index)

    # --- answering ------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        self._key_time = event.time
        self.query_one(Hint).clear()

    def _answer(self) -> Answer:
        """This rater's answer as it stands, to change through `Answer`'s own methods."""
        mine = self.mine
        return mine if mine is not None else Answer()

    def _set_value(self, value: Value | None) -> None:
        """Replaces the value (None clears it); the note, evidence and confidence stay."""
        self._change(self._answer().with_value(value))

    def _change(self, answer: Answer, *, repaint: bool = True) -> None:
        """Puts this rater's changed answer in the session, which saves it in the background.
        `repaint=False` when nothing on screen but the changed field shows the change."""
        if self.session.read_only is not None:
            self.notify(f"Not changed: {self.session.read_only}", title="Read-only",
                        severity="warning")
            self.show_answer()
            return
        self.session.set(self.vendor.id, self.question.id, answer)
        self.post_message(AnswerChanged(self.vendor.id, self.question.id))
        if repaint:
            self.show_answer()
        self._measure()

    def _measure(self) -> None:
        latencies = self.checklist.latencies
        started = self._key_time
        if latencies is None or started is None:
            return
        self._key_time = None
        self.call_after_refresh(lambda: latencies.append(time.monotonic() - started))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Shows only the keys that apply to this question in the footer."""
        if not self.is_mounted:
            return True
        if not self.vendors or not self.session.questions:
            return action == "back"  # nothing to score: an evaluation edited down to nothing
        kind = self.question.type
        if action == "yes_no":
            return kind == "yes_no"
        if action == "na":
            return self.question.allow_na
        if action == "side":
            return self.has_class("-narrow")  # side by side when wide: nothing to toggle
        return True

    def action_digit(self, n: int) -> None:
        question = self.question
        scale = self.session.workspace.rubric.scale
        if question.type == "choice":
            if 1 <= n <= len(question.choices):
                self._set_value(Value("choice", question.choices[n - 1].id))
            else:
                self.hint(f"Choose 1 to {len(question.choices)}.")
        elif question.type == "yes_no":
            if n in (0, 1):
                self._set_value(Value("answer", bool(n)))
            else:
                self.hint("Press y (or 1) for yes, n (or 0) for no.")
        elif question.type == "number" or not digits_are_levels(scale):
            self._type_digit(n)
        elif scale.min <= n <= scale.max:
            self._set_value(Value("score", n))
        else:
            self.hint(f"The scale runs {scale.min} to {scale.max}.")

    def _type_digit(self, n: int) -> None:
        """Starts a typed value with the digit, or continues it: the focus moves to the
        field after the keys already queued, so a fast rater's next digits still come here
        and must be appended, not start the number again (issue 20: 95 typed fast kept 5)."""
        value = self.query_one("#value", Input)
        if self._typing_value:
            value.insert_text_at_cursor(str(n))
        else:
            value.value = str(n)
            value.cursor_position = len(value.value)
            self._typing_value = True
        value.focus()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.id == "value":
            self._typing_value = False  # the next digit on the screen starts a new value

    def action_yes_no(self, value: bool) -> None:
        if self.question.type == "yes_no":
            self._set_value(Value("answer", value))

    def action_na(self) -> None:
        if not self.question.allow_na:
            self.hint("The rubric does not allow N/A here: every vendor must answer it.")
            return
        self._set_value(Value.na())

    def action_clear(self) -> None:
        if self.mine is not None:
            self._set_value(None)

    def action_confidence(self) -> None:
        mine = self.mine
        current = mine.confidence if mine else None
        order = [None, *CONFIDENCES]
        self._change(self._answer().merged(
            confidence=order[(order.index(current) + 1) % len(order)]))

    @on(Input.Submitted, "#value")
    def value_submitted(self, event: Input.Submitted) -> None:
        self._take_value(event.value)
        self.set_focus(None)

    def _take_value(self, raw: str) -> None:
        """A typed value, read as every front end reads one (`parse_value`); an empty field
        changes nothing."""
        if not raw.strip():
            return
        try:
            value = parse_value(self.question, self.session.workspace.rubric.scale, raw)
        except ValueProblem as problem:
            self.hint(f"{problem}.")
            return
        self._set_value(value)

    @on(Input.Changed, "#note")
    def note_changed(self, event: Input.Changed) -> None:
        """Each key in the note updates the answer in memory (the save follows within a
        second) and repaints nothing else: the note shows only in its field, and repainting
        the whole answer on every key made a long unbracketed paste take minutes."""
        mine = self.mine
        if (mine.note if mine else "") != event.value:
            self._change(self._answer().merged(note=event.value), repaint=False)

    @on(Input.Submitted, "#note")
    def note_submitted(self) -> None:
        self.set_focus(None)

    def action_note(self) -> None:
        self.query_one("#note", Input).focus()

    def action_evidence(self) -> None:
        from checklist.tui.screens.dialogs import EvidenceDialog

        vendor, index = self.vendor.id, self.index

        def added(item: Evidence | None) -> None:
            if item is None:
                return
            self.goto(vendor, index)
            mine = self.mine
            evidence = [e for e in (mine.evidence if mine else []) if e.url != item.url]
            self._change(self._answer().merged(evidence=[*evidence, item]))

        self.app.push_screen(EvidenceDialog(self.checklist.today()), added)

    def action_accept_proposal(self) -> None:
        """Takes the proposed answer shown (`ProposalPanel`); never over the rater's own."""
        if self.answered is None:
            return
        answer, why = self.query_one(ProposalPanel).to_accept(self.answered)
        if answer is None:
            self.hint(why)
        else:
            self._change(answer)

    def action_drop_evidence(self) -> None:
        mine = self.mine
        if mine is None or not mine.evidence:
            self.hint("No evidence to remove.")
            return
        dropped = mine.evidence[-1]
        self._change(mine.merged(evidence=mine.evidence[:-1]))
        self.hint(f"Removed {dropped.url}", warn=False)

    # --- moving ---------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self._leave_inputs()
        self.goto(None, (self.index + step) % len(self.session.questions))

    def action_vendor(self, step: int) -> None:
        self._leave_inputs()
        self.vendor_index = (self.vendor_index + step) % len(self.vendors)
        self.goto(None, self.index)

    def action_section(self, step: int) -> None:
        self._leave_inputs()
        sections = [s.id for s in self.session.workspace.rubric.sections]
        target = sections[(sections.index(self.section.id) + step) % len(sections)]
        first = next(i for i, (s, _) in enumerate(self.session.questions) if s.id == target)
        self.goto(None, first)

    def action_next_open(self) -> None:
        self._leave_inputs()
        session, vendor = self.session, self.vendor.id
        total = len(session.questions)
        for step in range(1, total + 1):
            index = (self.index + step) % total
            if not session.answered(vendor, session.questions[index][1].id):
                self.goto(None, index)
                return
        self.hint(f"You have answered every question for {self.vendor.name}.", warn=False)

    def action_page(self, step: int) -> None:
        target = self.query_one("#body" if self.has_class("-narrow") else "#main")
        if step > 0:
            target.scroll_page_down()
        else:
            target.scroll_page_up()

    def action_side(self) -> None:
        """Narrow terminals stack the side panel below the question: jump there and back."""
        body = self.query_one("#body")
        target = min(self.query_one("#side").virtual_region.y, body.max_scroll_y)
        if body.scroll_y < target:
            body.scroll_to(y=target, animate=False)
        else:
            body.scroll_home(animate=False)

    def hint(self, message: str, *, warn: bool = True) -> None:
        """A warning about the last key, under the answer (see `Hint`)."""
        self.query_one(Hint).say(message, warn=warn)

    def on_screen_suspend(self) -> None:
        self.query_one(Hint).clear()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self._leave_inputs()
            return
        self.app.switch_mode("overview")

    def _leave_inputs(self) -> None:
        focused = self.focused
        if isinstance(focused, Input):
            if focused.id == "value":
                self._take_value(focused.value)
            self.set_focus(None)
