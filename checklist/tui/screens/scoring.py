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
from textual.containers import Container, Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, Label, Static

from checklist import numbers
from checklist.model.answer_edit import Value, ValueProblem, parse_value
from checklist.model.common import CONFIDENCES, GRADE_LABELS
from checklist.model.evaluation import Vendor
from checklist.model.limits import max_length
from checklist.model.ratings import Answer, Evidence
from checklist.model.rubric import Question, Section
from checklist.scoring.values import number_to_level
from checklist.tui.literal import clean, lines, literal, markup
from checklist.tui.live import ChecklistScreen, narrow_below
from checklist.tui.messages import AnswerChanged
from checklist.tui.text import answer_text, evidence_text, gates_text
from checklist.tui.widgets.fields import Field
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


def _headed(heading: str, text: str) -> Content:
    """A bold heading over a text from the rubric; nothing when the rubric says nothing."""
    text = text.strip()
    return markup(f"[b]{heading}[/b]\n$text", text=text) if text else Content()


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
        Binding("escape", "back", "Back", id="scoring.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.vendor_index = 0
        self.index = 0
        self._key_time: float | None = None

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="crumbs")
        with Container(id="body"):
            with Pane(id="main"):
                yield Static(id="question")
                yield Static(id="gate")
                yield Static(id="levels")
                with Horizontal(id="value-row"):
                    yield Label("Value:", id="value-label")
                    yield Field(id="value", placeholder="type a number, Enter to keep it",
                                select_on_focus=False)
                    yield Label("", id="unit")
                yield Static(id="answer")
                yield Static("", id="hint")
                with Horizontal(id="note-row"):
                    yield Label("Note (i):", id="note-label")
                    yield Field(id="note", placeholder="why this score; what is missing",
                                limit=max_length(Answer, "note"), what="A note")
                yield Static(id="evidence")
                yield Static(id="guidance")
            with Pane(id="side"):
                yield Static(id="others")
                yield Static(id="demand")
                yield Static(id="ask")
                yield Static(id="claims")
        yield StatusLine()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = clean(self.session.workspace.evaluation.title)
        self.watch(self.app, "scorecard", self._card_changed, init=False)
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
            self.query_one("#question", Static).update(
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
        question, section = self.question, self.section
        rubric = self.session.workspace.rubric
        self.query_one("#question", Static).update(markup(
            f"[b]$text[/b]  [dim]($id, {question.type.replace('_', '/')}, "
            f"weight {question.weight:g})[/dim]", text=question.text.strip(), id=question.id,
        ))
        gate = question.gate
        gate_line = ""
        if gate is not None:
            when = f" when {gate.when}" if gate.when else ""
            reason = f": {gate.reason.strip()}" if gate.reason else ""
            gate_line = (f"GATE: below {numbers.label(gate.min, rubric.scale)} the vendor is "
                         f"no-go{when}{reason}")
        self._set("#gate", literal(gate_line))
        self._set("#guidance", _headed("How to score it", question.guidance))
        self._set("#demand", _headed("Evidence to demand", question.evidence))
        self._set("#ask", _headed("Ask the vendor", question.ask_vendor))
        self._set("#claims", self._claims_content(self.vendor))
        needs_value = question.type == "number" or (
            question.type == "score" and not self._digits_are_levels()
        )
        row = self.query_one("#value-row")
        if not needs_value and self.focused is self.query_one("#value", Input):
            self.set_focus(None)
        row.display = needs_value
        self.query_one("#unit", Label).update(literal(question.unit or ""))
        if section.description:
            self.query_one("#guidance", Static).tooltip = literal(section.description)
        self.show_answer()
        self.refresh_bindings()
        self.query_one("#main", VerticalScroll).scroll_home(animate=False)
        self.query_one("#body").scroll_home(animate=False)

    def show_answer(self) -> None:
        """Repaints what depends on this rater's answer: cheap, runs on every key."""
        mine = self.mine
        rubric = self.session.workspace.rubric
        question = self.question
        self.query_one("#levels", Static).update(self._levels_content(question, mine))
        confidence = mine.confidence if mine and mine.confidence else "not set"
        if mine is not None and mine.is_answered:
            answer = markup("[b]Your answer: $answer[/b] · confidence: $confidence (c)",
                            answer=answer_text(mine, question, rubric), confidence=confidence)
        else:
            answer = markup("[b]Not answered[/b]: $keys · confidence: $confidence (c)",
                            keys=self._keys_hint(question), confidence=confidence)
        self.query_one("#answer", Static).update(answer)
        note = mine.note if mine else ""
        note_input = self.query_one("#note", Input)
        if note_input.value != note and not note_input.has_focus:
            with note_input.prevent(Input.Changed):
                note_input.value = note
        value_input = self.query_one("#value", Input)
        if not value_input.has_focus:
            raw = ""
            if mine is not None and mine.value is not None:
                raw = f"{mine.value:g}"
            elif mine is not None and mine.score is not None and question.type == "score":
                raw = str(mine.score)
            with value_input.prevent(Input.Changed):
                value_input.value = raw
        evidence = mine.evidence if mine else []
        if evidence:
            self._set("#evidence", lines([
                markup("[b]Your evidence[/b] (e add, E remove last)"),
                *(markup(f"{i}. $item", item=evidence_text(e))
                  for i, e in enumerate(evidence, 1)),
            ]))
        else:
            self._set("#evidence", markup("[b]Your evidence[/b]: none yet (e to add)"))
        self._set("#others", self._others_content())
        self._show_crumbs()

    def _show_crumbs(self) -> None:
        session, vendor = self.session, self.vendor
        done, total = session.progress(vendor.id)
        rows = [markup(f"[b]$name[/b] ({self.vendor_index + 1}/{len(self.vendors)})"
                       f" · Q {self.index + 1}/{len(session.questions)}"
                       f" · you answered {done}/{total}"
                       f" · $section ({self.section.axis})",
                       name=vendor.name, section=self.section.title)]
        card = self.checklist.scorecard
        result = card.vendor(vendor.id) if card else None
        if result is not None:
            rows.append(markup(f"$name: $verdict · overall {numbers.score(result.score)} · "
                               f"claims {numbers.score(result.claims)} · readiness "
                               f"{numbers.score(result.readiness)} · $gates",
                               name=vendor.name, verdict=result.verdict_label,
                               gates=gates_text(result)))
        self.query_one("#crumbs", Static).update(lines(rows))

    def _card_changed(self, _card: object) -> None:
        if self.is_current:
            self._show_crumbs()

    def _set(self, selector: str, content: Content) -> None:
        widget = self.query_one(selector, Static)
        widget.update(content)
        widget.display = bool(content)

    def _digits_are_levels(self) -> bool:
        scale = self.session.workspace.rubric.scale
        return scale.min >= 0 and scale.max <= 9

    def _keys_hint(self, question: Question) -> str:
        scale = self.session.workspace.rubric.scale
        na = ", x for N/A" if question.allow_na else ""
        if question.type == "yes_no":
            return f"press y or n{na}"
        if question.type == "choice":
            return f"press 1-{len(question.choices)} for a choice{na}"
        if question.type == "number":
            unit = f" in {question.unit}" if question.unit else ""
            return f"type the measured value{unit}, Enter to keep it{na}"
        if self._digits_are_levels():
            return f"press {scale.min}-{scale.max}{na}"
        return f"type a score {scale.min}..{scale.max}, Enter to keep it{na}"

    def _levels_content(self, question: Question, mine: Answer | None) -> Content:
        """Every level with what it means; the chosen one marked with ● and in words."""
        rubric = self.session.workspace.rubric
        scale = rubric.scale
        rows: list[tuple[str, str, str, bool]] = []  # key, text, action, chosen
        answered = mine is not None and mine.is_answered and not mine.na
        if question.type == "yes_no":
            chosen = mine.answer if answered and mine is not None else None
            for key, value, level in (("y", True, scale.max), ("n", False, scale.min)):
                anchor = question.anchors.get(level, "").strip()
                text = f"{'yes' if value else 'no'} = {numbers.label(level, scale)}"
                rows.append((key, f"{text}{': ' + anchor if anchor else ''}",
                             f"yes_no({value})", chosen is value))
        elif question.type == "choice":
            chosen_id = mine.choice if answered and mine is not None else None
            for n, choice in enumerate(question.choices, 1):
                rows.append((str(n), f"{choice.label} = {numbers.label(choice.score, scale)}",
                             f"digit({n})", chosen_id == choice.id))
        elif question.type == "number":
            reached = (number_to_level(question, mine.value, scale)
                       if answered and mine is not None and mine.value is not None else None)
            sign = "≥" if question.better == "higher" else "≤"
            unit = f" {question.unit}" if question.unit else ""
            for level in sorted(question.thresholds, reverse=True):
                limit = question.thresholds[level]
                rows.append(("", f"{numbers.label(level, scale)}: {sign} {limit:g}{unit}", "",
                             reached == level))
            below = "below" if question.better == "higher" else "above"
            worst = min(question.thresholds, key=lambda lv: lv) if question.thresholds else None
            if worst is not None and scale.min not in question.thresholds:
                rows.append(("", f"{numbers.label(scale.min, scale)}: {below} "
                             f"{question.thresholds[worst]:g}{unit}", "", reached == scale.min))
        else:
            chosen_level = mine.score if answered and mine is not None else None
            levels = list(scale.levels())
            if len(levels) > 12:  # a wide scale: only the anchored levels
                levels = sorted(question.anchors) or [scale.min, scale.max]
            digits = self._digits_are_levels()
            for level in levels:
                anchor = question.anchors.get(level, "").strip()
                label = scale.labels.get(level, "")
                text = (label if digits else numbers.label(level, scale)) or ""
                text = f"{text}: {anchor}" if text and anchor else (text or anchor)
                rows.append((str(level) if digits else "", text,
                             f"digit({level})" if digits else "", chosen_level == level))
        shown = []
        for key, text, action, chosen in rows:
            mark = "●" if chosen else "○"
            label = f"{key:>2} " if key else "   "
            body = markup(f"{mark}{label}$text", text=text)
            if action:
                body = body.stylize(f"@click=screen.{action}")
            if chosen:
                body = Content.assemble(body.stylize("b reverse"), "  ← your answer")
            shown.append(body)
        if mine is not None and mine.na:
            shown.append(markup("[b reverse]●  N/A: not applicable[/]  ← your answer"))
        elif question.allow_na:
            shown.append(markup("[@click=screen.na]○ x N/A: not applicable[/]"))
        return lines(shown)

    def _others_content(self) -> Content:
        session, vendor, question = self.session, self.vendor, self.question
        rubric = session.workspace.rubric
        others = session.others(vendor.id, question.id)
        if not others:
            return markup("[b]Other raters[/b]: no answers yet")
        if not session.answered(vendor.id, question.id):
            return markup(f"[b]Other raters[/b]: {len(others)} answered · hidden until you "
                          "answer (blind scoring)")
        rows = [markup("[b]Other raters[/b]")]
        for name, answer in others:
            rows.append(markup("  $name: $answer$note", name=name,
                               answer=answer_text(answer, question, rubric),
                               note=f" · {answer.note[:80]}" if answer.note else ""))
        result = session.result(vendor.id, self.index)
        threshold = rubric.policy.disagreement
        if result.disagreement:
            rows.append(markup(f"  [b]DISAGREEMENT[/b]: spread {numbers.number(result.spread)} "
                               f"(≥ {numbers.number(threshold)}) or N/A against a score: "
                               "discuss before deciding"))
        else:
            rows.append(markup(f"  raters agree (spread {numbers.number(result.spread)} < "
                               f"{numbers.number(threshold)})"))
        return lines(rows)

    def _claims_content(self, vendor: Vendor) -> Content:
        if not vendor.claims:
            return markup("[b]${name}'s benchmark claims[/b]: none recorded", name=vendor.name)
        rows = [markup("[b]${name}'s benchmark claims[/b]", name=vendor.name)]
        for claim in vendor.claims:
            rows.append(markup("• $text", text=claim.text.strip()))
            bits = []
            if claim.metric or claim.value != "":
                value = claim.value if isinstance(claim.value, str) else f"{claim.value:g}"
                bits.append(f"{claim.metric} {value}".strip())
            if claim.task:
                bits.append(f"task: {claim.task}")
            bits.append(f"run by: {claim.run_by or 'not stated'}")
            bits.append(GRADE_LABELS.get(claim.grade, claim.grade))
            if claim.date:
                bits.append(claim.date.isoformat())
            if claim.source:
                bits.append(claim.source)
            rows.append(markup("  [dim]$bits[/dim]", bits=" · ".join(bits)))
        return lines(rows)

    # --- answering ------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        self._key_time = event.time
        self._clear_hint()

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
        elif question.type == "number" or not self._digits_are_levels():
            value = self.query_one("#value", Input)
            value.focus()
            value.value = str(n)
            value.cursor_position = len(value.value)
        elif scale.min <= n <= scale.max:
            self._set_value(Value("score", n))
        else:
            self.hint(f"The scale runs {scale.min} to {scale.max}.")

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
        """A warning about the last key, under the answer: it belongs to this question and
        goes with the next key or question (a notification would outlive the screen)."""
        widget = self.query_one("#hint", Static)
        widget.update(markup("⚠ $message" if warn else "$message", message=message))
        widget.display = True

    def _clear_hint(self) -> None:
        widget = self.query_one("#hint", Static)
        if widget.display:
            widget.update(Content())
            widget.display = False

    def on_screen_suspend(self) -> None:
        self._clear_hint()

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
