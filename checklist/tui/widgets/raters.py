"""Other raters' answers to this question: hidden until this rater has answered (blind
scoring avoids anchoring), then listed with whether the raters agree."""

from __future__ import annotations

from textual.content import Content

from checklist import numbers
from checklist.tui.literal import lines, markup
from checklist.tui.text import answer_text, clipped
from checklist.tui.widgets.spot import Spot, SpotPanel

#: Characters of another rater's note shown (the panel wraps; a longer one ends in '…').
NOTE_SHOWN = 240


class OtherRaters(SpotPanel):
    """Blind until answered; then each rater's answer and note, and the disagreement."""

    def draw(self, spot: Spot) -> Content:
        session, vendor, question = spot.session, spot.vendor, spot.question
        rubric = spot.rubric
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
                               note=(f" · {clipped(answer.note, NOTE_SHOWN)}"
                                     if answer.note else "")))
        result = session.result(vendor.id, spot.index)
        threshold = rubric.policy.disagreement
        if result.disagreement:
            rows.append(markup(f"  [b]DISAGREEMENT[/b]: spread {numbers.number(result.spread)} "
                               f"(≥ {numbers.number(threshold)}) or N/A against a score: "
                               "discuss before deciding"))
        else:
            rows.append(markup(f"  raters agree (spread {numbers.number(result.spread)} < "
                               f"{numbers.number(threshold)})"))
        return lines(rows)
