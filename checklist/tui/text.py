"""How values read on screen: numbers with their words, never colour alone.

Pure functions shared by every screen so a score, a verdict or a gate reads the same
everywhere ("3 Good", "gate failed", "2/4"); numbers are printed by `checklist.numbers`, as
in the summary and the memo.
"""

from __future__ import annotations

from checklist import numbers
from checklist.model import when as conditions
from checklist.model.common import GRADE_LABELS
from checklist.model.ratings import Answer, Evidence
from checklist.model.rubric import Question, Rubric, Scale
from checklist.scoring.gate_terms import bound_of, bound_text
from checklist.scoring.results import GateResult, VendorResult
from checklist.scoring.values import number_to_level


def answer_text(answer: Answer | None, question: Question, rubric: Rubric) -> str:
    """The answer as a person would say it, with its place on the scale."""
    if answer is None or not answer.is_answered:
        return "not answered"
    if answer.na:
        return "N/A"
    scale = rubric.scale
    if answer.score is not None:
        return numbers.label(answer.score, rubric.scale)
    if answer.answer is not None:
        return yes_no_text(answer.answer, question)
    if answer.choice is not None:
        choice = next((c for c in question.choices if c.id == answer.choice), None)
        if choice is None:
            return f"{answer.choice} (not a choice of this question)"
        return f"{choice.label} ({numbers.label(choice.score, rubric.scale)})"
    if answer.value is not None:
        unit = f" {question.unit}" if question.unit else ""
        level = number_to_level(question, answer.value, scale)
        return f"{answer.value:g}{unit} ({numbers.label(level, rubric.scale)})"
    return answer.display()


def evidence_text(item: Evidence) -> str:
    when = f", {item.retrieved.isoformat()}" if item.retrieved else ""
    return f"{item.url} ({GRADE_LABELS.get(item.grade, item.grade)}{when})"


def gates_text(vendor: VendorResult) -> str:
    """Failed and open gates in words: 'gate failed: api; open: status'."""
    failed = [g.id for g in vendor.gates_failed]
    still_open = [g.id for g in vendor.gates_open]
    parts = []
    if failed:
        parts.append(f"{'gates' if len(failed) > 1 else 'gate'} failed: {', '.join(failed)}")
    if still_open:
        parts.append(f"{'gates' if len(still_open) > 1 else 'gate'} open: "
                     f"{', '.join(still_open)}")
    if not parts:
        return "gates passed" if vendor.gates else "no gates"
    return "; ".join(parts)



def yes_no_text(answer: bool, question: Question) -> str:
    """A yes/no answer with whether it is the good one, in words: 'no (the good answer)'.
    The rubric's `good:` says which; levels are not shown (a yes is not always the best)."""
    said = "yes" if answer else "no"
    return f"{said} (the {'good' if said == question.good else 'bad'} answer)"


def gate_asks(question: Question, scale: Scale) -> str:
    """What the question's gate asks, in the question's own terms, with its condition:
    'at most 60 s when public'. The question must have a gate."""
    gate = question.gate
    assert gate is not None
    when = f" when {conditions.text(gate.when)}" if gate.when else ""
    return f"{bound_text(bound_of(question), question, scale)}{when}"


def gate_reason(gate: GateResult) -> str:
    """': the rubric's reason (the level reached)', or '' when the rubric gives neither."""
    reason = gate.question.gate.reason.strip() if gate.question.gate else ""
    why = gate.anchor().strip()
    return (f": {reason}" if reason else "") + (f" ({why})" if why else "")


def clipped(text: str, limit: int) -> str:
    """`text` on one line, at most `limit` characters, ending in '…' when cut, so a reader
    sees that there is more (a sentence cut mid-word read as the whole note)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
