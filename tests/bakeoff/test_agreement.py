"""Krippendorff's alpha against examples computed by hand and Krippendorff's own."""

from __future__ import annotations

import numpy as np
import pytest

from checklist.bakeoff.agreement import alpha, coincidences


def values(rows: list[list[int | None]]) -> tuple[np.ndarray, np.ndarray]:
    """Raters x units, None for a missing value -> (unit, value) arrays."""
    unit, value = [], []
    for row in rows:
        for u, x in enumerate(row):
            if x is not None:
                unit.append(u)
                value.append(x)
    return np.array(unit), np.array(value)


def test_nominal_by_hand() -> None:
    """Two raters, three units: (a, a), (a, b), (b, b).
    Coincidences: o_aa = 2, o_ab = o_ba = 1, o_bb = 2; n_a = n_b = 3, n = 6.
    D_o = o_ab + o_ba = 2; D_e = (n_a·n_b + n_b·n_a) / (n - 1) = 18/5.
    alpha = 1 - 2 / (18/5) = 4/9."""
    unit, value = values([[0, 0, 1], [0, 1, 1]])
    assert coincidences(unit, value, 2).tolist() == [[2, 1], [1, 2]]
    assert alpha(unit, value, 2, "nominal") == pytest.approx(4 / 9, abs=1e-12)


def test_ordinal_by_hand() -> None:
    """Two raters, four units: (0, 0), (0, 1), (1, 2), (2, 2); n_0 = 3, n_1 = 2, n_2 = 3.
    δ²(0,1) = (n_0 + n_1 - (n_0 + n_1)/2)² = 2.5² = 6.25; δ²(1,2) = 6.25;
    δ²(0,2) = (n_0 + n_1 + n_2 - (n_0 + n_2)/2)² = 5² = 25.
    D_o = o_01·δ²01 + o_10·δ²10 + o_12·δ²12 + o_21·δ²21 = 4 × 6.25 = 25.
    D_e = (2·3·2·6.25 + 2·2·3·6.25 + 2·3·3·25) / 7 = 600/7.
    alpha = 1 - 25 / (600/7) = 17/24."""
    unit, value = values([[0, 0, 1, 2], [0, 1, 2, 2]])
    assert alpha(unit, value, 3, "ordinal") == pytest.approx(17 / 24, abs=1e-12)
    # nominal on the same values: D_o = 4, D_e = (2·6 + 2·9 + 2·6)/7 = 6 -> 1 - 4/6
    assert alpha(unit, value, 3, "nominal") == pytest.approx(1 / 3, abs=1e-12)


def test_three_values_in_a_unit_weigh_one_over_m_minus_one_and_lone_values_drop() -> None:
    """Unit 0 has three values (a, a, b): its 6 ordered pairs weigh 1/2 each, so
    o_aa = 1, o_ab = o_ba = 1. Unit 1 has one value: not pairable, left out."""
    unit, value = values([[0, 1], [0, None], [1, None]])
    assert coincidences(unit, value, 2).tolist() == [[1, 1], [1, 0]]


def test_krippendorffs_worked_example() -> None:
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with
    four observers, twelve units and missing values: nominal 0.743, ordinal 0.815."""
    rows = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    unit, value = values([[None if x is None else x - 1 for x in row] for row in rows])
    assert round(alpha(unit, value, 5, "nominal"), 3) == 0.743
    assert round(alpha(unit, value, 5, "ordinal"), 3) == 0.815


def test_undefined_without_pairs_or_without_variation() -> None:
    unit, value = values([[0, 1, 0]])
    assert alpha(unit, value, 2) is None  # one rater: nothing to pair
    unit, value = values([[1, 1], [1, 1]])
    assert alpha(unit, value, 2) is None  # no disagreement to expect
    assert alpha(np.array([], dtype=np.intp), np.array([], dtype=np.intp), 2) is None


def test_perfect_agreement_is_one_and_systematic_disagreement_is_negative() -> None:
    unit, value = values([[0, 1, 0, 1], [0, 1, 0, 1]])
    assert alpha(unit, value, 2) == pytest.approx(1.0)
    unit, value = values([[0, 1, 0, 1], [1, 0, 1, 0]])
    assert alpha(unit, value, 2) < 0
