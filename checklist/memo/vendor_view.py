"""One vendor as the templates see it (`checklist.memo.view_types.VendorView`).

What counts as a strength, a risk or a follow-up is decided in `checklist.scoring.findings`
and every sentence is worded in `checklist.scoring.narrative`; this module only lays the
results out as plain data, with every number printed by `checklist.numbers`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from checklist import numbers as n
from checklist.memo.escape import safe_link
from checklist.memo.vendor_types import (
    ClaimRow,
    Detail,
    DisagreementRow,
    EvidenceRef,
    EvidenceRow,
    FollowUpGroup,
    FollowUpRow,
    GateRow,
    Point,
    RaterNote,
    RaterValue,
    ReasonRow,
    SectionRow,
    VendorView,
)
from checklist.model.claim import comparison_text, figure_text, sample_text
from checklist.model.common import GRADE_LABELS
from checklist.model.evaluation import Claim, Evaluation, Vendor
from checklist.model.named_fields import fill
from checklist.model.ratings import Evidence
from checklist.model.rubric import Question, Rubric
from checklist.scoring import QuestionResult, Scorecard, VendorResult, findings, narrative
from checklist.scoring import statements as say
from checklist.scoring.gate_terms import bound_of, bound_text
from checklist.scoring.results import GateResult, SectionResult
from checklist.scoring.values import anchor_at

#: How many strengths and risks a vendor lists before "and N more".
TOP = 5
#: Open questions listed per vendor in the full memo (gates first, then by weight); the
#: questionnaire and the vendor memo list them all.
MEMO_OPEN = 8

#: Why a question goes back to the vendor, in words fit to send to the vendor.
VENDOR_REASONS = {
    "unanswered": "we have no answer or evidence for this yet",
    "low score": "what we have so far falls short of what we need",
    "low confidence": "the evidence we have is not conclusive",
    "gate": "this is a hard requirement for us",
    "failed gate": "this is a hard requirement for us, and what we have does not meet it",
}

GATE_STATUS = {"pass": "passed", "fail": "failed", "open": "unanswered", "off": "not applicable"}


def vendor_view(card: Scorecard, v: VendorResult) -> VendorView:
    rubric, policy = card.rubric, card.rubric.policy
    model = card.evaluation.vendor(v.id)
    names = {vendor.id: vendor.name for vendor in card.evaluation.vendors}
    claims = [_claim(c, names) for c in model.claims] if model else []
    evidence = _evidence(card, v, claims)
    cite = Citations.of(card, evidence, filler(model, card.evaluation))
    strengths = findings.strengths(v, policy)
    risks = findings.risks(v, policy)
    gates = [_gate(v, g, cite) for g in v.gates if g.applies]
    found = findings.follow_ups(v, policy)
    rows = {f.result.id: _followup(f, rubric, cite.put) for f in found}
    followups = list(rows.values())
    ranked = [rows[f.result.id] for f in findings.ranked(f for f in found if f.is_open)]
    reasons, compared_with = _reasons(card, v, cite)
    return VendorView(
        id=v.id,
        name=v.name,
        product=model.product if model else "",
        details=_details(model),
        website=model.website if model else "",
        link=safe_link(model.website) if model else None,
        notes=model.notes if model else "",
        rank=v.rank,
        verdict=v.verdict,
        verdict_label=v.verdict_label,
        conditions=[c.text(rubric) for c in v.conditions],
        overall=n.score(v.score),
        overall_answered=n.score(v.score_answered),
        claims=n.score(v.claims),
        readiness=n.score(v.readiness),
        hype_gap=n.signed(v.hype_gap),
        coverage=n.pct(v.coverage),
        lower=n.score(v.lower),
        upper=n.score(v.upper),
        range=n.span(v.lower, v.upper),
        x=v.readiness,
        y=v.claims,
        chart_x=n.chart(v.readiness),
        chart_y=n.chart(v.claims),
        sections=[_section(s) for s in v.sections.values()],
        benchmark_claims=claims,
        strengths=[point(q, cite) for q in strengths[:TOP]],
        strengths_more=max(0, len(strengths) - TOP),
        risks=[point(q, cite) for q in risks[:TOP]],
        risks_more=max(0, len(risks) - TOP),
        gates=gates,
        gates_failed=[g for g in gates if g.status == "fail"],
        open_questions=[rows[f.result.id] for f in found if f.is_open],
        open_top=ranked[:MEMO_OPEN],
        open_more=max(0, len(ranked) - MEMO_OPEN),
        followups=followups,
        followup_sections=_grouped(followups),
        disagreements=[_disagreement(card, v, q, cite) for q in v.disagreements],
        evidence=evidence,
        sentence=narrative.vendor_sentence(v, rubric),
        rank_note=narrative.rank_note(card, v),
        out_because=_out_because(v, gates),
        reasons=reasons,
        compared_with=compared_with,
    )


def _reasons(card: Scorecard, v: VendorResult, cite: Citations) -> tuple[list[ReasonRow], str]:
    """What decides between this vendor and the one it is compared with (see
    `VendorView.reasons`): the questions `findings.deciding` picks, as this vendor's findings
    beside the other vendor's answers."""
    winner = card.winner
    if winner is None or v.verdict == "no-go":
        return [], ""
    policy = card.rubric.policy
    if v.id == winner.id:
        other = findings.runner_up(card.vendors, v)
        decided = findings.deciding(v, other, policy)
    else:
        other = winner
        decided = findings.deciding(winner, v, policy)
    scale = card.rubric.scale
    rows = []
    for q in decided:
        theirs = other.questions.get(q.id) if other is not None else None
        rows.append(ReasonRow(point(v.questions[q.id], cite),
                              say.answer_text(theirs, scale) if theirs is not None else ""))
    return rows, other.name if other is not None else ""


