"""The question being scored, as the rubric states it: heading, gate, guidance, and the
breadcrumbs line above it (vendor, position, progress, the vendor's live result)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.content import Content

from checklist import numbers
from checklist.model.rubric import Question, Section
from checklist.tui.literal import lines, literal, markup
from checklist.tui.text import gate_asks, gates_text
from checklist.tui.widgets.spot import Spot, SpotPanel

if TYPE_CHECKING:
    from checklist.tui.app import ChecklistApp


class QuestionHeading(SpotPanel):
    """The question in bold, with its id, type and weight."""

    HIDE_WHEN_EMPTY = False

    def draw(self, spot: Spot) -> Content:
        question = spot.question
        return markup(
            f"[b]$text[/b]  [dim]($id, {question.type.replace('_', '/')}, "
            f"weight {question.weight:g})[/dim]", text=spot.filled(question.text).strip(),
            id=question.id,
        )


class GateLine(SpotPanel):
    """What the gate asks in the question's own terms (anything else is no-go), and why;
    nothing for a question without gate."""

    def draw(self, spot: Spot) -> Content:
        gate = spot.question.gate
        if gate is None:
            return Content()
        reason = f": {spot.filled(gate.reason).strip()}" if gate.reason else ""
        return literal(f"GATE: the vendor is no-go unless "
                       f"{gate_asks(spot.question, spot.rubric.scale)}{reason}")


class RubricNote(SpotPanel):
    """One of the question's texts from the rubric under a bold heading ("How to score it");
    hidden when the rubric says nothing. `tooltip_from` gives the hover text, if any."""

    def __init__(self, heading: str, text: Callable[[Question], str], *,
                 tooltip_from: Callable[[Section], str] | None = None, id: str) -> None:
        super().__init__(id=id)
        self.heading, self.text, self.tooltip_from = heading, text, tooltip_from

    def draw(self, spot: Spot) -> Content:
        text = spot.filled(self.text(spot.question)).strip()
        if self.tooltip_from is not None:
            tip = self.tooltip_from(spot.section)
            self.tooltip = literal(tip) if tip else None
        return markup(f"[b]{self.heading}[/b]\n$text", text=text) if text else Content()


class Crumbs(SpotPanel):
    """Vendor, position and progress; then the vendor's live verdict, scores and gates."""

    HIDE_WHEN_EMPTY = False

    def on_mount(self) -> None:
        self.watch(self.app, "scorecard", self._card_changed, init=False)

    def _card_changed(self, _card: object) -> None:
        if self.spot is not None and self.screen.is_current:
            self.paint(self.spot)

    def draw(self, spot: Spot) -> Content:
        session, vendor, section = spot.session, spot.vendor, spot.section
        done, total = session.progress(vendor.id)
        rows = [markup(f"[b]$name[/b] ({spot.vendor_index + 1}/{len(spot.vendors)})"
                       f" · Q {spot.index + 1}/{len(session.questions)}"
                       f" · you answered {done}/{total}"
                       f" · $section ({section.axis})",
                       name=vendor.name, section=section.title)]
        card = cast("ChecklistApp", self.app).scorecard
        result = card.vendor(vendor.id) if card else None
        if result is not None:
            rows.append(markup(f"$name: $verdict · overall {numbers.score(result.score)} · "
                               f"claims {numbers.score(result.claims)} · readiness "
                               f"{numbers.score(result.readiness)} · $gates",
                               name=vendor.name, verdict=result.verdict_label,
                               gates=gates_text(result)))
        return lines(rows)


