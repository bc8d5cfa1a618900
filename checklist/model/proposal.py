"""Proposed answers: values the tool computed from the team's own evidence, for a rater to take.

A proposal comes from a source a person ran (`checklist bakeoff propose`, `checklist evidence
import`): the question it informs (the rubric's `informed_by`), the value in the question's
own unit, how it was computed (the note) and the files it was computed from (evidence with
their sha256, graded `own-test`). It never counts in a score. A rater accepts it, which
copies it into their answers, or answers the question differently, which overrides it; a
rater's own answer is never replaced unless they ask.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from checklist.model.common import Model, Name, Slug
from checklist.model.ratings import Answer

#: Proposals in one source's file (a few per vendor; generous).
MAX_PROPOSALS = 10_000

State = Literal["open", "accepted", "overridden"]


class Proposal(Model):
    vendor: Slug
    question: Slug
    answer: Answer


class ProposalsFile(Model):
    """`proposals/<source>.yaml`: everything one run of one source proposed."""

    source: Slug
    title: Name
    made: dt.datetime
    proposals: list[Proposal] = Field(default_factory=list, max_length=MAX_PROPOSALS)


def state(proposal: Proposal, current: Answer | None) -> State:
    """Where a rater stands on a proposal: not answered yet (open), answered with its value
    (accepted), or answered otherwise (overridden: the rater's answer stands)."""
    held = current.held_value() if current is not None else None
    if held is None:
        return "open"
    return "accepted" if held == proposal.answer.held_value() else "overridden"


def accepted(proposal: Proposal, current: Answer | None) -> Answer:
    """`current` holding the proposed value, with the proposal's evidence added (once) and
    its note kept when the rater has none of their own; confidence and time are the rater's."""
    base = current if current is not None else Answer()
    evidence = list(base.evidence)
    for item in proposal.answer.evidence:
        if item not in evidence:
            evidence.append(item)
    return base.merged(value=proposal.answer.held_value(), evidence=evidence,
                       note=base.note or proposal.answer.note)
