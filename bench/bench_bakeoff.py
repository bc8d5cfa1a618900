"""Bake-off statistics: ratings with bootstrap intervals, judging quality, and (on request)
the coverage simulation that chose the interval rule.

Targets (issue 16):
- the Bradley-Terry fit plus 1000 bootstrap draws (prompts and raters resampled together)
  for 10 vendors x 200 prompts x 5 raters, 9,000 votes, in under 1 s (`large`); `small` is
  the issue's own example, 5 vendors x 30 prompts x 3 raters, every pair on every prompt.
- Reference rows, no target: one fit alone (what the 1000 draws cost in fits), building the
  vote table from the votes as loaded, and the judging-quality measures.

Times are the minimum over repeats. `python bench/bench_bakeoff.py [small|large]` prints
the rows; `python bench/bench_bakeoff.py --coverage [RUNS]` prints the coverage table of
bench/README.md (several minutes: 200 runs x 1000 draws per scenario and method).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent / "tests")]

from bench_core import print_rows, row  # noqa: E402  (bench/ is put on the path just above)

RATINGS_TARGET = 1.0
#: vendors, prompts, raters
SIZES = {"small": (5, 30, 3), "large": (10, 200, 5)}
REPEATS = {"small": 7, "large": 5}


def best(run: Callable[[], Any], repeat: int) -> float:
    fastest = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


def scenario(size: str) -> Any:
    import numpy as np
    from bakeoff.simulate_votes import Scenario

    vendors, prompts, raters = SIZES[size]
    strengths = tuple(float(x) for x in np.linspace(0.6, -0.6, vendors))
    return Scenario(strengths=strengths, prompts=prompts, raters=raters, rater_taste=0.1,
                    tie=0.1, unusable=0.03)


def as_votes(table: Any) -> dict[str, list[Any]]:
    """The simulated table as the Vote objects `load_votes` gives, by rater."""
    from checklist.bakeoff.model import Vote

    verdicts = {1.0: "left", 0.0: "right", 0.5: "tie"}
    at = dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
    votes: dict[str, list[Any]] = {r: [] for r in table.raters}
    for k in range(len(table)):
        score = float(table.score[k])
        verdict = "both-unusable" if score != score else verdicts[score]
        votes[table.raters[table.rater[k]]].append(Vote(
            comparison=f"c{k:05d}", prompt=table.prompts[table.prompt[k]],
            left_output="o0000000000", right_output="o0000000001",
            left_vendor=table.vendors[table.left[k]], right_vendor=table.vendors[table.right[k]],
            verdict=verdict, at=at))  # type: ignore[arg-type]
    return votes


def measure(size: str) -> list[dict[str, Any]]:
    import numpy as np
    from bakeoff.simulate_votes import simulate

    from checklist.bakeoff.bradley_terry import PairTotals, fit_batch
    from checklist.bakeoff.quality import judging_quality
    from checklist.bakeoff.ratings import rate
    from checklist.bakeoff.vote_table import VoteTable

    vendors, prompts, raters = SIZES[size]
    table = simulate(scenario(size), 16)
    votes = as_votes(table)
    repeat = REPEATS[size]
    label = f"{vendors} vendors x {prompts} prompts x {raters} raters, {len(table):,} votes"
    ratings = best(lambda: rate(table, draws=1000, seed=1), repeat)

    def one_fit() -> None:
        keep = table.preference
        pairs = PairTotals.of(table.left[keep], table.right[keep], vendors)
        score = np.where(pairs.flip, 1 - table.score[keep], table.score[keep])
        wins = np.bincount(pairs.pair_of, score, minlength=len(pairs.first))
        totals = np.bincount(pairs.pair_of, minlength=len(pairs.first)).astype(float)
        fit_batch(pairs, wins[None], totals[None], vendors)

    fit = best(one_fit, repeat)
    category = {p: "general" for p in table.prompts}
    build = best(lambda: VoteTable.from_votes(votes, table.vendors, category), repeat)
    quality = best(lambda: judging_quality(table), repeat)
    return [
        row(f"bakeoff ratings: fit + 1000 draws ({label})", size, ratings,
            target=RATINGS_TARGET),
        row("bakeoff: one fit alone (reference: the draws cost this many fits)", size, fit,
            ratio=ratings / fit, ok=True),
        row("bakeoff: vote table from the loaded votes (reference)", size, build),
        row("bakeoff: judging quality (alpha, position, raters, unusable) (reference)", size,
            quality),
    ]


# --- coverage ----------------------------------------------------------------------------

COVERAGE_SCENARIOS = {
    "raters alike (5 vendors, 40 prompts, 4 raters)": {},
    "the issue's example (5 vendors, 30 prompts, 3 raters), raters differ": {
        "prompts": 30, "raters": 3, "rater_taste": 0.25, "prompt_effect": 0.2},
    "raters and prompts differ (40 prompts, 5 raters, σ 0.25 and 0.2)": {
        "raters": 5, "rater_taste": 0.25, "prompt_effect": 0.2},
    "raters differ a lot (40 prompts, 8 raters, σ 0.4)": {"raters": 8, "rater_taste": 0.4},
    "raters differ a lot, few of them (40 prompts, 5 raters, σ 0.5)": {
        "raters": 5, "rater_taste": 0.5},
}


def coverage_table(runs: int = 200) -> str:
    """Coverage of the 95% intervals (every vendor's Elo and every pair's gap, pooled) by
    three rules: prompts resampled alone, prompts and raters resampled together as is (the
    plain pigeonhole bootstrap), and together with the vote-noise correction (what
    checklist does)."""
    from unittest import mock

    from bakeoff.simulate_votes import Scenario, coverage

    from checklist.bakeoff import bootstrap

    lines = [f"| scenario ({runs} runs each) | prompts only | prompts + raters, plain | "
             "prompts + raters, corrected (checklist) |", "|---|---:|---:|---:|"]
    for name, settings in COVERAGE_SCENARIOS.items():
        chosen = Scenario(**settings)  # type: ignore[arg-type]
        alone = coverage(chosen, runs, seed=7, raters=False)
        with mock.patch.object(bootstrap, "excess", lambda prompts, raters: 0.0):
            plain = coverage(chosen, runs, seed=7)
        ours = coverage(chosen, runs, seed=7)

        def cell(shares: tuple[float, float]) -> str:
            return f"{shares[0]:.1%} / {shares[1]:.1%}"

        lines.append(f"| {name} | {cell(alone)} | {cell(plain)} | {cell(ours)} |")
        print(lines[-1], file=sys.stderr, flush=True)
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--coverage":
        print(coverage_table(int(sys.argv[2]) if len(sys.argv) > 2 else 200))
    else:
        print_rows(measure(sys.argv[1] if len(sys.argv) > 1 else "small"))
