"""How much the winner depends on the section weights somebody chose.

Two views, both over the qualified vendors (gates do not depend on weights):
- flips: for each section alone, the factor on its weight at which another vendor would
  win, searched down to 0 (dropping the section) and up to MAX_FACTOR;
- stability: the share of seeded random draws, each section weight multiplied by a factor
  drawn uniformly from [1 - spread, 1 + spread], in which the winner stays the winner.

Both cost O(vendors x sections) (times the draws for stability): each vendor's weighted
sums are added up once, and a flip step moves them by one section's share (`OneWeight`).
"""

from __future__ import annotations

import math
import operator
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checklist.scoring.results import Flip, Sensitivity, VendorResult

MAX_FACTOR = 10.0
DEFAULT_DRAWS = 1000
DEFAULT_SEED = 0
DEFAULT_SPREAD = 0.5
_DOWN = (0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.0)
_UP = (1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0, 5.0, 7.5, 10.0)


@dataclass(frozen=True)
class _Candidate:
    id: str
    name: str
    scores: tuple[float, ...]  # section scores, 0.0 for inapplicable sections
    present: tuple[float, ...]  # 1.0 where the section applies to this vendor, else 0.0
    readiness_mask: tuple[float, ...]


class WeightModel:
    """Recomputes overall and readiness for any section weights, fast enough for 1000 draws."""

    def __init__(self, vendors: Sequence[VendorResult], section_ids: Sequence[str],
                 axes: Sequence[str]) -> None:
        self.section_ids = tuple(section_ids)
        readiness_mask = tuple(1.0 if a == "readiness" else 0.0 for a in axes)
        self.candidates = [
            _Candidate(
                v.id,
                v.name,
                tuple(_score(v, s) for s in section_ids),
                tuple(0.0 if v.sections[s].score is None else 1.0 for s in section_ids),
                readiness_mask,
            )
            for v in vendors
        ]
        presence = {c.present for c in self.candidates}
        self.shared_presence = presence.pop() if len(presence) == 1 else None

    def winner(self, weights: Sequence[float]) -> str:
        if self.shared_presence is not None:
            denominator = sum(map(operator.mul, weights, self.shared_presence))
            leader = _clear_leader((c.id, sum(map(operator.mul, weights, c.scores)))
                                   for c in self.candidates)
            if leader is not None and denominator > 0:
                return leader
        return min(self.candidates, key=lambda c: self._key(c, weights)).id

    def _key(self, candidate: _Candidate, weights: Sequence[float]) -> tuple[float, float, str]:
        denominator = sum(map(operator.mul, weights, candidate.present))
        ready_w = [w * m * p for w, m, p in
                   zip(weights, candidate.readiness_mask, candidate.present, strict=True)]
        return _ranking_key(sum(map(operator.mul, weights, candidate.scores)), denominator,
                            sum(map(operator.mul, ready_w, candidate.scores)), sum(ready_w),
                            candidate.name)


def _clear_leader(totals: Iterable[tuple[str, float]]) -> str | None:
    """The vendor with the highest weighted total, or None on a tie (within 1e-12): with the
    same denominator for everyone, the highest total is the highest overall score."""
    best, best_total = None, -math.inf
    tie = False
    for vid, total in totals:
        if total > best_total + 1e-12:
            best, best_total, tie = vid, total, False
        elif abs(total - best_total) <= 1e-12:
            tie = True
    return None if tie else best


def _ranking_key(total: float, denominator: float, ready: float, ready_total: float,
                 name: str) -> tuple[float, float, str]:
    """The ranking rule on weighted sums: overall, then readiness, then name."""
    overall = total / denominator if denominator else 0
    readiness = ready / ready_total if ready_total else 0
    return (-round(overall, 12), -round(readiness, 12), name.casefold())


