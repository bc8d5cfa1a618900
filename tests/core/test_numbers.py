"""How a number is printed: one module (`checklist.numbers`) for every front end.

The copies it replaced had drifted: the terminal summary printed a hype gap just below zero as
"-0.00" where the memo printed "+0.00".
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checklist import numbers as n
from checklist.cli import main

from cli_support import near_zero_gap

FORMATS = [n.score, n.signed, n.pct, n.share, n.points, n.number, n.impact]
NEGATIVE_ZERO = re.compile(r"-[0.]+%?( points)?")


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6))
def test_no_format_prints_a_negative_zero(value):
    for fmt in FORMATS:
        assert not NEGATIVE_ZERO.fullmatch(fmt(value)), (fmt.__name__, value, fmt(value))


@pytest.mark.parametrize(("fmt", "value", "text"), [
    (n.score, -0.001, "0.00"), (n.signed, -0.001, "+0.00"), (n.signed, -0.006, "-0.01"),
    (n.signed, 0.2, "+0.20"), (n.pct, -0.001, "0%"), (n.pct, 0.854, "85%"),
    (n.share, 0.0421, "4.2%"), (n.points, -0.001, "+0 points"), (n.points, 0.12, "+12 points"),
    (n.number, 2.5, "2.5"), (n.number, 2.0, "2"), (n.number, -0.001, "0"),
    (n.impact, -0.0001, "+0.000"), (n.impact, 0.031, "+0.031"), (n.span, None, None),
])
def test_formats(fmt, value, text):
    if fmt is n.span:
        assert n.span(0.55, 0.81) == "0.55–0.81" and n.span(None, 1) == "—–1.00"
        return
    assert fmt(value) == text
    assert fmt(None) == n.DASH


def test_chart_coordinates_stay_in_the_unit_square():
    assert [n.chart(v) for v in (None, -0.2, 0.0, 0.004, 0.625, 0.999, 1.5)] == [
        "0", "0", "0", "0", "0.62", "1", "1"]
    assert not math.isnan(float(n.chart(0.5)))


def test_summary_prints_a_gap_that_rounds_to_zero_as_plus_zero(tmp_path: Path, workdir: Path,
                                                               capsys: pytest.CaptureFixture[str]):
    """The hype gap is -0.002 (see `near_zero_gap`)."""
    ev = near_zero_gap(tmp_path)
    capsys.readouterr()
    assert main(["summary", str(ev)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "Acme" in line)
    assert "+0.00" in row.split() and "-0.00" not in out, out


def test_a_level_reads_with_its_word_on_every_screen():
    from checklist.model.rubric import Scale

    scale = Scale(min=0, max=4, labels={0: "None", 3: "Good"})
    assert [n.label(v, scale) for v in (3, 3.0, 2, 2.5, 2.25, None)] == [
        "3 Good", "3 Good", "2", "2.5", "2.25", n.DASH]
    assert [n.level(v, None, scale) for v in (3, 2.5)] == ["3/4 Good", "2.5/4"]


def test_a_vendors_figure_is_never_rounded() -> None:
    """A claim's published figure prints as published: 1357 Elo, 62.35 %, not 62.35 -> 62.4."""
    from checklist.numbers import DASH, figure

    assert [figure(v) for v in (1357.0, 62.35, -60.0, -0.0, 1.5e9, None)] == [
        "1357", "62.35", "-60", "0", "1500000000", DASH]
