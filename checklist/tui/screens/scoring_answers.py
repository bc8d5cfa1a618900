"""The scoring screen's keys that change this rater's answer: a level, yes/no, a choice, a
typed value, N/A, clear, confidence, the note and the evidence.

Each change goes to the session at once (which saves it in the background) and repaints only
the panels that show the answer. A mixin of `ScoringScreen`.
"""

from __future__ import annotations

import time

from textual import events
from textual.widgets import Input

from checklist.model.answer_edit import Value, ValueProblem, parse_value
from checklist.model.common import CONFIDENCES
from checklist.model.ratings import Answer, Evidence
from checklist.tui.messages import AnswerChanged
from checklist.tui.screens.scoring_base import ScoringBase
from checklist.tui.widgets.spot import digits_are_levels


class AnswerEntry(ScoringBase):
    """Answering: every action here changes the answer at the screen's place."""

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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the value field keeps the value; in either field, gives the keys back."""
        if event.input.id == "value":
            self._take_value(event.value)
        if event.input.id in ("value", "note"):
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

    def on_input_changed(self, event: Input.Changed) -> None:
        """Each key in the note updates the answer in memory (the save follows within a
        second) and repaints nothing else: the note shows only in its field, and repainting
        the whole answer on every key made a long unbracketed paste take minutes."""
        if event.input.id != "note":
            return
        mine = self.mine
        if (mine.note if mine else "") != event.value:
            self._change(self._answer().merged(note=event.value), repaint=False)

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
        from checklist.tui.widgets.proposal import ProposalPanel

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
