"""One decision: who is being compared, under which rubric, in which context."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from checklist.model.common import Grade, Model, Slug
from checklist.model.rubric import Text, Version

Status = Literal["draft", "proposed", "accepted", "rejected", "superseded"]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Claim(Model):
    """A vendor's benchmark claim, with who ran it: the thing the rubric makes a team doubt."""

    text: Text
    task: str = ""
    metric: str = ""
    value: str | float = ""
    source: str = ""
    run_by: str = ""
    grade: Grade = "vendor-claim"
    date: dt.date | None = None
    note: Text = ""


class Vendor(Model):
    id: Slug
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    product: str = ""
    website: str = ""
    notes: Text = ""
    claims: list[Claim] = Field(default_factory=list)


class RubricPin(Model):
    """Which rubric the evaluation was scored against, exactly (the lock file's digest)."""

    id: Slug
    version: Version
    sha256: Sha256


class Evaluation(Model):
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    owner: str = ""
    date: dt.date | None = None
    as_of: str = ""
    status: Status = "draft"
    decision_makers: list[str] = Field(default_factory=list)
    background: Text = ""
    decision: Text = ""
    rubric: RubricPin
    context: dict[str, bool] = Field(default_factory=dict)
    vendors: list[Vendor] = Field(default_factory=list)

    def vendor(self, vid: str) -> Vendor | None:
        return next((v for v in self.vendors if v.id == vid), None)