class OneWeight:
    """The winner when one section's weight changes, in O(vendors) instead of
    O(vendors x sections).

    Each vendor's weighted sums (total, denominator, readiness and its weight) are added up
    once at the base weights; changing section i's weight from w to w' moves each sum by
    (w' - w) x that section's value, and the ranking rule is applied to the moved sums. This
    is what keeps the flip search linear in the number of sections (20,000 one-question
    sections took 37 s when every step re-added every section). Whether a denominator is
    empty is decided by counting its non-zero terms, never by a difference that could cancel
    to zero; should a difference still come out non-positive where terms remain (a weight
    dwarfing all the others), the ranking is recomputed in full.
    """

    def __init__(self, model: WeightModel, base: Sequence[float]) -> None:
        self.model = model
        self.base = list(base)
        self.totals = [sum(map(operator.mul, base, c.scores)) for c in model.candidates]
        self._sums = []
        for c in model.candidates:
            ready_w = [w * m * p for w, m, p in zip(base, c.readiness_mask, c.present,
                                                    strict=True)]
            self._sums.append((
                sum(map(operator.mul, base, c.present)),
                sum(1 for w, p in zip(base, c.present, strict=True) if w * p),
                sum(map(operator.mul, ready_w, c.scores)),
                sum(ready_w),
                sum(1 for w in ready_w if w),
            ))
        #: How many sections weigh anything at the base weights.
        self.weighted = sum(1 for w in base if w)

    def winner(self, index: int, weight: float) -> str:
        old = self.base[index]
        moved = []
        for candidate, total, sums in zip(self.model.candidates, self.totals, self._sums,
                                          strict=True):
            denominator, terms, ready, ready_total, ready_terms = sums
            score = candidate.scores[index]
            present = candidate.present[index]
            ready_weight = candidate.readiness_mask[index] * present
            terms += bool(weight * present) - bool(old * present)
            ready_terms += bool(weight * ready_weight) - bool(old * ready_weight)
            shift = weight * ready_weight - old * ready_weight
            denominator = denominator + (weight - old) * present if terms else 0.0
            ready_total = ready_total + shift if ready_terms else 0.0
            if (terms and denominator <= 0) or (ready_terms and ready_total <= 0):
                weights = list(self.base)
                weights[index] = weight
                return self.model.winner(weights)
            moved.append((candidate, total + (weight - old) * score, denominator,
                          ready + shift * score, ready_total))
        if self.model.shared_presence is not None and moved[0][2] > 0:
            leader = _clear_leader((c.id, total) for c, total, *_ in moved)
            if leader is not None:
                return leader
        return min(moved, key=lambda m: _ranking_key(m[1], m[2], m[3], m[4], m[0].name))[0].id


def _score(vendor: VendorResult, section_id: str) -> float:
    score = vendor.sections[section_id].score
    return 0.0 if score is None else score


def sensitivity(
    qualified: Sequence[VendorResult],
    section_ids: Sequence[str],
    axes: Sequence[str],
    weights: Sequence[float],
    *,
    threshold: float,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    spread: float = DEFAULT_SPREAD,
) -> Sensitivity:
    if not qualified:
        return Sensitivity(None, 1.0, False, (), draws, seed, spread)
    if len(qualified) == 1:
        return Sensitivity(qualified[0].id, 1.0, False, (), draws, seed, spread)
    model = WeightModel(qualified, section_ids, axes)
    base = list(weights)
    winner = model.winner(base)
    one = OneWeight(model, base)
    flips = []
    for index, section_id in enumerate(section_ids):
        if base[index] <= 0:
            continue
        if model.shared_presence is not None:
            found_both = _crossings(one, index, winner)
        else:
            found_both = [_first_flip(one, index, winner, grid) for grid in (_DOWN, _UP)]
        for found in found_both:
            if found is not None:
                factor, new_winner = found
                flips.append(Flip(section_id, round(factor, 2), new_winner))
    flips.sort(key=lambda f: (abs(math.log(f.factor)) if f.factor > 0 else math.inf, f.section))

    contenders = _possible_challengers(model, base, winner, spread)
    kept = draws
    if contenders:
        # Only vendors that could overtake somewhere in the box of draws need recomputing:
        # the others lose to the winner under every draw, so they cannot change the result.
        keep = {winner, *contenders}
        narrowed = WeightModel([v for v in qualified if v.id in keep], section_ids, axes)
        kept = _kept(narrowed, base, winner, draws, seed, spread)
    stability = kept / draws if draws else 1.0
    return Sensitivity(winner, stability, stability < threshold, tuple(flips), draws, seed,
                       spread)


def _kept(model: WeightModel, base: list[float], winner: str, draws: int, seed: int,
          spread: float) -> int:
    """How many of the seeded draws keep `winner` ahead.

    Draw weights are base * (1 - spread + 2 * spread * r) with r uniform in [0, 1). With the
    same sections applying to everyone, the winner's lead over a rival is linear in r:
    lead = A + sum(g_s * r_s), so each draw costs one short dot product per rival. An exact
    tie (probability zero, but possible) goes through the full ranking rule.
    """
    rng = random.Random(seed)
    low, width = 1 - spread, 2 * spread
    size = len(base)
    if model.shared_presence is None:
        return sum(
            model.winner([w * (low + width * rng.random()) for w in base]) == winner
            for _ in range(draws)
        )
    best = next(c for c in model.candidates if c.id == winner)
    rivals = []
    for candidate in model.candidates:
        if candidate.id == winner:
            continue
        lead = [mine - theirs for mine, theirs in zip(best.scores, candidate.scores, strict=True)]
        constant = sum(b * low * d for b, d in zip(base, lead, strict=True))
        slope = [b * width * d for b, d in zip(base, lead, strict=True)]
        rivals.append((constant, slope))
    draw = rng.random
    kept = 0
    for _ in range(draws):
        r = [draw() for _ in range(size)]
        margins = [constant + sum(map(operator.mul, slope, r)) for constant, slope in rivals]
        worst = min(margins)
        if worst > 1e-12:
            kept += 1
        elif worst >= -1e-12:  # a tie: let the ranking rule (readiness, name) decide
            drawn = [w * (low + width * x) for w, x in zip(base, r, strict=True)]
            kept += model.winner(drawn) == winner
    return kept


