"""Measures from per-request rows: latency percentiles, error rate, cost per request.

Pure arithmetic on what a results file says about each request. Percentiles interpolate
linearly between the two nearest ranks (numpy's and Excel's PERCENTILE.INC default), so a
person can check a figure in a spreadsheet; one request is its own percentile.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    """One request as a results file records it; None where the file does not say."""

    latency_s: float | None = None
    cost: float | None = None
    ok: bool = True


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` (0..1) percentile by linear interpolation between closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    cuts = statistics.quantiles(ordered, n=1000, method="inclusive")
    index = round(share * 1000)
    if index <= 0:
        return ordered[0]
    if index >= 1000:
        return ordered[-1]
    return cuts[index - 1]


def request_measures(requests: Sequence[Request]) -> dict[str, tuple[float, str]]:
    """`measure.*` values with how each was computed, from the requests that say it."""
    out: dict[str, tuple[float, str]] = {}
    if not requests:
        return out
    failed = sum(not r.ok for r in requests)
    out["measure.error-rate"] = (failed / len(requests),
                                 f"{failed} of {len(requests)} requests failed")
    times = [r.latency_s for r in requests if r.ok and r.latency_s is not None
             and math.isfinite(r.latency_s)]
    if times:
        for name, share in (("measure.latency-p50", 0.5), ("measure.latency-p95", 0.95)):
            out[name] = (percentile(times, share), f"{name.rsplit('-', 1)[1]} of "
                         f"{len(times)} successful requests' latency")
    costs = [r.cost for r in requests if r.cost is not None and math.isfinite(r.cost)]
    if costs:
        out["measure.cost-per-request"] = (math.fsum(costs) / len(costs),
                                           f"mean of {len(costs)} requests' cost")
    return out
