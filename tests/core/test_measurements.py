"""Number questions aggregate the raters' measurements, then map the result to a level
(issue 14 item 1). Values computed by hand from tests/data/tiny.yaml: `latency` is a number
question in s, lower is better, thresholds 4: 30, 3: 60, 2: 120, 1: 300; scale 0..4; the
policy's `measure_spread` defaults to 0.25.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checklist.cli import main
from checklist.files.library import load_rubric_file, resolve_entry
from checklist.model import Answer, Evaluation, Ratings, RubricPin, Vendor
from checklist.model.answer_edit import Value, parse_value
from checklist.model.rubric import Policy, Question, Rubric, Scale
from checklist.scoring import score
from checklist.scoring.export import disagreement_json
from checklist.scoring.narrative import rater_levels

A = pytest.approx


@pytest.fixture
def rubric(tiny_rubric: Path) -> Rubric:
    return resolve_entry(load_rubric_file(tiny_rubric))


def evaluation(rubric: Rubric, *vendors: str) -> Evaluation:
    return Evaluation(title="t", rubric=RubricPin(id=rubric.id, version=rubric.version,
                                                  sha256=rubric.digest()),
                      context={"public": True},
                      vendors=[Vendor(id=v, name=v.title()) for v in vendors])


def ratings(rater: str, answers: dict[str, dict[str, dict]]) -> Ratings:
    return Ratings(rater=rater, answers={
        v: {q: Answer(**a) for q, a in qs.items()} for v, qs in answers.items()})


def _latency(rubric, *values: float, aggregate: str = "mean"):
    files = {f"r{i}": ratings(f"r{i}", {"acme": {"latency": {"value": v}}})
             for i, v in enumerate(values)}
    card = score(evaluation(rubric, "acme"), rubric, files, aggregate=aggregate, draws=0)
    return card.vendor("acme").questions["latency"]


def test_two_close_measurements_either_side_of_a_bound_are_averaged_as_values(rubric):
    # 55 s meets the 60 s threshold (level 3), 65 s only the 120 s one (level 2). Their mean,
    # 60 s, meets 60 s: level 3, value 0.75 (averaging the levels gave 2.5).
    q = _latency(rubric, 55, 65)
    assert q.measured == A(60.0)
    assert q.level == 3 and q.value == A(0.75)
    assert q.measured_spread == A(10 / 65)       # 0.154 < 0.25: not a disagreement
    assert not q.disagreement


def test_median_of_measurements(rubric):
    # 10, 20, 400 s: median 20 s -> level 4; mean 143.3 s -> level 1.
    assert _latency(rubric, 10, 20, 400, aggregate="median").level == 4
    mean = _latency(rubric, 10, 20, 400)
    assert mean.measured == A(430 / 3) and mean.level == 1


def test_a_wide_spread_of_measurements_is_flagged_even_on_one_level(rubric):
    # 0.4 s and 30 s both meet the 30 s threshold (level 4, level spread 0), but the spread
    # is (30 - 0.4) / 30 = 0.987 of the larger: a disagreement.
    q = _latency(rubric, 0.4, 30)
    assert q.level == 4 and q.spread == 0
    assert q.measured_spread == A(29.6 / 30)
    assert q.disagreement
    assert rater_levels(q) == "r0 0.4 s, r1 30 s"
    assert disagreement_json(q) == {"question": "latency", "spread": 0,
                                    "relative_spread": 0.9867, "unit": "s",
                                    "raters": {"r0": 0.4, "r1": 30.0}}


def test_the_policy_sets_the_relative_spread(rubric):
    strict = rubric.model_copy(update={"policy": rubric.policy.model_copy(
        update={"measure_spread": 0.1})})
    assert _latency(strict, 55, 65).disagreement          # 0.154 >= 0.1


def test_measure_spread_at_its_default_leaves_the_pin_alone(rubric):
    assert "measure_spread" not in rubric.stored()["policy"]
    changed = rubric.model_copy(update={"policy": rubric.policy.model_copy(
        update={"measure_spread": 0.5})})
    assert changed.stored()["policy"]["measure_spread"] == 0.5
    assert changed.digest() != rubric.digest()
    assert Policy().measure_spread == 0.25


UPTIME = Question(id="uptime", text="Uptime", type="number", unit="%", better="higher",
                  thresholds={4: 99.9})


@pytest.mark.parametrize(("raw", "number"), [("99.5%", 99.5), ("99.5 %", 99.5), ("99.5", 99.5)])
def test_a_percentage_with_its_unit(raw: str, number: float) -> None:
    assert parse_value(UPTIME, Scale(), raw) == Value("value", number)


def test_rate_refuses_a_value_in_another_unit_and_keeps_the_file(
        tiny_eval: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def rate(value: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["rate", str(tiny_eval), "--rater", "ana", "--vendor", "acme",
                     "--question", "latency", "--value", value])
        out, err = capsys.readouterr()
        return code, out, err

    assert rate("2.1s")[0] == 0
    before = {p: p.read_bytes() for p in sorted(tiny_eval.rglob("*")) if p.is_file()}
    code, _, err = rate("2100 ms")
    assert code == 2
    assert "measures in s, not 'ms'; convert the value to s" in err
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in sorted(tiny_eval.rglob("*")) if p.is_file()} == before
    code, out, _ = rate("2.5 s")
    assert code == 0 and out.startswith("acme / latency = 2.5 s")
