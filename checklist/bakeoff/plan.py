"""The plan: which outputs each rater compares, in which order, made before anyone votes.

`make_plan` turns the bake-off (vendors, prompts, outputs) and the raters into a `PlanFile`
using the balanced design in `design.py`; every random choice follows the bake-off's seed, so
the same files and seed give the same plan, byte for byte. Outputs get opaque ids (`o` and
ten random hex digits from the seed's own stream): nothing in an id is derived from a vendor,
a prompt or a path, so a judge who sees ids learns nothing. The hidden mapping (id -> vendor,
prompt, sha256 of the content) is stored in the plan for the judge's tools and the audit.

`write_plan` refuses to replace a plan once anyone has voted under it (the votes point at its
comparisons); `load_plan` checks a plan against the bake-off and refuses one edited by hand
(its `id` is the digest of the rest).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from checklist.bakeoff import design
from checklist.bakeoff.catalog import Catalog
from checklist.bakeoff.folder import PLAN_FILE, Bakeoff, own_file
from checklist.bakeoff.model import (
    MAX_COMPARISONS,
    Comparison,
    PairsMode,
    PlanFile,
    PlannedOutput,
)
from checklist.errors import ChecklistError, Problem, hint, one_of
from checklist.files.atomic import write_atomic
from checklist.files.folder import rater_id
from checklist.files.lock import folder_lock
from checklist.files.validate import to_model
from checklist.files.yamlio import YamlDoc, dump_yaml, read_yaml

PLAN_HEADER = (
    "The bake-off plan, made by `checklist bakeoff plan` from seed {seed}. Do not edit: `id` is\n"
    "the digest of the rest. `outputs` is the hidden mapping from opaque ids to vendors; judges\n"
    "see only the ids. Each rater's `queues` entry lists their comparisons in the order shown."
)


@dataclass(frozen=True)
class PlanRequest:
    """What `checklist bakeoff plan` asks for."""

    raters: list[str]
    seed: int
    pairs: PairsMode = "all"
    per_prompt: int | None = None
    overlap: int = 1


def make_plan(bakeoff: Bakeoff, catalog: Catalog, request: PlanRequest) -> PlanFile:
    """A plan for every vendor and prompt of the bake-off; refuses when an output is missing
    or unusable (every planned pair needs both outputs)."""
    catalog.raise_problems()
    missing = catalog.missing(bakeoff)
    if missing:
        shown = one_of([f"{v}/{p}" for v, p in missing], limit=10)
        raise ChecklistError.at(bakeoff.path, f"{len(missing)} output(s) missing, so some "
                                f"planned pairs could not be judged: {shown}; add them (see "
                                f"`checklist bakeoff status {bakeoff.evaluation}`)")
    raters = rater_ids(request.raters)
    vendors = bakeoff.vendors
    prompts = [p.id for p in bakeoff.prompts]
    total_pairs = design.pair_count(len(vendors))
    per_prompt = total_pairs if request.pairs == "all" else (
        request.per_prompt if request.per_prompt is not None else max(1, len(vendors) // 2))
    if request.pairs == "all" and request.per_prompt not in (None, total_pairs):
        raise ChecklistError.plain(f"--per-prompt goes with --pairs balanced; --pairs all "
                                   f"compares all {total_pairs} pairs on every prompt")
    if not 1 <= per_prompt <= total_pairs:
        raise ChecklistError.plain(f"--per-prompt {per_prompt}: {len(vendors)} vendors make "
                                   f"{total_pairs} pairs, so give 1 to {total_pairs}")
    if not 1 <= request.overlap <= len(raters):
        raise ChecklistError.plain(f"--overlap {request.overlap}: each comparison can be "
                                   f"judged by 1 to {len(raters)} rater(s) (one per --rater)")
    count = per_prompt * len(prompts)
    if count > MAX_COMPARISONS:
        raise ChecklistError.plain(f"{count:,} comparisons, over the limit of "
                                   f"{MAX_COMPARISONS:,}; use --pairs balanced with a smaller "
                                   "--per-prompt")
    seed = request.seed
    triples = design.pairs_for_prompts(len(vendors), len(prompts), per_prompt, seed)
    slots = design.orient(triples, len(vendors), seed)
    dealt = design.deal_raters(len(slots), len(raters), request.overlap, seed)
    queues = design.queues(dealt, len(raters), seed)

    ids = opaque_ids(len(vendors) * len(prompts), seed)
    id_of: dict[tuple[str, str], str] = {}
    outputs: dict[str, PlannedOutput] = {}
    for k, (vendor, prompt) in enumerate((v, p) for p in prompts for v in vendors):
        output = catalog.get(vendor, prompt)
        assert output is not None  # nothing is missing (checked above)
        id_of[(vendor, prompt)] = ids[k]
        outputs[ids[k]] = PlannedOutput(vendor=vendor, prompt=prompt, sha256=output.sha256())
    width = max(4, len(str(len(slots))))
    comparisons = [
        Comparison(id=f"c{k + 1:0{width}d}", prompt=prompts[s.prompt],
                   left=id_of[(vendors[s.left], prompts[s.prompt])],
                   right=id_of[(vendors[s.right], prompts[s.prompt])])
        for k, s in enumerate(slots)
    ]
    plan = PlanFile(
        id="0" * 12, seed=seed, pairs=request.pairs, per_prompt=per_prompt,
        overlap=request.overlap, vendors=vendors, raters=raters,
        outputs=dict(sorted(outputs.items())), comparisons=comparisons,
        queues={r: [comparisons[i].id for i in queues[k]] for k, r in enumerate(raters)},
    )
    return plan.model_copy(update={"id": plan_digest(plan)})


def rater_ids(names: list[str]) -> list[str]:
    """Rater ids through the one door every rater name passes (`rater_id`), distinct."""
    if not names:
        raise ChecklistError.plain("--rater: name at least one rater (repeat --rater for each)")
    ids: list[str] = []
    for name in names:
        ident = rater_id(name)
        if ident in ids:
            raise ChecklistError.plain(f"--rater {name!r}: rater '{ident}' is named twice")
        ids.append(ident)
    return ids


def opaque_ids(count: int, seed: int) -> list[str]:
    """`count` distinct ids `o` + 10 hex digits from the seed's own stream."""
    rng = design.stream(seed, "ids")
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < count:
        ident = f"o{rng.getrandbits(40):010x}"
        if ident not in seen:
            seen.add(ident)
            out.append(ident)
    return out


