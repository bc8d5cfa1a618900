"""A decision's life: proposed -> accepted / rejected / deferred -> superseded, and who moved
it, when and why.

`checklist.model.decision_edit` applies the transitions; this module holds the record and the
one table of which step is allowed from which status.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from checklist.model.common import Model, Name, Slug
from checklist.model.rubric import Text

Status = Literal["draft", "proposed", "accepted", "rejected", "deferred", "superseded"]
Action = Literal["accept", "reject", "defer", "supersede", "reopen"]

#: The status each step leads to.
LEADS_TO: dict[str, Status] = {
    "accept": "accepted",
    "reject": "rejected",
    "defer": "deferred",
    "supersede": "superseded",
    "reopen": "proposed",
}
#: Which steps each status allows: the whole lifecycle in one table.
ALLOWED: dict[str, tuple[Action, ...]] = {
    "draft": ("accept", "reject", "defer"),
    "proposed": ("accept", "reject", "defer"),
    "deferred": ("accept", "reject", "defer", "reopen"),
    "accepted": ("supersede", "reopen"),
    "rejected": ("supersede", "reopen"),
    "superseded": (),
}
#: Statuses in which the ratings are read-only: the decision rests on them as they are.
DECIDED: frozenset[str] = frozenset({"accepted", "rejected", "superseded"})
#: Steps in the decision's history, at most (a decision reopened every day for 27 years).
MAX_HISTORY = 10_000

#: What to do instead, for a step the status does not allow.
REMEDY: dict[str, str] = {
    "accepted": "reopen it first (--reopen --reason ...) or supersede it",
    "rejected": "reopen it first (--reopen --reason ...) or supersede it",
    "superseded": "a superseded decision is final; start a new evaluation with "
                  "`checklist new`",
    "draft": "accept, reject or defer it first",
    "proposed": "accept, reject or defer it first",
    "deferred": "accept, reject, defer again or reopen it",
}


class DecisionStep(Model):
    """One step of the decision's life, as `checklist decide` records it."""

    action: Action
    by: Annotated[Name, StringConstraints(min_length=1)]
    at: dt.datetime
    reason: Text = ""
    #: The vendor accepted (accept only).
    vendor: Slug | None = None
    #: When to look at the decision again (accept and defer).
    review_by: dt.date | None = None
    #: The last day the accepted vendor's evidence is all fresh, by the rubric's rules.
    fresh_until: dt.date | None = None
    #: The verdict's conditions when the vendor was accepted, in words.
    conditions: list[Text] = Field(default_factory=list, max_length=100)
    #: What replaces the decision (supersede only): a folder, a link, a title.
    successor: Text = ""
