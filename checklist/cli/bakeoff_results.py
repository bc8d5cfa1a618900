"""`checklist bakeoff results DIR`: the ratings and the judging quality as tables, or JSON.

Everything shown is computed by `checklist.bakeoff.results` (one computation for every
front end); this module only lays it out. numpy and scipy are imported when the command
runs, never for `--help`.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TYPE_CHECKING

from checklist import numbers as n

if TYPE_CHECKING:
    from checklist.bakeoff.claim_verdicts import ClaimVerdict
    from checklist.bakeoff.intervals import Estimate
    from checklist.bakeoff.quality import Quality
    from checklist.bakeoff.results import BakeoffResults, CategoryRatings


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("results", help="ratings with intervals, and how well the judging went")
    p.add_argument("dir", metavar="DIR", type=Path, help="the evaluation folder")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--category", metavar="TASK",
                   help="only the prompts of this task (e.g. text-to-video)")
    p.add_argument("--draws", type=int, default=1000, metavar="N",
                   help="bootstrap draws for the intervals (default 1000)")
    p.add_argument("--seed", type=int, metavar="S",
                   help="seed of the draws (default: the bake-off's seed)")
    p.set_defaults(handler=cmd_results)


def cmd_results(args: argparse.Namespace) -> int:
    from checklist.bakeoff.model import MAX_SEED
    from checklist.bakeoff.results import bakeoff_results, results_json
    from checklist.errors import ChecklistError

    if args.seed is not None and not 0 <= args.seed <= MAX_SEED:
        raise ChecklistError.plain(f"--seed {args.seed}: give a whole number from 0 to "
                                   f"{MAX_SEED}")
    results = bakeoff_results(args.dir, category=args.category, draws=args.draws,
                              seed=args.seed)
    verdicts = _claim_verdicts(results)
    if args.json:
        import sys

        from checklist.cli.output import dump_json

        data = results_json(results)
        data["claims"] = [_verdict_json(v) for v in verdicts]
        print(dump_json(data, indent=2 if sys.stdout.isatty() else None))
        return 0
    print(results_text(results))
    if verdicts:
        print("\n" + "\n".join(claims_section(verdicts)))
    return 0


def _claim_verdicts(results: BakeoffResults) -> list[ClaimVerdict]:
    from checklist.bakeoff.claim_verdicts import claim_verdicts
    from checklist.bakeoff.folder import read_evaluation

    return claim_verdicts(read_evaluation(results.bakeoff.evaluation), results)


def claims_section(verdicts: list[ClaimVerdict]) -> list[str]:
    """Every claim: its verdict with both numbers, or why the bake-off cannot check it."""
    from checklist.cli.table import render

    checked = [v for v in verdicts if v.check is not None]
    lines = ["Claims versus our own test: the claimed win probability against ours "
             "(95% interval)"]
    if checked:
        rows = []
        for v in checked:
            assert v.check is not None
            c = v.check
            ours = f"{_pct(c.ours.value)} ({_pct(c.ours.low)} to {_pct(c.ours.high)})"
            detect = (f"{round(c.detectable_elo)} Elo" if c.detectable_elo != float("inf")
                      else "unbounded")
            rows.append([v.vendor, v.claim.text, c.verdict,
                         f"{c.comparison.vendor} > {c.comparison.rival}",
                         "ahead" if c.comparison.kind == "rank" else _pct(c.claimed), ours,
                         detect, "; ".join(filter(None, [v.category or "", v.remark]))])
        lines.append(render(["vendor", "claim", "verdict", "pair", "claimed", "ours",
                             "detectable gap", "remark"], rows, max_width=48))
    else:
        lines.append("no claim compares two vendors of the bake-off in Elo, win rate or rank")
    others = [v for v in verdicts if v.check is None]
    if others:
        from checklist.errors import printable

        lines.append("Not checked by the bake-off:")
        lines += [printable(f"  {v.vendor}: \"{_short(v.claim.text)}\": {v.why_not}")
                  for v in others]
    lines.append("inconclusive means our votes cannot tell; the detectable gap says what they "
                 "could have seen")
    return lines


def _pct(value: float) -> str:
    from checklist.numbers import number

    return f"{number(round(value * 100, 1))}%"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _verdict_json(v: ClaimVerdict) -> dict[str, object]:
    c = v.check
    data: dict[str, object] = {"vendor": v.vendor, "claim": v.claim.text,
                               "verdict": c.verdict if c else None, "why_not": v.why_not,
                               "category": v.category, "remark": v.remark}
    if c is not None:
        def end(x: float) -> float | None:
            return round(x, 4) if math.isfinite(x) else None
        data.update(vendor_ahead=c.comparison.vendor, rival=c.comparison.rival,
                    kind=c.comparison.kind, claimed=round(c.claimed, 4),
                    ours={"value": end(c.ours.value), "low": end(c.ours.low),
                          "high": end(c.ours.high)},
                    detectable_elo=end(c.detectable_elo))
    return data


def results_text(results: BakeoffResults) -> str:
    from checklist.errors import printable

    table = results.table
    settings = results.bakeoff.settings
    lines = [
        f"{printable(settings.title or 'Bake-off')} · plan {results.plan} · {len(table)} of "
        f"{results.planned_votes} planned votes · {len(table.prompts)} prompts · "
        f"{len(table.raters)} raters",
        "",
    ]
    lines += _ratings_section(results, results.main, matrix=True)
    for category in results.categories:
        lines += ["", *_ratings_section(results, category, matrix=False)]
    lines += ["", *_quality_section(results.quality)]
    return "\n".join(lines)


def _ratings_section(results: BakeoffResults, rated: CategoryRatings, *,
                     matrix: bool) -> list[str]:
    from checklist.cli.table import render

    what = "all prompts" if rated.category is None else f"task {rated.category}"
    ratings = rated.ratings
    if ratings is None:
        return [f"Ratings, {what}: not rated: {'; '.join(rated.reasons)}"]
    level = f"{results.level:.0%}"
    lines = [f"Ratings, {what}: {ratings.votes} votes with a preference; {level} intervals "
             f"from {results.draws:,} draws over prompts and raters, seed {results.seed}"]
    unusable = {u.vendor: u for u in rated.unusable}
    ranking = ratings.ranking()
    rows = []
    for rank, vendor in enumerate(ranking, start=1):
        elo = ratings.elo(vendor)
        u = unusable[vendor]
        rows.append([str(rank), vendor, results.name(vendor), f"{elo.value:.0f}",
                     _elo_interval(elo), str(ratings.vendor_votes[ratings.index(vendor)]),
                     f"{_percent(u.rate.value)} of {u.votes} ({_percent_interval(u.rate)})"])
    lines.append(render(["rank", "vendor", "name", "Elo", f"{level} interval", "votes",
                         "both unusable"], rows, right=(0, 3, 5), max_width=30))
    if matrix:
        lines += ["", f"Win probability: row preferred to column (a tie counts half), {level} "
                  "interval"]
        cells = []
        for rank, vendor in enumerate(ranking, start=1):
            row = [f"{rank} {vendor}"]
            for other in ranking:
                if other == vendor:
                    row.append("—")
                    continue
                p = ratings.win_probability(vendor, other)
                row.append(f"{_percent(p.value)} ({_percent_interval(p)})")
            cells.append(row)
        headers = ["", *(f"vs {k}" for k in range(1, len(ranking) + 1))]
        lines.append(render(headers, cells, max_width=30))
        lines.append(_detectable_line(ratings))
    if ratings.degenerate_draws:
        lines.append(f"{ratings.degenerate_draws:,} of {results.draws:,} draws could not "
                     "separate some vendors; ∞, 0% and 100% mark ends the votes cannot bound")
    return lines


def _detectable_line(ratings: object) -> str:
    from checklist.bakeoff.bradley_terry import elo_to_probability
    from checklist.bakeoff.ratings import Ratings

    assert isinstance(ratings, Ratings)
    gaps = [(ratings.detectable_gap(a, b), a, b) for i, a in enumerate(ratings.vendors)
            for b in ratings.vendors[i + 1:]]
    worst, a, b = max(gaps, key=lambda g: (g[0], g[1], g[2]))
    if not math.isfinite(worst):
        return (f"Detectable (80% power): no gap for {a} vs {b}, whose interval is open; "
                "more votes are needed")
    return (f"Detectable (80% power), least certain pair {a} vs {b}: a gap of {worst:.0f} "
            f"Elo (preferred {elo_to_probability(worst):.1%}); smaller real gaps may not show")


def _quality_section(quality: Quality) -> list[str]:
    from checklist.cli.table import render

    a, p = quality.agreement, quality.position
    lines = ["Judging quality"]
    if a.units == 0:
        lines.append("  agreement between raters: not measured: no comparison was judged "
                     "twice (plan with --overlap 2)")
    else:
        lines.append(f"  agreement between raters (Krippendorff's alpha; 1 = full, 0 = chance): "
                     f"{_alpha(a.ordinal)} ordinal, {_alpha(a.nominal)} nominal, on {a.units} "
                     "comparisons judged twice or more")
    level = f"{quality.level:.0%}"
    if p.decisive == 0:
        lines.append("  position bias: no decisive votes yet")
    else:
        verdict = ("a bias towards one side" if p.detected else "no bias detected")
        lines.append(f"  position bias: left won {_percent(p.share.value)} of {p.decisive} "
                     f"decisive votes ({level}: {_percent_interval(p.share)}): {verdict}")
    rows = []
    for r in quality.raters:
        agreed = ("—" if r.agreed is None or r.expected is None
                  else f"{_percent(r.agreed)} ({_percent(r.expected)})")
        note = ""
        if r.flagged:
            note = f"flagged: {r.z:.1f} SE below the others' consensus"
        left = "—" if r.decisive == 0 else _percent(r.left.value)
        rows.append([r.rater, str(r.votes), agreed, left, note])
    table = render(["rater", "votes", "agreed with others (expected)", "left side", ""], rows,
                   right=(1,), max_width=60)
    return lines + ["  " + line for line in table.splitlines()]


def _alpha(value: float | None) -> str:
    """None: every vote on the shared comparisons was the same; no disagreement to expect."""
    return "— (all alike)" if value is None else n.score(value)  # never "-0.00"


def _percent(value: float) -> str:
    if math.isnan(value):
        return "—"
    return f"{value:.0%}"


def _percent_interval(estimate: Estimate) -> str:
    low = 0.0 if estimate.low == -math.inf else estimate.low
    high = 1.0 if estimate.high == math.inf else estimate.high
    if math.isnan(low) or math.isnan(high):
        return "—"
    return f"{low:.0%} to {high:.0%}"


def _elo_interval(estimate: Estimate) -> str:
    def end(value: float) -> str:
        if math.isinf(value):
            return "∞" if value > 0 else "-∞"
        return f"{value:.0f}"

    return f"{end(estimate.low)} to {end(estimate.high)}"
