"""The scoring screen's keys that move: to another question, section or vendor, to the next
open question, and between the question and the side panel. A mixin of `ScoringScreen`.

A move first keeps a value typed but not entered yet (`_leave_inputs`), so no key loses it.
"""

from __future__ import annotations

from textual.widgets import Input

from checklist.scoring import Scorecard
from checklist.tui.screens.scoring_base import ScoringBase
from checklist.tui.session import Session


def next_stale(session: Session, vendor_index: int, index: int,
               card: Scorecard | None = None) -> tuple[int, int] | None:
    """(vendor index, question index) of the first stale answer after the given place, in
    vendor then question order and round to the place itself; None when nothing is stale.
    Stale as the scoring screen marks it (the answers of every rater, aggregated).

    The app's latest scorecard, when given, picks the candidates (a look-up each, where
    working every place out again took 0.4 s at 20 vendors x 100 questions); each candidate
    is confirmed against the answers as they are now, since the scorecard may lag a key."""
    if session.workspace.rubric.policy.freshness.is_empty:
        return None  # no freshness rules: nothing ever goes stale
    vendors = session.workspace.evaluation.vendors
    total = len(session.questions)
    places = len(vendors) * total
    start = vendor_index * total + index
    for step in range(1, places + 1):
        v, q = divmod((start + step) % places, total)
        if card is not None:
            result = card.vendor(vendors[v].id)
            scored = result.questions.get(session.questions[q][1].id) if result else None
            if scored is not None and not scored.stale:
                continue
        if session.result(vendors[v].id, q).stale:
            return v, q
    return None


class Navigation(ScoringBase):
    """Moving: every action here changes the screen's place, never an answer."""

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

    def action_next_stale(self) -> None:
        """To the next answer whose evidence is stale: on through this vendor's questions,
        then the next vendors', round to here (the marker under the evidence says why)."""
        self._leave_inputs()
        found = next_stale(self.session, self.vendor_index, self.index,
                           self.checklist.scorecard)
        if found is None:
            self.hint("No stale evidence: every dated answer is within its freshness rule.",
                      warn=False)
            return
        self.vendor_index = found[0]
        self.goto(None, found[1])

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
