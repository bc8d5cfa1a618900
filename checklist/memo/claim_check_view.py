"""The bake-off's claim check for the memo: computed once here, from
`checklist.bakeoff.results.bakeoff_results` and `checklist.bakeoff.claim_verdicts`, the same
numbers `checklist bakeoff results` prints under "Claims versus our own test".

A bake-off that cannot be rated yet (no plan, no votes, too few votes, a broken file) is
never an error for the memo: the view says why in a sentence, and the memo is still made.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

from checklist.errors import ChecklistError
from checklist.memo.appendix_types import ClaimCheckRow, ClaimCheckView, ClaimNotChecked
from checklist.model.evaluation import Evaluation
from checklist.numbers import number

#: The headline's opening words.
OURS = "Our blind bake-off"


def claim_check(evaluation: Evaluation, folder: Path) -> ClaimCheckView | None:
    """The claim check of the evaluation in `folder`, or None without a bake-off."""
    from checklist.bakeoff.claim_verdicts import claim_verdicts
    from checklist.bakeoff.folder import has_bakeoff
    from checklist.bakeoff.results import bakeoff_results

    if not has_bakeoff(folder):
        return None
    try:
        results = bakeoff_results(folder)
    except ChecklistError as exc:
        why = "; ".join(p.message for p in exc.problems) or str(exc)
        return ClaimCheckView(headline=f"{OURS} cannot be rated yet: {why}.", rows=[],
                              not_checked=[], unrated=why)
    names = {v.id: v.name for v in evaluation.vendors}

    def name(vid: str) -> str:
        return names.get(vid, results.name(vid))

    rows: list[ClaimCheckRow] = []
    not_checked: list[ClaimNotChecked] = []
    for v in claim_verdicts(evaluation, results):
        c = v.check
        if c is None:
            not_checked.append(ClaimNotChecked(name(v.vendor), v.claim.text, v.why_not))
            continue
        rank = c.comparison.kind == "rank"
        rows.append(ClaimCheckRow(
            vendor=name(v.vendor),
            claim=v.claim.text,
            pair=f"{name(c.comparison.vendor)} over {name(c.comparison.rival)}",
            claimed="ahead (over 50%)" if rank else _pct(c.claimed),
            claimed_p=c.claimed,
            ours=f"{_pct(c.ours.value)} ({_pct(c.ours.low)} to {_pct(c.ours.high)})",
            ours_p=c.ours.value,
            low_p=_bounded(c.ours.low),
            high_p=_bounded(c.ours.high),
            verdict=c.verdict,
            detectable=(f"{number(round(c.detectable_elo))} Elo"
                        if math.isfinite(c.detectable_elo) else "unbounded"),
            remark="; ".join(filter(None, [v.category or "", v.remark])),
        ))
    return ClaimCheckView(headline=_headline(rows, len(not_checked)), rows=rows,
                          not_checked=not_checked, unrated="")


def _headline(rows: list[ClaimCheckRow], unchecked: int) -> str:
    if not rows:
        return (f"{OURS} checks no claim: none compares two of its vendors in Elo, win rate "
                "or rank" + (f" ({unchecked} not checkable)." if unchecked else "."))
    counts = Counter(r.verdict for r in rows)
    claims = f"{len(rows)} claim{'s' if len(rows) != 1 else ''} checked"
    if len(counts) == 1:
        return f"{OURS}: {claims}, {rows[0].verdict}."
    order = ("contradicted", "inconclusive", "consistent")
    return f"{OURS}: {claims}: " + ", ".join(f"{counts[k]} {k}" for k in order
                                            if counts[k]) + "."


def _bounded(p: float) -> float:
    """An interval end for a plot: an end the votes cannot bound is drawn at the axis's end."""
    return min(1.0, max(0.0, p)) if math.isfinite(p) else (1.0 if p > 0 else 0.0)


def _pct(value: float) -> str:
    if not math.isfinite(value):
        return "unbounded"
    return f"{number(round(value * 100, 1))}%"
