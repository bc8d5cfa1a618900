"""Where a bake-off stands: outputs present and missing per vendor and prompt, the plan,
votes done per rater. Not a judging view: it may count everyone's votes (never shows them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checklist.bakeoff.catalog import Catalog, build_catalog
from checklist.bakeoff.folder import Bakeoff
from checklist.bakeoff.model import PlanFile
from checklist.bakeoff.plan import load_plan
from checklist.bakeoff.votes import load_votes
from checklist.errors import ChecklistError, Problem


@dataclass(frozen=True)
class VendorOutputs:
    vendor: str
    name: str
    present: int
    failed: int
    missing: list[str]


@dataclass(frozen=True)
class RaterProgress:
    rater: str
    name: str
    done: int
    share: int


@dataclass
class BakeoffStatus:
    bakeoff: Bakeoff
    catalog: Catalog
    vendors: list[VendorOutputs]
    plan: PlanFile | None
    raters: list[RaterProgress] = field(default_factory=list)
    #: Planned outputs whose content changed after the plan was made ("vendor/prompt").
    changed: list[str] = field(default_factory=list)
    #: Problems that stop planning or judging (bad files, unusable outputs, bad votes).
    problems: list[Problem] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return sum(len(v.missing) for v in self.vendors)


def bakeoff_status(bakeoff: Bakeoff, *, check_content: bool = True) -> BakeoffStatus:
    """The status; problems are collected so a person sees them all at once. With
    `check_content`, every planned output is hashed to find those changed since the plan."""
    catalog = build_catalog(bakeoff)
    vendors = []
    for vendor in bakeoff.vendors:
        have = [catalog.get(vendor, p.id) for p in bakeoff.prompts]
        vendors.append(VendorOutputs(
            vendor, bakeoff.vendor_names.get(vendor, vendor),
            sum(1 for o in have if o is not None and o.kind != "failed"),
            sum(1 for o in have if o is not None and o.kind == "failed"),
            [p.id for p, o in zip(bakeoff.prompts, have, strict=True) if o is None]))
    status = BakeoffStatus(bakeoff, catalog, vendors, None, problems=list(catalog.problems))
    try:
        status.plan = load_plan(bakeoff)
    except ChecklistError as exc:
        status.problems += exc.problems
        return status
    plan = status.plan
    if plan is None:
        return status
    if check_content:
        for planned in plan.outputs.values():
            output = catalog.get(planned.vendor, planned.prompt)
            if output is not None and output.sha256() != planned.sha256:
                status.changed.append(f"{planned.vendor}/{planned.prompt}")
    try:
        votes = load_votes(bakeoff, plan)
    except ChecklistError as exc:
        status.problems += exc.problems
        votes = {}
    for rater in plan.raters:
        own = votes.get(rater)
        queue = set(plan.queues.get(rater, []))
        done = len({v.comparison for v in own.votes} & queue) if own else 0
        status.raters.append(RaterProgress(rater, own.rater if own else rater, done,
                                           len(queue)))
    return status
