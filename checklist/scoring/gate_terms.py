"""A gate in its question's own terms: what it asks (its bound) and what the vendor answered,
as typed data, worded once here for every front end.

- a level: "at least 2/4 Partial" (score questions, and `min` on yes/no and choice ones);
- a measurement: "at most 2 s", "at least 99.5%", "between 1 s and 3 s";
- an answer: "yes", "no", or "one of GA, Preview".

Whether a gate applies and passed is `checklist.scoring.verdict.gate_result`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from checklist import numbers as n
from checklist.model.rubric import Question, Scale

BoundKind = Literal["level", "number", "answer"]


@dataclass(frozen=True, slots=True)
class GateBound:
    """What a gate asks. `min`/`max` are scale points for a level, the question's unit for a
    number; `accept` holds the acceptable answers ("yes" or "no", or choice ids)."""

    kind: BoundKind
    min: float | None = None
    max: float | None = None
    accept: tuple[str, ...] = ()
    unit: str | None = None


def bound_of(question: Question) -> GateBound:
    """The bound of the question's gate (the question must have one)."""
    gate = question.gate
    assert gate is not None
    if question.type == "number" and (gate.min is not None or gate.max is not None):
        return GateBound("number", gate.min, gate.max, unit=question.unit)
    if question.type == "yes_no" and gate.require is not None:
        return GateBound("answer", accept=(gate.require,))
    if question.type == "choice" and gate.accept is not None:
        return GateBound("answer", accept=tuple(gate.accept))
    return GateBound("level", gate.min)


def said(question: Question, answer_yes: bool | None, choice: str | None) -> str | None:
    """One rater's answer in the terms an answer bound uses: "yes"/"no" or a choice id."""
    if question.type == "yes_no" and answer_yes is not None:
        return "yes" if answer_yes else "no"
    if question.type == "choice":
        return choice
    return None


def bound_text(bound: GateBound, question: Question, scale: Scale) -> str:
    """What the gate asks, in words: "at most 2 s", "yes", "one of GA, Preview"."""
    if bound.kind == "number":
        low, high = (n.measure(b, bound.unit) if b is not None else None
                     for b in (bound.min, bound.max))
        if low and high:
            return f"between {low} and {high}"
        return f"at most {high}" if high else f"at least {low}"
    if bound.kind == "answer":
        if question.type == "yes_no":
            return bound.accept[0] if bound.accept else n.DASH
        labels = [choice_label(question, c) for c in bound.accept]
        return labels[0] if len(labels) == 1 else f"one of {', '.join(labels)}"
    if question.type == "yes_no":
        return question.good  # a level above the minimum is the good answer
    return f"at least {n.level(bound.min, question, scale)}"


def choice_label(question: Question, cid: str) -> str:
    return next((c.label for c in question.choices if c.id == cid), cid)
