"""The scorecard as plain data: `summary --json`, and the numbers behind every memo."""

from __future__ import annotations

import datetime as dt
from typing import Any

from checklist.scoring.results import QuestionResult, Scorecard, VendorResult

DIGITS = 4


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)


def _level(value: float | None) -> float | int | None:
    if value is None:
        return None
    rounded = round(value, DIGITS)
    return int(rounded) if float(rounded).is_integer() else rounded


def scorecard_json(card: Scorecard) -> dict[str, Any]:
    pin = card.evaluation.rubric
    sens = card.sensitivity
    return {
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
            {"vendor": d.vendor, "question": d.question, "share": _r(d.share), "gate": d.gate}
            for d in card.deciders
        ],
        "sensitivity": {
            "winner": sens.winner,
            "stability": _r(sens.stability),
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


def vendor_json(v: VendorResult, today: dt.date | None = None) -> dict[str, Any]:
    return {
        "id": v.id,
        "name": v.name,
        "rank": v.rank,
        "verdict": v.verdict,
        "conditions": [c.text() for c in v.conditions],
        "score": _r(v.score),
        "score_answered": _r(v.score_answered),
        "claims": _r(v.claims),
        "readiness": _r(v.readiness),
        "hype_gap": _r(v.hype_gap),
        "coverage": _r(v.coverage),
        "lower": _r(v.lower),
        "upper": _r(v.upper),
        "gates_failed": [
            {"question": g.id, "value": _level(g.level), "min": _level(g.min)}
            for g in v.gates_failed
        ],
        "gates_open": [g.id for g in v.gates_open],
        "sections": {
            sid: {
                "score": _r(s.score),
                "score_answered": _r(s.score_answered),
                "coverage": _r(s.coverage),
                "answered": s.answered,
                "total": s.total,
            }
            for sid, s in v.sections.items()
        },
        "disagreements": [disagreement_json(q) for q in v.disagreements],
        "stale": [stale_json(q, today) for q in v.stale_questions] if today else [],
    }


def stale_json(q: QuestionResult, today: dt.date) -> dict[str, Any]:
    """A stale question: whose answer, how old its freshest evidence is, the rule."""
    assert q.aging is not None
    return {"question": q.id, "rater": q.aging.rater, "retrieved": q.aging.dated.isoformat(),
            "age_days": q.aging.age(today), "rule_days": q.aging.rule,
            "stale_since": (q.aging.fresh_until + dt.timedelta(days=1)).isoformat()}


def disagreement_json(q: QuestionResult) -> dict[str, Any]:
    return {
        "question": q.id,
        "spread": _level(q.spread),
        "raters": {r.rater: ("N/A" if r.na else _level(r.level)) for r in q.raters},
    }
