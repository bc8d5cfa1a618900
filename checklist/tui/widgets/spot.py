"""Where the rater is on the scoring screen, and the panels drawn from it.

The scoring screen holds two reactives of type `Spot`: one set when the rater moves (another
question, vendor, a reload), one set again on every change of the rater's answer. Each panel
is bound to one of them (`data_bind`) and draws itself from it, so a key repaints only the
panels that show the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from checklist.model.evaluation import Vendor
from checklist.model.named_fields import fill
from checklist.model.ratings import Answer
from checklist.model.rubric import Question, Rubric, Scale, Section
from checklist.tui.session import Session


class Place:
    """What is at one vendor and one question of the open session: read through the session,
    so every read sees the answer as it is now.

    The one place that knows how "where the rater is" (a vendor index and a question index)
    turns into a vendor, a section, a question and this rater's answer: `Spot` (what panels
    draw from) and the scoring screen (which moves) both read through it.
    """

    if TYPE_CHECKING:
        @property
        def session(self) -> Session: ...

        vendor_index: int
        index: int

    @property
    def rubric(self) -> Rubric:
        return self.session.workspace.rubric

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
        """This rater's answer here, if any."""
        return self.session.answer(self.vendor.id, self.question.id)


@dataclass(frozen=True, eq=False)
class Spot(Place):
    """One vendor at one question of the open session, as the panels draw it.

    Compared by identity: a new `Spot` always repaints, even at the same place (a reload).
    """

    session: Session
    vendor_index: int
    index: int

    def filled(self, text: str) -> str:
        """A rubric text with its named fields (`{vendor.model}`) filled for this vendor; an
        empty one reads "[vendor.model not set]", as in the memo."""
        return fill(text, self.vendor, self.session.workspace.evaluation).text

    @property
    def digits_are_levels(self) -> bool:
        return digits_are_levels(self.rubric.scale)


def digits_are_levels(scale: Scale) -> bool:
    """A digit key picks a level when the scale fits in 0-9; otherwise the score is typed."""
    return scale.min >= 0 and scale.max <= 9


class SpotPanel(Static):
    """A part of the scoring screen drawn from `spot`; subclasses say what in `draw`."""

    #: Hidden while it has nothing to say (a question without guidance, say).
    HIDE_WHEN_EMPTY: ClassVar[bool] = True

    spot: reactive[Spot | None] = reactive(None)

    def watch_spot(self, spot: Spot | None) -> None:
        if spot is not None:
            self.paint(spot)

    def paint(self, spot: Spot) -> None:
        content = self.draw(spot)
        self.update(content)
        if self.HIDE_WHEN_EMPTY:
            self.display = bool(content)

    def draw(self, spot: Spot) -> Content:
        raise NotImplementedError
