"""How values read on screen: numbers with their words, never colour alone.

Pure functions shared by every screen so a score, a verdict or a gate reads the same
everywhere ("3 Good", "gate failed", "2/4"); numbers are printed by `checklist.numbers`, as
in the summary and the memo.
"""

from __future__ import annotations

from checklist import numbers
from checklist.model.common import GRADE_LABELS
from checklist.model.ratings import Answer, Evidence
from checklist.model.rubric import Question, Rubric
from checklist.scoring.results import VendorResult
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
        level = scale.max if answer.answer else scale.min
        return f"{'yes' if answer.answer else 'no'} ({numbers.label(level, rubric.scale)})"
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

