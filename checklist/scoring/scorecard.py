"""The scorecard: one computation that the TUI, `summary --json` and the memo all show.

Pure functions over the models, no I/O. The rules (the README's Scoring section):

- a question's value is its aggregated scale score mapped to [0, 1]; N/A drops it;
- a section's `score` counts open questions as 0 ("no evidence, no credit"),
  `score_answered` leaves them out, `coverage` is the answered share of the weight;
- the `claims` and `readiness` axes are section-weighted means, reported apart; their
  difference is the hype gap;
- gates and verdicts: `checklist.scoring.verdict`;
- `lower`/`upper` put every open question at the scale's minimum/maximum.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping

from checklist.model.evaluation import Evaluation
from checklist.model.ratings import Answer, Ratings
from checklist.model.rubric import Question, Rubric, Section
from checklist.scoring.freshness import answer_aging, first_to_age
from checklist.scoring.results import (
    Aggregate,
    QuestionResult,
    RaterView,
    SectionResult,
    VendorResult,
)
from checklist.scoring.values import normalise, scale_score
from checklist.scoring.verdict import gate_result, verdict

_EPS = 1e-9


def context_values(evaluation: Evaluation, rubric: Rubric) -> dict[str, bool]:
    return {f.id: evaluation.context.get(f.id, f.default) for f in rubric.context}


def question_result(
    question: Question,
    section: Section,
    answers: list[tuple[str, Answer]],
    rubric: Rubric,
    aggregate: Aggregate,
    share: float = 0.0,
    today: dt.date | None = None,
) -> QuestionResult:
    """Aggregates the raters' answers to one question for one vendor; with `today`, says
    whether an answer is stale (`checklist.scoring.freshness`)."""
    scale = rubric.scale
    views = []
    for rater, answer in answers:
        level = None if answer.na else scale_score(answer, question, scale)
        if level is None and not answer.na:
            continue  # a draft (note only) or an answer that does not fit: open
        views.append(RaterView(rater, level, answer.na, answer.confidence, answer))
    levels = [v.level for v in views if v.level is not None]
    any_na = any(v.na for v in views)
    low = any(v.confidence == "low" for v in views)
    if not views:
        return QuestionResult(question, section, "open", None, None, (), 0.0, False, False,
                              share)
    if not levels:
        return QuestionResult(question, section, "na", None, None, tuple(views), 0.0, False,
                              low, 0.0)
    level = statistics.median(levels) if aggregate == "median" else statistics.fmean(levels)
    spread = max(levels) - min(levels)
    disagreement = spread >= rubric.policy.disagreement - _EPS or (any_na and bool(levels))
    aging = first_to_age(
        answer_aging(v.rater, v.answer, section.id, question.id, rubric.policy.freshness)
        for v in views if v.level is not None)
    stale = aging is not None and today is not None and aging.is_stale(today)
    return QuestionResult(
        question, section, "answered", level, normalise(level, scale), tuple(views), spread,
        disagreement, low, share, aging, stale,
    )


def is_na(answers: list[tuple[str, Answer]]) -> bool:
    """N/A for this vendor: every rater who gave a value said N/A (drafts do not count)."""
    said = [a.na or a.is_answered for _, a in answers]
    return any(said) and all(a.na for _, a in answers if a.na or a.is_answered)


def _weighted(pairs: list[tuple[float, float | None]]) -> float | None:
    total = sum(w for w, _ in pairs)
    if total <= 0:
        return None
    return sum(w * (v or 0.0) for w, v in pairs) / total


def vendor_result(
    vendor_id: str,
    vendor_name: str,
    rubric: Rubric,
    ratings: Mapping[str, Ratings],
    context: Mapping[str, bool],
    aggregate: Aggregate,
    today: dt.date | None = None,
) -> VendorResult:
    """Everything about one vendor except its rank (which needs the others)."""
    # Each rater's answers for this vendor, looked up once (raters in name order).
    by_rater = [(rater, ratings[rater].answers.get(vendor_id, {})) for rater in sorted(ratings)]
    answers_to = {
        q.id: [(rater, a) for rater, mine in by_rater if (a := mine.get(q.id)) is not None]
        for _, q in rubric.questions()
    }
    # A question's share of the overall score needs to know which questions are N/A first.
    na = {qid: is_na(given) for qid, given in answers_to.items()}
    applicable_weight = {
        s.id: sum(q.weight for q in s.questions if not na[q.id]) for s in rubric.sections
    }
    total_section_weight = sum(
        s.weight for s in rubric.sections if applicable_weight[s.id] > 0
    )
    sections: dict[str, SectionResult] = {}
    questions: dict[str, QuestionResult] = {}
    section_weights: list[tuple[Section, float]] = []
    for section in rubric.sections:
        in_section = applicable_weight[section.id]
        results = []
        for question in section.questions:
            share = 0.0
            if in_section > 0 and total_section_weight > 0 and not na[question.id]:
                share = (section.weight / total_section_weight) * (question.weight / in_section)
            result = question_result(question, section, answers_to[question.id], rubric,
                                     aggregate, share, today)
            questions[question.id] = result
            results.append(result)
        applicable = [r for r in results if r.status != "na"]
        weight_total = sum(r.question.weight for r in applicable)
        answered = [r for r in applicable if r.status == "answered"]
        weight_answered = sum(r.question.weight for r in answered)
        score = _weighted([(r.question.weight, r.value) for r in applicable])
        score_answered = _weighted([(r.question.weight, r.value) for r in answered])
        coverage = weight_answered / weight_total if weight_total > 0 else 1.0
        sections[section.id] = SectionResult(
            section, score, score_answered, coverage, len(answered), len(applicable),
            len(results) - len(applicable),
        )
        if weight_total > 0:
            section_weights.append((section, section.weight))

    def axis(name: str | None) -> float | None:
        pairs = [
            (s.weight, sections[s.id].score)
            for s, _ in section_weights
            if name is None or s.axis == name
        ]
        return _weighted(pairs)

    overall = axis(None) or 0.0
    answered_pairs = [
        (s.weight, sections[s.id].score_answered)
        for s, _ in section_weights
        if sections[s.id].score_answered is not None
    ]
    score_answered = _weighted(answered_pairs)
    claims, readiness = axis("claims"), axis("readiness")
    open_share = sum(q.share for q in questions.values() if q.status == "open")
    answered_share = sum(q.share for q in questions.values() if q.status == "answered")
    applicable_share = open_share + answered_share
    # Nothing applicable (every question N/A) leaves nothing unanswered: full coverage, as
    # for a section.
    coverage = answered_share / applicable_share if applicable_share > 0 else 1.0
    lower = overall
    upper = min(1.0, overall + open_share)

    gates = tuple(gate_result(q, questions[q.id], context) for _, q in rubric.questions() if q.gate)
    outcome, conditions = verdict(gates, coverage, readiness, rubric, today)
    return VendorResult(
        id=vendor_id,
        name=vendor_name,
        rank=0,
        verdict=outcome,
        conditions=tuple(conditions),
        score=overall,
        score_answered=score_answered,
        claims=claims,
        readiness=readiness,
        hype_gap=(claims - readiness) if claims is not None and readiness is not None else None,
        coverage=coverage,
        lower=lower,
        upper=upper,
        sections=sections,
        questions=questions,
        gates=gates,
    )


def rank_key(result: VendorResult) -> tuple[bool, float, float, str, str]:
    """Qualified first, then overall, then readiness, then name; no-go vendors last."""
    return (
        result.verdict == "no-go",
        -round(result.score, 12),
        -round(result.readiness or 0.0, 12),
        result.name.casefold(),
        result.id,
    )
