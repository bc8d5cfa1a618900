"""Krippendorff's alpha: how much raters agree beyond chance, for any number of raters per
unit and missing values (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").

alpha = 1 - D_o / D_e: the disagreement observed between values given to the same unit,
over the disagreement expected between values drawn at random from all the pairable
values. 1 is perfect agreement, 0 agreement at chance level, below 0 systematic
disagreement. Only units with at least two values count (pairable values).

- **nominal**: any two different categories disagree equally (δ² = 1);
- **ordinal**: categories are ranked; δ²(c, k) = (Σ_{g=c..k} n_g - (n_c + n_k)/2)², with
  n_g the number of pairable values in category g, so disagreeing across a crowded
  middle category costs more than across a rare one.

Written here (about 20 lines on numpy) rather than taken from the `krippendorff` package:
the bake-off needs only these two levels on a handful of categories, and one more runtime
dependency (and a refreshed lock) was not worth it. It is checked against Krippendorff's
own worked example and a small example computed by hand (tests/bakeoff/test_agreement.py).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

Level = Literal["nominal", "ordinal"]


def coincidences(unit: NDArray[np.intp], value: NDArray[np.intp],
                 categories: int) -> NDArray[np.float64]:
    """The coincidence matrix o[c, k]: over units with m >= 2 values, every ordered pair of
    values from different raters, each unit weighted 1/(m - 1)."""
    if len(unit) == 0:
        return np.zeros((categories, categories))
    _, unit_index = np.unique(unit, return_inverse=True)
    counts = np.zeros((int(unit_index.max()) + 1, categories))
    np.add.at(counts, (unit_index.ravel(), value), 1.0)
    m = counts.sum(axis=1)
    keep = m >= 2
    counts, m = counts[keep], m[keep]
    pairs = counts[:, :, None] * counts[:, None, :]
    pairs[:, np.arange(categories), np.arange(categories)] -= counts
    return np.asarray((pairs / (m - 1)[:, None, None]).sum(axis=0), dtype=np.float64)


def alpha(unit: NDArray[np.intp], value: NDArray[np.intp], categories: int,
          level: Level = "nominal") -> float | None:
    """Krippendorff's alpha of values (0 .. categories-1, in rank order for "ordinal")
    given to units; None when no unit has two values or every value is the same (then
    there is no disagreement to expect, and alpha is undefined)."""
    o = coincidences(unit, value, categories)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    if n < 2:
        return None
    delta = _metric(n_c, level)
    expected = (np.outer(n_c, n_c) * delta).sum() / (n - 1)
    if expected <= 0:
        return None
    return float(1 - (o * delta).sum() / expected)


def _metric(n_c: NDArray[np.float64], level: Level) -> NDArray[np.float64]:
    size = len(n_c)
    if level == "nominal":
        return 1.0 - np.eye(size)
    cumulative = np.concatenate([[0.0], np.cumsum(n_c)])
    low = np.minimum.outer(np.arange(size), np.arange(size))
    high = np.maximum.outer(np.arange(size), np.arange(size))
    between = cumulative[high + 1] - cumulative[low]  # Σ n_g for g from low to high
    return np.asarray((between - (n_c[:, None] + n_c[None, :]) / 2) ** 2, dtype=np.float64)
