"""What a rubric question may be informed by: the team's own measurements, as named sources.

A question declares `informed_by: measure.latency-p95` (or `bakeoff.usable-rate` ...) and the
tool then *proposes* its answer from that source (`checklist bakeoff propose`, `checklist
evidence import`); a rater accepts or overrides the proposal. The vocabulary, the question
type each source fits and how its value is expressed in the question's unit live here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from checklist.model.rubric import Question

Kind = Literal["share", "seconds", "money", "yes_no"]


@dataclass(frozen=True)
class Source:
    """One named source: what it measures and in which kind of unit."""

    name: str
    kind: Kind
    meaning: str


SOURCES: dict[str, Source] = {s.name: s for s in (
    Source("bakeoff.usable-rate", "share", "share of the vendor's bake-off outputs produced "
           "and never judged 'both unusable' (an upper bound: pairwise votes record only "
           "outputs that were both unusable)"),
    Source("bakeoff.win-rate", "share", "the vendor's mean win probability against the other "
           "vendors of the bake-off (Bradley-Terry fit of the blind votes)"),
    Source("bakeoff.to-plan", "yes_no", "every planned comparison judged, blind, by the "
           "planned raters"),
    Source("measure.latency-p50", "seconds", "median latency per request"),
    Source("measure.latency-p95", "seconds", "95th percentile latency per request"),
    Source("measure.error-rate", "share", "share of requests that failed"),
    Source("measure.cost-per-request", "money", "mean cost per request, in the file's "
           "currency"),
    Source("measure.pass-rate", "share", "share of test cases whose assertions passed "
           "(promptfoo)"),
    Source("measure.accuracy", "share", "the harness's main accuracy metric (lm-evaluation-"
           "harness, inspect_ai)"),
)}

#: Units a question may use for each kind, and the factor from the source's base unit
#: (shares are fractions 0..1, seconds are seconds, money is as the file gives it).
UNITS: dict[Kind, dict[str, float]] = {
    "share": {"%": 100.0, "percent": 100.0, "fraction": 1.0},
    "seconds": {"s": 1.0, "seconds": 1.0, "ms": 1000.0, "min": 1 / 60},
    "money": {},
    "yes_no": {},
}


def problem(question: Question) -> str | None:
    """Why `question` cannot take its `informed_by` source, or None when it can."""
    name = question.informed_by
    if name is None:
        return None
    source = SOURCES.get(name)
    if source is None:
        return f"unknown source '{name}'; use one of {', '.join(SOURCES)}"
    if source.kind == "yes_no":
        if question.type != "yes_no":
            return f"'{name}' gives yes or no: the question must be `type: yes_no`"
        return None
    if question.type != "number":
        return f"'{name}' gives a number: the question must be `type: number`"
    units = UNITS[source.kind]
    if units and (question.unit or "") not in units:
        return (f"'{name}' is a {source.kind}: give the question one of the units "
                f"{', '.join(repr(u) for u in units)}")
    return None


def in_question_unit(question: Question, value: float) -> float:
    """A source's value (base unit) in the question's unit: 0.42 -> 42 for a '%' question."""
    source = SOURCES[question.informed_by or ""]
    factor = UNITS[source.kind].get(question.unit or "", 1.0)
    return value * factor
