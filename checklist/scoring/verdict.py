"""Gates and verdicts: go, go with conditions, no-go or incomplete, and why.

- a failed gate makes a vendor no-go whatever its score; an open gate makes it incomplete;
- "go with conditions" means every applicable gate passed, but the evidence is not yet
  strong enough to sign, or has gone stale (see `verdict`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

from checklist.model.rubric import Question, Rubric, Scale
from checklist.scoring.applies import gate_applies
from checklist.scoring.gate_terms import GateBound, bound_of, said
from checklist.scoring.results import Aggregate, Condition, GateResult, QuestionResult, Verdict
from checklist.scoring.values import aggregated

_EPS = 1e-9


def gate_result(question: Question, result: QuestionResult, context: Mapping[str, bool],
                scale: Scale, aggregate: Aggregate = "mean") -> GateResult:
    """Whether one gate applies here, and passed, failed, is open or is off.

    A level gate fails below its `min`; a number gate when the aggregated measurement is
    outside `min`/`max`; an answer gate (`require`, `accept`) unless the aggregate of the
    raters' "acceptable" (1) and "not acceptable" (0) is 1: with the mean every rater must
    give an acceptable answer, with the median most of them.
    """
    gate = question.gate
    assert gate is not None
    bound = bound_of(question)
    applies = gate_applies(question, context)
    given = [said(question, r.answer.answer, r.answer.choice)
             for r in result.raters if r.level is not None]
    answers = tuple(dict.fromkeys(a for a in given if a is not None))
    if not applies or result.status in ("na", "off"):
        status: Literal["pass", "fail", "open", "off"] = "off"
    elif result.status == "open":
        status = "open"
    elif _misses(bound, result, given, aggregate):
        status = "fail"
    else:
        status = "pass"
    stale = result.aging if result.stale and status == "pass" else None
    return GateResult(question, gate.min, gate.when, applies, status, result.level,
                      result.low_confidence, result.disagreement, result.anchor, bound,
                      result.measured, answers, scale, stale)


def _misses(bound: GateBound, result: QuestionResult, given: list[str | None],
            aggregate: Aggregate) -> bool:
    if bound.kind == "number":
        value = result.measured
        if value is None:
            return False
        return ((bound.min is not None and value < bound.min - _EPS)
                or (bound.max is not None and value > bound.max + _EPS))
    if bound.kind == "answer":
        if not given:
            return False
        share = aggregated([1.0 if a in bound.accept else 0.0 for a in given], aggregate)
        return share < 1 - _EPS
    return (result.level is not None and bound.min is not None
            and result.level < bound.min - _EPS)


def verdict(
    gates: tuple[GateResult, ...],
    coverage: float,
    readiness: float | None,
    rubric: Rubric,
    today: dt.date | None = None,
) -> tuple[Verdict, list[Condition]]:
    """go / conditional / no-go / incomplete, with the reasons behind a conditional.

    `conditional` ("go with conditions") means every applicable gate passed, but the
    evidence is not yet strong enough to sign: too little of the weight is answered, a gate
    passed on a low-confidence answer, over a rater disagreement or on evidence that is stale
    on `today`, or readiness is below the policy's floor.
    """
    failed = [g for g in gates if g.status == "fail"]
    if failed:
        return "no-go", [Condition("gate failed", g.id, _held(g), _limit(g), g)
                         for g in failed]
    still_open = [g for g in gates if g.status == "open"]
    if still_open:
        return "incomplete", [Condition("gate open", g.id, gate_result=g) for g in still_open]
    policy = rubric.policy
    conditions = []
    if coverage < policy.min_coverage - _EPS:
        conditions.append(Condition("coverage", None, coverage, policy.min_coverage))
    for gate in gates:
        if gate.status != "pass":
            continue
        if gate.low_confidence:
            conditions.append(Condition("low confidence", gate.id))
        if gate.disagreement:
            conditions.append(Condition("disagreement", gate.id))
        if gate.stale is not None and today is not None:
            conditions.append(Condition("stale", gate.id, gate.stale.age(today),
                                        gate.stale.rule))
    if readiness is not None and readiness < policy.min_readiness - _EPS:
        conditions.append(Condition("readiness", None, readiness, policy.min_readiness))
    return ("conditional" if conditions else "go"), conditions


def _held(gate: GateResult) -> float | None:
    """What fell short as a number: the measurement, or the level."""
    return gate.measured if gate.bound.kind == "number" else gate.level


def _limit(gate: GateResult) -> float | None:
    """The number it had to reach: the bound it missed, or the level's minimum (none for an
    answer gate, whose bound is the answers in `gate.bound.accept`)."""
    bound = gate.bound
    if bound.kind == "number":
        value = gate.measured
        if bound.max is not None and value is not None and value > bound.max:
            return bound.max
        return bound.min
    return bound.min