def plan_digest(plan: PlanFile) -> str:
    data = plan.model_dump(mode="json", exclude={"id"})
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def plan_text(plan: PlanFile) -> str:
    data = plan.model_dump(mode="json")
    return dump_yaml(data, header=PLAN_HEADER.format(seed=plan.seed))


def plan_path(bakeoff: Bakeoff) -> Path:
    return own_file(bakeoff.path, PLAN_FILE)


def write_plan(bakeoff: Bakeoff, plan: PlanFile) -> bool:
    """Writes plan.yaml; refuses to replace a different plan someone has voted under.
    Returns False when the same plan is already there."""
    from checklist.bakeoff.votes import raters_with_votes

    with folder_lock(bakeoff.evaluation):
        target = plan_path(bakeoff)
        text = plan_text(plan)
        if target.exists() and target.read_bytes() == text.encode("utf-8"):
            return False
        voted = raters_with_votes(bakeoff)
        if voted:
            raise ChecklistError.at(target, f"{len(voted)} rater(s) have voted under the "
                                    f"current plan ({one_of(voted)}); a new plan would orphan "
                                    "their votes. Finish with this plan, or move votes/ aside "
                                    "to start over")
        write_atomic(target, text)
        return True


def load_plan(bakeoff: Bakeoff) -> PlanFile | None:
    """plan.yaml checked against the bake-off, or None when there is no plan yet."""
    target = plan_path(bakeoff)
    if not target.exists():
        return None
    doc = read_yaml(target, what="plan")
    plan = to_model(doc, PlanFile, what="plan")
    problems = check_plan(doc, plan, bakeoff)
    if problems:
        raise ChecklistError(problems[:50])
    return plan