Put = Callable[[str], str]


def filler(vendor: Vendor | None, evaluation: Evaluation) -> Put:
    """Fills a rubric text's named fields (`{vendor.model}`) with this vendor's facts."""
    return lambda text: fill(text, vendor, evaluation).text


class Citations:
    """The raters' notes and evidence behind one vendor's answers, with appendix entries, and
    the vendor's facts for a rubric text's named fields (`put`)."""

    def __init__(self, card: Scorecard, refs: dict[tuple[str, str, str], str],
                 put: Put) -> None:
        self.card = card
        self.refs = refs
        self.put = put

    @classmethod
    def of(cls, card: Scorecard, evidence: list[EvidenceRow], put: Put) -> Citations:
        return cls(card, {(e.source, e.retrieved, e.grade): e.ref for e in evidence}, put)

    def notes(self, q: QuestionResult) -> list[RaterNote]:
        scale = self.card.rubric.scale
        return [RaterNote(name=self.card.rater_name(r.rater),
                          answer=say.rater_answer(r, q.question, scale),
                          note=r.answer.note,
                          confidence=r.confidence or "",
                          evidence=[self.ref(e) for e in r.answer.evidence])
                for r in q.raters]

    def ref(self, e: Evidence) -> EvidenceRef:
        retrieved = e.retrieved.isoformat() if e.retrieved else ""
        return EvidenceRef(source=e.url, link=safe_link(e.url),
                           grade_label=GRADE_LABELS.get(e.grade, e.grade), retrieved=retrieved,
                           ref=self.refs.get((e.url, retrieved, e.grade), ""))

    def refs_of(self, notes: list[RaterNote]) -> str:
        found = dict.fromkeys(e.ref for r in notes for e in r.evidence if e.ref)
        return ", ".join(found)


def point(q: QuestionResult, cite: Citations) -> Point:
    """One answered question as a finding, with the raters' notes and evidence."""
    scale = cite.card.rubric.scale
    notes = cite.notes(q)
    return Point(
        id=q.id,
        text=cite.put(q.question.text),
        section=q.section.title,
        level=n.level(q.level, q.question, scale),
        anchor=q.anchor,
        share=n.share(q.share),
        statement=say.statement(q, scale),
        answer=say.answer_text(q, scale),
        bound=say.bound_text(q.question, q.level, scale),
        notes=notes,
        refs=cite.refs_of(notes),
    )


def _out_because(v: VendorResult, gates: list[GateRow]) -> GateRow | None:
    """The gate that puts a no-go or incomplete vendor out: its first failed, else open."""
    wanted = {"no-go": "fail", "incomplete": "open"}.get(v.verdict)
    return next((g for g in gates if g.status == wanted), None)


def _section(s: SectionResult) -> SectionRow:
    return SectionRow(
        id=s.id,
        title=s.section.title,
        axis=s.section.axis,
        weight=n.number(s.section.weight),
        score=n.score(s.score),
        score_answered=n.score(s.score_answered),
        coverage=n.pct(s.coverage),
        answered=s.answered,
        total=s.total,
        na=s.na,
    )


def _gate(v: VendorResult, g: GateResult, cite: Citations) -> GateRow:
    gate, scale = g.question.gate, cite.card.rubric.scale
    q = v.questions[g.id]
    notes = cite.notes(q) if q.status != "open" or any(r.answer.note for r in q.raters) else []
    return GateRow(
        id=g.id,
        text=cite.put(g.question.text),
        section=v.questions[g.id].section.title,
        status=g.status,
        status_label=GATE_STATUS[g.status],
        level=g.answer_text(),
        min=g.bound_text(),
        # A choice's label is the answer already; the anchor would repeat it.
        anchor=g.anchor() if g.level is not None and g.anchor() != g.answer_text() else "",
        reason=gate.reason if gate else "",
        statement=say.statement(q, scale),
        answer=say.answer_text(q, scale),
        bound=say.bound_text(g.question, g.level, scale, gate_min=g.min),
        notes=notes,
        refs=cite.refs_of(notes),
    )


