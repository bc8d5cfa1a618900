"""Every vendor claim of the evaluation against our bake-off: a verdict, or why there is none.

A claim is checked when it compares its vendor with another vendor of the bake-off in a
unit the bake-off measures (Elo points, a win rate, a rank: preferences between two
outputs). Every other claim is listed with the reason it cannot be checked here, so the
memo and `bakeoff results` account for all of them. The arithmetic and the verdict rule are
in `claim_check`.
"""

from __future__ import annotations

from dataclasses import dataclass

from checklist.bakeoff.claim_check import ClaimCheck, Comparison, check_claim
from checklist.bakeoff.ratings import Ratings
from checklist.bakeoff.results import BakeoffResults
from checklist.model.claim import Claim, is_win_rate
from checklist.model.evaluation import Evaluation
from checklist.numbers import number

#: Units whose claims are about preferences between two outputs: what a bake-off measures.
TESTABLE_UNITS = ("elo", "win-rate", "rank")


@dataclass(frozen=True)
class ClaimVerdict:
    vendor: str
    claim: Claim
    #: The check, or None with `why_not`.
    check: ClaimCheck | None
    why_not: str = ""
    #: The task whose ratings were used (None: all prompts), and a remark on that choice.
    category: str | None = None
    remark: str = ""


def claim_verdicts(evaluation: Evaluation, results: BakeoffResults) -> list[ClaimVerdict]:
    """Every claim of every vendor, in the evaluation's order."""
    tested = set(results.vendors)
    by_task = {c.category: c.ratings for c in results.categories if c.ratings is not None}
    out = []
    for vendor in evaluation.vendors:
        for claim in vendor.claims:
            out.append(_verdict(vendor.id, claim, tested, results.main.ratings, by_task))
    return out


def _verdict(vendor: str, claim: Claim, tested: set[str], overall: Ratings | None,
             by_task: dict[str | None, Ratings]) -> ClaimVerdict:
    def untested(why: str) -> ClaimVerdict:
        return ClaimVerdict(vendor, claim, None, why)

    against = claim.compared_with
    if against is None:
        return untested("not a comparison; a bake-off checks claims against another vendor")
    if against.vendor is None:
        return untested(f"compared with {against.target}, which is not a vendor of this "
                        "evaluation")
    if claim.unit not in TESTABLE_UNITS:
        what = claim.metric or claim.unit or "an unstated metric"
        return untested(f"a claim on {what}; our bake-off measures which output judges "
                        "prefer (Elo, win rate, rank)")
    for who in (vendor, against.vendor):
        if who not in tested:
            return untested(f"{who} was not in our bake-off")
    comparison, remark = _comparison(vendor, claim)
    if comparison is None:
        return untested(remark)
    ratings, category = overall, None
    if claim.task and claim.task in by_task:
        ratings, category = by_task[claim.task], claim.task
    elif claim.task:
        remark = "; ".join(filter(None, [remark, f"no rated '{claim.task}' prompts: "
                                          "checked on all prompts"]))
    if ratings is None:
        return untested("our votes are too few to rate the vendors")
    try:
        check = check_claim(comparison, ratings)
    except ValueError as exc:
        return untested(str(exc))
    return ClaimVerdict(vendor, claim, check, category=category, remark=remark)


def _comparison(vendor: str, claim: Claim) -> tuple[Comparison | None, str]:
    """The claim as numbers, with a remark when only its direction can be checked."""
    against = claim.compared_with
    assert against is not None and against.vendor is not None
    rival = against.vendor
    if claim.unit == "win-rate":
        if isinstance(claim.value, float | int) and not isinstance(claim.value, bool):
            rate = float(claim.value) / 100
        elif against.margin is not None:
            rate = 0.5 + against.margin / 100
        else:
            return Comparison(vendor, rival, "rank"), "no figure: checked for direction only"
        if not is_win_rate(rate * 100):
            return None, (f"a win rate of {number(rate * 100)}% is not a win rate (0 to "
                          "100%)")
        return Comparison(vendor, rival, "win-rate", rate), ""
    if claim.unit == "elo" and against.margin is not None:
        return Comparison(vendor, rival, "elo", against.margin), ""
    if claim.unit == "rank" and against.margin is not None:
        return Comparison(vendor, rival, "rank", against.margin), ""
    remark = "" if claim.unit == "rank" else "no margin: checked for direction only"
    return Comparison(vendor, rival, "rank"), remark
