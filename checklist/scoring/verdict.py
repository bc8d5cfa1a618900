"""Gates and verdicts: go, go with conditions, no-go or incomplete, and why.

- a failed gate makes a vendor no-go whatever its score; an open gate makes it incomplete;
- "go with conditions" means every applicable gate passed, but the evidence is not yet
  strong enough to sign, or has gone stale (see `verdict`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

from checklist.model.rubric import Question, Rubric
from checklist.scoring.results import Condition, GateResult, QuestionResult, Verdict

_EPS = 1e-9


def gate_result(question: Question, result: QuestionResult,
                context: Mapping[str, bool]) -> GateResult:
    """Whether one gate applies here, and passed, failed, is open or is off."""
    gate = question.gate
    assert gate is not None
    applies = gate.when is None or bool(context.get(gate.when, False))
    if not applies or result.status == "na":
        status: Literal["pass", "fail", "open", "off"] = "off"
    elif result.status == "open":
        status = "open"
    elif result.level is not None and result.level < gate.min - _EPS:
        status = "fail"
    else:
        status = "pass"
    stale = result.aging if result.stale and status == "pass" else None
    return GateResult(question, gate.min, gate.when, applies, status, result.level,
                      result.low_confidence, result.disagreement, result.anchor, stale)


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
        return "no-go", [Condition("gate failed", g.id, g.level, g.min) for g in failed]
    still_open = [g for g in gates if g.status == "open"]
    if still_open:
        return "incomplete", [Condition("gate open", g.id) for g in still_open]
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
