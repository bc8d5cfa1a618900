"""A scored answer as a finding a reader can check: a statement, not "question — 3/4".

Written once for every front end that lists findings (the memo's reasons, strengths, risks,
gates and disagreements; the vendor memo; the questionnaire):

- `answer_text`: the answer in the question's own terms: a measured value with its unit
  ("95 s"), the option chosen ("Generally available API ..."), "yes" or "no", or the level
  ("3/4 Meets our need");
- `bound_text`: what the answer is measured against: for a measurement the threshold of the
  level it reached, or for a gate the gate's minimum ("≤ 120 s for 3/4 Meets our need");
- `statement`: the finding in the rubric's words: the anchor text at the level reached, the
  option's label, or the measurement against its bound.

Numbers are printed by `checklist.numbers`; nothing here decides what counts as a strength or
a risk (that is `checklist.scoring.findings`).
"""

from __future__ import annotations

from statistics import mean

from checklist import numbers as n
from checklist.model.rubric import Question, Scale
from checklist.scoring.results import QuestionResult, RaterView


def measured(question: Question, value: float) -> str:
    """A measurement with its unit: "95 s", "62%", "0.40 USD per usable output second"."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if not float(value).is_integer() \
        else f"{int(value):,}"
    unit = question.unit or ""
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def rater_answer(r: RaterView, question: Question, scale: Scale) -> str:
    """One rater's answer in the question's own terms."""
    a = r.answer
    if r.na:
        return "N/A"
    if question.type == "number" and a.value is not None:
        return measured(question, a.value)
    if question.type == "choice" and a.choice is not None:
        return next((c.label for c in question.choices if c.id == a.choice), a.choice)
    if question.type == "yes_no" and a.answer is not None:
        return "yes" if a.answer else "no"
    return n.level(r.level, question, scale)


def answer_text(q: QuestionResult, scale: Scale) -> str:
    """The aggregated answer in the question's own terms ("unanswered", "N/A" when so).

    Raters who agree read as one answer; raters who differ on a measurement or a choice read
    as their answers joined ("95 s / 130 s"), since an average of two options means nothing.
    """
    if q.status == "open":
        return "unanswered"
    if q.status == "na":
        return "N/A"
    question = q.question
    scored = [r for r in q.raters if r.level is not None]
    if question.type == "number":
        values = [r.answer.value for r in scored if r.answer.value is not None]
        if values and len(set(values)) > 1:
            return f"{measured(question, mean(values))} (mean of " \
                f"{', '.join(measured(question, v) for v in values)})"
        if values:
            return measured(question, values[0])
    if question.type in ("choice", "yes_no"):
        said = list(dict.fromkeys(rater_answer(r, question, scale) for r in scored))
        if len(said) == 1:
            return said[0]
        if said:
            return " / ".join(said)
    return n.level(q.level, question, scale)


def bound_text(question: Question, level: float | None, scale: Scale,
               gate_min: float | None = None) -> str:
    """What a measurement is held against: the threshold of the level it reached (or of the
    gate's minimum, or the lowest threshold when it reached none). "" for other types."""
    if question.type != "number" or not question.thresholds:
        return ""
    sign = "≥" if question.better == "higher" else "≤"
    if gate_min is not None:
        target = min((lv for lv in question.thresholds if lv >= gate_min - 1e-9),
                     default=None)
    else:
        met = [lv for lv in question.thresholds if level is not None and lv <= level + 1e-9]
        target = max(met) if met else min(question.thresholds)
    if target is None:
        return ""
    return (f"{sign} {measured(question, question.thresholds[target])} for "
            f"{n.level(target, question, scale)}")


def statement(q: QuestionResult, scale: Scale) -> str:
    """The finding in the rubric's words: the anchor at the level reached, the option chosen,
    or the measurement against its bound. "" when the question is open or N/A."""
    if q.status != "answered":
        return ""
    question = q.question
    if question.type == "number":
        bound = bound_text(question, q.level, scale)
        met = q.level is not None and any(lv <= q.level + 1e-9 for lv in question.thresholds)
        said = f"Measured {answer_text(q, scale)}"
        if not bound:
            return said + "."
        return f"{said}, {'within' if met else 'short of'} {bound}."
    anchor = q.anchor
    if anchor:
        return anchor if anchor.endswith((".", "!", "?")) else anchor + "."
    return f"Answered {answer_text(q, scale)}."
