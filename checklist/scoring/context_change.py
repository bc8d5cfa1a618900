"""What changing context flags would do, before it is done: gates, questions and sections
switched, verdicts changed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from checklist.model import when as conditions
from checklist.model.evaluation import Evaluation
from checklist.model.ratings import Ratings
from checklist.model.rubric import Rubric
from checklist.scoring import score
from checklist.scoring.applies import gate_applies, off_because
from checklist.scoring.results import verdict_label
from checklist.scoring.scorecard import context_values


@dataclass(frozen=True)
class GateSwitch:
    question: str
    #: The first changed flag that the gate's conditions read.
    flag: str
    on: bool


@dataclass(frozen=True)
class Switch:
    """A question or section that a `when:` switches on or off."""

    kind: Literal["question", "section"]
    id: str
    on: bool


@dataclass(frozen=True)
class VerdictChange:
    vendor: str
    name: str
    before: str
    after: str


@dataclass(frozen=True)
class ContextChange:
    """Flags that change value, the gates, questions and sections they switch on or off, the
    verdicts that move."""

    flags: dict[str, tuple[bool, bool]]
    gates: list[GateSwitch]
    verdicts: list[VerdictChange]
    switched: list[Switch] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The change in words, one fact a line."""
        if not self.flags:
            return ["no flag changes value; nothing to do"]
        out = [f"{flag}: {_yes(old)} -> {_yes(new)}" for flag, (old, new) in self.flags.items()]
        for gate in self.gates:
            out.append(f"  gate on '{gate.question}' switches {'on' if gate.on else 'off'}")
        for part in self.switched:
            out.append(f"  {part.kind} '{part.id}' switches {'on' if part.on else 'off'}")
        if self.flags and not self.gates and not self.switched:
            out.append("  no gate, question or section depends on it")
        for v in self.verdicts:
            out.append(f"  {v.name}: {verdict_label(v.before)} -> {verdict_label(v.after)}")
        if (self.gates or self.switched) and not self.verdicts:
            out.append("  no vendor's verdict changes")
        return out


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def switches(rubric: Rubric, old: Mapping[str, bool],
             new: Mapping[str, bool]) -> tuple[list[GateSwitch], list[Switch]]:
    """The gates, sections and questions that apply under one context and not the other (a
    gate applies when its own `when` holds and its question is on)."""
    changed = [f for f in {**old, **new} if old.get(f, False) != new.get(f, False)]
    parts: list[Switch] = []
    for section in rubric.sections:
        before, after = (conditions.holds(section.when, c) for c in (old, new))
        if before != after:
            parts.append(Switch("section", section.id, after))
    gates: list[GateSwitch] = []
    for section, question in rubric.questions():
        before, after = (conditions.holds(question.when, c) for c in (old, new))
        if before != after:
            parts.append(Switch("question", question.id, after))
        if question.gate is None:
            continue
        was, now = (gate_applies(question, c) and off_because(section, question, c) is None
                    for c in (old, new))
        if was != now:
            read = [*conditions.flags(question.gate.when), *conditions.flags(question.when),
                    *conditions.flags(section.when)]
            flag = next((f for f in read if f in changed), read[0] if read else "")
            gates.append(GateSwitch(question.id, flag, now))
    return gates, parts


def context_change(evaluation: Evaluation, rubric: Rubric, ratings: Mapping[str, Ratings],
                   values: Mapping[str, bool]) -> ContextChange:
    """What setting the flags in `values` would change (`values` hold known flags only)."""
    old = context_values(evaluation, rubric)
    flags = {f: (old[f], v) for f, v in values.items() if old.get(f) != v}
    gates, switched = switches(rubric, old, {**old, **values})
    verdicts: list[VerdictChange] = []
    if gates or switched:
        after = evaluation.model_copy(update={"context": {**old, **values}})
        # Verdicts need no weight draws; the sensitivity analysis is skipped.
        was = {v.id: v.verdict for v in score(evaluation, rubric, ratings, draws=0).vendors}
        now = score(after, rubric, ratings, draws=0).vendors
        verdicts = [VerdictChange(v.id, v.name, was[v.id], v.verdict)
                    for v in now if was[v.id] != v.verdict]
    return ContextChange(flags, gates, verdicts, switched)
