"""One decision: who is being compared, under which rubric, in which context."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator

from checklist.errors import ChecklistError, hint
from checklist.model.common import (
    MAX_CLAIMS,
    MAX_CONTEXT_FLAGS,
    MAX_DECISION_MAKERS,
    MAX_VENDORS,
    NAME_CHARS,
    STATEMENT_CHARS,
    Grade,
    Model,
    Name,
    Slug,
    Url,
    slugify,
)
from checklist.model.rubric import Text, Version

Status = Literal["draft", "proposed", "accepted", "rejected", "superseded"]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Claim(Model):
    """A vendor's benchmark claim, with who ran it: the thing the rubric makes a team doubt."""

    text: Annotated[str, StringConstraints(max_length=STATEMENT_CHARS)]
    task: Name = ""
    metric: Name = ""
    value: str | float = ""
    source: Url = ""
    run_by: Name = ""
    grade: Grade = "vendor-claim"
    date: dt.date | None = None
    note: Text = ""

    @field_validator("value")
    @classmethod
    def _short_value(cls, value: str | float) -> str | float:
        # Not `Name | float`: a union would report a long text twice, once per type.
        if isinstance(value, str) and len(value) > NAME_CHARS:
            raise ValueError(f"too long ({len(value)} characters, at most {NAME_CHARS}); "
                             "shorten it")
        return value


class Vendor(Model):
    id: Slug
    name: Annotated[Name, StringConstraints(min_length=1)]
    product: Name = ""
    website: Url = ""
    notes: Text = ""
    claims: list[Claim] = Field(default_factory=list, max_length=MAX_CLAIMS)


class RubricPin(Model):
    """Which rubric the evaluation was scored against, exactly (the lock file's digest)."""

    id: Slug
    version: Version
    sha256: Sha256


class Evaluation(Model):
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    owner: Name = ""
    date: dt.date | None = None
    as_of: Name = ""
    status: Status = "draft"
    decision_makers: list[Name] = Field(default_factory=list, max_length=MAX_DECISION_MAKERS)
    background: Text = ""
    decision: Text = ""
    rubric: RubricPin
    context: dict[str, bool] = Field(default_factory=dict, max_length=MAX_CONTEXT_FLAGS)
    vendors: list[Vendor] = Field(default_factory=list, max_length=MAX_VENDORS)

    def vendor(self, vid: str) -> Vendor | None:
        return next((v for v in self.vendors if v.id == vid), None)

    def find_vendor(self, text: str) -> Vendor:
        """The vendor a person means by `text`: its id or its name, in any case. Every front
        end (`rate --vendor`, `memo --vendor`, the TUI's `--vendor`) finds vendors here."""
        wanted = text.strip().casefold()
        for vendor in self.vendors:
            if wanted in (vendor.id, vendor.name.casefold()):
                return vendor
        raise ChecklistError.plain(f"unknown vendor '{text}'"
                                   f"{hint(text, [v.id for v in self.vendors], 'vendors')}")


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