def require_plan(bakeoff: Bakeoff) -> PlanFile:
    plan = load_plan(bakeoff)
    if plan is None:
        raise ChecklistError.at(plan_path(bakeoff), "no plan yet; make one with `checklist "
                                f"bakeoff plan {bakeoff.evaluation} --rater NAME ...`")
    return plan


def check_plan(doc: YamlDoc, plan: PlanFile, bakeoff: Bakeoff) -> list[Problem]:
    problems: list[Problem] = []
    if plan.id != plan_digest(plan):
        problems.append(doc.problem(("id",), "the plan was changed by hand (its id is no "
                                    "longer the digest of its content); restore it from version "
                                    "control, or make a new one with `checklist bakeoff plan`"))
        return problems
    prompts = {p.id for p in bakeoff.prompts}
    for index, vendor in enumerate(plan.vendors):
        if vendor not in bakeoff.vendors:
            problems.append(doc.problem(("vendors", index), f"vendor '{vendor}' is no longer "
                                        "in the bake-off; make a new plan"))
    for ident, output in plan.outputs.items():
        if output.prompt not in prompts:
            problems.append(doc.problem(("outputs", ident, "prompt"), f"prompt "
                                        f"'{output.prompt}' is no longer in the bake-off"
                                        f"{hint(output.prompt, sorted(prompts), 'prompts')}"))
    seen: set[str] = set()
    for index, comparison in enumerate(plan.comparisons):
        left, right = plan.outputs.get(comparison.left), plan.outputs.get(comparison.right)
        if comparison.id in seen:
            problems.append(doc.problem(("comparisons", index, "id"), "duplicate comparison "
                                        f"id '{comparison.id}'"))
        seen.add(comparison.id)
        if left is None or right is None or left.prompt != comparison.prompt or (
                right.prompt != comparison.prompt) or left.vendor == right.vendor:
            problems.append(doc.problem(("comparisons", index), f"comparison '{comparison.id}' "
                                        "does not pair two vendors' outputs for its prompt"))
    if sorted(plan.queues) != sorted(plan.raters):
        problems.append(doc.problem(("queues",), "one queue per rater in `raters`"))
    for rater, queue in plan.queues.items():
        if len(set(queue)) != len(queue) or not set(queue) <= seen:
            problems.append(doc.problem(("queues", rater), f"{rater}'s queue names a "
                                        "comparison twice or one the plan does not have"))
    return problems


@dataclass(frozen=True)
class PlanSummary:
    """What `checklist bakeoff plan` prints about a plan."""

    comparisons: int
    votes: int
    per_rater: dict[str, int]
    pair_counts: tuple[int, int]
    prompts: int

    @classmethod
    def of(cls, plan: PlanFile) -> PlanSummary:
        counts = Counter(
            tuple(sorted((plan.outputs[c.left].vendor, plan.outputs[c.right].vendor)))
            for c in plan.comparisons
        )
        values = list(counts.values()) or [0]
        return cls(len(plan.comparisons), sum(len(q) for q in plan.queues.values()),
                   {r: len(q) for r, q in plan.queues.items()}, (min(values), max(values)),
                   len({c.prompt for c in plan.comparisons}))


def planned_votes(plan: PlanFile) -> list[tuple[int, int]]:
    """(left, right) vendor indices of every planned vote (a comparison judged by two
    raters counts twice): what the power simulation plays out."""
    index = {v: k for k, v in enumerate(plan.vendors)}
    by_id = {c.id: c for c in plan.comparisons}
    return [
        (index[plan.outputs[by_id[cid].left].vendor], index[plan.outputs[by_id[cid].right].vendor])
        for queue in plan.queues.values() for cid in queue
    ]
