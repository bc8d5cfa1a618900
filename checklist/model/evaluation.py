"""One decision: who is being compared, under which rubric, in which context, decided by whom."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator

from checklist.errors import ChecklistError, hint
from checklist.model.claim import Claim, Comparison, Interval
from checklist.model.common import (
    MAX_CLAIMS,
    MAX_CONTEXT_FLAGS,
    MAX_DECISION_MAKERS,
    MAX_VENDORS,
    Model,
    Name,
    Slug,
    Url,
    slugify,
)
from checklist.model.decision import MAX_HISTORY, DecisionStep, Status
from checklist.model.rubric import Text, Version

__all__ = ["Claim", "Comparison", "Evaluation", "Interval", "Person", "RubricPin", "Vendor",
           "vendor_id", "vendors_from_names"]

Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
#: How the product is bought.
Channel = Literal["direct", "cloud-marketplace", "reseller"]
CHANNELS: tuple[str, ...] = ("direct", "cloud-marketplace", "reseller")
#: A decision maker's part in the decision (DACI): who drives it, who approves it, who
#: contributes, who is informed.
Role = Literal["driver", "approver", "contributor", "informed"]
ROLES: tuple[str, ...] = ("driver", "approver", "contributor", "informed")
#: Options considered beside the vendors ("keep the current vendor", "build in house").
MAX_OPTIONS = 100
#: The vendor fields a person sets after creating the evaluation (`checklist vendor set`).
VENDOR_FIELDS: tuple[str, ...] = ("name", "product", "model", "version", "maker", "channel",
                                  "region", "contact", "website", "notes")


class Vendor(Model):
    id: Slug
    name: Annotated[Name, StringConstraints(min_length=1)]
    #: What would be bought: the product or plan ("Kling 3.0 API, standard mode").
    product: Name = ""
    #: The model id as the API names it ("veo-3.1-generate-001").
    model: Name = ""
    #: Its version or snapshot ("2026-04-07").
    version: Name = ""
    #: Who makes the model, when it is bought from someone else (a cloud, a reseller).
    maker: Name = ""
    channel: Channel | None = None
    #: Where it would run or be contracted ("us-central1", "EU").
    region: Name = ""
    #: Who to ask at the vendor.
    contact: Name = ""
    website: Url = ""
    notes: Text = ""
    claims: list[Claim] = Field(default_factory=list, max_length=MAX_CLAIMS)


class Person(Model):
    """Someone who decides, or needs to know; `role` when it was given."""

    name: Annotated[Name, StringConstraints(min_length=1)]
    role: Role | None = None

    def display(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


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
    #: When the decision is due.
    due: dt.date | None = None
    status: Status = "draft"
    decision_makers: list[Person] = Field(default_factory=list, max_length=MAX_DECISION_MAKERS)
    #: Markdown.
    background: Text = ""
    #: Options considered beside the vendors ("keep the current vendor", "wait a year").
    options: list[Text] = Field(default_factory=list, max_length=MAX_OPTIONS)
    #: Facts about the purchase that rubric texts quote as named fields
    #: (`{evaluation.buyer}`; `checklist.model.named_fields` lists them).
    buyer: Name = ""
    use_case: Text = ""
    settings: Text = ""
    volume: Text = ""
    currency: Name = ""
    term: Name = ""
    #: What a vendor must show for us to buy.
    acceptance_criteria: Text = ""
    must_haves: Text = ""
    decision: Text = ""
    rubric: RubricPin
    context: dict[str, bool] = Field(default_factory=dict, max_length=MAX_CONTEXT_FLAGS)
    vendors: list[Vendor] = Field(default_factory=list, max_length=MAX_VENDORS)
    #: The vendor accepted (`checklist decide --accept`), while the status is accepted.
    chosen: Slug | None = None
    #: When to look at the decision again (`checklist recheck`).
    review_by: dt.date | None = None
    #: Every step `checklist decide` recorded, oldest first: who, when, why.
    history: list[DecisionStep] = Field(default_factory=list, max_length=MAX_HISTORY)

    @field_validator("decision_makers", mode="before")
    @classmethod
    def _names_are_people(cls, value: Any) -> Any:
        """The first format listed names only (`- Dana Okafor (VP Marketing)`): each loads
        as a person without a role, and is written back as `- name: ...`."""
        if isinstance(value, list):
            return [{"name": v} if isinstance(v, str) else v for v in value]
        return value

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


def vendor_id(name: str) -> str:
    """The id a vendor gets from its name (`new --vendor`, `vendor add`, `vendor rename`)."""
    return slugify(name) or "vendor-" + hashlib.sha256(name.encode()).hexdigest()[:6]


def vendors_from_names(names: list[str]) -> list[Vendor]:
    """Vendors with slug ids; two names with the same id are a mistake worth saying."""
    vendors: list[Vendor] = []
    for name in names:
        ident = vendor_id(name)
        twin = next((v for v in vendors if v.id == ident), None)
        if twin is not None:
            raise ChecklistError.plain(f"vendor {name!r} and vendor {twin.name!r} would both "
                                       f"be '{ident}'; give each vendor once, with distinct "
                                       "names")
        vendors.append(Vendor(id=ident, name=name.strip()))
    return vendors
