"""Scoring: one question for one vendor at a time, answered with a single key.

Everything a rater needs to score honestly is on one screen: the question and its guidance,
every anchored level (the chosen one marked in words, not only colour), the evidence to demand,
the question to ask the vendor and the vendor's own benchmark claims with who ran them. Other
raters' answers stay hidden until this rater has answered (blind scoring avoids anchoring).

A key changes the answer in memory and repaints only the parts of the screen that show it;
saving and re-scoring happen in the app's background workers. The keys that answer are
`scoring_answers.AnswerEntry`'s, the keys that move `scoring_moves.Navigation`'s; where the
rater is (a vendor and a question) is read through `Place`, as the panels read their `Spot`.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.reactive import var
from textual.widgets import Footer, Header

from checklist.tui.literal import clean
from checklist.tui.live import ChecklistScreen, narrow_below
from checklist.tui.screens.scoring_answers import AnswerEntry
from checklist.tui.screens.scoring_moves import Navigation
from checklist.tui.screens.scoring_resume import LeftOff
from checklist.tui.widgets.answer_fields import NoteRow, ValueRow
from checklist.tui.widgets.claims import ClaimsPanel
from checklist.tui.widgets.hint import Hint
from checklist.tui.widgets.levels import AnswerLine, EvidenceList, LevelPicker
from checklist.tui.widgets.proposal import ProposalPanel
from checklist.tui.widgets.question import Crumbs, GateLine, QuestionHeading, RubricNote
from checklist.tui.widgets.raters import OtherRaters
from checklist.tui.widgets.spot import Place, Spot
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
  **space** jumps to your next open question, **s** to the next answer whose evidence is
  stale (older than the rubric's freshness rule), across vendors.
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


class ScoringScreen(AnswerEntry, Navigation, LeftOff, Place, ChecklistScreen):
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
        Binding("s", "next_stale", "Next stale", show=False, id="scoring.next-stale"),
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

    def goto(self, vendor: str | None, index: int | None = None,
             section: str | None = None) -> None:
        """Shows a vendor (None keeps the current one) at a question (None: first open);
        with none of them, where the rater left off (`LeftOff`)."""
        if not self.vendors or not self.session.questions:
            self.query_one(QuestionHeading).update(
                "Nothing to score: this evaluation lists no vendors (add them to "
                "evaluation.yaml) or its rubric has no questions.")
            return
        if vendor is None and index is None and section is None:
            left_off = self._left_off()
            if left_off is not None:
                self.vendor_index, index = left_off
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
        self._place_shown()
        self.show_answer()
        self.refresh_bindings()
        self.query_one("#main", VerticalScroll).scroll_home(animate=False)
        self.query_one("#body").scroll_home(animate=False)

    def show_answer(self) -> None:
        """Repaints what depends on this rater's answer: cheap, runs on every key."""
        self.answered = Spot(self.session, self.vendor_index, self.index)

    # --- keys --------------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        self._key_time = event.time
        self.query_one(Hint).clear()

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

    def hint(self, message: str, *, warn: bool = True) -> None:
        """A warning about the last key, under the answer (see `Hint`)."""
        self.query_one(Hint).say(message, warn=warn)

    def on_screen_suspend(self) -> None:
        self.query_one(Hint).clear()
