"""The questions that go back to a vendor, as the memo and the questionnaire show them: why
each is asked (in words fit to send), what would meet our need, grouped by section. Which
questions they are is decided in `checklist.scoring.findings`."""

from __future__ import annotations

import math

from checklist import numbers as n
from checklist.memo.citations import Put
from checklist.memo.vendor_types import FollowUpGroup, FollowUpRow
from checklist.model.rubric import Question, Rubric
from checklist.scoring import findings
from checklist.scoring import statements as say
from checklist.scoring.gate_terms import bound_of, bound_text
from checklist.scoring.values import anchor_at

#: Why a question goes back to the vendor, in words fit to send to the vendor.
VENDOR_REASONS = {
    "unanswered": "we have no answer or evidence for this yet",
    "low score": "what we have so far falls short of what we need",
    "low confidence": "the evidence we have is not conclusive",
    "gate": "this is a hard requirement for us",
    "failed gate": "this is a hard requirement for us, and what we have does not meet it",
}


def followup_row(found: findings.FollowUp, rubric: Rubric, put: Put) -> FollowUpRow:
    q, question, gate = found.result, found.result.question, found.result.question.gate
    scale = rubric.scale
    reasons: list[str] = list(found.reasons)
    return FollowUpRow(
        id=q.id,
        text=put(question.text),
        ask=put(question.ask_vendor or question.text),
        provide=put(question.evidence),
        guidance=put(question.guidance),
        section=q.section.title,
        reasons=reasons,
        why=", ".join(reasons),
        why_vendor="; ".join(VENDOR_REASONS[r] for r in reasons
                             if not (r == "gate" and "failed gate" in reasons)),
        current="unanswered" if q.status == "open" else q.answer_text(scale),
        gate_min=bound_text(bound_of(question), question, scale) if gate else "",
        gate_need=anchor_at(question, gate.min) if gate and gate.min is not None else "",
        found=say.statement(q, scale),
        need=_need(question, rubric),
        gate=found.gate,
        share=n.share(q.share),
        weight=q.share,
    )


def _need(question: Question, rubric: Rubric) -> str:
    """What would meet our need on one question: the gate's minimum, else the lowest level at
    or above `policy.low_score`, as the rubric words it (a measurement as its bound)."""
    scale = rubric.scale
    if question.gate is not None:
        return bound_text(bound_of(question), question, scale)
    level = math.ceil(scale.min + rubric.policy.low_score * (scale.max - scale.min) - 1e-9)
    if question.type == "number":
        return say.bound_text(question, level, scale, gate_min=level)
    if question.type == "yes_no":
        return question.good if level > scale.min else ""
    if question.type == "choice":
        met = [c for c in question.choices if c.score >= level]
        return " or ".join(c.label for c in sorted(met, key=lambda c: c.score))
    enough = [lv for lv in question.anchors if lv >= level]
    return question.anchors[min(enough)] if enough else ""


def grouped(items: list[FollowUpRow]) -> list[FollowUpGroup]:
    """Items grouped by section, in rubric order (Jinja's groupby would sort by title)."""
    groups: list[FollowUpGroup] = []
    for item in items:
        if not groups or groups[-1].title != item.section:
            groups.append(FollowUpGroup(item.section, []))
        groups[-1].questions.append(item)
    return groups