def _possible_challengers(model: WeightModel, base: list[float], winner: str,
                          spread: float) -> list[str]:
    """Vendors that beat or tie the winner for at least one weighting in the box of draws.

    With the same sections applying to everyone, a vendor's lead over another is linear in
    the weights, so its worst case sits at a corner of the box: each weight at its low end
    where the winner is ahead on that section and at its high end where it is behind.
    """
    if model.shared_presence is None:
        return [c.id for c in model.candidates if c.id != winner]
    best = next(c for c in model.candidates if c.id == winner)
    low = [w * (1 - spread) for w in base]
    high = [w * (1 + spread) for w in base]
    found = []
    for candidate in model.candidates:
        if candidate.id == winner:
            continue
        margin = 0.0
        for index, (mine, theirs) in enumerate(zip(best.scores, candidate.scores, strict=True)):
            lead = mine - theirs
            margin += lead * (low[index] if lead >= 0 else high[index])
        if margin <= 1e-9:
            found.append(candidate.id)
    return found


def _crossings(one: OneWeight, index: int, winner: str) -> list[tuple[float, str] | None]:
    """The nearest factor below and above 1 at which a rival overtakes, solved exactly.

    With the same sections applying to everyone, scaling one section weight by f changes
    each vendor's weighted total linearly: total(f) = A + (f - 1) * w * s. The winner keeps
    the lead until the first rival's line crosses its own; that crossing is the flip.
    Costs O(vendors): the totals at the base weights are added up once, in `one`.
    """
    model, base = one.model, one.base
    position = next(i for i, c in enumerate(model.candidates) if c.id == winner)
    best = model.candidates[position]
    best_total = one.totals[position]
    weight = base[index]
    # Weights are never negative: the others weigh nothing exactly when none is non-zero.
    others_weigh = one.weighted > 1
    dropped_winner: str | None = None
    down: tuple[float, str] | None = None
    up: tuple[float, str] | None = None
    for candidate, total in zip(model.candidates, one.totals, strict=True):
        if candidate.id == winner:
            continue
        slope = weight * (best.scores[index] - candidate.scores[index])
        if slope == 0:
            continue
        factor = 1 - (best_total - total) / slope
        if factor == 1:  # tied at the base weights: the first step either way decides
            factor = 1 - 1e-9 if slope > 0 else 1 + 1e-9
        if abs(factor) < 1e-12:
            # Crossing exactly where the section is dropped: a tie, which the ranking rule
            # (readiness, then name) may still give to the winner.
            if not others_weigh:
                continue
            if dropped_winner is None:
                dropped_winner = one.winner(index, 0.0)
            if dropped_winner != candidate.id:
                continue
            factor = 0.0
        if factor < 1 and factor >= 0:
            if down is None or factor > down[0] or (factor == down[0] and candidate.id < down[1]):
                down = (factor, candidate.id)
        elif 1 < factor <= MAX_FACTOR and (
            up is None or factor < up[0] or (factor == up[0] and candidate.id < up[1])
        ):
            up = (factor, candidate.id)
    return [down, up]


def _first_flip(one: OneWeight, index: int, winner: str,
                grid: Sequence[float]) -> tuple[float, str] | None:
    """The factor nearest 1 on this side at which the winner changes, to within 0.005."""
    weight = one.base[index]

    def who(factor: float) -> str:
        return one.winner(index, weight * factor)

    previous = 1.0
    for factor in grid:
        if factor == 0 and one.weighted <= 1:
            break  # no weight left at all: nothing to rank by
        if who(factor) != winner:
            low, high = previous, factor  # `low` keeps the winner, `high` does not
            while abs(high - low) > 0.005:
                middle = (low + high) / 2
                if who(middle) == winner:
                    low = middle
                else:
                    high = middle
            return high, who(high)
        previous = factor
    return None
