"""The scorecard as plain data: `summary --json`, and the numbers behind every memo. Its
shape is `checklist.scoring.export_types` (with its JSON Schema)."""

from __future__ import annotations

import datetime as dt

from checklist.model.ratings import Answer
from checklist.scoring.export_types import (
    SCHEMA_VERSION,
    DisagreementJson,
    GateJson,
    QuestionJson,
    RaterAnswerJson,
    ScorecardJson,
    StaleJson,
    VendorJson,
)
from checklist.scoring.results import (
    GateResult,
    QuestionResult,
    RaterView,
    Scorecard,
    VendorResult,
)

DIGITS = 4


def rounded(value: float | None) -> float | None:
    """A number as every JSON output gives it: four decimals, None kept."""
    return None if value is None else round(value, DIGITS)


def _level(value: float | None) -> float | int | None:
    if value is None:
        return None
    rounded = round(value, DIGITS)
    return int(rounded) if float(rounded).is_integer() else rounded


def scorecard_json(card: Scorecard) -> ScorecardJson:
    pin = card.evaluation.rubric
    sens = card.sensitivity
    return {
        "schema_version": SCHEMA_VERSION,
        "evaluation": {
            "title": card.evaluation.title,
            "status": card.evaluation.status,
            "rubric": {"id": pin.id, "version": pin.version, "sha256": pin.sha256},
            "context": card.context,
            "raters": list(card.raters),
            "aggregate": card.aggregate,
            "today": card.today.isoformat() if card.today else None,
        },
        "vendors": [vendor_json(v, card.today) for v in card.vendors],
        "winner": card.winner.id if card.winner else None,
        "settled": card.settled,
        "deciders": [
            {"vendor": d.vendor, "question": d.question, "share": rounded(d.share), "gate": d.gate}
            for d in card.deciders
        ],
        "sensitivity": {
            "winner": sens.winner,
            "stability": rounded(sens.stability),
            "close_call": sens.close_call,
            "draws": sens.draws,
            "seed": sens.seed,
            "spread": sens.spread,
            "flips": [
                {"section": f.section, "factor": f.factor, "new_winner": f.new_winner}
                for f in sens.flips
            ],
        },
    }


def vendor_json(v: VendorResult, today: dt.date | None = None) -> VendorJson:
    gates = {g.id: g for g in v.gates}
    return {
        "id": v.id,
        "name": v.name,
        "rank": v.rank,
        "verdict": v.verdict,
        "conditions": [c.text() for c in v.conditions],
        "score": rounded(v.score),
        "score_answered": rounded(v.score_answered),
        "claims": rounded(v.claims),
        "readiness": rounded(v.readiness),
        "hype_gap": rounded(v.hype_gap),
        "coverage": rounded(v.coverage),
        "lower": rounded(v.lower),
        "upper": rounded(v.upper),
        "gates_failed": [gate_json(g) for g in v.gates_failed],
        "gates_open": [g.id for g in v.gates_open],
        "sections": {
            sid: {
                "score": rounded(s.score),
                "score_answered": rounded(s.score_answered),
                "coverage": rounded(s.coverage),
                "answered": s.answered,
                "total": s.total,
            }
            for sid, s in v.sections.items()
        },
        "disagreements": [disagreement_json(q) for q in v.disagreements],
        "stale": [stale_json(q, today) for q in v.stale_questions] if today else [],
        "questions": {qid: question_json(q, gates.get(qid)) for qid, q in v.questions.items()},
    }


def stale_json(q: QuestionResult, today: dt.date) -> StaleJson:
    """A stale question: whose answer, how old its freshest evidence is, the rule."""
    assert q.aging is not None
    return {"question": q.id, "rater": q.aging.rater, "retrieved": q.aging.dated.isoformat(),
            "age_days": q.aging.age(today), "rule_days": q.aging.rule,
            "stale_since": (q.aging.fresh_until + dt.timedelta(days=1)).isoformat()}


def question_json(q: QuestionResult, gate: GateResult | None) -> QuestionJson:
    """One question for one vendor: each rater's answer, the aggregate, whether it applies,
    its gate in its terms, how much evidence stands behind it."""
    measured = q.measured_spread is not None
    return {
        "section": q.section.id,
        "status": q.status,
        "applies": q.status != "off",
        "because": q.off_reason or None,
        "raters": {r.rater: rater_json(r) for r in q.raters},
        "level": _level(q.level),
        "value": rounded(q.value),
        "measured": rounded(q.measured),
        "unit": q.question.unit,
        "spread": _level(q.spread) if q.raters else None,
        "relative_spread": rounded(q.measured_spread) if measured else None,
        "disagreement": q.disagreement,
        "share": rounded(q.share),
        "evidence": sum(len(r.answer.evidence) for r in q.raters),
        "gate": gate_json(gate) if gate is not None else None,
    }


def rater_json(r: RaterView) -> RaterAnswerJson:
    return {"answer": _given(r.answer), "level": _level(r.level),
            "confidence": r.confidence, "evidence": len(r.answer.evidence)}


def _given(answer: Answer) -> int | bool | str | float | None:
    """The value as the rater gave it (a score, true/false, a choice id, a measurement)."""
    if answer.na:
        return "N/A"
    held = answer.held_value()
    return None if held is None else held.content


def gate_json(g: GateResult) -> GateJson:
    """A gate result: `value` and `min` as before (the level reached, the level's minimum),
    with what the gate asks in its question's terms (`bound`), the answer it was held
    against (`answer`: the measurement of a number question, else the raters' answers) and
    both in words (`text`)."""
    b = g.bound
    return {
        "question": g.id,
        "status": g.status,
        "value": _level(g.level),
        "min": _level(g.min),
        "bound": {"kind": b.kind, "min": b.min, "max": b.max, "accept": list(b.accept),
                  "unit": b.unit},
        "answer": {"level": _level(g.level), "measured": rounded(g.measured),
                   "answers": list(g.answers)},
        "text": g.text(),
    }


def disagreement_json(q: QuestionResult) -> DisagreementJson:
    """Levels for most questions; for a number question the raters' measurements, their
    relative spread and the unit."""
    if q.measured_spread is not None:
        return {
            "question": q.id,
            "spread": _level(q.spread),
            "relative_spread": rounded(q.measured_spread),
            "unit": q.question.unit,
            "raters": {r.rater: ("N/A" if r.na else r.value) for r in q.raters},
        }
    return {
        "question": q.id,
        "spread": _level(q.spread),
        "raters": {r.rater: ("N/A" if r.na else _level(r.level)) for r in q.raters},
    }