#: A vendor's facts shown beside its product, with their labels.
_DETAILS = (("model", "Model id"), ("version", "Version"), ("maker", "Model maker"),
            ("channel", "Channel"), ("region", "Region"), ("contact", "Contact"))


def _details(vendor: Vendor | None) -> list[Detail]:
    if vendor is None:
        return []
    found = [(label, getattr(vendor, key)) for key, label in _DETAILS]
    return [Detail(label, str(value).replace("-", " ") if label == "Channel" else str(value))
            for label, value in found if value]


def _claim(c: Claim, names: dict[str, str]) -> ClaimRow:
    # The vendor's own figure, as written: never rounded.
    value, compared, sample = figure_text(c), comparison_text(c, names), sample_text(c)
    figure = "; ".join(part for part in (value, compared) if part)
    if sample:
        figure = f"{figure} ({sample})" if figure else sample
    return ClaimRow(
        text=c.text,
        task=c.task,
        metric=c.metric,
        value=value,
        compared=compared,
        sample=sample,
        figure=figure,
        source=c.source,
        link=safe_link(c.source),
        run_by=c.run_by or "not stated",
        grade=c.grade,
        grade_label=GRADE_LABELS.get(c.grade, c.grade),
        date=c.date.isoformat() if c.date else "",
        retrieved=c.retrieved.isoformat() if c.retrieved else "",
        note=c.note,
    )


def _followup(found: findings.FollowUp, rubric: Rubric, put: Put) -> FollowUpRow:
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


def _grouped(items: list[FollowUpRow]) -> list[FollowUpGroup]:
    """Items grouped by section, in rubric order (Jinja's groupby would sort by title)."""
    groups: list[FollowUpGroup] = []
    for item in items:
        if not groups or groups[-1].title != item.section:
            groups.append(FollowUpGroup(item.section, []))
        groups[-1].questions.append(item)
    return groups


def _disagreement(card: Scorecard, v: VendorResult, q: QuestionResult,
                  cite: Citations) -> DisagreementRow:
    scale = card.rubric.scale
    return DisagreementRow(
        vendor=v.name,
        vendor_id=v.id,
        id=q.id,
        text=cite.put(q.question.text),
        spread=q.spread_text(),
        raters=[RaterValue(name=card.rater_name(r.rater), value=r.text(q.question, scale),
                           answer=say.rater_answer(r, q.question, scale),
                           note=r.answer.note,
                           evidence=[cite.ref(e) for e in r.answer.evidence])
                for r in q.raters],
        summary=narrative.rater_levels(q, card.rater_name),
        gate=any(g.id == q.id and g.applies for g in v.gates),
    )


@dataclass
class _Source:
    """An evidence row while it is being gathered."""

    source: str
    retrieved: str
    grade: str
    supports: list[str] = field(default_factory=list)
    raters: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _evidence(card: Scorecard, v: VendorResult, claims: list[ClaimRow]) -> list[EvidenceRow]:
    """Every source behind this vendor's answers and claims, once per source.

    A source cited for many questions is one row listing them (by question id), so the
    appendix stays a list of sources rather than a copy of the ratings. A path is shown as
    text and never opened: the memo must not read files the user did not name, and evidence
    paths come from ratings files anyone could have edited.
    """
    rows: dict[tuple[str, str, str], _Source] = {}

    def row(source: str, retrieved: str, grade: str) -> _Source:
        return rows.setdefault((source, retrieved, grade), _Source(source, retrieved, grade))

    for q in v.questions.values():
        for r in q.raters:
            for e in r.answer.evidence:
                entry = row(e.url, e.retrieved.isoformat() if e.retrieved else "", e.grade)
                name = card.rater_name(r.rater)
                for items, item in ((entry.supports, q.id), (entry.raters, name),
                                    (entry.notes, e.note)):
                    if item and item not in items:
                        items.append(item)
    for c in claims:
        if c.source:
            text = c.text if len(c.text) <= 60 else c.text[:59].rstrip() + "…"
            row(c.source, c.date, c.grade).supports.append(f"claim “{text}”")
    return [
        EvidenceRow(
            ref=f"E{v.rank}.{i}",
            vendor=v.name, vendor_id=v.id, source=s.source, link=safe_link(s.source),
            retrieved=s.retrieved, grade=s.grade, grade_label=GRADE_LABELS.get(s.grade, s.grade),
            supports=s.supports, raters=s.raters, notes=s.notes, about=", ".join(s.supports),
            by=", ".join(s.raters), note="; ".join(s.notes),
        )
        for i, s in enumerate(rows.values(), start=1)
    ]
