"""What changing context flags would do, before it is done: gates switched, verdicts changed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from checklist.model.evaluation import Evaluation
from checklist.model.ratings import Ratings
from checklist.model.rubric import Rubric
from checklist.scoring import score
from checklist.scoring.results import verdict_label
from checklist.scoring.scorecard import context_values


@dataclass(frozen=True)
class GateSwitch:
    question: str
    flag: str
    on: bool


@dataclass(frozen=True)
class VerdictChange:
    vendor: str
    name: str
    before: str
    after: str


@dataclass(frozen=True)
class ContextChange:
    """Flags that change value, the gates they switch on or off, the verdicts that move."""

    flags: dict[str, tuple[bool, bool]]
    gates: list[GateSwitch]
    verdicts: list[VerdictChange]

    def lines(self) -> list[str]:
        """The change in words, one fact a line."""
        if not self.flags:
            return ["no flag changes value; nothing to do"]
        out = [f"{flag}: {_yes(old)} -> {_yes(new)}" for flag, (old, new) in self.flags.items()]
        for gate in self.gates:
            out.append(f"  gate on '{gate.question}' switches {'on' if gate.on else 'off'}")
        if self.flags and not self.gates:
            out.append("  no gate depends on it")
        for v in self.verdicts:
            out.append(f"  {v.name}: {verdict_label(v.before)} -> {verdict_label(v.after)}")
        if self.gates and not self.verdicts:
            out.append("  no vendor's verdict changes")
        return out


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def context_change(evaluation: Evaluation, rubric: Rubric, ratings: Mapping[str, Ratings],
                   values: Mapping[str, bool]) -> ContextChange:
    """What setting the flags in `values` would change (`values` hold known flags only)."""
    old = context_values(evaluation, rubric)
    flags = {f: (old[f], v) for f, v in values.items() if old.get(f) != v}
    gates = [
        GateSwitch(question.id, question.gate.when, flags[question.gate.when][1])
        for _, question in rubric.questions()
        if question.gate is not None and question.gate.when in flags
    ]
    verdicts: list[VerdictChange] = []
    if gates:
        after = evaluation.model_copy(update={"context": {**old, **values}})
        # Verdicts need no weight draws; the sensitivity analysis is skipped.
        was = {v.id: v.verdict for v in score(evaluation, rubric, ratings, draws=0).vendors}
        now = score(after, rubric, ratings, draws=0).vendors
        verdicts = [VerdictChange(v.id, v.name, was[v.id], v.verdict)
                    for v in now if was[v.id] != v.verdict]
    return ContextChange(flags, gates, verdicts)
