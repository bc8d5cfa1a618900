"""How much the winner depends on the section weights somebody chose.

Two views, both over the qualified vendors (gates do not depend on weights):
- flips: for each section alone, the factor on its weight at which another vendor would
  win, searched down to 0 (dropping the section) and up to MAX_FACTOR;
- stability: the share of seeded random draws, each section weight multiplied by a factor
  drawn uniformly from [1 - spread, 1 + spread], in which the winner stays the winner.
"""

from __future__ import annotations

import math
import operator
import random
from collections.abc import Sequence
from dataclasses import dataclass

from checklist.scoring.scorecard import Flip, Sensitivity, VendorResult

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
            best, best_total = None, -math.inf
            tie = False
            for candidate in self.candidates:
                total = sum(map(operator.mul, weights, candidate.scores))
                if total > best_total + 1e-12:
                    best, best_total, tie = candidate, total, False
                elif abs(total - best_total) <= 1e-12:
                    tie = True
            if not tie and best is not None and denominator > 0:
                return best.id
        return min(self.candidates, key=lambda c: self._key(c, weights)).id

    def _key(self, candidate: _Candidate, weights: Sequence[float]) -> tuple[float, float, str]:
        denominator = sum(map(operator.mul, weights, candidate.present))
        overall = (
            sum(map(operator.mul, weights, candidate.scores)) / denominator if denominator else 0
        )
        ready_w = [w * m * p for w, m, p in
                   zip(weights, candidate.readiness_mask, candidate.present, strict=True)]
        ready_total = sum(ready_w)
        readiness = (
            sum(map(operator.mul, ready_w, candidate.scores)) / ready_total if ready_total else 0
        )
        return (-round(overall, 12), -round(readiness, 12), candidate.name.casefold())


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
    flips = []
    for index, section_id in enumerate(section_ids):
        if base[index] <= 0:
            continue
        if model.shared_presence is not None:
            found_both = _crossings(model, base, index, winner)
        else:
            found_both = [_first_flip(model, base, index, winner, grid) for grid in (_DOWN, _UP)]
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


def _crossings(model: WeightModel, base: list[float], index: int,
               winner: str) -> list[tuple[float, str] | None]:
    """The nearest factor below and above 1 at which a rival overtakes, solved exactly.

    With the same sections applying to everyone, scaling one section weight by f changes
    each vendor's weighted total linearly: total(f) = A + (f - 1) * w * s. The winner keeps
    the lead until the first rival's line crosses its own; that crossing is the flip.
    """
    best = next(c for c in model.candidates if c.id == winner)
    weight = base[index]
    others = sum(w for i, w in enumerate(base) if i != index)
    lead_at_one = {
        c.id: sum(map(operator.mul, base, best.scores)) - sum(map(operator.mul, base, c.scores))
        for c in model.candidates if c.id != winner
    }
    down: tuple[float, str] | None = None
    up: tuple[float, str] | None = None
    for candidate in model.candidates:
        if candidate.id == winner:
            continue
        slope = weight * (best.scores[index] - candidate.scores[index])
        if slope == 0:
            continue
        factor = 1 - lead_at_one[candidate.id] / slope
        if factor == 1:  # tied at the base weights: the first step either way decides
            factor = 1 - 1e-9 if slope > 0 else 1 + 1e-9
        if abs(factor) < 1e-12:
            # Crossing exactly where the section is dropped: a tie, which the ranking rule
            # (readiness, then name) may still give to the winner.
            dropped = list(base)
            dropped[index] = 0.0
            if others <= 0 or model.winner(dropped) != candidate.id:
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


def _first_flip(model: WeightModel, base: list[float], index: int, winner: str,
                grid: Sequence[float]) -> tuple[float, str] | None:
    """The factor nearest 1 on this side at which the winner changes, to within 0.005."""

    def who(factor: float) -> str:
        weights = list(base)
        weights[index] = base[index] * factor
        return model.winner(weights)

    previous = 1.0
    others = sum(w for i, w in enumerate(base) if i != index)
    for factor in grid:
        if factor == 0 and others <= 0:
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
