"""One vendor as the templates see it (`checklist.memo.view_types.VendorView`).

What counts as a strength, a risk or a follow-up is decided in `checklist.scoring.findings`
and every sentence is worded in `checklist.scoring.narrative`; this module only lays the
results out as plain data, with every number printed by `checklist.numbers`.
"""

from __future__ import annotations

from checklist import numbers as n
from checklist.memo.citations import Citations, evidence_rows, filler, point
from checklist.memo.escape import safe_link
from checklist.memo.followups_view import followup_row, grouped
from checklist.memo.vendor_types import (
    ClaimRow,
    Detail,
    DisagreementRow,
    GateRow,
    RaterValue,
    ReasonRow,
    SectionRow,
    VendorView,
)
from checklist.model.claim import comparison_text, figure_text, sample_text
from checklist.model.common import GRADE_LABELS
from checklist.model.evaluation import Claim, Vendor
from checklist.scoring import QuestionResult, Scorecard, VendorResult, findings, narrative
from checklist.scoring import statements as say
from checklist.scoring.results import GateResult, SectionResult

#: How many strengths and risks a vendor lists before "and N more".
TOP = 5
#: Open questions listed per vendor in the full memo (gates first, then by weight); the
#: questionnaire and the vendor memo list them all.
MEMO_OPEN = 8

GATE_STATUS = {"pass": "passed", "fail": "failed", "open": "unanswered", "off": "not applicable"}


def vendor_view(card: Scorecard, v: VendorResult) -> VendorView:
    rubric, policy = card.rubric, card.rubric.policy
    model = card.evaluation.vendor(v.id)
    names = {vendor.id: vendor.name for vendor in card.evaluation.vendors}
    claims = [_claim(c, names) for c in model.claims] if model else []
    evidence = evidence_rows(card, v, claims)
    cite = Citations.of(card, evidence, filler(model, card.evaluation))
    strengths = findings.strengths(v, policy)
    risks = findings.risks(v, policy)
    gates = [_gate(v, g, cite) for g in v.gates if g.applies]
    found = findings.follow_ups(v, policy)
    rows = {f.result.id: followup_row(f, rubric, cite.put) for f in found}
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
        followup_sections=grouped(followups),
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


