"""One decision: who is being compared, under which rubric, in which context."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from checklist.errors import ChecklistError
from checklist.model.common import Grade, Model, Slug, slugify
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


def vendors_from_names(names: list[str]) -> list[Vendor]:
    """Vendors with slug ids; two names with the same id are a mistake worth saying."""
    vendors: list[Vendor] = []
    for name in names:
        ident = slugify(name) or "vendor-" + hashlib.sha256(name.encode()).hexdigest()[:6]
        twin = next((v for v in vendors if v.id == ident), None)
        if twin is not None:
            raise ChecklistError.plain(f"vendor {name!r} and vendor {twin.name!r} would both "
                                       f"be '{ident}'; give each vendor once, with distinct "
                                       "names")
        vendors.append(Vendor(id=ident, name=name.strip()))
    return vendors
