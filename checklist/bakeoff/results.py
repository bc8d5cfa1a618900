"""The bake-off's results: ratings overall and per category, and the judging quality, from
the votes on disk. One computation for `checklist bakeoff results` (table and JSON) and,
later, the TUI, the memo and the claim check.

The votes are every rater's (results judge nothing, so nothing is withheld); the draws are
seeded with the bake-off's seed unless another is given, so the same files give the same
intervals. Rating is refused (`ChecklistError`, exit 2) when there are no votes, or when the
votes cannot fix some vendor's strength: the message names the vendors and says why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from checklist.bakeoff.folder import Bakeoff, load_bakeoff
from checklist.bakeoff.intervals import LEVEL, Estimate
from checklist.bakeoff.plan import require_plan
from checklist.bakeoff.quality import Quality, UnusableRate, judging_quality, unusable_rates
from checklist.bakeoff.ratings import DEFAULT_DRAWS, NotRated, Ratings, rate
from checklist.bakeoff.vote_table import VoteTable
from checklist.bakeoff.votes import load_votes, votes_folder
from checklist.errors import ChecklistError, hint

#: Version of the JSON layout (`results_json`): bumped when a field changes meaning or goes.
SCHEMA_VERSION = 1
MIN_DRAWS = 100
MAX_DRAWS = 20_000


@dataclass(frozen=True)
class CategoryRatings:
    """Ratings of one category (None: all prompts), or why there are none."""

    category: str | None
    ratings: Ratings | None
    #: Each vendor's "both unusable" rate on these prompts.
    unusable: tuple[UnusableRate, ...]
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class BakeoffResults:
    bakeoff: Bakeoff
    plan: str
    vendors: tuple[str, ...]
    planned_votes: int
    table: VoteTable
    #: The ratings shown first: overall, or the one category asked for.
    main: CategoryRatings
    #: Each category's ratings (empty when one category was asked for).
    categories: tuple[CategoryRatings, ...]
    quality: Quality
    draws: int
    seed: int
    level: float

    def name(self, vendor: str) -> str:
        return self.bakeoff.vendor_names.get(vendor, vendor)


def bakeoff_results(path: Path, *, category: str | None = None, draws: int = DEFAULT_DRAWS,
                    seed: int | None = None, level: float = LEVEL) -> BakeoffResults:
    if not MIN_DRAWS <= draws <= MAX_DRAWS:
        raise ChecklistError.plain(f"--draws {draws}: give {MIN_DRAWS} to {MAX_DRAWS:,}")
    bakeoff = load_bakeoff(path)
    plan = require_plan(bakeoff)
    votes = load_votes(bakeoff, plan)
    tasks = {p.id: p.task for p in bakeoff.prompts}
    table = VoteTable.from_votes({r: f.votes for r, f in votes.items()}, plan.vendors, tasks)
    planned = sum(len(queue) for queue in plan.queues.values())
    seed = bakeoff.settings.seed if seed is None else seed
    where = votes_folder(bakeoff)
    known = list(dict.fromkeys(p.task for p in bakeoff.prompts))
    if category is not None and category not in known:
        raise ChecklistError.plain(f"--category {category}: no prompt has this task"
                                   f"{hint(category, known, 'the tasks are')}")
    if len(table) == 0:
        raise ChecklistError.at(where, f"no votes yet (0 of {planned} planned); judge with "
                                f"`checklist bakeoff vote {bakeoff.evaluation} --rater NAME`")
    if category is not None:
        table = table.category(category)
        if len(table) == 0:
            raise ChecklistError.at(where, f"no votes yet on prompts of task '{category}'")
    main = _rated(table, category, draws, seed, level)
    if main.ratings is None:
        what = "every vendor" + (f" on task '{category}'" if category else "")
        if category is None and len(table) < planned:
            then = f"keep judging ({len(table)} of {planned} planned votes cast)"
        else:
            then = ("these votes rank them but cannot rate them; a bake-off with more "
                    "prompts can say by how much")
        raise ChecklistError.at(where, f"too few votes to rate {what}: "
                                f"{'; '.join(main.reasons)}; {then}")
    categories: tuple[CategoryRatings, ...] = ()
    voted = [c for c in known if c in table.categories]  # in bakeoff.yaml's order
    if category is None and len(voted) > 1:
        categories = tuple(_rated(table.category(c), c, draws, seed, level) for c in voted)
    return BakeoffResults(bakeoff, plan.id, tuple(plan.vendors), planned, table, main,
                          categories, judging_quality(table, level=level), draws, seed, level)


def _rated(table: VoteTable, category: str | None, draws: int, seed: int,
           level: float) -> CategoryRatings:
    unusable = unusable_rates(table, level=level)
    try:
        return CategoryRatings(category, rate(table, draws=draws, seed=seed, level=level),
                               unusable)
    except NotRated as exc:
        return CategoryRatings(category, None, unusable, tuple(exc.reasons))


# --- JSON ------------------------------------------------------------------------------------


def results_json(results: BakeoffResults) -> dict[str, object]:
    """The results for machines; `schema_version` says which layout this is. An interval
    end the votes cannot bound is null."""
    table = results.table
    return {
        "schema_version": SCHEMA_VERSION,
        "bakeoff": {
            "title": results.bakeoff.settings.title,
            "plan": results.plan,
            "vendors": [{"id": v, "name": results.name(v)} for v in results.vendors],
            "planned_votes": results.planned_votes,
            "votes": len(table),
            "preference_votes": int(table.preference.sum()),
            "unusable_votes": int(table.unusable.sum()),
            "prompts": len(table.prompts),
            "raters": list(table.raters),
        },
        "method": {
            "model": "bradley-terry",
            "ties": "half a win for each side",
            "both_unusable": "left out of the ratings; counted as each vendor's unusable rate",
            "elo": "400/ln(10) x strength + 1000 (the vendors' mean is 1000)",
            "intervals": "two-way cluster bootstrap: prompts and raters resampled together, "
                         "percentile ends corrected for vote noise counted more than once",
            "level": results.level,
            "draws": results.draws,
            "seed": results.seed,
        },
        "category": results.main.category,
        "ratings": _ratings_json(results, results.main),
        "categories": [_ratings_json(results, c) for c in results.categories],
        "quality": _quality_json(results.quality),
    }


def _ratings_json(results: BakeoffResults, rated: CategoryRatings) -> dict[str, object]:
    ratings = rated.ratings
    if ratings is None:
        return {"category": rated.category, "rated": False, "reasons": list(rated.reasons)}
    unusable = {u.vendor: u for u in rated.unusable}
    vendors = []
    for rank, vendor in enumerate(ratings.ranking(), start=1):
        k = ratings.index(vendor)
        against = {}
        for other in ratings.ranking():
            if other == vendor:
                continue
            against[other] = {**_estimate(ratings.win_probability(vendor, other), 6),
                              "elo_gap": _estimate(ratings.elo_gap(vendor, other), 3),
                              "detectable_gap_elo": _number(
                                  ratings.detectable_gap(vendor, other), 3)}
        u = unusable[vendor]
        vendors.append({"rank": rank, "vendor": vendor, "name": results.name(vendor),
                        "elo": _estimate(ratings.elo(vendor), 3),
                        "votes": ratings.vendor_votes[k],
                        "unusable": {"votes": u.votes, "unusable": u.unusable,
                                     "rate": _estimate(u.rate, 6)},
                        "win_probability": against})
    return {"category": rated.category, "rated": True, "votes": ratings.votes,
            "prompts": ratings.prompts, "raters": ratings.raters,
            "degenerate_draws": ratings.degenerate_draws, "vendors": vendors}


def _quality_json(quality: Quality) -> dict[str, object]:
    a, p = quality.agreement, quality.position
    return {
        "agreement": {"krippendorff_alpha_ordinal": _number(a.ordinal, 6),
                      "krippendorff_alpha_nominal": _number(a.nominal, 6),
                      "comparisons_judged_by_several": a.units, "votes": a.votes},
        "position_bias": {"left_won": p.left, "decisive_votes": p.decisive,
                          "left_share": _estimate(p.share, 6), "detected": p.detected},
        "raters": [{"rater": r.rater, "votes": r.votes, "decisive_votes": r.decisive,
                    "agreed_with_others": _number(r.agreed, 6),
                    "expected_agreement": _number(r.expected, 6), "z": _number(r.z, 3),
                    "flagged": r.flagged, "left_share": _estimate(r.left, 6)}
                   for r in quality.raters],
        "unusable": [{"vendor": u.vendor, "votes": u.votes, "unusable": u.unusable,
                      "rate": _estimate(u.rate, 6)} for u in quality.unusable],
    }


def _number(value: float | None, digits: int) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


def _estimate(estimate: Estimate, digits: int) -> dict[str, float | None]:
    return {"value": _number(estimate.value, digits), "low": _number(estimate.low, digits),
            "high": _number(estimate.high, digits)}
